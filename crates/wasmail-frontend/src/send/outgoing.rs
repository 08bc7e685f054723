//! One message ready to go, composed here or read from a file.

use wasmail_core::message::ComposedMessage;
use wasmail_core::smtp::Envelope;

/// A message to transmit, with what the report says about it.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// How the report names it (`message`, or the file it came from).
    pub label: String,
    /// Its Message-ID, when it was composed here.
    pub message_id: Option<String>,
    /// Who it is from and to.
    pub envelope: Envelope,
    /// Its bytes, sent unchanged.
    pub bytes: Vec<u8>,
}

impl From<ComposedMessage> for Outgoing {
    fn from(composed: ComposedMessage) -> Outgoing {
        Outgoing {
            label: "message".to_owned(),
            message_id: Some(composed.message_id().to_string()),
            envelope: composed.envelope(),
            bytes: composed.into_bytes(),
        }
    }
}
