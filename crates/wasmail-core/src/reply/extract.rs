//! Reading the parts of a parsed message that replying, forwarding and viewing need, leniently:
//! a malformed header loses only the values that cannot be read, never the whole message.

use mail_parser::{MessagePart, MimeHeaders, PartType};

use crate::address::Address;
use crate::html::html_to_text;
use crate::mailbox::Mailbox;
use crate::message::MessageId;

use super::flowed::unflow;
use super::parent::ParentAttachment;

/// The mailboxes of an address header, without those whose address is not valid.
///
/// A display name with control characters (a folded name decoded badly) has them turned into
/// spaces rather than losing the mailbox.
pub(crate) fn mailboxes(header: Option<&mail_parser::Address<'_>>) -> Vec<Mailbox> {
    let Some(header) = header else {
        return Vec::new();
    };
    header
        .iter()
        .filter_map(|addr| {
            let address = Address::parse(addr.address()?.trim()).ok()?;
            let name = addr.name().map(|name| name.replace(char::is_control, " "));
            Some(Mailbox::new(name, address.clone()).unwrap_or_else(|_| address.into()))
        })
        .collect()
}

/// The first name and address of an address header as written, valid or not, for showing
/// who wrote a message when its From cannot be used as a recipient.
pub(crate) fn first_raw_sender(
    header: Option<&mail_parser::Address<'_>>,
) -> (Option<String>, Option<String>) {
    let first = header.and_then(|header| header.first());
    let clean = |text: Option<&str>| {
        text.map(|text| text.replace(char::is_control, " ").trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    (
        clean(first.and_then(|a| a.name())),
        clean(first.and_then(|a| a.address())),
    )
}

/// The message identifiers of a Message-ID, In-Reply-To or References header, read from the
/// header as written: `<id>` groups, or a field that is one bare `left@right` word, as some
/// mailers write it.
///
/// An identifier that is not valid as it stands (`<first half@x>`, `<"quoted local"@x>`) is
/// dropped whole, and words outside brackets are no identifiers when the field holds more
/// (the old `In-Reply-To: bob@example.org's message of ...`): reading leniently would make up
/// an identifier that never existed and could thread the reply with an unrelated message.
/// Comments and quoted strings are skipped.
pub(crate) fn message_ids(raw: Option<&str>) -> Vec<MessageId> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    let bare = raw.trim();
    if !bare.is_empty() && !bare.contains(['<', ' ', '\t', '\r', '\n', '(', '"']) {
        return MessageId::parse(bare)
            .ok()
            .filter(|_| bare.contains('@'))
            .into_iter()
            .collect();
    }
    let mut ids = Vec::new();
    let mut rest = raw;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            return ids;
        };
        match first {
            '<' => {
                let Some(end) = rest.find('>') else {
                    return ids; // unclosed: nothing after it can be trusted
                };
                if let Ok(id) = MessageId::parse(&rest[..=end]) {
                    ids.push(id);
                }
                rest = &rest[end + 1..];
            }
            '(' => rest = after_comment(rest),
            '"' => rest = after_quoted(rest),
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '(' | '"'))
                    .unwrap_or(rest.len());
                rest = &rest[end..];
            }
        }
    }
}

/// The text after the quoted string `text` starts with (a backslash quotes).
fn after_quoted(text: &str) -> &str {
    let mut escaped = false;
    for (index, ch) in text.char_indices().skip(1) {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return &text[index + 1..],
            _ => {}
        }
    }
    ""
}

