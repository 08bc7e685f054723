//! Golden `.eml` files: each reference message is composed with a fixed context, compared
//! byte for byte with `tests/golden/<name>.eml`, then parsed back with mail-parser and
//! checked for structure. `tests/check_eml.py` checks the same files with Python's `email`.

mod support;

use mail_parser::{MessageParser, MimeHeaders, PartType};
use support::golden::assert_golden;
use support::wire::{assert_wire_clean, header_names};
use wasmail_core::header::ExtraHeader;
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{Attachment, InlineImage, MediaType, Message, MessageId};

/// A 1x1 transparent PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn mailbox(text: &str) -> Mailbox {
    Mailbox::parse(text).expect("a valid mailbox")
}

fn compose(name: &str, message: &Message) -> Vec<u8> {
    let composed = message.compose(&mut support::context(7)).expect("composes");
    let bytes = composed.into_bytes();
    assert_golden(name, &bytes);
    assert_wire_clean(&bytes);
    bytes
}

fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
    MessageParser::new()
        .parse(bytes)
        .expect("mail-parser reads it")
}

/// Every part's `type/subtype`, in the order mail-parser lists them (depth first).
fn part_types(message: &mail_parser::Message<'_>) -> Vec<String> {
    message
        .parts
        .iter()
        .map(|part| {
            let ct = part.content_type().expect("every part has a Content-Type");
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default())
        })
        .collect()
}

fn first_address(address: Option<&mail_parser::Address<'_>>) -> (Option<String>, String) {
    let addr = address.and_then(|a| a.first()).expect("an address");
    (
        addr.name().map(str::to_owned),
        addr.address().unwrap_or_default().to_owned(),
    )
}

#[test]
fn plain() {
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .bcc(mailbox("archive@example.com"))
        .subject("Lunch on Friday")
        .text_body("Hi Bob,\n\nlunch on Friday at noon?\n\nJane\n")
        .build()
        .unwrap();
    let bytes = compose("plain", &message);
    assert!(bytes.is_ascii());
    assert!(
        !header_names(&bytes)
            .iter()
            .any(|name| name.eq_ignore_ascii_case("Bcc"))
    );
    assert!(!String::from_utf8_lossy(&bytes).contains("archive@"));

    let parsed = parse(&bytes);
    assert_eq!(part_types(&parsed), ["text/plain"]);
    assert_eq!(parsed.subject(), Some("Lunch on Friday"));
    assert_eq!(
        first_address(parsed.from()),
        (Some("Jane Doe".into()), "jane@example.com".into())
    );
    assert_eq!(
        parsed.date().map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-23T01:42:54+01:00")
    );
    assert_eq!(
        parsed.body_text(0).as_deref(),
        Some("Hi Bob,\r\n\r\nlunch on Friday at noon?\r\n\r\nJane\r\n")
    );
    assert_eq!(parsed.root_part().content_transfer_encoding(), Some("7bit"));
}

#[test]
fn html_and_text() {
    let parent = MessageId::parse("<parent.1@example.org>").unwrap();
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("\"Smith, Bob\" <bob@example.org>"))
        .cc(mailbox("Carol <carol@example.net>"))
        .reply_to(mailbox("team@example.com"))
        .subject("Re: Quarterly figures")
        .in_reply_to(parent.clone())
        .references([MessageId::parse("<root.0@example.org>").unwrap(), parent])
        .header(ExtraHeader::parse("X-Mailer", "wasmail").unwrap())
        .text_body("The figures are attached to the wiki.\n")
        .html_body(
            "<p>The figures are on <a href=\"https://wiki.example.com/q3\">the wiki</a>.</p>\n",
        )
        .build()
        .unwrap();
    let bytes = compose("html_and_text", &message);
    let parsed = parse(&bytes);
    assert_eq!(
        part_types(&parsed),
        ["multipart/alternative", "text/plain", "text/html"]
    );
    assert_eq!(
        first_address(parsed.to()),
        (Some("Smith, Bob".into()), "bob@example.org".into())
    );
    assert_eq!(parsed.in_reply_to().as_text(), Some("parent.1@example.org"));
    let references = parsed.references().as_text_list().expect("two references");
    assert_eq!(references, ["root.0@example.org", "parent.1@example.org"]);
    assert_eq!(
        parsed.header("X-Mailer").and_then(|h| h.as_text()),
        Some("wasmail")
    );
    assert!(
        parsed
            .body_html(0)
            .unwrap()
            .contains("https://wiki.example.com/q3")
    );
}

