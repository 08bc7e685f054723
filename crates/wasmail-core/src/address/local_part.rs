//! The local part of an address: a dot-atom or a quoted string (RFC 5321 4.1.2, RFC 6531).

use super::AddressError;

/// RFC 5321 4.5.3.1.1: a local part is at most 64 octets.
const MAX_LOCAL_OCTETS: usize = 64;

/// Validates a local part and returns its canonical wire form: quotes are dropped when the
/// content is a valid dot-atom (RFC 5321 asks senders not to quote needlessly).
pub(crate) fn parse(input: &str) -> Result<String, AddressError> {
    if input.is_empty() {
        return Err(AddressError::EmptyLocalPart);
    }
    let wire = if input.starts_with('"') {
        let content = unquote(input)?;
        if is_dot_atom(&content) {
            content
        } else {
            quote(&content)
        }
    } else {
        check_dot_atom(input)?;
        input.to_owned()
    };
    if wire.len() > MAX_LOCAL_OCTETS {
        return Err(AddressError::LocalPartTooLong { octets: wire.len() });
    }
    Ok(wire)
}

/// RFC 5322 atext, plus any non-ASCII character (RFC 6532 UTF8-non-ascii).
pub(crate) fn is_atext(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(ch) || is_utf8_non_ascii(ch)
}

/// Non-ASCII characters that are not controls or whitespace (those are never allowed).
fn is_utf8_non_ascii(ch: char) -> bool {
    !ch.is_ascii() && !ch.is_control() && !ch.is_whitespace()
}

fn is_dot_atom(text: &str) -> bool {
    check_dot_atom(text).is_ok()
}

fn check_dot_atom(text: &str) -> Result<(), AddressError> {
    let mut previous_dot = true; // a leading dot is as wrong as a doubled one
    for (position, ch) in text.char_indices() {
        if ch == '.' {
            if previous_dot {
                return Err(AddressError::MisplacedDot { position });
            }
            previous_dot = true;
        } else if is_atext(ch) {
            previous_dot = false;
        } else {
            return Err(AddressError::char_error(ch, position));
        }
    }
    if previous_dot {
        return Err(AddressError::MisplacedDot {
            position: text.len() - 1,
        });
    }
    Ok(())
}

/// Decodes `"..."`: qtextSMTP and quoted-pairSMTP only, so no control characters at all.
fn unquote(input: &str) -> Result<String, AddressError> {
    let mut content = String::with_capacity(input.len());
    let mut chars = input.char_indices().skip(1);
    while let Some((position, ch)) = chars.next() {
        match ch {
            '"' if position + 1 == input.len() => return Ok(content),
            '"' => return Err(AddressError::UnexpectedChar { ch, position }),
            '\\' => match chars.next() {
                Some((_, escaped @ ' '..='~')) => content.push(escaped),
                Some((position, escaped)) => {
                    return Err(AddressError::char_error(escaped, position));
                }
                None => break,
            },
            ' ' | '!'..='~' => content.push(ch),
            ch if is_utf8_non_ascii(ch) => content.push(ch),
            ch => return Err(AddressError::char_error(ch, position)),
        }
    }
    Err(AddressError::UnterminatedQuote)
}

fn quote(content: &str) -> String {
    let mut quoted = String::with_capacity(content.len() + 2);
    quoted.push('"');
    for ch in content.chars() {
        if ch == '"' || ch == '\\' {
            quoted.push('\\');
        }
        quoted.push(ch);
    }
    quoted.push('"');
    quoted
}
