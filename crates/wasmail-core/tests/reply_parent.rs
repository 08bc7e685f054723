//! Reading a message for display: what a viewer gets from a [`Parent`].

mod reply_support;
mod support;

use reply_support::parent;
use wasmail_core::html::SanitizeOptions;
use wasmail_core::reply::Parent;

#[test]
fn a_gmail_message_as_a_viewer_sees_it() {
    let parent = parent("reply-gmail-alternative.eml");
    assert_eq!(
        parent.message_id().unwrap().as_str(),
        "CAF=third.3003@mail.gmail.com"
    );
    assert_eq!(parent.in_reply_to().len(), 1);
    assert_eq!(parent.references().len(), 2);
    assert_eq!(parent.subject(), "Re: Quarterly planning");
    let names: Vec<Option<&str>> = parent.cc().iter().map(|m| m.name()).collect();
    assert_eq!(names, [Some("Dave, the PM"), Some("Jane Doe")]);
    assert_eq!(
        parent.from()[0].to_string(),
        "Jane Doe <jane.doe@example.com>"
    );
    let date = parent.date().unwrap();
    assert_eq!(date.to_string(), "Mon, 23 Nov 2026 01:42:54 +0100");
    assert_eq!(date.unix_time(), 1_795_394_574);
    assert!(parent.text().unwrap().starts_with("Thursday works for me."));
    assert!(
        parent.raw_html().unwrap().contains("<script>"),
        "the raw HTML is as sent"
    );

    let safe = parent.sanitized_html(&SanitizeOptions::default()).unwrap();
    assert_eq!(safe.blocked_remote_images, 1);
    assert!(!safe.html.contains("<script") && !safe.html.contains("onmouseover"));
    let with_images = parent
        .sanitized_html(&SanitizeOptions {
            remote_images: true,
        })
        .unwrap();
    assert!(
        with_images
            .html
            .contains("src=\"https://tracker.example/open.gif\"")
    );

    let chart = parent
        .inline_part("cid:chart@example.com")
        .expect("the inline image");
    assert_eq!(chart.media_type(), "image/png");
    assert_eq!(chart.filename(), Some("chart.png"));
    assert!(chart.is_inline());
    assert!(chart.bytes().starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(parent.raw().starts_with(b"Return-Path:"));
}

#[test]
fn encoded_words_and_rfc2231_names_are_decoded() {
    let parent = parent("reply-encoded-words.eml");
    assert_eq!(parent.subject(), "Aw: Grüße aus Köln");
    assert_eq!(parent.from()[0].name(), Some("Jörg Müller"));
    assert_eq!(parent.to()[0].name(), Some("李小龙"));
    assert_eq!(
        parent.text().unwrap().trim_end(),
        "Viele Grüße aus Köln! ☕\r\nBis bald."
    );
    assert!(!parent.has_html());
    assert!(parent.sanitized_html(&SanitizeOptions::default()).is_none());
    let pdf = &parent.attachments()[0];
    assert_eq!(
        (pdf.filename(), pdf.media_type()),
        (Some("Straßenplan.pdf"), "application/pdf")
    );
    assert!(!pdf.is_inline());
}

#[test]
fn invalid_addresses_are_left_out() {
    let parent = parent("reply-text-reply-to.eml");
    let cc: Vec<String> = parent
        .cc()
        .iter()
        .map(|m| m.address().to_string())
        .collect();
    assert_eq!(cc, ["alice@example.com"]);
    assert_eq!(
        parent.reply_to()[0].address().to_string(),
        "dev-list@lists.example.org"
    );
    assert_eq!(parent.date().unwrap().utc_offset().minutes(), -300);
}

/// Two messages the `import` fuzz target found that make mail-parser 0.11.9 panic in debug
/// builds: a soft line break right before the boundary in a quoted-printable part (an
/// overflowing subtraction) and nested empty message/rfc822 parts (a `debug_assert!`). They
/// must not panic here (see `[profile.dev.package.mail-parser]` in the workspace manifest).
#[test]
fn broken_messages_that_trip_mail_parser_do_not_panic() {
    let quoted_printable: &[u8] = b"Content-Type:multipart;boundary=000\n\n\
        --000Content-Transfer-Encoding:quoted-printable\n\n=\n--000";
    let nested: &[u8] = b"Content-Type:multipart;boundary==_b\n\n\
        --=_bContent-Type:message/rfc822\n\nContent-Type:message/rfc822\n\n\n--=_b--";
    for message in [quoted_printable, nested] {
        let _ = wasmail_core::reply::Parent::parse(message);
        let _ = wasmail_core::check::check_raw(message, None);
    }
}

#[test]
fn parse_reading_reads_the_same_message_once_for_both() {
    let bytes = reply_support::fixture("charset-shift_jis.eml");
    let (parent, (subject, parts)) = Parent::parse_reading(&bytes, |message| {
        (message.subject().map(str::to_owned), message.parts.len())
    })
    .expect("a message");
    assert_eq!(parent, Parent::parse(&bytes).unwrap());
    // The caller sees the message decoded from Shift_JIS, as the Parent does.
    assert_eq!(subject.as_deref(), Some(parent.subject()));
    assert!(!parent.subject().is_ascii());
    assert!(parts > 1);
    assert!(matches!(
        Parent::parse_reading(b"", |_| ()),
        Err(wasmail_core::reply::ReplyError::NotAMessage)
    ));
}

#[test]
fn files_that_are_no_message_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    let text = b"Dear Bob,\nsee you: Friday.\n";
    for bytes in [&png[..], pdf, text, b"\r\nSubject: after an empty line\r\n"] {
        assert!(
            matches!(
                Parent::parse(bytes),
                Err(wasmail_core::reply::ReplyError::NotAMessage)
            ),
            "{}",
            String::from_utf8_lossy(bytes)
        );
    }
    // What messages start with: a header field (even with blanks before its colon, or after a
    // byte order mark), or an mbox From line.
    for bytes in [
        &b"Subject: hi\r\n\r\nbody\r\n"[..],
        b"Subject : hi\r\n\r\nbody\r\n",
        b"\xEF\xBB\xBFFrom: a@example.com\r\n\r\nbody\r\n",
        b"From jane@example.com Mon Nov 23 09:15:00 2026\nSubject: hi\n\nbody\n",
    ] {
        assert!(
            Parent::parse(bytes).is_ok(),
            "{}",
            String::from_utf8_lossy(bytes)
        );
    }
}
