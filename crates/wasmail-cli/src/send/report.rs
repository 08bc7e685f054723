//! The per-recipient report: one line per recipient with the server's reply for people, a
//! structured document for scripts.

use serde_json::{Value, json};
use wasmail_core::smtp::{Outcome, RecipientResult, Reply};

use super::verdict::message_status;

/// One message's result, ready to print.
#[derive(Debug)]
pub struct MessageReport {
    /// Where it came from: `composed message` or the file name.
    pub label: String,
    /// Its Message-ID, when known.
    pub message_id: Option<String>,
    /// Its size in bytes.
    pub size: usize,
    /// The envelope, as JSON.
    pub envelope: Value,
    /// What happened.
    pub outcome: Outcome,
}

impl MessageReport {
    /// Human-readable lines: a summary, then one line per recipient.
    pub fn human_lines(&self) -> Vec<String> {
        let mut lines = vec![format!("{}: {}", self.label, summary(&self.outcome))];
        let recipients = self.outcome.recipients();
        for recipient in recipients {
            lines.push(format!("  {}", recipient_line(recipient)));
        }
        if let (true, Some(to)) = (recipients.is_empty(), self.envelope["rcpt_to"].as_array()) {
            let outcome = match self.outcome {
                Outcome::Unknown(_) => "unknown ",
                _ => "not sent",
            };
            for address in to.iter().filter_map(Value::as_str) {
                lines.push(format!("  {outcome} {address}"));
            }
        }
        lines
    }

    /// The structured form.
    pub fn to_json(&self) -> Value {
        let status = message_status(&self.outcome);
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
                None,
                Some(rejection.reason.to_string()),
                rejection.transient,
            ),
            Outcome::Unknown(error) => ("unknown", None, Some(error.to_string()), false),
        };
        json!({
            "source": self.label,
            "message_id": self.message_id,
            "size": self.size,
            "envelope": self.envelope,
            "result": result,
            "status": status.name(),
            "transient": transient,
            "reply": final_reply,
            "error": error,
            "recipients": self.outcome.recipients().iter().map(recipient_json).collect::<Vec<_>>(),
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
        Outcome::Unknown(error) => format!(
            "outcome unknown: {error}; the message may have been delivered, so check before \
             sending it again"
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

fn recipient_json(recipient: &RecipientResult) -> Value {
    json!({
        "address": recipient.address.to_string(),
        "accepted": recipient.accepted(),
        "reply": recipient.reply.as_ref().map(reply_json),
    })
}

/// `{"code": 250, "enhanced": "2.0.0", "text": "...", "line": "250 2.0.0 ..."}`.
pub fn reply_json(reply: &Reply) -> Value {
    json!({
        "code": reply.code().get(),
        "enhanced": reply.enhanced_code().map(|code| code.to_string()),
        "text": reply.text(),
        "line": reply.to_string(),
    })
}
