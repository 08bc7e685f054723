//! Replies end to end: a parent `.eml` is read, replied to, composed with a fixed context and
//! read back with mail-parser as the recipient's client would.

mod reply_support;
mod support;

use reply_support::{compose_and_read, mailbox, parent};
use wasmail_core::address::Address;
use wasmail_core::message::Message;
use wasmail_core::reply::{Parent, ReplyError, ReplyOptions};

fn bob() -> ReplyOptions {
    ReplyOptions {
        from: Some(mailbox("Bob Martin <bob@example.org>")),
        text: "Thursday it is.\nBob\n".into(),
        ..ReplyOptions::default()
    }
}

#[test]
fn reply_all_to_a_gmail_thread() {
    let parent = parent("reply-gmail-alternative.eml");
    let draft = parent
        .reply(&ReplyOptions { all: true, ..bob() })
        .expect("a reply");
    let got = compose_and_read(&draft, 3);

    assert_eq!(got.subject, "Re: Quarterly planning");
    assert_eq!(got.in_reply_to, ["CAF=third.3003@mail.gmail.com"]);
    assert_eq!(
        got.references,
        [
            "root.1001@mail.example.org",
            "CAF=second.2002@mail.gmail.com",
            "CAF=third.3003@mail.gmail.com"
        ]
    );
    // Jane (the author) in To; Carol and Dave in Cc; Bob (the user) nowhere; Jane once.
    assert_eq!(got.to, ["jane.doe@example.com"]);
    assert_eq!(got.cc, ["carol@example.net", "dave@example.com"]);

    let expected_text = "Thursday it is.\nBob\n\n\
        On Mon, 23 Nov 2026 at 01:42, Jane Doe <jane.doe@example.com> wrote:\n\n\
        > Thursday works for me. I attached the chart.\n\
        >\n\
        > On Sun, 22 Nov 2026 at 18:03, Bob Martin <bob@example.org> wrote:\n\
        >\n\
        >> Can we meet on Thursday?\n\
        >>\n\
        >> > Let's plan the quarter.\n";
    assert_eq!(
        got.text, expected_text,
        "the signature is dropped, deeper quotes kept"
    );

    let html = &got.html;
    assert!(
        html.starts_with("<div dir=\"auto\">Thursday it is.<br>\nBob</div><br>"),
        "{html}"
    );
    assert!(html.contains(
        "<div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, 23 Nov 2026 at 01:42, \
         Jane Doe &lt;<a href=\"mailto:jane.doe@example.com\">jane.doe@example.com</a>&gt; \
         wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0 0 0 .8ex;\
         border-left:1px #ccc solid;padding-left:1ex\"><div dir=\"ltr\">Thursday works"
    ));
    // The parent's own quote is kept, nested.
    assert_eq!(html.matches("<blockquote").count(), 2);
    assert!(
        html.contains(
            "Can we meet on Thursday?<br><a>agenda</a></blockquote></div>\n</blockquote></div>"
        ),
        "{html}"
    );
    for hostile in [
        "<script",
        "alert(",
        "onmouseover",
        "tracker.example",
        "javascript:",
    ] {
        assert!(!html.contains(hostile), "{hostile} survived: {html}");
    }
    // The chart the quote shows travels with the reply.
    assert!(html.contains("<img src=\"cid:chart@example.com\" alt=\"chart\">"));
    assert_eq!(
        got.parts,
        [(
            "image/png".to_owned(),
            Some("chart.png".to_owned()),
            Some("chart@example.com".to_owned())
        )]
    );
}

