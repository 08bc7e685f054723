//! The sans-IO SMTP client: a session state machine ([`Client`]) and the pieces it is made of,
//! each usable on its own (the reply parser, the data encoder, capabilities).

mod auth;
mod capabilities;
mod client;
mod config;
mod data;
mod envelope;
mod error;
mod outcome;
mod reply;
mod time;
mod transcript;

pub use auth::{Credentials, Secret};
pub use capabilities::{AuthMechanism, Capabilities};
pub use client::Client;
pub use config::{ClientConfig, ClientName, InvalidClientName, Timeouts, TlsPolicy};
pub use data::{DataEncoder, Framing};
pub use envelope::Envelope;
pub use error::{Fault, Phase, SessionError, UsageError};
pub use outcome::{
    Delivery, Event, LocalReason, MessageHandle, Outcome, RecipientResult, RejectReason, Rejection,
    Unconfirmed,
};
pub use reply::{
    EnhancedCode, Reply, ReplyClass, ReplyCode, ReplyError, ReplyLimits, ReplyParser,
    escape_for_display,
};
pub use time::Time;
pub use transcript::{Direction, TranscriptLine};
