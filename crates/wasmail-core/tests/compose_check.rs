//! The pre-send check, on messages and on raw `.eml` bytes.

mod support;

use wasmail_core::check::{
    Field, Finding, FindingKind, ServerSupport, Severity, check_message, check_raw,
};
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{Attachment, InlineImage, MediaType, Message};

fn mailbox(text: &str) -> Mailbox {
    Mailbox::parse(text).unwrap()
}

fn kinds(findings: &[Finding]) -> Vec<FindingKind> {
    findings.iter().map(|f| f.kind().clone()).collect()
}

/// The raw-input tests below are about other findings: the short messages they check have no
/// Date or Message-ID, whose warnings `a_raw_message_without_date_or_message_id` checks.
fn raw_kinds(findings: &[Finding]) -> Vec<FindingKind> {
    kinds(findings)
        .into_iter()
        .filter(|kind| {
            !matches!(
                kind,
                FindingKind::MissingDate | FindingKind::MissingMessageId
            )
        })
        .collect()
}

/// `check_raw`, with the findings the test is about.
fn raw_check(bytes: &[u8], server: Option<&ServerSupport>) -> Vec<FindingKind> {
    raw_kinds(&check_raw(bytes, server))
}

const GENEROUS: ServerSupport = ServerSupport {
    size_limit: Some(10_000_000),
    eight_bit_mime: true,
    smtputf8: true,
};
const STRICT: ServerSupport = ServerSupport {
    size_limit: Some(1000),
    eight_bit_mime: false,
    smtputf8: false,
};

#[test]
fn a_good_message_has_no_findings() {
    let message = Message::builder()
        .from(mailbox("jane@example.com"))
        .to(mailbox("bob@example.org"))
        .text_body("hi")
        .build()
        .unwrap();
    assert_eq!(check_message(&message, None), []);
    assert_eq!(check_message(&message, Some(&GENEROUS)), []);
}

#[test]
fn missing_from_and_recipients() {
    let findings = check_message(
        &Message::builder().text_body("x").build().unwrap(),
        Some(&STRICT),
    );
    assert_eq!(
        kinds(&findings),
        [FindingKind::MissingFrom, FindingKind::NoRecipients]
    );
    assert_eq!(findings[0].severity(), Severity::Error);
    assert_eq!(findings[0].field(), Field::From);
    assert_eq!(findings[1].field(), Field::Recipients);
    assert_eq!(
        findings[0].to_string(),
        "error: the message has no From address"
    );
}

#[test]
fn cid_references_must_match_inline_images() {
    let png = MediaType::parse("image/png").unwrap();
    let message = Message::builder()
        .from(mailbox("jane@example.com"))
        .bcc(mailbox("bob@example.org"))
        .html_body("<img src=\"cid:logo@x\"><img src=\"cid:missing%40x\"><img src='cid:logo@x'>")
        .inline_image(InlineImage::new("logo@x", png.clone(), vec![1]).unwrap())
        .inline_image(InlineImage::new("unused@x", png, vec![2]).unwrap())
        .build()
        .unwrap();
    let findings = check_message(&message, None);
    assert_eq!(
        kinds(&findings),
        [
            FindingKind::MissingInlineImage {
                content_id: "missing@x".into()
            },
            FindingKind::UnusedInlineImage {
                content_id: "unused@x".into()
            },
        ]
    );
    assert_eq!(findings[0].severity(), Severity::Error);
    assert_eq!(findings[1].severity(), Severity::Warning);
    assert!(findings[0].message().contains("cid:missing@x"));
}

