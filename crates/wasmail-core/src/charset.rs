//! Text in the charsets of imported messages.
//!
//! Messages arrive in Shift_JIS, ISO-2022-JP, EUC-KR, GBK, Big5, windows-1251 and many more.
//! mail-parser reads their structure; the text is decoded here, by encoding_rs with the
//! `charsets` feature (the default) or else by the platform's decoder installed with
//! [`set_platform_decoder`] (in a browser, `TextDecoder`, which implements the same WHATWG
//! Encoding Standard). Encoded words in headers (RFC 2047) are decoded a run at a time, since
//! senders split multi-byte characters across adjacent words, and the bodies of text parts
//! are decoded from their bytes. Without either decoder mail-parser's own decoding stays,
//! which knows UTF-8, UTF-7, UTF-16 and the single-byte charsets.

mod encoded_words;

use std::borrow::Cow;
use std::sync::OnceLock;

use mail_parser::{Encoding, Message, MessageParser, MimeHeaders, PartType};

/// Decodes `bytes` in the charset labelled `label` (a WHATWG encoding label such as
/// `shift_jis` or `iso-8859-2`), or `None` when the label is unknown.
pub type PlatformDecoder = fn(&str, &[u8]) -> Option<String>;

static PLATFORM_DECODER: OnceLock<PlatformDecoder> = OnceLock::new();

/// Installs the platform's charset decoder, used when the core is built without the
/// `charsets` feature (the browser build gives it `TextDecoder`). With `charsets` on,
/// encoding_rs is used and this has no effect. Returns `false` when one was installed before;
/// the first stays.
pub fn set_platform_decoder(decoder: PlatformDecoder) -> bool {
    PLATFORM_DECODER.set(decoder).is_ok()
}

/// Parses a message with mail-parser and hands it to `read`, its text decoded from whatever
/// charset it was sent in; `None` when the bytes are no message at all.
pub fn read_message<R>(bytes: &[u8], read: impl FnOnce(&Message<'_>) -> R) -> Option<R> {
    #[cfg(feature = "charsets")]
    let decoder: Option<PlatformDecoder> = Some(decode_with_encoding_rs);
    #[cfg(not(feature = "charsets"))]
    let decoder = PLATFORM_DECODER.get().copied();
    match decoder {
        Some(decoder) => read_with_decoder(bytes, decoder, read),
        None => MessageParser::new()
            .parse(bytes)
            .map(|message| read(&message)),
    }
}

/// The WHATWG decoding of `bytes` in the encoding labelled `label`, as `TextDecoder` does it.
#[cfg(feature = "charsets")]
fn decode_with_encoding_rs(label: &str, bytes: &[u8]) -> Option<String> {
    // "replacement" (ISO-2022-KR, HZ-GB-2312, ...) would turn the text into one U+FFFD;
    // TextDecoder refuses those labels, and so does this.
    let encoding = encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())?;
    Some(encoding.decode_with_bom_removal(bytes).0.into_owned())
}

