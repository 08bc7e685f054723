//! The part of a whole HTML document that can go inside another: what the writer of a reply
//! wrote, spliced into the reply's `<div>` above the quote.

use super::tokenizer::{Token, Tokenizer};

/// The contents of `html`'s `<body>`, followed by anything written after `</body>` or
/// `</html>` (which browsers show as part of the body); `None` when `html` has no `<body>` tag
/// and so is a fragment already.
///
/// A whole document inside a `<div>` would put a doctype, `<html>` and `<head>` in the middle
/// of the reply and the quote after `</html>`. The head goes, its styles too: a style sheet
/// applies to the whole message, and would restyle the quoted parent below.
pub(crate) fn body_fragment(html: &str) -> Option<String> {
    let mut tokens = Tokenizer::new(html);
    let mut body = None;
    let mut body_end = None;
    loop {
        let before = tokens.offset();
        let Some(token) = tokens.next() else {
            break;
        };
        match (&token, body) {
            (Token::Start(tag), None) if tag.name == "body" => body = Some(tokens.offset()),
            (Token::End(name), Some(_)) if name == "body" || name == "html" => {
                body_end.get_or_insert((before, tokens.offset()));
            }
            _ => {}
        }
    }
    let start = body?;
    let mut fragment = String::new();
    match body_end {
        Some((end, after)) => {
            fragment.push_str(&html[start..end]);
            fragment.push_str(after_end_tags(&html[after..]));
        }
        None => fragment.push_str(&html[start..]),
    }
    Some(fragment)
}

/// `tail` without the blanks and `</body>` or `</html>` end tags it starts with, and without
/// the blanks it ends with.
fn after_end_tags(mut tail: &str) -> &str {
    loop {
        tail = tail.trim();
        let Some(prefix) = tail.get(..6) else {
            return tail;
        };
        if !prefix.eq_ignore_ascii_case("</body") && !prefix.eq_ignore_ascii_case("</html") {
            return tail;
        }
        match tail.find('>') {
            Some(end) => tail = &tail[end + 1..],
            None => return "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_gives_its_body_without_its_head() {
        let document = "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title>\
                        <style>p{color:red}</style></head><body class=x><p>Hi</p></body></html>";
        assert_eq!(body_fragment(document).as_deref(), Some("<p>Hi</p>"));
        // What follows the end tags belongs to the body, as browsers show it.
        assert_eq!(
            body_fragment("<html><body><p>a</p></body></html>\n<p>PS</p>\n").as_deref(),
            Some("<p>a</p><p>PS</p>")
        );
        assert_eq!(
            body_fragment("<body><p>a</p></BODY>\n</Html >\n").as_deref(),
            Some("<p>a</p>")
        );
        // Without the end tags, the body runs to the end.
        assert_eq!(body_fragment("<body><b>x</b>").as_deref(), Some("<b>x</b>"));
        // A "<body>" inside a style or a comment is no body tag.
        assert_eq!(body_fragment("<p>a</p><!-- <body> -->"), None);
        assert_eq!(
            body_fragment("<style>x{content:'<body>'}</style><p>a</p>"),
            None
        );
        assert_eq!(body_fragment("<p>just a fragment</p>"), None);
    }
}
