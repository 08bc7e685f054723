//! RFC 2047 encoded words in a charset other than UTF-8, rewritten as UTF-8 encoded words so
//! that mail-parser decodes them without charset tables of its own.

use std::borrow::Cow;

use encodify::base64::STANDARD;

use super::{PlatformDecoder, left_to_mail_parser};

/// The longest encoded word read. RFC 2047 allows 75 octets; senders go over, but not far.
/// The cap also bounds the work done for each `=?` in a hostile header.
const MAX_WORD: usize = 256;

/// Header blocks larger than this are left to mail-parser as they are.
const MAX_BLOCK: usize = 256 * 1024;

/// `bytes` with the encoded words inside the given header blocks (sorted byte ranges)
/// rewritten; borrowed when there is nothing to rewrite. Adjacent words in the same charset
/// are decoded together, since senders split multi-byte characters across words.
pub(super) fn to_utf8<'a>(
    bytes: &'a [u8],
    header_blocks: &[(usize, usize)],
    decoder: PlatformDecoder,
) -> Cow<'a, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    for &(start, end) in header_blocks {
        let end = end.min(bytes.len());
        if end.saturating_sub(start) > MAX_BLOCK {
            continue;
        }
        let mut at = start.max(copied);
        while at < end {
            let Some(found) = find(&bytes[at..end], b"=?") else {
                break;
            };
            let run_start = at + found;
            let Some((run_end, charset, payload)) = run(bytes, run_start, end) else {
                at = run_start + 2;
                continue;
            };
            let text = (!left_to_mail_parser(&charset))
                .then(|| decoder(&charset, &payload))
                .flatten();
            if let Some(text) = text {
                let out = out.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
                out.extend_from_slice(&bytes[copied..run_start]);
                out.extend_from_slice(b"=?utf-8?b?");
                STANDARD.encode_append(text, out);
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
        let gap = bytes[run_end..end]
            .iter()
            .take_while(|b| b" \t\r\n".contains(b))
            .count();
        match word(bytes, run_end + gap, end) {
            Some((word_end, next_charset, more)) if next_charset.eq_ignore_ascii_case(&charset) => {
                payload.extend_from_slice(&more);
                run_end = word_end;
            }
            _ => return Some((run_end, charset, payload)),
        }
    }
}

/// One encoded word `=?charset[*language]?B|Q?text?=` at `start`: its end, charset and
/// decoded bytes. Lines folded inside the text are tolerated, as mail-parser does.
fn word(bytes: &[u8], start: usize, end: usize) -> Option<(usize, String, Vec<u8>)> {
    let window = bytes.get(start..end.min(start + MAX_WORD))?;
    let rest = window.strip_prefix(b"=?")?;
    let charset_end = rest.iter().position(|&b| b == b'?')?;
    let token = &rest[..charset_end];
    if token.is_empty() || !token.iter().all(|&b| is_token_byte(b)) {
        return None;
    }
    let charset = std::str::from_utf8(token).ok()?.split('*').next()?;
    if charset.is_empty() || rest.get(charset_end + 2) != Some(&b'?') {
        return None;
    }
    let encoding = rest[charset_end + 1];
    let text_start = charset_end + 3;
    let text_len = find(&rest[text_start..], b"?=")?;
    let text = unfold(&rest[text_start..text_start + text_len])?;
    let payload = match encoding {
        b'B' | b'b' => {
            let compact: Vec<u8> = text.into_iter().filter(|b| *b != b' ').collect();
            mail_parser::decoders::base64::base64_decode(&compact)?
        }
        b'Q' | b'q' => q_decode(&text)?,
        _ => return None,
    };
    Some((
        start + 2 + text_start + text_len + 2,
        charset.to_owned(),
        payload,
    ))
}

/// The text with folds (CRLF or LF, then a space or tab) taken out; `None` for a line break
/// that is not a fold, which ends the header.
fn unfold(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.iter().peekable();
    while let Some(&b) = bytes.next() {
        match b {
            b'\r' => {}
            b'\n' => match bytes.next() {
                Some(b' ' | b'\t') => {}
                _ => return None,
            },
            b'\t' => out.push(b' '),
            other => out.push(other),
        }
    }
    Some(out)
}

