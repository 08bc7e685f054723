//! `wasmail compose`: write a new message.

use crate::cli::ComposeArgs;
use crate::draft::{Base, Purpose, compose_draft};
use crate::exit::{CliResult, ExitStatus};

/// Runs the command.
pub fn run(args: &ComposeArgs, json: bool) -> CliResult<ExitStatus> {
    let base = Base::from_thread_args(&args.thread)?;
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
