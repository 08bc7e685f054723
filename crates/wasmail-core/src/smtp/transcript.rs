//! The session transcript, as data that drivers and UIs can show. Secrets are redacted before
//! they are recorded, so the transcript is safe to print or store.

use std::fmt;

use super::time::Time;

/// Who produced a transcript line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Sent by the client (`C:`).
    Client,
    /// Received from the server (`S:`).
    Server,
    /// A note about the session itself, such as the TLS upgrade (`*:`).
    Note,
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranscriptLine {
    /// When it was sent or received, on the driver's clock.
    pub at: Time,
    /// Who produced it.
    pub direction: Direction,
    /// The line without CRLF; control characters escaped, secrets replaced by `<redacted>`,
    /// message data summarised.
    pub text: String,
}

impl fmt::Display for TranscriptLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.direction {
            Direction::Client => "C",
            Direction::Server => "S",
            Direction::Note => "*",
        };
        write!(f, "{tag}: {}", self.text)
    }
}
