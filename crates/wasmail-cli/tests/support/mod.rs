//! Helpers shared by the integration tests: running the built binary, fixed composition
//! flags, and the embedded capture server on a free loopback port.
#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use wasmail_cli::demo::capture_server::{CaptureConfig, CaptureSecurity, CaptureServer};

/// The seed used for reproducible output.
pub const SEED: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

/// The flags that make composition reproducible.
pub fn fixed_context() -> Vec<String> {
    [
        "--date",
        "2026-11-23T01:42:54+01:00",
        "--seed",
        SEED,
        "--message-id-domain",
        "example.com",
    ]
    .map(String::from)
    .to_vec()
}

/// A `wasmail` command with a clean environment for passwords.
pub fn wasmail() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wasmail"));
    command.env_remove("WASMAIL_PASSWORD").stdin(Stdio::null());
    command
}

/// Runs `wasmail ARGS` in `dir` (so no stray `.env` is read).
pub fn run_in(dir: &Path, args: &[String]) -> Output {
    wasmail()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the wasmail binary runs")
}

/// Turns string slices into owned arguments.
pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited normally, not by a signal")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A capture server and the files a client needs to reach it.
pub struct TestServer {
    pub server: CaptureServer,
    pub dir: tempfile::TempDir,
    pub ca_file: PathBuf,
}

impl TestServer {
    /// STARTTLS, with AUTH required when `login` is given.
    pub fn start(login: Option<(&str, &str)>) -> TestServer {
        TestServer::start_with(CaptureSecurity::StartTls, login)
    }

    pub fn start_with(security: CaptureSecurity, login: Option<(&str, &str)>) -> TestServer {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut config = CaptureConfig::new(dir.path().join("received")).with_security(security);
        if let Some((user, password)) = login {
            config = config.with_login(user, password);
        }
        let server = CaptureServer::start(config).expect("the capture server starts");
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, server.ca_pem().unwrap_or_default()).expect("CA written");
        TestServer {
            server,
            dir,
            ca_file,
        }
    }

    /// `--server 127.0.0.1:PORT --ca-file CA`.
    pub fn connection_args(&self) -> Vec<String> {
        vec![
            "--server".into(),
            format!("127.0.0.1:{}", self.server.addr().port()),
            "--ca-file".into(),
            self.ca_file.display().to_string(),
            "--timeout".into(),
            "20".into(),
        ]
    }

    /// The working directory for client runs (holds no `.env`).
    pub fn work_dir(&self) -> &Path {
        self.dir.path()
    }
}

/// Parses a message with mail-parser.
pub fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::new()
        .parse(bytes)
        .expect("a parsable message")
}

/// Whether the header section of `bytes` has a header called `name`.
pub fn has_header(bytes: &[u8], name: &str) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let prefix = format!("{}:", name.to_ascii_lowercase());
    head.lines()
        .any(|line| line.to_ascii_lowercase().starts_with(&prefix))
}
