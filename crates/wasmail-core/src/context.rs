//! Everything composition needs from the outside world, passed in by the caller: the time,
//! the caller's UTC offset, entropy and the domain for Message-IDs.
//!
//! The core reads no clock and no random source, so the same message and the same context
//! compose to the same bytes on every target.

mod date;
mod entropy;

use std::fmt;

use crate::address::Domain;
use crate::message::MessageId;

pub use date::{format_iso_date, format_rfc5322_date};
use entropy::composition_entropy;
pub(crate) use entropy::{BOUNDARY_PREFIX, Tokens};

/// Smallest accepted local time: 1900-01-01T00:00:00 (RFC 5322 has no earlier years).
const MIN_LOCAL_TIME: i64 = -2_208_988_800;
/// Largest accepted local time: 9999-12-31T23:59:59 (a four-digit year).
const MAX_LOCAL_TIME: i64 = 253_402_300_799;

/// A UTC offset in minutes east of Greenwich, within ±23:59 as RFC 5322's `zone` allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct UtcOffset(i16);

impl UtcOffset {
    /// Coordinated Universal Time, written `+0000`.
    pub const UTC: UtcOffset = UtcOffset(0);

    /// An offset of `minutes` east of UTC (`60` for CET, `-300` for EST).
    pub fn from_minutes(minutes: i32) -> Result<UtcOffset, ContextError> {
        const LIMIT: i32 = 23 * 60 + 59;
        match i16::try_from(minutes) {
            Ok(m) if (-LIMIT..=LIMIT).contains(&minutes) => Ok(UtcOffset(m)),
            _ => Err(ContextError::OffsetOutOfRange { minutes }),
        }
    }

    /// Minutes east of UTC.
    pub fn minutes(self) -> i32 {
        i32::from(self.0)
    }

    /// Seconds east of UTC.
    pub fn seconds(self) -> i64 {
        i64::from(self.0) * 60
    }
}

impl fmt::Display for UtcOffset {
    /// `+0100`, `-0530`: the RFC 5322 `zone` form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let minutes = self.0.unsigned_abs();
        write!(f, "{sign}{:02}{:02}", minutes / 60, minutes % 60)
    }
}

/// The caller-supplied facts a composition depends on.
///
/// Each composition takes its Message-ID and MIME boundaries from the context and moves it on
/// ([`Message::compose`](crate::message::Message::compose) borrows it mutably), so messages
/// composed one after another with one context never share a Message-ID. The sequence is
/// deterministic: a clone composes as the original would, and a fresh context with the same
/// facts gives the same bytes again.
///
/// ```
/// use wasmail_core::context::{ComposeContext, UtcOffset};
///
/// let offset = UtcOffset::from_minutes(60).unwrap();
/// let ctx = ComposeContext::new(1_795_394_574, offset, [7; 32], "example.com").unwrap();
/// assert_eq!(ctx.date(), "Mon, 23 Nov 2026 01:42:54 +0100");
/// ```
///
/// ```
/// # use wasmail_core::context::{ComposeContext, UtcOffset};
/// # use wasmail_core::mailbox::Mailbox;
/// # use wasmail_core::message::Message;
/// let mut ctx = ComposeContext::new(1_795_394_574, UtcOffset::UTC, [7; 32], "example.com")?;
/// let note = Message::builder()
///     .from(Mailbox::parse("jane@example.com")?)
///     .to(Mailbox::parse("bob@example.org")?)
///     .text_body("Hi")
///     .build()?;
/// let again = ctx.clone();
/// let first = note.compose(&mut ctx)?;
/// let second = note.compose(&mut ctx)?;
/// assert_ne!(first.message_id(), second.message_id());
/// assert_eq!(ctx.compositions(), 2);
/// // The same facts give the same sequence.
/// assert_eq!(note.compose(&mut again.clone())?.bytes(), first.bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ComposeContext {
    unix_time: i64,
    utc_offset: UtcOffset,
    entropy: [u8; 32],
    message_id_domain: Domain,
    /// The `Date:` value, formatted once: every message composed with the context carries it.
    date: String,
    /// How many messages were composed with the context.
    compositions: u64,
}

/// Everything but the entropy, which predicts the Message-IDs and boundaries to come.
impl fmt::Debug for ComposeContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComposeContext")
            .field("unix_time", &self.unix_time)
            .field("utc_offset", &self.utc_offset)
            .field("message_id_domain", &self.message_id_domain)
            .field("compositions", &self.compositions)
            .finish_non_exhaustive()
    }
}

/// The domain generated Message-IDs get when the caller does not name one.
pub const FALLBACK_MESSAGE_ID_DOMAIN: &str = "localhost";

/// The Message-ID domain for a message: `explicit` when given, else the From address's domain
/// when it can serve (a name, not an address literal), else [`FALLBACK_MESSAGE_ID_DOMAIN`].
///
/// ```
/// use wasmail_core::context::message_id_domain_for;
/// assert_eq!(message_id_domain_for(None, Some("example.com")), "example.com");
/// assert_eq!(message_id_domain_for(None, Some("[192.0.2.1]")), "localhost");
/// assert_eq!(message_id_domain_for(Some("mid.example"), Some("example.com")), "mid.example");
/// ```
pub fn message_id_domain_for<'a>(
    explicit: Option<&'a str>,
    from_domain: Option<&'a str>,
) -> &'a str {
    match (explicit, from_domain) {
        (Some(domain), _) => domain,
        (None, Some(domain)) if message_id_domain_of(domain).is_some() => domain,
        _ => FALLBACK_MESSAGE_ID_DOMAIN,
    }
}

