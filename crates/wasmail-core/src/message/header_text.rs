//! How an unstructured header value (Subject, extra headers) is handed to mail-builder so the
//! reader gets back exactly the text the caller gave, on lines of at most 998 octets.

use encodify::base64::STANDARD;
use mail_builder::headers::HeaderType;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::text::Text;

/// Longest run without whitespace written as is; longer runs could not be folded onto a
/// 998-octet line, so the value is encoded instead.
const MAX_UNFOLDABLE_RUN: usize = 900;

/// Input bytes per encoded word: 45 bytes make 60 base64 characters, 72 with the
/// `=?utf-8?B?` and `?=` around them: with the folding space, a 73-character line, within
/// RFC 2047's 76.
const BYTES_PER_WORD: usize = 45;

/// RFC 2047 section 2: a line holding an encoded word is at most 76 characters long.
const ENCODED_LINE: usize = 76;

/// `=?utf-8?B?` and `?=`.
const WORD_OVERHEAD: usize = 12;

/// Headers whose name is longer than this have their non-ASCII values encoded by us, whose
/// first word is sized to the room after the name; mail-builder's own encoding does not fold
/// after a long name.
const SHORT_NAME: usize = 20;

/// Picks the header representation for `value`:
/// - plain ASCII is written as it is, folded at whitespace (mail-builder would turn any ASCII
///   value over 77 characters into encoded words, which breaks headers such as
///   `List-Unsubscribe` that readers do not decode);
/// - non-ASCII text becomes RFC 2047 encoded words, chosen by mail-builder;
/// - ASCII that a reader would misread (it contains `=?`, which looks like an encoded word)
///   or could not fold is encoded by us, since mail-builder would write it raw.
pub(super) fn unstructured<'a>(name: &str, value: &'a str) -> HeaderType<'a> {
    let looks_encoded = value.contains("=?");
    if !value.is_ascii() && !looks_encoded && name.len() <= SHORT_NAME {
        return Text::new(value).into();
    }
    if value.is_ascii() && !looks_encoded && longest_run(value) <= MAX_UNFOLDABLE_RUN {
        return Raw::new(value).into();
    }
    Raw::new(encoded_words(value, first_line_room(name))).into()
}

/// What is left of an encoded word's line after `Name: `.
fn first_line_room(name: &str) -> usize {
    ENCODED_LINE.saturating_sub(name.len() + 2)
}

/// An extra header's value, in its field's syntax:
/// - `Keywords` (RFC 5322 3.6.5): phrases, each encoded on its own so the commas stay
///   separators;
/// - `List-Id` (RFC 2919): the description encoded, the `<id>` as written;
/// - the other `List-*` fields: URLs, ASCII by construction, never encoded;
/// - any other: [`unstructured`] text.
pub(super) fn extra<'a>(name: &str, value: &'a str) -> HeaderType<'a> {
    let plain = value.is_ascii() && !value.contains("=?");
    if name.eq_ignore_ascii_case("Keywords") && !plain {
        return keywords(name, value);
    }
    if name.eq_ignore_ascii_case("List-Id")
        && !plain
        && let Some(open) = value.rfind('<')
    {
        let description = value[..open].trim();
        let words = encoded_words(description, first_line_room(name));
        return Raw::new(format!("{words} {}", &value[open..])).into();
    }
    let is_list = name
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("List-"));
    if is_list && value.is_ascii() {
        return Raw::new(value).into();
    }
    unstructured(name, value)
}

/// Keywords as phrases: plain ones as they are, others as encoded words that start a folded
/// line of their own (so no line holding one passes 76 characters).
fn keywords<'a>(name: &str, value: &'a str) -> HeaderType<'a> {
    let mut out = String::with_capacity(value.len() * 2);
    for phrase in split_phrases(value) {
        let plain = phrase.is_ascii() && !phrase.contains("=?");
        // Room is left for the comma that may follow.
        let room = match (out.is_empty(), plain) {
            (true, _) => first_line_room(name).saturating_sub(1),
            (false, true) => {
                out.push_str(", ");
                0
            }
            (false, false) => {
                out.push_str(",\r\n ");
                ENCODED_LINE - 2
            }
        };
        match plain {
            true => out.push_str(phrase),
            false => out.push_str(&encoded_words(phrase, room)),
        }
    }
    Raw::new(out).into()
}