#[test]
fn reply_goes_to_reply_to_and_reply_all_skips_invalid_and_own() {
    let parent = parent("reply-text-reply-to.eml");
    let me = Address::parse("me@example.com").unwrap();
    let options = ReplyOptions {
        own_addresses: vec![me],
        from: Some(mailbox("Me <me@example.com>")),
        text: "Thanks!".into(),
        ..ReplyOptions::default()
    };

    let reply = compose_and_read(&parent.reply(&options).unwrap(), 4);
    assert_eq!(reply.to, ["dev-list@lists.example.org"]);
    assert!(reply.cc.is_empty());
    assert_eq!(reply.subject, "Re: [dev] Release 2.0 is out");
    assert_eq!(reply.in_reply_to, ["release-2.0@lists.example.org"]);
    assert_eq!(reply.references, ["release-2.0@lists.example.org"]);
    assert_eq!(
        reply.text,
        "Thanks!\n\nOn Tue, 01 Dec 2026 at 09:15, Release Bot <bot@lists.example.org> wrote:\n\n\
         > Release 2.0 is out.\n>   Notes: see the changelog.\n>\n>> Is the tag signed?\n\
         >> > It should be.\n"
    );
    // A text-only parent is quoted as escaped HTML, its quote levels as blockquotes.
    assert!(reply.html.contains(
        "padding-left:1ex\">Release 2.0 is out.<br>\n&nbsp;&nbsp;Notes: see the changelog.<br>\n\
         <blockquote type=\"cite\">Is the tag signed?<blockquote type=\"cite\">It should \
         be.</blockquote></blockquote></blockquote>"
    ), "{}", reply.html);

    let all = compose_and_read(
        &parent
            .reply(&ReplyOptions {
                all: true,
                ..options
            })
            .unwrap(),
        4,
    );
    assert_eq!(all.to, ["dev-list@lists.example.org"]);
    // The list is already in To, the user is left out, the address without `@` is skipped.
    assert_eq!(all.cc, ["alice@example.com"]);
}

#[test]
fn reply_to_a_message_the_user_sent_goes_to_its_recipients() {
    let sent = Message::builder()
        .from(mailbox("Me <me@example.com>"))
        .to(mailbox("Alice <alice@example.com>"))
        .cc(mailbox("carol@example.net"))
        .subject("Plans")
        .text_body("See you there.\n")
        .build()
        .unwrap();
    let parent = Parent::from_message(&sent, &mut support::context(1)).unwrap();
    let options = ReplyOptions {
        from: Some(mailbox("me@example.com")),
        ..ReplyOptions::default()
    };

    let reply = parent.reply(&options).unwrap();
    let addresses = |list: &[wasmail_core::mailbox::Mailbox]| -> Vec<String> {
        list.iter().map(|m| m.address().to_string()).collect()
    };
    assert_eq!(addresses(reply.to()), ["alice@example.com"]);
    assert!(reply.cc().is_empty());

    let all = parent
        .reply(&ReplyOptions {
            all: true,
            ..options.clone()
        })
        .unwrap();
    assert_eq!(addresses(all.to()), ["alice@example.com"]);
    assert_eq!(addresses(all.cc()), ["carol@example.net"]);

    // A note to self is answered to oneself rather than to nobody.
    let note = Message::builder()
        .from(mailbox("me@example.com"))
        .to(mailbox("ME@example.com"))
        .subject("note")
        .build()
        .unwrap();
    let note = Parent::from_message(&note, &mut support::context(2)).unwrap();
    assert_eq!(
        addresses(note.reply(&options).unwrap().to()),
        ["me@example.com"]
    );
}

#[test]
fn a_parent_without_message_id_or_valid_from_still_gets_a_draft() {
    let parent = Parent::parse(
        b"From: Someone <not an address>\r\nSubject: Hi\r\nReferences: <a@x> garbage <b@x>\r\n\r\nHello\r\n",
    )
    .unwrap();
    assert!(parent.from().is_empty());
    assert_eq!(parent.references().len(), 2);
    let draft = parent.reply(&ReplyOptions::default()).unwrap();
    assert!(draft.to().is_empty(), "no valid address to reply to");
    assert!(draft.in_reply_to().is_empty());
    let refs: Vec<&str> = draft.references().iter().map(|id| id.as_str()).collect();
    assert_eq!(refs, ["a@x", "b@x"], "threaded through what the parent had");
    assert_eq!(
        draft.text_body(),
        Some("Someone <not an address> wrote:\n\n> Hello\n")
    );
}

#[test]
fn empty_bytes_are_not_a_message() {
    assert_eq!(Parent::parse(b""), Err(ReplyError::NotAMessage));
    assert_eq!(
        Parent::parse(b"\r\n\r\nno headers"),
        Err(ReplyError::NotAMessage)
    );
}

