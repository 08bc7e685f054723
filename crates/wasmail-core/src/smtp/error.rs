//! Why a session ended early, and whose fault it was.

use std::fmt;

use super::capabilities::AuthMechanism;
use super::reply::{Reply, ReplyClass, ReplyError};

/// Who is to blame for an error, in the manner of rustls: decides whether retrying, fixing the
/// call, or changing the policy is the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The server (or the network path to it) misbehaved, refused, went silent or hung up.
    Peer,
    /// The caller used the API wrongly or supplied something unusable (bad credentials).
    Caller,
    /// The configured security policy forbade going on (no STARTTLS, AUTH without TLS).
    Policy,
}

/// Where the session was when something happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Waiting for the 220 greeting.
    Greeting,
    /// EHLO or HELO.
    Hello,
    /// STARTTLS and the handshake after it.
    StartTls,
    /// AUTH.
    Auth,
    /// MAIL FROM.
    Mail,
    /// RCPT TO.
    Rcpt,
    /// DATA, waiting for 354.
    Data,
    /// Sending message data (or BDAT chunks).
    DataBlock,
    /// Waiting for the reply to the end of the data.
    DataEnd,
    /// RSET.
    Reset,
    /// QUIT.
    Quit,
    /// Nothing: the session was idle.
    Idle,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Greeting => "the greeting",
            Self::Hello => "EHLO",
            Self::StartTls => "STARTTLS",
            Self::Auth => "AUTH",
            Self::Mail => "MAIL FROM",
            Self::Rcpt => "RCPT TO",
            Self::Data => "DATA",
            Self::DataBlock => "the message data",
            Self::DataEnd => "the end of the message data",
            Self::Reset => "RSET",
            Self::Quit => "QUIT",
            Self::Idle => "an idle moment of the session",
        })
    }
}

/// Why a session failed. [`fault`](Self::fault) says who is to blame; `Display` says what
/// happened in words a user understands, quoting the server where it spoke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionError {
    /// No complete reply arrived before the phase's deadline.
    Timeout {
        /// What the client was waiting for.
        phase: Phase,
    },
    /// The connection closed while the client still expected a reply.
    ConnectionClosed {
        /// What the client was waiting for.
        phase: Phase,
    },
    /// The server's bytes were not a valid reply or broke the reply caps.
    Malformed(ReplyError),
    /// The server replied in a way the protocol does not allow here (such as 250 to DATA).
    UnexpectedReply {
        /// The command being answered.
        phase: Phase,
        /// What the server said.
        reply: Reply,
    },
    /// The server sent a reply when no command was waiting for one.
    UnsolicitedReply {
        /// What the server said.
        reply: Reply,
    },
    /// The server refused the session (a 554 greeting, a failed EHLO).
    Refused {
        /// Where it refused.
        phase: Phase,
        /// What the server said.
        reply: Reply,
    },
    /// The server is shutting the session down (421).
    ServiceClosing {
        /// What the server said.
        reply: Reply,
    },
    /// The policy requires STARTTLS and the server did not offer it.
    StartTlsNotOffered,
    /// The server answered STARTTLS with a refusal.
    StartTlsRefused {
        /// What the server said.
        reply: Reply,
    },
    /// Bytes arrived behind the 220 to STARTTLS, before the handshake: someone on the path may
    /// be injecting commands, so nothing read before the handshake may be used.
    StartTlsInjection,
    /// Credentials would travel unencrypted and that was not explicitly allowed.
    AuthWithoutTls,
    /// The server offers no AUTH mechanism the credentials can use.
    NoUsableAuthMechanism {
        /// What the server offered.
        offered: Vec<String>,
    },
    /// The server rejected the credentials or the exchange.
    AuthFailed {
        /// The mechanism tried.
        mechanism: AuthMechanism,
        /// What the server said.
        reply: Reply,
    },
    /// The driver reported something the session cannot use (such as a TLS handshake the
    /// session did not ask for).
    Misuse {
        /// What went wrong.
        detail: &'static str,
    },
}

