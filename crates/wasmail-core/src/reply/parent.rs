//! A received or composed message, read once, to view, reply to or forward.

use mail_parser::HeaderName;

use crate::debug::ByteLen;
use crate::html::{SanitizeOptions, Sanitized, sanitize_with};
use crate::mailbox::Mailbox;
use crate::message::MessageId;
use crate::message::raw_headers::starts_like_a_message;

use super::attribution::Attribution;
use super::date::MessageDate;
use super::error::ReplyError;
use super::extract;

/// A message to view, reply to or forward, read from its RFC 5322 bytes.
///
/// Reading is lenient, as a mail client's must be: an address that is not valid is left out of
/// [`from`](Parent::from), [`to`](Parent::to) and the like, an identifier that is not valid out
/// of [`references`](Parent::references), a date that cannot be read makes
/// [`date`](Parent::date) `None`. Nothing in the input can make reading panic (with
/// mail-parser built with release settings: see the crate documentation).
#[derive(Clone, PartialEq, Eq)]
pub struct Parent {
    pub(crate) raw: Vec<u8>,
    pub(crate) message_id: Option<MessageId>,
    pub(crate) in_reply_to: Vec<MessageId>,
    pub(crate) references: Vec<MessageId>,
    pub(crate) subject: String,
    pub(crate) from: Vec<Mailbox>,
    pub(crate) reply_to: Vec<Mailbox>,
    pub(crate) to: Vec<Mailbox>,
    pub(crate) cc: Vec<Mailbox>,
    pub(crate) date: Option<MessageDate>,
    pub(crate) text: Option<String>,
    pub(crate) html: Option<String>,
    pub(crate) attachments: Vec<ParentAttachment>,
    /// The From as written, for the attribution line when no From mailbox is valid.
    pub(crate) raw_sender: (Option<String>, Option<String>),
}

impl Parent {
    /// Reads a message from its bytes (an imported `.eml`, or what a composition produced).
    ///
    /// Fails only when the bytes hold no message at all: nothing, no header, or a first line
    /// that is no header field (an image or a PDF opened by mistake).
    pub fn parse(bytes: &[u8]) -> Result<Parent, ReplyError> {
        Parent::parse_reading(bytes, |_| ()).map(|(parent, ())| parent)
    }

