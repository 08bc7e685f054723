//! MIME media types (`image/png`), given by the caller or guessed from a file name.

use std::fmt;

/// File extensions and their media types, for attachments whose type the caller left out.
/// Kept short on purpose: the common document, image, archive and calendar types.
const BY_EXTENSION: &[(&str, &str)] = &[
    ("7z", "application/x-7z-compressed"),
    ("avif", "image/avif"),
    ("bmp", "image/bmp"),
    ("csv", "text/csv"),
    ("doc", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("eml", "message/rfc822"),
    ("gif", "image/gif"),
    ("gz", "application/gzip"),
    ("heic", "image/heic"),
    ("htm", "text/html"),
    ("html", "text/html"),
    ("ics", "text/calendar"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("json", "application/json"),
    ("md", "text/markdown"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ogg", "audio/ogg"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("rtf", "application/rtf"),
    ("svg", "image/svg+xml"),
    ("tar", "application/x-tar"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("txt", "text/plain"),
    ("vcf", "text/vcard"),
    ("wav", "audio/wav"),
    ("webm", "video/webm"),
    ("webp", "image/webp"),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("xml", "application/xml"),
    ("zip", "application/zip"),
];

/// What a file of unknown kind is sent as.
const FALLBACK: &str = "application/octet-stream";

/// A media type `type/subtype`, lower-cased, each half an RFC 2045 token. Parameters are
/// not part of it: the composer writes the ones it needs (`charset`, `name`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MediaType(String);

impl MediaType {
    /// Parses `type/subtype` such as `application/pdf`.
    ///
    /// Types no single file can have are refused: `multipart/*` (built from parts, with a
    /// boundary) and `message/partial` and `message/external-body` (RFC 2046 5.2 allows them
    /// only unencoded and with parameters of their own).
    pub fn parse(input: &str) -> Result<MediaType, MediaTypeError> {
        let error = |composite| MediaTypeError {
            input: input.to_owned(),
            composite,
        };
        let (kind, subtype) = input.split_once('/').ok_or_else(|| error(false))?;
        if !is_token(kind) || !is_token(subtype) {
            return Err(error(false));
        }
        let essence = input.to_ascii_lowercase();
        if essence.starts_with("multipart/")
            || essence == "message/partial"
            || essence == "message/external-body"
        {
            return Err(error(true));
        }
        Ok(MediaType(essence))
    }

    /// `message/rfc822`: another message, carried whole.
    pub fn message_rfc822() -> MediaType {
        MediaType("message/rfc822".to_owned())
    }

    /// The type for a file name, from its extension; `application/octet-stream` when the
    /// extension is missing or unknown.
    pub fn guess_from_filename(filename: &str) -> MediaType {
        let essence = filename
            .rsplit_once('.')
            .and_then(|(_, extension)| {
                BY_EXTENSION
                    .iter()
                    .find(|(known, _)| known.eq_ignore_ascii_case(extension))
                    .map(|&(_, essence)| essence)
            })
            .unwrap_or(FALLBACK);
        MediaType(essence.to_owned())
    }

    /// `type/subtype`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a `text/*` type.
    pub fn is_text(&self) -> bool {
        self.0.starts_with("text/")
    }

    /// Whether this is `message/rfc822`, which MIME forbids to encode in base64 or QP.
    pub fn is_message(&self) -> bool {
        self.0 == "message/rfc822"
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// RFC 2045 token: printable ASCII except space and tspecials.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?=".contains(&b))
}

/// A media type that is not `type/subtype` made of RFC 2045 tokens, or one no single file
/// can be sent as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaTypeError {
    input: String,
    composite: bool,
}

impl fmt::Display for MediaTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.composite {
            return write!(
                f,
                "{:?} cannot be the type of a file: the composer builds multiparts from parts, \
                 and message/partial and message/external-body are not sent as files; use \
                 application/octet-stream to send the bytes as they are",
                self.input
            );
        }
        write!(
            f,
            "{:?} is not a media type: expected type/subtype such as application/pdf",
            self.input
        )
    }
}

impl std::error::Error for MediaTypeError {}
