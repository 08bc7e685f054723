//! Printing a composed message: the `.eml` itself, or JSON describing it.

use std::path::Path;

use wasmail_core::message::ComposedMessage;
use wasmail_frontend::RunResult;
use wasmail_frontend::report::composed_json;

use crate::output::{stdout_json, write_output};

/// Writes the message to `output` (stdout when `None`). With `json`, stdout gets a JSON
/// description instead, holding the message itself when it was not written to a file.
pub fn emit(composed: &ComposedMessage, output: Option<&Path>, json: bool) -> RunResult<()> {
    let to_file = output.filter(|path| *path != Path::new("-"));
    if !json || to_file.is_some() {
        write_output(output, composed.bytes())?;
    }
    if json {
        stdout_json(&composed_json(composed, to_file))?;
    }
    Ok(())
}
