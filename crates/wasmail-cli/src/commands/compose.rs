//! `wasmail compose`: write a new message.

use crate::cli::ComposeArgs;
use wasmail_frontend::Purpose;

use crate::draft::{base_from_thread_args, compose_draft};
use crate::output::stderr_line;
use wasmail_frontend::{ExitStatus, RunResult};

/// Runs the command.
pub fn run(args: &ComposeArgs, json: bool) -> RunResult<ExitStatus> {
    let base = base_from_thread_args(&args.thread)?;
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    if !args.message.bcc.is_empty() {
        // A file has no envelope: said now, not discovered when the blind copies never arrive.
        stderr_line(
            "wasmail: warning: --bcc addresses are not written into the message (blind copies \
             travel only in the envelope); send the file with `wasmail send --eml FILE --bcc ...`",
        );
    }
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
