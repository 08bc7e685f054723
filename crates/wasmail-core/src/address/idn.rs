//! Internationalised domain names: UTS-46 processing of a host name into its A-label
//! (`xn--bcher-kva.example`) and U-label (`bücher.example`) forms.
//!
//! With the `uts46` feature (the default) the `idna` crate does the processing. Without it the
//! core leaves out the Unicode tables (about 57 kB of a gzipped browser module): ASCII names
//! without `xn--` labels are checked here, and the rest is asked of the platform through
//! [`set_platform_to_ascii`]; a browser has UTS-46 in its URL parser. Either way the same rules
//! apply: UTS-46 nontransitional processing, STD3 ASCII rules, hyphens anywhere, DNS lengths
//! verified. Tests compare the two paths.

use std::sync::OnceLock;

use super::AddressError;

/// WHATWG "domain to ASCII" (UTS-46 ToASCII, nontransitional, CheckBidi and CheckJoiners on,
/// STD3 rules and DNS lengths off): `Some(A-label form)`, or `None` when the name is refused.
/// A URL parser's host parsing does this; the names it is given never end in a numeric label,
/// so its IPv4 step does not apply.
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
/// checks the Unicode form of `xn--` labels (including the Bidi rule, which spans the whole
/// name); STD3 and DNS lengths are checked here on its output.
#[cfg_attr(feature = "uts46", allow(dead_code))]
pub(crate) fn with_platform(
    input: &str,
    platform: Option<PlatformToAscii>,
) -> Result<(String, String), AddressError> {
    let ascii = if input.is_ascii() {
        input.to_ascii_lowercase()
    } else {
        map(platform, input)?
    };
    if !verify_std3_and_dns_length(&ascii) {
        return Err(AddressError::InvalidDomainName);
    }
    let mut unicode = String::with_capacity(ascii.len());
    let mut has_a_label = false;
    for (index, label) in ascii.split('.').enumerate() {
        if index > 0 {
            unicode.push('.');
        }
        match label.strip_prefix("xn--") {
            Some(encoded) => {
                has_a_label = true;
                let decoded = idna::punycode::decode_to_string(encoded)
                    .ok_or(AddressError::InvalidDomainName)?;
                unicode.push_str(&decoded);
            }
            None => unicode.push_str(label),
        }
    }
    // A-labels the platform did not produce must be valid U-labels: the Unicode form has to
    // map back to the same name.
    if has_a_label && input.is_ascii() && map(platform, &unicode)? != ascii {
        return Err(AddressError::InvalidDomainName);
    }
    if breaks_bidi_rule_across_labels(&unicode) {
        return Err(AddressError::InvalidDomainName);
    }
    Ok((ascii, unicode))
}

/// RFC 5893's Bidi rule for the left-to-right labels of a name with a right-to-left label:
/// they must start with a letter (Bidi class L) and end with a letter or digit (L or EN;
/// UTS-46 has mapped other European digits to ASCII by then). URL parsers check the Bidi
/// rule within labels but not all of them across labels (Node's does not); the idna crate
/// does, so this keeps the two paths equal. Right-to-left is told by script block, which is
/// exact for the letters of the scripts in use (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// extensions) and their common marks, and a letter by the Alphabetic property, which is Bidi
/// class L outside those scripts.
fn breaks_bidi_rule_across_labels(unicode: &str) -> bool {
    let right_to_left = |ch: char| {
        let code = u32::from(ch);
        !is_common_mark(ch)
            && matches!(
                code,
                0x0590..=0x08FF
                    | 0xFB1D..=0xFDFF
                    | 0xFE70..=0xFEFF
                    | 0x10800..=0x10FFF
                    | 0x1E800..=0x1EFFF
            )
    };
    if !unicode.chars().any(right_to_left) {
        return false;
    }
    unicode
        .split('.')
        .filter(|label| !label.chars().any(right_to_left))
        .any(|label| {
            let starts_with_letter = label.chars().next().is_some_and(char::is_alphabetic);
            // Combining marks (NSM) may follow the last letter or digit.
            let ends_alphanumeric = label
                .chars()
                .rev()
                .find(|ch| !is_common_mark(*ch))
                .is_some_and(|ch| ch.is_alphabetic() || ch.is_ascii_digit());
            !(starts_with_letter && ends_alphanumeric)
        })
}

/// Combining marks (Bidi class NSM) of the common blocks: Latin and general diacritics,
/// Hebrew points, Arabic harakat.
fn is_common_mark(ch: char) -> bool {
    matches!(u32::from(ch),
        0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
            | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The platform's mapping of a whole name. A URL parser reads a name whose last label looks
/// like a number (`123`, `0x7f`) as an IPv4 address, so the name is given a last label that
/// does not, which the DNS-length and Bidi rules are indifferent to, and it is taken off again.
fn map(platform: Option<PlatformToAscii>, name: &str) -> Result<String, AddressError> {
    let to_ascii = platform.ok_or(AddressError::IdnaUnavailable)?;
    let mapped = to_ascii(&format!("{name}.x")).ok_or(AddressError::InvalidDomainName)?;
    mapped
        .strip_suffix(".x")
        .map(str::to_owned)
        .ok_or(AddressError::InvalidDomainName)
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

    /// What the weakest URL parser we know does (Node's): WHATWG "domain to ASCII" with the
    /// Bidi rule checked one label at a time, then the host parser's IPv4 step, which refuses
    /// (or rewrites) names ending in a number.
    fn url_parser(domain: &str) -> Option<String> {
        let labels: Option<Vec<String>> = domain
            .split(['.', '．', '。', '｡'])
            .map(|label| idna::domain_to_ascii(label).ok())
            .collect();
        let ascii = labels?.join(".");
        let last = ascii.rsplit('.').next().unwrap_or_default();
        let numeric = !last.is_empty()
            && (last.bytes().all(|b| b.is_ascii_digit())
                || last
                    .strip_prefix("0x")
                    .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit())));
        (!numeric).then_some(ascii)
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
            "bücher.123",
            "１２７.１",
            "０ｘ７ｆ.０.０.１",
            "xn--mgbh0fb.3com",
            "xn--mgbh0fb.example",
            "مثال.3com",
            "מבחן.example",
            "מבחן.ex-",
            "מבחן.-ex",
            "מבחן.1ab",
            "מבחן.ab1",
            "xn--4dbrk0ce.3com",
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
            "⑴", "＿", "．", "ㄱ", "😀", "xn--", "ж", "中", "\u{0651}", "ה", "٣", "ـ",
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
