//! Reply and forward subjects without stacked prefixes (`Re: Re: Aw: Hi` becomes `Re: Hi`).
//!
//! Mail clients localise their prefixes (`Aw:` in German, `Sv:` in Scandinavian languages,
//! `回复：` in Chinese), may count them (`Re[2]:`, `Re(3):`, `Re^2:`) and put a space before the
//! colon (`RE :` in French). A reply removes every reply prefix at the front and adds one `Re:`;
//! a forward does the same with forward prefixes and `Fwd:`. A prefix of the other kind stops
//! the stripping, so `Re: Fwd: Hi` is replied to as `Re: Fwd: Hi`, as other clients do.

/// Reply prefixes, lower case, as clients in various languages write them.
const REPLY_WORDS: &[&str] = &[
    "re", "aw", "sv", "vs", "antw", "antwort", "réf", "réf.", "ref.", "rif", "odp", "res", "ynt",
    "atb", "vá", "отв", "回复", "答复", "回覆", "答覆",
];

/// Forward prefixes, lower case.
const FORWARD_WORDS: &[&str] = &[
    "fwd", "fw", "wg", "tr", "rv", "enc", "doorst", "vb", "vl", "pd", "转发", "轉寄", "転送",
];

/// The subject of a reply: `Re: ` and the subject without its leading reply prefixes.
///
/// A mailing-list tag in front (`[list] Re: Hi`) is kept, and the prefixes behind it go:
/// `Re: [list] Hi`.
///
/// ```
/// use wasmail_core::reply::reply_subject;
/// assert_eq!(reply_subject("Re: Re: Aw: Hello"), "Re: Hello");
/// assert_eq!(reply_subject("RE[2]: Hello"), "Re: Hello");
/// assert_eq!(reply_subject("Fwd: Hello"), "Re: Fwd: Hello");
/// ```
pub fn reply_subject(subject: &str) -> String {
    with_prefix("Re:", subject, REPLY_WORDS)
}

/// The subject of a forward: `Fwd: ` and the subject without its leading forward prefixes.
///
/// ```
/// use wasmail_core::reply::forward_subject;
/// assert_eq!(forward_subject("Fw: FWD: Hello"), "Fwd: Hello");
/// assert_eq!(forward_subject("Re: Hello"), "Fwd: Re: Hello");
/// ```
pub fn forward_subject(subject: &str) -> String {
    with_prefix("Fwd:", subject, FORWARD_WORDS)
}

/// The subject without any reply or forward prefix, for grouping messages into threads.
///
/// ```
/// use wasmail_core::reply::base_subject;
/// assert_eq!(base_subject("Re: Fwd: AW: Hello "), "Hello");
/// ```
pub fn base_subject(subject: &str) -> &str {
    let mut rest = subject.trim();
    while let Some(after) =
        strip_prefix_word(rest, REPLY_WORDS).or_else(|| strip_prefix_word(rest, FORWARD_WORDS))
    {
        rest = after;
    }
    rest
}

fn with_prefix(prefix: &str, subject: &str, words: &[&str]) -> String {
    let mut rest = strip_all(subject.trim(), words);
    let tag = list_tag(rest);
    if let Some(tag) = tag {
        rest = strip_all(rest[tag.len()..].trim_start(), words);
    }
    let mut out = String::with_capacity(prefix.len() + subject.len() + 1);
    out.push_str(prefix);
    for part in [tag.unwrap_or(""), rest] {
        if !part.is_empty() {
            out.push(' ');
            out.push_str(part);
        }
    }
    out
}

fn strip_all<'a>(mut subject: &'a str, words: &[&str]) -> &'a str {
    while let Some(after) = strip_prefix_word(subject, words) {
        subject = after;
    }
    subject
}

/// A leading `[list-name]` tag as mailing lists add, short and without nested brackets.
fn list_tag(subject: &str) -> Option<&str> {
    let end = subject.strip_prefix('[')?.find(['[', ']'])? + 1;
    (subject.as_bytes()[end] == b']' && end <= 64).then(|| &subject[..=end])
}

/// Removes one prefix such as `Re:`, `AW :`, `Re[2]:`, `Re(2):`, `Re^2:` or `回复：`, and the
/// spaces after it.
fn strip_prefix_word<'a>(subject: &'a str, words: &[&str]) -> Option<&'a str> {
    let word_end = subject
        .find(|c: char| !(c.is_alphabetic() || c == '.'))
        .unwrap_or(subject.len());
    let word = &subject[..word_end];
    if !words
        .iter()
        .any(|known| super::case::eq_folded(known, word))
    {
        return None;
    }
    let rest = skip_counter(&subject[word_end..]).trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    Some(rest.trim_start())
}

/// Skips `[2]`, `(2)` or `^2` after a prefix word.
fn skip_counter(rest: &str) -> &str {
    let digits_then = |s: &'_ str, close: Option<char>| -> Option<usize> {
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = &s[digits..];
        match close {
            Some(close) if digits > 0 && after.starts_with(close) => Some(digits + 1),
            None if digits > 0 => Some(digits),
            _ => None,
        }
    };
    let (open, close) = match rest.chars().next() {
        Some('[') => ('[', Some(']')),
        Some('(') => ('(', Some(')')),
        Some('^') => ('^', None),
        _ => return rest,
    };
    let inner = &rest[open.len_utf8()..];
    match digits_then(inner, close) {
        Some(len) => &inner[len..],
        None => rest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters() {
        assert_eq!(skip_counter("[12]: x"), ": x");
        assert_eq!(skip_counter("(3):"), ":");
        assert_eq!(skip_counter("^2:"), ":");
        assert_eq!(skip_counter("[x]:"), "[x]:");
        assert_eq!(skip_counter(": x"), ": x");
    }

    #[test]
    fn list_tags() {
        assert_eq!(list_tag("[dev] hi"), Some("[dev]"));
        assert_eq!(list_tag("[a[b] hi"), None);
        assert_eq!(list_tag("[open"), None);
        assert_eq!(list_tag("hi"), None);
    }
}
