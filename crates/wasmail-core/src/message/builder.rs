//! Step-by-step construction of a [`Message`].

use super::{Attachment, ComposeError, InlineImage, Message, MessageId};
use crate::header::{ExtraHeader, HeaderValue};
use crate::mailbox::Mailbox;

/// Builds a [`Message`]. Every setter takes already validated values, except the subject
/// and the bodies, which [`MessageBuilder::build`] checks.
///
/// Setters for single fields (`from`, `subject`, ...) replace; setters for lists (`to`, `cc`,
/// `attachment`, ...) append.
#[derive(Clone, Debug, Default)]
pub struct MessageBuilder {
    message: Message,
    subject: Option<String>,
}

impl MessageBuilder {
    pub(super) fn from_message(mut message: Message) -> MessageBuilder {
        let subject = message.subject.take().map(|s| s.as_str().to_owned());
        MessageBuilder { message, subject }
    }

    /// Sets the author (`From:`).
    pub fn from(mut self, mailbox: impl Into<Mailbox>) -> Self {
        self.message.from = Some(mailbox.into());
        self
    }

    /// Sets the sending agent (`Sender:`), when someone sends on the author's behalf. The
    /// envelope's reverse-path is then the sender's address.
    pub fn sender(mut self, mailbox: impl Into<Mailbox>) -> Self {
        self.message.sender = Some(mailbox.into());
        self
    }

    /// Adds a primary recipient (`To:`), unless the address is a recipient already.
    pub fn to(mut self, mailbox: impl Into<Mailbox>) -> Self {
        let mailbox = mailbox.into();
        if self.is_new_recipient(&mailbox) {
            self.message.to.push(mailbox);
        }
        self
    }

    /// Adds primary recipients (`To:`).
    pub fn to_all(self, mailboxes: impl IntoIterator<Item = Mailbox>) -> Self {
        mailboxes.into_iter().fold(self, Self::to)
    }

    /// Adds a carbon-copy recipient (`Cc:`), unless the address is a recipient already.
    pub fn cc(mut self, mailbox: impl Into<Mailbox>) -> Self {
        let mailbox = mailbox.into();
        if self.is_new_recipient(&mailbox) {
            self.message.cc.push(mailbox);
        }
        self
    }

    /// Adds carbon-copy recipients (`Cc:`).
    pub fn cc_all(self, mailboxes: impl IntoIterator<Item = Mailbox>) -> Self {
        mailboxes.into_iter().fold(self, Self::cc)
    }

    /// Adds a blind-copy recipient, unless the address is a recipient already: it goes into
    /// the envelope, never into the message.
    pub fn bcc(mut self, mailbox: impl Into<Mailbox>) -> Self {
        let mailbox = mailbox.into();
        if self.is_new_recipient(&mailbox) {
            self.message.bcc.push(mailbox);
        }
        self
    }

    /// Adds blind-copy recipients.
    pub fn bcc_all(self, mailboxes: impl IntoIterator<Item = Mailbox>) -> Self {
        mailboxes.into_iter().fold(self, Self::bcc)
    }

    /// Whether no To, Cc or Bcc holds the address yet, so that each is listed once and gets
    /// one copy, however a reply's recipients and the ones added to it overlap. The local part
    /// is compared exactly (RFC 5321 2.4: only the receiving host may fold its case), the
    /// domain without case and in its A-label form: no distinct mailbox is ever dropped.
    fn is_new_recipient(&self, mailbox: &Mailbox) -> bool {
        let new = mailbox.address();
        !self.message.recipients().any(|kept| {
            let kept = kept.address();
            kept.local_part() == new.local_part()
                && kept.domain_ascii().eq_ignore_ascii_case(new.domain_ascii())
        })
    }

    /// Adds an address replies should go to (`Reply-To:`).
    pub fn reply_to(mut self, mailbox: impl Into<Mailbox>) -> Self {
        self.message.reply_to.push(mailbox.into());
        self
    }

    /// Sets the subject. Any Unicode text is fine; control characters (CR, LF, NUL, ...)
    /// make [`build`](Self::build) fail.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the Message-ID instead of having one generated from the context.
    pub fn message_id(mut self, id: MessageId) -> Self {
        self.message.message_id = Some(id);
        self
    }

    /// Adds a message this one replies to (`In-Reply-To:`).
    pub fn in_reply_to(mut self, id: MessageId) -> Self {
        self.message.in_reply_to.push(id);
        self
    }

    /// Adds identifiers to the thread (`References:`), oldest first.
    pub fn references(mut self, ids: impl IntoIterator<Item = MessageId>) -> Self {
        self.message.references.extend(ids);
        self
    }

    /// Adds a caller-defined header such as `X-Mailer` or `List-Unsubscribe`.
    pub fn header(mut self, header: ExtraHeader) -> Self {
        self.message.extra_headers.push(header);
        self
    }

    /// Sets the plain text body. Line ends may be LF, CRLF or CR: they become CRLF.
    pub fn text_body(mut self, text: impl Into<String>) -> Self {
        self.message.text_body = Some(text.into());
        self
    }

    /// Sets the HTML body, sent as the alternative to the text body. Without a text body,
    /// composing adds one made from the HTML ([`html_to_text`](crate::html::html_to_text)),
    /// as mail clients do: readers without HTML and spam filters expect it.
    pub fn html_body(mut self, html: impl Into<String>) -> Self {
        self.message.html_body = Some(html.into());
        self
    }

    /// Adds an attachment.
    pub fn attachment(mut self, attachment: Attachment) -> Self {
        self.message.attachments.push(attachment);
        self
    }

    /// Adds an image the HTML body refers to as `cid:<content id>`.
    pub fn inline_image(mut self, image: InlineImage) -> Self {
        self.message.inline_images.push(image);
        self
    }

    /// Checks what the setters could not and returns the message.
    pub fn build(self) -> Result<Message, ComposeError> {
        let mut message = self.message;
        if let Some(subject) = self.subject {
            message.subject = Some(HeaderValue::new(&subject).map_err(ComposeError::Subject)?);
        }
        if !message.inline_images.is_empty() && message.html_body.is_none() {
            return Err(ComposeError::InlineImagesWithoutHtml);
        }
        for (index, image) in message.inline_images.iter().enumerate() {
            let id = image.content_id();
            if message.inline_images[..index]
                .iter()
                .any(|other| other.content_id() == id)
            {
                return Err(ComposeError::DuplicateContentId {
                    content_id: id.to_owned(),
                });
            }
        }
        Ok(message)
    }
}
