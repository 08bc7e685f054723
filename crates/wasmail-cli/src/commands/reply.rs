//! `wasmail reply`: write a reply that quotes and threads with its parent.

use crate::cli::ReplyArgs;
use wasmail_frontend::{Base, Purpose};

use crate::draft::{compose_draft, read_parent};
use wasmail_frontend::{ExitStatus, RunResult};

/// Runs the command.
pub fn run(args: &ReplyArgs, json: bool) -> RunResult<ExitStatus> {
    let base = Base::Reply {
        parent: read_parent(&args.parent)?,
        all: args.all,
    };
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
