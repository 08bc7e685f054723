//! Internationalised domain names: UTS-46 processing of a host name into its A-label
//! (`xn--bcher-kva.example`) and U-label (`bücher.example`) forms.
//!
//! With the `uts46` feature (the default) the `idna` crate does the processing. Without it the
//! core leaves out the Unicode tables (about 57 kB of a gzipped browser module): ASCII names are
//! checked here, and the mapping of non-ASCII names is asked of the platform through
//! [`set_platform_to_ascii`]; a browser has UTS-46 in its URL parser. Either way the same rules
//! apply: UTS-46 nontransitional processing, STD3 ASCII rules, hyphens anywhere, DNS lengths
//! verified. Tests compare the two paths.

use std::sync::OnceLock;

use super::AddressError;

/// WHATWG "domain to ASCII" (UTS-46 ToASCII, nontransitional, CheckBidi and CheckJoiners on,
/// STD3 rules and DNS lengths off): `Some(A-label form)`, or `None` when the name is refused.
pub type PlatformToAscii = fn(&str) -> Option<String>;

static PLATFORM_TO_ASCII: OnceLock<PlatformToAscii> = OnceLock::new();

/// Installs the platform's UTS-46 mapping, used when the core is built without the `uts46`
/// feature (the browser build gives it `new URL(...).hostname`). With `uts46` on, the `idna`
/// crate is used and this function has no effect. Returns `false` when one was installed
/// before; the first stays.
pub fn set_platform_to_ascii(to_ascii: PlatformToAscii) -> bool {
    PLATFORM_TO_ASCII.set(to_ascii).is_ok()
}

/// The A-label form and, when it differs, the U-label form of a host name whose ASCII
/// characters were already checked (letters, digits, `-`, `.`; no empty label).
pub(super) fn process(input: &str) -> Result<(String, Option<String>), AddressError> {
    #[cfg(feature = "uts46")]
    let (ascii, unicode) = with_idna_crate(input)?;
    #[cfg(not(feature = "uts46"))]
    let (ascii, unicode) = with_platform(input, PLATFORM_TO_ASCII.get().copied())?;
    let unicode = (unicode != ascii).then_some(unicode);
    Ok((ascii, unicode))
}

#[cfg(any(feature = "uts46", test))]
fn with_idna_crate(input: &str) -> Result<(String, String), AddressError> {
    use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
    let uts46 = Uts46::new();
    let ascii = uts46
        .to_ascii(
            input.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::Allow,
            DnsLength::Verify,
        )
        .map_err(|_| AddressError::InvalidDomainName)?
        .into_owned();
    let (unicode, result) = uts46.to_unicode(ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow);
    result.map_err(|_| AddressError::InvalidDomainName)?;
    let unicode = unicode.into_owned();
    Ok((ascii, unicode))
}

/// The same processing with the platform's mapping: the platform maps non-ASCII names and
/// validates decoded `xn--` labels; STD3 and DNS lengths are checked here on its output.
#[cfg_attr(feature = "uts46", allow(dead_code))]
pub(crate) fn with_platform(
    input: &str,
    platform: Option<PlatformToAscii>,
) -> Result<(String, String), AddressError> {
    let ascii = if input.is_ascii() {
        input.to_ascii_lowercase()
    } else {
        let to_ascii = platform.ok_or(AddressError::IdnaUnavailable)?;
        to_ascii(input).ok_or(AddressError::InvalidDomainName)?
    };
    if !verify_std3_and_dns_length(&ascii) {
        return Err(AddressError::InvalidDomainName);
    }
    let mut unicode = String::with_capacity(ascii.len());
    for (index, label) in ascii.split('.').enumerate() {
        if index > 0 {
            unicode.push('.');
        }
        match label.strip_prefix("xn--") {
            Some(encoded) => {
                let decoded = idna::punycode::decode_to_string(encoded)
                    .ok_or(AddressError::InvalidDomainName)?;
                // UTS-46 validity of the decoded label: it must map back to the same A-label.
                let to_ascii = platform.ok_or(AddressError::IdnaUnavailable)?;
                if to_ascii(&decoded).as_deref() != Some(label) {
                    return Err(AddressError::InvalidDomainName);
                }
                unicode.push_str(&decoded);
            }
            None => unicode.push_str(label),
        }
    }
    Ok((ascii, unicode))
}

/// STD3 ASCII rules (letters, digits and hyphens only) and `idna`'s DNS length verification:
/// no empty label, none over 63 octets, at most 253 octets in all.
fn verify_std3_and_dns_length(ascii: &str) -> bool {
    ascii.len() <= 253
        && ascii.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a browser's URL parser does, from the `idna` crate's WHATWG entry point.
    fn url_parser(domain: &str) -> Option<String> {
        idna::domain_to_ascii(domain).ok()
    }

    fn assert_same(input: &str) {
        let platform = with_platform(input, Some(url_parser));
        let crate_result = with_idna_crate(input);
        assert_eq!(platform, crate_result, "input {input:?}");
    }

    #[test]
    fn platform_path_agrees_with_the_idna_crate() {
        for input in [
            "example.com",
            "EXAMPLE.Com",
            "bücher.example",
            "BÜCHER.example",
            "xn--bcher-kva.example",
            "XN--BCHER-KVA.example",
            "faß.de",
            "βόλος.gr",
            "ｅｘａｍｐｌｅ．com",
            "a\u{200d}b.example",
            "ا١.example",
            "\u{0301}a.example",
            "⑴.example",
            "a＿b.example",
            "ex／ample.com",
            "xn--abc-.example",
            "xn--.example",
            "xn--zz.example",
            "-lead.example",
            "trail-.example",
            "ab--cd.example",
            "1.2.3.4",
            "１２３.example",
            &format!("{}.example", "a".repeat(63)),
            &format!("{}.example", "a".repeat(64)),
            &format!("{}.example", "ü".repeat(40)),
            &["abcdefghi"; 26].join("."),
            &["abcdefghi"; 25].join("."),
        ] {
            assert_same(input);
        }
    }

    #[test]
    fn without_a_platform_only_ascii_names_work() {
        assert_eq!(
            with_platform("Mail.Example.COM", None),
            Ok(("mail.example.com".to_owned(), "mail.example.com".to_owned()))
        );
        assert_eq!(
            with_platform("bücher.example", None),
            Err(AddressError::IdnaUnavailable)
        );
        assert_eq!(
            with_platform("xn--bcher-kva.example", None),
            Err(AddressError::IdnaUnavailable)
        );
    }

    fn label() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            "a", "Z", "0", "9", "-", "ü", "Ü", "ß", "ς", "Ａ", "\u{200d}", "א", "١", "\u{0301}",
            "⑴", "＿", "．", "ㄱ", "😀", "xn--",
        ]);
        prop::collection::vec(chars, 1..8).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn platform_path_agrees_on_generated_names(labels in prop::collection::vec(label(), 1..4)) {
            assert_same(&labels.join("."));
        }
    }
}
