//! Character references (`&amp;`, `&#233;`, `&#x20AC;`) in text and attribute values.
//!
//! Named references come from a small table of our own ([`NAMED`]); a name outside it stays as
//! written, which changes how a rare symbol looks, never what the markup can do.

use super::entity_table::NAMED;

/// The longest named reference (`&CounterClockwiseContourIntegral;`) has 31 letters.
const MAX_NAME_LEN: usize = 32;

/// Windows-1252 meanings browsers give to the C1 code points in numeric references
/// (WHATWG "numeric character reference end state"): `&#146;` is a right single quote.
const C1_REMAP: [(u32, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// Legacy references browsers accept without the `;`, limited to those mail uses.
const WITHOUT_SEMICOLON: [(&str, char); 7] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("nbsp", '\u{a0}'),
    ("copy", '©'),
    ("reg", '®'),
];

/// Decodes the character references in `raw`. In an attribute value a reference without `;`
/// followed by a letter, digit or `=` stays as written, as browsers leave `?a=1&copy=2`.
/// Unknown references stay as written.
pub(crate) fn decode_entities(raw: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = reference(rest, in_attribute).unwrap_or(('&', 1));
        out.push(decoded);
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// The character `text` (starting with `&`) refers to, and how many bytes the reference
/// takes.
fn reference(text: &str, in_attribute: bool) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(number) = body.strip_prefix('#') {
        return numeric(number).map(|(c, len)| (c, len + 2));
    }
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() || name_len > MAX_NAME_LEN {
        return None;
    }
    if body[name_len..].starts_with(';') {
        return NAMED
            .binary_search_by(|(known, _)| known.as_bytes().cmp(name.as_bytes()))
            .ok()
            .map(|index| (NAMED[index].1, name_len + 2));
    }
    let next = body[name_len..].chars().next();
    let blocked = in_attribute && next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '=');
    WITHOUT_SEMICOLON
        .iter()
        .find(|(legacy, _)| *legacy == name)
        .filter(|_| !blocked)
        .map(|&(_, c)| (c, name_len + 1))
}

/// `233;`, `x20AC;` or `xe9` (the `;` is optional): the character and the bytes used.
fn numeric(text: &str) -> Option<(char, usize)> {
    let (digits, radix, prefix) = match text.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 1),
        None => (text, 10, 0),
    };
    let len = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    if len == 0 {
        return None;
    }
    // Saturate rather than overflow: anything past U+10FFFF is replaced anyway.
    let value = digits[..len].chars().fold(0u32, |acc, c| {
        acc.saturating_mul(radix)
            .saturating_add(c.to_digit(radix).unwrap_or(0))
    });
    let semicolon = usize::from(digits[len..].starts_with(';'));
    let c = match value {
        0 => '\u{fffd}',
        0x80..=0x9F => C1_REMAP
            .iter()
            .find(|(code, _)| *code == value)
            .map_or_else(|| char::from_u32(value).unwrap_or('\u{fffd}'), |&(_, c)| c),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    };
    Some((c, prefix + len + semicolon))
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn references() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&lt;script&gt;", "<script>"),
            ("caf&eacute; &euro;", "café €"),
            ("&#233;&#xE9;&#Xe9", "ééé"),
            ("&#146;quoted&#148;", "’quoted”"),
            ("&#0;&#x110000;&#99999999999;", "\u{fffd}\u{fffd}\u{fffd}"),
            ("javascript&#58;x", "javascript:x"),
            ("javascript&colon;x", "javascript:x"),
            ("&nbsp &amp", "\u{a0} &"),
            ("&unknown; &; & x &#; &#x;", "&unknown; &; & x &#; &#x;"),
        ];
        for (raw, expected) in cases {
            assert_eq!(decode_entities(raw, false), expected, "{raw}");
        }
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        let names: Vec<&[u8]> = super::NAMED.iter().map(|(n, _)| n.as_bytes()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(names.len() > 250);
    }

    #[test]
    fn attributes_keep_query_strings() {
        assert_eq!(decode_entities("?a=1&copy=2&amp;b", true), "?a=1&copy=2&b");
        assert_eq!(decode_entities("?a=1&copy=2", false), "?a=1©=2");
    }
}
