//! The flags that become header fields.

/// Addresses, subject and extra headers as typed. They are checked when the message is built,
/// with errors that name the flag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderFlags {
    /// `--from`.
    pub from: Option<String>,
    /// `--to` values; each may be a comma-separated list.
    pub to: Vec<String>,
    /// `--cc` values.
    pub cc: Vec<String>,
    /// `--bcc` values: in the envelope only, never in the message.
    pub bcc: Vec<String>,
    /// `--reply-to` values.
    pub reply_to: Vec<String>,
    /// `--subject`.
    pub subject: Option<String>,
    /// `--header 'Name: value'` values.
    pub extra: Vec<String>,
}
