//! What can be wrong with an address, a mailbox or an address list.

use std::fmt;

/// Why an address, mailbox or address list was refused. Positions are byte offsets into the
/// string that was parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressError {
    /// The input is empty.
    Empty,
    /// There is no `@` between local part and domain.
    MissingAt,
    /// The part before `@` is empty.
    EmptyLocalPart,
    /// The part after `@` is empty.
    EmptyDomain,
    /// A control character (CR, LF, NUL, ...) that no address or header may carry.
    ControlChar {
        /// The offending character.
        ch: char,
        /// Byte offset in the input.
        position: usize,
    },
    /// Whitespace outside a quoted string.
    Whitespace {
        /// Byte offset in the input.
        position: usize,
    },
    /// `<` or `>` where a bare address was expected.
    AngleBracket {
        /// Byte offset in the input.
        position: usize,
    },
    /// A character not allowed at this place of the syntax.
    UnexpectedChar {
        /// The offending character.
        ch: char,
        /// Byte offset in the input.
        position: usize,
    },
    /// A dot at the start or end of the local part, or two dots in a row.
    MisplacedDot {
        /// Byte offset in the input.
        position: usize,
    },
    /// A quoted string without its closing `"`.
    UnterminatedQuote,
    /// A comment `(...)` without its closing `)`.
    UnterminatedComment,
    /// A `<` without its closing `>`.
    UnclosedAngleBracket,
    /// A `:` outside quotes, which starts a group (`Team: a@x, b@x;`), without the `;` that
    /// ends one: most likely a display name holding a colon, which must be quoted.
    UnclosedGroup {
        /// Byte offset of the colon.
        position: usize,
    },
    /// The local part is longer than the 64 octets RFC 5321 allows.
    LocalPartTooLong {
        /// Its length in octets.
        octets: usize,
    },
    /// The domain is longer than the 255 octets RFC 5321 allows.
    DomainTooLong {
        /// Its length in octets (A-label form).
        octets: usize,
    },
    /// The address is longer than the 254 octets that fit in an SMTP path.
    AddressTooLong {
        /// Its length in octets (A-label form).
        octets: usize,
    },
    /// A character that cannot appear in a domain name.
    InvalidDomainChar {
        /// The offending character.
        ch: char,
        /// Byte offset in the input.
        position: usize,
    },
    /// The domain starts or ends with a dot or has two dots in a row.
    EmptyDomainLabel,
    /// The domain is not a valid internationalised domain name (UTS-46 processing failed,
    /// a label is over 63 octets, or a punycode label does not decode).
    InvalidDomainName,
    /// The domain needs UTS-46 processing, but this build has neither the `uts46` feature nor
    /// a platform mapping ([`crate::address::set_platform_to_ascii`]).
    IdnaUnavailable,
    /// A `[...]` address literal that is neither an IPv4 address nor `IPv6:` and an IPv6
    /// address.
    InvalidAddressLiteral,
    /// One mailbox was expected but the input holds several or a group.
    NotASingleMailbox,
}

impl AddressError {
    /// Classifies a character found where it is not allowed.
    pub(crate) fn char_error(ch: char, position: usize) -> AddressError {
        match ch {
            c if c.is_control() => AddressError::ControlChar { ch, position },
            c if c.is_whitespace() => AddressError::Whitespace { position },
            '<' | '>' => AddressError::AngleBracket { position },
            _ => AddressError::UnexpectedChar { ch, position },
        }
    }

    /// The same error with its position moved by `offset`, for a part parsed on its own.
    pub(crate) fn shifted(self, offset: usize) -> AddressError {
        use AddressError::*;
        match self {
            ControlChar { ch, position } => ControlChar {
                ch,
                position: position + offset,
            },
            Whitespace { position } => Whitespace {
                position: position + offset,
            },
            AngleBracket { position } => AngleBracket {
                position: position + offset,
            },
            UnexpectedChar { ch, position } => UnexpectedChar {
                ch,
                position: position + offset,
            },
            MisplacedDot { position } => MisplacedDot {
                position: position + offset,
            },
            InvalidDomainChar { ch, position } => InvalidDomainChar {
                ch,
                position: position + offset,
            },
            other => other,
        }
    }
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use AddressError::*;
        match self {
            Empty => f.write_str("the address is empty"),
            MissingAt => f.write_str("the address has no '@' between local part and domain"),
            EmptyLocalPart => f.write_str("the local part (before '@') is empty"),
            EmptyDomain => f.write_str("the domain (after '@') is empty"),
            ControlChar { ch, position } => write!(
                f,
                "control character U+{:04X} at byte {position} is not allowed",
                u32::from(*ch)
            ),
            Whitespace { position } => {
                write!(
                    f,
                    "whitespace at byte {position} is only allowed inside quotes"
                )
            }
            AngleBracket { position } => write!(
                f,
                "angle bracket at byte {position}: a bare address is expected here, \
                 without '<' and '>'"
            ),
            UnexpectedChar { ch, position } => {
                write!(f, "character {ch:?} at byte {position} is not allowed here")
            }
            MisplacedDot { position } => write!(
                f,
                "dot at byte {position}: the local part cannot start or end with a dot \
                 or hold two in a row unless quoted"
            ),
            UnterminatedQuote => f.write_str("a quoted string has no closing '\"'"),
            UnterminatedComment => f.write_str("a comment has no closing ')'"),
            UnclosedAngleBracket => f.write_str("a '<' has no closing '>'"),
            UnclosedGroup { position } => write!(
                f,
                "the ':' at byte {position} starts a group (Team: a@x, b@x;) that no ';' \
                 ends; a display name with a colon must be quoted: \"Jane: Doe\" <jane@x>"
            ),
            LocalPartTooLong { octets } => {
                write!(
                    f,
                    "the local part is {octets} octets long; at most 64 are allowed"
                )
            }
            DomainTooLong { octets } => {
                write!(
                    f,
                    "the domain is {octets} octets long; at most 255 are allowed"
                )
            }
            AddressTooLong { octets } => {
                write!(
                    f,
                    "the address is {octets} octets long; at most 254 are allowed"
                )
            }
            InvalidDomainChar { ch, position } => {
                write!(
                    f,
                    "character {ch:?} at byte {position} is not allowed in a domain"
                )
            }
            EmptyDomainLabel => {
                f.write_str("the domain starts or ends with a dot or has two dots in a row")
            }
            InvalidDomainName => f.write_str(
                "the domain is not a valid (internationalised) domain name: a label may be \
                 longer than 63 octets or hold characters IDNA does not allow",
            ),
            IdnaUnavailable => f.write_str(
                "internationalised domain names are not available in this build: enable the \
                 `uts46` feature of wasmail-core or install a platform mapping",
            ),
            InvalidAddressLiteral => f.write_str(
                "the address literal must be an IPv4 address like [192.0.2.1] or an IPv6 \
                 address like [IPv6:2001:db8::1]",
            ),
            NotASingleMailbox => f.write_str("exactly one mailbox was expected"),
        }
    }
}

impl std::error::Error for AddressError {}