#[test]
fn attachments() {
    let forwarded =
        b"From: Carol <carol@example.net>\nTo: jane@example.com\nSubject: Minutes\n\nSee you.\n";
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .subject("Documents")
        .text_body("Three files.\n")
        .attachment(Attachment::new("Jahresabschluß, 2024.pdf", PDF).unwrap())
        .attachment(Attachment::new("notes.txt", b"line one\nline two\n".to_vec()).unwrap())
        .attachment(Attachment::message("minutes.eml", forwarded.to_vec()).unwrap())
        .build()
        .unwrap();
    let bytes = compose("attachments", &message);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("filename*=UTF-8''Jahresabschlu%C3%9F%2C%202024.pdf"));
    assert!(
        !text.contains("=?utf-8?"),
        "no RFC 2047 word inside a parameter"
    );

    let parsed = parse(&bytes);
    assert_eq!(
        part_types(&parsed),
        [
            "multipart/mixed",
            "text/plain",
            "application/pdf",
            "text/plain",
            "message/rfc822"
        ]
    );
    let names: Vec<_> = parsed
        .attachments()
        .map(|a| a.attachment_name().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        ["Jahresabschluß, 2024.pdf", "notes.txt", "minutes.eml"]
    );
    let pdf = parsed.attachment(0).unwrap();
    assert_eq!(pdf.contents(), PDF);
    let nested = parsed
        .attachment(2)
        .unwrap()
        .message()
        .expect("a parsed message/rfc822");
    assert_eq!(nested.subject(), Some("Minutes"));
    assert_eq!(
        parsed.attachment(2).unwrap().content_transfer_encoding(),
        Some("7bit")
    );
}

#[test]
fn inline_image() {
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .subject("Our new logo")
        .text_body("Our new logo is in the HTML version.\n")
        .html_body(
            "<p>Our new logo:</p><p><img src=\"cid:logo.7f3a@example.com\" alt=\"logo\"></p>\n",
        )
        .inline_image(
            InlineImage::new(
                "logo.7f3a@example.com",
                MediaType::parse("image/png").unwrap(),
                PNG,
            )
            .unwrap()
            .with_filename("logo.png")
            .unwrap(),
        )
        .attachment(Attachment::new("brand-guide.pdf", PDF).unwrap())
        .build()
        .unwrap();
    let bytes = compose("inline_image", &message);
    let parsed = parse(&bytes);
    assert_eq!(
        part_types(&parsed),
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "multipart/related",
            "text/html",
            "image/png",
            "application/pdf"
        ]
    );
    let image = parsed
        .parts
        .iter()
        .find(|p| p.is_content_type("image", "png"))
        .unwrap();
    assert_eq!(image.content_id(), Some("logo.7f3a@example.com"));
    assert!(
        parsed
            .body_html(0)
            .unwrap()
            .contains("cid:logo.7f3a@example.com")
    );
    assert_eq!(image.contents(), PNG);
    assert!(image.content_disposition().unwrap().is_inline());
}

#[test]
fn non_ascii_everything() {
    let subject = "Résumé — 会議の議事録 ✓";
    let body = "Bonjour Zoë,\n\nvoici le compte rendu : 会議は金曜日です。\n\n— Jérôme\n";
    let message = Message::builder()
        .from(mailbox("Jérôme Dupont <jerome@bücher.example>"))
        .to(mailbox("Zoë Ångström <zoe@example.org>"))
        .cc(mailbox("\"山田, 太郎\" <taro@例え.jp>"))
        .subject(subject)
        .text_body(body)
        .html_body("<p>Bonjour Zoë,</p><p>会議は金曜日です。</p>\n")
        .attachment(Attachment::new("Übersicht 2026 — 日本語.pdf", PDF).unwrap())
        .build()
        .unwrap();
    let composed = message.compose(&mut support::context(7)).unwrap();
    assert!(!composed.needs_smtputf8(), "IDN domains have an ASCII form");
    assert!(!composed.is_8bit());
    let bytes = compose("non_ascii_everything", &message);
    assert!(
        bytes.is_ascii(),
        "IDN domains become A-labels, text becomes encoded words"
    );
    assert!(String::from_utf8_lossy(&bytes).contains("jerome@xn--bcher-kva.example"));

    let parsed = parse(&bytes);
    assert_eq!(parsed.subject(), Some(subject));
    assert_eq!(
        first_address(parsed.to()),
        (Some("Zoë Ångström".into()), "zoe@example.org".into())
    );
    assert_eq!(
        first_address(parsed.cc()),
        (Some("山田, 太郎".into()), "taro@xn--r8jz45g.jp".into())
    );
    assert_eq!(parsed.body_text(0).unwrap(), body.replace('\n', "\r\n"));
    assert_eq!(
        parsed.attachment(0).unwrap().attachment_name(),
        Some("Übersicht 2026 — 日本語.pdf")
    );
}

#[test]
fn smtputf8_local_part() {
    let message = Message::builder()
        .from(mailbox("José <josé@example.com>"))
        .to(mailbox("用户@例子.广告"))
        .subject("Olá")
        .text_body("Olá!\n")
        .build()
        .unwrap();
    let composed = message.compose(&mut support::context(7)).unwrap();
    assert!(composed.needs_smtputf8());
    assert!(composed.is_8bit());
    assert!(composed.envelope().needs_smtputf8());
    let bytes = compose("smtputf8_local_part", &message);
    let parsed = parse(&bytes);
    assert_eq!(
        first_address(parsed.from()),
        (Some("José".into()), "josé@example.com".into())
    );
    assert_eq!(first_address(parsed.to()), (None, "用户@例子.广告".into()));
    assert_eq!(parsed.subject(), Some("Olá"));
    match &parsed.root_part().body {
        PartType::Text(text) => assert_eq!(text, "Olá!\r\n"),
        other => panic!("expected a text body, got {other:?}"),
    }
}
