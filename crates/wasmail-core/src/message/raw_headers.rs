//! Reading and editing the header section of a message given as bytes (an `.eml` sent as it
//! is, or opened to reply to).

use std::borrow::Cow;

/// `raw` without its `Bcc:` and `Resent-Bcc:` header fields (continuation lines included), so
/// blind copies stay blind when a finished message is sent as it is: the envelope carries the
/// Bcc recipients, the message must not. Everything else, the body included, is left byte for
/// byte.
///
/// ```
/// use wasmail_core::message::without_bcc;
/// let raw = b"From: a@x\r\nBcc: secret@y,\r\n other@z\r\nTo: b@x\r\nResent-BCC : c@z\r\n\r\nBcc: body\r\n";
/// assert_eq!(&*without_bcc(raw), b"From: a@x\r\nTo: b@x\r\n\r\nBcc: body\r\n");
/// ```
pub fn without_bcc(raw: &[u8]) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut dropping = false;
    let mut pos = 0;
    while pos < raw.len() {
        let end = raw[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |i| pos + i + 1);
        let line = &raw[pos..end];
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.is_empty() {
            // The end of the header section: the body is never touched.
            if let Some(out) = out.as_mut() {
                out.extend_from_slice(&raw[pos..]);
            }
            break;
        }
        if !matches!(line.first(), Some(b' ' | b'\t')) {
            dropping = is_bcc_field(content);
        }
        if dropping {
            out.get_or_insert_with(|| raw[..pos].to_vec());
        } else if let Some(out) = out.as_mut() {
            out.extend_from_slice(line);
        }
        pos = end;
    }
    out.map_or(Cow::Borrowed(raw), Cow::Owned)
}

/// `Bcc:` or `Resent-Bcc:`, in any case, with optional blanks before the colon (RFC 5322
/// obsolete syntax).
fn is_bcc_field(line: &[u8]) -> bool {
    [b"bcc".as_slice(), b"resent-bcc"].iter().any(|name| {
        line.len() > name.len()
            && line[..name.len()].eq_ignore_ascii_case(name)
            && line[name.len()..]
                .iter()
                .find(|&&b| b != b' ' && b != b'\t')
                == Some(&b':')
    })
}

/// Whether `bytes` start as a message does: with a header field (`Name:`, blanks allowed
/// before the colon, after a UTF-8 byte order mark), or with the `From ` line of an mbox.
/// mail-parser reads headers out of anything, an image or a PDF included.
pub(crate) fn starts_like_a_message(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let name_len = bytes
        .iter()
        .take_while(|&&b| b.is_ascii_graphic() && b != b':')
        .count();
    let after_name = &bytes[name_len..];
    let blanks = after_name
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let header_first = name_len > 0 && after_name.get(blanks) == Some(&b':');
    header_first || bytes.starts_with(b"From ")
}

#[cfg(test)]
mod tests {
    use super::without_bcc;

    #[test]
    fn removes_every_bcc_field_and_nothing_else() {
        let cases: [(&[u8], &[u8]); 5] = [
            (
                b"To: a@x\nBCC: s@y\nSubject: hi\n\nbody",
                b"To: a@x\nSubject: hi\n\nbody",
            ),
            (
                b"bcc : s@y\r\n\tmore@z\r\nTo: a@x\r\n\r\n",
                b"To: a@x\r\n\r\n",
            ),
            (b"To: a@x\r\nBcc:\r\n\r\nx", b"To: a@x\r\n\r\nx"),
            (
                b"Bccx: kept\r\nX-Bcc: kept\r\n\r\n",
                b"Bccx: kept\r\nX-Bcc: kept\r\n\r\n",
            ),
            (b"To: a@x\r\nBcc: s@y", b"To: a@x\r\n"),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                &*without_bcc(raw),
                expected,
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
        assert!(matches!(
            without_bcc(b"To: a@x\r\n\r\nBcc: x"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
