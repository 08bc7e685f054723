//! The right-hand side of an address: a domain name (kept in Unicode and A-label form) or an
//! address literal such as `[192.0.2.1]` or `[IPv6:2001:db8::1]`.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::AddressError;

/// RFC 5321 4.5.3.1.2: a domain is at most 255 octets.
const MAX_DOMAIN_OCTETS: usize = 255;

/// A validated domain: a host name after UTS-46 processing, or an address literal.
///
/// Both forms are computed once at parse time, so reading either is free.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Domain {
    /// ASCII form (A-labels, punycode); the literal for address literals.
    ascii: String,
    /// Unicode form (U-labels), lower-cased by UTS-46 mapping; `None` when it equals the
    /// ASCII form, as it mostly does, to save an allocation per copy.
    unicode: Option<String>,
}

impl Domain {
    /// Parses a domain name (`example.com`, `bücher.example`, `xn--bcher-kva.example`) or an
    /// address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`).
    pub fn parse(input: &str) -> Result<Domain, AddressError> {
        if input.is_empty() {
            return Err(AddressError::EmptyDomain);
        }
        if input.starts_with('[') {
            return parse_literal(input);
        }
        parse_name(input)
    }

    /// The Unicode form (`bücher.example`); the literal itself for address literals.
    pub fn as_unicode(&self) -> &str {
        self.unicode.as_deref().unwrap_or(&self.ascii)
    }

    /// The ASCII form with A-labels (`xn--bcher-kva.example`); the literal for address literals.
    pub fn as_ascii(&self) -> &str {
        &self.ascii
    }

    /// Whether this is an address literal (`[...]`) rather than a name.
    pub fn is_literal(&self) -> bool {
        self.ascii.starts_with('[')
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_unicode())
    }
}

fn parse_name(input: &str) -> Result<Domain, AddressError> {
    // Report forbidden ASCII ourselves: UTS-46 errors do not say which character is wrong.
    for (position, ch) in input.char_indices() {
        let allowed = ch.is_ascii_alphanumeric() || ch == '-' || ch == '.' || !ch.is_ascii();
        if !allowed || ch.is_whitespace() || ch.is_control() {
            return Err(AddressError::InvalidDomainChar { ch, position });
        }
    }
    if input.starts_with('.') || input.ends_with('.') || input.contains("..") {
        return Err(AddressError::EmptyDomainLabel);
    }
    let (ascii, unicode) = super::idn::process(input)?;
    if ascii.len() > MAX_DOMAIN_OCTETS {
        return Err(AddressError::DomainTooLong {
            octets: ascii.len(),
        });
    }
    Ok(Domain { ascii, unicode })
}

fn parse_literal(input: &str) -> Result<Domain, AddressError> {
    let inner = input
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or(AddressError::InvalidAddressLiteral)?;
    let valid = match inner.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => inner[5..].parse::<Ipv6Addr>().is_ok(),
        _ => inner.parse::<Ipv4Addr>().is_ok(),
    };
    if !valid {
        return Err(AddressError::InvalidAddressLiteral);
    }
    Ok(Domain {
        ascii: input.to_owned(),
        unicode: None,
    })
}
