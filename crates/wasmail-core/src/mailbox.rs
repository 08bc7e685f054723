//! Mailboxes: an [`Address`] with an optional display name, as in `"Doe, Jane" <jane@example.com>`.

mod list;

use std::fmt;
use std::str::FromStr;

use crate::address::is_atext;
use crate::address::{Address, AddressError};

pub use list::{format_list, invalid_entry, parse_list};

/// An address with an optional display name. The name never holds control characters
/// (CR, LF, NUL, ...), so it cannot break out of the header it is written into.
///
/// ```
/// use wasmail_core::mailbox::Mailbox;
///
/// let jane = Mailbox::parse("\"Doe, Jane\" <jane@example.com>").unwrap();
/// assert_eq!(jane.name(), Some("Doe, Jane"));
/// assert_eq!(jane.to_string(), "\"Doe, Jane\" <jane@example.com>");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mailbox {
    name: Option<String>,
    address: Address,
}

impl Mailbox {
    /// A mailbox with a display name. The name is trimmed and an empty one becomes `None`;
    /// a name holding a control character (CR, LF, NUL, TAB, ...) is refused.
    pub fn new(name: Option<String>, address: Address) -> Result<Mailbox, AddressError> {
        let name = match name {
            Some(name) => validate_name(name)?,
            None => None,
        };
        Ok(Mailbox { name, address })
    }

    /// Parses one mailbox: `Jane Doe <jane@example.com>`, `"Doe, Jane" <jane@example.com>`,
    /// `jane@example.com` or `jane@example.com (Jane Doe)`.
    pub fn parse(input: &str) -> Result<Mailbox, AddressError> {
        if input.trim().is_empty() {
            return Err(AddressError::Empty);
        }
        let mut mailboxes = parse_list(input)?;
        match mailboxes.len() {
            1 => Ok(mailboxes.remove(0)),
            _ => Err(AddressError::NotASingleMailbox),
        }
    }

    /// The quoted form of a mailbox whose display name holds a comma without quotes, such as
    /// `Doe, Jane <jane@example.com>`, which reads as two entries: for an error message to
    /// offer, beside the other reading (`Doe` meant as an address of its own). `None` when
    /// the input is not like that, or quoting would not make it valid.
    ///
    /// ```
    /// use wasmail_core::mailbox::Mailbox;
    /// assert_eq!(
    ///     Mailbox::quoting_suggestion("Doe, Jane <jane@example.com>").as_deref(),
    ///     Some(r#""Doe, Jane" <jane@example.com>"#)
    /// );
    /// assert_eq!(Mailbox::quoting_suggestion("jane@example.com"), None);
    /// assert_eq!(Mailbox::quoting_suggestion("bob@example.org, Jane <jane@example.com>"), None);
    /// ```
    pub fn quoting_suggestion(input: &str) -> Option<String> {
        let input = input.trim();
        let open = input.rfind('<')?;
        let name = input[..open].trim();
        // A name with an `@` is rather a list of addresses than one name.
        if !name.contains(',') || name.contains(['"', '@']) || !input.ends_with('>') {
            return None;
        }
        let suggestion = format!("\"{name}\" {}", &input[open..]);
        Mailbox::parse(&suggestion).ok().map(|_| suggestion)
    }

    /// For a name written before a bare address (`Jane Doe jane@example.com`), the form
    /// that parses: `Jane Doe <jane@example.com>`. `None` when the input is not of that shape,
    /// or looks rather like an address with a stray blank (`bob smith@example.org`): a
    /// one-word name must appear in the address's local part (`Jane jane@example.com`).
    ///
    /// ```
    /// use wasmail_core::mailbox::Mailbox;
    /// assert_eq!(
    ///     Mailbox::bracket_suggestion("Jane Doe jane@example.com").as_deref(),
    ///     Some("Jane Doe <jane@example.com>")
    /// );
    /// assert_eq!(Mailbox::bracket_suggestion("jane@example.com"), None);
    /// assert_eq!(Mailbox::bracket_suggestion("a@x.example b@x.example"), None);
    /// assert_eq!(Mailbox::bracket_suggestion("bob smith@example.org"), None);
    /// assert!(Mailbox::bracket_suggestion("Jane jane.doe@example.com").is_some());
    /// ```
    pub fn bracket_suggestion(input: &str) -> Option<String> {
        let input = input.trim();
        if input.contains(['<', '>', ',', '"']) {
            return None;
        }
        let (name, address) = input.rsplit_once(char::is_whitespace)?;
        let name = name.trim();
        let Ok(parsed) = Address::parse(address) else {
            return None;
        };
        if name.is_empty() || name.contains('@') {
            return None;
        }
        let one_word = !name.contains(char::is_whitespace);
        // ASCII case folding: Unicode's tables would cost the browser build 8 kB.
        let local = parsed.local_part().to_ascii_lowercase();
        if one_word && !local.contains(&name.to_ascii_lowercase()) {
            return None;
        }
        let suggestion = format!("{name} <{address}>");
        Mailbox::parse(&suggestion).ok().map(|_| suggestion)
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address.
    pub fn address(&self) -> &Address {
        &self.address
    }

    /// Splits the mailbox into its name and address.
    pub fn into_parts(self) -> (Option<String>, Address) {
        (self.name, self.address)
    }
}

fn validate_name(name: String) -> Result<Option<String>, AddressError> {
    if let Some((position, ch)) = name.char_indices().find(|(_, ch)| ch.is_control()) {
        return Err(AddressError::ControlChar { ch, position });
    }
    let trimmed = name.trim();
    Ok(match trimmed.len() {
        0 => None,
        len if len == name.len() => Some(name),
        _ => Some(trimmed.to_owned()),
    })
}

impl From<Address> for Mailbox {
    fn from(address: Address) -> Mailbox {
        Mailbox {
            name: None,
            address,
        }
    }
}

impl FromStr for Mailbox {
    type Err = AddressError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mailbox::parse(s)
    }
}

/// RFC 5322 (with RFC 6532 UTF-8) form: the name as a phrase, quoted when it holds anything
/// but atoms separated by single spaces.
impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(name) = &self.name else {
            return write!(f, "{}", self.address);
        };
        if is_plain_phrase(name) {
            write!(f, "{name} <{}>", self.address)
        } else {
            write_quoted(f, name)?;
            write!(f, " <{}>", self.address)
        }
    }
}

/// `text` as an RFC 5322 quoted-string: in double quotes, `"` and `\` escaped.
pub(crate) fn write_quoted(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    out.write_char('"')?;
    for ch in text.chars() {
        if ch == '"' || ch == '\\' {
            out.write_char('\\')?;
        }
        out.write_char(ch)?;
    }
    out.write_char('"')
}

/// Whether the name can be written unquoted: words of atext separated by single spaces.
fn is_plain_phrase(name: &str) -> bool {
    name.split(' ')
        .all(|word| !word.is_empty() && word.chars().all(is_atext))
}
