//! `wasmail demo`: the whole path with nothing but loopback. Starts the capture server
//! (STARTTLS and AUTH required, a certificate made at start), composes the sample, sends it
//! through the same driver `send` uses, shows the transcript and what arrived, and stops.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;
use wasmail_core::context::ComposeContext;
use wasmail_net::{ConnectOptions, Credentials, Timeouts, TlsPolicy};

use crate::cli::{ContextArgs, DemoArgs};
use crate::demo::capture_server::{CaptureConfig, CaptureServer, ReceivedMessage};
use crate::demo::page_server::PageServer;
use crate::demo::sample::compose_sample;
use crate::demo::structure::mime_structure;
use crate::output::{stdout_json, stdout_line};
use wasmail_frontend::{
    ExitStatus, Failure, Outgoing, RunResult, Transmission, net_failure, transmit,
};

/// The demo account; the password is made fresh at each run and never printed.
const DEMO_USER: &str = "demo";

/// Runs the command.
pub fn run(args: &DemoArgs, json: bool) -> RunResult<ExitStatus> {
    // Checked first, so a page that is not built fails before anything is sent.
    let page = if args.serve_page {
        Some(PageServer::start(&args.www).map_err(Failure::usage)?)
    } else {
        None
    };
    let status = send_sample(args, json)?;
    if let Some(page) = page {
        serve_until_stdin_closes(page)?;
    }
    Ok(status)
}

/// Keeps the composer page up until Ctrl-C ends the process or standard input closes.
fn serve_until_stdin_closes(page: PageServer) -> RunResult<()> {
    stdout_line("")?;
    stdout_line(&format!(
        "Composer page: http://{}/ (Ctrl-C to stop)",
        page.addr()
    ))?;
    let mut sink = Vec::new();
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut sink);
    page.stop();
    Ok(())
}

/// The SMTP half: capture server, sample message, send, summary.
fn send_sample(args: &DemoArgs, json: bool) -> RunResult<ExitStatus> {
    let out_dir = match &args.out {
        Some(dir) => dir.clone(),
        None => fresh_temp_dir("wasmail-demo")?,
    };
    let password = random_password()?;
    let config = CaptureConfig::new(&out_dir).with_login(DEMO_USER, password.clone());
    let server = CaptureServer::start(config).map_err(Failure::usage)?;
    let mut ctx = ContextArgs::default()
        .to_spec()
        .resolve(Some("example.com"))?;
    let composed = compose_sample(&mut ctx).map_err(Failure::usage)?;
    let sent_bytes = composed.bytes().to_vec();
    // Kept beside what the server stores, so anyone can compare the two.
    let sent_path = out_dir.join("sent.eml");
    std::fs::write(&sent_path, &sent_bytes).map_err(|error| {
        Failure::usage(format!("cannot write {}: {error}", sent_path.display()))
    })?;

    let ca_pem = server.ca_pem().unwrap_or_default().as_bytes().to_vec();
    let options = ConnectOptions::new("127.0.0.1", server.addr().port())
        .tls(TlsPolicy::StartTlsRequired)
        .credentials(Credentials::password(DEMO_USER, password))
        .ca_pem(ca_pem)
        .system_roots(false) // trust exactly the demo CA
        .timeouts(Timeouts::uniform(Duration::from_secs(30)));
    let batch = vec![Outgoing::from(composed)];
    let transmission = transmit(&options, batch, || {})
        .map_err(|error| net_failure(&error, options.tls_policy()))?;
    let received = server.received();
    server.stop();

    let status = transmission.status();
    let arrived = received.first();
    let identical = arrived.is_some_and(|message| message.bytes == sent_bytes);
    if json {
        print_json(&transmission, arrived, identical, &out_dir)?;
    } else {
        print_human(&transmission, arrived, identical, &ctx)?;
    }
    match (status, arrived, identical) {
        (ExitStatus::Success, Some(_), true) => Ok(ExitStatus::Success),
        (ExitStatus::Success, _, _) => Err(Failure::with_status(
            ExitStatus::Permanent,
            "the server did not store exactly the bytes that were sent",
        )),
        _ => Ok(status),
    }
}

fn print_human(
    transmission: &Transmission,
    arrived: Option<&ReceivedMessage>,
    identical: bool,
    ctx: &ComposeContext,
) -> RunResult<()> {
    stdout_line(&format!(
        "wasmail demo: capture server on {} (STARTTLS and AUTH required, certificate made at start)",
        transmission.facts.server
    ))?;
    stdout_line(&format!(
        "Composed \"Hello from wasmail\" at {}",
        ctx.date()
    ))?;
    stdout_line("")?;
    stdout_line("Transcript (C: client, S: server; the password is redacted):")?;
    for line in &transmission.transcript {
        stdout_line(&format!("  {line}"))?;
    }
    stdout_line("")?;
    for line in transmission.human_lines() {
        stdout_line(&line)?;
    }
    let Some(message) = arrived else {
        return stdout_line("The server stored no message.");
    };
    let same = if identical {
        "identical to what was sent"
    } else {
        "DIFFERENT from what was sent"
    };
    stdout_line("")?;
    stdout_line(&format!(
        "Received: {} ({} bytes, {same}: sent.eml beside it)",
        message.path.display(),
        message.bytes.len()
    ))?;
    stdout_line(&format!(
        "Envelope: MAIL FROM:<{}> RCPT TO:<{}>, authenticated as {}{}",
        message.mail_from,
        message.rcpt_to.join(">, <"),
        message.authenticated_as.as_deref().unwrap_or("nobody"),
        if message.over_tls {
            ", over TLS"
        } else {
            ", in plaintext"
        }
    ))?;
    let structure = mime_structure(&message.bytes).unwrap_or_else(|| "unreadable".to_owned());
    stdout_line(&format!("Structure: {structure}"))
}

fn print_json(
    transmission: &Transmission,
    arrived: Option<&ReceivedMessage>,
    identical: bool,
    out_dir: &std::path::Path,
) -> RunResult<()> {
    let mut value = transmission.to_json();
    value["out_dir"] = json!(out_dir.display().to_string());
    value["sent"] = json!(out_dir.join("sent.eml").display().to_string());
    value["transcript"] = transmission
        .transcript
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .into();
    value["received"] = arrived.map_or(serde_json::Value::Null, |message| {
        json!({
            "path": message.path.display().to_string(),
            "size": message.bytes.len(),
            "identical_to_sent": identical,
            "mail_from": message.mail_from,
            "rcpt_to": message.rcpt_to,
            "authenticated_as": message.authenticated_as,
            "over_tls": message.over_tls,
            "structure": mime_structure(&message.bytes),
        })
    });
    stdout_json(&value)
}

/// A password nobody has seen: 16 random bytes in hex.
fn random_password() -> RunResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|error| Failure::usage(format!("the random source failed: {error}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A new directory under the system's temporary directory, kept after exit.
pub fn fresh_temp_dir(prefix: &str) -> RunResult<PathBuf> {
    tempfile::Builder::new()
        .prefix(&format!("{prefix}-"))
        .tempdir()
        .map(|dir| dir.keep())
        .map_err(|error| Failure::usage(format!("cannot create a temporary directory: {error}")))
}
