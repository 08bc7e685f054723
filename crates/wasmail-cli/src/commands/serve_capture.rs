//! `wasmail serve-capture` (hidden): the demo's capture server on its own, for tests in other
//! languages. Prints where it listens, then serves until standard input closes.

use std::io::Read;

use serde_json::json;

use crate::cli::ServeCaptureArgs;
use crate::demo::capture_server::{CaptureConfig, CaptureSecurity, CaptureServer};
use crate::output::{stdout_json, stdout_line};
use wasmail_frontend::{ExitStatus, Failure, PASSWORD_VARIABLE, RunResult};

/// Runs the command.
pub fn run(args: &ServeCaptureArgs, json: bool) -> RunResult<ExitStatus> {
    let out_dir = match &args.out {
        Some(dir) => dir.clone(),
        None => super::demo::fresh_temp_dir("wasmail-capture")?,
    };
    let security = match (args.no_starttls, args.implicit_tls) {
        (true, _) => CaptureSecurity::Plaintext,
        (_, true) => CaptureSecurity::ImplicitTls,
        _ => CaptureSecurity::StartTls,
    };
    let mut config = CaptureConfig::new(out_dir).with_security(security);
    if let Some(user) = &args.user {
        let password = std::env::var(PASSWORD_VARIABLE).map_err(|_| {
            Failure::usage(format!("--user needs the password in {PASSWORD_VARIABLE}"))
        })?;
        config = config.with_login(user.clone(), password);
    }
    let server = CaptureServer::start(config).map_err(Failure::usage)?;
    if let (Some(path), Some(pem)) = (&args.ca_out, server.ca_pem()) {
        std::fs::write(path, pem).map_err(|error| {
            Failure::usage(format!(
                "--ca-out: cannot write {}: {error}",
                path.display()
            ))
        })?;
    }
    let dir = server.out_dir().display().to_string();
    if json {
        stdout_json(
            &json!({"address": server.addr().to_string(), "port": server.addr().port(), "out_dir": dir}),
        )?;
    } else {
        stdout_line(&format!(
            "listening on {} storing into {dir}",
            server.addr()
        ))?;
    }
    // Serve until the parent closes our standard input (or kills us).
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    server.stop();
    Ok(ExitStatus::Success)
}
