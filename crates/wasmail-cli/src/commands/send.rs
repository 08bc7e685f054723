//! `wasmail send`: compose and send, or send `.eml` files as they are, over one connection.

use serde_json::json;
use wasmail_frontend::report::envelope_json;
use wasmail_frontend::{ExitStatus, Failure, Outgoing, Purpose, RunResult, net_failure, transmit};

use crate::cli::SendArgs;
use crate::connection::connect_options;
use crate::draft::{base_from_thread_args, compose_draft};
use crate::output::{stderr_line, stdout_bytes, stdout_json, stdout_line};
use crate::send::eml_input::{EnvelopeOverrides, load_eml};
use crate::send::progress::Progress;

/// Runs the command.
pub fn run(args: &SendArgs, json: bool) -> RunResult<ExitStatus> {
    if args.dry_run && args.eml.is_empty() {
        // Exactly what `compose` prints for the same flags.
        let base = base_from_thread_args(&args.thread)?;
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
    let transmission = transmit(&options, batch, || progress.advance());
    progress.finish();
    let transmission = transmission.map_err(|error| net_failure(&error, options.tls_policy()))?;
    if let Some(warning) = transmission.quit_warning() {
        stderr_line(&format!("wasmail: {warning}"));
    }
    let reported = if json {
        stdout_json(&transmission.to_json())
    } else {
        transmission
            .human_lines()
            .iter()
            .try_for_each(|line| stdout_line(line))
    };
    if let Err(failure) = reported {
        // The messages went (or not) all the same: the exit status still says how it went.
        stderr_line(&format!(
            "wasmail: warning: {}; the exit status reports the sending",
            failure.message()
        ));
    }
    Ok(transmission.status())
}

/// The messages to send: the `--eml` files, or the message the flags describe.
fn prepare(args: &SendArgs) -> RunResult<Vec<Outgoing>> {
    if args.eml.is_empty() {
        let base = base_from_thread_args(&args.thread)?;
        let composed = compose_draft(&args.message, base, &args.context, Purpose::Send)?;
        return Ok(vec![Outgoing::from(composed)]);
    }
    if args.thread.reply_to_eml.is_some() {
        return Err(Failure::usage(
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
fn print_dry_run(batch: &[Outgoing], json: bool) -> RunResult<ExitStatus> {
    if json {
        let messages: Vec<_> = batch
            .iter()
            .map(|m| json!({"source": m.label, "size": m.bytes.len(), "envelope": envelope_json(&m.envelope)}))
            .collect();
        stdout_json(&json!({ "dry_run": true, "messages": messages }))?;
    } else {
        for message in batch {
            // The envelope is not in the bytes (Bcc recipients least of all): it goes to stderr.
            let envelope = &message.envelope;
            let from = envelope
                .reverse_path()
                .map(ToString::to_string)
                .unwrap_or_default();
            let to: Vec<String> = envelope
                .recipients()
                .iter()
                .map(ToString::to_string)
                .collect();
            stderr_line(&format!(
                "wasmail: {}: MAIL FROM:<{from}> RCPT TO: {} ({} bytes)",
                message.label,
                to.join(", "),
                message.bytes.len()
            ));
            if batch.len() > 1 {
                // As `head` does for several files, so each message's headers stand out.
                stdout_line(&format!("==> {} <==", message.label))?;
            }
            stdout_bytes(&message.bytes)?;
        }
    }
    Ok(ExitStatus::Success)
}
