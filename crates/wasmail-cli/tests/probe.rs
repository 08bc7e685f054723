//! `wasmail probe` against the capture server: what it offers, before and after TLS.

mod support;

use support::{TestServer, args, code, run_in, stderr, stdout};

#[test]
fn probe_shows_tls_and_auth() {
    let server = TestServer::start(Some(("jane", "secret")));
    let mut all = args(&[
        "probe",
        &format!("127.0.0.1:{}", server.server.addr().port()),
    ]);
    all.extend(args(&["--ca-file", server.ca_file.to_str().unwrap()]));
    let output = run_in(server.work_dir(), &all);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    for needle in [
        "Greeting:      wasmail-capture ESMTP",
        "Before TLS:    8BITMIME, STARTTLS",
        "TLS 1.3",
        "CN=localhost",
        "AUTH PLAIN LOGIN",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    assert!(
        server.server.received().is_empty(),
        "probe sends no message"
    );

    all.push("--json".to_owned());
    let output = run_in(server.work_dir(), &all);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["tls"]["mode"], "STARTTLS");
    assert_eq!(
        value["auth_mechanisms"],
        serde_json::json!(["PLAIN", "LOGIN"])
    );
}

#[test]
fn probe_can_test_a_login() {
    let server = TestServer::start(Some(("jane", "secret")));
    let mut all = args(&[
        "probe",
        &format!("127.0.0.1:{}", server.server.addr().port()),
        "--user",
        "jane",
    ]);
    all.extend(args(&["--ca-file", server.ca_file.to_str().unwrap()]));
    let output = support::wasmail()
        .current_dir(server.work_dir())
        .env("WASMAIL_PASSWORD", "secret")
        .args(&all)
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Logged in:     yes, with PLAIN"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_probe_that_fails_at_tls_still_shows_the_greeting_and_extensions() {
    // The capture server's CA is not trusted without --ca-file: the STARTTLS handshake fails.
    let server = TestServer::start(None);
    let all = args(&[
        "probe",
        &format!("127.0.0.1:{}", server.server.addr().port()),
    ]);
    let output = run_in(server.work_dir(), &all);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    let text = stdout(&output);
    for needle in [
        "Greeting:      wasmail-capture ESMTP",
        "STARTTLS",
        "(the probe stopped here)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    assert!(
        stderr(&output).contains("not trusted"),
        "{}",
        stderr(&output)
    );

    let mut json = all.clone();
    json.push("--json".to_owned());
    let output = run_in(server.work_dir(), &json);
    assert_eq!(code(&output), 4);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        value["greeting"],
        serde_json::json!(["wasmail-capture ESMTP"])
    );
    assert_eq!(value["exit_code"], 4);
    assert!(value["error"].as_str().unwrap().contains("not trusted"));
}
