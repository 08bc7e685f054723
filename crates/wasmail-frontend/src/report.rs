//! The per-recipient report: one line per recipient with the server's reply for people, a
//! structured document for scripts. Both binaries print the same shapes.

mod json;
mod session;

use serde_json::{Value, json};
use wasmail_core::smtp::{Envelope, Outcome, RecipientResult, RejectReason};

pub use json::{composed_json, envelope_json, reply_json};
pub use session::{SessionFacts, tls_json, tls_mode_name};

use crate::status::ExitStatus;

/// One message's result, ready to print.
#[derive(Debug)]
pub struct MessageReport {
    /// Where it came from: `message` (composed) or the file name.
    pub label: String,
    /// Its Message-ID, when known.
    pub message_id: Option<String>,
    /// Its size in bytes.
    pub size: usize,
    /// Who it was from and to.
    pub envelope: Envelope,
    /// What happened.
    pub outcome: Outcome,
}

impl MessageReport {
    /// Human-readable lines: `LABEL: summary`, then one line per recipient.
    pub fn human_lines(&self) -> Vec<String> {
        let mut lines = vec![format!("{}: {}", self.label, summary(&self.outcome))];
        let recipients = self.outcome.recipients();
        for recipient in recipients {
            lines.push(format!("  {}", recipient_line(recipient)));
        }
        if recipients.is_empty() {
            // No per-recipient replies: say what became of each envelope recipient.
            let word = match self.outcome {
                Outcome::Unknown(_) => "unknown ",
                _ => "not sent",
            };
            for address in self.envelope.recipients() {
                lines.push(format!("  {word} {address}"));
            }
        }
        lines
    }

    /// The structured form.
    pub fn to_json(&self) -> Value {
        let status = ExitStatus::of(&self.outcome);
        let (result, final_reply, error, transient) = match &self.outcome {
            Outcome::Accepted(delivery) => {
                let result = if delivery.is_partial() {
                    "partly-accepted"
                } else {
                    "accepted"
                };
                (result, Some(reply_json(&delivery.reply)), None, false)
            }
            Outcome::Rejected(rejection) => (
                "rejected",
                // The server's own refusal of the message (at MAIL or DATA), when there is one.
                match &rejection.reason {
                    RejectReason::Reply { reply, .. } => Some(reply_json(reply)),
                    _ => None,
                },
                Some(rejection.reason.to_string()),
                rejection.transient,
            ),
            Outcome::Unknown(u) => ("unknown", None, Some(u.error.to_string()), false),
        };
        // Accepted: delivered where RCPT was; rejected: nowhere; unknown: nobody can say yet
        // (null, so that a script does not resend what may have arrived).
        let delivered = match self.outcome {
            Outcome::Accepted(_) => Some(true),
            Outcome::Rejected(_) => Some(false),
            Outcome::Unknown(_) => None,
        };
        json!({
            "source": self.label,
            "message_id": self.message_id,
            "size": self.size,
            "envelope": envelope_json(&self.envelope),
            "result": result,
            "status": status.name(),
            "transient": transient,
            "reply": final_reply,
            "error": error,
            "recipients": self.outcome.recipients().iter().map(|recipient| recipient_json(recipient, delivered)).collect::<Vec<_>>(),
        })
    }
}

fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Accepted(delivery) if delivery.is_partial() => {
            let refused = delivery.recipients.iter().filter(|r| !r.accepted()).count();
            format!(
                "partly accepted ({refused} recipient(s) refused): {}",
                delivery.reply
            )
        }
        Outcome::Accepted(delivery) => format!("accepted: {}", delivery.reply),
        Outcome::Rejected(rejection) if rejection.transient => {
            format!(
                "not delivered (temporary failure, try again later): {}",
                rejection.reason
            )
        }
        Outcome::Rejected(rejection) => format!("not delivered: {}", rejection.reason),
        Outcome::Unknown(unconfirmed) => format!(
            "outcome unknown: {}; the message may have been delivered, so check before \
             sending it again",
            unconfirmed.error
        ),
    }
}

fn recipient_line(recipient: &RecipientResult) -> String {
    match &recipient.reply {
        Some(reply) if reply.is_positive() => format!("accepted {}: {reply}", recipient.address),
        Some(reply) => format!("refused  {}: {reply}", recipient.address),
        None => format!("not sent {}", recipient.address),
    }
}

