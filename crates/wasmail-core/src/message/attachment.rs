//! Files carried by a message: attachments, and images shown inside the HTML body.

use std::fmt;

use super::media_type::MediaType;
use crate::debug::ByteLen;

/// A file attached to the message, offered to the reader for download.
///
/// A `message/rfc822` attachment (see [`Attachment::message`]) carries another message
/// verbatim, as forwarding "as attachment" does.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    filename: String,
    content_type: MediaType,
    bytes: Vec<u8>,
}

impl Attachment {
    /// An attachment whose type is guessed from the file name's extension.
    pub fn new(
        filename: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<Attachment, AttachmentError> {
        let filename = validate_filename(filename.into())?;
        let content_type = MediaType::guess_from_filename(&filename);
        Ok(Attachment {
            filename,
            content_type,
            bytes: bytes.into(),
        })
    }

    /// An attachment of a given type.
    pub fn with_content_type(
        filename: impl Into<String>,
        content_type: MediaType,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<Attachment, AttachmentError> {
        let filename = validate_filename(filename.into())?;
        Ok(Attachment {
            filename,
            content_type,
            bytes: bytes.into(),
        })
    }

    /// Another message, attached whole as `message/rfc822` (its raw RFC 5322 bytes).
    pub fn message(
        filename: impl Into<String>,
        raw_message: impl Into<Vec<u8>>,
    ) -> Result<Attachment, AttachmentError> {
        Attachment::with_content_type(filename, MediaType::message_rfc822(), raw_message)
    }

    /// The file name shown to the reader.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The media type.
    pub fn content_type(&self) -> &MediaType {
        &self.content_type
    }

    /// The file's content.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// An image referenced from the HTML body as `cid:<content id>`, sent in the
/// `multipart/related` part next to the HTML.
#[derive(Clone, PartialEq, Eq)]
pub struct InlineImage {
    content_id: String,
    content_type: MediaType,
    bytes: Vec<u8>,
    filename: Option<String>,
}

impl InlineImage {
    /// An image the HTML shows with `<img src="cid:logo@example.com">`; `content_id` is the
    /// part after `cid:` (`logo@example.com`). A `cid:` prefix or angle brackets are dropped.
    pub fn new(
        content_id: &str,
        content_type: MediaType,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<InlineImage, AttachmentError> {
        let content_id = validate_content_id(content_id)?;
        Ok(InlineImage {
            content_id,
            content_type,
            bytes: bytes.into(),
            filename: None,
        })
    }

    /// The same image with a file name, used if the reader saves it.
    pub fn with_filename(mut self, filename: impl Into<String>) -> Result<Self, AttachmentError> {
        self.filename = Some(validate_filename(filename.into())?);
        Ok(self)
    }

    /// The Content-ID, without `cid:` and without angle brackets.
    pub fn content_id(&self) -> &str {
        &self.content_id
    }

    /// The media type.
    pub fn content_type(&self) -> &MediaType {
        &self.content_type
    }

    /// The image's content.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file name, if one was given.
    pub fn filename(&self) -> Option<&str> {
        self.filename.as_deref()
    }
}

fn validate_filename(filename: String) -> Result<String, AttachmentError> {
    if filename.trim().is_empty() {
        return Err(AttachmentError::EmptyFilename);
    }
    if let Some((position, ch)) = filename.char_indices().find(|(_, ch)| ch.is_control()) {
        return Err(AttachmentError::ControlCharInFilename { ch, position });
    }
    Ok(filename)
}

/// A character of a Content-ID as this crate writes them: atext, `.` and `@`, which need no
/// escaping in a `cid:` URL, so the HTML can name them verbatim.
pub(crate) fn is_content_id_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || "!#$&'*+-./=?^_`{|}~@".contains(ch)
}

/// Content-IDs are kept to the characters of [`is_content_id_char`].
fn validate_content_id(input: &str) -> Result<String, AttachmentError> {
    let id = input.strip_prefix("cid:").unwrap_or(input);
    let id = id
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(id);
    if id.is_empty() {
        return Err(AttachmentError::EmptyContentId);
    }
    if let Some((position, ch)) = id.char_indices().find(|&(_, ch)| !is_content_id_char(ch)) {
        return Err(AttachmentError::InvalidContentIdChar { ch, position });
    }
    Ok(id.to_owned())
}

/// Why an attachment or inline image was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttachmentError {
    /// The file name is empty or only whitespace.
    EmptyFilename,
    /// The file name holds a control character (CR, LF, NUL, ...).
    ControlCharInFilename {
        /// The offending character.
        ch: char,
        /// Byte offset in the file name.
        position: usize,
    },
    /// The Content-ID is empty.
    EmptyContentId,
    /// The Content-ID holds a character that a `cid:` URL would have to escape.
    InvalidContentIdChar {
        /// The offending character.
        ch: char,
        /// Byte offset in the Content-ID.
        position: usize,
    },
}

impl fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttachmentError::EmptyFilename => f.write_str("the attachment's file name is empty"),
            AttachmentError::ControlCharInFilename { ch, position } => write!(
                f,
                "control character U+{:04X} at byte {position} of the file name is not allowed",
                u32::from(*ch)
            ),
            AttachmentError::EmptyContentId => {
                f.write_str("the inline image's Content-ID is empty")
            }
            AttachmentError::InvalidContentIdChar { ch, position } => write!(
                f,
                "character {ch:?} at byte {position} of the Content-ID is not allowed: use \
                 letters, digits and !#$&'*+-./=?^_`{{|}}~@"
            ),
        }
    }
}

impl std::error::Error for AttachmentError {}

/// The file's size, not its bytes.
impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("bytes", &ByteLen(self.bytes.len()))
            .finish()
    }
}

/// The image's size, not its bytes.
impl fmt::Debug for InlineImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InlineImage")
            .field("content_id", &self.content_id)
            .field("content_type", &self.content_type)
            .field("filename", &self.filename)
            .field("bytes", &ByteLen(self.bytes.len()))
            .finish()
    }
}
