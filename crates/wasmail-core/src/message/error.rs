//! Why a message could not be built or composed.

use std::fmt;

use crate::header::HeaderError;

/// Why a message could not be built or composed. Every case is a problem with the caller's
/// input, named so it can be shown to whoever wrote the message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ComposeError {
    /// The message has no author: set `from`.
    MissingFrom,
    /// The subject holds a control character.
    Subject(HeaderError),
    /// Inline images were added to a message without an HTML body to show them.
    InlineImagesWithoutHtml,
    /// Two inline images share a Content-ID, so `cid:` URLs would be ambiguous.
    DuplicateContentId {
        /// The shared Content-ID.
        content_id: String,
    },
    /// An attached message (`message/rfc822`) cannot be carried unencoded, as MIME
    /// requires: it holds a NUL byte or a line over 998 octets.
    AttachedMessageNotMailSafe {
        /// The attachment's file name.
        filename: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl fmt::Display for ComposeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComposeError::MissingFrom => f.write_str("the message has no From address"),
            ComposeError::Subject(error) => write!(f, "the subject is not valid: {error}"),
            ComposeError::InlineImagesWithoutHtml => f.write_str(
                "the message has inline images but no HTML body to show them; add an HTML \
                 body or send the images as attachments",
            ),
            ComposeError::DuplicateContentId { content_id } => {
                write!(
                    f,
                    "two inline images have the same Content-ID {content_id:?}"
                )
            }
            ComposeError::AttachedMessageNotMailSafe { filename, reason } => write!(
                f,
                "the attached message {filename:?} cannot be sent as message/rfc822: {reason}; \
                 attach it as application/octet-stream instead"
            ),
        }
    }
}

impl std::error::Error for ComposeError {}
