//! Exit statuses and the error type every command returns.
//!
//! The statuses let scripts tell apart what happened to the mail without parsing output.

use std::fmt;
use std::process::ExitCode;

/// How a run ended. The numbers are part of the command-line interface: keep them stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExitStatus {
    /// 0: everything worked; for `send`, every recipient was accepted.
    Success = 0,
    /// 1: the command line or its input was wrong (a malformed address, a missing file, ...).
    Usage = 1,
    /// 2: the server accepted some recipients and refused others.
    PartlyAccepted = 2,
    /// 3: a transient failure (4xx reply, timeout, dropped connection): try again later.
    Transient = 3,
    /// 4: a permanent failure (5xx reply, untrusted certificate, bad credentials).
    Permanent = 4,
    /// 5: the connection was lost after the message data was sent and before the server
    /// replied: the message may or may not have been delivered.
    Unknown = 5,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// A short name for JSON output.
    pub fn name(self) -> &'static str {
        match self {
            ExitStatus::Success => "success",
            ExitStatus::Usage => "usage",
            ExitStatus::PartlyAccepted => "partly-accepted",
            ExitStatus::Transient => "transient-failure",
            ExitStatus::Permanent => "permanent-failure",
            ExitStatus::Unknown => "unknown-outcome",
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// An error that ends the command: a one-line message for the user and the exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliError {
    status: ExitStatus,
    message: String,
}

impl CliError {
    /// A problem with the command line or its input (exit status 1).
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            status: ExitStatus::Usage,
            message: message.into(),
        }
    }

    /// An error with a given exit status.
    pub fn with_status(status: ExitStatus, message: impl Into<String>) -> CliError {
        CliError {
            status,
            message: message.into(),
        }
    }

    /// The exit status it ends the run with.
    pub fn status(&self) -> ExitStatus {
        self.status
    }

    /// The message, one line.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Errors are printed on one line: fold any line break an inner error carried.
        let one_line: String = self
            .message
            .chars()
            .map(|ch| if ch == '\r' || ch == '\n' { ' ' } else { ch })
            .collect();
        f.write_str(&one_line)
    }
}

impl std::error::Error for CliError {}

/// The result type of every command.
pub type CliResult<T> = Result<T, CliError>;
