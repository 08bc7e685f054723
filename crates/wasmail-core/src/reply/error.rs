//! Why a reply or forward could not be built.

use std::fmt;

use crate::message::ComposeError;

/// Why a [`Parent`](super::Parent) could not be read or a reply or forward built from it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplyError {
    /// The bytes hold no message: they are empty or have no header.
    NotAMessage,
    /// The message given to [`Parent::from_message`](super::Parent::from_message) could not be
    /// composed, or the draft could not be built.
    Compose(ComposeError),
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyError::NotAMessage => {
                f.write_str("the bytes are not a mail message: there is no header to read")
            }
            ReplyError::Compose(error) => write!(f, "the message could not be composed: {error}"),
        }
    }
}

impl std::error::Error for ReplyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReplyError::Compose(error) => Some(error),
            ReplyError::NotAMessage => None,
        }
    }
}
