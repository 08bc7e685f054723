//! wasmail-net: sends mail over SMTP, blocking, on `std::net` and rustls.
//!
//! It runs the sans-IO SMTP client of `wasmail-core` (which decides every command and what
//! every reply means) over one TCP connection: STARTTLS or implicit TLS, AUTH, pipelining,
//! many messages per connection, and a per-recipient outcome for each message. The same code
//! builds for `wasm32-wasip2`.
//!
//! # Sending a message
//!
//! ```no_run
//! use wasmail_core::address::Address;
//! use wasmail_net::{ConnectOptions, Credentials, Envelope, Outcome, Session};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let options = ConnectOptions::new("smtp.example.com", 587)
//!     .credentials(Credentials::password("alice@example.com", "app password"));
//! let envelope = Envelope::new(
//!     Some(Address::parse("alice@example.com")?),
//!     [Address::parse("bob@example.org")?],
//! );
//! let message = b"From: alice@example.com\r\nTo: bob@example.org\r\nSubject: Hi\r\n\r\nHello\r\n";
//!
//! let mut session = Session::connect(&options)?;
//! let outcome = session.send(envelope, message.to_vec())?;
//! session.quit()?;
//!
//! match outcome {
//!     Outcome::Accepted(delivery) if delivery.is_partial() => { /* some recipients refused */ }
//!     Outcome::Accepted(_) => { /* the server took it */ }
//!     Outcome::Rejected(rejection) => { /* rejection.transient says whether to retry */ }
//!     Outcome::Unknown(_) => { /* connection lost after the data: may have been delivered */ }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A composed message provides both halves. [`compose_context`] supplies what composing takes
//! from the host (the clock, fresh entropy):
//!
//! ```no_run
//! use wasmail_core::mailbox::Mailbox;
//! use wasmail_core::message::Message;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let mut session = wasmail_net::Session::connect(&wasmail_net::ConnectOptions::new("h", 587))?;
//! let message = Message::builder()
//!     .from(Mailbox::parse("Alice <alice@example.com>")?)
//!     .to(Mailbox::parse("bob@example.org")?)
//!     .subject("Hi")
//!     .text_body("Hello\n")
//!     .build()?;
//! let mut ctx = wasmail_net::compose_context("example.com")?;
//! let composed = message.compose(&mut ctx)?;
//! let outcome = session.send(composed.envelope(), composed.into_bytes())?;
//! # Ok(())
//! # }
//! ```
//!
//! [`Session::send_many`] queues many messages and drives them over the one connection, using
//! PIPELINING when the server offers it; outcomes come back in order. [`probe`] connects, records
//! the greeting, the extensions before and after TLS, the TLS parameters and certificate, and
//! the AUTH mechanisms, then QUITs without sending anything.
//!
//! # Security
//!
//! The default policy is [`TlsPolicy::StartTlsRequired`]: the session fails, before any
//! credentials or mail are sent, if the server offers no STARTTLS. [`TlsPolicy::Implicit`] is
//! TLS from the first byte (port 465). [`TlsPolicy::Opportunistic`] and [`TlsPolicy::None`] may
//! stay plaintext, and even then credentials are only sent with
//! [`ConnectOptions::allow_auth_without_tls`].
//!
//! Certificates are verified by rustls (ring provider) against the host name given: a DNS name
//! is sent as SNI and must be in the certificate; an IP literal must be one of the certificate's
//! IP addresses. Trusted roots are the bundled Mozilla roots (`webpki-roots`), natively the
//! operating system's store (which honours `SSL_CERT_FILE`; turn it off with
//! [`ConnectOptions::system_roots`]), and any CA given with [`ConnectOptions::ca_file`] or
//! [`ConnectOptions::ca_pem`]. Failures say which check failed ([`TlsFailure`]): certificate
//! not trusted, wrong host name, expired, not yet valid, handshake timed out or failed.
//!
//! # Time
//!
//! Every wait is bounded. Name resolution and the TCP connect share one limit
//! ([`ConnectOptions::connect_timeout`]): natively the system resolver runs on a helper
//! thread that is abandoned when the limit passes (under WASI, which has no threads, the
//! runtime's resolver sets its own limit), and the connect tries the resolved addresses, IPv6
//! and IPv4 alternating: natively they race as RFC 8305 (Happy Eyeballs) describes, the next
//! starting 250 ms after the previous or as soon as it fails; under WASI one after another.
//! After that, every socket read and write is given
//! the time left until the core's current deadline (its `poll_timeout`), so the per-phase
//! deadlines of [`Timeouts`] hold however the server behaves: a silent server ends in a
//! timeout error naming the phase, a server reading a trickle cannot stretch a write. The TLS
//! handshakes are bounded by [`Timeouts::tls_handshake`].
//!
//! TCP_NODELAY is set: SMTP's small request-reply writes otherwise stall on Nagle's algorithm
//! and delayed ACKs (about 40 ms per message).
//!
//! # Errors
//!
//! [`NetError`] says what happened in plain words, who is at fault ([`NetError::fault`]: the
//! server, the caller, or the security policy) and whether a retry may help
//! ([`NetError::is_transient`]). A failed message is not an error: it is an [`Outcome`].
//!
//! # WASI
//!
//! The crate builds for `wasm32-wasip2` with the same code, one stream per session (WASI
//! sockets cannot be cloned). There is no certificate store there: trust is the bundled roots
//! plus the extra CAs, whose files must be preopened. Read and write timeouts and TCP_NODELAY
//! work on WASI sockets as natively (verified with wasmtime 49); a runtime without socket
//! timeouts makes [`Session::connect`] fail with [`NetError::Socket`] rather than risk
//! hanging. The runtime must grant network access and, for host names, name lookup (for
//! wasmtime: `-S inherit-network=y -S allow-ip-name-lookup=y`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod connect;
mod context;
mod driver;
mod error;
mod options;
mod probe;
mod session;
mod tls;
mod trace;
mod transport;

pub use context::{compose_context, fresh_entropy, unix_now};
pub use error::{ConnectAttempt, NetError};
pub use options::{ConnectOptions, ExtraRoots, default_port};
pub use probe::{ProbeFailure, ProbeReport, probe};
pub use session::Session;
pub use tls::{CertificateSummary, TlsError, TlsFailure, TlsInfo, TlsMode};
pub use trace::Tracer;

/// The core types this crate's API takes and returns, re-exported so that sending needs no
/// other import: options, outcomes with their replies, errors, and transcript lines.
pub use wasmail_core::smtp::{
    AuthMechanism, Capabilities, ClientName, Credentials, Delivery, Direction, EnhancedCode,
    Envelope, Fault, LocalReason, Outcome, Phase, RecipientResult, RejectReason, Rejection, Reply,
    ReplyCode, Secret, SessionError, Timeouts, TlsPolicy, TranscriptLine, Unconfirmed, UsageError,
};
