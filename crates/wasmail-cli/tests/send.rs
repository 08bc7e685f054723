//! `wasmail send` against the embedded capture server: what arrives is what `compose` makes,
//! the envelope is right, and each outcome has its exit status.

mod support;

use std::path::PathBuf;

use support::{
    TestServer, args, code, fixed_context, has_header, parse, run_in, stderr, stdout, wasmail,
};
use wasmail_cli::demo::capture_server::CaptureSecurity;

const PASSWORD: &str = "correct horse battery staple";

/// The message flags shared by `compose` and `send` in a test.
fn message_flags(extra: &[&str]) -> Vec<String> {
    let mut flags = args(&[
        "--from",
        "Jane Doe <jane@example.com>",
        "--subject",
        "Héllo ✓",
    ]);
    flags.extend(args(extra));
    flags.extend(fixed_context());
    flags
}

fn compose_bytes(server: &TestServer, flags: &[String]) -> Vec<u8> {
    let mut all = args(&["compose"]);
    all.extend(flags.iter().cloned());
    let output = run_in(server.work_dir(), &all);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    output.stdout
}

fn send(server: &TestServer, flags: &[String], extra: &[&str]) -> std::process::Output {
    let mut all = args(&["send"]);
    all.extend(server.connection_args());
    all.extend(args(extra));
    all.extend(flags.iter().cloned());
    wasmail()
        .current_dir(server.work_dir())
        .env("WASMAIL_PASSWORD", PASSWORD)
        .args(&all)
        .output()
        .unwrap()
}

#[test]
fn dry_run_prints_what_compose_prints() {
    let server = TestServer::start(None);
    let flags = message_flags(&["--to", "bob@example.org", "--text", "Hi"]);
    let mut dry = args(&["send", "--dry-run"]);
    dry.extend(flags.iter().cloned());
    let output = run_in(server.work_dir(), &dry);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(output.stdout, compose_bytes(&server, &flags));
    assert!(server.server.received().is_empty());
}

#[test]
fn plain_text_arrives_exactly_as_composed_with_starttls_and_auth() {
    let server = TestServer::start(Some(("jane", PASSWORD)));
    let flags = message_flags(&[
        "--to",
        "Bob <bob@example.org>",
        "--text",
        "Hi Bob,\n.leading dot\nbye",
    ]);
    let output = send(&server, &flags, &["--user", "jane", "--trace"]);
    assert_eq!(code(&output), 0, "{}\n{}", stdout(&output), stderr(&output));

    let received = server.server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].bytes, compose_bytes(&server, &flags));
    assert_eq!(received[0].mail_from, "jane@example.com");
    assert_eq!(received[0].rcpt_to, ["bob@example.org"]);
    assert_eq!(received[0].authenticated_as.as_deref(), Some("jane"));
    assert!(received[0].over_tls);

    let (out, err) = (stdout(&output), stderr(&output));
    assert!(out.contains("accepted bob@example.org: 250"), "{out}");
    assert!(
        err.contains("C: STARTTLS") && err.contains("AUTH PLAIN <redacted>"),
        "{err}"
    );
    assert!(
        !out.contains(PASSWORD) && !err.contains(PASSWORD),
        "the password leaked"
    );
}

