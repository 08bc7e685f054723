//! Golden `.eml` files for replies and forwards: each fixture parent is answered with fixed
//! options, composed with the golden context, compared byte for byte with
//! `tests/golden/<name>.eml`, and read back for structure. `tests/check_eml.py` checks the
//! same files with Python's `email`.

mod reply_support;
mod support;

use mail_parser::{MessageParser, MimeHeaders};
use reply_support::{mailbox, parent};
use support::golden::assert_golden;
use support::wire::{assert_wire_clean, header_names};
use wasmail_core::address::Address;
use wasmail_core::message::Message;
use wasmail_core::reply::{ForwardMode, ForwardOptions, ReplyOptions};

fn compose(name: &str, draft: &Message) -> Vec<u8> {
    let bytes = draft
        .compose(&mut support::context(7))
        .expect("the draft composes")
        .into_bytes();
    assert_golden(name, &bytes);
    assert_wire_clean(&bytes);
    bytes
}

/// `type/subtype` of every part, depth first.
fn part_types(bytes: &[u8]) -> Vec<String> {
    let message = MessageParser::new()
        .parse(bytes)
        .expect("mail-parser reads it");
    message
        .parts
        .iter()
        .map(|part| {
            let ct = part.content_type().expect("a content type");
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default())
        })
        .collect()
}

#[test]
fn reply_all_html() {
    let draft = parent("reply-gmail-alternative.eml")
        .reply(&ReplyOptions {
            all: true,
            from: Some(mailbox("Bob Martin <bob@example.org>")),
            text: "Thursday it is.\n\nBob".into(),
            ..ReplyOptions::default()
        })
        .unwrap();
    let bytes = compose("reply-all-html", &draft);
    assert_eq!(
        header_names(&bytes),
        [
            "From",
            "To",
            "Cc",
            "Subject",
            "Date",
            "Message-ID",
            "In-Reply-To",
            "References",
            "MIME-Version",
            "Content-Type"
        ]
    );
    assert_eq!(
        part_types(&bytes),
        [
            "multipart/alternative",
            "text/plain",
            "multipart/related",
            "text/html",
            "image/png"
        ]
    );
}

#[test]
fn reply_text_only() {
    let draft = parent("reply-text-reply-to.eml")
        .reply(&ReplyOptions {
            own_addresses: vec![Address::parse("me@example.com").unwrap()],
            from: Some(mailbox("me@example.com")),
            text: "Thanks for the release!".into(),
            ..ReplyOptions::default()
        })
        .unwrap();
    let bytes = compose("reply-text-only", &draft);
    assert_eq!(
        part_types(&bytes),
        ["multipart/alternative", "text/plain", "text/html"]
    );
}

#[test]
fn forward_inline_non_ascii() {
    let draft = parent("reply-encoded-words.eml")
        .forward(&ForwardOptions {
            from: Some(mailbox("Me <me@example.com>")),
            text: "Schau mal – für dich.".into(),
            ..ForwardOptions::default()
        })
        .unwrap()
        .into_builder()
        .to(mailbox("Anna Łukasiewicz <anna@example.org>"))
        .build()
        .unwrap();
    let bytes = compose("forward-inline-non-ascii", &draft);
    assert_eq!(
        part_types(&bytes),
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "application/pdf"
        ]
    );
}

#[test]
fn forward_as_attachment() {
    let draft = parent("reply-gmail-alternative.eml")
        .forward(&ForwardOptions {
            mode: ForwardMode::Attachment,
            from: Some(mailbox("Bob Martin <bob@example.org>")),
            text: "The whole thread, attached.".into(),
            ..ForwardOptions::default()
        })
        .unwrap()
        .into_builder()
        .to(mailbox("erin@example.com"))
        .build()
        .unwrap();
    let bytes = compose("forward-attachment", &draft);
    assert_eq!(
        part_types(&bytes)[..4],
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html"
        ]
    );
    assert_eq!(part_types(&bytes)[4], "message/rfc822");
}