#[test]
fn what_the_server_cannot_take() {
    let nested = "From: a@x.example\r\nSubject: caf\u{e9}\r\n\r\nbody\r\n";
    let message = Message::builder()
        .from(mailbox("jane@example.com"))
        .to(mailbox("bob@example.org"))
        .text_body("x".repeat(2000))
        .attachment(Attachment::message("fwd.eml", nested.as_bytes().to_vec()).unwrap())
        .build()
        .unwrap();
    let findings = check_message(&message, Some(&STRICT));
    let kinds = kinds(&findings);
    assert_eq!(kinds[0], FindingKind::EightBitUnsupported);
    assert!(
        matches!(kinds[1], FindingKind::TooLarge { size, limit: 1000 } if size > 2000),
        "{kinds:?}"
    );
    assert_eq!(check_message(&message, Some(&GENEROUS)), []);

    let utf8 = Message::builder()
        .from(mailbox("josé@example.com"))
        .to(mailbox("bob@example.org"))
        .text_body("x")
        .build()
        .unwrap();
    let findings = check_message(&utf8, Some(&STRICT));
    assert_eq!(
        self::kinds(&findings),
        [FindingKind::SmtpUtf8Unsupported {
            addresses: vec!["josé@example.com".into()]
        }]
    );
    assert_eq!(findings[0].field(), Field::Addresses);
}

#[test]
fn the_measured_size_is_the_composed_size() {
    let message = Message::builder()
        .from(mailbox("jane@example.com"))
        .to(mailbox("bob@example.org"))
        .attachment(Attachment::new("big.bin", vec![7u8; 30_000]).unwrap())
        .build()
        .unwrap();
    let size = message
        .compose(&mut support::context(1))
        .unwrap()
        .bytes()
        .len() as u64;
    let server = |limit| ServerSupport {
        size_limit: Some(limit),
        ..GENEROUS
    };
    // The check's own Message-ID domain and date differ a little from a real context.
    assert_eq!(check_message(&message, Some(&server(size + 64))), []);
    let findings = check_message(&message, Some(&server(size - 64)));
    assert!(
        matches!(findings[0].kind(), FindingKind::TooLarge { size: measured, .. } if measured.abs_diff(size) < 64)
    );
}

#[test]
fn unsendable_attached_messages_are_reported_not_panicked_on() {
    let message = Message::builder()
        .from(mailbox("jane@example.com"))
        .to(mailbox("bob@example.org"))
        .attachment(Attachment::message("nul.eml", b"Subject: x\r\n\r\n\0\r\n".to_vec()).unwrap())
        .build()
        .unwrap();
    let findings = check_message(&message, Some(&GENEROUS));
    assert!(matches!(findings[0].kind(), FindingKind::CannotCompose(_)));
    assert_eq!(findings[0].field(), Field::Attachments);
}

#[test]
fn raw_input_lines_and_line_ends() {
    let long = "y".repeat(1200);
    let raw = format!(
        "From: jane@example.com\r\nTo: bob@example.org\r\nSubject: x\r\n\r\nfine\r\n{long}\r\nbare lf\nbare cr\rend\r\n{long}\r\n"
    );
    let findings = check_raw(raw.as_bytes(), None);
    assert_eq!(
        raw_kinds(&findings),
        [
            FindingKind::LineTooLong {
                line: 6,
                octets: 1200,
                count: 2
            },
            FindingKind::BareLineEnd { line: 7, count: 2 },
        ]
    );
    assert_eq!(findings[0].severity(), Severity::Error);
    assert_eq!(findings[1].severity(), Severity::Warning);
}

#[test]
fn raw_input_against_the_server() {
    let raw = "From: jos\u{e9}@example.com\r\nTo: bob@example.org\r\n\r\nbody\n";
    let findings = check_raw(raw.as_bytes(), Some(&STRICT));
    assert_eq!(
        raw_kinds(&findings),
        [
            FindingKind::BareLineEnd { line: 4, count: 1 },
            FindingKind::SmtpUtf8Unsupported { addresses: vec![] },
        ]
    );
    let body_only = "From: jane@example.com\r\nTo: bob@example.org\r\n\r\ncaf\u{e9}\r\n";
    assert_eq!(
        raw_check(body_only.as_bytes(), Some(&STRICT)),
        [FindingKind::EightBitUnsupported]
    );
    let server = ServerSupport {
        size_limit: Some(10),
        ..GENEROUS
    };
    assert_eq!(
        raw_check(body_only.as_bytes(), Some(&server)),
        [FindingKind::TooLarge {
            size: body_only.len() as u64,
            limit: 10
        }]
    );
}

