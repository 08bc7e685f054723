//! Header names and values: nothing a caller passes can add a header line, and the headers
//! the message writes itself cannot be set twice.

mod support;

use support::wire::{assert_wire_clean, header_fields};
use wasmail_core::header::{ExtraHeader, HeaderError, HeaderName, HeaderValue};
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{ComposeError, Message};

#[test]
fn header_names_are_validated() {
    assert!(HeaderName::new("X-Mailer").is_ok());
    assert!(HeaderName::new("List-Unsubscribe-Post").is_ok());
    assert_eq!(HeaderName::new(""), Err(HeaderError::EmptyName));
    assert_eq!(
        HeaderName::new("X-A:B"),
        Err(HeaderError::InvalidNameChar {
            ch: ':',
            position: 3
        })
    );
    assert_eq!(
        HeaderName::new("X A"),
        Err(HeaderError::InvalidNameChar {
            ch: ' ',
            position: 1
        })
    );
    assert_eq!(
        HeaderName::new("X-\r\n"),
        Err(HeaderError::InvalidNameChar {
            ch: '\r',
            position: 2
        })
    );
    assert_eq!(
        HeaderName::new("X-é"),
        Err(HeaderError::InvalidNameChar {
            ch: 'é',
            position: 2
        })
    );
    assert_eq!(
        HeaderName::new(&"X".repeat(77)),
        Err(HeaderError::NameTooLong { len: 77 })
    );
    assert_eq!(
        HeaderName::new("x-mailer").unwrap(),
        HeaderName::new("X-Mailer").unwrap()
    );
}

#[test]
fn header_values_refuse_line_breaks_and_nul() {
    for (value, ch, position) in [
        ("ok\r\nBcc: evil@example.com", '\r', 2),
        ("ok\nBcc: evil@example.com", '\n', 2),
        ("ok\rBcc: evil@example.com", '\r', 2),
        ("nul\0", '\0', 3),
        ("bell\u{7}", '\u{7}', 4),
        ("next line\u{85}", '\u{85}', 9),
    ] {
        assert_eq!(
            HeaderValue::new(value),
            Err(HeaderError::ControlCharInValue { ch, position }),
            "{value:?}"
        );
    }
    assert!(HeaderValue::new("tab\tis fine, and ünïcödé too").is_ok());
    let error = HeaderValue::new("a\nb").unwrap_err();
    assert!(
        error.to_string().contains("could start a new header line"),
        "{error}"
    );
}

#[test]
fn headers_the_message_owns_are_refused() {
    for name in [
        "From",
        "to",
        "CC",
        "Bcc",
        "Subject",
        "Date",
        "Message-ID",
        "message-id",
        "MIME-Version",
        "Content-Type",
        "content-transfer-encoding",
        "Content-Disposition",
        "In-Reply-To",
        "References",
        "Sender",
        "Reply-To",
    ] {
        let error = ExtraHeader::parse(name, "value").unwrap_err();
        assert_eq!(
            error,
            HeaderError::OwnedByMessage {
                name: name.to_owned()
            }
        );
        assert!(
            error.to_string().contains("set the field on the message"),
            "{error}"
        );
    }
    assert!(ExtraHeader::parse("X-Content", "fine").is_ok());
    assert!(ExtraHeader::parse("Contents", "fine").is_ok());
}

#[test]
fn subjects_with_line_breaks_are_refused() {
    let result = Message::builder()
        .subject("Hi\r\nBcc: evil@example.com")
        .build();
    assert!(matches!(
        result,
        Err(ComposeError::Subject(HeaderError::ControlCharInValue {
            ch: '\r',
            position: 2
        }))
    ));
}

#[test]
fn extra_headers_are_written_once_and_intact() {
    let unsubscribe = format!(
        "<https://example.com/unsubscribe?token={}>",
        "t".repeat(120)
    );
    let message = Message::builder()
        .from(Mailbox::parse("jane@example.com").unwrap())
        .to(Mailbox::parse("bob@example.org").unwrap())
        .header(ExtraHeader::parse("List-Unsubscribe", &unsubscribe).unwrap())
        .header(ExtraHeader::parse("X-Tag", "naïve café").unwrap())
        .header(ExtraHeader::parse("X-Looks-Encoded", "=?utf-8?B?aGk=?= is literal").unwrap())
        .header(ExtraHeader::parse("X-Long", &"word ".repeat(300)).unwrap())
        .header(ExtraHeader::parse("X-Unbreakable", &"z".repeat(2000)).unwrap())
        .text_body("hi")
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    let fields = header_fields(&bytes);
    let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "From",
            "To",
            "Date",
            "Message-ID",
            "List-Unsubscribe",
            "X-Tag",
            "X-Looks-Encoded",
            "X-Long",
            "X-Unbreakable",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding"
        ]
    );
    // A URL header stays a URL: folding only at whitespace, never encoded.
    assert_eq!(fields[4].1, unsubscribe);

    let parsed = mail_parser::MessageParser::new()
        .header_text("X-Tag")
        .header_text("X-Looks-Encoded")
        .header_text("X-Unbreakable")
        .header_text("X-Long")
        .parse(&bytes)
        .unwrap();
    let text = |name: &str| {
        parsed
            .header(name)
            .and_then(|v| v.as_text())
            .map(str::to_owned)
    };
    assert_eq!(text("X-Tag").as_deref(), Some("naïve café"));
    assert_eq!(
        text("X-Looks-Encoded").as_deref(),
        Some("=?utf-8?B?aGk=?= is literal")
    );
    assert_eq!(text("X-Unbreakable"), Some("z".repeat(2000)));
    assert_eq!(
        text("X-Long").map(|t| t.split_whitespace().count()),
        Some(300)
    );
}

