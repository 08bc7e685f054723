//! Address lists as people type them and as headers carry them (RFC 5322 3.4): mailboxes
//! separated by commas, quoted names holding commas, comments, and groups.

use std::ops::Range;

use super::Mailbox;
use crate::address::{Address, AddressError};

/// Mailboxes as a header would list them: each as displayed, separated by `, `. The result
/// parses back with [`parse_list`] to the same mailboxes.
///
/// ```
/// use wasmail_core::mailbox::{Mailbox, format_list, parse_list};
/// let list = parse_list(r#""Doe, Jane" <jane@example.com>, bob@example.org"#).unwrap();
/// assert_eq!(format_list(&list), r#""Doe, Jane" <jane@example.com>, bob@example.org"#);
/// ```
pub fn format_list(mailboxes: &[Mailbox]) -> String {
    mailboxes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses an address list such as `Jane <jane@example.com>, "Doe, John" <john@example.com>`.
///
/// Comments are dropped (a comment stands in for a missing display name, as in
/// `jane@example.com (Jane)`), groups are flattened into their members (`Team: a@x, b@x;`),
/// and empty entries are skipped. An empty input gives an empty list.
///
/// ```
/// use wasmail_core::mailbox::parse_list;
///
/// let list = parse_list("\"Doe, Jane\" <jane@x.example>, bob@y.example").unwrap();
/// assert_eq!(list.len(), 2);
/// assert_eq!(list[0].name(), Some("Doe, Jane"));
/// ```
pub fn parse_list(input: &str) -> Result<Vec<Mailbox>, AddressError> {
    let mut mailboxes = Vec::new();
    for item in split_items(input)? {
        if let Some(mailbox) = parse_item(&input[item.clone()], item.start)? {
            mailboxes.push(mailbox);
        }
    }
    Ok(mailboxes)
}

/// The first entry of a list that is no valid mailbox, with what is wrong with it (positions
/// count from the start of the entry): for error messages that name the one entry of a long
/// list the writer has to fix. `None` when every entry is valid, or when the list cannot be
/// split into entries at all (a control character; [`parse_list`] reports that).
///
/// ```
/// use wasmail_core::mailbox::invalid_entry;
/// let (text, _error) = invalid_entry("a@x.example, bob smith@x.example, c@x.example").unwrap();
/// assert_eq!(text, "bob smith@x.example");
/// ```
pub fn invalid_entry(input: &str) -> Option<(&str, AddressError)> {
    let items = split_items(input).ok()?;
    items.into_iter().find_map(|item| {
        let text = &input[item];
        let trimmed = text.trim();
        let leading = text.len() - text.trim_start().len();
        parse_item(trimmed, 0)
            .err()
            .map(|error| (&text[leading..leading + trimmed.len()], error))
    })
}

/// Where we are inside an entry while splitting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nesting {
    TopLevel,
    Quoted,
    Comment(u32),
    Angle,
    Literal,
}

/// Splits at top-level `,` (between entries), `:` (after a group name, which is dropped) and
/// `;` (end of a group), honouring quotes, comments, `<...>` and `[...]`.
fn split_items(input: &str) -> Result<Vec<Range<usize>>, AddressError> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut nesting = Nesting::TopLevel;
    // Where the open group's ':' is: a group must end with ';', or the colon was meant as
    // part of a name, and dropping the name before it would lose words silently.
    let mut open_group = None;
    let mut chars = input.char_indices();
    while let Some((position, ch)) = chars.next() {
        if ch.is_control() && ch != '\t' {
            return Err(AddressError::ControlChar { ch, position });
        }
        nesting = match (nesting, ch) {
            (Nesting::Quoted | Nesting::Comment(_), '\\') => {
                if let Some((position, ch)) = chars.next().filter(|(_, ch)| ch.is_control()) {
                    return Err(AddressError::ControlChar { ch, position });
                }
                nesting
            }
            (Nesting::TopLevel, '"') => Nesting::Quoted,
            (Nesting::Quoted, '"') => Nesting::TopLevel,
            (Nesting::Angle, '"') => Nesting::Angle, // quoted local parts are checked later
            (Nesting::TopLevel, '(') => Nesting::Comment(1),
            (Nesting::Comment(depth), '(') => Nesting::Comment(depth + 1),
            (Nesting::Comment(1), ')') => Nesting::TopLevel,
            (Nesting::Comment(depth), ')') => Nesting::Comment(depth - 1),
            (Nesting::TopLevel, '<') => Nesting::Angle,
            (Nesting::Angle, '>') => Nesting::TopLevel,
            (Nesting::TopLevel, '[') => Nesting::Literal,
            (Nesting::Literal, ']') => Nesting::TopLevel,
            (Nesting::TopLevel, ',' | ';') => {
                if ch == ';' {
                    open_group = None;
                }
                items.push(start..position);
                start = position + 1;
                nesting
            }
            (Nesting::TopLevel, ':') => {
                open_group = Some(position);
                start = position + 1; // the group's name is not a mailbox
                nesting
            }
            _ => nesting,
        };
    }
    match nesting {
        Nesting::TopLevel => {}
        Nesting::Quoted => return Err(AddressError::UnterminatedQuote),
        Nesting::Comment(_) => return Err(AddressError::UnterminatedComment),
        Nesting::Angle => return Err(AddressError::UnclosedAngleBracket),
        Nesting::Literal => return Err(AddressError::InvalidAddressLiteral),
    }
    if let Some(position) = open_group {
        return Err(AddressError::UnclosedGroup { position });
    }
    items.push(start..input.len());
    Ok(items)
}

