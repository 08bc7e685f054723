//! Where received messages go: `message-NNNN.eml` (the exact bytes received, after
//! dot-unstuffing) and `message-NNNN.json` (the envelope) in the output directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::json;

/// One message the server accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedMessage {
    /// The `.eml` file holding the message.
    pub path: PathBuf,
    /// The MAIL FROM address.
    pub mail_from: String,
    /// The accepted RCPT TO addresses, in order.
    pub rcpt_to: Vec<String>,
    /// The user that authenticated, if any.
    pub authenticated_as: Option<String>,
    /// Whether the session was encrypted when the message arrived.
    pub over_tls: bool,
    /// The message's bytes.
    pub bytes: Vec<u8>,
}

/// The received messages, on disk and in memory.
#[derive(Debug)]
pub(super) struct Store {
    dir: PathBuf,
    messages: Mutex<Vec<ReceivedMessage>>,
}

impl Store {
    pub(super) fn new(dir: PathBuf) -> io::Result<Store> {
        fs::create_dir_all(&dir)?;
        Ok(Store {
            dir,
            messages: Mutex::new(Vec::new()),
        })
    }

    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the message and its envelope, and returns the `.eml` path.
    pub(super) fn save(&self, mut message: ReceivedMessage) -> io::Result<PathBuf> {
        let mut messages = self
            .messages
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let stem = format!("message-{:04}", messages.len() + 1);
        let path = self.dir.join(format!("{stem}.eml"));
        fs::write(&path, &message.bytes)?;
        let envelope = json!({
            "mail_from": message.mail_from,
            "rcpt_to": message.rcpt_to,
            "authenticated_as": message.authenticated_as,
            "over_tls": message.over_tls,
            "size": message.bytes.len(),
        });
        fs::write(
            self.dir.join(format!("{stem}.json")),
            format!("{envelope:#}\n"),
        )?;
        message.path = path.clone();
        messages.push(message);
        Ok(path)
    }

    pub(super) fn messages(&self) -> Vec<ReceivedMessage> {
        self.messages
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone()
    }
}