/// The comma-separated phrases of `value`, trimmed, empty ones left out; a comma inside a
/// quoted string separates nothing.
fn split_phrases(value: &str) -> Vec<&str> {
    let mut phrases = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (index, ch) in value.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                phrases.push(value[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    phrases.push(value[start..].trim());
    phrases.retain(|phrase| !phrase.is_empty());
    phrases
}

/// Mailboxes as `name <address>`, every name as encoded words (or quoted, when plain ASCII
/// without `=?`): for address fields whose names mail-builder would write in a way readers
/// misread.
pub(super) fn mailboxes<'a, 'b>(
    field: &str,
    entries: impl Iterator<Item = (Option<&'b str>, std::borrow::Cow<'b, str>)>,
) -> HeaderType<'a> {
    let mut out = String::new();
    for (name, email) in entries {
        let encoded = name.is_some_and(|name| !name.is_ascii() || name.contains("=?"));
        // An encoded name after the first starts a folded line of its own, so no line holding
        // one passes 76 characters.
        let room = match (out.is_empty(), encoded) {
            (true, _) => first_line_room(field),
            (false, true) => {
                out.push_str(",\r\n ");
                ENCODED_LINE - 1
            }
            (false, false) => {
                out.push_str(", ");
                ENCODED_LINE
            }
        };
        match name {
            Some(name) if name.is_ascii() && !name.contains("=?") => {
                // Writing to a String cannot fail.
                let _ = crate::mailbox::write_quoted(&mut out, name);
                out.push_str(" <");
            }
            Some(name) => {
                out.push_str(&encoded_words(name, room));
                out.push_str(" <");
            }
            None => out.push('<'),
        }
        out.push_str(&email);
        out.push('>');
    }
    Raw::new(out).into()
}

fn longest_run(value: &str) -> usize {
    if value.len() <= MAX_UNFOLDABLE_RUN {
        return value.len(); // no need to look: short enough either way
    }
    value.split([' ', '\t']).map(str::len).max().unwrap_or(0)
}

/// The whole value as `=?utf-8?B?...?=` words separated by spaces (which a reader drops
/// between adjacent encoded words), each cut at a character boundary. The first word fits in
/// `first_room` characters where that leaves room for a character or more, so that the line
/// it shares with the header name stays within 76; the others fill a folded line each.
fn encoded_words(value: &str, first_room: usize) -> String {
    let mut out = String::with_capacity(value.len() * 2);
    let mut rest = value;
    // Four base64 characters carry three bytes; a UTF-8 character takes up to four.
    let first_bytes = first_room.saturating_sub(WORD_OVERHEAD) / 4 * 3;
    // A name over 54 characters leaves no room for a word: mail-builder cannot fold before
    // the first one, so that line alone goes past 76 (never past 998).
    let mut budget = match first_bytes {
        0..6 => BYTES_PER_WORD,
        bytes => bytes.min(BYTES_PER_WORD),
    };
    while !rest.is_empty() {
        let mut cut = rest.len().min(budget);
        budget = BYTES_PER_WORD;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str("=?utf-8?B?");
        STANDARD.encode_append(&rest.as_bytes()[..cut], &mut out);
        out.push_str("?=");
        rest = &rest[cut..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_stay_short_and_split_on_characters() {
        let words = encoded_words(&"é".repeat(100), ENCODED_LINE);
        for word in words.split(' ') {
            assert!(word.len() <= 75, "{word}");
        }
        assert_eq!(words.split(' ').count(), 5); // 200 bytes, 44 per word (22 two-byte chars)
    }
}
