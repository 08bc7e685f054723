//! A small HTML tokenizer following the WHATWG tokenization rules the sanitizer depends on.
//!
//! It yields start tags (lower-cased names, attributes with entities decoded, duplicates
//! dropped), end tags and text, and swallows comments, doctypes, CDATA and other markup
//! declarations as browsers do. After `script`, `style`, `textarea` and the like, everything up
//! to the matching end tag is one piece of text, as in a browser.
//!
//! Exactness matters less here than in a browser: the sanitizer re-serialises every token and
//! escapes all text, so a token read differently changes how a message looks, never what it
//! can do. Known simplifications: the script-data escape states (`<!--<script>` inside a
//! script) are not tracked, and a tag cut off by the end of input is dropped.

use super::entities::decode_entities;

/// Attributes past this many on one tag are read and dropped: no mail needs more, and it
/// keeps the duplicate check from growing with the square of a hostile tag's length.
const MAX_ATTRIBUTES: usize = 64;

/// One token of HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    /// `<name attr=value>`.
    Start(StartTag),
    /// `</name>`.
    End(String),
    /// Text, entities decoded.
    Text(String),
}

/// A start tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StartTag {
    /// Lower case.
    pub(crate) name: String,
    /// Names in lower case, values decoded, first occurrence of each name only.
    pub(crate) attributes: Vec<(String, String)>,
    /// Written `<name/>`.
    pub(crate) self_closing: bool,
}

/// Iterates over the tokens of `input`.
pub(crate) struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    /// After a raw-text element's start tag: its name, whose end tag ends the text.
    raw_text_until: Option<String>,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(input: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            input,
            pos: 0,
            raw_text_until: None,
        }
    }

    /// How far the tokenizer has read: the byte offset where the next token starts.
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        self.input.as_bytes().get(self.pos + offset).copied()
    }

    /// Moves past the next `needle`, or to the end; returns whether it was found.
    fn skip_past(&mut self, needle: &str) -> bool {
        match self.rest().find(needle) {
            Some(at) => {
                self.pos += at + needle.len();
                true
            }
            None => {
                self.pos = self.input.len();
                false
            }
        }
    }

    /// Text up to the end tag of the raw-text element `name` (case-insensitive), which is left
    /// for the next call to read. `plaintext` has no end tag: it runs to the end.
    fn raw_text(&mut self, name: &str) -> &'a str {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let mut search = 0;
        let end = loop {
            if name == "plaintext" {
                break rest.len();
            }
            let Some(found) = rest[search..].find("</") else {
                break rest.len();
            };
            let at = search + found;
            let name_end = at + 2 + name.len();
            let name_matches = bytes
                .get(at + 2..name_end)
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()));
            let delimited = matches!(
                bytes.get(name_end),
                Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
            );
            if name_matches && delimited {
                break at;
            }
            search = at + 2;
        };
        self.pos += end;
        &rest[..end]
    }

    /// `<!...`: comments (`<!-- -->`, including the abrupt `<!-->`), doctypes and CDATA
    /// sections, which outside SVG and MathML are bogus comments ending at the first `>`.
    fn skip_markup_declaration(&mut self) {
        if self.rest().starts_with("<!--") {
            self.pos += 4;
            for abrupt in [">", "->"] {
                if self.rest().starts_with(abrupt) {
                    self.pos += abrupt.len();
                    return;
                }
            }
            self.skip_past("-->");
        } else {
            self.skip_past(">");
        }
    }

    /// A tag, from just after `<` or `</`. `None` when the input ends inside it.
    fn tag(&mut self) -> Option<StartTag> {
        let name_len = self
            .rest()
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(self.rest().len());
        let name = self.rest()[..name_len].to_ascii_lowercase();
        self.pos += name_len;
        let mut tag = StartTag {
            name,
            attributes: Vec::new(),
            self_closing: false,
        };
        loop {
            self.skip_spaces();
            match self.peek(0)? {
                b'>' => {
                    self.pos += 1;
                    return Some(tag);
                }
                b'/' => {
                    self.pos += 1;
                    if self.peek(0) == Some(b'>') {
                        self.pos += 1;
                        tag.self_closing = true;
                        return Some(tag);
                    }
                }
                _ => {
                    let (key, value) = self.attribute()?;
                    let room = tag.attributes.len() < MAX_ATTRIBUTES;
                    if room && !tag.attributes.iter().any(|(existing, _)| *existing == key) {
                        tag.attributes.push((key, value));
                    }
                }
            }
        }
    }

    /// `name`, `name=value`, `name="value"` or `name='value'`.
    fn attribute(&mut self) -> Option<(String, String)> {
        // A leading `=` belongs to the name (WHATWG "unexpected equals sign").
        let first = usize::from(self.peek(0) == Some(b'='));
        let name_len = first
            + self.rest()[first..]
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '='))
                .unwrap_or(self.rest().len() - first);
        let key = self.rest()[..name_len].to_ascii_lowercase();
        self.pos += name_len;
        self.skip_spaces();
        if self.peek(0) != Some(b'=') {
            return Some((key, String::new()));
        }
        self.pos += 1;
        self.skip_spaces();
        let raw = match self.peek(0)? {
            quote @ (b'"' | b'\'') => {
                self.pos += 1;
                let end = self.rest().find(char::from(quote))?;
                let raw = &self.rest()[..end];
                self.pos += end + 1;
                raw
            }
            _ => {
                let end = self
                    .rest()
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(self.rest().len());
                let raw = &self.rest()[..end];
                self.pos += end;
                raw
            }
        };
        Some((key, decode_entities(raw, true)))
    }

    /// The input ended inside a tag: like a browser, drop it, and stay at the end.
    fn stop(&mut self) -> Option<Token> {
        self.pos = self.input.len();
        None
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .len();
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(name) = self.raw_text_until.take() {
            let text = self.raw_text(&name);
            if !text.is_empty() {
                return Some(Token::Text(text.to_owned()));
            }
        }
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(decode_entities(&rest[..end], false)));
            }
            match self.peek(1) {
                Some(b'!') => self.skip_markup_declaration(),
                Some(b'?') => {
                    self.skip_past(">");
                }
                Some(b'/') if self.peek(2).is_some_and(|b| b.is_ascii_alphabetic()) => {
                    self.pos += 2;
                    // An end tag's attributes are read and thrown away, as browsers do.
                    return match self.tag() {
                        Some(tag) => Some(Token::End(tag.name)),
                        None => self.stop(),
                    };
                }
                Some(b'/') if self.peek(2) == Some(b'>') => self.pos += 3,
                Some(b'/') if self.peek(2).is_some() => {
                    self.skip_past(">");
                }
                Some(first) if first.is_ascii_alphabetic() => {
                    self.pos += 1;
                    let Some(tag) = self.tag() else {
                        return self.stop();
                    };
                    self.raw_text_until = raw_text_end(&tag.name);
                    return Some(Token::Start(tag));
                }
                _ => {
                    self.pos += 1;
                    return Some(Token::Text("<".to_owned()));
                }
            }
        }
    }
}

