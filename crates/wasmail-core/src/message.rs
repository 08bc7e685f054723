//! Messages and their composition into RFC 5322 bytes.
//!
//! A [`Message`] is built with [`Message::builder`] from validated parts (mailboxes, message
//! identifiers, extra headers, attachments) and turned into bytes with [`Message::compose`],
//! which takes the time, entropy and Message-ID domain from a
//! [`ComposeContext`](crate::context::ComposeContext).
//!
//! ```
//! use wasmail_core::context::{ComposeContext, UtcOffset};
//! use wasmail_core::mailbox::Mailbox;
//! use wasmail_core::message::Message;
//!
//! let message = Message::builder()
//!     .from(Mailbox::parse("Jane Doe <jane@example.com>")?)
//!     .to(Mailbox::parse("bob@example.org")?)
//!     .subject("Lunch?")
//!     .text_body("Noon at the usual place?\n")
//!     .build()?;
//! let mut ctx = ComposeContext::new(1_795_394_574, UtcOffset::UTC, [1; 32], "example.com")?;
//! let composed = message.compose(&mut ctx)?;
//! assert!(composed.bytes().starts_with(b"From: \"Jane Doe\" <jane@example.com>\r\n"));
//! assert_eq!(composed.envelope().recipients().len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The MIME structure is the one Gmail and Thunderbird produce:
//! `multipart/mixed[multipart/alternative[text/plain, multipart/related[text/html, images]],
//! attachments]`, with each level present only when needed.

mod attachment;
mod builder;
mod compose;
mod content_scan;
mod error;
mod header_text;
mod media_type;
mod message_id;
mod mime_tree;
pub(crate) mod part_encoding;
pub(crate) mod raw_headers;

pub(crate) use attachment::is_content_id_char;
pub use attachment::{Attachment, AttachmentError, InlineImage};
pub use builder::MessageBuilder;
pub use compose::ComposedMessage;
pub use error::ComposeError;
pub use media_type::{MediaType, MediaTypeError};
pub use message_id::{MessageId, MessageIdError};
pub use raw_headers::without_bcc;

/// A body as a composer hands it over: ending with a line break unless empty. SMTP adds one
/// to a message that lacks it, so what a server stores would otherwise differ from what was
/// composed; `Hi` becomes `Hi\n`.
///
/// ```
/// use wasmail_core::message::with_final_line_break;
/// assert_eq!(with_final_line_break("Hi".into()), "Hi\n");
/// assert_eq!(with_final_line_break("Hi\r\n".into()), "Hi\r\n");
/// assert_eq!(with_final_line_break(String::new()), "");
/// ```
pub fn with_final_line_break(mut body: String) -> String {
    if !body.is_empty() && !body.ends_with(['\n', '\r']) {
        body.push('\n');
    }
    body
}

use crate::header::{ExtraHeader, HeaderValue};
use crate::mailbox::Mailbox;

/// An email message before composition: who it is from and to, its subject, threading
/// identifiers, bodies and files. Built with [`Message::builder`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    from: Option<Mailbox>,
    sender: Option<Mailbox>,
    to: Vec<Mailbox>,
    cc: Vec<Mailbox>,
    bcc: Vec<Mailbox>,
    reply_to: Vec<Mailbox>,
    subject: Option<HeaderValue>,
    message_id: Option<MessageId>,
    in_reply_to: Vec<MessageId>,
    references: Vec<MessageId>,
    extra_headers: Vec<ExtraHeader>,
    text_body: Option<String>,
    html_body: Option<String>,
    attachments: Vec<Attachment>,
    inline_images: Vec<InlineImage>,
}

impl Message {
    /// Starts an empty message.
    pub fn builder() -> MessageBuilder {
        MessageBuilder::default()
    }

    /// Turns the message back into a builder, to change it.
    pub fn into_builder(self) -> MessageBuilder {
        MessageBuilder::from_message(self)
    }

    /// The author (`From:`).
    pub fn from(&self) -> Option<&Mailbox> {
        self.from.as_ref()
    }

    /// The agent that sent the message for the author (`Sender:`), if different.
    pub fn sender(&self) -> Option<&Mailbox> {
        self.sender.as_ref()
    }

    /// The primary recipients (`To:`).
    pub fn to(&self) -> &[Mailbox] {
        &self.to
    }

    /// The carbon-copy recipients (`Cc:`).
    pub fn cc(&self) -> &[Mailbox] {
        &self.cc
    }

    /// The blind-copy recipients: in the envelope only, never written into the message.
    pub fn bcc(&self) -> &[Mailbox] {
        &self.bcc
    }

    /// Where replies should go (`Reply-To:`).
    pub fn reply_to(&self) -> &[Mailbox] {
        &self.reply_to
    }

    /// The subject.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_ref().map(HeaderValue::as_str)
    }

    /// The Message-ID set explicitly; when `None`, composing generates one from the context.
    pub fn message_id(&self) -> Option<&MessageId> {
        self.message_id.as_ref()
    }

    /// The messages this one replies to (`In-Reply-To:`).
    pub fn in_reply_to(&self) -> &[MessageId] {
        &self.in_reply_to
    }

    /// The thread this message belongs to, oldest first (`References:`).
    pub fn references(&self) -> &[MessageId] {
        &self.references
    }

    /// Headers added by the caller.
    pub fn extra_headers(&self) -> &[ExtraHeader] {
        &self.extra_headers
    }

    /// The plain text body.
    pub fn text_body(&self) -> Option<&str> {
        self.text_body.as_deref()
    }

    /// The HTML body.
    pub fn html_body(&self) -> Option<&str> {
        self.html_body.as_deref()
    }

    /// The attachments, in order.
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }

    /// The images the HTML body shows through `cid:` URLs.
    pub fn inline_images(&self) -> &[InlineImage] {
        &self.inline_images
    }

    /// Every address the message is sent to: To, then Cc, then Bcc.
    pub fn recipients(&self) -> impl Iterator<Item = &Mailbox> {
        self.to.iter().chain(&self.cc).chain(&self.bcc)
    }

    /// Whether some address has a non-ASCII local part, so sending needs SMTPUTF8.
    pub fn needs_smtputf8(&self) -> bool {
        self.all_mailboxes()
            .any(|mailbox| mailbox.address().needs_smtputf8())
    }

    /// Every mailbox the message names: From, Sender, the recipients, Reply-To, and those of
    /// address headers among the extra headers.
    pub(crate) fn all_mailboxes(&self) -> impl Iterator<Item = &Mailbox> {
        let in_headers = self
            .extra_headers
            .iter()
            .filter_map(|header| header.addresses())
            .flatten();
        self.from
            .iter()
            .chain(&self.sender)
            .chain(self.recipients())
            .chain(&self.reply_to)
            .chain(in_headers)
    }
}