#[test]
fn structured_extra_headers_keep_their_syntax_with_non_ascii() {
    let message = Message::builder()
        .from(Mailbox::parse("jane@example.com").unwrap())
        .to(Mailbox::parse("bob@example.org").unwrap())
        .header(
            ExtraHeader::parse(
                "Disposition-Notification-To",
                "Jörg Müller <j@bücher.example>",
            )
            .unwrap(),
        )
        .header(ExtraHeader::parse("Resent-To", "a@example.org, Zoë <z@example.org>").unwrap())
        .header(ExtraHeader::parse("Keywords", "Grüße, Köln, plain").unwrap())
        .text_body("hi")
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    // An independent reader finds the addresses and the three keywords.
    let parsed = mail_parser::MessageParser::new()
        .header_address("Disposition-Notification-To")
        .header_address("Resent-To")
        .parse(&bytes)
        .unwrap();
    let addresses = |name: &str| -> Vec<(Option<String>, Option<String>)> {
        let header = parsed.header(name).unwrap().as_address().unwrap();
        header
            .iter()
            .map(|a| (a.name().map(str::to_owned), a.address().map(str::to_owned)))
            .collect()
    };
    assert_eq!(
        addresses("Disposition-Notification-To"),
        [(
            Some("Jörg Müller".into()),
            Some("j@xn--bcher-kva.example".into())
        )]
    );
    assert_eq!(
        addresses("Resent-To"),
        [
            (None, Some("a@example.org".into())),
            (Some("Zoë".into()), Some("z@example.org".into()))
        ]
    );
    // Unfolded, the field holds three phrases.
    let text = String::from_utf8_lossy(&bytes).replace("\r\n ", " ");
    let keywords = text
        .lines()
        .find_map(|line| line.strip_prefix("Keywords: "))
        .unwrap();
    assert_eq!(keywords.split(", ").count(), 3, "{keywords}");
    assert!(keywords.ends_with(", plain"), "{keywords}");

    // What such headers cannot hold is refused when the header is made.
    let refused = |name: &str, value: &str| ExtraHeader::parse(name, value).unwrap_err();
    assert!(matches!(
        refused("Resent-From", "not an address"),
        HeaderError::InvalidAddress { .. }
    ));
    assert!(matches!(
        refused("Resent-To", " "),
        HeaderError::NoAddress { .. }
    ));
    assert!(matches!(
        refused("Resent-BCC", "secret@example.net"),
        HeaderError::BlindCopy { .. }
    ));
    for trace in ["Return-Path", "received"] {
        assert!(matches!(
            refused(trace, "<a@x>"),
            HeaderError::TraceField { .. }
        ));
    }
    let long = format!("<https://example.com/{}>", "u".repeat(1000));
    assert!(matches!(
        refused("List-Unsubscribe", &long),
        HeaderError::UrlTooLong { .. }
    ));
    let url = refused("List-Unsubscribe", "<https://bücher.example/u>");
    assert!(matches!(url, HeaderError::NonAsciiUrl { .. }));
    assert!(url.to_string().contains("percent-encode"), "{url}");
    // An address header whose local part needs SMTPUTF8 makes the message need it.
    let utf8 = Message::builder()
        .from(Mailbox::parse("jane@example.com").unwrap())
        .to(Mailbox::parse("bob@example.org").unwrap())
        .header(ExtraHeader::parse("Disposition-Notification-To", "jörg@example.de").unwrap())
        .text_body("hi")
        .build()
        .unwrap();
    assert!(utf8.needs_smtputf8());
}

