//! One module per command; each returns the exit status or a [`Failure`](wasmail_frontend::Failure).

pub mod compose;
pub mod demo;
pub mod forward;
pub mod probe;
pub mod reply;
pub mod send;
pub mod serve_capture;
pub mod written;
