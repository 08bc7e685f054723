//! The JS-free parts of the crate, natively: draft validation, the draft ↔ message round trip
//! and the message view. The JS surface itself is tested by pkg-tests/ in Node and Chromium.

use wasmail_core::context::{ComposeContext, UtcOffset};
use wasmail_core::reply::{Parent, ReplyOptions};
use wasmail_wasm::{DraftField, DraftFile, DraftImage, DraftModel, MessageView, Structure};

fn ctx() -> ComposeContext {
    ComposeContext::new(1_795_394_574, UtcOffset::UTC, [7; 32], "example.com").unwrap()
}

fn fields(model: &DraftModel) -> Vec<(DraftField, bool)> {
    model
        .validate()
        .into_iter()
        .map(|f| (f.field, f.error))
        .collect()
}

#[test]
fn an_empty_draft_needs_a_from_and_a_recipient() {
    assert_eq!(
        fields(&DraftModel::default()),
        vec![(DraftField::From, true), (DraftField::To, true)]
    );
}

#[test]
fn bad_fields_are_reported_once_where_they_are() {
    let model = DraftModel {
        from: "jane@".into(),
        to: "bob@example.org, <carol".into(),
        subject: "a\r\nBcc: x@y".into(),
        headers: vec![("Subject".into(), "owned".into())],
        attachments: vec![DraftFile {
            filename: "a.bin".into(),
            content_type: "not a type".into(),
            bytes: vec![1],
        }],
        ..DraftModel::default()
    };
    let found = fields(&model);
    for field in [
        DraftField::From,
        DraftField::To,
        DraftField::Subject,
        DraftField::Headers,
        DraftField::Attachments,
    ] {
        assert_eq!(
            found.iter().filter(|(f, _)| *f == field).count(),
            1,
            "{field:?} in {found:?}"
        );
    }
    assert!(model.message().is_err());
}

#[test]
fn inline_image_problems_are_findings() {
    let model = DraftModel {
        from: "jane@example.com".into(),
        to: "bob@example.org".into(),
        html: Some("<img src=\"cid:missing@x\">".into()),
        inline_images: vec![DraftImage {
            content_id: "logo@x".into(),
            filename: "logo.png".into(),
            content_type: String::new(),
            bytes: vec![0x89, b'P', b'N', b'G'],
        }],
        ..DraftModel::default()
    };
    let findings = model.validate();
    assert!(
        findings
            .iter()
            .any(|f| f.field == DraftField::Html && f.error && f.message.contains("missing@x"))
    );
    assert!(
        findings
            .iter()
            .any(|f| f.field == DraftField::InlineImages && !f.error)
    );
    // A warning does not prevent composing; the missing image is the author's to fix.
    assert!(model.message().is_ok());
}

#[test]
fn a_reply_draft_round_trips_through_the_form_fields() {
    let parent = Parent::parse(
        b"From: \"Doe, Jane\" <jane@example.com>\r\nTo: bob@example.org, carol@example.net\r\n\
          Cc: Dave <dave@example.org>\r\nSubject: Lunch?\r\nMessage-ID: <1@example.com>\r\n\
          References: <0@example.com>\r\nDate: Mon, 23 Nov 2026 01:42:54 +0100\r\n\r\nNoon?\r\n",
    )
    .unwrap();
    let reply = parent
        .reply(&ReplyOptions {
            all: true,
            from: Some("Bob <bob@example.org>".parse().unwrap()),
            text: "Yes!".into(),
            ..ReplyOptions::default()
        })
        .unwrap();
    let model = DraftModel::from_message(&reply);
    assert_eq!(model.to, "\"Doe, Jane\" <jane@example.com>");
    let rebuilt = model.message().unwrap();
    assert_eq!(
        rebuilt.compose(&mut ctx()).unwrap().bytes(),
        reply.compose(&mut ctx()).unwrap().bytes()
    );
}

