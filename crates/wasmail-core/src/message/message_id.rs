//! Message identifiers as used by Message-ID, In-Reply-To and References (RFC 5322 3.6.4).

use std::fmt;
use std::str::FromStr;

/// Longest accepted identifier, so that one always fits on a header line.
const MAX_ID_LEN: usize = 900;

/// A message identifier `left@right`, stored without its angle brackets and written with them.
///
/// The content is printable ASCII without whitespace or angle brackets, with an `@` that has
/// text on both sides. That is looser than RFC 5322's dot-atoms, on purpose: replies must
/// echo the identifiers other software generated, and those are often not dot-atoms.
///
/// ```
/// use wasmail_core::message::MessageId;
///
/// let id = MessageId::parse("<1234.abcd@example.com>").unwrap();
/// assert_eq!(id.as_str(), "1234.abcd@example.com");
/// assert_eq!(id.to_string(), "<1234.abcd@example.com>");
/// assert!(MessageId::parse("<a@b>\r\nBcc: x@y").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MessageId(String);

impl MessageId {
    /// Parses `<left@right>`; the brackets may be left out.
    pub fn parse(input: &str) -> Result<MessageId, MessageIdError> {
        let inner = match input.strip_prefix('<') {
            Some(rest) => rest
                .strip_suffix('>')
                .ok_or(MessageIdError::UnclosedBracket)?,
            None => input,
        };
        if inner.is_empty() {
            return Err(MessageIdError::Empty);
        }
        let offset = input.len() - input.trim_start_matches('<').len();
        let invalid = |&(_, ch): &(usize, char)| !matches!(ch, '!'..='~') || ch == '<' || ch == '>';
        if let Some((position, ch)) = inner.char_indices().find(invalid) {
            return Err(MessageIdError::InvalidChar {
                ch,
                position: position + offset,
            });
        }
        match inner.rfind('@') {
            Some(at) if at > 0 && at + 1 < inner.len() => {}
            _ => return Err(MessageIdError::MissingAt),
        }
        if inner.len() > MAX_ID_LEN {
            return Err(MessageIdError::TooLong { len: inner.len() });
        }
        Ok(MessageId(inner.to_owned()))
    }

    /// An identifier built by this crate from parts known to be valid.
    pub(crate) fn from_generated(id: String) -> MessageId {
        debug_assert!(MessageId::parse(&id).is_ok(), "{id}");
        MessageId(id)
    }

    /// Parses a whitespace-separated list such as a References header: `<a@x> <b@y>`.
    pub fn parse_list(input: &str) -> Result<Vec<MessageId>, MessageIdError> {
        input.split_whitespace().map(MessageId::parse).collect()
    }

    /// The identifier without angle brackets.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

impl FromStr for MessageId {
    type Err = MessageIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MessageId::parse(s)
    }
}

/// Why a message identifier was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MessageIdError {
    /// Nothing between the angle brackets.
    Empty,
    /// A `<` without the closing `>`.
    UnclosedBracket,
    /// A character that is not printable ASCII, or whitespace, or an angle bracket inside.
    InvalidChar {
        /// The offending character.
        ch: char,
        /// Byte offset in the input.
        position: usize,
    },
    /// No `@` with text on both sides.
    MissingAt,
    /// Longer than 900 characters.
    TooLong {
        /// Its length.
        len: usize,
    },
}

impl fmt::Display for MessageIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageIdError::Empty => f.write_str("the message identifier is empty"),
            MessageIdError::UnclosedBracket => {
                f.write_str("the message identifier has a '<' without the closing '>'")
            }
            MessageIdError::InvalidChar { ch, position } => write!(
                f,
                "character {ch:?} at byte {position} is not allowed in a message identifier \
                 (printable ASCII without spaces or angle brackets)"
            ),
            MessageIdError::MissingAt => {
                f.write_str("a message identifier needs an '@' with text on both sides")
            }
            MessageIdError::TooLong { len } => write!(
                f,
                "the message identifier is {len} characters long; at most {MAX_ID_LEN} are allowed"
            ),
        }
    }
}

impl std::error::Error for MessageIdError {}
