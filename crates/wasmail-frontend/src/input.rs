//! Turning flag values into validated message parts: mailboxes, headers, files.
//!
//! Every error names the flag and the value, so the user sees which argument to fix.

mod addresses;
mod files;
mod headers;

pub use addresses::{parse_mailbox, parse_mailboxes};
pub use files::{check_readable, read_attachment, read_bytes, read_inline_image, read_text};
pub use headers::parse_header;
