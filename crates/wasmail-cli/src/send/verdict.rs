//! From outcomes to the exit status: what a script needs to decide whether to retry.

use wasmail_core::smtp::Outcome;

use crate::exit::ExitStatus;

/// The status one message's outcome stands for.
pub fn message_status(outcome: &Outcome) -> ExitStatus {
    match outcome {
        Outcome::Accepted(delivery) if delivery.is_partial() => ExitStatus::PartlyAccepted,
        Outcome::Accepted(_) => ExitStatus::Success,
        Outcome::Rejected(rejection) if rejection.transient => ExitStatus::Transient,
        Outcome::Rejected(_) => ExitStatus::Permanent,
        Outcome::Unknown(_) => ExitStatus::Unknown,
    }
}

/// The status of a whole run. An unknown outcome wins (the user must look before resending);
/// then all accepted is success, anything accepted at all is partial, and a run where nothing
/// was accepted is transient only when every failure was.
pub fn combine(statuses: &[ExitStatus]) -> ExitStatus {
    if statuses.contains(&ExitStatus::Unknown) {
        ExitStatus::Unknown
    } else if statuses.iter().all(|&s| s == ExitStatus::Success) {
        ExitStatus::Success
    } else if statuses
        .iter()
        .any(|&s| matches!(s, ExitStatus::Success | ExitStatus::PartlyAccepted))
    {
        ExitStatus::PartlyAccepted
    } else if statuses.iter().all(|&s| s == ExitStatus::Transient) {
        ExitStatus::Transient
    } else {
        ExitStatus::Permanent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExitStatus::*;

    #[test]
    fn combining() {
        assert_eq!(combine(&[Success, Success]), Success);
        assert_eq!(combine(&[Success, Permanent]), PartlyAccepted);
        assert_eq!(combine(&[PartlyAccepted]), PartlyAccepted);
        assert_eq!(combine(&[Transient, Transient]), Transient);
        assert_eq!(combine(&[Transient, Permanent]), Permanent);
        assert_eq!(combine(&[Success, Unknown]), Unknown);
    }
}
