//! Exit statuses, the same numbers `wasmail send` uses, and the error that ends a run.

use std::fmt;

use wasmail_core::smtp::Outcome;

/// How a run ended; scripts tell outcomes apart by these numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every recipient accepted.
    Success = 0,
    /// Bad flags or input; nothing sent.
    Usage = 1,
    /// Some recipients accepted, others refused.
    PartlyAccepted = 2,
    /// 4xx, timeout, connection lost before the data: retry later.
    Transient = 3,
    /// 5xx, untrusted certificate, login refused.
    Permanent = 4,
    /// Connection lost after the data: the message may have been delivered.
    Unknown = 5,
}

impl Status {
    /// The name JSON output uses (as `wasmail send --json`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Success => "success",
            Status::Usage => "usage",
            Status::PartlyAccepted => "partly-accepted",
            Status::Transient => "transient-failure",
            Status::Permanent => "permanent-failure",
            Status::Unknown => "unknown-outcome",
        }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The status one message's outcome stands for.
    pub fn of(outcome: &Outcome) -> Status {
        match outcome {
            Outcome::Accepted(delivery) if delivery.is_partial() => Status::PartlyAccepted,
            Outcome::Accepted(_) => Status::Success,
            Outcome::Rejected(rejection) if rejection.transient => Status::Transient,
            Outcome::Rejected(_) => Status::Permanent,
            Outcome::Unknown(_) => Status::Unknown,
        }
    }
}

/// An error that ends the run: one line for the user and the status to exit with.
#[derive(Debug)]
pub struct Failure {
    /// The exit status.
    pub status: Status,
    message: String,
}

impl Failure {
    /// A problem with the flags or their input (status 1).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Status::Usage, message)
    }

    /// A failure with the given status.
    pub fn new(status: Status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever an inner error carried.
        f.write_str(&self.message.replace(['\r', '\n'], " "))
    }
}

/// The result type of every step.
pub type Result<T> = std::result::Result<T, Failure>;
