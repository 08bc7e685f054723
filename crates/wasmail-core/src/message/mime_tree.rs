//! The MIME tree of a message, as mail-builder parts borrowing the message's contents:
//! `mixed[alternative[text, related[html, images]], attachments]`, each level only when needed.

use std::borrow::Cow;

use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::message_id::MessageId as CidHeader;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::{BodyPart, MimePart};

use super::content_scan::{ContentScan, is_plain_ascii_text};
use super::part_encoding::{base64_lines, normalize_text_newlines, raw_message_encoding};
use super::{Attachment, ComposeError, InlineImage, Message};
use crate::context::{BOUNDARY_PREFIX, Tokens};
use crate::html::html_to_text;

/// The body of a composed message and whether it carries 8-bit data.
pub(super) struct MimeTree<'a> {
    pub(super) root: MimePart<'a>,
    pub(super) is_8bit: bool,
}

/// Builds the tree; boundaries come from `tokens`, skipping any that occurs in content that
/// may be written unencoded.
pub(super) fn build<'a>(
    message: &'a Message,
    tokens: Tokens,
) -> Result<MimeTree<'a>, ComposeError> {
    let mut builder = TreeBuilder {
        tokens,
        verbatim: Vec::new(),
        is_8bit: false,
    };
    let text = match (&message.text_body, &message.html_body) {
        (Some(text), _) => Some(builder.text_part("text/plain", Cow::Borrowed(text))),
        // Readers without HTML, and spam filters (MIME_HTML_ONLY), expect a text alternative:
        // made from the HTML, as mail clients make it.
        (None, Some(html)) => Some(builder.text_part("text/plain", Cow::Owned(html_to_text(html)))),
        (None, None) => None,
    };
    let html = message
        .html_body
        .as_deref()
        .map(|h| builder.text_part("text/html", Cow::Borrowed(h)));
    let images: Vec<MimePart<'a>> = message.inline_images.iter().map(inline_part).collect();
    let mut files = Vec::with_capacity(message.attachments.len());
    for attachment in &message.attachments {
        files.push(builder.attachment_part(attachment)?);
    }

    let html = match html {
        Some(html) if !images.is_empty() => {
            let mut parts = Vec::with_capacity(images.len() + 1);
            parts.push(html);
            parts.extend(images);
            // RFC 2387 3.1: `type` names the root part's type, and is required.
            let related = ContentType::new("multipart/related").attribute("type", "text/html");
            Some(builder.multipart(related, parts))
        }
        other => other,
    };
    let body = match (text, html) {
        (Some(text), Some(html)) => {
            Some(builder.multipart(ContentType::new("multipart/alternative"), vec![text, html]))
        }
        (text, html) => text.or(html),
    };
    let root = match (body, files.is_empty()) {
        (Some(body), true) => body,
        (None, true) => builder.text_part("text/plain", Cow::Borrowed("")),
        (body, false) => {
            let mut parts = Vec::with_capacity(files.len() + 1);
            parts.extend(body);
            parts.extend(files);
            builder.multipart(ContentType::new("multipart/mixed"), parts)
        }
    };
    Ok(MimeTree {
        root,
        is_8bit: builder.is_8bit,
    })
}

struct TreeBuilder<'a> {
    tokens: Tokens,
    /// Contents that may be written unencoded (7bit/8bit) and contain the boundary prefix:
    /// only there could a boundary clash.
    verbatim: Vec<&'a [u8]>,
    is_8bit: bool,
}

