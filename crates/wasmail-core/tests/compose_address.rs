//! Addresses and mailboxes: what is accepted, how it is normalised, what is refused and why.

use wasmail_core::address::{Address, AddressError};
use wasmail_core::mailbox::{Mailbox, parse_list};

#[test]
fn valid_addresses() {
    // (input, local part, Unicode domain, ASCII domain)
    let table = [
        ("jane@example.com", "jane", "example.com", "example.com"),
        (
            "Jane.Doe+tag@Example.COM",
            "Jane.Doe+tag",
            "example.com",
            "example.com",
        ),
        (
            "!#$%&'*+-/=?^_`{|}~@example.com",
            "!#$%&'*+-/=?^_`{|}~",
            "example.com",
            "example.com",
        ),
        (
            "user@bücher.example",
            "user",
            "bücher.example",
            "xn--bcher-kva.example",
        ),
        (
            "user@xn--bcher-kva.example",
            "user",
            "bücher.example",
            "xn--bcher-kva.example",
        ),
        (
            "\"john smith\"@example.com",
            "\"john smith\"",
            "example.com",
            "example.com",
        ),
        (
            "\"a\\\"b\"@example.com",
            "\"a\\\"b\"",
            "example.com",
            "example.com",
        ),
        (
            "\"needless\"@example.com",
            "needless",
            "example.com",
            "example.com",
        ),
        (
            "\"a@b\"@example.com",
            "\"a@b\"",
            "example.com",
            "example.com",
        ),
        (
            "postmaster@[192.0.2.1]",
            "postmaster",
            "[192.0.2.1]",
            "[192.0.2.1]",
        ),
        (
            "postmaster@[IPv6:2001:db8::1]",
            "postmaster",
            "[IPv6:2001:db8::1]",
            "[IPv6:2001:db8::1]",
        ),
        (
            "用户@例子.广告",
            "用户",
            "例子.广告",
            "xn--fsqu00a.xn--4rr70v",
        ),
        ("a@localhost", "a", "localhost", "localhost"),
    ];
    for (input, local, domain, ascii) in table {
        let address = Address::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(address.local_part(), local, "{input}");
        assert_eq!(address.domain(), domain, "{input}");
        assert_eq!(address.domain_ascii(), ascii, "{input}");
        assert_eq!(address, input.parse::<Address>().unwrap());
    }
}

#[test]
fn smtputf8_is_needed_only_for_non_ascii_local_parts() {
    let idn = Address::parse("user@bücher.example").unwrap();
    assert!(!idn.needs_smtputf8());
    assert_eq!(idn.as_ascii_str(), Some("user@xn--bcher-kva.example"));
    assert_eq!(idn.to_string(), "user@bücher.example");

    let utf8 = Address::parse("josé@bücher.example").unwrap();
    assert!(utf8.needs_smtputf8());
    assert_eq!(utf8.as_ascii_str(), None);
    assert_eq!(utf8.to_string(), "josé@bücher.example");
}

#[test]
fn invalid_addresses_say_what_is_wrong() {
    let long_local = format!("{}@example.com", "a".repeat(65));
    let long_label = format!("a@{}.com", "b".repeat(64));
    let long_address = format!(
        "{}@{}.com",
        "a".repeat(64),
        vec!["b".repeat(60); 4].join(".")
    );
    let table: Vec<(&str, AddressError)> = vec![
        ("", AddressError::Empty),
        ("jane.example.com", AddressError::MissingAt),
        ("@example.com", AddressError::EmptyLocalPart),
        ("jane@", AddressError::EmptyDomain),
        (
            "jane@example.com\r\nRCPT TO:<x@y>",
            AddressError::ControlChar {
                ch: '\r',
                position: 16,
            },
        ),
        (
            "ja\rne@example.com",
            AddressError::ControlChar {
                ch: '\r',
                position: 2,
            },
        ),
        (
            "ja\nne@example.com",
            AddressError::ControlChar {
                ch: '\n',
                position: 2,
            },
        ),
        (
            "ja\0ne@example.com",
            AddressError::ControlChar {
                ch: '\0',
                position: 2,
            },
        ),
        (
            "ja ne@example.com",
            AddressError::Whitespace { position: 2 },
        ),
        (
            "<jane@example.com>",
            AddressError::AngleBracket { position: 0 },
        ),
        (
            "jane@exa mple.com",
            AddressError::InvalidDomainChar {
                ch: ' ',
                position: 8,
            },
        ),
        (
            ".jane@example.com",
            AddressError::MisplacedDot { position: 0 },
        ),
        (
            "jane.@example.com",
            AddressError::MisplacedDot { position: 4 },
        ),
        (
            "ja..ne@example.com",
            AddressError::MisplacedDot { position: 3 },
        ),
        (
            "ja(ne@example.com",
            AddressError::UnexpectedChar {
                ch: '(',
                position: 2,
            },
        ),
        (
            "a@b@example.com",
            AddressError::UnexpectedChar {
                ch: '@',
                position: 1,
            },
        ),
        ("\"jane@example.com", AddressError::UnterminatedQuote),
        (
            "\"ja\rne\"@example.com",
            AddressError::ControlChar {
                ch: '\r',
                position: 3,
            },
        ),
        ("jane@example..com", AddressError::EmptyDomainLabel),
        ("jane@.example.com", AddressError::EmptyDomainLabel),
        (
            "jane@exam_ple.com",
            AddressError::InvalidDomainChar {
                ch: '_',
                position: 9,
            },
        ),
        ("jane@[300.0.0.1]", AddressError::InvalidAddressLiteral),
        ("jane@[IPv6:zz::1]", AddressError::InvalidAddressLiteral),
        (&long_local, AddressError::LocalPartTooLong { octets: 65 }),
        (&long_label, AddressError::InvalidDomainName),
        (&long_address, AddressError::AddressTooLong { octets: 312 }),
    ];
    for (input, expected) in table {
        assert_eq!(Address::parse(input), Err(expected), "{input:?}");
    }
}

