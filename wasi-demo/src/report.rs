//! The per-recipient outcome: lines for people, or the JSON shape `wasmail send --json`
//! prints, so scripts can read either command's output.

use serde_json::{Value, json};
use wasmail_core::message::ComposedMessage;
use wasmail_core::smtp::{Envelope, Outcome, RecipientResult, Reply};
use wasmail_net::{Session, TlsMode};

use crate::status::Status;

/// What the session showed, taken before QUIT consumes it.
#[derive(Debug)]
pub struct SessionFacts {
    /// `host:port` as connected to.
    server: String,
    /// `TLS 1.3 TLS13_AES_256_GCM_SHA384, STARTTLS`, or `no TLS`.
    security: String,
    tls: Value,
    auth: Option<&'static str>,
}

impl SessionFacts {
    /// Reads the facts off an open session.
    pub fn of(session: &Session, server: String) -> SessionFacts {
        let tls = session.tls_info();
        let mode = |mode| match mode {
            TlsMode::StartTls => "STARTTLS",
            TlsMode::Implicit => "implicit TLS",
        };
        SessionFacts {
            server,
            security: tls.map_or("no TLS".into(), |t| {
                format!(
                    "{} {}, {}",
                    t.protocol_version,
                    t.cipher_suite,
                    mode(t.mode)
                )
            }),
            tls: tls.map_or(Value::Null, |t| {
                json!({"mode": mode(t.mode), "version": t.protocol_version,
                       "cipher_suite": t.cipher_suite, "server_name": t.server_name})
            }),
            auth: session.authenticated_with().map(|m| m.name()),
        }
    }
}

/// `--dry-run`: the message itself, or (with `--json`) what `wasmail compose --json` prints.
pub fn dry_run(composed: &ComposedMessage, json: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = match json {
        true => {
            let value = json!({
                "message_id": composed.message_id().to_string(),
                "envelope": envelope_json(&composed.envelope()),
                "size": composed.bytes().len(),
                "output": None::<String>,
                "eml": String::from_utf8_lossy(composed.bytes()),
            });
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            writeln!(out, "{text}")
        }
        false => out.write_all(composed.bytes()),
    };
}

/// The report as text lines.
pub fn human(facts: &SessionFacts, composed: &ComposedMessage, outcome: &Outcome) -> Vec<String> {
    let auth = facts.auth.map(|m| format!(", authenticated with {m}"));
    let mut lines = vec![
        format!(
            "Sent through {} ({}){}",
            facts.server,
            facts.security,
            auth.unwrap_or_default()
        ),
        format!("message {}: {}", composed.message_id(), summary(outcome)),
    ];
    for recipient in outcome.recipients() {
        lines.push(format!("  {}", recipient_line(recipient)));
    }
    if outcome.recipients().is_empty() {
        let word = match outcome {
            Outcome::Unknown(_) => "unknown ",
            _ => "not sent",
        };
        for address in composed.envelope().recipients() {
            lines.push(format!("  {word} {address}"));
        }
    }
    lines
}

/// The report as one JSON document.
pub fn json(facts: &SessionFacts, composed: &ComposedMessage, outcome: &Outcome) -> Value {
    let status = Status::of(outcome);
    let (result, reply, error, transient) = match outcome {
        Outcome::Accepted(d) if d.is_partial() => {
            ("partly-accepted", reply_json(&d.reply), None, false)
        }
        Outcome::Accepted(d) => ("accepted", reply_json(&d.reply), None, false),
        Outcome::Rejected(r) => (
            "rejected",
            Value::Null,
            Some(r.reason.to_string()),
            r.transient,
        ),
        Outcome::Unknown(e) => ("unknown", Value::Null, Some(e.to_string()), false),
    };
    let message = json!({
        "source": "message",
        "message_id": composed.message_id().to_string(),
        "size": composed.bytes().len(),
        "envelope": envelope_json(&composed.envelope()),
        "result": result,
        "status": status.name(),
        "transient": transient,
        "reply": reply,
        "error": error,
        "recipients": outcome.recipients().iter().map(recipient_json).collect::<Vec<_>>(),
    });
    json!({
        "server": facts.server,
        "tls": facts.tls,
        "authenticated_with": facts.auth,
        "messages": [message],
        "status": status.name(),
        "exit_code": status.code(),
    })
}

fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Accepted(d) if d.is_partial() => {
            let refused = d.recipients.iter().filter(|r| !r.accepted()).count();
            format!(
                "partly accepted ({refused} recipient(s) refused): {}",
                d.reply
            )
        }
        Outcome::Accepted(d) => format!("accepted: {}", d.reply),
        Outcome::Rejected(r) if r.transient => {
            format!(
                "not delivered (temporary failure, try again later): {}",
                r.reason
            )
        }
        Outcome::Rejected(r) => format!("not delivered: {}", r.reason),
        Outcome::Unknown(e) => format!(
            "outcome unknown: {e}; the message may have been delivered, so check before sending \
             it again"
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
        "reply": recipient.reply.as_ref().map_or(Value::Null, reply_json),
    })
}

fn reply_json(reply: &Reply) -> Value {
    json!({
        "code": reply.code().get(),
        "enhanced": reply.enhanced_code().map(|code| code.to_string()),
        "text": reply.text(),
        "line": reply.to_string(),
    })
}

fn envelope_json(envelope: &Envelope) -> Value {
    json!({
        "mail_from": envelope.reverse_path().map(ToString::to_string),
        "rcpt_to": envelope.recipients().iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}
