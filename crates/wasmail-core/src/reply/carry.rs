//! Carrying a parent's files into a reply or forward: the images its quoted HTML shows, and
//! for a forward every other attachment too.

use crate::html::{cid_references, drop_cid_images};
use crate::message::{Attachment, InlineImage, MediaType, MessageBuilder, without_bcc};

use super::parent::{Parent, ParentAttachment};

/// The longest line MIME lets a `message/rfc822` part carry unencoded.
const MAX_LINE_OCTETS: usize = 998;

/// Adds the parent's parts that `html` shows through `cid:` URLs as inline images, so the
/// quote still shows them. Returns the builder and the parts left over.
pub(crate) fn inline_images<'p>(
    mut builder: MessageBuilder,
    parent: &'p Parent,
    html: &str,
) -> (MessageBuilder, Vec<&'p ParentAttachment>) {
    let shown = cid_references(html);
    let mut added: Vec<&str> = Vec::new();
    let mut rest = Vec::new();
    for part in &parent.attachments {
        let id = part
            .content_id()
            .filter(|id| shown.iter().any(|shown| shown == id) && !added.contains(id));
        let image = id.and_then(|id| {
            let media_type = MediaType::parse(part.media_type())
                .unwrap_or_else(|_| MediaType::guess_from_filename(part.filename().unwrap_or("")));
            let image = InlineImage::new(id, media_type, part.bytes()).ok()?;
            match part.filename() {
                Some(name) => image.clone().with_filename(name).ok().or(Some(image)),
                None => Some(image),
            }
        });
        match (id, image) {
            (Some(id), Some(image)) => {
                added.push(id);
                builder = builder.inline_image(image);
            }
            _ => rest.push(part),
        }
    }
    (builder, rest)
}

/// The parent's safe `html` without the `src` of images whose part cannot come along: no part
/// has the Content-ID, or it is one no message may carry (with a space, say). Quoted, such an
/// image would make the answer name a part it lacks, an error the writer could not fix.
pub(crate) fn without_uncarriable_images(parent: &Parent, html: &str) -> String {
    drop_cid_images(html, |id| {
        parent
            .attachments
            .iter()
            .any(|part| part.content_id() == Some(id))
            && InlineImage::new(id, MediaType::guess_from_filename(""), Vec::new()).is_ok()
    })
}

/// Adds `parts` as attachments, keeping their names and types.
pub(crate) fn attachments(
    mut builder: MessageBuilder,
    parts: &[&ParentAttachment],
) -> MessageBuilder {
    for (index, part) in parts.iter().enumerate() {
        if let Some(attachment) = attachment(part, index + 1) {
            builder = builder.attachment(attachment);
        }
    }
    builder
}

/// The parent itself as a `message/rfc822` attachment named after its subject.
pub(crate) fn parent_as_attachment(parent: &Parent) -> Option<Attachment> {
    let stem: String = parent
        .subject()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    let stem = stem.trim();
    let filename = if stem.is_empty() {
        "message.eml".to_owned()
    } else {
        format!("{stem}.eml")
    };
    let part = ParentAttachment {
        filename: Some(filename),
        media_type: "message/rfc822".to_owned(),
        content_id: None,
        inline: false,
        // The writer's own sent copy may list blind copies; forwarding must not reveal them.
        bytes: without_bcc(parent.raw()).into_owned(),
    };
    attachment(&part, 1)
}

/// One part as an attachment. A message that MIME could not carry unencoded (a NUL, or a
/// line over 998 octets) is sent as `application/octet-stream` rather than failing later.
fn attachment(part: &ParentAttachment, number: usize) -> Option<Attachment> {
    let mut media_type = MediaType::parse(part.media_type())
        .unwrap_or_else(|_| MediaType::parse("application/octet-stream").expect("valid"));
    if media_type.as_str().starts_with("message/") && !is_mail_safe(part.bytes()) {
        media_type = MediaType::parse("application/octet-stream").expect("valid");
    }
    let filename = match part.filename() {
        Some(name) if !name.trim().is_empty() => name.to_owned(),
        _ if media_type.is_message() => format!("message-{number}.eml"),
        _ => format!("attachment-{number}"),
    };
    Attachment::with_content_type(filename, media_type, part.bytes()).ok()
}

fn is_mail_safe(bytes: &[u8]) -> bool {
    !bytes.contains(&0)
        && bytes
            .split(|&b| b == b'\n')
            .all(|line| line.strip_suffix(b"\r").unwrap_or(line).len() <= MAX_LINE_OCTETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_safety() {
        assert!(is_mail_safe(b"a\r\nb\n"));
        assert!(!is_mail_safe(b"a\0"));
        assert!(!is_mail_safe(&[b'x'; 999]));
    }
}
