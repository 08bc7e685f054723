//! Whatever bytes arrive, reading them and drafting a reply or forward never panics, and
//! every draft composes into wire-clean bytes.

mod support;

use proptest::prelude::*;
use wasmail_core::mailbox::Mailbox;
use wasmail_core::reply::{ForwardMode, ForwardOptions, Parent, ReplyOptions};

/// Header-like lines and bodies mixing valid and broken pieces.
fn message() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        Just("From: Jane <jane@example.com>".to_owned()),
        Just("From: =?UTF-8?B?w7w=?= <bad address>".to_owned()),
        Just("Reply-To: list@example.org, , <>".to_owned()),
        Just("To: a@b.example, \"Q, R\" <q@r.example>, nobody".to_owned()),
        Just("Cc: undisclosed-recipients:;".to_owned()),
        Just("Message-ID: <x@y>".to_owned()),
        Just("References: <a@b> <c@d> junk <e".to_owned()),
        Just("Subject: Re: AW: =?UTF-8?Q?caf=C3=A9?=".to_owned()),
        Just("Date: Mon, 99 Foo 2026 99:99:99 +9999".to_owned()),
        Just("Content-Type: multipart/alternative; boundary=b".to_owned()),
        Just("Content-Type: text/html".to_owned()),
        Just("--b".to_owned()),
        Just("<script>x</script><img src=cid:a onerror=y>".to_owned()),
        Just("> quoted\r\n-- \r\nsig".to_owned()),
        Just(String::new()),
        "[ -~]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(line, 0..16).prop_map(|lines| lines.join("\r\n").into_bytes())
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(parent) = Parent::parse(bytes) else {
        return Ok(());
    };
    let from = Mailbox::parse("me@example.com").unwrap();
    let mut ctx = support::context(1);
    for all in [false, true] {
        let options = ReplyOptions {
            all,
            from: Some(from.clone()),
            text: "ok".into(),
            ..Default::default()
        };
        let draft = parent
            .reply(&options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let composed = draft
            .compose(&mut ctx)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        support::wire::assert_wire_clean(composed.bytes());
        prop_assert!(!draft.html_body().unwrap_or_default().contains("<script"));
    }
    for mode in [ForwardMode::Inline, ForwardMode::Attachment] {
        let options = ForwardOptions {
            mode,
            from: Some(from.clone()),
            ..Default::default()
        };
        let draft = parent
            .forward(&options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let composed = draft
            .compose(&mut ctx)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        support::wire::assert_wire_clean(composed.bytes());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn drafting_from_any_message_never_panics(bytes in message()) {
        check(&bytes)?;
    }

    #[test]
    fn drafting_from_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes)?;
    }
}
