//! The pre-send check on a built message: errors stop the run, warnings are passed on.

use wasmail_core::check::{FindingKind, Severity, check_message};
use wasmail_core::message::Message;

use crate::failure::{Failure, RunResult};

/// What the draft is for: a draft written to a file may lack recipients, one to send may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Written out (`compose`, `reply`, `forward`).
    Write,
    /// Sent (`send`, including `--dry-run`).
    Send,
}

/// Runs the core's check. Errors become one usage failure, pointing at the flag to give;
/// warnings go to `warn`.
pub fn check_draft(
    message: &Message,
    purpose: Purpose,
    warn: &mut dyn FnMut(&str),
) -> RunResult<()> {
    let mut errors = Vec::new();
    for finding in check_message(message, None) {
        let tolerated =
            purpose == Purpose::Write && matches!(finding.kind(), FindingKind::NoRecipients);
        match finding.kind() {
            FindingKind::MissingFrom => {
                errors.push("the message has no author: give --from".to_owned())
            }
            FindingKind::NoRecipients if !tolerated => {
                errors.push("the message has no recipient: give --to, --cc or --bcc".to_owned());
            }
            _ if finding.severity() == Severity::Error && !tolerated => {
                errors.push(finding.message())
            }
            _ => warn(&finding.message()),
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(Failure::usage(errors.join("; "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_needed_only_to_send() {
        let from = wasmail_core::mailbox::Mailbox::parse("jane@example.com").unwrap();
        let message = Message::builder()
            .from(from)
            .text_body("hi\n")
            .build()
            .unwrap();
        assert!(check_draft(&message, Purpose::Write, &mut |_| {}).is_ok());
        let error = check_draft(&message, Purpose::Send, &mut |_| {}).unwrap_err();
        assert!(error.message().contains("give --to"), "{error}");
    }
}