/// Encoded words not in UTF-8 are rewritten as UTF-8 ones and the message parsed again (only
/// then); text bodies are decoded again from their bytes.
fn read_with_decoder<R>(
    bytes: &[u8],
    decoder: PlatformDecoder,
    read: impl FnOnce(&Message<'_>) -> R,
) -> Option<R> {
    let mut message = MessageParser::new().parse(bytes)?;
    let mut header_blocks = Vec::new();
    collect_header_blocks(&message, bytes, &mut header_blocks);
    header_blocks.sort_unstable();
    match encoded_words::to_utf8(bytes, &header_blocks, decoder) {
        Cow::Borrowed(_) => {
            redecode_bodies(&mut message, decoder);
            Some(read(&message))
        }
        Cow::Owned(prepared) => {
            drop(message);
            let mut message = MessageParser::new().parse(&prepared[..])?;
            redecode_bodies(&mut message, decoder);
            Some(read(&message))
        }
    }
}

/// Where the header blocks of every part are in `bytes`, nested messages included when they
/// were parsed in place (a base64-encoded attached message was parsed from its decoded copy).
fn collect_header_blocks(message: &Message<'_>, bytes: &[u8], blocks: &mut Vec<(usize, usize)>) {
    for part in &message.parts {
        blocks.push((part.offset_header as usize, part.offset_body as usize));
        if let PartType::Message(inner) = &part.body {
            let in_place = inner.raw_message.as_ptr() == bytes.as_ptr()
                && inner.raw_message.len() == bytes.len();
            if in_place {
                collect_header_blocks(inner, bytes, blocks);
            }
        }
    }
}

/// Replaces the text of every part in a charset other than UTF-8 with the decoder's reading
/// of its bytes.
fn redecode_bodies(message: &mut Message<'_>, decoder: PlatformDecoder) {
    let raw: &[u8] = &message.raw_message;
    let mut decoded = Vec::new();
    for (index, part) in message.parts.iter().enumerate() {
        if !matches!(part.body, PartType::Text(_) | PartType::Html(_)) {
            continue;
        }
        let Some(charset) = part.content_type().and_then(|ct| ct.attribute("charset")) else {
            continue;
        };
        if left_to_mail_parser(charset) {
            continue;
        }
        let body = raw
            .get(part.offset_body as usize..part.offset_end as usize)
            .unwrap_or_default();
        let bytes = match part.encoding {
            Encoding::Base64 => mail_parser::decoders::base64::base64_decode(body),
            Encoding::QuotedPrintable => {
                mail_parser::decoders::quoted_printable::quoted_printable_decode(body)
            }
            Encoding::None => Some(body.to_vec()),
        };
        if let Some(text) = bytes.and_then(|bytes| decoder(charset.trim(), &bytes)) {
            decoded.push((index, text));
        }
    }
    for (index, text) in decoded {
        let part = &mut message.parts[index];
        part.body = match part.body {
            PartType::Html(_) => PartType::Html(Cow::Owned(text)),
            _ => PartType::Text(Cow::Owned(text)),
        };
    }
    for part in &mut message.parts {
        if let PartType::Message(inner) = &mut part.body {
            redecode_bodies(inner, decoder);
        }
    }
}

/// Charsets mail-parser decodes itself: UTF-8 and US-ASCII, and the Unicode encodings
/// whose labels mean something else to the WHATWG standard (there `utf-16` is little-endian
/// without BOM sniffing; mail-parser follows the BOM) or that it does not know (UTF-7).
fn left_to_mail_parser(charset: &str) -> bool {
    let charset = charset.trim().as_bytes();
    let starts_with = |prefix: &str| {
        charset
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    ["utf-8", "utf8", "us-ascii", "ascii"]
        .iter()
        .any(|name| charset.eq_ignore_ascii_case(name.as_bytes()))
        || [
            "utf-16",
            "utf-32",
            "utf-7",
            "ucs-2",
            "ucs-4",
            "unicode",
            "csunicode",
            "iso-10646",
        ]
        .into_iter()
        .any(starts_with)
}

#[cfg(all(test, feature = "charsets"))]
mod tests {
    use super::*;

    fn sjis_fixture() -> &'static [u8] {
        include_bytes!("../tests/fixtures/charset-shift_jis.eml")
    }

    #[test]
    fn an_attached_message_is_decoded_too() {
        let mut outer = b"From: a@example.com\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary=b\r\n\r\n\
            --b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n\
            --b\r\nContent-Type: message/rfc822\r\n\r\n"
            .to_vec();
        outer.extend_from_slice(sjis_fixture());
        outer.extend_from_slice(b"\r\n--b--\r\n");
        let (subject, text) = read_message(&outer, |message| {
            let inner = message
                .parts
                .iter()
                .find_map(|part| match &part.body {
                    PartType::Message(inner) => Some(inner),
                    _ => None,
                })
                .expect("an attached message");
            (
                inner.subject().map(str::to_owned),
                inner.body_text(0).map(|text| text.into_owned()),
            )
        })
        .unwrap();
        assert_eq!(subject.as_deref(), Some("会議の議事録について"));
        assert!(text.unwrap().starts_with("議事録を添付します。"));
    }

    #[test]
    fn utf16_follows_its_bom_and_replacement_labels_do_not_erase_text() {
        let mut utf16 =
            b"From: a@example.com\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n".to_vec();
        utf16.extend_from_slice(&[0xFE, 0xFF, 0x00, b'h', 0x00, b'i']);
        let text = read_message(&utf16, |m| m.body_text(0).map(|t| t.into_owned())).unwrap();
        assert_eq!(text.as_deref(), Some("hi"));

        let korean = b"From: a@example.com\r\nSubject: =?iso-2022-kr?Q?abc?=\r\n\
            Content-Type: text/plain; charset=iso-2022-kr\r\n\r\nplain words\r\n";
        let (subject, text) = read_message(korean, |m| {
            (
                m.subject().map(str::to_owned),
                m.body_text(0).map(|t| t.into_owned()),
            )
        })
        .unwrap();
        assert_eq!(subject.as_deref(), Some("abc"));
        assert_eq!(text.as_deref().map(str::trim_end), Some("plain words"));
    }
}
