//! Preparing part contents for mail-builder, which chooses 7bit, quoted-printable or base64
//! for text on its own, and handling the cases it does not cover: bare CR and control
//! characters (which it would send as 7bit) and `message/rfc822` (which it would base64,
//! against RFC 2046 5.2.1).

use std::borrow::Cow;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// RFC 5322 2.1.1: no line may exceed 998 octets, excluding CRLF.
pub(crate) const MAX_LINE_OCTETS: usize = 998;

/// Input bytes per base64 line: 57 bytes make the customary 76 characters.
const BASE64_LINE_INPUT: usize = 57;

/// Text with its line ends made CRLF, whatever they were (LF, CR or CRLF): MIME text is
/// canonical CRLF.
pub(crate) fn normalize_text_newlines(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\r') {
        // The common case, text from a browser: LF only. `split` on a char uses memchr.
        if !bytes.contains(&b'\n') {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 2);
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                out.push_str("\r\n");
            }
            out.push_str(line);
        }
        return Cow::Owned(out);
    }
    match normalize_newlines(bytes) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // Only ASCII CR and LF were touched, so the text is still UTF-8.
        Cow::Owned(bytes) => Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()),
        ),
    }
}

/// Bytes with their line ends made CRLF, as [`normalize_text_newlines`] does for text.
pub(crate) fn normalize_newlines(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !has_bare_newline(bytes) {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    let mut iter = bytes.iter().copied().peekable();
    while let Some(byte) = iter.next() {
        match byte {
            b'\r' => {
                iter.next_if_eq(&b'\n');
                out.extend_from_slice(b"\r\n");
            }
            b'\n' => out.extend_from_slice(b"\r\n"),
            _ => out.push(byte),
        }
    }
    Cow::Owned(out)
}

/// Whether some CR is not followed by LF or some LF not preceded by CR: true unless the
/// CRs, the LFs and the CRLF pairs are equally many. Counting vectorises; a branchy
/// byte-by-byte walk made this the slowest step of composing.
pub(crate) fn has_bare_newline(text: &[u8]) -> bool {
    let count = |wanted: u8| text.iter().filter(|&&b| b == wanted).count();
    let (crs, lfs) = (count(b'\r'), count(b'\n'));
    if crs != lfs {
        return true;
    }
    let pairs = text
        .iter()
        .zip(text.iter().skip(1))
        .filter(|&(&a, &b)| a == b'\r' && b == b'\n');
    pairs.count() != crs
}

/// Control characters no text part may carry unencoded (everything below space except TAB,
/// CR, LF and form feed, plus DEL). mail-builder would send them as 7bit.
pub(crate) fn has_unsafe_controls(text: &[u8]) -> bool {
    // Bitwise rather than short-circuit operators, so the inner loop vectorises.
    let is_unsafe =
        |b: u8| (b < b' ') & (b != b'\t') & (b != b'\r') & (b != b'\n') & (b != 0x0c) | (b == 0x7f);
    text.chunks(64)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | is_unsafe(b)))
}

/// Base64 in 76-character CRLF-terminated lines, for parts we encode ourselves.
pub(crate) fn base64_lines(bytes: &[u8]) -> Vec<u8> {
    let mut out = String::with_capacity(bytes.len() / 3 * 4 + bytes.len() / 28 + 8);
    for chunk in bytes.chunks(BASE64_LINE_INPUT) {
        STANDARD.encode_string(chunk, &mut out);
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// How an attached message travels: `message/rfc822` allows only 7bit, 8bit or binary, and
/// binary cannot go through SMTP DATA, so a message that is neither 7bit nor 8bit is refused.
pub(crate) struct RawMessageEncoding<'a> {
    /// The message with CRLF line ends.
    pub(crate) bytes: Cow<'a, [u8]>,
    /// `true` for 8bit (some byte above 127), `false` for 7bit.
    pub(crate) is_8bit: bool,
}

/// Checks an attached message and says how to send it, or why it cannot be sent unencoded.
pub(crate) fn raw_message_encoding(message: &[u8]) -> Result<RawMessageEncoding<'_>, &'static str> {
    let bytes = normalize_newlines(message);
    if bytes.contains(&0) {
        return Err("it contains a NUL byte");
    }
    if longest_line(&bytes) > MAX_LINE_OCTETS {
        return Err("it has a line longer than 998 octets");
    }
    let is_8bit = !bytes.is_ascii();
    Ok(RawMessageEncoding { bytes, is_8bit })
}

/// Length of the longest line, CRLF excluded.
pub(crate) fn longest_line(bytes: &[u8]) -> usize {
    bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line).len())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_become_crlf() {
        assert_eq!(
            &*normalize_newlines(b"a\nb\rc\r\nd\n\re"),
            b"a\r\nb\r\nc\r\nd\r\n\r\ne"
        );
        assert!(matches!(normalize_newlines(b"a\r\nb"), Cow::Borrowed(_)));
        assert_eq!(normalize_text_newlines("é\nü\r"), "é\r\nü\r\n");
    }

    #[test]
    fn raw_messages_with_long_lines_are_refused() {
        let long = vec![b'a'; 999];
        assert!(raw_message_encoding(&long).is_err());
        assert!(
            raw_message_encoding(b"Subject: x\n\n\xc3\xa9\n")
                .unwrap()
                .is_8bit
        );
    }
}