#[test]
fn a_composed_html_message_round_trips_into_a_parent() {
    let message = Message::builder()
        .from(mailbox("Jane <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .subject("Menu")
        .text_body("Soup\n")
        .html_body("<p onclick=\"x()\">Soup</p>")
        .build()
        .unwrap();
    let parent = Parent::from_message(&message, &mut support::context(5)).unwrap();
    assert_eq!(parent.subject(), "Menu");
    assert_eq!(parent.text().map(str::trim_end), Some("Soup"));
    assert_eq!(
        parent.raw_html().map(str::trim_end),
        Some("<p onclick=\"x()\">Soup</p>")
    );
    let safe = parent.sanitized_html(&Default::default()).unwrap();
    assert_eq!(safe.html.trim_end(), "<p>Soup</p>");
    assert!(parent.message_id().is_some());
    assert_eq!(
        parent.date().map(|d| d.to_string()).as_deref(),
        Some("Mon, 23 Nov 2026 01:42:54 +0100")
    );

    let reply = parent.reply(&ReplyOptions::default()).unwrap();
    assert_eq!(reply.in_reply_to(), [parent.message_id().unwrap().clone()]);
    assert!(reply.html_body().unwrap().contains("<p>Soup</p>"));
}

#[test]
fn quoted_images_whose_part_cannot_come_along_lose_their_source() {
    let parent = Parent::parse(
        b"From: Jane <jane@example.com>\r\nTo: bob@example.org\r\nSubject: Logos\r\n\
Message-ID: <logos@example.com>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n\
<p><img src=\"cid:good@x\" alt=\"good\"><img src=\"cid:lo go\" alt=\"spaced\">\
<img src=\"cid:gone@x\" alt=\"gone\"></p>\r\n--b\r\n\
Content-Type: image/png\r\nContent-ID: <good@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n\
iVBORw0KGgo=\r\n--b\r\n\
Content-Type: image/png\r\nContent-ID: <lo go>\r\nContent-Transfer-Encoding: base64\r\n\r\n\
iVBORw0KGgo=\r\n--b--\r\n",
    )
    .unwrap();
    let options = ReplyOptions {
        from: Some(mailbox("Bob <bob@example.org>")),
        text: "Nice.".into(),
        ..ReplyOptions::default()
    };
    let reply = parent.reply(&options).unwrap();
    // Nothing the writer would have to fix: the reply can be composed and sent as it is.
    let findings = wasmail_core::check::check_message(&reply, None);
    assert!(findings.is_empty(), "{findings:?}");
    let html = reply.html_body().unwrap();
    assert!(
        html.contains(r#"<img src="cid:good@x" alt="good">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<img alt="spaced">"#) && html.contains(r#"<img alt="gone">"#),
        "{html}"
    );
    let ids: Vec<&str> = reply
        .inline_images()
        .iter()
        .map(|i| i.content_id())
        .collect();
    assert_eq!(ids, ["good@x"]);
}

#[test]
fn a_whole_html_document_written_as_the_reply_gives_its_body() {
    let parent = parent("reply-gmail-alternative.eml");
    let options = ReplyOptions {
        text: String::new(),
        html: Some(
            "<!DOCTYPE html>\n<html><head><title>x</title><style>p{margin:0}</style></head>\n\
             <body><p>Thursday it is.</p></body></html>\n"
                .into(),
        ),
        ..bob()
    };
    let got = compose_and_read(&parent.reply(&options).unwrap(), 12);
    assert!(
        got.html
            .starts_with("<div dir=\"auto\"><p>Thursday it is.</p></div>"),
        "{}",
        got.html
    );
    // The head's style sheet would restyle the quote below: it goes with the head.
    for stray in ["<!DOCTYPE", "<html", "<head", "<title", "</body>", "<style"] {
        assert!(!got.html.contains(stray), "{stray} in {}", got.html);
    }
    assert!(got.html.contains("gmail_quote"));
    assert!(got.text.starts_with("Thursday it is."), "{}", got.text);
}

#[test]
fn a_flowed_parent_is_quoted_as_paragraphs() {
    let raw = "From: Ann <ann@example.com>\r\nTo: bob@example.org\r\nSubject: flow\r\n\
               Message-ID: <f@x>\r\nContent-Type: text/plain; charset=utf-8; format=flowed; \
               delsp=yes\r\n\r\nThis is a long para \r\ngraph that was flo \r\nwed.\r\n\
               Second line.\r\n";
    let parent = Parent::parse(raw.as_bytes()).unwrap();
    let got = compose_and_read(&parent.reply(&bob()).unwrap(), 13);
    assert!(
        got.text
            .contains("> This is a long paragraph that was flowed.\n> Second line."),
        "{}",
        got.text
    );
}
