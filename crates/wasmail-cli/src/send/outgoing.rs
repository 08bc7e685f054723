//! The messages one `send` run transmits: the composed one, or the `--eml` files.

use wasmail_core::message::ComposedMessage;
use wasmail_core::smtp::Envelope;

use super::eml_input::RawMessage;

/// One message ready to go.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// How the report names it.
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

impl From<RawMessage> for Outgoing {
    fn from(raw: RawMessage) -> Outgoing {
        Outgoing {
            label: raw.path.display().to_string(),
            message_id: None,
            envelope: raw.envelope,
            bytes: raw.bytes,
        }
    }
}
