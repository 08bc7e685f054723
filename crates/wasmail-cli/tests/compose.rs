//! `wasmail compose`: reproducible output, Bcc kept out, and clear one-line errors.

mod support;

use mail_parser::MimeHeaders;
use support::{args, code, fixed_context, has_header, parse, run_in, stderr, stdout};

fn compose(extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut all = args(&[
        "compose",
        "--from",
        "Jane Doe <jane@example.com>",
        "--to",
        "bob@example.org",
    ]);
    all.extend(args(extra));
    run_in(dir.path(), &all)
}

#[test]
fn fixed_context_gives_the_same_bytes_every_time() {
    let context = fixed_context();
    let context: Vec<&str> = context.iter().map(String::as_str).collect();
    let mut flags = vec![
        "--subject",
        "Lunch?",
        "--text",
        "Noon?",
        "--bcc",
        "hidden@example.net",
    ];
    flags.extend(&context);
    let first = compose(&flags);
    let second = compose(&flags);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert_eq!(first.stdout, second.stdout);

    let text = stdout(&first);
    assert!(
        text.contains("Date: Mon, 23 Nov 2026 01:42:54 +0100\r\n"),
        "{text}"
    );
    assert!(text.contains("@example.com>\r\n"), "{text}");
    assert!(text.ends_with("\r\n"), "a message ends with CRLF");
    assert!(
        !has_header(&first.stdout, "Bcc"),
        "Bcc must never be written:\n{text}"
    );
    assert!(!text.contains("hidden@example.net"));

    let other_seed = "ff".repeat(32);
    let mut flags_other = flags.clone();
    let seed_at = flags_other.iter().position(|f| *f == "--seed").unwrap() + 1;
    flags_other[seed_at] = &other_seed;
    let third = compose(&flags_other);
    assert_eq!(code(&third), 0);
    assert_ne!(
        first.stdout, third.stdout,
        "another seed gives another Message-ID"
    );
}

