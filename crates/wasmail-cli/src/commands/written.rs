//! Printing a composed message: the `.eml` itself, or JSON describing it.

use std::path::Path;

use serde_json::json;
use wasmail_core::message::ComposedMessage;
use wasmail_core::smtp::Envelope;

use crate::exit::CliResult;
use crate::output::{stdout_json, write_output};

/// Writes the message to `output` (stdout when `None`). With `json`, stdout gets a JSON
/// description instead, holding the message itself when it was not written to a file.
pub fn emit(composed: &ComposedMessage, output: Option<&Path>, json: bool) -> CliResult<()> {
    let to_file = output.filter(|path| *path != Path::new("-"));
    if !json || to_file.is_some() {
        write_output(output, composed.bytes())?;
    }
    if json {
        let mut value = json!({
            "message_id": composed.message_id().to_string(),
            "envelope": envelope_json(&composed.envelope()),
            "size": composed.bytes().len(),
            "output": to_file.map(|path| path.display().to_string()),
        });
        if to_file.is_none() {
            value["eml"] = String::from_utf8_lossy(composed.bytes())
                .into_owned()
                .into();
        }
        stdout_json(&value)?;
    }
    Ok(())
}

/// `{"mail_from": ..., "rcpt_to": [...]}`.
pub fn envelope_json(envelope: &Envelope) -> serde_json::Value {
    json!({
        "mail_from": envelope.reverse_path().map(ToString::to_string),
        "rcpt_to": envelope.recipients().iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}
