//! A message as its reader sees it: decoded headers, the MIME tree, the text, and the HTML made
//! safe by the core's sanitizer with its `cid:` images resolved to `data:` URLs. Built from the
//! message's bytes, so a draft's preview shows exactly what was composed.

use encodify::base64::STANDARD;
use mail_parser::{Address, HeaderValue, MessagePart, MimeHeaders, PartType};
use wasmail_core::charset::read_message;
use wasmail_core::html::{SanitizeOptions, Sanitized, map_cid_sources};
use wasmail_core::reply::{Parent, ReplyError};

use crate::source::display_source;

/// Deeper MIME nesting than this is not listed (mail-parser bounds it too).
const MAX_TREE_DEPTH: usize = 32;

/// Image types a viewer may show from a `data:` URL (no SVG: it can carry script).
const RASTER_IMAGES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
    "image/avif",
];

/// One header line, decoded for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderLine {
    pub name: String,
    pub value: String,
}

/// One MIME part and the parts inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MimeNode {
    pub content_type: String,
    pub charset: Option<String>,
    pub disposition: Option<String>,
    pub filename: Option<String>,
    pub content_id: Option<String>,
    pub transfer_encoding: String,
    /// Decoded size in octets (0 for a multipart).
    pub size: usize,
    pub children: Vec<MimeNode>,
}

/// An attachment or inline part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartView {
    pub filename: Option<String>,
    pub content_type: String,
    pub content_id: Option<String>,
    pub inline: bool,
    pub size: usize,
}

/// Everything a viewer shows of one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageView {
    pub headers: Vec<HeaderLine>,
    pub subject: String,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub reply_to: Vec<String>,
    pub date: Option<String>,
    pub message_id: Option<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub blocked_remote_images: usize,
    /// Scripts, event handlers and script links the sanitizer removed.
    pub removed_active: usize,
    /// `<style>` elements the sanitizer removed.
    pub removed_styles: usize,
    pub parts: Vec<PartView>,
    pub tree: MimeNode,
    pub size: usize,
    /// The message as text, each run of over 100 base64 lines cut to its first and last lines.
    pub source: String,
    /// Octets left out of `source` (0 when it is the whole message).
    pub source_omitted: usize,
}

/// What a viewer shows of a message beyond its [`Parent`]: the header list and the MIME tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Structure {
    pub headers: Vec<HeaderLine>,
    pub tree: MimeNode,
}

impl Structure {
    /// Reads a message once, for replying ([`Parent`]) and for viewing.
    pub fn read(bytes: &[u8]) -> Result<(Parent, Structure), ReplyError> {
        Parent::parse_reading(bytes, structure)
    }
}

impl MessageView {
    /// The view of a message already read (its bytes are parsed again for the header list and
    /// the MIME tree; see [`MessageView::with_structure`] to avoid that).
    pub fn of(parent: &Parent) -> MessageView {
        let structure = read_message(parent.raw(), structure).unwrap_or_else(|| Structure {
            headers: Vec::new(),
            tree: empty_node(),
        });
        MessageView::with_structure(parent, structure)
    }

    /// The view of a message read from its bytes, parsed once.
    pub fn parse(bytes: &[u8]) -> Result<MessageView, ReplyError> {
        let (parent, structure) = Structure::read(bytes)?;
        Ok(MessageView::with_structure(&parent, structure))
    }

    /// The view of a message read with [`Structure::read`].
    pub fn with_structure(parent: &Parent, structure: Structure) -> MessageView {
        let Structure { headers, tree } = structure;
        let raw = parent.raw();
        let list = |mailboxes: &[wasmail_core::Mailbox]| {
            mailboxes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        let ids = |ids: &[wasmail_core::MessageId]| {
            ids.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        let (html, removed) = match parent.sanitized_html(&SanitizeOptions::default()) {
            Some(safe) => (Some(resolve_cid_images(&safe.html, parent)), safe),
            None => (None, Sanitized::default()),
        };
        let source = display_source(raw);
        MessageView {
            headers,
            subject: parent.subject().to_owned(),
            from: list(parent.from()),
            to: list(parent.to()),
            cc: list(parent.cc()),
            reply_to: list(parent.reply_to()),
            date: parent.date().map(ToString::to_string),
            message_id: parent.message_id().map(ToString::to_string),
            in_reply_to: ids(parent.in_reply_to()),
            references: ids(parent.references()),
            text: parent.text().map(str::to_owned),
            html,
            blocked_remote_images: removed.blocked_remote_images,
            removed_active: removed.removed_active,
            removed_styles: removed.removed_styles,
            parts: parent
                .attachments()
                .iter()
                .map(|part| PartView {
                    filename: part.filename().map(str::to_owned),
                    content_type: part.media_type().to_owned(),
                    content_id: part.content_id().map(str::to_owned),
                    inline: part.is_inline(),
                    size: part.bytes().len(),
                })
                .collect(),
            tree,
            size: raw.len(),
            source: source.text,
            source_omitted: source.omitted,
        }
    }
}

/// The header list and the MIME tree. Header values are read from the parsed bytes, where
/// encoded words may have been rewritten as UTF-8 ones (wasmail_core::charset).
fn structure(message: &mail_parser::Message<'_>) -> Structure {
    Structure {
        headers: header_lines(message.root_part(), &message.raw_message),
        tree: mime_tree(message, 0),
    }
}

/// The header section, in order, with encoded words and addresses decoded; identifiers, dates
/// and MIME headers as written (unfolded).
fn header_lines(root: &MessagePart<'_>, raw: &[u8]) -> Vec<HeaderLine> {
    root.headers()
        .iter()
        .map(|header| {
            let name = header.name.as_str().to_owned();
            let written = raw
                .get(header.offset_start as usize..header.offset_end as usize)
                .map(|bytes| unfold(&String::from_utf8_lossy(bytes)))
                .unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            let as_written = lower.starts_with("content-")
                || matches!(
                    lower.as_str(),
                    "message-id" | "in-reply-to" | "references" | "date" | "mime-version"
                );
            let value = match &header.value {
                _ if as_written => written,
                HeaderValue::Address(address) => addresses(address),
                HeaderValue::Text(text) => text.to_string(),
                HeaderValue::TextList(list) => list.join(", "),
                _ => written,
            };
            HeaderLine { name, value }
        })
        .collect()
}

/// A folded header value on one line.
fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for line in value.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line.trim());
    }
    out
}

