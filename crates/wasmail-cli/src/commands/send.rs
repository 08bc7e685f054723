//! `wasmail send`: compose and send, or send `.eml` files as they are, over one connection.

use serde_json::json;

use super::written::envelope_json;
use crate::cli::SendArgs;
use crate::connection::{connect_options, net_failure};
use crate::draft::{Base, Purpose, compose_draft};
use crate::exit::{CliResult, ExitStatus};
use crate::output::{stderr_line, stdout_bytes, stdout_json, stdout_line};
use crate::send::eml_input::{EnvelopeOverrides, load_eml};
use crate::send::outgoing::Outgoing;
use crate::send::progress::Progress;
use crate::send::transmit::{Transmission, transmit};
use crate::send::verdict::{combine, message_status};

/// Runs the command.
pub fn run(args: &SendArgs, json: bool) -> CliResult<ExitStatus> {
    if args.dry_run && args.eml.is_empty() {
        // Exactly what `compose` prints for the same flags.
        let base = Base::from_thread_args(&args.thread)?;
        let composed = compose_draft(&args.message, base, &args.context, Purpose::Send)?;
        super::written::emit(&composed, None, json)?;
        return Ok(ExitStatus::Success);
    }
    let batch = prepare(args)?;
    if args.dry_run {
        return print_dry_run(&batch, json);
    }
    let server = args.server.as_deref().unwrap_or_default();
    let options = connect_options(server, &args.security)?;
    let progress = Progress::new(batch.len(), json);
    let transmission = transmit(&options, batch, &progress).map_err(|error| net_failure(&error))?;
    if let Some(error) = &transmission.quit_error {
        stderr_line(&format!(
            "wasmail: warning: the session did not end cleanly: {error}"
        ));
    }
    let statuses: Vec<ExitStatus> = transmission
        .reports
        .iter()
        .map(|report| message_status(&report.outcome))
        .collect();
    let status = combine(&statuses);
    print_report(&transmission, status, json)?;
    Ok(status)
}

/// The messages to send: the `--eml` files, or the message the flags describe.
fn prepare(args: &SendArgs) -> CliResult<Vec<Outgoing>> {
    if args.eml.is_empty() {
        let base = Base::from_thread_args(&args.thread)?;
        let composed = compose_draft(&args.message, base, &args.context, Purpose::Send)?;
        return Ok(vec![Outgoing::from(composed)]);
    }
    if args.thread.reply_to_eml.is_some() {
        return Err(crate::exit::CliError::usage(
            "--reply-to-eml composes a new message; it cannot go with --eml",
        ));
    }
    let overrides = EnvelopeOverrides::from_args(&args.message)?;
    args.eml
        .iter()
        .map(|path| load_eml(path, &overrides).map(Outgoing::from))
        .collect()
}

/// The files as they would be sent (JSON: their envelopes and sizes).
fn print_dry_run(batch: &[Outgoing], json: bool) -> CliResult<ExitStatus> {
    if json {
        let messages: Vec<_> = batch
            .iter()
            .map(|m| json!({"source": m.label, "size": m.bytes.len(), "envelope": envelope_json(&m.envelope)}))
            .collect();
        stdout_json(&json!({ "dry_run": true, "messages": messages }))?;
    } else {
        for message in batch {
            stdout_bytes(&message.bytes)?;
        }
    }
    Ok(ExitStatus::Success)
}

fn print_report(transmission: &Transmission, status: ExitStatus, json: bool) -> CliResult<()> {
    if json {
        let mut value = transmission.session_json();
        value["messages"] = transmission.reports.iter().map(|r| r.to_json()).collect();
        value["status"] = json!(status.name());
        value["exit_code"] = json!(status.code());
        return stdout_json(&value);
    }
    stdout_line(&transmission.connection_line())?;
    for report in &transmission.reports {
        for line in report.human_lines() {
            stdout_line(&line)?;
        }
    }
    Ok(())
}
