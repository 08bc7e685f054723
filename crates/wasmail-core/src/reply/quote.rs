//! Quoting a plain-text body the way mail clients do: `> ` before new text, `>` before text
//! that is already quoted, so `> x` becomes `>> x` and quote depths stay readable.

/// Quotes `text` for a reply: line endings normalised to `\n`, the signature dropped (see
/// [`strip_signature`]), blank lines at both ends removed, then each line prefixed.
///
/// Unquoted lines get `> `, already-quoted lines `>` (so `> x` becomes `>> x`), empty lines a
/// bare `>`, leaving no trailing spaces.
///
/// ```
/// use wasmail_core::reply::quote_text;
/// assert_eq!(
///     quote_text("Yes.\r\n\r\n> Lunch?\r\n-- \r\nJane\r\n"),
///     "> Yes.\n>\n>> Lunch?",
/// );
/// ```
pub fn quote_text(text: &str) -> String {
    let text = normalize_newlines(text);
    let body = strip_signature(&text);
    let lines: Vec<&str> = body
        .lines()
        .map(|line| line.trim_end_matches(' '))
        .collect();
    // A line of bare quote marks is as empty as a blank one at either end.
    let has_content = |line: &&str| {
        !line
            .trim_matches(|c: char| c == '>' || c.is_whitespace())
            .is_empty()
    };
    let first = lines.iter().position(has_content);
    let last = lines.iter().rposition(has_content);
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let mut out = String::with_capacity(body.len() + 2 * (last - first + 1));
    for (index, line) in lines[first..=last].iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if line.is_empty() {
            out.push('>');
        } else if line.starts_with('>') {
            out.push('>');
            out.push_str(line);
        } else {
            out.push_str("> ");
            out.push_str(line);
        }
    }
    out
}

/// Removes the signature: from the first unquoted `-- ` line (RFC 3676 4.3) to the end.
///
/// When quoted history follows the signature (a top-posted message), only the signature goes:
/// the quoted lines stay, with the paragraph right above them when it is their attribution
/// (ends with a colon, as `On ..., ... wrote:` does).
///
/// ```
/// use wasmail_core::reply::strip_signature;
/// assert_eq!(strip_signature("Hi\n-- \nJane\n"), "Hi\n");
/// assert_eq!(
///     strip_signature("Hi\n-- \nJane\n\nOn Mon, Bob wrote:\n> x\n"),
///     "Hi\n\nOn Mon, Bob wrote:\n> x\n",
/// );
/// ```
pub fn strip_signature(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_delimiter = |line: &&str| line.trim_end_matches(['\r', '\n']) == "-- ";
    let Some(start) = lines.iter().position(is_delimiter) else {
        return text.to_owned();
    };
    let mut kept: String = lines[..start].concat();
    let first_quoted = lines[start + 1..]
        .iter()
        .position(|line| line.starts_with('>'));
    if let Some(offset) = first_quoted {
        let quote = start + 1 + offset;
        let from = attribution_start(&lines, start + 1, quote).unwrap_or(quote);
        // One blank line between the message and the quote, as before the signature.
        if start > 0 && !lines[start - 1].trim().is_empty() {
            kept.push('\n');
        }
        kept.push_str(&lines[from..].concat());
    }
    kept
}

/// Where the attribution of the quote starting at line `quote` begins: the paragraph right
/// above it (blank lines between allowed) when it ends with a colon, as `... wrote:` does.
/// `floor` is the first line it may start at.
fn attribution_start(lines: &[&str], floor: usize, quote: usize) -> Option<usize> {
    let is_blank = |line: &str| line.trim().is_empty();
    let mut end = quote;
    while end > floor && is_blank(lines[end - 1]) {
        end -= 1;
    }
    if end == floor || !lines[end - 1].trim_end().ends_with(':') {
        return None;
    }
    let mut start = end - 1;
    while start > floor && !is_blank(lines[start - 1]) {
        start -= 1;
    }
    Some(start)
}

/// CRLF and lone CR become LF.
pub(crate) fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank() {
        assert_eq!(quote_text(""), "");
        assert_eq!(quote_text("\n \n"), "");
    }

    #[test]
    fn signature_in_quoted_text_is_kept() {
        assert_eq!(strip_signature("a\n> -- \n> sig\n"), "a\n> -- \n> sig\n");
    }
}