#[test]
fn the_view_shows_safe_html_with_inline_images_as_data_urls() {
    let model = DraftModel {
        from: "Jane <jane@example.com>".into(),
        to: "bob@example.org".into(),
        bcc: "secret@example.org".into(),
        subject: "Logo".into(),
        text: Some("See the logo".into()),
        html: Some("<p onclick=\"steal()\">Logo: <img src=\"cid:logo@x\"><img src=\"https://tracker.example/p.gif\"><script>alert(1)</script></p>".into()),
        inline_images: vec![DraftImage {
            content_id: "logo@x".into(),
            filename: "logo.png".into(),
            content_type: "image/png".into(),
            bytes: vec![0x89, b'P', b'N', b'G'],
        }],
        attachments: vec![DraftFile {
            filename: "notes.txt".into(),
            content_type: String::new(),
            bytes: b"hello\n".to_vec(),
        }],
        ..DraftModel::default()
    };
    let composed = model.message().unwrap().compose(&mut ctx()).unwrap();
    let view = MessageView::of(&Parent::parse(composed.bytes()).unwrap());
    let html = view.html.unwrap();
    assert!(
        html.contains("src=\"data:image/png;base64,iVBORw==\""),
        "{html}"
    );
    assert!(!html.contains("script") && !html.contains("onclick") && !html.contains("tracker"));
    assert_eq!(view.blocked_remote_images, 1);
    assert!(
        !view
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("bcc"))
    );
    assert_eq!(view.tree.content_type, "multipart/mixed");
    let kinds: Vec<&str> = view
        .tree
        .children
        .iter()
        .map(|n| n.content_type.as_str())
        .collect();
    assert_eq!(kinds, ["multipart/alternative", "text/plain"]);
    let alternative = &view.tree.children[0];
    assert_eq!(alternative.children[1].content_type, "multipart/related");
    assert_eq!(view.parts.len(), 2);
    assert!(view.source.contains("\r\n") && !view.source.replace("\r\n", "").contains('\n'));
}

#[test]
fn a_big_attachment_is_shortened_in_the_source_and_nothing_else() {
    // Bytes that do not compress into a short run: a simple generator, no randomness.
    let mut state = 0x2545_f491_u32;
    let bytes: Vec<u8> = (0..300_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect();
    let model = DraftModel {
        from: "Jane <jane@example.com>".into(),
        to: "bob@example.org".into(),
        subject: "The data".into(),
        text: Some("Attached.".into()),
        attachments: vec![DraftFile {
            filename: "data.bin".into(),
            content_type: "application/octet-stream".into(),
            bytes: bytes.clone(),
        }],
        ..DraftModel::default()
    };
    let composed = model.message().unwrap().compose(&mut ctx()).unwrap();
    let raw = composed.bytes();
    let view = MessageView::parse(raw).unwrap();
    // Parsing once gives what parsing for the Parent and then for the view gives.
    assert_eq!(view, MessageView::of(&Parent::parse(raw).unwrap()));
    let (parent, structure) = Structure::read(raw).unwrap();
    assert_eq!(parent, Parent::parse(raw).unwrap());
    assert_eq!(view, MessageView::with_structure(&parent, structure));
    assert_eq!(view.size, raw.len());
    assert_eq!(view.parts[0].size, bytes.len());

    // 400,000 octets of base64 are 5,263 lines of 76 and one of 12 (too short to count); 10 + 2
    // of the long ones are shown.
    let lines: Vec<&str> = view.source.split("\r\n").collect();
    let note = lines
        .iter()
        .position(|l| l.starts_with("[... "))
        .expect("a note where the lines are left out");
    assert_eq!(
        lines[note],
        "[... 5,251 lines of base64 (409,578 octets) not shown ...]"
    );
    assert_eq!(view.source_omitted, 5_251 * 78);
    assert!(view.source.len() < 3_000, "{}", view.source.len());
    // Around the note, the lines are the message's own: its first 10 and last 2 of the body.
    let text = String::from_utf8(raw.to_vec()).unwrap();
    let before = lines[..note].join("\r\n");
    let after = lines[note + 1..].join("\r\n");
    assert!(text.starts_with(&before));
    assert!(text.ends_with(&after));
    assert_eq!(
        text.len() - before.len() - "\r\n".len() - after.len(),
        view.source_omitted,
        "what is left out is exactly the lines the note counts"
    );
    assert!(lines[note - 1].len() == 76 && lines[note + 1].len() == 76);

    // A small message is shown whole.
    let small = DraftModel {
        attachments: vec![DraftFile {
            filename: "data.bin".into(),
            content_type: "application/octet-stream".into(),
            bytes: bytes[..5_000].to_vec(),
        }],
        ..model
    };
    let composed = small.message().unwrap().compose(&mut ctx()).unwrap();
    let view = MessageView::parse(composed.bytes()).unwrap();
    assert_eq!(view.source.as_bytes(), composed.bytes());
    assert_eq!(view.source_omitted, 0);
}

#[test]
fn cid_images_the_message_lacks_lose_their_source() {
    let raw = b"From: a@example.com\r\nTo: b@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n\
<p><img src=\"cid:gone@x\" alt=\"the logo\"> and <img src=\"cid:svg@x\"></p>\r\n";
    let view = MessageView::parse(raw).unwrap();
    let html = view.html.unwrap();
    assert!(!html.contains("cid:"), "{html}");
    assert!(html.contains("alt=\"the logo\""), "{html}");
}

#[test]
fn a_bad_entry_in_a_long_list_is_named() {
    let to: Vec<String> = (0..40).map(|i| format!("user{i}@example.org")).collect();
    let mut to = to.join(", ");
    to.push_str(", Carol Smith carol@example.net, last@example.org");
    let model = DraftModel {
        from: "jane@example.com".into(),
        to,
        cc: "bob smith@example.org".into(),
        ..DraftModel::default()
    };
    let messages: Vec<String> = model.validate().into_iter().map(|f| f.message).collect();
    assert!(
        messages.contains(
            &"To: \"Carol Smith carol@example.net\": a name goes before the address in angle \
              brackets: Carol Smith <carol@example.net>"
                .to_owned()
        ),
        "{messages:?}"
    );
    // A single entry is the whole field: nothing to name.
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Cc: whitespace at byte 3")),
        "{messages:?}"
    );
}

