//! `wasmail forward`: write a forward of a message, quoted or attached whole.

use wasmail_core::reply::ForwardMode;

use crate::cli::ForwardArgs;
use wasmail_frontend::{Base, Purpose};

use crate::draft::{compose_draft, read_parent};
use wasmail_frontend::{ExitStatus, RunResult};

/// Runs the command.
pub fn run(args: &ForwardArgs, json: bool) -> RunResult<ExitStatus> {
    let mode = if args.as_attachment {
        ForwardMode::Attachment
    } else {
        ForwardMode::Inline
    };
    let base = Base::Forward {
        parent: read_parent(&args.parent)?,
        mode,
    };
    let composed = compose_draft(&args.message, base, &args.context, Purpose::Write)?;
    super::written::emit(&composed, args.output.as_deref(), json)?;
    Ok(ExitStatus::Success)
}
