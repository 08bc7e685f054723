//! Email addresses (`local@domain`), validated at construction so an [`Address`] is always
//! usable on the wire.
//!
//! Syntax follows RFC 5321 4.1.2 (the strictest of the mail RFCs, since every address must
//! survive `RCPT TO`) extended with UTF-8 by RFC 6531: the local part is a dot-atom or a
//! quoted string, the domain a host name (UTS-46 processed, so `bücher.example` and
//! `xn--bcher-kva.example` are the same domain) or an address literal.

mod domain;
mod error;
mod idn;
mod local_part;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

pub use domain::Domain;
pub use error::AddressError;
pub use idn::{PlatformToAscii, set_platform_to_ascii};

/// Whether `ch` may appear in an atom (RFC 5322 atext, plus non-ASCII per RFC 6532).
pub(crate) fn is_atext(ch: char) -> bool {
    local_part::is_atext(ch)
}

/// RFC 5321 4.5.3.1.3: a path is at most 256 octets including the angle brackets.
const MAX_ADDRESS_OCTETS: usize = 254;

/// A validated addr-spec: `local@domain`.
///
/// ```
/// use wasmail_core::address::Address;
///
/// let address = Address::parse("user@bücher.example").unwrap();
/// assert_eq!(address.domain(), "bücher.example");
/// assert_eq!(address.domain_ascii(), "xn--bcher-kva.example");
/// assert!(!address.needs_smtputf8());
/// assert!(Address::parse("user@example.com\r\nRCPT TO:<x@y>").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Address(Arc<Parts>);

/// Shared behind an `Arc`: addresses are copied into every envelope and draft, and a copy
/// should not cost three allocations.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Parts {
    /// Wire form of the local part: quoted only when a dot-atom cannot express it.
    local: String,
    domain: Domain,
    /// `local@a-label-domain`, computed once since every composition writes it; `None` when
    /// the local part is non-ASCII.
    ascii: Option<String>,
}

impl Address {
    /// Parses an addr-spec such as `jane.doe@example.com`, `"john smith"@example.com` or
    /// `postmaster@[192.0.2.1]`. Display names and angle brackets are not accepted here: see
    /// [`Mailbox::parse`](crate::mailbox::Mailbox::parse).
    pub fn parse(input: &str) -> Result<Address, AddressError> {
        if input.is_empty() {
            return Err(AddressError::Empty);
        }
        // Control characters first: whatever else is wrong, a CR or LF is what matters most.
        if let Some((position, ch)) = input.char_indices().find(|(_, ch)| ch.is_control()) {
            return Err(AddressError::ControlChar { ch, position });
        }
        // The domain never contains '@', so the last one separates even a quoted local part.
        let at = input.rfind('@').ok_or(AddressError::MissingAt)?;
        let local = local_part::parse(&input[..at])?;
        let domain = Domain::parse(&input[at + 1..]).map_err(|e| e.shifted(at + 1))?;
        Self::from_parts(local, domain)
    }

    /// Builds an address from an already validated domain and a local part given in wire
    /// form (`jane.doe` or `"john smith"`).
    pub fn from_local_and_domain(local: &str, domain: Domain) -> Result<Address, AddressError> {
        Self::from_parts(local_part::parse(local)?, domain)
    }

    fn from_parts(local: String, domain: Domain) -> Result<Address, AddressError> {
        let octets = local.len() + 1 + domain.as_ascii().len();
        if octets > MAX_ADDRESS_OCTETS {
            return Err(AddressError::AddressTooLong { octets });
        }
        let ascii = local.is_ascii().then(|| {
            let mut ascii = String::with_capacity(octets);
            ascii.push_str(&local);
            ascii.push('@');
            ascii.push_str(domain.as_ascii());
            ascii
        });
        Ok(Address(Arc::new(Parts {
            local,
            domain,
            ascii,
        })))
    }

    /// The local part in wire form (quoted when it is not a dot-atom).
    pub fn local_part(&self) -> &str {
        &self.0.local
    }

    /// The domain in Unicode form (`bücher.example`), UTS-46 normalised.
    pub fn domain(&self) -> &str {
        self.0.domain.as_unicode()
    }

    /// The domain in ASCII form with A-labels (`xn--bcher-kva.example`).
    pub fn domain_ascii(&self) -> &str {
        self.0.domain.as_ascii()
    }

    /// The validated domain, with both its forms.
    pub fn domain_name(&self) -> &Domain {
        &self.0.domain
    }

    /// Whether sending to or from this address needs the SMTPUTF8 extension (RFC 6531).
    ///
    /// Only a non-ASCII local part does: an internationalised domain has an A-label form.
    pub fn needs_smtputf8(&self) -> bool {
        self.0.ascii.is_none()
    }

    /// `local@a-label-domain`, usable without SMTPUTF8; `None` when the local part is
    /// non-ASCII and so has no ASCII form.
    pub fn as_ascii_str(&self) -> Option<&str> {
        self.0.ascii.as_deref()
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.0.local, self.0.domain.as_unicode())
    }
}

impl FromStr for Address {
    type Err = AddressError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Address::parse(s)
    }
}
