//! The part of a whole HTML document that can go inside another: what the writer of a reply
//! wrote, spliced into the reply's `<div>` above the quote.

use super::tokenizer::{Token, Tokenizer};

/// The contents of `html`'s `<body>`, after the `<style>` elements of its head (which clients
/// that keep styles apply wherever they stand); `None` when `html` has no `<body>` tag and so
/// is a fragment already.
///
/// A whole document inside a `<div>` would put a doctype, `<html>` and `<head>` in the middle
/// of the reply and the quote after `</html>`.
pub(crate) fn body_fragment(html: &str) -> Option<String> {
    let mut tokens = Tokenizer::new(html);
    let mut styles = String::new();
    let mut style_start = None;
    let mut body = None;
    loop {
        let before = tokens.offset();
        let Some(token) = tokens.next() else {
            break;
        };
        match (&token, body) {
            (Token::Start(tag), None) if tag.name == "body" => body = Some(tokens.offset()),
            (Token::Start(tag), None) if tag.name == "style" => style_start = Some(before),
            (Token::End(name), None) if name == "style" => {
                if let Some(start) = style_start.take() {
                    styles.push_str(&html[start..tokens.offset()]);
                }
            }
            (Token::End(name), Some(start)) if name == "body" || name == "html" => {
                return Some(styles + &html[start..before]);
            }
            _ => {}
        }
    }
    body.map(|start| styles + &html[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_gives_its_body_and_head_styles() {
        let document = "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title>\
                        <style>p{color:red}</style></head><body class=x><p>Hi</p></body></html>";
        assert_eq!(
            body_fragment(document).as_deref(),
            Some("<style>p{color:red}</style><p>Hi</p>")
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
