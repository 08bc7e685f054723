//! The error that ends a run: a one-line message for the user and the exit status.

use std::fmt;

use serde_json::{Value, json};

use crate::status::ExitStatus;

/// Why a run stopped before its outcome: what to tell the user and which status to exit with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    status: ExitStatus,
    message: String,
}

impl Failure {
    /// A problem with the command line or its input (exit status 1).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::with_status(ExitStatus::Usage, message)
    }

    /// A failure with a given exit status.
    pub fn with_status(status: ExitStatus, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// The exit status it ends the run with.
    pub fn status(&self) -> ExitStatus {
        self.status
    }

    /// The message as given (it may hold line breaks; `Display` folds them).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// `{"error": ..., "status": ..., "exit_code": ...}`, what `--json` prints for it.
    pub fn to_json(&self) -> Value {
        json!({
            "error": self.to_string(),
            "status": self.status.name(),
            "exit_code": self.status.code(),
        })
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Errors are printed on one line: fold any line break an inner error carried.
        f.write_str(&self.message.replace(['\r', '\n'], " "))
    }
}

impl std::error::Error for Failure {}

/// Whether `--json` is among the options of `args` (the program name left out), before a
/// `--` that ends them: a command line that does not parse still gets its failure as JSON.
pub fn asks_for_json(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .take_while(|arg| *arg != "--")
        .any(|arg| arg == "--json")
}

/// The result of every front-end step.
pub type RunResult<T> = Result<T, Failure>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_and_json() {
        let failure = Failure::with_status(ExitStatus::Transient, "timed out\r\nwaiting");
        assert_eq!(failure.to_string(), "timed out  waiting");
        assert_eq!(failure.to_json()["exit_code"], 3);
        assert_eq!(failure.to_json()["status"], "transient-failure");
    }
}