#[test]
fn error_messages_are_readable() {
    let error = Address::parse("ja\nne@example.com").unwrap_err();
    assert_eq!(
        error.to_string(),
        "control character U+000A at byte 2 is not allowed"
    );
    let error = Address::parse("jane").unwrap_err();
    assert_eq!(
        error.to_string(),
        "the address has no '@' between local part and domain"
    );
}

#[test]
fn mailboxes_parse_and_display() {
    let table = [
        (
            "jane@example.com",
            None,
            "jane@example.com",
            "jane@example.com",
        ),
        (
            "Jane Doe <jane@example.com>",
            Some("Jane Doe"),
            "jane@example.com",
            "Jane Doe <jane@example.com>",
        ),
        (
            "  Jane   Doe  <jane@example.com> ",
            Some("Jane Doe"),
            "jane@example.com",
            "Jane Doe <jane@example.com>",
        ),
        (
            "\"Doe, Jane\" <j@x.example>",
            Some("Doe, Jane"),
            "j@x.example",
            "\"Doe, Jane\" <j@x.example>",
        ),
        (
            "\"Jane \\\"JD\\\" Doe\" <j@x.example>",
            Some("Jane \"JD\" Doe"),
            "j@x.example",
            "\"Jane \\\"JD\\\" Doe\" <j@x.example>",
        ),
        (
            "<jane@example.com>",
            None,
            "jane@example.com",
            "jane@example.com",
        ),
        (
            "jane@example.com (Jane Doe)",
            Some("Jane Doe"),
            "jane@example.com",
            "Jane Doe <jane@example.com>",
        ),
        (
            "Jane (work) <jane@example.com>",
            Some("Jane"),
            "jane@example.com",
            "Jane <jane@example.com>",
        ),
        (
            "Zoë Ångström <zoe@bücher.example>",
            Some("Zoë Ångström"),
            "zoe@bücher.example",
            "Zoë Ångström <zoe@bücher.example>",
        ),
        (
            "J. R. Doe <j@x.example>",
            Some("J. R. Doe"),
            "j@x.example",
            "\"J. R. Doe\" <j@x.example>",
        ),
    ];
    for (input, name, address, display) in table {
        let mailbox = Mailbox::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(mailbox.name(), name, "{input}");
        assert_eq!(mailbox.address().to_string(), address, "{input}");
        assert_eq!(mailbox.to_string(), display, "{input}");
        assert_eq!(
            Mailbox::parse(&mailbox.to_string()).unwrap(),
            mailbox,
            "round trip of {input}"
        );
    }
}

#[test]
fn mailbox_errors() {
    assert_eq!(Mailbox::parse(""), Err(AddressError::Empty));
    assert_eq!(
        Mailbox::parse("a@x.example, b@x.example"),
        Err(AddressError::NotASingleMailbox)
    );
    assert_eq!(
        Mailbox::parse("Jane <jane@example.com"),
        Err(AddressError::UnclosedAngleBracket)
    );
    assert_eq!(
        Mailbox::parse("\"Jane <jane@example.com>"),
        Err(AddressError::UnterminatedQuote)
    );
    assert_eq!(
        Mailbox::parse("Jane (x <jane@example.com>"),
        Err(AddressError::UnterminatedComment)
    );
    assert_eq!(
        Mailbox::parse("Jane <jane@example.com> extra"),
        Err(AddressError::UnexpectedChar {
            ch: 'e',
            position: 24
        })
    );
    assert_eq!(
        Mailbox::parse("Jane\r\nBcc: x@y.example <jane@example.com>"),
        Err(AddressError::ControlChar {
            ch: '\r',
            position: 4
        })
    );
    assert_eq!(
        Mailbox::parse("Jane <ja ne@example.com>"),
        Err(AddressError::Whitespace { position: 8 })
    );
}

