//! HTML to plain text, for quoting an HTML-only message in a reply and showing it as text.
//!
//! Built on the sanitizer's tokenizer, so references decode the same on every target (the
//! converter mail-parser offers looks entities up in a table that answers differently on
//! wasm32). Whitespace collapses as a browser collapses it; block elements and `<br>` break
//! lines; what the sanitizer drops with its content (scripts, styles, frames, ...) is dropped.

use super::policy::DroppedContent;
use super::tokenizer::{Token, Tokenizer};

/// Elements that start and end on lines of their own.
const BLOCKS: [&str; 22] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "ol",
    "table",
    "ul",
];

/// Elements followed by a blank line, as paragraphs are shown.
const PARAGRAPHS: [&str; 4] = ["p", "pre", "hr", "tr"];

/// The text a reader of `html` sees, with LF line breaks and no trailing blank lines.
///
/// ```
/// use wasmail_core::html::html_to_text;
/// let html = "<p>Hi&nbsp;Bob,</p><p>a &lt; b<br>c</p><script>x()</script>";
/// assert_eq!(html_to_text(html), "Hi\u{a0}Bob,\n\na < b\nc");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = Text::default();
    // What the sanitizer drops with its content, a reader never sees.
    let mut dropped = DroppedContent::default();
    for token in Tokenizer::new(html) {
        if dropped.drops(&token) {
            continue;
        }
        match token {
            Token::Text(text) => out.push_text(&text),
            Token::Start(tag) => match tag.name.as_str() {
                "br" => out.line_break(),
                "li" => {
                    out.block();
                    out.push_raw("- ");
                }
                "td" | "th" => out.push_raw(" "),
                name if BLOCKS.contains(&name) => out.block(),
                name if PARAGRAPHS.contains(&name) => out.paragraph(),
                _ => {}
            },
            Token::End(name) if BLOCKS.contains(&name.as_str()) => out.block(),
            Token::End(name) if PARAGRAPHS.contains(&name.as_str()) => out.paragraph(),
            Token::End(_) => {}
        }
    }
    out.finish()
}

/// The text being built, with the pending break held back until more text comes, so that
/// nested blocks give one break, not several.
#[derive(Default)]
struct Text {
    out: String,
    /// Line breaks owed before the next text: 1 for a block, 2 for a paragraph.
    owed: usize,
    /// A collapsed run of white space is owed before the next text.
    space: bool,
}

impl Text {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            // U+00A0 is not collapsible white space: `&nbsp;` keeps its meaning.
            if c.is_ascii_whitespace() {
                self.space = true;
                continue;
            }
            self.settle();
            self.out.push(c);
        }
    }

    fn push_raw(&mut self, text: &str) {
        self.settle();
        self.out.push_str(text);
        self.space = false;
    }

    /// Writes what is owed before visible text.
    fn settle(&mut self) {
        if self.owed > 0 {
            if !self.out.is_empty() {
                for _ in 0..self.owed {
                    self.out.push('\n');
                }
            }
            self.owed = 0;
            self.space = false;
        }
        if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.space = false;
    }

    fn line_break(&mut self) {
        if self.owed > 0 {
            self.settle();
        }
        self.out.push('\n');
        self.space = false;
    }

    fn block(&mut self) {
        self.owed = self.owed.max(1);
    }

    fn paragraph(&mut self) {
        self.owed = 2;
    }

    fn finish(mut self) -> String {
        let end = self.out.trim_end_matches(['\n', ' ']).len();
        self.out.truncate(end);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn structure_becomes_line_breaks() {
        let cases = [
            ("<div>a</div><div>b</div>", "a\nb"),
            ("<p>a</p><p>b</p>", "a\n\nb"),
            ("<div><div><p>a</p></div></div>b", "a\n\nb"),
            ("a<br>b<br><br>c", "a\nb\n\nc"),
            ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
            ("  lots   of\n\n  space  ", "lots of space"),
            (
                "<style>p{}</style><script>if (a<b) x()</script>shown",
                "shown",
            ),
            (
                "caf&eacute; &amp; &#x20AC;5 &unknown;",
                "café & €5 &unknown;",
            ),
            ("<blockquote>quoted</blockquote>after", "quoted\nafter"),
            // What the sanitizer drops with its content is not quoted either; an unclosed
            // <head> (the sanitizer unwraps it) does not hide the message.
            ("<head><title>t</title><p>body", "body"),
            ("a<iframe>frame text</iframe><object>o</object>b", "ab"),
        ];
        for (html, text) in cases {
            assert_eq!(html_to_text(html), text, "{html}");
        }
    }
}
