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

#[test]
fn demo_serves_the_composer_page_until_stdin_closes() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    std::fs::create_dir_all(www.join("pkg")).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>composer</title>",
    )
    .unwrap();
    std::fs::write(www.join("pkg/wasmail_wasm.js"), "export {}").unwrap();
    std::fs::write(www.join("pkg/wasmail_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "outside the page").unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wasmail"))
        .args(["demo", "--serve-page", "--www", www.to_str().unwrap()])
        .args(["--out", dir.path().join("out").to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("the demo printed no page URL").unwrap();
        if let Some(rest) = line.strip_prefix("Composer page: http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let get = |path: &str| {
        let mut stream = std::net::TcpStream::connect(&url).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        String::from_utf8_lossy(&response).into_owned()
    };
    let page = get("/");
    assert!(
        page.starts_with("HTTP/1.0 200") && page.contains("<title>composer</title>"),
        "{page}"
    );
    let wasm = get("/pkg/wasmail_wasm_bg.wasm");
    assert!(
        wasm.to_ascii_lowercase()
            .contains("content-type: application/wasm"),
        "{wasm}"
    );
    let escape = get("/../secret.txt");
    assert!(
        escape.starts_with("HTTP/1.0 404") && !escape.contains("outside the page"),
        "{escape}"
    );
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
}

#[test]
fn demo_refuses_to_serve_a_page_that_is_not_built() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(
        dir.path(),
        &args(&["demo", "--serve-page", "--www", "nowhere"]),
    );
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains(".ci/test-browser --build-only"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stdout(&output).contains("MAIL FROM"),
        "nothing is sent first"
    );
}
