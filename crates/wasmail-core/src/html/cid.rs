//! `cid:` URLs, which name a part of the same message by its Content-ID.

use super::entities::decode_entities;

/// The Content-ID a `cid:` URL names (RFC 2392): the URL's value after `cid:`, percent-decoded.
///
/// ```
/// use wasmail_core::html::content_id_from_cid_url;
/// assert_eq!(content_id_from_cid_url("logo%40example.com"), "logo@example.com");
/// ```
pub fn content_id_from_cid_url(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = match bytes[index..] {
            [b'%', high, low, ..] => hex_pair(high, low),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The byte two hex digits spell (`%XX` in URLs, `=XX` in quoted-printable and RFC 2047).
pub(crate) fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| char::from(b).to_digit(16);
    Some((digit(high)? << 4 | digit(low)?) as u8)
}

/// The Content-IDs named by `cid:` URLs in `html`, percent-decoded (RFC 2392), each once, in
/// order. A `cid:` counts where a URL can start, not at the end of a word such as "acid:".
pub(crate) fn cid_references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut start = 0;
    while let Some(offset) = bytes[start..]
        .windows(4)
        .position(|window| window.eq_ignore_ascii_case(b"cid:"))
    {
        let from = start + offset + 4;
        let len = bytes[from..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b"\"'<>()&".contains(&b))
            .unwrap_or(bytes.len() - from);
        let starts_url = start + offset == 0 || !bytes[start + offset - 1].is_ascii_alphanumeric();
        if len > 0 && starts_url {
            let id = content_id_from_cid_url(&html[from..from + len]);
            if !found.contains(&id) {
                found.push(id);
            }
        }
        start = from;
    }
    found
}

/// Rewrites, in HTML as [`sanitize`](crate::html::sanitize) writes it, each `src` attribute
/// whose URL is `cid:` (in any case): `replace` gets the Content-ID it names and returns the
/// new attribute text, with its leading space (`Some(String::new())` drops the attribute), or
/// `None` to keep it. Only tags are looked at: the sanitizer escapes `<` and `>` everywhere
/// else, so text that reads `src="cid:..."` stays text.
///
/// ```
/// use wasmail_core::html::map_cid_sources;
/// let html = r#"<p>src="cid:a" <img src="CID:a%40x" alt="a"></p>"#;
/// let out = map_cid_sources(html, |id| (id == "a@x").then(|| " src=\"data:,\"".to_owned()));
/// assert_eq!(out, r#"<p>src="cid:a" <img src="data:," alt="a"></p>"#);
/// ```
pub fn map_cid_sources(html: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    const NEEDLE: &[u8] = b" src=\"cid:";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(len) = rest[open..].find('>') else {
            break;
        };
        out.push_str(&rest[..open]);
        let mut tag = &rest[open..open + len + 1];
        while let Some(at) = tag
            .as_bytes()
            .windows(NEEDLE.len())
            .position(|window| window.eq_ignore_ascii_case(NEEDLE))
        {
            let value_start = at + NEEDLE.len();
            let Some(value_len) = tag[value_start..].find('"') else {
                break;
            };
            let end = value_start + value_len + 1;
            let value = decode_entities(&tag[value_start..end - 1], true);
            let id = content_id_from_cid_url(&value);
            out.push_str(&tag[..at]);
            match replace(&id) {
                Some(attribute) => out.push_str(&attribute),
                None => out.push_str(&tag[at..end]),
            }
            tag = &tag[end..];
        }
        out.push_str(tag);
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// [`map_cid_sources`] dropping the `src` of each image whose Content-ID `keep` refuses: the
/// image shows its alt text, not a reference nothing answers.
pub(crate) fn drop_cid_images(html: &str, keep: impl Fn(&str) -> bool) -> String {
    map_cid_sources(html, |id| (!keep(id)).then(String::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cid_references_are_found_and_decoded() {
        let html = r#"<img src="cid:logo@x"><img src='CID:a%40b'> acid:no <a href="cid:logo@x">"#;
        assert_eq!(
            cid_references(html),
            vec!["logo@x".to_owned(), "a@b".to_owned()]
        );
    }

    #[test]
    fn only_hex_digits_make_an_escape() {
        assert_eq!(content_id_from_cid_url("a%2b%+fc%4"), "a+%+fc%4");
        assert_eq!(hex_pair(b'+', b'f'), None);
    }

    #[test]
    fn images_whose_part_cannot_come_along_lose_their_source() {
        let html = r#"<p><img src="cid:logo@x" alt="logo"><img src="cid:lo%20go" alt="b"><img src="cid:a&amp;b"></p>"#;
        let kept = drop_cid_images(html, |id| id == "logo@x");
        assert_eq!(
            kept,
            r#"<p><img src="cid:logo@x" alt="logo"><img alt="b"><img></p>"#
        );
        assert_eq!(
            drop_cid_images(html, |id| id == "a&b" || id == "lo go"),
            r#"<p><img alt="logo"><img src="cid:lo%20go" alt="b"><img src="cid:a&amp;b"></p>"#
        );
    }
}