fn message_id_domain_of(domain: &str) -> Option<Domain> {
    Domain::parse(domain)
        .ok()
        .filter(|domain| !domain.is_literal())
}

/// 32 bytes of entropy written as 64 hex digits (surrounding whitespace ignored), as tests
/// and reproducible runs fix it; `None` for anything else.
///
/// ```
/// let entropy = wasmail_core::context::parse_entropy_hex(&"07".repeat(32)).unwrap();
/// assert_eq!(entropy, [7; 32]);
/// ```
pub fn parse_entropy_hex(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim().as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut entropy = [0u8; 32];
    for (byte, pair) in entropy.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = crate::html::hex_pair(pair[0], pair[1])?;
    }
    Some(entropy)
}

impl ComposeContext {
    /// A context for a message composed at `unix_time` (seconds since 1970-01-01 UTC) by a
    /// caller whose clock is `utc_offset` from UTC. `entropy` must come from a good random
    /// source: Message-IDs and MIME boundaries are derived from it. `message_id_domain` is the
    /// right-hand side of generated Message-IDs, usually the sender's domain.
    pub fn new(
        unix_time: i64,
        utc_offset: UtcOffset,
        entropy: [u8; 32],
        message_id_domain: &str,
    ) -> Result<ComposeContext, ContextError> {
        let local = unix_time.checked_add(utc_offset.seconds());
        if !local.is_some_and(|t| (MIN_LOCAL_TIME..=MAX_LOCAL_TIME).contains(&t)) {
            return Err(ContextError::TimeOutOfRange { unix_time });
        }
        let message_id_domain = message_id_domain_of(message_id_domain).ok_or_else(|| {
            ContextError::InvalidMessageIdDomain {
                domain: message_id_domain.to_owned(),
            }
        })?;
        Ok(ComposeContext {
            unix_time,
            utc_offset,
            entropy,
            message_id_domain,
            date: format_rfc5322_date(unix_time, utc_offset),
            compositions: 0,
        })
    }

    /// Seconds since 1970-01-01T00:00:00 UTC.
    pub fn unix_time(&self) -> i64 {
        self.unix_time
    }

    /// The caller's offset from UTC, used in the `Date:` header.
    pub fn utc_offset(&self) -> UtcOffset {
        self.utc_offset
    }

    /// The caller's entropy, as given.
    pub fn entropy(&self) -> &[u8; 32] {
        &self.entropy
    }

    /// How many messages were composed with the context so far.
    pub fn compositions(&self) -> u64 {
        self.compositions
    }

    /// The domain of generated Message-IDs.
    pub fn message_id_domain(&self) -> &Domain {
        &self.message_id_domain
    }

    /// The `Date:` header value: `Mon, 23 Nov 2026 01:42:54 +0100`.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The Message-ID the next composition generates, `<time.entropy@domain>`: unique as
    /// long as the entropy is.
    pub fn message_id(&self) -> MessageId {
        let entropy = self.composition_entropy();
        let domain = self.message_id_domain.as_ascii();
        let mut id = Vec::with_capacity(16 + 1 + 32 + 1 + domain.len());
        let time = self.unix_time.max(0).to_be_bytes();
        let significant = time.iter().position(|&b| b != 0).unwrap_or(time.len() - 1);
        push_hex(&mut id, &time[significant..]);
        id.push(b'.');
        push_hex(&mut id, &entropy[..16]);
        id.push(b'@');
        id.extend_from_slice(domain.as_bytes());
        let id = String::from_utf8(id).unwrap_or_default(); // ASCII by construction
        MessageId::from_generated(id)
    }

    /// The generator of MIME boundaries for the next composition.
    pub(crate) fn tokens(&self) -> Tokens {
        Tokens::new(&self.composition_entropy())
    }

    /// Marks a composition done: the next one gets other identifiers.
    pub(crate) fn advance(&mut self) {
        self.compositions += 1;
    }

    fn composition_entropy(&self) -> [u8; 32] {
        composition_entropy(&self.entropy, self.compositions)
    }
}

/// Appends `bytes` as lowercase hex; by hand, since this runs for every message and
/// `format!` would cost more than the rest of a short message's headers.
pub(crate) fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend(
        bytes
            .iter()
            .flat_map(|&b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]),
    );
}

/// Why a [`ComposeContext`] or [`UtcOffset`] was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextError {
    /// The offset is beyond ±23:59.
    OffsetOutOfRange {
        /// The offset given, in minutes.
        minutes: i32,
    },
    /// The local time falls outside the years 1900 to 9999.
    TimeOutOfRange {
        /// The time given, in seconds since the Unix epoch.
        unix_time: i64,
    },
    /// The Message-ID domain is not a valid domain name.
    InvalidMessageIdDomain {
        /// The domain given.
        domain: String,
    },
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContextError::OffsetOutOfRange { minutes } => write!(
                f,
                "UTC offset of {minutes} minutes is out of range: it must be within ±23:59 \
                 (±1439 minutes)"
            ),
            ContextError::TimeOutOfRange { unix_time } => write!(
                f,
                "time {unix_time} (seconds since 1970) is out of range: the local date must \
                 fall in the years 1900 to 9999"
            ),
            ContextError::InvalidMessageIdDomain { domain } => {
                write!(f, "{domain:?} is not a valid domain name for Message-IDs")
            }
        }
    }
}

impl std::error::Error for ContextError {}