#[test]
fn raw_input_structure() {
    let no_from = "To: bob@example.org\r\nSubject: x\r\n\r\nbody\r\n";
    assert_eq!(
        raw_check(no_from.as_bytes(), None),
        [FindingKind::MissingFrom]
    );
    let no_rcpt = "From: jane@example.com\r\n\r\nbody\r\n";
    assert_eq!(
        raw_check(no_rcpt.as_bytes(), None),
        [FindingKind::NoRecipientHeaders]
    );
    let cid = "From: jane@example.com\r\nTo: bob@example.org\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:gone@x\">\r\n";
    assert_eq!(
        raw_check(cid.as_bytes(), None),
        [FindingKind::MissingInlineImage {
            content_id: "gone@x".into()
        }]
    );
    let nul = "From: jane@example.com\r\nTo: bob@example.org\r\n\r\na\0b\r\n";
    assert_eq!(
        raw_check(nul.as_bytes(), None),
        [FindingKind::NulByte { line: 4 }]
    );
    assert!(raw_check(b"", None).contains(&FindingKind::NotAMessage));
    // A file that does not start with a header field is no message, as on import.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR:\0\0\0\x01";
    let found = raw_check(png, None);
    assert!(found.contains(&FindingKind::NotAMessage), "{found:?}");
    assert!(!found.contains(&FindingKind::MissingFrom), "{found:?}");
}

#[test]
fn composed_golden_messages_pass_the_raw_check() {
    for entry in std::fs::read_dir(support::golden::golden_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "eml") {
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(check_raw(&bytes, Some(&GENEROUS)), [], "{}", path.display());
        }
    }
}

#[test]
fn the_check_never_panics_on_arbitrary_bytes() {
    let mut seed = 0x1234_5678_u32;
    for len in 0..400 {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                b"From: \r\n<>cid:\"@=?\0\xc3\xa9-:;"[(seed >> 16) as usize % 24]
            })
            .collect();
        let _ = check_raw(&bytes, Some(&STRICT));
    }
}

#[test]
fn eight_bit_content_goes_to_a_server_with_smtputf8_alone() {
    // The client declares such content with SMTPUTF8 (RFC 6531 3.1): nothing to report.
    let utf8_only = ServerSupport {
        size_limit: None,
        eight_bit_mime: false,
        smtputf8: true,
    };
    let body_only = "From: jane@example.com\r\nTo: bob@example.org\r\n\r\ncaf\u{e9}\r\n";
    assert_eq!(raw_check(body_only.as_bytes(), Some(&utf8_only)), []);
    // An attached message with a raw UTF-8 header is 8-bit content of a composed message.
    let nested = "From: a@x.example\r\nSubject: caf\u{e9}\r\n\r\nbody\r\n";
    let message = Message::builder()
        .from(mailbox("jane@example.com"))
        .to(mailbox("bob@example.org"))
        .text_body("see attached")
        .attachment(Attachment::message("fwd.eml", nested.as_bytes().to_vec()).unwrap())
        .build()
        .unwrap();
    let findings = check_message(&message, Some(&utf8_only));
    assert!(findings.is_empty(), "{findings:?}");
    let strict = check_message(&message, Some(&STRICT));
    assert_eq!(kinds(&strict), [FindingKind::EightBitUnsupported]);
}

#[test]
fn a_raw_message_without_date_or_message_id() {
    let bare = "From: jane@example.com\r\nTo: bob@example.org\r\n\r\nhi\r\n";
    let findings = check_raw(bare.as_bytes(), None);
    assert_eq!(
        kinds(&findings),
        [FindingKind::MissingDate, FindingKind::MissingMessageId]
    );
    assert!(findings.iter().all(|f| f.severity() == Severity::Warning));
    let stamped = "From: jane@example.com\r\nTo: bob@example.org\r\n\
                   Date: Mon, 23 Nov 2026 09:15:00 +0100\r\nMessage-ID: <a@example.com>\r\n\r\nhi\r\n";
    assert_eq!(kinds(&check_raw(stamped.as_bytes(), None)), []);
}
