//! `wasmail reply`: write a reply that quotes and threads with its parent.

use crate::cli::ReplyArgs;
use crate::draft::{Base, Purpose, compose_draft, read_parent};
use crate::exit::{CliResult, ExitStatus};

/// Runs the command.
pub fn run(args: &ReplyArgs, json: bool) -> CliResult<ExitStatus> {
    let base = Base::Reply {
        parent: read_parent(&args.parent)?,
        all: args.all,
    };
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