    /// Reads a message as [`parse`](Parent::parse) does and hands the parsed message to `read`
    /// too, so that a caller who needs more of it (a viewer's header list or MIME tree) parses
    /// the bytes once. The message `read` gets is the one [`crate::charset::read_message`] gives.
    pub fn parse_reading<R>(
        bytes: &[u8],
        read: impl FnOnce(&mail_parser::Message<'_>) -> R,
    ) -> Result<(Parent, R), ReplyError> {
        crate::charset::read_message(bytes, |message| {
            (!message.headers().is_empty() && starts_like_a_message(bytes))
                .then(|| (Parent::read(bytes, message), read(message)))
        })
        .flatten()
        .ok_or(ReplyError::NotAMessage)
    }

    fn read(bytes: &[u8], message: &mail_parser::Message<'_>) -> Parent {
        Parent {
            raw: bytes.to_vec(),
            message_id: extract::message_ids(message.header_raw(HeaderName::MessageId))
                .into_iter()
                .next(),
            in_reply_to: extract::message_ids(message.header_raw(HeaderName::InReplyTo)),
            references: extract::message_ids(message.header_raw(HeaderName::References)),
            subject: message
                .subject()
                .map(|subject| subject.replace(char::is_control, " ").trim().to_owned())
                .unwrap_or_default(),
            from: extract::mailboxes(message.from()),
            reply_to: extract::mailboxes(message.reply_to()),
            to: message
                .all_to()
                .flat_map(|to| extract::mailboxes(Some(to)))
                .collect(),
            cc: message
                .all_cc()
                .flat_map(|cc| extract::mailboxes(Some(cc)))
                .collect(),
            date: message.date().and_then(MessageDate::from_parsed),
            text: extract::text_body(message),
            html: extract::html_body(message),
            attachments: extract::attachments(message),
            raw_sender: extract::first_raw_sender(message.from()),
        }
    }

    /// The message's own identifier, if it has a valid one.
    pub fn message_id(&self) -> Option<&MessageId> {
        self.message_id.as_ref()
    }

    /// The identifiers in In-Reply-To.
    pub fn in_reply_to(&self) -> &[MessageId] {
        &self.in_reply_to
    }

    /// The identifiers in References, oldest first.
    pub fn references(&self) -> &[MessageId] {
        &self.references
    }

    /// The subject, decoded; empty when there is none.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The authors (From), without invalid addresses.
    pub fn from(&self) -> &[Mailbox] {
        &self.from
    }

    /// Where replies should go (Reply-To), without invalid addresses.
    pub fn reply_to(&self) -> &[Mailbox] {
        &self.reply_to
    }

    /// The primary recipients (every To header), without invalid addresses.
    pub fn to(&self) -> &[Mailbox] {
        &self.to
    }

    /// The copied recipients (every Cc header), without invalid addresses.
    pub fn cc(&self) -> &[Mailbox] {
        &self.cc
    }

    /// When the sender says the message was written, in the sender's UTC offset.
    pub fn date(&self) -> Option<&MessageDate> {
        self.date.as_ref()
    }

    /// The plain-text body; for a message with only HTML, a text rendering of it.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The HTML body exactly as sent: untrusted. Show or quote
    /// [`sanitized_html`](Parent::sanitized_html) instead.
    pub fn raw_html(&self) -> Option<&str> {
        self.html.as_deref()
    }

    /// Whether the message has an HTML body.
    pub fn has_html(&self) -> bool {
        self.html.is_some()
    }

    /// The HTML body made safe to show (see [`crate::html`]), or `None` for a text-only
    /// message (use [`crate::html::text_to_html`] on [`text`](Parent::text) to show it).
    pub fn sanitized_html(&self, options: &SanitizeOptions) -> Option<Sanitized> {
        self.html
            .as_deref()
            .map(|html| sanitize_with(html, options))
    }

    /// Attachments and inline parts (images the HTML shows with `cid:`), in message order.
    pub fn attachments(&self) -> &[ParentAttachment] {
        &self.attachments
    }

    /// The inline part the HTML refers to as `cid:<content_id>`, for a viewer to resolve
    /// `cid:` URLs.
    pub fn inline_part(&self, content_id: &str) -> Option<&ParentAttachment> {
        let id = content_id.strip_prefix("cid:").unwrap_or(content_id);
        self.attachments
            .iter()
            .find(|part| part.content_id() == Some(id))
    }

    /// The message's bytes, as given.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// The `On <date>, <sender> wrote:` facts: the first valid From, or the From as written.
    pub(crate) fn attribution(&self) -> Attribution {
        let (name, address) = match self.from.first() {
            Some(from) => (
                from.name().map(str::to_owned),
                Some(from.address().to_string()),
            ),
            None => self.raw_sender.clone(),
        };
        Attribution {
            date: self.date,
            name,
            address,
        }
    }
}

/// A part of a [`Parent`] that is not its body: an attachment or an inline image.
#[derive(Clone, PartialEq, Eq)]
pub struct ParentAttachment {
    pub(crate) filename: Option<String>,
    pub(crate) media_type: String,
    pub(crate) content_id: Option<String>,
    pub(crate) inline: bool,
    pub(crate) bytes: Vec<u8>,
}

impl ParentAttachment {
    /// The file name the sender gave, decoded.
    pub fn filename(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The media type in lower case, such as `image/png` or `message/rfc822`.
    pub fn media_type(&self) -> &str {
        &self.media_type
    }

    /// The Content-ID without angle brackets, which `cid:` URLs refer to.
    pub fn content_id(&self) -> Option<&str> {
        self.content_id.as_deref()
    }

    /// Whether the part is meant to be shown inside the body (Content-Disposition `inline`, or
    /// no disposition and a Content-ID) rather than offered as a download.
    pub fn is_inline(&self) -> bool {
        self.inline
    }

    /// The decoded content (for `message/rfc822`, the attached message's bytes).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// What was read, with the message's and the attachments' sizes instead of their bytes.
impl std::fmt::Debug for Parent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parent")
            .field("raw", &ByteLen(self.raw.len()))
            .field("message_id", &self.message_id)
            .field("in_reply_to", &self.in_reply_to)
            .field("references", &self.references)
            .field("subject", &self.subject)
            .field("from", &self.from)
            .field("reply_to", &self.reply_to)
            .field("to", &self.to)
            .field("cc", &self.cc)
            .field("date", &self.date)
            .field("text", &self.text.as_ref().map(|text| ByteLen(text.len())))
            .field("html", &self.html.as_ref().map(|html| ByteLen(html.len())))
            .field("attachments", &self.attachments)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for ParentAttachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParentAttachment")
            .field("filename", &self.filename)
            .field("media_type", &self.media_type)
            .field("content_id", &self.content_id)
            .field("inline", &self.inline)
            .field("bytes", &ByteLen(self.bytes.len()))
            .finish()
    }
}