impl<'a> TreeBuilder<'a> {
    fn multipart(
        &mut self,
        content_type: ContentType<'a>,
        parts: Vec<MimePart<'a>>,
    ) -> MimePart<'a> {
        let boundary = self.unused_boundary();
        MimePart::new(content_type.attribute("boundary", boundary), parts)
    }

    /// Remembers content that may be written unencoded (7bit, or 8bit for attached
    /// messages) if a boundary could occur in it.
    fn note_verbatim(&mut self, content: &'a [u8], scan: ContentScan) {
        let prefix = BOUNDARY_PREFIX.as_bytes();
        if scan.may_hold_boundary() && content.windows(prefix.len()).any(|w| w == prefix) {
            self.verbatim.push(content);
        }
    }

    fn unused_boundary(&mut self) -> String {
        loop {
            let boundary = self.tokens.next_boundary();
            let needle = boundary.as_bytes();
            let clashes = self
                .verbatim
                .iter()
                .any(|content| content.windows(needle.len()).any(|window| window == needle));
            if !clashes {
                return boundary;
            }
        }
    }

    /// A body part. mail-builder picks 7bit, quoted-printable or base64 from the content.
    /// Plain ASCII text goes to it as it is; other text gets CRLF line ends first, and text
    /// with control characters (which mail-builder would leave raw in 7bit) we base64.
    ///
    /// Text that may go unencoded and holds the boundary prefix is remembered for the
    /// boundary check when it is the caller's; text the composer made (`Cow::Owned`) does not
    /// live long enough for that, so it goes in base64, which no boundary can clash with.
    fn text_part(&mut self, kind: &'static str, text: Cow<'a, str>) -> MimePart<'a> {
        let content_type = ContentType::new(kind).attribute("charset", "utf-8");
        // The common case is plain ASCII: mail-builder sends it as 7bit or quoted-printable
        // and turns LF into CRLF itself in both, so it goes as it is, unscanned.
        let scan =
            (!is_plain_ascii_text(text.as_bytes())).then(|| ContentScan::of(text.as_bytes()));
        // The caller's text, which lives as long as the message.
        let callers = match text {
            Cow::Borrowed(text) => Some(text),
            Cow::Owned(_) => None,
        };
        let body = match (scan, text) {
            (Some(scan), Cow::Borrowed(text)) => normalize_text_newlines(text, scan),
            (Some(scan), Cow::Owned(text)) => {
                Cow::Owned(normalize_text_newlines(&text, scan).into_owned())
            }
            (None, text) => text,
        };
        if scan.is_some_and(|scan| scan.has_unsafe_control()) {
            return forced_base64(content_type, body.as_bytes());
        }
        // The boundary holds no CR or LF, so line ends do not matter to the search.
        let may_clash =
            scan.is_none_or(|scan| scan.may_hold_boundary()) && body.contains(BOUNDARY_PREFIX);
        match callers {
            _ if !may_clash => {}
            Some(text) => self.verbatim.push(text.as_bytes()),
            None => return forced_base64(content_type, body.as_bytes()),
        }
        MimePart::new(content_type, BodyPart::Text(body))
    }

    fn attachment_part(
        &mut self,
        attachment: &'a Attachment,
    ) -> Result<MimePart<'a>, ComposeError> {
        let media_type = attachment.content_type();
        let filename = attachment.filename();
        let content_type = ContentType::new(media_type.as_str()).attribute("name", filename);
        let disposition = ContentType::new("attachment").attribute("filename", filename);
        let bytes = attachment.bytes();

        let part = if media_type.is_message() {
            let encoding = raw_message_encoding(bytes).map_err(|reason| {
                ComposeError::AttachedMessageNotMailSafe {
                    filename: filename.to_owned(),
                    reason,
                }
            })?;
            self.is_8bit |= encoding.is_8bit;
            let label = if encoding.is_8bit { "8bit" } else { "7bit" };
            self.note_verbatim(bytes, ContentScan::of(bytes));
            MimePart::new(content_type, BodyPart::Binary(encoding.bytes))
                .header("Content-Disposition", disposition)
                .header("Content-Transfer-Encoding", Raw::new(label))
        } else if media_type.is_text() {
            let scan = ContentScan::of(bytes);
            // Without a charset a text part reads as US-ASCII (RFC 2046 4.1.2), and clients
            // that show it inline garble it. UTF-8 is the one charset the bytes can prove.
            let content_type = if scan.is_8bit() && std::str::from_utf8(bytes).is_ok() {
                content_type.attribute("charset", "utf-8")
            } else {
                content_type
            };
            // mail-builder would copy a bare CR or a control character into a 7bit part.
            if has_bare_cr(bytes, scan) || scan.has_unsafe_control() {
                forced_base64(content_type, bytes).header("Content-Disposition", disposition)
            } else {
                if !scan.is_8bit() {
                    self.note_verbatim(bytes, scan);
                }
                MimePart::new(content_type, BodyPart::Binary(Cow::Borrowed(bytes)))
                    .header("Content-Disposition", disposition)
            }
        } else {
            MimePart::new(content_type, BodyPart::Binary(Cow::Borrowed(bytes)))
                .header("Content-Disposition", disposition)
        };
        Ok(part)
    }
}

/// An inline image: base64 (mail-builder's choice for non-text), `Content-ID: <id>`.
fn inline_part(image: &InlineImage) -> MimePart<'_> {
    let mut content_type = ContentType::new(image.content_type().as_str());
    let mut disposition = ContentType::new("inline");
    if let Some(filename) = image.filename() {
        content_type = content_type.attribute("name", filename);
        disposition = disposition.attribute("filename", filename);
    }
    MimePart::new(content_type, BodyPart::Binary(Cow::Borrowed(image.bytes())))
        .header("Content-Disposition", disposition)
        .header("Content-ID", CidHeader::new(image.content_id()))
}

/// A part we base64 ourselves; mail-builder writes a part with its own
/// Content-Transfer-Encoding verbatim.
fn forced_base64<'a>(content_type: ContentType<'a>, bytes: &[u8]) -> MimePart<'a> {
    MimePart::new(
        content_type,
        BodyPart::Binary(Cow::Owned(base64_lines(bytes))),
    )
    .header("Content-Transfer-Encoding", Raw::new("base64"))
}

/// A CR that is not part of CRLF.
fn has_bare_cr(bytes: &[u8], scan: ContentScan) -> bool {
    scan.has_cr() && scan.has_bare_newline() && {
        let mut crs = bytes.iter().enumerate().filter(|&(_, &b)| b == b'\r');
        crs.any(|(index, _)| bytes.get(index + 1) != Some(&b'\n'))
    }
}
