//! Building reply and forward drafts from a [`Parent`].

use crate::address::Address;
use crate::context::ComposeContext;
use crate::html::{SanitizeOptions, sanitize_with, text_to_html};
use crate::mailbox::{Mailbox, format_list};
use crate::message::{Message, MessageBuilder};

use super::carry;
use super::error::ReplyError;
use super::layout::{self, HeaderLines, Own};
use super::parent::Parent;
use super::quote::{normalize_newlines, quote_text, strip_signature};
use super::references::thread_references;
use super::subject::{forward_subject, reply_subject};

/// What a reply says and who sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyOptions {
    /// Reply to everyone: the parent's To and Cc are added as Cc.
    pub all: bool,
    /// The user's addresses (all identities and aliases), never replied to. `from` is
    /// counted as one of them.
    pub own_addresses: Vec<Address>,
    /// The sender of the reply (`From:`); leave `None` to set it on the draft later.
    pub from: Option<Mailbox>,
    /// What the user wrote, as plain text; it goes above the quote.
    pub text: String,
    /// What the user wrote, as HTML; when `None`, the HTML part is made from `text`.
    pub html: Option<String>,
}

/// How a forward carries the parent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ForwardMode {
    /// Quoted in the body under a `---------- Forwarded message ---------` block, with the
    /// parent's attachments attached again (Gmail's default).
    #[default]
    Inline,
    /// Attached whole as `message/rfc822`, headers and all.
    Attachment,
}

/// What a forward says and who sends it. Recipients are added to the draft by the caller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForwardOptions {
    /// Inline or as an attachment.
    pub mode: ForwardMode,
    /// The sender of the forward (`From:`); leave `None` to set it on the draft later.
    pub from: Option<Mailbox>,
    /// What the user wrote, as plain text; it goes above the forwarded message.
    pub text: String,
    /// What the user wrote, as HTML; when `None`, the HTML part is made from `text`.
    pub html: Option<String>,
}

impl Parent {
    /// Reads a message composed by this crate, as it will be sent (composing it moves `ctx`
    /// on, as [`Message::compose`] does).
    pub fn from_message(message: &Message, ctx: &mut ComposeContext) -> Result<Parent, ReplyError> {
        let composed = message.compose(ctx).map_err(ReplyError::Compose)?;
        Parent::parse(composed.bytes())
    }

    /// A reply (or reply-all) draft: recipients chosen as described on
    /// [`ReplyOptions`], `Re:` subject, threading headers, the user's text above the quoted
    /// parent in both a text and an HTML part.
    ///
    /// Threading: In-Reply-To is the parent's Message-ID and References the parent's
    /// References (or In-Reply-To) plus that identifier, trimmed by
    /// [`thread_references`](super::thread_references). A parent without a valid Message-ID
    /// still gets a reply, threaded only through the identifiers it has.
    ///
    /// Recipients: Reply-To, else From; reply-all adds To and Cc; the user's own addresses
    /// are removed and each address appears once. A parent the user wrote (from the Sent
    /// folder) is replied to its recipients. When no valid address is left the draft has no
    /// recipients: the pre-send check reports it, and the user can add some.
    ///
    /// The HTML part quotes the parent's HTML sanitised (see [`crate::html`]) or, for a
    /// text-only parent, its text made HTML; images the quote shows through `cid:` are
    /// carried along as inline images.
    pub fn reply(&self, options: &ReplyOptions) -> Result<Message, ReplyError> {
        let mut own = options.own_addresses.clone();
        own.extend(options.from.as_ref().map(|from| from.address().clone()));
        let (to, cc) = super::recipients::reply_recipients(self, options.all, &own);

        let attribution = self.attribution();
        let quoted = self.text.as_deref().map(quote_text).unwrap_or_default();
        let parent_html = self.quotable_html(true);
        let own_part = Own {
            text: &options.text,
            html: options.html.as_deref(),
        };
        let text = layout::reply_text(&own_part, &attribution.text(), &quoted);
        let html = layout::reply_html(&own_part, &attribution.html(), &parent_html);

        let mut builder = self.draft_builder(options.from.as_ref(), reply_subject(&self.subject));
        builder = builder.to_all(to).cc_all(cc);
        if let Some(id) = &self.message_id {
            builder = builder.in_reply_to(id.clone());
        }
        builder = builder.references(self.thread()).text_body(text);
        let (builder, _not_shown) = carry::inline_images(builder, self, &html);
        builder.html_body(html).build().map_err(ReplyError::Compose)
    }

