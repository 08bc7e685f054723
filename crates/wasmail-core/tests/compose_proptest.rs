//! Property tests: header values, subjects and display names made of arbitrary characters
//! (CR, LF, NUL and non-ASCII included) are either refused or written without adding any
//! header line, and read back as given (up to surrounding whitespace, which readers trim).

mod support;

use proptest::prelude::*;
use support::wire::{assert_wire_clean, header_names};
use wasmail_core::address::Address;
use wasmail_core::header::ExtraHeader;
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::Message;

/// Characters that stress header writing: line breaks, NUL, separators, quotes, the start
/// and end of encoded words, non-ASCII of every width, and anything else now and then.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::sample::select(vec![
            'a', 'Z', '0', ' ', ' ', '\t', '\r', '\n', '\0', ':', ';', ',', '=', '?', '"', '\\',
            '(', ')', '<', '>', '@', '_', 'é', 'ß', '日', '本', '😀', '\u{85}', '\u{2028}',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..160).prop_map(|chars| chars.into_iter().collect())
}

fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\t')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn header_values_never_add_a_header_line(value in tricky_text()) {
        let header = ExtraHeader::parse("X-Test", &value);
        let subject = Message::builder().subject(value.clone()).build();
        prop_assert_eq!(header.is_err(), has_control(&value));
        prop_assert_eq!(subject.is_err(), has_control(&value));
        let (Ok(header), Ok(_)) = (header, subject) else { return Ok(()) };

        let message = Message::builder()
            .from(Mailbox::parse("jane@example.com").unwrap())
            .to(Mailbox::parse("bob@example.org").unwrap())
            .subject(value.clone())
            .header(header)
            .text_body("body")
            .build()
            .unwrap();
        let bytes = message.compose(&mut support::context(1)).unwrap().into_bytes();
        assert_wire_clean(&bytes);
        prop_assert!(bytes.is_ascii());
        prop_assert_eq!(
            header_names(&bytes),
            ["From", "To", "Subject", "Date", "Message-ID", "X-Test", "MIME-Version",
             "Content-Type", "Content-Transfer-Encoding"]
        );
        let parsed = mail_parser::MessageParser::new().parse(&bytes).unwrap();
        prop_assert_eq!(parsed.subject().unwrap_or_default().trim(), value.trim());
        // A parser told about X-Test decodes it (and, configured, parses nothing else).
        let custom = mail_parser::MessageParser::new().header_text("X-Test").parse(&bytes).unwrap();
        let x_test = custom.header("X-Test").and_then(|h| h.as_text()).unwrap_or_default();
        prop_assert_eq!(x_test.trim(), value.trim());
        // The message ends with a line break, as a server stores it.
        let body = parsed.body_text(0);
        prop_assert_eq!(body.as_deref(), Some("body\r\n"));
    }

    #[test]
    fn display_names_never_add_a_header_line(name in tricky_text()) {
        let address = Address::parse("jane@example.com").unwrap();
        let mailbox = Mailbox::new(Some(name.clone()), address);
        prop_assert_eq!(mailbox.is_err(), name.chars().any(char::is_control));
        let Ok(mailbox) = mailbox else { return Ok(()) };

        let message = Message::builder()
            .from(mailbox.clone())
            .to(mailbox.clone())
            .cc(Mailbox::parse("bob@example.org").unwrap())
            .text_body("body")
            .build()
            .unwrap();
        let bytes = message.compose(&mut support::context(1)).unwrap().into_bytes();
        assert_wire_clean(&bytes);
        prop_assert_eq!(
            header_names(&bytes),
            ["From", "To", "Cc", "Date", "Message-ID", "MIME-Version", "Content-Type",
             "Content-Transfer-Encoding"]
        );
        let parsed = mail_parser::MessageParser::new().parse(&bytes).unwrap();
        let from = parsed.from().and_then(|a| a.first()).unwrap();
        prop_assert_eq!(from.address(), Some("jane@example.com"));
        prop_assert_eq!(from.name().map(str::trim), mailbox.name());
        let cc = parsed.cc().and_then(|a| a.first()).unwrap();
        prop_assert_eq!(cc.address(), Some("bob@example.org"));
    }

    /// Bodies of any mix of line ends, `=`, blanks, controls and non-ASCII come back as
    /// given with CRLF line ends, whichever encoding was chosen (base64 included: the text
    /// inside must be canonical CRLF too).
    #[test]
    fn text_bodies_survive_with_crlf_line_ends(
        chars in prop::collection::vec(
            prop::sample::select(vec!['a', 'b', ' ', '\t', '\n', '\r', '=', '_', '.', 'é', '日', '\0']),
            0..600,
        ),
        html in any::<bool>(),
    ) {
        let text: String = chars.into_iter().collect();
        let builder = Message::builder().from(Mailbox::parse("jane@example.com").unwrap());
        let builder = if html { builder.html_body(text.clone()) } else { builder.text_body(text.clone()) };
        let bytes = builder.build().unwrap().compose(&mut support::context(1)).unwrap().into_bytes();
        assert_wire_clean(&bytes);
        let parsed = mail_parser::MessageParser::new().parse(&bytes).unwrap();
        // An HTML body comes with a text alternative made from it: the HTML part is checked.
        let part = match html {
            true => parsed.html_part(0).unwrap(),
            false => parsed.root_part(),
        };
        prop_assert_eq!(html, parsed.text_body_count() == 1 && parsed.parts.len() == 3);
        let body = match &part.body {
            mail_parser::PartType::Text(body) | mail_parser::PartType::Html(body) => body.to_string(),
            other => panic!("not a text part: {other:?}"),
        };
        let crlf = text.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n");
        // A single-part message gains the final line break SMTP would add anyway; a base64
        // part does not, since the break falls outside the encoded text.
        let with_break = format!("{crlf}\r\n");
        let expected_ok = body == crlf || (!crlf.ends_with("\r\n") && body == with_break);
        prop_assert!(expected_ok, "body {:?}, text {:?}", body, crlf);
    }

    #[test]
    fn parsed_mailboxes_survive_a_round_trip(name in tricky_text()) {
        let Ok(mailbox) = Mailbox::new(Some(name), Address::parse("jane@example.com").unwrap()) else {
            return Ok(());
        };
        let shown = mailbox.to_string();
        prop_assert!(!shown.contains(['\r', '\n', '\0']));
        let reparsed = Mailbox::parse(&shown);
        prop_assert_eq!(reparsed.as_ref().ok(), Some(&mailbox), "{}", shown);
    }
}
