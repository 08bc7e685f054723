//! Preparing part contents for mail-builder, which chooses 7bit, quoted-printable or base64
//! for text on its own, and handling the cases it does not cover: bare CR and control
//! characters (which it would send as 7bit) and `message/rfc822` (which it would base64,
//! against RFC 2046 5.2.1).

use std::borrow::Cow;

use encodify::base64::STANDARD;

use super::content_scan::ContentScan;

/// RFC 5322 2.1.1: no line may exceed 998 octets, excluding CRLF.
pub(crate) const MAX_LINE_OCTETS: usize = 998;

/// Input bytes per base64 line: 57 bytes make the customary 76 characters.
const BASE64_LINE_INPUT: usize = 57;

/// Text with its line ends made CRLF, whatever they were (LF, CR or CRLF): MIME text is
/// canonical CRLF. `scan` is the text's [`ContentScan`].
pub(crate) fn normalize_text_newlines(text: &str, scan: ContentScan) -> Cow<'_, str> {
    if !scan.has_bare_newline() {
        return Cow::Borrowed(text);
    }
    if !scan.has_cr() {
        // The common case, text from a browser: LF only. `split` on a char uses memchr.
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 2);
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                out.push_str("\r\n");
            }
            out.push_str(line);
        }
        return Cow::Owned(out);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 2);
    let mut rest = text;
    while let Some(at) = rest.find(['\r', '\n']) {
        out.push_str(&rest[..at]);
        out.push_str("\r\n");
        let width = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + width..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Bytes with their line ends made CRLF, as [`normalize_text_newlines`] does for text.
pub(crate) fn normalize_newlines(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !ContentScan::of(bytes).has_bare_newline() {
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

/// Base64 in 76-character CRLF-terminated lines, for parts we encode ourselves.
pub(crate) fn base64_lines(bytes: &[u8]) -> Vec<u8> {
    let mut out = String::with_capacity(bytes.len() / 3 * 4 + bytes.len() / 28 + 8);
    for chunk in bytes.chunks(BASE64_LINE_INPUT) {
        STANDARD.encode_append(chunk, &mut out);
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
        for (text, expected) in [("é\nü\r", "é\r\nü\r\n"), ("a\r\nb\nc", "a\r\nb\r\nc")] {
            let scan = ContentScan::of(text.as_bytes());
            assert_eq!(normalize_text_newlines(text, scan), expected);
        }
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