#[test]
fn a_name_with_a_comma_gets_its_quoted_form_suggested() {
    let model = DraftModel {
        from: "Doe, Jane <jane@example.com>".into(),
        to: "Smith, Bob <bob@example.org>".into(),
        ..DraftModel::default()
    };
    let messages: Vec<String> = model.validate().into_iter().map(|f| f.message).collect();
    assert!(
        messages.contains(
            &r#"From: "Doe" is no address; if it is part of one name, quote the name: "Doe, Jane" <jane@example.com>"#.to_owned()
        ),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &r#"To: "Smith" is no address; if it is part of one name, quote the name: "Smith, Bob" <bob@example.org>"#.to_owned()
        ),
        "{messages:?}"
    );
}

/// `inspect` finds what `validate` finds, and composes exactly when nothing blocks it.
#[test]
fn inspect_finds_what_validate_finds_with_one_composition() {
    let image = |content_id: &str| DraftImage {
        content_id: content_id.into(),
        filename: "logo.png".into(),
        content_type: String::new(),
        bytes: vec![0x89, b'P', b'N', b'G'],
    };
    let good = DraftModel {
        from: "jane@example.com".into(),
        to: "bob@example.org".into(),
        subject: "Hi".into(),
        text: Some("Hello".into()),
        ..DraftModel::default()
    };
    let drafts = [
        DraftModel::default(),
        good.clone(),
        // No recipient yet: an error for sending, but it composes.
        DraftModel {
            to: String::new(),
            ..good.clone()
        },
        DraftModel {
            from: "jane@".into(),
            ..good.clone()
        },
        DraftModel {
            html: Some("<img src=\"cid:missing@x\">".into()),
            inline_images: vec![image("logo@x")],
            ..good.clone()
        },
        // Only composing finds this one.
        DraftModel {
            html: Some("<img src=\"cid:logo@x\">".into()),
            inline_images: vec![image("logo@x"), image("logo@x")],
            ..good.clone()
        },
        DraftModel {
            attachments: vec![DraftFile {
                filename: "fwd.eml".into(),
                content_type: "message/rfc822".into(),
                bytes: b"Subject: x\r\n\r\nnul \0 here\r\n".to_vec(),
            }],
            ..good.clone()
        },
    ];
    for (index, draft) in drafts.iter().enumerate() {
        let validated = draft.validate();
        let inspected = draft.inspect(|_| Ok(ctx())).unwrap();
        assert_eq!(inspected.findings, validated, "draft {index}");
        let blocked = validated.iter().any(|f| f.blocks_composing());
        assert_eq!(
            inspected.composed.is_none(),
            blocked,
            "draft {index}: {validated:?}"
        );
        if let Some(composed) = &inspected.composed {
            let expected = draft.message().unwrap().compose(&mut ctx()).unwrap();
            assert_eq!(composed.bytes(), expected.bytes(), "draft {index}");
        }
    }
    // The composing failures are the findings, on their fields.
    let duplicate = drafts[5].inspect(|_| Ok(ctx())).unwrap();
    assert!(
        duplicate
            .findings
            .iter()
            .any(|f| f.field == DraftField::InlineImages && f.error),
        "{:?}",
        duplicate.findings
    );
    // The context is asked for with the draft's From, and its failure is the caller's.
    let error = good
        .inspect(|from| {
            assert_eq!(from.unwrap().address().to_string(), "jane@example.com");
            Err("bad context".into())
        })
        .unwrap_err();
    assert_eq!(error, "bad context");
}

#[test]
fn a_name_before_a_bare_address_gets_its_brackets_suggested() {
    let model = DraftModel {
        from: "Jane Doe jane@example.com".into(),
        to: "carol@example.net, Bob Martin bob@example.org".into(),
        ..DraftModel::default()
    };
    let messages: Vec<String> = model.validate().into_iter().map(|f| f.message).collect();
    assert!(
        messages.contains(
            &r#"From: "Jane Doe jane@example.com": a name goes before the address in angle brackets: Jane Doe <jane@example.com>"#.to_owned()
        ),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &r#"To: "Bob Martin bob@example.org": a name goes before the address in angle brackets: Bob Martin <bob@example.org>"#.to_owned()
        ),
        "{messages:?}"
    );
}