#[test]
fn display_names_with_control_characters_are_refused() {
    let address = Address::parse("jane@example.com").unwrap();
    for name in [
        "Jane\r\nBcc: evil@x.example",
        "Jane\nDoe",
        "Jane\rDoe",
        "Jane\0",
        "Jane\tDoe",
    ] {
        assert!(
            matches!(
                Mailbox::new(Some(name.into()), address.clone()),
                Err(AddressError::ControlChar { .. })
            ),
            "{name:?}"
        );
    }
    let blank = Mailbox::new(Some("   ".into()), address.clone()).unwrap();
    assert_eq!(blank.name(), None);
    let trimmed = Mailbox::new(Some(" Jane ".into()), address).unwrap();
    assert_eq!(trimmed.name(), Some("Jane"));
}

#[test]
fn address_lists() {
    let list = parse_list(
        "\"Doe, Jane\" <jane@example.com>, bob@example.org (Bob, the builder), \
         Team: carol@example.net, \"Smith, D\" <dan@example.net>;, ,erin@example.com,",
    )
    .unwrap();
    let shown: Vec<String> = list.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "\"Doe, Jane\" <jane@example.com>",
            "\"Bob, the builder\" <bob@example.org>",
            "carol@example.net",
            "\"Smith, D\" <dan@example.net>",
            "erin@example.com",
        ]
    );
    assert_eq!(parse_list("").unwrap(), []);
    assert_eq!(parse_list("undisclosed-recipients:;").unwrap(), []);
    assert_eq!(
        parse_list("a@[IPv6:2001:db8::1], b@x.example")
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        parse_list("a@x.example, b x@y.example"),
        Err(AddressError::Whitespace { position: 14 })
    );
    // A colon outside quotes opens a group; one that is never closed was meant as part of a
    // name, and the words before it must not vanish.
    let error = parse_list("Jane:Doe <jane@example.com>").unwrap_err();
    assert_eq!(error, AddressError::UnclosedGroup { position: 4 });
    assert!(error.to_string().contains("must be quoted"), "{error}");
    assert!(Mailbox::parse("Jane:Doe <jane@example.com>").is_err());
    assert_eq!(
        Mailbox::parse("\"Jane:Doe\" <jane@example.com>")
            .unwrap()
            .name(),
        Some("Jane:Doe")
    );
}

#[test]
fn the_bad_entry_of_a_list_is_found_whole() {
    use wasmail_core::mailbox::invalid_entry;
    let list = r#""Doe, Jane" <jane@x.example>, Team: a@x.example, b@;, c@x.example"#;
    let (entry, error) = invalid_entry(list).unwrap();
    assert_eq!(entry, "b@");
    assert_eq!(error, wasmail_core::address::AddressError::EmptyDomain);
    assert_eq!(
        invalid_entry(r#""Doe, Jane" <jane@x.example>, b@x.example"#),
        None
    );
    // A control character stops the split itself: parse_list reports it.
    assert_eq!(invalid_entry("a@x.example,\r\nb@"), None);
}

/// A display name that looks like an encoded word is shown as written, never decoded into
/// something else ("=?utf-8?B?c3VwcG9ydEBiYW5rLmV4YW1wbGU=?=" is "support@bank.example").
#[test]
fn display_names_that_look_encoded_read_back_as_written() {
    let sly = "=?utf-8?B?c3VwcG9ydEBiYW5rLmV4YW1wbGU=?=";
    let from = Mailbox::new(
        Some(sly.into()),
        Address::parse("jane@example.com").unwrap(),
    )
    .unwrap();
    let message = wasmail_core::message::Message::builder()
        .from(from)
        .to(Mailbox::parse("Bob <bob@example.org>").unwrap())
        .to(Mailbox::new(
            Some("=?xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".into()),
            Address::parse("x@example.org").unwrap(),
        )
        .unwrap())
        .to(Mailbox::new(
            Some("Zoë =?x?=".into()),
            Address::parse("z@example.org").unwrap(),
        )
        .unwrap())
        .text_body("hi")
        .build()
        .unwrap();
    let bytes = message
        .compose(
            &mut wasmail_core::context::ComposeContext::new(
                1_795_394_574,
                wasmail_core::context::UtcOffset::UTC,
                [1; 32],
                "example.com",
            )
            .unwrap(),
        )
        .unwrap()
        .into_bytes();
    let parsed = mail_parser::MessageParser::new().parse(&bytes).unwrap();
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some(sly));
    assert_eq!(from.address(), Some("jane@example.com"));
    let to: Vec<(Option<&str>, Option<&str>)> = parsed
        .to()
        .unwrap()
        .iter()
        .map(|a| (a.name(), a.address()))
        .collect();
    assert_eq!(
        to,
        [
            (Some("Bob"), Some("bob@example.org")),
            (
                Some("=?xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                Some("x@example.org")
            ),
            (Some("Zoë =?x?="), Some("z@example.org"))
        ]
    );
    let text = String::from_utf8(bytes).unwrap();
    let head = text.split("\r\n\r\n").next().unwrap();
    assert!(!head.contains("\"=?"), "{head}");
    for line in head.split("\r\n").filter(|line| line.contains("=?")) {
        assert!(line.len() <= 76, "{line}");
    }
}
