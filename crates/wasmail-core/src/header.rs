//! Header names and values checked at construction, so a caller-supplied header can never
//! smuggle in a line break and with it a header of its own.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::mailbox::{Mailbox, parse_list};

/// Longest header name accepted, so that a name always fits on a line with room to spare.
const MAX_NAME_LEN: usize = 76;

/// Headers that [`Message`](crate::message::Message) writes from its own fields; setting them
/// as extra headers would duplicate or contradict them.
const OWNED_BY_MESSAGE: &[&str] = &[
    "From",
    "Sender",
    "To",
    "Cc",
    "Bcc",
    "Reply-To",
    "Subject",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "MIME-Version",
];

/// Trace fields, which the servers carrying a message write at its top (RFC 5321 4.4: a
/// sender SHOULD NOT send Return-Path).
const TRACE_FIELDS: &[&str] = &["Return-Path", "Received"];

/// A blind-copy field: written into the message, it would show the blind copies to every
/// recipient (`Bcc` itself is the message's own field, and goes in the envelope only).
const RESENT_BCC: &str = "Resent-Bcc";

/// Headers whose value is a list of mailboxes (RFC 5322 3.6.6, RFC 8098, and the common
/// `Mail-Followup-To` family): an extra header of these is parsed and written as addresses,
/// so a non-ASCII display name is encoded as a phrase and never swallows the address.
const ADDRESS_HEADERS: &[&str] = &[
    "Resent-From",
    "Resent-Sender",
    "Resent-To",
    "Resent-Cc",
    "Resent-Reply-To",
    "Disposition-Notification-To",
    "Return-Receipt-To",
    "Errors-To",
    "Mail-Followup-To",
    "Mail-Reply-To",
];

/// A header field name: one or more printable ASCII characters other than `:`.
///
/// Comparison and hashing ignore ASCII case, as header names do.
#[derive(Clone, Debug, Eq)]
pub struct HeaderName(String);

impl HeaderName {
    /// Validates a header name such as `X-Mailer` or `List-Unsubscribe`.
    pub fn new(name: &str) -> Result<HeaderName, HeaderError> {
        if name.is_empty() {
            return Err(HeaderError::EmptyName);
        }
        if let Some((position, ch)) = name.char_indices().find(|&(_, ch)| !is_name_char(ch)) {
            return Err(HeaderError::InvalidNameChar { ch, position });
        }
        if name.len() > MAX_NAME_LEN {
            return Err(HeaderError::NameTooLong { len: name.len() });
        }
        Ok(HeaderName(name.to_owned()))
    }

    /// The name as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the value is a list of mailboxes (`Resent-To`, `Disposition-Notification-To`,
    /// ...), written as addresses rather than as text.
    pub fn is_address_list(&self) -> bool {
        let name = self.0.as_str();
        ADDRESS_HEADERS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(name))
    }

    /// Whether the value holds URLs in angle brackets (`List-Unsubscribe`, RFC 2369 and 8058;
    /// not `List-Id`, RFC 2919, a description and an identifier): URLs are ASCII, so such a
    /// value must be, and it is written as it is.
    fn holds_urls(&self) -> bool {
        self.0
            .get(..5)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("List-"))
            && !self.0.eq_ignore_ascii_case("List-Id")
    }

    /// Whether the message writes this header itself from its own fields (From, To, Subject,
    /// Date, Message-ID, MIME-Version, every `Content-*`, ...).
    pub fn is_owned_by_message(&self) -> bool {
        let name = self.0.as_str();
        OWNED_BY_MESSAGE
            .iter()
            .any(|owned| owned.eq_ignore_ascii_case(name))
            || name
                .get(..8)
                .is_some_and(|p| p.eq_ignore_ascii_case("Content-"))
    }
}

/// RFC 5322 ftext: printable US-ASCII except colon.
fn is_name_char(ch: char) -> bool {
    matches!(ch, '!'..='9' | ';'..='~')
}

impl PartialEq for HeaderName {
    fn eq(&self, other: &HeaderName) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Hash for HeaderName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.0.bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
    }
}

