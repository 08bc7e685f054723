//! wasmail-core: MIME composition, reply threading and a sans-IO SMTP client.
//!
//! This crate is the one core every face of wasmail runs: the browser composer
//! (wasm32-unknown-unknown), the native `wasmail` binary and WASI hosts (wasm32-wasip2). It does
//! no I/O, reads no clock and draws no randomness: time and entropy are arguments, so the same
//! input gives the same bytes on every target, and drivers decide how bytes travel.
//!
//! # The parts
//! - **Composition** ([`message`], [`address`], [`mailbox`], [`header`], [`context`]): validated
//!   types that cannot hold a bad address or a header line break, composed into RFC 5322 bytes
//!   (CRLF, no line over 998 octets, 7bit/quoted-printable/base64 chosen per part, RFC 2231
//!   filenames, inline images in `multipart/related`). Bcc lives only in the envelope.
//! - **Replies** ([`reply`], [`html`]): a parsed or composed parent becomes a reply, reply-all
//!   or forward draft with `Re:`/`Fwd:` subjects that do not stack, In-Reply-To and References,
//!   a quoted text part and a Gmail-style HTML quote of the sanitised parent.
//! - **Checks** ([`check`]): a pre-send check that returns findings as data.
//! - **SMTP** ([`smtp`]): [`smtp::Client`], a session state machine in the style of
//!   quinn-proto: feed it with `handle_*`, take its output with `poll_*`. STARTTLS is required
//!   unless the policy says otherwise, credentials never travel in plaintext without a second
//!   explicit opt-in, bytes behind a 220 to STARTTLS end the session, PIPELINING and CHUNKING
//!   are used when offered, replies are parsed incrementally under hard caps, every phase has a
//!   deadline, and every queued message ends in exactly one [`smtp::Outcome`]. The transcript
//!   is data, with AUTH redacted.
//!
//! # Example: compose, then send through a scripted server in memory
//! ```
//! use wasmail_core::context::{ComposeContext, UtcOffset};
//! use wasmail_core::mailbox::Mailbox;
//! use wasmail_core::message::Message;
//! use wasmail_core::smtp::{Client, ClientConfig, ClientName, Event, Outcome, Time, TlsPolicy};
//!
//! let message = Message::builder()
//!     .from(Mailbox::parse("Jane <jane@example.com>")?)
//!     .to(Mailbox::parse("bob@example.org")?)
//!     .subject("Hello")
//!     .text_body("Hi Bob\n")
//!     .build()?;
//! let mut ctx = ComposeContext::new(1_795_394_574, UtcOffset::UTC, [7; 32], "example.com")?;
//! let composed = message.compose(&mut ctx)?;
//!
//! // A loopback test server without TLS: the policy must say so explicitly.
//! let config = ClientConfig::new(ClientName::new("client.example")?).with_tls(TlsPolicy::None);
//! let mut client = Client::new(config, Time::ZERO);
//! let handle = client.send(composed.envelope(), composed.into_bytes())?;
//! client.quit();
//!
//! let server = ["220 mx ESMTP", "250 mx", "250 ok", "250 ok", "354 go", "250 queued", "221 bye"];
//! let mut events = Vec::new();
//! for line in server {
//!     while client.poll_transmit(Time::ZERO).is_some() {} // a real driver writes these
//!     client.handle_input(Time::ZERO, format!("{line}\r\n").as_bytes());
//!     events.extend(std::iter::from_fn(|| client.poll_event()));
//! }
//! assert!(events.iter().any(|e| matches!(e,
//!     Event::MessageDone { handle: h, outcome: Outcome::Accepted(_) } if *h == handle)));
//! assert!(matches!(events.last(), Some(Event::Closed(None))));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Drivers: `wasmail-net` runs the client over TCP with rustls, natively and on WASI; the
//! browser build (`wasmail-wasm`) uses composition, replies and checks.
//!
//! # Features
//! - `uts46` (default): internationalised domain names processed with the `idna` crate. Without
//!   it, ASCII names without `xn--` labels still work and the others need a platform mapping
//!   ([`address::set_platform_to_ascii`]).
//! - `charsets` (default): text of imported messages in any charset decoded with encoding_rs.
//!   Without it a platform decoder does it ([`charset::set_platform_decoder`]).
//!
//! The browser build turns both off and hands the work to the JavaScript host's URL parser and
//! `TextDecoder`, which implement the same WHATWG standards, to keep the module small.
//!
//! # Debug builds of programs that read mail
//!
//! Messages are read with mail-parser 0.11, whose debug builds panic on some hostile input (an
//! overflow on broken quoted-printable, a `debug_assert!` on nested empty `message/rfc822`
//! parts); its release builds read them. A program that reads untrusted messages should build
//! mail-parser with release settings in every profile, as this workspace does:
//!
//! ```toml
//! [profile.dev.package.mail-parser]
//! overflow-checks = false
//! debug-assertions = false
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod address;
pub mod charset;
pub mod check;
pub mod context;
mod debug;
pub mod header;
pub mod html;
pub mod mailbox;
pub mod message;
pub mod reply;
pub mod smtp;

pub use address::Address;
pub use context::{ComposeContext, UtcOffset};
pub use mailbox::Mailbox;
pub use message::{Attachment, ComposedMessage, InlineImage, Message, MessageBuilder, MessageId};
pub use reply::{ForwardMode, ForwardOptions, Parent, ReplyError, ReplyOptions};