/// A display name as it would be written: quoted when it holds a character that separates
/// addresses or would otherwise be misread (`"Doe, Jane"`).
fn display_name(name: &str) -> String {
    if name.contains(|c: char| ",;:<>@\"()[]\\".contains(c)) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        name.to_owned()
    }
}

fn addresses(address: &Address<'_>) -> String {
    let one = |addr: &mail_parser::Addr<'_>| match (&addr.name, &addr.address) {
        (Some(name), Some(address)) => format!("{} <{address}>", display_name(name)),
        (None, Some(address)) => address.to_string(),
        (Some(name), None) => name.to_string(),
        (None, None) => String::new(),
    };
    match address {
        Address::List(list) => list.iter().map(one).collect::<Vec<_>>().join(", "),
        Address::Group(groups) => groups
            .iter()
            .map(|group| {
                let members = group.addresses.iter().map(one).collect::<Vec<_>>();
                match &group.name {
                    Some(name) => format!("{name}: {};", members.join(", ")),
                    None => members.join(", "),
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn empty_node() -> MimeNode {
    MimeNode {
        content_type: "text/plain".to_owned(),
        charset: None,
        disposition: None,
        filename: None,
        content_id: None,
        transfer_encoding: "7bit".to_owned(),
        size: 0,
        children: Vec::new(),
    }
}

fn mime_tree(message: &mail_parser::Message<'_>, depth: usize) -> MimeNode {
    node(message, 0, depth)
}

fn node(message: &mail_parser::Message<'_>, index: u32, depth: usize) -> MimeNode {
    let Some(part) = message.part(index) else {
        return empty_node();
    };
    let content_type = part.content_type();
    let kind = content_type.map_or_else(
        || "text/plain".to_owned(),
        |ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        },
    );
    let children = if depth >= MAX_TREE_DEPTH {
        Vec::new()
    } else {
        match &part.body {
            PartType::Multipart(ids) => {
                ids.iter().map(|&id| node(message, id, depth + 1)).collect()
            }
            PartType::Message(inner) => vec![mime_tree(inner, depth + 1)],
            _ => Vec::new(),
        }
    };
    MimeNode {
        charset: content_type
            .and_then(|ct| ct.attribute("charset"))
            .map(str::to_owned),
        disposition: part
            .content_disposition()
            .map(|cd| cd.ctype().to_ascii_lowercase()),
        filename: part.attachment_name().map(str::to_owned),
        content_id: part.content_id().map(str::to_owned),
        transfer_encoding: part
            .content_transfer_encoding()
            .map_or_else(|| "7bit".to_owned(), str::to_ascii_lowercase),
        size: part.len(),
        content_type: kind,
        children,
    }
}

/// Replaces `src="cid:ID"` in sanitised HTML by a `data:` URL of the message's own inline part
/// when it is a raster image, and removes other `cid:` sources, so that the viewer asks for
/// no URL it cannot load (the alt text stays).
fn resolve_cid_images(html: &str, parent: &Parent) -> String {
    map_cid_sources(html, |id| {
        let image = parent
            .inline_part(id)
            .filter(|part| RASTER_IMAGES.contains(&part.media_type()));
        let mut attribute = String::new();
        if let Some(part) = image {
            attribute.push_str(" src=\"data:");
            attribute.push_str(part.media_type());
            attribute.push_str(";base64,");
            STANDARD.encode_append(part.bytes(), &mut attribute);
            attribute.push('"');
        }
        Some(attribute)
    })
}
