//! What the client reports: events, and the one outcome every queued message ends in.

use std::fmt;

use super::capabilities::AuthMechanism;
use super::error::{Phase, SessionError};
use super::reply::Reply;
use crate::address::Address;

/// Identifies a queued message in its [`Event::MessageDone`]. Handles count up from 1 in the
/// order messages were queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageHandle(pub(crate) u64);

impl MessageHandle {
    /// The handle's number.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for MessageHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Something the driver or the application should know about. Drain with
/// [`Client::poll_event`](super::Client::poll_event).
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Event {
    /// Perform the TLS handshake now, over the same connection, after writing every pending
    /// transmit; then call [`Client::handle_tls_established`](super::Client::handle_tls_established).
    /// Bytes read before the handshake must be discarded.
    StartTls,
    /// The session is secured (if the policy asks), authenticated (if credentials were given)
    /// and ready for messages.
    Ready,
    /// Authentication succeeded with this mechanism.
    Authenticated(AuthMechanism),
    /// A queued message reached its outcome.
    MessageDone {
        /// Which message.
        handle: MessageHandle,
        /// What became of it.
        outcome: Outcome,
    },
    /// The session is over: close the connection. `None` after a clean QUIT.
    Closed(Option<SessionError>),
}

/// The result for one recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipientResult {
    /// The forward-path.
    pub address: Address,
    /// The server's reply to its RCPT TO, or `None` if the command was never answered.
    pub reply: Option<Reply>,
}

impl RecipientResult {
    /// Whether the server accepted the recipient.
    pub fn accepted(&self) -> bool {
        self.reply.as_ref().is_some_and(Reply::is_positive)
    }
}

/// Where a message ended up. Every queued message gets exactly one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server took responsibility for the message (for the accepted recipients).
    Accepted(Delivery),
    /// The message was not delivered, and the server did not take it.
    Rejected(Rejection),
    /// The connection was lost after the end of the data and before the server's reply: the
    /// message may or may not have been delivered. Resending may duplicate it.
    Unknown(Unconfirmed),
}

impl Outcome {
    /// The per-recipient results known for the message.
    pub fn recipients(&self) -> &[RecipientResult] {
        match self {
            Self::Accepted(d) => &d.recipients,
            Self::Rejected(r) => &r.recipients,
            Self::Unknown(u) => &u.recipients,
        }
    }
}

/// A message whose data went out but whose reception the server never confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unconfirmed {
    /// What ended the session.
    pub error: SessionError,
    /// The per-recipient results of its RCPT commands.
    pub recipients: Vec<RecipientResult>,
}

/// An accepted message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// One result per envelope recipient; some may have been refused (partial acceptance).
    pub recipients: Vec<RecipientResult>,
    /// The server's reply to the end of the data (often carrying a queue id).
    pub reply: Reply,
}

impl Delivery {
    /// Whether some recipients were refused while others were accepted.
    pub fn is_partial(&self) -> bool {
        self.recipients.iter().any(|r| !r.accepted())
    }
}

/// A message that was not delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Whether trying again later may succeed.
    pub transient: bool,
    /// Why.
    pub reason: RejectReason,
    /// The per-recipient results known when it failed.
    pub recipients: Vec<RecipientResult>,
}

/// Why a message was not delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectReason {
    /// The server refused a command of the transaction.
    Reply {
        /// Which command.
        phase: Phase,
        /// What the server said.
        reply: Reply,
    },
    /// Every recipient was refused; their replies are in [`Rejection::recipients`].
    NoRecipientAccepted,
    /// The message was never offered because it cannot be sent to this server.
    Local(LocalReason),
    /// The session failed before the message's data was complete.
    Session(SessionError),
}

/// A message the client refused to offer, before sending anything for it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LocalReason {
    /// Larger than the server's declared SIZE limit.
    TooLarge {
        /// The message's size in bytes.
        size: u64,
        /// The server's limit.
        limit: u64,
    },
    /// Non-ASCII addresses or headers, and the server lacks SMTPUTF8.
    NeedsSmtpUtf8,
    /// 8-bit content, and the server lacks 8BITMIME.
    Needs8BitMime,
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Reply { phase, reply } => write!(f, "the server refused {phase}: {reply}"),
            Self::NoRecipientAccepted => f.write_str("the server refused every recipient"),
            Self::Local(LocalReason::TooLarge { size, limit }) => write!(
                f,
                "the message ({size} bytes) is larger than the server accepts ({limit} bytes)"
            ),
            Self::Local(LocalReason::NeedsSmtpUtf8) => f.write_str(
                "the message has non-ASCII addresses or headers and the server lacks SMTPUTF8",
            ),
            Self::Local(LocalReason::Needs8BitMime) => {
                f.write_str("the message has 8-bit content and the server lacks 8BITMIME")
            }
            Self::Session(err) => write!(f, "{err}"),
        }
    }
}
