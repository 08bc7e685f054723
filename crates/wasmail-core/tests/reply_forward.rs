//! Forwards end to end, inline and as an attachment, read back with mail-parser.

mod reply_support;
mod support;

use mail_parser::MessageParser;
use reply_support::{compose_and_read, fixture, mailbox, parent};
use wasmail_core::reply::{ForwardMode, ForwardOptions};

fn me() -> ForwardOptions {
    ForwardOptions {
        from: Some(mailbox("Me <me@example.com>")),
        text: "FYI, see below.".into(),
        ..ForwardOptions::default()
    }
}

#[test]
fn inline_forward_of_a_non_ascii_message_keeps_its_attachment() {
    let parent = parent("reply-encoded-words.eml");
    let draft = parent.forward(&me()).expect("a forward");
    assert!(
        draft.to().is_empty() && draft.cc().is_empty(),
        "the caller adds recipients"
    );
    let draft = draft
        .into_builder()
        .to(mailbox("Anna <anna@example.org>"))
        .build()
        .unwrap();
    let got = compose_and_read(&draft, 6);

    assert_eq!(got.subject, "Fwd: Aw: Grüße aus Köln");
    assert!(got.in_reply_to.is_empty(), "a forward is not a reply");
    assert_eq!(
        got.references,
        ["anfang.1@example.de", "gruesse.42@example.de"]
    );
    assert_eq!(got.to, ["anna@example.org"]);
    assert_eq!(
        got.text,
        "FYI, see below.\n\n\
         ---------- Forwarded message ---------\n\
         From: Jörg Müller <joerg@example.de>\n\
         Date: Wed, 02 Dec 2026 at 14:30\n\
         Subject: Aw: Grüße aus Köln\n\
         To: 李小龙 <li@example.cn>, me@example.com\n\n\
         Viele Grüße aus Köln! ☕\nBis bald.\n"
    );
    assert!(
        got.html.contains(
            "<div class=\"gmail_quote\"><div class=\"gmail_attr\">---------- Forwarded message \
         ---------<br>From: Jörg Müller &lt;<a href=\"mailto:joerg@example.de\">joerg@example.de\
         </a>&gt;<br>Date: Wed, 02 Dec 2026 at 14:30<br>Subject: Aw: Grüße aus Köln<br>To: \
         李小龙 &lt;li@example.cn&gt;, me@example.com<br></div><br>Viele Grüße aus Köln! ☕<br>"
        ),
        "{}",
        got.html
    );

    // The PDF travels again, with its non-ASCII name and its bytes.
    assert_eq!(
        got.parts,
        [(
            "application/pdf".to_owned(),
            Some("Straßenplan.pdf".to_owned()),
            None
        )]
    );
    let reread = MessageParser::new().parse(&got.bytes).unwrap();
    let original = parent.attachments()[0].bytes();
    assert_eq!(reread.attachment(0).unwrap().contents(), original);
    assert!(original.starts_with(b"%PDF-1.4"));
}

#[test]
fn inline_forward_of_html_keeps_inline_images_inline() {
    let parent = parent("reply-gmail-alternative.eml");
    let got = compose_and_read(&parent.forward(&me()).unwrap(), 8);
    assert_eq!(got.subject, "Fwd: Re: Quarterly planning");
    assert!(
        got.html
            .contains("<img src=\"cid:chart@example.com\" alt=\"chart\">")
    );
    assert!(!got.html.contains("<script") && !got.html.contains("tracker.example"));
    assert_eq!(got.parts.len(), 1);
    assert_eq!(got.parts[0].2.as_deref(), Some("chart@example.com"));
    assert!(
        got.text.contains(
            "From: Jane Doe <jane.doe@example.com>\nDate: Mon, 23 Nov 2026 at 01:42\n\
         Subject: Re: Quarterly planning\nTo: Bob Martin <bob@example.org>, \
         Carol <carol@example.net>\nCc: \"Dave, the PM\" <dave@example.com>, \
         Jane Doe <jane.doe@example.com>\n\n"
        ),
        "{}",
        got.text
    );
}

#[test]
fn forward_as_attachment_carries_the_parent_whole() {
    let raw = fixture("reply-gmail-alternative.eml");
    let parent = parent("reply-gmail-alternative.eml");
    let options = ForwardOptions {
        mode: ForwardMode::Attachment,
        ..me()
    };
    let got = compose_and_read(&parent.forward(&options).unwrap(), 9);

    assert_eq!(got.subject, "Fwd: Re: Quarterly planning");
    assert_eq!(got.text, "FYI, see below.\n");
    assert_eq!(
        got.html.trim_end(),
        "<div dir=\"auto\">FYI, see below.</div>"
    );
    assert_eq!(
        got.parts,
        [(
            "message/rfc822".to_owned(),
            Some("Re_ Quarterly planning.eml".to_owned()),
            None
        )]
    );
    let outer = MessageParser::new().parse(&got.bytes).unwrap();
    let attached = outer
        .attachment(0)
        .unwrap()
        .message()
        .expect("a nested message");
    assert_eq!(attached.message_id(), Some("CAF=third.3003@mail.gmail.com"));
    assert_eq!(attached.subject(), Some("Re: Quarterly planning"));
    assert_eq!(outer.attachment(0).unwrap().contents(), &raw[..]);
}

#[test]
fn a_parent_that_mime_cannot_carry_as_message_is_attached_as_bytes() {
    let long_line = "x".repeat(1200);
    let raw = format!("From: a@example.com\r\nSubject: wide\r\n\r\n{long_line}\r\n");
    let parent = wasmail_core::reply::Parent::parse(raw.as_bytes()).unwrap();
    let options = ForwardOptions {
        mode: ForwardMode::Attachment,
        ..me()
    };
    let got = compose_and_read(&parent.forward(&options).unwrap(), 10);
    assert_eq!(
        got.parts,
        [(
            "application/octet-stream".to_owned(),
            Some("wide.eml".to_owned()),
            None
        )]
    );
}

#[test]
fn forwarding_a_sent_copy_as_attachment_keeps_its_blind_copies_blind() {
    let raw = "From: me@example.com\r\nTo: a@example.org\r\nBcc: secret@example.net,\r\n \
               other@example.net\r\nSubject: plan\r\nMessage-ID: <p@x>\r\n\r\nBcc: stays in the body\r\n";
    let parent = wasmail_core::reply::Parent::parse(raw.as_bytes()).unwrap();
    let options = ForwardOptions {
        mode: ForwardMode::Attachment,
        ..me()
    };
    let got = compose_and_read(&parent.forward(&options).unwrap(), 11);
    let outer = MessageParser::new().parse(&got.bytes).unwrap();
    let attached = outer.attachment(0).unwrap().contents();
    let text = String::from_utf8_lossy(attached);
    assert!(!text.contains("secret@"), "{text}");
    assert!(!text.contains("other@"), "{text}");
    assert!(text.starts_with("From: me@example.com\r\nTo: a@example.org\r\nSubject: plan\r\n"));
    assert!(
        text.ends_with("\r\n\r\nBcc: stays in the body\r\n"),
        "{text}"
    );
}
