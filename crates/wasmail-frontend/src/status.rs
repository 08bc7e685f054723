//! Exit statuses: scripts tell apart what happened to the mail by these numbers, without
//! parsing output. Every binary that sends uses the same ones.

use std::process::ExitCode;

use wasmail_core::smtp::Outcome;

/// How a run ended. The numbers are part of the command-line interface: keep them stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExitStatus {
    /// 0: everything worked; for sending, every recipient was accepted.
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

    /// The status one message's outcome stands for.
    pub fn of(outcome: &Outcome) -> ExitStatus {
        match outcome {
            Outcome::Accepted(delivery) if delivery.is_partial() => ExitStatus::PartlyAccepted,
            Outcome::Accepted(_) => ExitStatus::Success,
            Outcome::Rejected(rejection) if rejection.transient => ExitStatus::Transient,
            Outcome::Rejected(_) => ExitStatus::Permanent,
            Outcome::Unknown(_) => ExitStatus::Unknown,
        }
    }

    /// The status of a whole run. An unknown outcome wins (the user must look before
    /// resending); then all accepted is success, anything accepted at all is partial, and a
    /// run where nothing was accepted is transient when any failure was: retrying can still
    /// deliver that one, as the core says of one message with a transient refusal among its
    /// recipients.
    pub fn combine(statuses: &[ExitStatus]) -> ExitStatus {
        use ExitStatus::{PartlyAccepted, Permanent, Success, Transient, Unknown};
        if statuses.contains(&Unknown) {
            Unknown
        } else if statuses.iter().all(|&s| s == Success) {
            Success
        } else if statuses
            .iter()
            .any(|&s| matches!(s, Success | PartlyAccepted))
        {
            PartlyAccepted
        } else if statuses.contains(&Transient) {
            Transient
        } else {
            Permanent
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::{self, *};

    #[test]
    fn combining() {
        let combine = ExitStatus::combine;
        assert_eq!(combine(&[Success, Success]), Success);
        assert_eq!(combine(&[Success, Permanent]), PartlyAccepted);
        assert_eq!(combine(&[PartlyAccepted]), PartlyAccepted);
        assert_eq!(combine(&[Transient, Transient]), Transient);
        assert_eq!(combine(&[Transient, Permanent]), Transient);
        assert_eq!(combine(&[Permanent, Permanent]), Permanent);
        assert_eq!(combine(&[Success, Unknown]), Unknown);
    }

    #[test]
    fn codes_are_the_documented_numbers() {
        let all = [
            Success,
            Usage,
            PartlyAccepted,
            Transient,
            Permanent,
            Unknown,
        ];
        assert_eq!(all.map(ExitStatus::code), [0, 1, 2, 3, 4, 5]);
    }
}