/// For elements whose content is text, not markup, the name of the end tag that closes them.
fn raw_text_end(name: &str) -> Option<String> {
    matches!(
        name,
        "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "textarea"
            | "title"
            | "plaintext"
    )
    .then(|| name.to_owned())
}

/// ASCII whitespace as HTML defines it.
#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(input: &str) -> Vec<Token> {
        Tokenizer::new(input).collect()
    }

    fn start(name: &str, attributes: &[(&str, &str)]) -> Token {
        Token::Start(StartTag {
            name: name.into(),
            attributes: attributes
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            self_closing: false,
        })
    }

    fn text(text: &str) -> Token {
        Token::Text(text.into())
    }

    #[test]
    fn tags_and_attributes() {
        assert_eq!(
            tokens(r#"<A HREF="x" title='y' data-x=z checked href=dup>t</a>"#),
            [
                start(
                    "a",
                    &[
                        ("href", "x"),
                        ("title", "y"),
                        ("data-x", "z"),
                        ("checked", "")
                    ]
                ),
                text("t"),
                Token::End("a".into()),
            ]
        );
        assert_eq!(tokens("<a\nhref = x >"), [start("a", &[("href", "x")])]);
        assert_eq!(tokens("<a =x>"), [start("a", &[("=x", "")])]);
    }

    #[test]
    fn markup_declarations_vanish() {
        assert_eq!(tokens("a<!-- <b> -->b"), [text("a"), text("b")]);
        assert_eq!(tokens("a<!-->b"), [text("a"), text("b")]);
        assert_eq!(
            tokens("a<!DOCTYPE html>b<?xml x?>c"),
            [text("a"), text("b"), text("c")]
        );
        assert_eq!(tokens("a<![CDATA[x>y]]>"), [text("a"), text("y]]>")]);
        assert_eq!(tokens("a<!-- never closed <b>"), [text("a")]);
    }

    #[test]
    fn stray_brackets_are_text() {
        assert_eq!(tokens("1 < 2"), [text("1 "), text("<"), text(" 2")]);
        assert_eq!(tokens("a</>b"), [text("a"), text("b")]);
        assert_eq!(tokens("a</ x>b"), [text("a"), text("b")]);
        assert_eq!(tokens("<"), [text("<")]);
    }

    #[test]
    fn raw_text_runs_to_its_end_tag() {
        assert_eq!(
            tokens("<script>if (a<b) x='</scriptx>'</SCRIPT >after"),
            [
                start("script", &[]),
                text("if (a<b) x='</scriptx>'"),
                Token::End("script".into()),
                text("after"),
            ]
        );
        assert_eq!(
            tokens("<title>a &amp; <b></title>"),
            [
                start("title", &[]),
                text("a &amp; <b>"),
                Token::End("title".into()),
            ]
        );
        assert_eq!(
            tokens("<plaintext></plaintext>"),
            [start("plaintext", &[]), text("</plaintext>")]
        );
    }

    #[test]
    fn cut_off_tags_are_dropped() {
        assert_eq!(tokens("a<div title=\"x"), [text("a")]);
        assert_eq!(tokens("a<div"), [text("a")]);
    }

    #[test]
    fn self_closing() {
        let Some(Token::Start(tag)) = tokens("<br/>").pop() else {
            panic!()
        };
        assert!(tag.self_closing);
        let Some(Token::Start(tag)) = tokens("<svg/onload=x>").pop() else {
            panic!()
        };
        assert!(!tag.self_closing);
        assert_eq!(tag.attributes, [("onload".to_owned(), "x".to_owned())]);
    }
}