impl fmt::Display for HeaderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An unstructured header value: any text without control characters other than TAB (so no
/// CR, LF or NUL). Non-ASCII text is allowed; it is written as RFC 2047 encoded words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeaderValue(String);

impl HeaderValue {
    /// Validates a header value.
    pub fn new(value: &str) -> Result<HeaderValue, HeaderError> {
        let forbidden = |&(_, ch): &(usize, char)| ch.is_control() && ch != '\t';
        if let Some((position, ch)) = value.char_indices().find(forbidden) {
            return Err(HeaderError::ControlCharInValue { ch, position });
        }
        Ok(HeaderValue(value.to_owned()))
    }

    /// The value as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A caller-supplied header: a valid name the message does not own, and a valid value.
///
/// The value is unstructured text, written as RFC 2047 encoded words where it is not ASCII,
/// except for headers whose syntax encoded words would break:
/// - address headers ([`HeaderName::is_address_list`]) must hold valid mailboxes, and are
///   written as addresses, like `To`;
/// - `List-*` headers other than `List-Id` hold URLs: they must be ASCII, with no run of over
///   900 characters, and are written as they are;
/// - `List-Id` has its description encoded and its `<id>` kept;
/// - `Keywords` is a comma-separated list of phrases, each encoded on its own.
///
/// `Resent-Bcc` is refused (it would show the blind copies), and so are the trace fields
/// `Return-Path` and `Received`, which the carrying servers write.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExtraHeader {
    name: HeaderName,
    value: HeaderValue,
    /// The mailboxes of an address header.
    addresses: Option<Vec<Mailbox>>,
}

impl ExtraHeader {
    /// Pairs a name with a value, refusing names the message writes itself
    /// (see [`HeaderName::is_owned_by_message`]) and values the header's syntax does not
    /// allow (see the type's documentation).
    pub fn new(name: HeaderName, value: HeaderValue) -> Result<ExtraHeader, HeaderError> {
        if name.is_owned_by_message() {
            return Err(HeaderError::OwnedByMessage { name: name.0 });
        }
        if TRACE_FIELDS
            .iter()
            .any(|trace| trace.eq_ignore_ascii_case(&name.0))
        {
            return Err(HeaderError::TraceField { name: name.0 });
        }
        if name.0.eq_ignore_ascii_case(RESENT_BCC) {
            return Err(HeaderError::BlindCopy { name: name.0 });
        }
        if name.holds_urls() && !value.as_str().is_ascii() {
            return Err(HeaderError::NonAsciiUrl { name: name.0 });
        }
        // Written as it is, a URL can only be folded at blanks, and lines end at 998 octets.
        if name.holds_urls() && value.as_str().split([' ', '\t']).any(|run| run.len() > 900) {
            return Err(HeaderError::UrlTooLong { name: name.0 });
        }
        let addresses = match name.is_address_list() {
            true => match parse_list(value.as_str()) {
                Ok(list) if !list.is_empty() => Some(list),
                Ok(_) => return Err(HeaderError::NoAddress { name: name.0 }),
                Err(error) => {
                    return Err(HeaderError::InvalidAddress {
                        name: name.0,
                        reason: error.to_string(),
                    });
                }
            },
            false => None,
        };
        Ok(ExtraHeader {
            name,
            value,
            addresses,
        })
    }

    /// The mailboxes of an address header such as `Resent-To`; `None` for other headers.
    pub fn addresses(&self) -> Option<&[Mailbox]> {
        self.addresses.as_deref()
    }

    /// Validates both parts from strings: `ExtraHeader::parse("X-Mailer", "wasmail")`.
    pub fn parse(name: &str, value: &str) -> Result<ExtraHeader, HeaderError> {
        ExtraHeader::new(HeaderName::new(name)?, HeaderValue::new(value)?)
    }

    /// The header's name.
    pub fn name(&self) -> &HeaderName {
        &self.name
    }

    /// The header's value.
    pub fn value(&self) -> &HeaderValue {
        &self.value
    }
}

/// Why a header name or value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderError {
    /// The header name is empty.
    EmptyName,
    /// The header name holds a character outside printable ASCII, or a colon.
    InvalidNameChar {
        /// The offending character.
        ch: char,
        /// Byte offset in the name.
        position: usize,
    },
    /// The header name is longer than 76 characters.
    NameTooLong {
        /// Its length.
        len: usize,
    },
    /// The value holds a control character (CR, LF, NUL, ...) that could end the header.
    ControlCharInValue {
        /// The offending character.
        ch: char,
        /// Byte offset in the value.
        position: usize,
    },
    /// The header is written by the message from its own fields; set that field instead.
    OwnedByMessage {
        /// The name as given.
        name: String,
    },
    /// An address header's value is not a list of valid mailboxes.
    InvalidAddress {
        /// The header's name.
        name: String,
        /// What is wrong with the value.
        reason: String,
    },
    /// An address header names no mailbox.
    NoAddress {
        /// The header's name.
        name: String,
    },
    /// A `List-*` header, whose URLs must be ASCII, holds other characters.
    NonAsciiUrl {
        /// The header's name.
        name: String,
    },
    /// A `List-*` header holds a URL too long for one header line (900 octets).
    UrlTooLong {
        /// The header's name.
        name: String,
    },
    /// `Resent-Bcc`, which would show the blind copies to every recipient.
    BlindCopy {
        /// The name as given.
        name: String,
    },
    /// `Return-Path` or `Received`, which the servers that carry the message write.
    TraceField {
        /// The name as given.
        name: String,
    },
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::EmptyName => f.write_str("the header name is empty"),
            HeaderError::InvalidNameChar { ch, position } => write!(
                f,
                "character {ch:?} at byte {position} of the header name is not allowed: \
                 names are printable ASCII without ':'"
            ),
            HeaderError::NameTooLong { len } => write!(
                f,
                "the header name is {len} characters long; at most {MAX_NAME_LEN} are allowed"
            ),
            HeaderError::ControlCharInValue { ch, position } => write!(
                f,
                "control character U+{:04X} at byte {position} of the header value is not \
                 allowed: it could start a new header line",
                u32::from(*ch)
            ),
            HeaderError::OwnedByMessage { name } => write!(
                f,
                "the {name} header is written from the message's own fields; set the field \
                 on the message instead of adding the header"
            ),
            HeaderError::InvalidAddress { name, reason } => {
                write!(f, "the {name} header holds addresses: {reason}")
            }
            HeaderError::NoAddress { name } => {
                write!(f, "the {name} header holds addresses, and names none")
            }
            HeaderError::UrlTooLong { name } => write!(
                f,
                "the {name} header holds a URL longer than 900 characters, which cannot be \
                 folded onto a header line"
            ),
            HeaderError::BlindCopy { name } => write!(
                f,
                "a {name} header would show the blind copies to every recipient; give blind \
                 copies as Bcc recipients, which go in the envelope only"
            ),
            HeaderError::TraceField { name } => write!(
                f,
                "the {name} header is written by the servers that carry the message (a trace \
                 field, RFC 5321 4.4), not by its sender"
            ),
            HeaderError::NonAsciiUrl { name } => write!(
                f,
                "the {name} header holds URLs, which are ASCII: percent-encode other \
                 characters, and write domain names in their xn-- form"
            ),
        }
    }
}

impl std::error::Error for HeaderError {}
