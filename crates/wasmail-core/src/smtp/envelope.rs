//! The SMTP envelope: who the server is told the message is from and for.

use crate::address::Address;

/// The envelope of one message: the reverse-path for `MAIL FROM` and one forward-path per
/// `RCPT TO`. Bcc recipients live here and only here; they are never written into the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    reverse_path: Option<Address>,
    recipients: Vec<Address>,
}

impl Envelope {
    /// An envelope with a reverse-path (`None` is the null path `<>` used by bounces) and the
    /// recipients in the order their `RCPT TO` commands are sent. Duplicates are dropped, keeping
    /// the first occurrence, so a recipient listed in both To and Bcc gets one copy.
    pub fn new(
        reverse_path: Option<Address>,
        recipients: impl IntoIterator<Item = Address>,
    ) -> Self {
        let mut unique: Vec<Address> = Vec::new();
        for rcpt in recipients {
            if !unique.contains(&rcpt) {
                unique.push(rcpt);
            }
        }
        Self {
            reverse_path,
            recipients: unique,
        }
    }

    /// The reverse-path, or `None` for the null path `<>`.
    pub fn reverse_path(&self) -> Option<&Address> {
        self.reverse_path.as_ref()
    }

    /// The forward-paths, one `RCPT TO` each.
    pub fn recipients(&self) -> &[Address] {
        &self.recipients
    }

    /// Whether any path needs the SMTPUTF8 extension (a non-ASCII local part).
    pub fn needs_smtputf8(&self) -> bool {
        self.reverse_path
            .iter()
            .chain(&self.recipients)
            .any(Address::needs_smtputf8)
    }
}
