//! Live tracing: each transcript line handed to a callback as the session records it, so a
//! command-line tool can show the conversation as it happens, including when it fails.

use std::fmt;
use std::sync::Arc;

use wasmail_core::smtp::TranscriptLine;

/// A callback that receives every transcript line (secrets already redacted) as soon as the
/// session records it. Set with [`ConnectOptions::trace`](crate::ConnectOptions::trace).
#[derive(Clone)]
pub struct Tracer(Arc<dyn Fn(&TranscriptLine) + Send + Sync>);

impl Tracer {
    /// Wraps a callback.
    pub fn new(callback: impl Fn(&TranscriptLine) + Send + Sync + 'static) -> Self {
        Self(Arc::new(callback))
    }

    pub(crate) fn emit(&self, line: &TranscriptLine) {
        (self.0)(line);
    }
}

impl fmt::Debug for Tracer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tracer(..)")
    }
}
