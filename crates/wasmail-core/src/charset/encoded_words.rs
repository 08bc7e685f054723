//! RFC 2047 encoded words in a charset other than UTF-8, rewritten as UTF-8 encoded words so
//! that mail-parser decodes them without its own charset tables.

use std::borrow::Cow;

use encodify::base64::STANDARD;

use super::{PlatformDecoder, is_utf8};

/// `bytes` with the encoded words inside the given header blocks (byte ranges) rewritten;
/// borrowed when there is nothing to rewrite. Adjacent words in the same charset are decoded
/// together, since senders split multi-byte characters across words.
pub(super) fn to_utf8<'a>(
    bytes: &'a [u8],
    header_blocks: &[(usize, usize)],
    decoder: PlatformDecoder,
) -> Cow<'a, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    for &(start, end) in header_blocks {
        let end = end.min(bytes.len());
        let mut at = start.max(copied);
        while let Some(found) = find(&bytes[at..end], b"=?") {
            let run_start = at + found;
            let Some((run_end, charset, payload)) = run(bytes, run_start, end) else {
                at = run_start + 2;
                continue;
            };
            let text = (!is_utf8(&charset))
                .then(|| decoder(&charset, &payload))
                .flatten();
            if let Some(text) = text {
                let out = out.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
                out.extend_from_slice(&bytes[copied..run_start]);
                out.extend_from_slice(b"=?utf-8?b?");
                out.extend_from_slice(STANDARD.encode(text).as_bytes());
                out.extend_from_slice(b"?=");
                copied = run_end;
            }
            at = run_end;
        }
    }
    match out {
        Some(mut out) => {
            out.extend_from_slice(&bytes[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(bytes),
    }
}

/// The encoded words from `start` on that share one charset and are separated by whitespace
/// only: where the run ends, the charset (language tag removed) and the decoded payload.
fn run(bytes: &[u8], start: usize, end: usize) -> Option<(usize, String, Vec<u8>)> {
    let (mut run_end, charset, mut payload) = word(bytes, start, end)?;
    loop {
        let next = run_end
            + bytes[run_end..end]
                .iter()
                .take_while(|b| b" \t\r\n".contains(b))
                .count();
        match word(bytes, next, end) {
            Some((word_end, next_charset, more)) if next_charset.eq_ignore_ascii_case(&charset) => {
                payload.extend_from_slice(&more);
                run_end = word_end;
            }
            _ => return Some((run_end, charset, payload)),
        }
    }
}

/// One encoded word `=?charset?B|Q?text?=` at `start`: its end, charset and decoded bytes.
fn word(bytes: &[u8], start: usize, end: usize) -> Option<(usize, String, Vec<u8>)> {
    let rest = bytes.get(start..end)?.strip_prefix(b"=?")?;
    // 75 octets at most per RFC 2047; some senders go over, so allow some slack.
    let rest = &rest[..rest.len().min(512)];
    let charset_end = rest.iter().position(|&b| b == b'?')?;
    let charset = std::str::from_utf8(&rest[..charset_end]).ok()?;
    let charset = charset.split('*').next()?.trim();
    let encoding = *rest.get(charset_end + 1)?;
    if rest.get(charset_end + 2) != Some(&b'?') || charset.is_empty() {
        return None;
    }
    let text_start = charset_end + 3;
    let text_len = find(&rest[text_start..], b"?=")?;
    let text = &rest[text_start..text_start + text_len];
    if text.iter().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let payload = match encoding {
        b'B' | b'b' => mail_parser::decoders::base64::base64_decode(text)?,
        b'Q' | b'q' => q_decode(text)?,
        _ => return None,
    };
    Some((
        start + 2 + text_start + text_len + 2,
        charset.to_owned(),
        payload,
    ))
}

/// RFC 2047 4.2: `_` is a space, `=XX` a byte.
fn q_decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.iter();
    while let Some(&b) = bytes.next() {
        out.push(match b {
            b'_' => b' ',
            b'=' => (nibble(*bytes.next()?)? << 4) | nibble(*bytes.next()?)?,
            other => other,
        });
    }
    Some(out)
}

fn nibble(hex: u8) -> Option<u8> {
    char::from(hex).to_digit(16).map(|digit| digit as u8)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
