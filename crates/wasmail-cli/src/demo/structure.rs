//! A one-line summary of a message's MIME structure, read back with mail-parser:
//! `multipart/mixed [multipart/alternative [text/plain, multipart/related [text/html, image/png]], text/csv]`.

use mail_parser::{MessageParser, MessagePart, MimeHeaders, PartType};

/// The MIME tree of `bytes`, or `None` when they do not parse as a message.
pub fn mime_structure(bytes: &[u8]) -> Option<String> {
    let message = MessageParser::new().parse(bytes)?;
    let mut out = String::new();
    describe(&message.parts, 0, &mut out, 0);
    Some(out)
}

/// Parts nest at most this deep in the summary; deeper ones are shown as `...`.
const MAX_DEPTH: usize = 16;

fn describe(parts: &[MessagePart<'_>], index: usize, out: &mut String, depth: usize) {
    let Some(part) = parts.get(index) else { return };
    out.push_str(&media_type(part));
    if let PartType::Multipart(children) = &part.body {
        if depth >= MAX_DEPTH {
            out.push_str(" [...]");
            return;
        }
        out.push_str(" [");
        for (position, child) in children.iter().enumerate() {
            if position > 0 {
                out.push_str(", ");
            }
            describe(parts, *child as usize, out, depth + 1);
        }
        out.push(']');
    }
}

fn media_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(kind) => match kind.subtype() {
            Some(subtype) => format!("{}/{subtype}", kind.ctype()).to_ascii_lowercase(),
            None => kind.ctype().to_ascii_lowercase(),
        },
        None => "text/plain".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_structure() {
        let eml = b"From: a@example.com\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
            --b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n\
            --b1\r\nContent-Type: text/csv\r\n\r\na,b\r\n--b1--\r\n";
        assert_eq!(
            mime_structure(eml).unwrap(),
            "multipart/mixed [text/plain, text/csv]"
        );
    }
}