/// `accepted` is the server's answer to RCPT; `delivered` whether the message reached the
/// server for this recipient (RCPT accepted and the message accepted), which is what a script
/// wants to know when DATA was refused after every RCPT was taken; `null` when the outcome is
/// unknown.
fn recipient_json(recipient: &RecipientResult, message_delivered: Option<bool>) -> Value {
    json!({
        "address": recipient.address.to_string(),
        "accepted": recipient.accepted(),
        "delivered": message_delivered.map(|delivered| delivered && recipient.accepted()),
        "reply": recipient.reply.as_ref().map(reply_json),
    })
}

#[cfg(test)]
mod tests {
    use wasmail_core::address::Address;
    use wasmail_core::smtp::{Delivery, Reply, ReplyCode};

    use super::*;

    fn reply(code: u16, text: &str) -> Reply {
        Reply::new(ReplyCode::new(code).unwrap(), vec![text.to_owned()])
    }

    fn partly_accepted() -> MessageReport {
        let (bob, eve) = (
            Address::parse("bob@example.org").unwrap(),
            Address::parse("eve@example.org").unwrap(),
        );
        let recipients = vec![
            RecipientResult {
                address: bob.clone(),
                reply: Some(reply(250, "2.1.5 ok")),
            },
            RecipientResult {
                address: eve.clone(),
                reply: Some(reply(550, "5.1.1 no such user")),
            },
        ];
        MessageReport {
            label: "message".into(),
            message_id: Some("<1@example.com>".into()),
            size: 42,
            envelope: Envelope::new(Some(bob.clone()), [bob, eve]),
            outcome: Outcome::Accepted(Delivery {
                recipients,
                reply: reply(250, "2.0.0 queued"),
            }),
        }
    }

    #[test]
    fn lines_for_people() {
        let lines = partly_accepted().human_lines();
        assert_eq!(
            lines,
            [
                "message: partly accepted (1 recipient(s) refused): 250 2.0.0 queued",
                "  accepted bob@example.org: 250 2.1.5 ok",
                "  refused  eve@example.org: 550 5.1.1 no such user",
            ]
        );
    }

    #[test]
    fn json_for_scripts() {
        let value = partly_accepted().to_json();
        assert_eq!(value["result"], "partly-accepted");
        assert_eq!(value["status"], "partly-accepted");
        assert_eq!(value["reply"]["enhanced"], "2.0.0");
        assert_eq!(value["recipients"][1]["accepted"], false);
        assert_eq!(value["recipients"][0]["delivered"], true);
        assert_eq!(value["envelope"]["rcpt_to"][1], "eve@example.org");
    }

    #[test]
    fn json_of_a_message_refused_at_data() {
        let mut report = partly_accepted();
        let Outcome::Accepted(delivery) = report.outcome else {
            unreachable!()
        };
        report.outcome = Outcome::Rejected(wasmail_core::smtp::Rejection {
            transient: false,
            reason: RejectReason::Reply {
                phase: wasmail_core::smtp::Phase::DataEnd,
                reply: reply(554, "5.7.1 rejected as spam"),
            },
            recipients: delivery.recipients,
        });
        let value = report.to_json();
        assert_eq!(value["result"], "rejected");
        // The server's words as data, not only inside the error text.
        assert_eq!(value["reply"]["code"], 554);
        assert_eq!(value["reply"]["enhanced"], "5.7.1");
        // Bob's RCPT was accepted, but the message did not reach him.
        assert_eq!(value["recipients"][0]["accepted"], true);
        assert_eq!(value["recipients"][0]["delivered"], false);
    }

    #[test]
    fn json_of_an_unknown_outcome_does_not_say_undelivered() {
        let mut report = partly_accepted();
        let Outcome::Accepted(delivery) = report.outcome else {
            unreachable!()
        };
        report.outcome = Outcome::Unknown(wasmail_core::smtp::Unconfirmed {
            error: wasmail_core::smtp::SessionError::ConnectionClosed {
                phase: wasmail_core::smtp::Phase::DataEnd,
            },
            recipients: delivery.recipients,
        });
        let value = report.to_json();
        assert_eq!(value["result"], "unknown");
        assert_eq!(value["recipients"][0]["accepted"], true);
        assert_eq!(value["recipients"][0]["delivered"], Value::Null);
    }
}