/// The text after the comment `text` starts with (comments nest; a backslash quotes).
fn after_comment(text: &str) -> &str {
    let mut depth = 0usize;
    let mut escaped = false;
    for (index, ch) in text.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[index + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// The plain-text body: every text part shown as text, joined; HTML-only messages are
/// converted to text by [`html_to_text`], which reads the same on every target.
pub(crate) fn text_body(message: &mail_parser::Message<'_>) -> Option<String> {
    let parts: Vec<String> = (0..message.text_body_count())
        .filter_map(|index| message.text_part(index as u32))
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(match flowed(part) {
                Some(delsp) => unflow(text, delsp),
                None => text.to_string(),
            }),
            PartType::Html(html) => Some(html_to_text(html)),
            _ => None,
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// For a `format=flowed` part (RFC 3676), whether it is `delsp=yes`; `None` for fixed text.
fn flowed(part: &MessagePart<'_>) -> Option<bool> {
    let content_type = part.content_type()?;
    let is = |name: &str, value: &str| {
        content_type
            .attribute(name)
            .is_some_and(|found| found.trim().eq_ignore_ascii_case(value))
    };
    is("format", "flowed").then(|| is("delsp", "yes"))
}

/// The HTML body as sent (unsanitised), or `None` when the message has no HTML part.
pub(crate) fn html_body(message: &mail_parser::Message<'_>) -> Option<String> {
    let has_html = message.html_bodies().any(|part| part.is_text_html());
    if !has_html {
        return None;
    }
    let parts: Vec<String> = (0..message.html_body_count())
        .filter_map(|index| message.body_html(index))
        .map(|html| html.into_owned())
        .collect();
    Some(parts.join("\n"))
}

/// Every attachment and inline part, with its bytes decoded.
pub(crate) fn attachments(message: &mail_parser::Message<'_>) -> Vec<ParentAttachment> {
    message.attachments().map(attachment).collect()
}

fn attachment(part: &MessagePart<'_>) -> ParentAttachment {
    let media_type = part
        .content_type()
        .map(|ct| match &ct.c_subtype {
            Some(subtype) => format!("{}/{}", ct.c_type, subtype),
            None => ct.c_type.to_string(),
        })
        .unwrap_or_else(|| default_media_type(part).to_owned())
        .to_ascii_lowercase();
    let content_id = part.content_id().map(|id| {
        let id = id.trim();
        id.strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .unwrap_or(id)
            .to_owned()
    });
    let disposition_inline = part
        .content_disposition()
        .map(|cd| cd.c_type.eq_ignore_ascii_case("inline"));
    ParentAttachment {
        filename: part
            .attachment_name()
            .map(|name| name.replace(char::is_control, " ")),
        inline: disposition_inline.unwrap_or(content_id.is_some()),
        media_type,
        content_id,
        bytes: part.contents().to_vec(),
    }
}

/// RFC 2045 5.2 and RFC 2046 5.2.1: what an unlabelled part is.
fn default_media_type(part: &MessagePart<'_>) -> &'static str {
    match part.body {
        PartType::Message(_) => "message/rfc822",
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod message_id_tests {
    use super::*;

    fn ids(raw: &str) -> Vec<String> {
        message_ids(Some(raw))
            .iter()
            .map(|id| id.as_str().to_owned())
            .collect()
    }

    #[test]
    fn identifiers_are_read_as_written_and_invalid_ones_dropped_whole() {
        assert_eq!(ids(" <a@x>\r\n\t<b@y> "), ["a@x", "b@y"]);
        // Never a made-up "half@x" from "<first half@x>", nor `local"@x` from a quoted one.
        assert_eq!(ids("<first half@x> <c@x>"), ["c@x"]);
        assert_eq!(ids("<\"quoted local\"@x> <d@x>"), ["d@x"]);
        // A field that is one bare identifier, as some mailers write it; comments and quoted
        // strings between identifiers.
        assert_eq!(ids(" e@x\r\n"), ["e@x"]);
        assert_eq!(
            ids("(a (nested) comment <f@x>) <g@x> \"<q@x>\" <r@x>"),
            ["g@x", "r@x"]
        );
        // Words beside other words are no identifiers: the old In-Reply-To phrase.
        assert_eq!(
            ids("bob@example.org's message of \"Mon, 1 Jan\" <m@x>"),
            ["m@x"]
        );
        assert!(ids("bob@example.org's message").is_empty());
        assert_eq!(ids("<h@x><i@x>"), ["h@x", "i@x"]);
        // Words without "@" are no identifiers; an unclosed bracket ends the list.
        assert_eq!(ids("see <j@x> above <k@x"), ["j@x"]);
        assert!(ids("").is_empty());
        assert!(message_ids(None).is_empty());
    }
}
