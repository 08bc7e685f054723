//! Composition: determinism, the Date header, line lengths, encodings, the envelope and
//! the errors the caller can cause.

mod support;

use mail_parser::{MessageParser, MimeHeaders};
use support::wire::{assert_wire_clean, header_fields, header_names};
use wasmail_core::context::{ComposeContext, ContextError, UtcOffset, format_rfc5322_date};
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{
    Attachment, ComposeError, InlineImage, MediaType, Message, MessageBuilder, MessageId,
};

fn mailbox(text: &str) -> Mailbox {
    Mailbox::parse(text).unwrap()
}

fn basic() -> MessageBuilder {
    Message::builder()
        .from(mailbox("Jane <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .subject("Hello")
}

fn rich() -> Message {
    basic()
        .text_body("text")
        .html_body("<p>html <img src=\"cid:a@x\"></p>")
        .inline_image(
            InlineImage::new(
                "a@x",
                MediaType::parse("image/gif").unwrap(),
                b"GIF89a".to_vec(),
            )
            .unwrap(),
        )
        .attachment(Attachment::new("a.bin", vec![0u8, 1, 2, 255]).unwrap())
        .build()
        .unwrap()
}

fn boundaries(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.split("boundary=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

#[test]
fn same_input_and_context_give_the_same_bytes() {
    let message = rich();
    let first = message.compose(&mut support::context(3)).unwrap();
    let second = message.clone().compose(&mut support::context(3)).unwrap();
    assert_eq!(first, second);
    assert_eq!(boundaries(first.bytes()).len(), 3);
}

#[test]
fn one_context_gives_each_message_its_own_message_id_and_boundaries() {
    let message = rich();
    let mut ctx = support::context(3);
    let fresh = ctx.clone();
    let first = message.compose(&mut ctx).unwrap();
    let second = message.compose(&mut ctx).unwrap();
    assert_ne!(first.message_id(), second.message_id());
    let (b1, b2) = (boundaries(first.bytes()), boundaries(second.bytes()));
    assert!(b1.iter().all(|b| !b2.contains(b)), "{b1:?} {b2:?}");
    // The first composition is what a fresh context always gave; the date stays.
    assert_eq!(first, message.compose(&mut fresh.clone()).unwrap());
    assert_eq!(ctx.date(), fresh.date());
    assert_eq!(ctx.compositions(), 2);

    // A failed composition uses nothing up.
    let before = ctx.clone();
    let no_from = Message::builder().text_body("x").build().unwrap();
    assert!(no_from.compose(&mut ctx).is_err());
    assert_eq!(ctx, before);
}

#[test]
fn a_reply_composed_with_the_parents_context_gets_its_own_message_id() {
    let mut ctx = support::context(6);
    let sent = basic().text_body("Lunch?").build().unwrap();
    let parent = wasmail_core::reply::Parent::from_message(&sent, &mut ctx).unwrap();
    let options = wasmail_core::reply::ReplyOptions {
        from: Some(Mailbox::parse("bob@example.org").unwrap()),
        text: "Yes".into(),
        ..Default::default()
    };
    let reply = parent.reply(&options).unwrap().compose(&mut ctx).unwrap();
    let parent_id = parent.message_id().unwrap().to_string();
    assert_ne!(reply.message_id().to_string(), parent_id);
    let text = String::from_utf8_lossy(reply.bytes()).into_owned();
    let in_reply_to = text
        .lines()
        .find_map(|line| line.strip_prefix("In-Reply-To: "))
        .unwrap();
    assert_eq!(
        in_reply_to.trim_matches(['<', '>']),
        parent_id.trim_matches(['<', '>'])
    );
}

#[test]
fn different_entropy_gives_different_boundaries_and_message_id() {
    let message = rich();
    let a = message.compose(&mut support::context(3)).unwrap();
    let b = message.compose(&mut support::context(4)).unwrap();
    assert_ne!(a.message_id(), b.message_id());
    let (ba, bb) = (boundaries(a.bytes()), boundaries(b.bytes()));
    assert!(
        ba.iter().all(|boundary| !bb.contains(boundary)),
        "{ba:?} {bb:?}"
    );
    let unique: std::collections::HashSet<_> = ba.iter().collect();
    assert_eq!(
        unique.len(),
        ba.len(),
        "boundaries differ within one message"
    );
}

#[test]
fn the_offset_changes_only_the_date() {
    let message = basic().text_body("x").build().unwrap();
    let mut utc =
        ComposeContext::new(support::GOLDEN_TIME, UtcOffset::UTC, [9; 32], "example.com").unwrap();
    let mut west = ComposeContext::new(
        support::GOLDEN_TIME,
        UtcOffset::from_minutes(-330).unwrap(),
        [9; 32],
        "example.com",
    )
    .unwrap();
    let a = header_fields(message.compose(&mut utc).unwrap().bytes());
    let b = header_fields(message.compose(&mut west).unwrap().bytes());
    let differing: Vec<_> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.0.clone())
        .collect();
    assert_eq!(differing, ["Date"]);
    assert!(
        b.iter()
            .any(|(name, value)| name == "Date" && value == "Sun, 22 Nov 2026 19:12:54 -0530")
    );
}

#[test]
fn dates_are_formatted_in_the_callers_zone() {
    let offset = |minutes| UtcOffset::from_minutes(minutes).unwrap();
    let table = [
        (0, 0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (-1, 0, "Wed, 31 Dec 1969 23:59:59 +0000"),
        (1_795_394_574, 60, "Mon, 23 Nov 2026 01:42:54 +0100"),
        (1_767_225_599, 60, "Thu, 01 Jan 2026 00:59:59 +0100"),
        (1_767_225_599, 0, "Wed, 31 Dec 2025 23:59:59 +0000"),
        (1_767_225_600, -330, "Wed, 31 Dec 2025 18:30:00 -0530"),
        (1_767_225_600, -1, "Wed, 31 Dec 2025 23:59:00 -0001"),
        (1_709_208_000, 840, "Fri, 01 Mar 2024 02:00:00 +1400"),
        (1_709_208_000, -720, "Thu, 29 Feb 2024 00:00:00 -1200"),
        (951_782_400, 0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (-2_208_988_800, 0, "Mon, 01 Jan 1900 00:00:00 +0000"),
        (253_402_300_799, 0, "Fri, 31 Dec 9999 23:59:59 +0000"),
        (1_000_000_000, 1439, "Mon, 10 Sep 2001 01:45:40 +2359"),
    ];
    for (time, minutes, expected) in table {
        assert_eq!(
            format_rfc5322_date(time, offset(minutes)),
            expected,
            "{time} {minutes}"
        );
        let ctx = ComposeContext::new(time, offset(minutes), [0; 32], "example.com").unwrap();
        assert_eq!(ctx.date(), expected);
    }
}

#[test]
fn context_values_are_validated() {
    assert_eq!(
        UtcOffset::from_minutes(1440),
        Err(ContextError::OffsetOutOfRange { minutes: 1440 })
    );
    assert_eq!(
        UtcOffset::from_minutes(-1440),
        Err(ContextError::OffsetOutOfRange { minutes: -1440 })
    );
    assert_eq!(UtcOffset::from_minutes(-1439).unwrap().to_string(), "-2359");
    let utc = UtcOffset::UTC;
    assert_eq!(
        ComposeContext::new(253_402_300_800, utc, [0; 32], "example.com"),
        Err(ContextError::TimeOutOfRange {
            unix_time: 253_402_300_800
        })
    );
    assert_eq!(
        ComposeContext::new(-2_208_988_801, utc, [0; 32], "example.com"),
        Err(ContextError::TimeOutOfRange {
            unix_time: -2_208_988_801
        })
    );
    assert!(
        ComposeContext::new(
            i64::MAX,
            UtcOffset::from_minutes(60).unwrap(),
            [0; 32],
            "x.example"
        )
        .is_err()
    );
    for domain in ["", "exa mple.com", "[192.0.2.1]", "a..b", "bad\r\n.com"] {
        assert!(
            matches!(
                ComposeContext::new(0, utc, [0; 32], domain),
                Err(ContextError::InvalidMessageIdDomain { .. })
            ),
            "{domain:?}"
        );
    }
    let ctx = ComposeContext::new(0, utc, [0xab; 32], "bücher.example").unwrap();
    assert_eq!(
        ctx.message_id().to_string(),
        "<00.abababababababababababababababab@xn--bcher-kva.example>"
    );
}

#[test]
fn no_line_exceeds_998_octets() {
    let long = "x".repeat(5000);
    let words = "word ".repeat(1000);
    let message = basic()
        .subject(long.clone())
        .text_body(long.clone())
        .html_body(format!("<p>{long}</p>"))
        .header(wasmail_core::header::ExtraHeader::parse("X-Words", &words).unwrap())
        .attachment(Attachment::new("long.txt", long.clone().into_bytes()).unwrap())
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    let parsed = MessageParser::new().parse(&bytes).unwrap();
    assert_eq!(parsed.subject(), Some(long.as_str()));
    assert_eq!(parsed.body_text(0).as_deref(), Some(long.as_str()));
    assert_eq!(parsed.attachment(0).unwrap().contents(), long.as_bytes());
}

#[test]
fn encodings_are_chosen_per_part() {
    let message = basic()
        .text_body("plain ascii\n")
        .html_body("<p>caf\u{e9} au lait, cr\u{e8}me br\u{fb}l\u{e9}e</p>")
        .attachment(
            Attachment::new("jp.txt", "日本語のテキストです。".as_bytes().to_vec()).unwrap(),
        )
        .attachment(Attachment::new("bin.dat", vec![0u8; 64]).unwrap())
        .attachment(Attachment::new("cr.txt", b"a\rb\r\n".to_vec()).unwrap())
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    assert!(bytes.is_ascii());
    let parsed = MessageParser::new().parse(&bytes).unwrap();
    let encoding = |index: usize| {
        parsed.parts[index]
            .content_transfer_encoding()
            .unwrap()
            .to_owned()
    };
    // mixed, alternative, text, html, jp.txt, bin.dat, cr.txt
    assert_eq!(encoding(2), "7bit");
    assert_eq!(encoding(3), "quoted-printable");
    assert_eq!(encoding(4), "base64");
    assert_eq!(encoding(5), "base64");
    assert_eq!(
        encoding(6),
        "base64",
        "a bare CR is kept, so the file is base64"
    );
    assert_eq!(parsed.attachment(2).unwrap().contents(), b"a\rb\r\n");
}

#[test]
fn text_bodies_get_crlf_and_controls_get_base64() {
    let message = basic().text_body("one\rtwo\nthree\r\n").build().unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    assert!(bytes.ends_with(b"\r\n\r\none\r\ntwo\r\nthree\r\n"));

    let message = basic().text_body("bell\u{7} and nul\0").build().unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    let parsed = MessageParser::new().parse(&bytes).unwrap();
    assert_eq!(
        parsed.root_part().content_transfer_encoding(),
        Some("base64")
    );
    assert_eq!(parsed.body_text(0).as_deref(), Some("bell\u{7} and nul\0"));
}

#[test]
fn the_envelope_comes_from_sender_from_and_recipients() {
    let message = Message::builder()
        .from(mailbox("Jane <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .cc(mailbox("Bob again <bob@example.org>"))
        .cc(mailbox("carol@example.net"))
        .bcc(mailbox("dan@example.net"))
        .bcc(mailbox("carol@example.net"))
        .text_body("x")
        .build()
        .unwrap();
    let composed = message.compose(&mut support::context(1)).unwrap();
    let envelope = composed.envelope();
    assert_eq!(
        envelope.reverse_path().unwrap().to_string(),
        "jane@example.com"
    );
    let recipients: Vec<String> = envelope
        .recipients()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        recipients,
        ["bob@example.org", "carol@example.net", "dan@example.net"]
    );
    let names = header_names(composed.bytes());
    assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("bcc")));
    assert!(!String::from_utf8_lossy(composed.bytes()).contains("dan@"));

    let on_behalf = message
        .into_builder()
        .sender(mailbox("assistant@example.com"))
        .build()
        .unwrap();
    let composed = on_behalf.compose(&mut support::context(1)).unwrap();
    assert_eq!(
        composed.envelope().reverse_path().unwrap().to_string(),
        "assistant@example.com"
    );
    assert!(header_names(composed.bytes()).contains(&"Sender".to_owned()));
}

#[test]
fn an_explicit_message_id_is_used() {
    let id = MessageId::parse("<fixed.1@example.com>").unwrap();
    let message = basic()
        .message_id(id.clone())
        .text_body("x")
        .build()
        .unwrap();
    let composed = message.compose(&mut support::context(1)).unwrap();
    assert_eq!(composed.message_id(), &id);
    assert!(
        header_fields(composed.bytes())
            .contains(&("Message-ID".into(), "<fixed.1@example.com>".into()))
    );
}

#[test]
fn message_ids_are_validated() {
    assert_eq!(MessageId::parse("a@b").unwrap().to_string(), "<a@b>");
    assert_eq!(MessageId::parse_list(" <a@b>\t<c@d> ").unwrap().len(), 2);
    for bad in [
        "",
        "<>",
        "<a@b",
        "<ab>",
        "<@b>",
        "<a@>",
        "<a b@c>",
        "<a@b>\r\nBcc: x@y",
        "<é@x>",
    ] {
        assert!(MessageId::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn caller_errors_are_reported() {
    let no_from = Message::builder()
        .to(mailbox("bob@example.org"))
        .build()
        .unwrap();
    assert_eq!(
        no_from.compose(&mut support::context(1)),
        Err(ComposeError::MissingFrom)
    );

    let gif = || MediaType::parse("image/gif").unwrap();
    let images_only = basic()
        .text_body("x")
        .inline_image(InlineImage::new("a@x", gif(), vec![1]).unwrap())
        .build();
    assert_eq!(
        images_only.unwrap_err(),
        ComposeError::InlineImagesWithoutHtml
    );

    let twice = basic()
        .html_body("<img src=\"cid:a@x\">")
        .inline_image(InlineImage::new("a@x", gif(), vec![1]).unwrap())
        .inline_image(InlineImage::new("cid:a@x", gif(), vec![2]).unwrap())
        .build();
    assert_eq!(
        twice.unwrap_err(),
        ComposeError::DuplicateContentId {
            content_id: "a@x".into()
        }
    );

    let broken = basic()
        .attachment(
            Attachment::message("long.eml", format!("Subject: {}\n\nx\n", "y".repeat(1000)))
                .unwrap(),
        )
        .build()
        .unwrap();
    let error = broken.compose(&mut support::context(1)).unwrap_err();
    assert!(matches!(
        error,
        ComposeError::AttachedMessageNotMailSafe { .. }
    ));
    assert!(error.to_string().contains("longer than 998"), "{error}");
}

#[test]
fn attachment_and_inline_inputs_are_validated() {
    assert!(Attachment::new("", vec![]).is_err());
    assert!(Attachment::new("a\r\nb.txt", vec![]).is_err());
    assert_eq!(
        Attachment::new("photo.JPG", vec![])
            .unwrap()
            .content_type()
            .as_str(),
        "image/jpeg"
    );
    assert_eq!(
        Attachment::new("noext", vec![])
            .unwrap()
            .content_type()
            .as_str(),
        "application/octet-stream"
    );
    assert!(MediaType::parse("text").is_err());
    assert!(MediaType::parse("text/plain; charset=x").is_err());
    assert_eq!(MediaType::parse("Image/PNG").unwrap().as_str(), "image/png");
    // No file is a multipart, and MIME sends these message types unencoded only.
    for composite in [
        "multipart/mixed",
        "Multipart/Related",
        "message/partial",
        "message/external-body",
    ] {
        let error = MediaType::parse(composite).unwrap_err().to_string();
        assert!(error.contains("cannot be the type of a file"), "{error}");
    }
    assert!(MediaType::parse("message/global").is_ok());
    let png = MediaType::parse("image/png").unwrap();
    assert_eq!(
        InlineImage::new("<logo@x>", png.clone(), vec![])
            .unwrap()
            .content_id(),
        "logo@x"
    );
    assert!(InlineImage::new("a b", png.clone(), vec![]).is_err());
    assert!(InlineImage::new("a%40b", png, vec![]).is_err());
}

#[test]
fn an_eight_bit_attached_message_marks_the_message_8bit() {
    let nested = "From: a@x.example\r\nSubject: caf\u{e9}\r\n\r\nD\u{e9}j\u{e0} vu\r\n";
    let message = basic()
        .text_body("see attached")
        .attachment(Attachment::message("fwd.eml", nested.as_bytes().to_vec()).unwrap())
        .build()
        .unwrap();
    let composed = message.compose(&mut support::context(1)).unwrap();
    assert!(composed.is_8bit());
    assert!(!composed.needs_smtputf8());
    assert_wire_clean(composed.bytes());
    let parsed = MessageParser::new().parse(composed.bytes()).unwrap();
    assert_eq!(
        parsed.attachment(0).unwrap().content_transfer_encoding(),
        Some("8bit")
    );
    assert_eq!(
        parsed.attachment(0).unwrap().message().unwrap().subject(),
        Some("caf\u{e9}")
    );
}

#[test]
fn a_boundary_found_in_the_content_is_skipped() {
    let probe = basic().text_body("a").html_body("b").build().unwrap();
    let taken = boundaries(probe.compose(&mut support::context(5)).unwrap().bytes()).remove(0);
    let sly = format!("--{taken}\r\nContent-Type: text/html\r\n\r\ngotcha\r\n");
    let message = basic()
        .text_body(sly.clone())
        .html_body("<p>b</p>")
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(5))
        .unwrap()
        .into_bytes();
    let used = boundaries(&bytes);
    assert!(!used.contains(&taken), "{used:?}");
    let parsed = MessageParser::new().parse(&bytes).unwrap();
    assert_eq!(parsed.parts.len(), 3);
    assert_eq!(parsed.body_text(0).as_deref(), Some(sly.as_str()));
}

#[test]
fn every_message_ends_with_a_line_break_as_a_server_stores_it() {
    let mut ctx =
        ComposeContext::new(1_795_394_574, UtcOffset::UTC, [3; 32], "example.com").unwrap();
    for body in ["no newline", "one newline\n", ""] {
        let message = basic().text_body(body).build().unwrap();
        let bytes = message.compose(&mut ctx).unwrap().into_bytes();
        assert!(
            bytes.ends_with(b"\r\n"),
            "{body:?}: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            !bytes.ends_with(b"\r\n\r\n\r\n"),
            "{body:?}: too many line breaks"
        );
    }
    assert!(
        rich()
            .compose(&mut ctx)
            .unwrap()
            .bytes()
            .ends_with(b"--\r\n")
    );
}

#[test]
fn each_recipient_is_listed_once() {
    let m = |text: &str| wasmail_core::mailbox::Mailbox::parse(text).unwrap();
    let message = Message::builder()
        .from(m("jane@example.com"))
        .to_all([
            m("List <list@x.example>"),
            m("list@X.EXAMPLE"),
            m("LIST@x.example"),
        ])
        .cc_all([
            m("Bob <bob@x.example>"),
            m("list@x.example"),
            m("Carol <carol@x.example>"),
        ])
        .cc(m("bob@X.example"))
        .bcc(m("carol@x.example"))
        .bcc(m("archive@x.example"))
        .text_body("hi")
        .build()
        .unwrap();
    let listed = |list: &[wasmail_core::mailbox::Mailbox]| {
        list.iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    // The domain's case does not make another mailbox; the local part's may (RFC 5321 2.4).
    assert_eq!(
        listed(message.to()),
        ["List <list@x.example>", "LIST@x.example"]
    );
    assert_eq!(
        listed(message.cc()),
        ["Bob <bob@x.example>", "Carol <carol@x.example>"]
    );
    assert_eq!(listed(message.bcc()), ["archive@x.example"]);
}

#[test]
fn a_text_attachment_in_utf8_says_so_and_others_claim_no_charset() {
    let content_type_of = |bytes: &[u8]| {
        let message = basic()
            .text_body("see the file")
            .attachment(Attachment::new("notes.txt", bytes.to_vec()).unwrap())
            .build()
            .unwrap();
        let composed = message.compose(&mut support::context(1)).unwrap();
        let parsed = MessageParser::new().parse(composed.bytes()).unwrap();
        let part = parsed.attachment(0).unwrap();
        let kind = part.content_type().unwrap();
        (
            kind.attribute("charset").map(str::to_owned),
            part.contents().to_vec(),
        )
    };
    let utf8 = "Grüße aus Köln\r\n".as_bytes();
    assert_eq!(content_type_of(utf8), (Some("utf-8".into()), utf8.to_vec()));
    // ASCII is what a missing charset means anyway.
    assert_eq!(content_type_of(b"plain\r\n").0, None);
    // Latin-1 bytes are not UTF-8, and nothing says what they are.
    assert_eq!(content_type_of(b"Gr\xfc\xdfe\r\n").0, None);
}

#[test]
fn an_html_only_message_is_sent_with_a_text_alternative_made_from_it() {
    let message = basic()
        .html_body("<p>Hello <b>Bob</b></p><ul><li>one</li></ul><p>=_wm is not a boundary</p>")
        .build()
        .unwrap();
    // The message keeps what the caller wrote; only the composition adds the text.
    assert_eq!(message.text_body(), None);
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    let parsed = MessageParser::new().parse(&bytes).unwrap();
    assert_eq!(
        parsed.root_part().content_type().unwrap().subtype(),
        Some("alternative")
    );
    let text = parsed.body_text(0).unwrap();
    assert!(text.contains("Hello Bob"), "{text}");
    assert!(text.contains("one"), "{text}");
    assert!(text.contains("=_wm is not a boundary"), "{text}");
    assert_eq!(
        parsed.body_html(0).unwrap(),
        "<p>Hello <b>Bob</b></p><ul><li>one</li></ul><p>=_wm is not a boundary</p>"
    );
}

#[test]
fn debug_output_shows_sizes_not_contents() {
    let big = vec![b'z'; 1 << 20];
    let message = basic()
        .text_body("hi")
        .attachment(Attachment::new("big.bin", big).unwrap())
        .build()
        .unwrap();
    let shown = format!("{message:?}");
    assert!(shown.contains("<1048576 bytes>"), "{shown}");
    assert!(shown.len() < 2_000, "{} characters", shown.len());
    let composed = message.compose(&mut support::context(1)).unwrap();
    assert!(format!("{composed:?}").len() < 2_000);
    // The entropy would predict the next Message-IDs and boundaries.
    let ctx =
        ComposeContext::new(1_795_394_574, UtcOffset::UTC, [0xab; 32], "example.com").unwrap();
    assert!(!format!("{ctx:?}").contains("171"), "{ctx:?}");
}