#[test]
fn a_five_mib_attachment_arrives_intact() {
    let server = TestServer::start(None);
    let big = server.work_dir().join("big.bin");
    let content: Vec<u8> = (0..5 * 1024 * 1024)
        .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&big, &content).unwrap();
    let flags = message_flags(&[
        "--to",
        "bob@example.org",
        "--text",
        "big",
        "--attach",
        big.to_str().unwrap(),
    ]);
    let output = send(&server, &flags, &[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let received = server.server.received();
    assert_eq!(received[0].bytes, compose_bytes(&server, &flags));
    let message = parse(&received[0].bytes);
    assert_eq!(message.attachment(0).unwrap().contents(), &content[..]);
}

#[test]
fn one_hundred_twenty_recipients_are_all_in_the_envelope() {
    let server = TestServer::start(None);
    let recipients: Vec<String> = (0..120).map(|i| format!("user{i}@example.org")).collect();
    let mut extra = vec!["--text", "to many"];
    for recipient in &recipients {
        extra.extend(["--to", recipient.as_str()]);
    }
    let flags = message_flags(&extra);
    let output = send(&server, &flags, &["--json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let received = server.server.received();
    assert_eq!(received[0].rcpt_to, recipients);
    assert_eq!(received[0].bytes, compose_bytes(&server, &flags));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["messages"][0]["recipients"]
            .as_array()
            .unwrap()
            .len(),
        120
    );
    assert_eq!(report["exit_code"], 0);
}

#[test]
fn bcc_is_in_the_envelope_and_not_in_the_message() {
    let server = TestServer::start(None);
    let flags = message_flags(&[
        "--to",
        "bob@example.org",
        "--bcc",
        "hidden@example.net",
        "--text",
        "psst",
    ]);
    let output = send(&server, &flags, &[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let received = &server.server.received()[0];
    assert_eq!(received.rcpt_to, ["bob@example.org", "hidden@example.net"]);
    assert!(!has_header(&received.bytes, "Bcc"));
    assert!(!String::from_utf8_lossy(&received.bytes).contains("hidden@example.net"));
}

#[test]
fn a_reply_sent_with_reply_to_eml_threads() {
    let server = TestServer::start(None);
    let parent = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parent.eml");
    let mut flags = args(&[
        "--from",
        "bob@example.org",
        "--reply-to-eml",
        parent.to_str().unwrap(),
        "--text",
        "Yes",
    ]);
    flags.extend(fixed_context());
    let output = send(&server, &flags, &[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let received = &server.server.received()[0];
    assert_eq!(received.rcpt_to, ["jane@example.com"]);
    assert_eq!(received.bytes, compose_bytes(&server, &flags));
    assert!(
        String::from_utf8_lossy(&received.bytes).contains("In-Reply-To: <parent-1@example.com>")
    );
}

#[test]
fn eml_files_are_sent_unchanged_over_one_connection() {
    let server = TestServer::start(None);
    let mut paths = Vec::new();
    for i in 0..3 {
        let path = server.work_dir().join(format!("m{i}.eml"));
        let mut all = args(&[
            "compose",
            "-o",
            path.to_str().unwrap(),
            "--to",
            &format!("r{i}@example.org"),
            "--cc",
            "c@example.org",
        ]);
        all.extend(message_flags(&["--text", "stored"]));
        assert_eq!(code(&run_in(server.work_dir(), &all)), 0);
        paths.push(path);
    }
    let mut extra = vec!["--trace", "--eml"];
    extra.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let output = send(&server, &[], &extra);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let received = server.server.received();
    assert_eq!(received.len(), 3);
    for (i, message) in received.iter().enumerate() {
        assert_eq!(message.bytes, std::fs::read(&paths[i]).unwrap());
        assert_eq!(
            message.rcpt_to,
            [format!("r{i}@example.org"), "c@example.org".to_owned()]
        );
        assert_eq!(message.mail_from, "jane@example.com");
    }
    let greetings = stderr(&output).matches("S: 220 wasmail-capture").count();
    assert_eq!(greetings, 1, "one connection for all messages");

    // --to replaces the recipients the headers name.
    let output = send(
        &server,
        &[],
        &[
            "--to",
            "other@example.net",
            "--eml",
            paths[0].to_str().unwrap(),
        ],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(server.server.received()[3].rcpt_to, ["other@example.net"]);
}

#[test]
fn an_eml_with_a_bcc_header_keeps_its_blind_copy_blind() {
    let server = TestServer::start(None);
    let path = server.work_dir().join("with-bcc.eml");
    let raw = "From: jane@example.com\r\nTo: bob@example.org\r\nBcc: hidden@example.org,\r\n                also-hidden@example.org\r\nSubject: blind\r\nMessage-ID: <b@example.com>\r\n\r\n\
               Bcc: in the body stays\r\n";
    std::fs::write(&path, raw).unwrap();
    let output = send(&server, &[], &["--json", "--eml", path.to_str().unwrap()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["messages"][0]["message_id"], "<b@example.com>",
        "the file's own"
    );
    assert_eq!(report["messages"][0]["recipients"][1]["delivered"], true);
    let message = &server.server.received()[0];
    let expected = "From: jane@example.com\r\nTo: bob@example.org\r\nSubject: blind\r\n\
                    Message-ID: <b@example.com>\r\n\r\nBcc: in the body stays\r\n";
    assert_eq!(String::from_utf8_lossy(&message.bytes), expected);
    assert_eq!(
        message.rcpt_to,
        [
            "bob@example.org",
            "hidden@example.org",
            "also-hidden@example.org"
        ]
    );
}

#[test]
fn refused_recipients_give_distinct_exit_statuses() {
    let server = TestServer::start(None);
    let cases = [
        (
            vec!["--to", "bob@example.org", "--to", "reject-me@example.org"],
            2,
        ),
        (
            vec![
                "--to",
                "reject-a@example.org",
                "--to",
                "reject-b@example.org",
            ],
            4,
        ),
        (vec!["--to", "tempfail@example.org"], 3),
        (vec!["--to", "vanish@example.org"], 5),
    ];
    for (recipients, expected) in cases {
        let mut extra = recipients.clone();
        extra.extend(["--text", "x"]);
        let output = send(&server, &message_flags(&extra), &["--json"]);
        assert_eq!(
            code(&output),
            expected,
            "{recipients:?}: {}\n{}",
            stdout(&output),
            stderr(&output)
        );
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["exit_code"], expected);
    }
    let output = send(
        &server,
        &message_flags(&[
            "--to",
            "bob@example.org",
            "--to",
            "reject-me@example.org",
            "--text",
            "x",
        ]),
        &[],
    );
    let out = stdout(&output);
    assert!(
        out.contains("refused  reject-me@example.org: 550 5.1.1"),
        "{out}"
    );
    assert!(out.contains("accepted bob@example.org: 250"), "{out}");
}

#[test]
fn an_untrusted_certificate_is_refused_and_nothing_is_sent() {
    let server = TestServer::start(None);
    let mut all = args(&[
        "send",
        "--server",
        &format!("127.0.0.1:{}", server.server.addr().port()),
        "--to",
        "bob@example.org",
        "--from",
        "jane@example.com",
        "--text",
        "x",
    ]);
    all.extend(["--timeout".to_owned(), "20".to_owned()]);
    let output = run_in(server.work_dir(), &all);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not trusted"),
        "{}",
        stderr(&output)
    );
    assert!(server.server.received().is_empty());
}

#[test]
fn a_wrong_password_is_a_permanent_failure() {
    let server = TestServer::start(Some(("jane", "another password")));
    let flags = message_flags(&["--to", "bob@example.org", "--text", "x"]);
    let output = send(&server, &flags, &["--user", "jane"]);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("authentication"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains(PASSWORD));
}

#[test]
fn trace_shows_a_failed_login_as_it_happened() {
    let server = TestServer::start(Some(("jane", "another password")));
    let flags = message_flags(&["--to", "bob@example.org", "--text", "x"]);
    let output = send(&server, &flags, &["--user", "jane", "--trace"]);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    let err = stderr(&output);
    for expected in [
        "C: STARTTLS",
        "*: TLS established",
        "C: AUTH PLAIN <redacted>",
        "S: 535",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains(PASSWORD));
}

#[test]
fn nothing_listening_is_a_transient_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let mut all = args(&[
        "send",
        "--server",
        &format!("127.0.0.1:{port}"),
        "--timeout",
        "5",
    ]);
    all.extend(message_flags(&["--to", "bob@example.org", "--text", "x"]));
    let output = run_in(dir.path(), &all);
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("refused the connection"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn password_from_file_and_from_dotenv() {
    let server = TestServer::start(Some(("jane", PASSWORD)));
    let flags = message_flags(&["--to", "bob@example.org", "--text", "x"]);
    let password_file = server.work_dir().join("password.txt");
    std::fs::write(&password_file, format!("{PASSWORD}\n")).unwrap();
    let mut all = args(&[
        "send",
        "--user",
        "jane",
        "--password-file",
        password_file.to_str().unwrap(),
    ]);
    all.extend(server.connection_args());
    all.extend(flags.iter().cloned());
    let output = run_in(server.work_dir(), &all);
    assert_eq!(code(&output), 0, "{}", stderr(&output));

    std::fs::write(
        server.work_dir().join(".env"),
        format!("WASMAIL_PASSWORD=\"{PASSWORD}\"\n"),
    )
    .unwrap();
    let mut all = args(&["send", "--user", "jane"]);
    all.extend(server.connection_args());
    all.extend(flags.iter().cloned());
    let output = run_in(server.work_dir(), &all);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(server.server.received().len(), 2);
}

#[test]
fn a_user_without_any_password_source_is_told_where_to_put_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = args(&["send", "--server", "127.0.0.1:1", "--user", "jane"]);
    all.extend(message_flags(&["--to", "bob@example.org", "--text", "x"]));
    let output = run_in(dir.path(), &all);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("WASMAIL_PASSWORD"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn login_in_plaintext_needs_an_explicit_opt_in() {
    let server = TestServer::start_with(CaptureSecurity::Plaintext, Some(("jane", PASSWORD)));
    let flags = message_flags(&["--to", "bob@example.org", "--text", "x"]);
    let refused = send(&server, &flags, &["--tls", "none", "--user", "jane"]);
    assert_eq!(code(&refused), 1, "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--allow-auth-without-tls"));
    let allowed = send(
        &server,
        &flags,
        &[
            "--tls",
            "none",
            "--user",
            "jane",
            "--allow-auth-without-tls",
        ],
    );
    assert_eq!(code(&allowed), 0, "{}", stderr(&allowed));
    assert!(!server.server.received()[0].over_tls);
}

#[test]
fn implicit_tls_works() {
    let server = TestServer::start_with(CaptureSecurity::ImplicitTls, Some(("jane", PASSWORD)));
    let flags = message_flags(&["--to", "bob@example.org", "--text", "x"]);
    let output = send(&server, &flags, &["--tls", "implicit", "--user", "jane"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("implicit TLS"),
        "{}",
        stdout(&output)
    );
    assert!(server.server.received()[0].over_tls);
}

#[test]
fn a_refused_message_does_not_stop_the_next_one_on_the_same_connection() {
    let server = TestServer::start(Some(("jane", PASSWORD)));
    let mut paths = Vec::new();
    for (i, to) in ["reject@example.org", "bob@example.org"].iter().enumerate() {
        let path = server.work_dir().join(format!("n{i}.eml"));
        let mut all = args(&["compose", "-o", path.to_str().unwrap(), "--to", to]);
        all.extend(message_flags(&["--text", "x"]));
        assert_eq!(code(&run_in(server.work_dir(), &all)), 0);
        paths.push(path.display().to_string());
    }
    let output = send(
        &server,
        &[],
        &["--user", "jane", "--eml", &paths[0], &paths[1]],
    );
    assert_eq!(
        code(&output),
        2,
        "one of two messages went through: {}",
        stdout(&output)
    );
    let received = server.server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, ["bob@example.org"]);
}

#[test]
fn a_dotenv_password_is_never_shown_nor_silently_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = args(&["send", "--server", "127.0.0.1:1", "--user", "jane"]);
    all.extend(message_flags(&["--to", "bob@example.org", "--text", "x"]));
    // A line dotenv cannot parse: the error names the line, not its text.
    std::fs::write(
        dir.path().join(".env"),
        "A=1\nWASMAIL_PASSWORD='hunter2\\'x\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &all);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("cannot parse .env at line 2"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("hunter2"), "{}", stderr(&output));
    // A `$` that .env syntax would expand: refused, not sent as another password.
    std::fs::write(dir.path().join(".env"), "WASMAIL_PASSWORD=s3cret$NOPE\n").unwrap();
    let output = run_in(dir.path(), &all);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains(".env line 1: WASMAIL_PASSWORD holds a `$`"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("s3cret"), "{}", stderr(&output));
}

#[test]
fn a_dry_run_of_several_files_separates_them_and_shows_each_envelope() {
    let server = TestServer::start(None);
    let mut paths = Vec::new();
    for (name, bcc) in [("a.eml", "Bcc: hidden@example.org\r\n"), ("b.eml", "")] {
        let path = server.work_dir().join(name);
        let raw = format!(
            "From: jane@example.com\r\nTo: bob@example.org\r\n{bcc}Subject: {name}\r\n\r\nhi\r\n"
        );
        std::fs::write(&path, raw).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let output = run_in(
        server.work_dir(),
        &args(&["send", "--dry-run", "--eml", &paths[0], &paths[1]]),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with(&format!("==> {} <==\nFrom: jane@example.com\r\n", paths[0])),
        "{out}"
    );
    assert!(
        out.contains(&format!("hi\r\n==> {} <==\nFrom:", paths[1])),
        "{out}"
    );
    assert!(
        !out.contains("hidden@"),
        "Bcc stays out of the bytes: {out}"
    );
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "{}: MAIL FROM:<jane@example.com> RCPT TO: bob@example.org, hidden@example.org",
            paths[0]
        )),
        "{err}"
    );
    assert!(server.server.received().is_empty());
}

#[test]
fn a_report_that_cannot_be_written_does_not_change_the_exit_status() {
    let server = TestServer::start(None);
    let flags = message_flags(&["--to", "bob@example.org", "--text", "Hi"]);
    let mut all = args(&["send"]);
    all.extend(server.connection_args());
    all.extend(flags.iter().cloned());
    let output = wasmail()
        .current_dir(server.work_dir())
        .args(&all)
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write to standard output"),
        "{}",
        stderr(&output)
    );
    assert_eq!(server.server.received().len(), 1);
}
