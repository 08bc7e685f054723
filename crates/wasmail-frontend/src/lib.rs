//! wasmail-frontend: the front end every wasmail binary that sends shares.
//!
//! A binary parses its own command line (the native `wasmail` with clap, the WASI command
//! with lexopt) into the plain values here, and this crate does the rest the same way for
//! both, so they compose the same bytes, connect the same way, exit with the same statuses
//! and print the same reports:
//!
//! - [`ContextSpec`]: `--date`, `--utc-offset`, `--seed`, `--message-id-domain` to the core's
//!   `ComposeContext`, reading the clock and the random source when they are absent (the core
//!   reads neither);
//! - [`MessageFlags`] to [`DraftSpec`] (the files the flags name read, `--attach
//!   PATH[;type=TYPE]` among them) to a checked, composed message through the core's builder,
//!   with the body rules (a final line break) and errors that name the flag;
//! - [`SecuritySpec`] and [`connect_options`]: `--server HOST[:PORT]`, `--tls`, `--ca-file`,
//!   `--timeout`, `--trace` and `--user` to the driver's options; the password comes from a
//!   closure, since each binary finds it its own way;
//! - [`transmit`]: one session for a batch of [`Outgoing`] messages;
//! - [`ExitStatus`]: 0 all accepted, 1 usage, 2 partly accepted, 3 transient, 4 permanent,
//!   5 unknown outcome; [`ExitStatus::of`] an outcome, [`ExitStatus::combine`] a run,
//!   [`net_failure`] for a session that failed;
//! - [`report`]: the report as lines for people and as JSON for scripts.
//!
//! Nothing here parses a command line, prompts on a terminal or starts a thread, and the
//! crate builds for `wasm32-wasip2` as well as natively.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod connection;
pub mod context;
pub mod draft;
pub mod input;
pub mod report;
pub mod send;

mod failure;
mod net_failure;
mod status;

pub use connection::{PASSWORD_VARIABLE, SecuritySpec, TlsMode, connect_options};
pub use context::ContextSpec;
pub use draft::{Base, DraftSpec, HeaderFlags, MessageFlags, Purpose};
pub use failure::{Failure, RunResult, asks_for_json};
pub use net_failure::net_failure;
pub use send::{Outgoing, Transmission, transmit};
pub use status::ExitStatus;
