//! `wasmail demo`: the whole path on loopback, exit status 0, and what arrived is what was sent.

mod support;

use mail_parser::MimeHeaders;
use support::{args, code, parse, run_in, stderr, stdout};

#[test]
fn demo_sends_the_sample_through_starttls_and_auth() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("received");
    let output = run_in(dir.path(), &args(&["demo", "--out", out.to_str().unwrap()]));
    assert_eq!(code(&output), 0, "{}\n{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    for needle in [
        "C: STARTTLS",
        "S: 220",
        "C: AUTH PLAIN <redacted>",
        "S: 235",
        "identical to what was sent",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    // No credential travels in the output: the only AUTH line is the redacted one.
    for line in text
        .lines()
        .filter(|line| line.contains("AUTH ") && line.contains("C:"))
    {
        assert!(line.trim_end().ends_with("<redacted>"), "{line}");
    }

    let received = std::fs::read(out.join("message-0001.eml")).unwrap();
    let sent = std::fs::read(out.join("sent.eml")).unwrap();
    assert_eq!(received, sent);
    assert!(
        text.contains(&out.join("message-0001.eml").display().to_string()),
        "{text}"
    );

    let message = parse(&received);
    assert_eq!(message.content_type().unwrap().subtype(), Some("mixed"));
    let raw = String::from_utf8_lossy(&received);
    assert!(
        raw.contains("multipart/alternative") && raw.contains("multipart/related"),
        "{raw}"
    );
    let inline = message
        .attachments()
        .find(|part| part.content_id().is_some())
        .expect("an inline image");
    assert!(inline.contents().starts_with(b"\x89PNG"));
    assert!(
        message
            .attachments()
            .any(|part| part.attachment_name() == Some("agenda.csv"))
    );
    assert!(text.contains("Structure: multipart/mixed [multipart/alternative [text/plain, multipart/related [text/html, image/png]], text/csv]"), "{text}");
}

#[test]
fn demo_json_reports_the_received_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(
        dir.path(),
        &args(&[
            "demo",
            "--json",
            "--out",
            dir.path().join("r").to_str().unwrap(),
        ]),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["received"]["identical_to_sent"], true);
    assert_eq!(value["received"]["authenticated_as"], "demo");
    assert_eq!(value["tls"]["mode"], "STARTTLS");
    assert_eq!(value["exit_code"], 0);
}
