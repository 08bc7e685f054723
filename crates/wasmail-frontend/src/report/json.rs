//! JSON shapes shared by several reports.

use std::path::Path;

use serde_json::{Value, json};
use wasmail_core::message::ComposedMessage;
use wasmail_core::smtp::{Envelope, Reply};

/// `{"mail_from": ..., "rcpt_to": [...]}`.
pub fn envelope_json(envelope: &Envelope) -> Value {
    json!({
        "mail_from": envelope.reverse_path().map(ToString::to_string),
        "rcpt_to": envelope.recipients().iter().map(ToString::to_string).collect::<Vec<_>>(),
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

/// A composed message described: Message-ID, envelope, size and where it was written. When it
/// was not written to a file (`written_to` is `None`), the message itself is in `eml`.
pub fn composed_json(composed: &ComposedMessage, written_to: Option<&Path>) -> Value {
    let mut value = json!({
        "message_id": composed.message_id().to_string(),
        "envelope": envelope_json(&composed.envelope()),
        "size": composed.bytes().len(),
        "output": written_to.map(|path| path.display().to_string()),
    });
    if written_to.is_none() {
        value["eml"] = String::from_utf8_lossy(composed.bytes())
            .into_owned()
            .into();
    }
    value
}
