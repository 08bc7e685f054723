//! Helpers for the reply and forward tests: fixtures, and reading composed drafts back.
#![allow(dead_code)]

use std::path::PathBuf;

use mail_parser::MessageParser;
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::Message;
use wasmail_core::reply::Parent;

/// The bytes of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The parent read from a fixture.
pub fn parent(name: &str) -> Parent {
    Parent::parse(&fixture(name)).expect("the fixture is a message")
}

pub fn mailbox(text: &str) -> Mailbox {
    Mailbox::parse(text).expect("a valid mailbox")
}

/// What a composed draft says, as a receiving client reads it with mail-parser.
#[derive(Debug)]
pub struct Received {
    pub bytes: Vec<u8>,
    pub subject: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// Line ends normalised to `\n`.
    pub text: String,
    pub html: String,
    /// `(media type, file name, content id)` of every attachment and inline part.
    pub parts: Vec<(String, Option<String>, Option<String>)>,
}

/// Composes `draft` with the golden context and reads it back.
pub fn compose_and_read(draft: &Message, seed: u8) -> Received {
    let composed = draft
        .compose(&mut crate::support::context(seed))
        .expect("the draft composes");
    let bytes = composed.into_bytes();
    crate::support::wire::assert_wire_clean(&bytes);
    read(bytes)
}

pub fn read(bytes: Vec<u8>) -> Received {
    use mail_parser::MimeHeaders;
    let message = MessageParser::new()
        .parse(&bytes)
        .expect("mail-parser reads the draft");
    let addresses = |header: Option<&mail_parser::Address<'_>>| -> Vec<String> {
        header
            .map(|h| {
                h.iter()
                    .filter_map(|a| a.address())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let ids = |value: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        match value {
            mail_parser::HeaderValue::Text(id) => vec![id.to_string()],
            mail_parser::HeaderValue::TextList(list) => {
                list.iter().map(|id| id.to_string()).collect()
            }
            _ => Vec::new(),
        }
    };
    let parts = message
        .attachments()
        .map(|part| {
            let ct = part.content_type().expect("a content type");
            (
                format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default()),
                part.attachment_name().map(str::to_owned),
                part.content_id().map(str::to_owned),
            )
        })
        .collect();
    Received {
        subject: message.subject().unwrap_or_default().to_owned(),
        to: addresses(message.to()),
        cc: addresses(message.cc()),
        in_reply_to: ids(message.in_reply_to()),
        references: ids(message.references()),
        text: message
            .body_text(0)
            .unwrap_or_default()
            .replace("\r\n", "\n"),
        html: message
            .body_html(0)
            .unwrap_or_default()
            .replace("\r\n", "\n"),
        parts,
        bytes: bytes.clone(),
    }
}