/// RFC 2047 section 2: a header line holding an encoded word is at most 76 characters.
#[test]
fn lines_with_encoded_words_stay_within_76_characters() {
    // 50 characters: longer names leave no room for an encoded word beside them.
    const LONG_NAME: &str = "X-NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN";
    let long_name = LONG_NAME.to_owned();
    let message = Message::builder()
        .from(Mailbox::parse("jane@example.com").unwrap())
        .to(Mailbox::parse("bob@example.org").unwrap())
        .subject(format!(
            "Literal =?utf-8?q?hello?= text and {}",
            "x".repeat(1000)
        ))
        .header(
            ExtraHeader::parse(&long_name, "naïve café, déjà vu and more words to fold").unwrap(),
        )
        .header(ExtraHeader::parse("X-Looks", "a =?b?= c").unwrap())
        .header(ExtraHeader::parse("X-Emoji", &"👋🏽 ".repeat(40)).unwrap())
        .text_body("hi")
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let head = text.split("\r\n\r\n").next().unwrap();
    for line in head.split("\r\n").filter(|line| line.contains("=?")) {
        assert!(line.len() <= 76, "{} characters: {line}", line.len());
    }
    // And every value reads back as written.
    let parsed = mail_parser::MessageParser::new()
        .header_text(LONG_NAME)
        .header_text("X-Looks")
        .header_text("X-Emoji")
        .parse(&bytes)
        .unwrap();
    let value = |name: &str| parsed.header(name).unwrap().as_text().unwrap().to_owned();
    assert_eq!(
        value(&long_name),
        "naïve café, déjà vu and more words to fold"
    );
    assert_eq!(value("X-Looks"), "a =?b?= c");
    assert_eq!(value("X-Emoji"), "👋🏽 ".repeat(40));
    // A parser given its own header list reads the others raw: the subject needs a default one.
    let parsed = mail_parser::MessageParser::new().parse(&bytes).unwrap();
    let subject = parsed.subject().unwrap();
    assert!(
        subject.starts_with("Literal =?utf-8?q?hello?= text and xxx"),
        "{subject:?}"
    );
}

#[test]
fn keywords_and_list_id_keep_their_separators_and_line_limits() {
    let message = Message::builder()
        .from(Mailbox::parse("jane@example.com").unwrap())
        .to(Mailbox::parse("bob@example.org").unwrap())
        .header(
            ExtraHeader::parse(
                "Keywords",
                "Grüße aus der schönen Stadt Köln am Rhein, plain, \"Bonn, Beethoven\", \
                 =?x?= literal, Zürich",
            )
            .unwrap(),
        )
        .header(ExtraHeader::parse("List-Id", "Liste für Köln <koeln.lists.example>").unwrap())
        .header(ExtraHeader::parse("List-Unsubscribe", "<https://example.com/u?t==?a?=>").unwrap())
        .text_body("hi")
        .build()
        .unwrap();
    let bytes = message
        .compose(&mut support::context(1))
        .unwrap()
        .into_bytes();
    assert_wire_clean(&bytes);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let head = text.split("\r\n\r\n").next().unwrap();
    for line in head.split("\r\n").filter(|line| line.contains("=?")) {
        assert!(
            line.len() <= 76 || line.starts_with("List-Unsubscribe"),
            "{} characters: {line}",
            line.len()
        );
    }
    // A URL is never encoded, whatever it holds.
    assert!(
        head.contains("List-Unsubscribe: <https://example.com/u?t==?a?=>"),
        "{head}"
    );
    let parsed = mail_parser::MessageParser::new()
        .header_text("Keywords")
        .header_text("List-Id")
        .parse(&bytes)
        .unwrap();
    // mail-parser reads text, and puts a blank between an encoded word and the comma after it
    // (Python's email package reads the phrases exactly).
    let keywords = parsed
        .header("Keywords")
        .unwrap()
        .as_text()
        .unwrap()
        .replace(" ,", ",");
    assert_eq!(
        keywords,
        "Grüße aus der schönen Stadt Köln am Rhein, plain, \"Bonn, Beethoven\", =?x?= literal, \
         Zürich"
    );
    let list_id = parsed.header("List-Id").unwrap().as_text().unwrap();
    assert_eq!(list_id, "Liste für Köln <koeln.lists.example>");
    // Each keyword is its own phrase on the wire, the quoted one whole.
    let raw_keywords = head
        .split("\r\nKeywords: ")
        .nth(1)
        .unwrap()
        .split("\r\nList-Id")
        .next()
        .unwrap();
    assert_eq!(
        raw_keywords,
        "=?utf-8?B?R3LDvMOfZSBhdXMgZGVyIHNjaMO2bmVuIFN0YWR0IEvDtmxuIGFt?=\r\n \
         =?utf-8?B?IFJoZWlu?=, plain, \"Bonn, Beethoven\",\r\n \
         =?utf-8?B?PT94Pz0gbGl0ZXJhbA==?=,\r\n =?utf-8?B?WsO8cmljaA==?="
    );
}