    /// A forward draft with a `Fwd:` subject and no recipients.
    ///
    /// Inline, the parent's From, Date, Subject, To and Cc are listed under a
    /// `---------- Forwarded message ---------` line, its body follows (sanitised HTML, or its
    /// text), and its attachments are attached again; as an attachment, the parent travels
    /// whole as `message/rfc822`.
    ///
    /// Threading: a forward starts a new conversation for its recipients, so it has no
    /// In-Reply-To; it does carry References (the parent's thread and the parent), so the
    /// sender's own client files it with the conversation it came from.
    pub fn forward(&self, options: &ForwardOptions) -> Result<Message, ReplyError> {
        let own_part = Own {
            text: &options.text,
            html: options.html.as_deref(),
        };
        let builder = self
            .draft_builder(options.from.as_ref(), forward_subject(&self.subject))
            .references(self.thread());
        let builder = match options.mode {
            ForwardMode::Attachment => {
                let builder = builder
                    .text_body(own_part.text_body())
                    .html_body(own_part.html_body());
                match carry::parent_as_attachment(self) {
                    Some(attachment) => builder.attachment(attachment),
                    None => builder,
                }
            }
            ForwardMode::Inline => {
                let headers = self.forward_header_lines();
                let from_html = self.attribution().who_html();
                let parent_text = self.text.as_deref().unwrap_or_default();
                let text = layout::forward_text(&own_part, &headers, parent_text);
                let parent_html = self.quotable_html(false);
                let html = layout::forward_html(&own_part, &headers, &from_html, &parent_html);
                let (builder, rest) = carry::inline_images(builder.text_body(text), self, &html);
                carry::attachments(builder.html_body(html), &rest)
            }
        };
        builder.build().map_err(ReplyError::Compose)
    }

    fn draft_builder(&self, from: Option<&Mailbox>, subject: String) -> MessageBuilder {
        let builder = Message::builder().subject(subject);
        match from {
            Some(from) => builder.from(from.clone()),
            None => builder,
        }
    }

    /// The References a message continuing this one carries.
    fn thread(&self) -> Vec<crate::message::MessageId> {
        let ancestors = if self.references.is_empty() {
            &self.in_reply_to
        } else {
            &self.references
        };
        thread_references(ancestors, self.message_id.as_ref())
    }

    /// The parent's body as HTML that is safe to quote. A reply leaves a text parent's
    /// signature out, as its text quote does; a forward passes the message on whole.
    fn quotable_html(&self, without_signature: bool) -> String {
        match (&self.html, &self.text) {
            (Some(html), _) => {
                let safe = sanitize_with(html, &SanitizeOptions::default()).html;
                carry::without_uncarriable_images(self, &safe)
            }
            (None, Some(text)) if without_signature => {
                text_to_html(&strip_signature(&normalize_newlines(text)))
            }
            (None, Some(text)) => text_to_html(text),
            (None, None) => String::new(),
        }
    }

    fn forward_header_lines(&self) -> HeaderLines {
        let list = format_list;
        let mut lines: HeaderLines = vec![("From", self.attribution().who_text())];
        lines.extend(self.date.map(|date| ("Date", date.attribution_form())));
        lines.push(("Subject", self.subject.clone()));
        if !self.to.is_empty() {
            lines.push(("To", list(&self.to)));
        }
        if !self.cc.is_empty() {
            lines.push(("Cc", list(&self.cc)));
        }
        lines
    }
}