#[test]
fn without_fixed_context_each_message_id_is_fresh() {
    let first = compose(&["--text", "hi"]);
    let second = compose(&["--text", "hi"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert_ne!(first.stdout, second.stdout);
}

#[test]
fn json_describes_the_envelope_including_bcc() {
    let output = compose(&["--json", "--text", "hi", "--bcc", "hidden@example.net"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rcpt: Vec<&str> = value["envelope"]["rcpt_to"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(rcpt, ["bob@example.org", "hidden@example.net"]);
    assert_eq!(value["envelope"]["mail_from"], "jane@example.com");
    assert!(
        !value["eml"]
            .as_str()
            .unwrap()
            .contains("hidden@example.net")
    );
    // A file keeps no envelope: the user is told where the blind copies went.
    assert!(
        stderr(&output).contains("--bcc addresses are not written into the message"),
        "{}",
        stderr(&output)
    );
    let plain = compose(&["--text", "hi"]);
    assert_eq!(stderr(&plain), "");
    // A Bcc that is also a visible recipient is listed once, where it is seen: nothing to say.
    let visible = compose(&["--text", "hi", "--bcc", "bob@EXAMPLE.org"]);
    assert_eq!(code(&visible), 0, "{}", stderr(&visible));
    assert_eq!(stderr(&visible), "");
}

#[test]
fn html_inline_image_and_attachment_make_the_usual_structure() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("body.html");
    std::fs::write(&html, "<p>Hi <img src=\"cid:logo@example.com\"></p>").unwrap();
    let logo = dir.path().join("logo.png");
    std::fs::write(&logo, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let report = dir.path().join("report.bin");
    std::fs::write(&report, [0u8, 1, 2, 3]).unwrap();
    let out = dir.path().join("out.eml");
    let output = compose(&[
        "--text",
        "Hi",
        "--html-file",
        html.to_str().unwrap(),
        "--inline",
        &format!("logo@example.com={}", logo.display()),
        "--attach",
        &format!("{};type=application/pdf", report.display()),
        "--header",
        "X-Campaign: spring",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "-o writes the file, not stdout");
    let bytes = std::fs::read(&out).unwrap();
    let message = parse(&bytes);
    assert_eq!(message.content_type().unwrap().subtype(), Some("mixed"));
    let text = String::from_utf8_lossy(&bytes);
    for needle in [
        "multipart/alternative",
        "multipart/related",
        "image/png",
        "application/pdf",
        "X-Campaign: spring",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    assert_eq!(
        message.attachment(1).map(|a| a.contents()),
        Some(&[0u8, 1, 2, 3][..])
    );
}

/// A one-line error on stderr, exit status 1, no panic.
fn assert_usage_error(output: &std::process::Output, needle: &str) {
    let err = stderr(output);
    assert_eq!(code(output), 1, "stderr: {err}");
    assert!(err.starts_with("wasmail: error: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(!err.contains("panicked"));
    assert!(output.stdout.is_empty(), "nothing written on error");
}

#[test]
fn malformed_address_is_a_usage_error() {
    assert_usage_error(
        &compose(&["--cc", "carol@@example.net", "--text", "x"]),
        "--cc",
    );
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(
        dir.path(),
        &args(&[
            "compose",
            "--from",
            "Jane <jane@example",
            "--to",
            "b@example.org",
        ]),
    );
    assert_usage_error(&output, "is not a valid address");
}

#[test]
fn line_breaks_in_headers_are_refused() {
    assert_usage_error(
        &compose(&["--header", "X-Note: a\r\nBcc: evil@example.net"]),
        "--header",
    );
    assert_usage_error(
        &compose(&["--subject", "Hi\nBcc: evil@example.net"]),
        "--subject",
    );
    assert_usage_error(&compose(&["--header", "Subject: owned"]), "--header");
}

#[test]
fn missing_files_are_named() {
    assert_usage_error(
        &compose(&["--attach", "no-such-file.pdf"]),
        "no-such-file.pdf",
    );
    assert_usage_error(&compose(&["--html-file", "no-such.html"]), "no-such.html");
    assert_usage_error(&compose(&["--inline", "x@y=no-such.png"]), "no-such.png");
}

#[test]
fn bad_context_flags_are_usage_errors() {
    assert_usage_error(&compose(&["--seed", "abc"]), "--seed");
    assert_usage_error(&compose(&["--date", "yesterday"]), "--date");
    assert_usage_error(&compose(&["--utc-offset", "+25:00"]), "--utc-offset");
}

#[test]
fn bad_flags_exit_with_one_not_clap_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &args(&["compose", "--no-such-flag"]));
    assert_eq!(code(&output), 1);
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        vec!["--help"],
        vec!["send", "--help"],
        vec!["compose", "--help"],
    ] {
        let output = run_in(dir.path(), &args(&command));
        assert_eq!(code(&output), 0);
        let text = stdout(&output);
        assert!(
            text.contains("Exit status") || command[0] == "compose",
            "{text}"
        );
        assert!(text.contains("Examples:") || command.len() == 1, "{text}");
    }
    let send_help = stdout(&run_in(dir.path(), &args(&["send", "--help"])));
    for flag in [
        "--server",
        "--tls",
        "--user",
        "--password-file",
        "--allow-auth-without-tls",
        "--reply-to-eml",
        "--eml",
        "--ca-file",
        "--timeout",
        "--dry-run",
        "--trace",
        "--seed",
        "--bcc",
        "--inline",
    ] {
        assert!(send_help.contains(flag), "{flag} missing from send --help");
    }
}

#[test]
fn json_reports_a_command_line_clap_refuses_as_json() {
    let output = compose(&["--json", "--text", "hi", "--no-such-flag"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["status"], "usage");
    assert_eq!(value["exit_code"], 1);
    let error = value["error"].as_str().unwrap();
    assert!(error.contains("--no-such-flag"), "{error}");
    assert!(!error.starts_with("error:"), "{error}");
    // People read stderr: clap's full message stays there.
    assert!(stderr(&output).contains("Usage:"), "{}", stderr(&output));

    // Without --json, or with it only as a value after `--`, stdout stays empty.
    let plain = compose(&["--text", "hi", "--no-such-flag"]);
    assert_eq!(code(&plain), 1);
    assert!(plain.stdout.is_empty());
    let after = compose(&["--text", "hi", "--no-such-flag", "--", "--json"]);
    assert_eq!(code(&after), 1);
    assert!(after.stdout.is_empty());

    // A missing argument is named on the one line, as clap names it on the next.
    let dir = tempfile::tempdir().unwrap();
    let missing = run_in(dir.path(), &args(&["send", "--json"]));
    assert_eq!(code(&missing), 1);
    let value: serde_json::Value = serde_json::from_slice(&missing.stdout).unwrap();
    let error = value["error"].as_str().unwrap();
    assert!(
        error.ends_with("not provided: --server <HOST[:PORT]>"),
        "{error}"
    );
}
