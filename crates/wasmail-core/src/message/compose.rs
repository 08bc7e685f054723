//! Turning a [`Message`] into RFC 5322 bytes with mail-builder.

use std::borrow::Cow;

use mail_builder::MessageBuilder as Writer;
use mail_builder::headers::HeaderType;
use mail_builder::headers::address::Address as HeaderAddress;
use mail_builder::headers::message_id::MessageId as IdHeader;
use mail_builder::headers::raw::Raw;

use super::{ComposeError, Message, MessageId, header_text, mime_tree};
use crate::context::ComposeContext;
use crate::mailbox::Mailbox;
use crate::smtp::Envelope;

/// A composed message: its bytes (CRLF line ends, no line over 998 octets) and what sending
/// it needs to know. `Debug` shows the size, not the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct ComposedMessage {
    bytes: Vec<u8>,
    message_id: MessageId,
    envelope: Envelope,
    needs_smtputf8: bool,
    is_8bit: bool,
}

impl std::fmt::Debug for ComposedMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComposedMessage")
            .field("bytes", &crate::debug::ByteLen(self.bytes.len()))
            .field("message_id", &self.message_id)
            .field("envelope", &self.envelope)
            .field("needs_smtputf8", &self.needs_smtputf8)
            .field("is_8bit", &self.is_8bit)
            .finish()
    }
}

impl ComposedMessage {
    /// The message, ready for SMTP DATA or an `.eml` file.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The message's bytes, taken out.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The Message-ID written into the message.
    pub fn message_id(&self) -> &MessageId {
        &self.message_id
    }

    /// The envelope: the reverse-path is the Sender's address if there is one, else the
    /// From address; the recipients are To, Cc and Bcc without duplicates.
    pub fn envelope(&self) -> Envelope {
        self.envelope.clone()
    }

    /// Whether some address has a non-ASCII local part: the address headers then carry raw
    /// UTF-8 (RFC 6532) and the server must offer SMTPUTF8. Display names and the subject
    /// stay RFC 2047 encoded words either way, which RFC 6532 allows and every reader
    /// decodes.
    pub fn needs_smtputf8(&self) -> bool {
        self.needs_smtputf8
    }

    /// Whether the message holds bytes above 127 (raw UTF-8 headers or an 8bit attached
    /// message), so the server must offer 8BITMIME.
    pub fn is_8bit(&self) -> bool {
        self.is_8bit
    }
}

impl Message {
    /// Writes the message as RFC 5322 bytes, ending with CRLF. The date, the generated
    /// Message-ID (unless one was set) and the MIME boundaries come from `ctx`, which then
    /// moves on, so the next message composed with it gets other identifiers. The same
    /// message and an equal context always give the same bytes.
    pub fn compose(&self, ctx: &mut ComposeContext) -> Result<ComposedMessage, ComposeError> {
        let from = self.from.as_ref().ok_or(ComposeError::MissingFrom)?;
        let utf8 = self.needs_smtputf8();
        let message_id = self.message_id.clone().unwrap_or_else(|| ctx.message_id());
        let tree = mime_tree::build(self, ctx.tokens())?;

        let mut writer = Writer::new();
        // Room for every header at once: growing the list showed up in profiles.
        writer.headers.reserve(11 + self.extra_headers.len());
        writer = writer.header(
            "From",
            address_field("From", std::slice::from_ref(from), utf8),
        );
        if let Some(sender) = &self.sender {
            let sender = std::slice::from_ref(sender);
            writer = writer.header("Sender", address_field("Sender", sender, utf8));
        }
        for (name, list) in [
            ("To", &self.to),
            ("Cc", &self.cc),
            ("Reply-To", &self.reply_to),
        ] {
            if !list.is_empty() {
                writer = writer.header(name, address_field(name, list, utf8));
            }
        }
        if let Some(subject) = &self.subject {
            writer = writer.header(
                "Subject",
                header_text::unstructured("Subject", subject.as_str()),
            );
        }
        writer = writer
            .header("Date", Raw::new(ctx.date()))
            .header("Message-ID", IdHeader::new(message_id.as_str()));
        for (name, ids) in [
            ("In-Reply-To", &self.in_reply_to),
            ("References", &self.references),
        ] {
            if !ids.is_empty() {
                writer = writer.header(name, IdHeader::new_list(ids.iter().map(MessageId::as_str)));
            }
        }
        for header in &self.extra_headers {
            let name = header.name().as_str();
            writer = match header.addresses() {
                Some(list) => writer.header(name, address_field(name, list, utf8)),
                None => writer.header(name, header_text::extra(name, header.value().as_str())),
            };
        }
        let writer = writer
            .header("MIME-Version", Raw::new("1.0"))
            .body(tree.root);
        let mut bytes = Vec::new();
        writer.serialize(&mut bytes);
        // SMTP ends the data with a line break anyway; ending with one here makes the composed
        // bytes exactly what a server stores.
        if !bytes.ends_with(b"\r\n") {
            bytes.extend_from_slice(b"\r\n");
        }

        let reverse_path = self.sender.as_ref().unwrap_or(from).address().clone();
        let recipients = self.recipients().map(|mailbox| mailbox.address().clone());
        ctx.advance();
        Ok(ComposedMessage {
            bytes,
            message_id,
            envelope: Envelope::new(Some(reverse_path), recipients),
            needs_smtputf8: utf8,
            is_8bit: utf8 || tree.is_8bit,
        })
    }
}

/// A mailbox for mail-builder: the Unicode form in an SMTPUTF8 message, else the ASCII form
/// with A-labels (every local part is ASCII then). Names become encoded words as needed.
fn header_address(mailbox: &Mailbox, utf8: bool) -> HeaderAddress<'_> {
    HeaderAddress::new_address(mailbox.name(), email(mailbox, utf8))
}

/// The address as the header writes it: the Unicode form in an SMTPUTF8 message, else ASCII.
fn email(mailbox: &Mailbox, utf8: bool) -> Cow<'_, str> {
    let address = mailbox.address();
    match address.as_ascii_str() {
        Some(ascii) if !utf8 => Cow::Borrowed(ascii),
        _ => Cow::Owned(address.to_string()),
    }
}

/// An address field. A display name holding `=?` goes as encoded words, so that readers show
/// it as written: inside quotes, as mail-builder writes it, Gmail and Thunderbird decode it
/// anyway, and a name like `=?utf-8?B?...?=` would show as whatever it encodes.
fn address_field<'a>(field: &str, list: &'a [Mailbox], utf8: bool) -> HeaderType<'a> {
    let looks_encoded = |mailbox: &Mailbox| mailbox.name().is_some_and(|name| name.contains("=?"));
    if !list.iter().any(looks_encoded) {
        return match list {
            [one] => header_address(one, utf8).into(),
            _ => HeaderAddress::new_list(list.iter().map(|m| header_address(m, utf8)).collect())
                .into(),
        };
    }
    let entries = list
        .iter()
        .map(|mailbox| (mailbox.name(), email(mailbox, utf8)));
    header_text::mailboxes(field, entries)
}