impl SessionError {
    /// Who is to blame.
    pub fn fault(&self) -> Fault {
        match self {
            Self::StartTlsNotOffered | Self::AuthWithoutTls => Fault::Policy,
            // A refusal (5xx) is about the credentials; a temporary failure or an exchange the
            // server would not end is the server's doing.
            Self::AuthFailed { reply, .. }
                if reply.code().class() == ReplyClass::PermanentNegative =>
            {
                Fault::Caller
            }
            // Credentials for a server that takes none of their mechanisms: most often a
            // relay port (25) given where the submission port was meant.
            Self::Misuse { .. } | Self::NoUsableAuthMechanism { .. } => Fault::Caller,
            _ => Fault::Peer,
        }
    }

    /// Whether trying again later may succeed (timeouts, dropped connections, 4xx replies).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout { .. } | Self::ConnectionClosed { .. } | Self::ServiceClosing { .. } => {
                true
            }
            Self::Refused { reply, .. }
            | Self::StartTlsRefused { reply }
            | Self::AuthFailed { reply, .. } => reply.is_transient(),
            _ => false,
        }
    }

    /// The server's reply behind the error, when there was one.
    pub fn reply(&self) -> Option<&Reply> {
        match self {
            Self::UnexpectedReply { reply, .. }
            | Self::UnsolicitedReply { reply }
            | Self::Refused { reply, .. }
            | Self::ServiceClosing { reply }
            | Self::StartTlsRefused { reply }
            | Self::AuthFailed { reply, .. } => Some(reply),
            _ => None,
        }
    }
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Timeout { phase } => {
                write!(f, "timed out waiting for the server's reply to {phase}")
            }
            Self::ConnectionClosed { phase } => {
                write!(f, "the server closed the connection during {phase}")
            }
            Self::Malformed(err) => write!(f, "{err}"),
            Self::UnexpectedReply { phase, reply } => {
                write!(
                    f,
                    "protocol error: the server answered {phase} with \"{reply}\""
                )
            }
            Self::UnsolicitedReply { reply } => {
                write!(f, "protocol error: the server sent \"{reply}\" unasked")
            }
            Self::Refused { phase, reply } => write!(f, "the server refused {phase}: {reply}"),
            Self::ServiceClosing { reply } => {
                write!(f, "the server is closing the session: {reply}")
            }
            Self::StartTlsNotOffered => f.write_str(
                "the server offered no STARTTLS and the policy requires TLS; nothing was sent",
            ),
            Self::StartTlsRefused { reply } => write!(f, "the server refused STARTTLS: {reply}"),
            Self::StartTlsInjection => f.write_str(
                "bytes arrived after the 220 to STARTTLS before the TLS handshake \
                 (possible command injection); session aborted",
            ),
            Self::AuthWithoutTls => f.write_str(
                "refusing to send credentials over an unencrypted connection \
                 (allow it explicitly if this is intended)",
            ),
            Self::NoUsableAuthMechanism { offered } if offered.is_empty() => {
                f.write_str("the server offers no AUTH at all")
            }
            Self::NoUsableAuthMechanism { offered } => write!(
                f,
                "the server offers no AUTH mechanism these credentials can use (offered: {})",
                offered.join(" ")
            ),
            Self::AuthFailed { mechanism, reply } => {
                write!(f, "authentication ({}) failed: {reply}", mechanism.name())
            }
            Self::Misuse { detail } => write!(f, "driver misuse: {detail}"),
        }
    }
}

impl std::error::Error for SessionError {}

/// A call the client cannot accept in its current state.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UsageError {
    /// The session has ended or QUIT was requested; no more messages can be queued.
    SessionEnding,
    /// The envelope has no recipients.
    NoRecipients,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SessionEnding => f.write_str("the session is ending; open a new one"),
            Self::NoRecipients => f.write_str("the envelope has no recipients"),
        }
    }
}

impl std::error::Error for UsageError {}
