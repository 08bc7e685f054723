//! `wasmail compose`: write a new message.

use crate::cli::ComposeArgs;
use wasmail_frontend::Purpose;

use crate::draft::{base_from_thread_args, compose_draft};
use crate::output::stderr_line;
use wasmail_frontend::{ExitStatus, RunResult};

/// Whether some envelope recipient is in neither To nor Cc: a `--bcc` that was not also a
/// visible recipient (those are listed once, where they are seen).
fn has_blind_copies(bytes: &[u8], envelope_recipients: usize) -> bool {
    match wasmail_core::reply::Parent::parse(bytes) {
        Ok(parent) => envelope_recipients > parent.to().len() + parent.cc().len(),
        Err(_) => true, // cannot tell: say it
    }
}

/// Runs the command.
pub fn run(args: &ComposeArgs, json: bool) -> RunResult<ExitStatus> {
    let base = base_from_thread_args(&args.thread)?;
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    if !args.message.bcc.is_empty()
        && has_blind_copies(composed.bytes(), composed.envelope().recipients().len())
    {
        // A file has no envelope: said now, not discovered when the blind copies never arrive.
        stderr_line(
            "wasmail: warning: --bcc addresses are not written into the message (blind copies \
             travel only in the envelope); send the file with `wasmail send --eml FILE --bcc ...`",
        );
    }
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