/// RFC 2047 2: a charset token is ASCII without spaces, controls and especials (`.` is let
/// through: `ANSI_X3.4-1968` is a charset name senders use).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !b"()<>@,;:\"/[]?=".contains(&b)
}

/// RFC 2047 4.2: `_` is a space, `=XX` a byte.
fn q_decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.iter();
    while let Some(&b) = bytes.next() {
        out.push(match b {
            b'_' => b' ',
            b'=' => crate::html::hex_pair(*bytes.next()?, *bytes.next()?)?,
            other => other,
        });
    }
    Some(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ISO-8859-1 under the label `latin1`, nothing else: enough to see what was decoded.
    fn latin1(label: &str, bytes: &[u8]) -> Option<String> {
        (label.eq_ignore_ascii_case("latin1"))
            .then(|| bytes.iter().map(|&b| char::from(b)).collect())
    }

    fn rewrite(header: &str) -> String {
        let bytes = header.as_bytes();
        String::from_utf8(to_utf8(bytes, &[(0, bytes.len())], latin1).into_owned()).unwrap()
    }

    fn b(text: &str) -> String {
        format!("=?utf-8?b?{}?=", STANDARD.encode(text))
    }

    #[test]
    fn q_and_b_words_with_language_tags_become_utf8_words() {
        assert_eq!(
            rewrite("Subject: =?latin1?Q?Gr=FC=DFe_aus?= K\r\n"),
            format!("Subject: {} K\r\n", b("Grüße aus"))
        );
        assert_eq!(
            rewrite("Subject: =?LATIN1*de?B?R3L832U=?=\r\n"),
            format!("Subject: {}\r\n", b("Grüße"))
        );
    }

    #[test]
    fn adjacent_words_in_one_charset_are_decoded_together() {
        assert_eq!(
            rewrite("Subject: =?latin1?Q?a?=\r\n =?latin1?Q?b?= =?utf-8?Q?c?= =?latin1?Q?d?=\r\n"),
            format!("Subject: {} =?utf-8?Q?c?= {}\r\n", b("ab"), b("d"))
        );
    }

    #[test]
    fn folds_inside_a_word_are_tolerated() {
        assert_eq!(
            rewrite("Subject: =?latin1?B?R3L8\r\n 32U=?=\r\n"),
            format!("Subject: {}\r\n", b("Grüße"))
        );
    }

    #[test]
    fn what_is_not_a_word_stays_as_written() {
        for header in [
            "Subject: =?latin1?B?not base64!?=\r\n",
            "Subject: =?latin1?X?abc?=\r\n",
            "Subject: =?latin1?Q?=F?=\r\n",
            "Subject: =??Q?abc?=\r\n",
            "Subject: =?unknown?Q?abc?=\r\n",
            "Subject: =?utf-8?Q?caf=C3=A9?=\r\n",
            // A line break that is not a fold ends the header, and no word spans it.
            "Subject: =?latin1?Q?a\r\nX-Other: b?=\r\n",
            "Subject: =?latin1*\r\nX-Other: y?Q?a?=\r\n",
        ] {
            assert_eq!(rewrite(header), header);
        }
        let long = format!("Subject: =?latin1?Q?{}?=\r\n", "a".repeat(MAX_WORD));
        assert_eq!(rewrite(&long), long);
    }

    #[test]
    fn only_header_blocks_are_touched() {
        let message = "Subject: =?latin1?Q?=E9?=\r\n\r\nbody =?latin1?Q?=E9?=\r\n";
        let header_end = message.find("\r\n\r\n").unwrap() + 4;
        let out = to_utf8(message.as_bytes(), &[(0, header_end)], latin1);
        assert_eq!(
            String::from_utf8(out.into_owned()).unwrap(),
            format!("Subject: {}\r\n\r\nbody =?latin1?Q?=E9?=\r\n", b("é"))
        );
    }
}