/// Parses one entry; `offset` is its position in the whole input, for error positions.
fn parse_item(item: &str, offset: usize) -> Result<Option<Mailbox>, AddressError> {
    let (text, comment) = blank_comments(item);
    if text.trim().is_empty() {
        return Ok(None);
    }
    let (name, address) = match find_unquoted(&text, '<') {
        Some(open) => {
            let close = text[open..].find('>').map(|i| open + i);
            let close = close.ok_or(AddressError::UnclosedAngleBracket)?;
            if let Some(extra) = text[close + 1..].find(|c: char| !c.is_whitespace()) {
                let position = offset + close + 1 + extra;
                let ch = text[close + 1 + extra..].chars().next().unwrap_or('>');
                return Err(AddressError::UnexpectedChar { ch, position });
            }
            let address = parse_trimmed(&text[open + 1..close], offset + open + 1)?;
            (decode_phrase(&text[..open]), address)
        }
        None => (comment, parse_trimmed(&text, offset)?),
    };
    Mailbox::new(name, address).map(Some)
}

fn parse_trimmed(text: &str, offset: usize) -> Result<Address, AddressError> {
    let leading = text.len() - text.trim_start().len();
    Address::parse(text.trim()).map_err(|e| e.shifted(offset + leading))
}

/// Replaces comments outside quotes by spaces of the same byte length (so positions still
/// point into the original input) and returns the first comment's text.
fn blank_comments(item: &str) -> (String, Option<String>) {
    let mut text = String::with_capacity(item.len());
    let mut comments: Vec<String> = Vec::new();
    let mut depth = 0u32;
    let mut quoted = false;
    let mut escaped = false;
    for ch in item.chars() {
        let was_in_comment = depth > 0;
        let is_escape = !escaped && ch == '\\' && (quoted || was_in_comment);
        if escaped {
            escaped = false;
        } else if is_escape {
            escaped = true;
        } else if ch == '"' && !was_in_comment {
            quoted = !quoted;
        } else if ch == '(' && !quoted {
            depth += 1;
            if depth == 1 {
                comments.push(String::new());
            }
        } else if ch == ')' && was_in_comment {
            depth -= 1;
        }
        let inside = was_in_comment && depth > 0;
        if inside
            && !is_escape
            && let Some(comment) = comments.last_mut()
        {
            comment.push(ch);
        }
        if was_in_comment || depth > 0 {
            text.extend(std::iter::repeat_n(' ', ch.len_utf8()));
        } else {
            text.push(ch);
        }
    }
    let first = comments
        .into_iter()
        .map(|c| c.trim().to_owned())
        .find(|c| !c.is_empty());
    (text, first)
}

fn find_unquoted(text: &str, wanted: char) -> Option<usize> {
    let mut quoted = false;
    let mut escaped = false;
    for (position, ch) in text.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            _ if ch == wanted && !quoted => return Some(position),
            _ => {}
        }
    }
    None
}

/// A display name: quoted strings unquoted, runs of whitespace collapsed to one space.
fn decode_phrase(phrase: &str) -> Option<String> {
    let mut name = String::with_capacity(phrase.len());
    let mut quoted = false;
    let mut escaped = false;
    let mut pending_space = false;
    for ch in phrase.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => {
                escaped = true;
                continue;
            }
            '"' => {
                quoted = !quoted;
                continue;
            }
            c if c.is_whitespace() && !quoted => {
                pending_space = true;
                continue;
            }
            _ => {}
        }
        if pending_space && !name.is_empty() {
            name.push(' ');
        }
        pending_space = false;
        name.push(ch);
    }
    (!name.is_empty()).then_some(name)
}
