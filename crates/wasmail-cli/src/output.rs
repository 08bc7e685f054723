//! Writing to stdout and stderr without panicking on a closed pipe, and to files.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use wasmail_frontend::{Failure, RunResult};

/// Writes bytes to stdout. A closed pipe (`wasmail compose | head`) is not an error.
pub fn stdout_bytes(bytes: &[u8]) -> RunResult<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Failure::usage(format!(
            "cannot write to standard output: {error}"
        ))),
        _ => Ok(()),
    }
}

/// Writes one line of text to stdout.
pub fn stdout_line(line: &str) -> RunResult<()> {
    let mut text = String::with_capacity(line.len() + 1);
    text.push_str(line);
    text.push('\n');
    stdout_bytes(text.as_bytes())
}

/// Writes a JSON document (pretty, one trailing newline) to stdout.
pub fn stdout_json(value: &serde_json::Value) -> RunResult<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|error| Failure::usage(format!("cannot format JSON output: {error}")))?;
    stdout_line(&text)
}

/// Writes one line to stderr; errors there have nowhere to be reported, so they are ignored.
pub fn stderr_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Writes `bytes` to `path`, or to stdout when `path` is `None` or `-`.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> RunResult<()> {
    match path {
        Some(path) if path != Path::new("-") => fs::write(path, bytes)
            .map_err(|error| Failure::usage(format!("cannot write {}: {error}", path.display()))),
        _ => stdout_bytes(bytes),
    }
}
