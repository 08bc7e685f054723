//! A short, human summary of the server's certificate, for `probe`: who it is for, who issued
//! it, and until when it is valid. Read with a minimal DER walker rather than a full X.509
//! parser, which would outweigh the rest of this crate.

use std::fmt;
use std::net::IpAddr;

use super::der::{Element, Reader};

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const VERSION: u8 = 0xa0;
const EXTENSIONS: u8 = 0xa3;
const SAN_DNS_NAME: u8 = 0x82;
const SAN_IP_ADDRESS: u8 = 0x87;
/// 2.5.29.17, subjectAltName.
const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];

/// The attribute types shown in names, by their OID under 2.5.4.
const NAME_ATTRIBUTES: &[(u8, &str)] = &[
    (3, "CN"),
    (10, "O"),
    (11, "OU"),
    (6, "C"),
    (7, "L"),
    (8, "ST"),
];

/// The parts of the server's certificate a person checks at a glance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateSummary {
    /// The subject, as `CN=..., O=...`.
    pub subject: String,
    /// The issuer, in the same form.
    pub issuer: String,
    /// Start of validity, `YYYY-MM-DD HH:MM:SS UTC`.
    pub not_before: String,
    /// End of validity, in the same form.
    pub not_after: String,
    /// The DNS names in the subjectAltName extension.
    pub dns_names: Vec<String>,
    /// The IP addresses in the subjectAltName extension.
    pub ip_addresses: Vec<IpAddr>,
}

impl CertificateSummary {
    /// Reads the summary from a DER certificate; `None` if it is not shaped like one.
    pub fn from_der(der: &[u8]) -> Option<Self> {
        let certificate = Reader::new(der).next_if(SEQUENCE)?;
        let mut tbs = certificate.children().next_if(SEQUENCE)?.children();
        tbs.next_if(VERSION);
        let _serial = tbs.next_element()?;
        let _signature_algorithm = tbs.next_if(SEQUENCE)?;
        let issuer = render_name(tbs.next_if(SEQUENCE)?);
        let mut validity = tbs.next_if(SEQUENCE)?.children();
        let not_before = render_time(validity.next_element()?)?;
        let not_after = render_time(validity.next_element()?)?;
        let subject = render_name(tbs.next_if(SEQUENCE)?);
        let _public_key = tbs.next_if(SEQUENCE)?;
        let mut summary = Self {
            subject,
            issuer,
            not_before,
            not_after,
            dns_names: Vec::new(),
            ip_addresses: Vec::new(),
        };
        if let Some(extensions) = tbs.find(|e| e.tag == EXTENSIONS) {
            summary.read_alt_names(extensions);
        }
        Some(summary)
    }

    fn read_alt_names(&mut self, extensions: Element<'_>) {
        let Some(list) = extensions.children().next_if(SEQUENCE) else {
            return;
        };
        for extension in list.children() {
            let mut fields = extension.children();
            if fields.next_if(OID).map(|o| o.contents) != Some(SUBJECT_ALT_NAME) {
                continue;
            }
            // The value is an OCTET STRING after an optional `critical` BOOLEAN.
            let Some(value) = fields.find(|e| e.tag == 0x04) else {
                return;
            };
            let Some(names) = Reader::new(value.contents).next_if(SEQUENCE) else {
                return;
            };
            for name in names.children() {
                match (name.tag, name.contents.len()) {
                    (SAN_DNS_NAME, _) => self.dns_names.push(printable(name.contents)),
                    (SAN_IP_ADDRESS, 4) => {
                        let octets: [u8; 4] = name.contents.try_into().unwrap_or_default();
                        self.ip_addresses.push(IpAddr::from(octets));
                    }
                    (SAN_IP_ADDRESS, 16) => {
                        let octets: [u8; 16] = name.contents.try_into().unwrap_or_default();
                        self.ip_addresses.push(IpAddr::from(octets));
                    }
                    _ => {}
                }
            }
        }
    }
}

impl fmt::Display for CertificateSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "subject {}; issuer {}; valid {} to {}",
            self.subject, self.issuer, self.not_before, self.not_after
        )?;
        let names: Vec<String> = self
            .dns_names
            .iter()
            .cloned()
            .chain(self.ip_addresses.iter().map(IpAddr::to_string))
            .collect();
        if !names.is_empty() {
            write!(f, "; names {}", names.join(", "))?;
        }
        Ok(())
    }
}

/// `CN=example, O=Org` from a Name, showing the common attribute types only.
fn render_name(name: Element<'_>) -> String {
    let mut parts = Vec::new();
    for rdn in name.children().filter(|e| e.tag == SET) {
        for attribute in rdn.children().filter(|e| e.tag == SEQUENCE) {
            let mut fields = attribute.children();
            let Some(oid) = fields.next_if(OID) else {
                continue;
            };
            let Some(value) = fields.next_element() else {
                continue;
            };
            let label = match oid.contents {
                [0x55, 0x04, last] => NAME_ATTRIBUTES
                    .iter()
                    .find(|(n, _)| n == last)
                    .map(|(_, l)| *l),
                _ => None,
            };
            if let Some(label) = label {
                parts.push(format!("{label}={}", printable(value.contents)));
            }
        }
    }
    parts.join(", ")
}

/// `YYYY-MM-DD HH:MM:SS UTC` from a UTCTime or GeneralizedTime in `Z` form.
fn render_time(time: Element<'_>) -> Option<String> {
    let text = std::str::from_utf8(time.contents).ok()?.strip_suffix('Z')?;
    let full = match time.tag {
        UTC_TIME if text.len() == 12 => {
            // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
            let century = if text[..2].parse::<u8>().ok()? >= 50 {
                "19"
            } else {
                "20"
            };
            format!("{century}{text}")
        }
        GENERALIZED_TIME if text.len() == 14 => text.to_owned(),
        _ => return None,
    };
    if !full.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d = |r: std::ops::Range<usize>| &full[r];
    Some(format!(
        "{}-{}-{} {}:{}:{} UTC",
        d(0..4),
        d(4..6),
        d(6..8),
        d(8..10),
        d(10..12),
        d(12..14)
    ))
}

/// Text safe to print: invalid UTF-8 and control characters become `?`.
fn printable(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_both_encodings() {
        let utc = Element {
            tag: UTC_TIME,
            contents: b"491231235959Z",
        };
        assert_eq!(render_time(utc).as_deref(), Some("2049-12-31 23:59:59 UTC"));
        let old = Element {
            tag: UTC_TIME,
            contents: b"700101000000Z",
        };
        assert_eq!(render_time(old).as_deref(), Some("1970-01-01 00:00:00 UTC"));
        let generalized = Element {
            tag: GENERALIZED_TIME,
            contents: b"20500101000000Z",
        };
        assert_eq!(
            render_time(generalized).as_deref(),
            Some("2050-01-01 00:00:00 UTC")
        );
        assert_eq!(
            render_time(Element {
                tag: UTC_TIME,
                contents: b"49123123595xZ"
            }),
            None
        );
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert_eq!(CertificateSummary::from_der(b"not a certificate"), None);
        assert_eq!(
            CertificateSummary::from_der(&[0x30, 0x02, 0x30, 0x00]),
            None
        );
    }
}
