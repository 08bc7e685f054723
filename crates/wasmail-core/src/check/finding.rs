//! One result of the pre-send check.

use std::fmt;

use crate::message::ComposeError;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Sending will fail or the message will arrive broken.
    Error,
    /// Sending works, but something may not be what the author meant.
    Warning,
}

/// The part of the message a finding is about, for a UI to point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The From header.
    From,
    /// To, Cc and Bcc.
    Recipients,
    /// The HTML body.
    HtmlBody,
    /// The inline images.
    InlineImages,
    /// The attachments.
    Attachments,
    /// The addresses, wherever they appear.
    Addresses,
    /// The message as a whole.
    Message,
}

/// What the check found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingKind {
    /// There is no From address.
    MissingFrom,
    /// There is no recipient at all.
    NoRecipients,
    /// A raw message has no To, Cc or Bcc header; only the envelope says who gets it.
    NoRecipientHeaders,
    /// A raw message has no Date header, which RFC 5322 requires.
    MissingDate,
    /// A raw message has no Message-ID, which replies thread by (RFC 5322 says it should).
    MissingMessageId,
    /// The HTML refers to `cid:<content_id>` but no part has that Content-ID.
    MissingInlineImage {
        /// The Content-ID referred to.
        content_id: String,
    },
    /// An inline image the HTML never refers to; readers may not show it anywhere.
    UnusedInlineImage {
        /// Its Content-ID.
        content_id: String,
    },
    /// Addresses with a non-ASCII local part, and the server does not offer SMTPUTF8.
    SmtpUtf8Unsupported {
        /// The addresses concerned (empty for raw input: non-ASCII headers).
        addresses: Vec<String>,
    },
    /// The message has 8-bit content and the server does not offer 8BITMIME.
    EightBitUnsupported,
    /// The message is larger than the server accepts.
    TooLarge {
        /// The message's size in octets.
        size: u64,
        /// The server's SIZE limit.
        limit: u64,
    },
    /// Lines longer than the 998 octets SMTP allows (raw input).
    LineTooLong {
        /// The first such line, counting from 1.
        line: usize,
        /// Its length in octets, without the line end.
        octets: usize,
        /// How many lines are too long.
        count: usize,
    },
    /// CR or LF alone rather than CRLF (raw input); they will be sent as CRLF.
    BareLineEnd {
        /// The first such line, counting from 1.
        line: usize,
        /// How many there are.
        count: usize,
    },
    /// A NUL byte, which SMTP cannot carry (raw input).
    NulByte {
        /// The line it is on, counting from 1.
        line: usize,
    },
    /// The raw input is not a message: no header section could be read.
    NotAMessage,
    /// The message cannot be composed.
    CannotCompose(ComposeError),
}

impl FindingKind {
    fn severity(&self) -> Severity {
        match self {
            FindingKind::NoRecipientHeaders
            | FindingKind::MissingDate
            | FindingKind::MissingMessageId
            | FindingKind::UnusedInlineImage { .. }
            | FindingKind::BareLineEnd { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    fn field(&self) -> Field {
        match self {
            FindingKind::MissingFrom => Field::From,
            FindingKind::NoRecipients | FindingKind::NoRecipientHeaders => Field::Recipients,
            FindingKind::MissingInlineImage { .. } => Field::HtmlBody,
            FindingKind::UnusedInlineImage { .. } => Field::InlineImages,
            FindingKind::SmtpUtf8Unsupported { .. } => Field::Addresses,
            FindingKind::CannotCompose(ComposeError::AttachedMessageNotMailSafe { .. }) => {
                Field::Attachments
            }
            _ => Field::Message,
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindingKind::MissingFrom => f.write_str("the message has no From address"),
            FindingKind::NoRecipients => f.write_str("the message has no recipient"),
            FindingKind::NoRecipientHeaders => f.write_str(
                "the message has no To, Cc or Bcc header; only the envelope names recipients",
            ),
            FindingKind::MissingDate => f.write_str(
                "the message has no Date header (RFC 5322 requires one; some servers add it, \
                 others refuse the message)",
            ),
            FindingKind::MissingMessageId => {
                f.write_str("the message has no Message-ID; replies to it cannot thread by it")
            }
            FindingKind::MissingInlineImage { content_id } => write!(
                f,
                "the HTML shows cid:{content_id} but no inline image has that Content-ID"
            ),
            FindingKind::UnusedInlineImage { content_id } => write!(
                f,
                "the inline image {content_id} is not shown by the HTML; readers may hide it"
            ),
            FindingKind::SmtpUtf8Unsupported { addresses } if addresses.is_empty() => {
                f.write_str("the headers hold raw UTF-8 but the server does not offer SMTPUTF8")
            }
            FindingKind::SmtpUtf8Unsupported { addresses } => write!(
                f,
                "the server does not offer SMTPUTF8, needed for {}",
                addresses.join(", ")
            ),
            FindingKind::EightBitUnsupported => {
                f.write_str("the message has 8-bit content but the server does not offer 8BITMIME")
            }
            FindingKind::TooLarge { size, limit } => write!(
                f,
                "the message is {size} octets; the server accepts at most {limit}"
            ),
            FindingKind::LineTooLong {
                line,
                octets,
                count,
            } => write!(
                f,
                "{count} line(s) exceed 998 octets, first line {line} with {octets}; servers \
                 may reject or break the message"
            ),
            FindingKind::BareLineEnd { line, count } => write!(
                f,
                "{count} bare CR or LF line end(s), first on line {line}; they will be sent as CRLF"
            ),
            FindingKind::NulByte { line } => {
                write!(f, "line {line} holds a NUL byte, which SMTP cannot carry")
            }
            FindingKind::NotAMessage => f.write_str("the input is not an RFC 5322 message"),
            FindingKind::CannotCompose(error) => {
                write!(f, "the message cannot be composed: {error}")
            }
        }
    }
}

/// One finding: how bad, about what, and what exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    severity: Severity,
    field: Field,
    kind: FindingKind,
}

impl Finding {
    /// A finding, with the severity and field that go with its kind.
    pub fn new(kind: FindingKind) -> Finding {
        Finding {
            severity: kind.severity(),
            field: kind.field(),
            kind,
        }
    }

    /// How bad it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// What it is about.
    pub fn field(&self) -> Field {
        self.field
    }

    /// What was found.
    pub fn kind(&self) -> &FindingKind {
        &self.kind
    }

    /// A sentence for the user.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.kind)
    }
}
