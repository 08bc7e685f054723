//! `wasmail reply` and `wasmail forward` of a fixture message.

mod support;

use std::path::PathBuf;

use support::{args, code, fixed_context, parse, run_in, stderr, stdout};

fn parent() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parent.eml")
        .display()
        .to_string()
}

fn run(list: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut all = args(list);
    all.extend(fixed_context());
    run_in(dir.path(), &all)
}

#[test]
fn reply_threads_quotes_and_answers_the_author() {
    let output = run(&[
        "reply",
        &parent(),
        "--from",
        "Bob <bob@example.org>",
        "--text",
        "Yes, noon works.",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("In-Reply-To: <parent-1@example.com>\r\n"),
        "{text}"
    );
    assert!(
        text.contains("References: <root-0@example.com> <parent-1@example.com>"),
        "{text}"
    );
    let message = parse(&output.stdout);
    assert_eq!(message.subject(), Some("Re: Lunch on Friday?"));
    let to: Vec<&str> = message
        .to()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert_eq!(to, ["jane@example.com"]);
    assert!(message.cc().is_none(), "a plain reply copies nobody");
    let body = message.body_text(0).unwrap();
    assert!(body.starts_with("Yes, noon works."), "{body}");
    assert!(body.contains("> Shall we meet at noon"), "{body}");
}

#[test]
fn reply_all_copies_the_other_recipients_but_not_me() {
    let output = run(&[
        "reply",
        &parent(),
        "--all",
        "--from",
        "bob@example.org",
        "--text",
        "Sure",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let message = parse(&output.stdout);
    let cc: Vec<&str> = message
        .cc()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert!(
        cc.contains(&"carol@example.net") && cc.contains(&"team@example.net"),
        "{cc:?}"
    );
    assert!(
        !cc.contains(&"bob@example.org"),
        "my own address is left out: {cc:?}"
    );
}

#[test]
fn reply_is_reproducible_with_fixed_context() {
    let list = [
        "reply",
        &parent(),
        "--from",
        "bob@example.org",
        "--text",
        "Yes",
    ];
    assert_eq!(run(&list).stdout, run(&list).stdout);
}

#[test]
fn compose_with_reply_to_eml_is_the_same_reply() {
    let reply = run(&[
        "reply",
        &parent(),
        "--from",
        "bob@example.org",
        "--text",
        "Yes",
    ]);
    let composed = run(&[
        "compose",
        "--reply-to-eml",
        &parent(),
        "--from",
        "bob@example.org",
        "--text",
        "Yes",
    ]);
    assert_eq!(code(&composed), 0, "{}", stderr(&composed));
    assert_eq!(reply.stdout, composed.stdout);
}

#[test]
fn forward_carries_the_parent() {
    let output = run(&[
        "forward",
        &parent(),
        "--from",
        "bob@example.org",
        "--to",
        "dave@example.com",
        "--text",
        "FYI",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let message = parse(&output.stdout);
    assert_eq!(message.subject(), Some("Fwd: Lunch on Friday?"));
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains("Shall we meet at noon")
    );

    let attached = run(&[
        "forward",
        &parent(),
        "--as-attachment",
        "--from",
        "bob@example.org",
        "--to",
        "dave@example.com",
    ]);
    assert_eq!(code(&attached), 0, "{}", stderr(&attached));
    assert!(stdout(&attached).contains("message/rfc822"));
}

#[test]
fn a_missing_parent_is_a_usage_error() {
    let output = run(&["reply", "no-such-parent.eml", "--from", "bob@example.org"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("no-such-parent.eml"));
}
