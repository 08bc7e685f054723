//! From the message flags to the front end's draft: `compose`, `send`, `reply`, `forward` and
//! `send --dry-run` all go through [`compose_draft`], so what `send` transmits is byte for byte
//! what `compose` prints for the same flags.

use std::path::Path;

use wasmail_core::message::ComposedMessage;
use wasmail_core::reply::Parent;
use wasmail_frontend::input::read_bytes;
use wasmail_frontend::{Base, Failure, Purpose, RunResult};

use crate::cli::{ContextArgs, MessageArgs, ThreadArgs};
use crate::output::stderr_line;

/// The base `--reply-to-eml` and `--reply-all` ask for.
pub fn base_from_thread_args(thread: &ThreadArgs) -> RunResult<Base> {
    match &thread.reply_to_eml {
        Some(path) => Ok(Base::Reply {
            parent: read_parent(path)?,
            all: thread.reply_all,
        }),
        None => Ok(Base::New),
    }
}

/// Reads the message a reply or forward is based on.
pub fn read_parent(path: &Path) -> RunResult<Box<Parent>> {
    let bytes = read_bytes("parent message", path)?;
    Parent::parse(&bytes)
        .map(Box::new)
        .map_err(|error| Failure::usage(format!("{}: {error}", path.display())))
}

/// Builds, checks and composes the message the flags describe; check warnings go to stderr.
pub fn compose_draft(
    args: &MessageArgs,
    base: Base,
    context: &ContextArgs,
    purpose: Purpose,
) -> RunResult<ComposedMessage> {
    args.to_flags()
        .read()?
        .compose(base, &context.to_spec(), purpose, &mut |warning| {
            stderr_line(&format!("wasmail: warning: {warning}"))
        })
}
