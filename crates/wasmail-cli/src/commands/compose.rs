//! `wasmail compose`: write a new message.

use crate::cli::ComposeArgs;
use wasmail_frontend::Purpose;

use crate::draft::{base_from_thread_args, compose_draft};
use wasmail_frontend::{ExitStatus, RunResult};

/// Runs the command.
pub fn run(args: &ComposeArgs, json: bool) -> RunResult<ExitStatus> {
    let base = base_from_thread_args(&args.thread)?;
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
