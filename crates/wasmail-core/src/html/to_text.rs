//! HTML to plain text, for quoting an HTML-only message in a reply and showing it as text.
//!
//! Built on the sanitizer's tokenizer, so references decode the same on every target (the
//! converter mail-parser offers looks entities up in a table that answers differently on
//! wasm32). Whitespace collapses as a browser collapses it; block elements and `<br>` break
//! lines; what the sanitizer drops with its content (scripts, styles, frames, ...) is dropped.
//! What the eye gets from the markup comes along as text conventions do it: a link's address
//! after its words (`words <https://...>`), an image's alt text in brackets, quoted blocks
//! behind `> `.

use super::policy::{DroppedContent, safe_link};
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
/// let html = r#"<p>See <a href="https://example.com/r">the report</a> <img alt="chart"></p>"#;
/// assert_eq!(html_to_text(html), "See the report <https://example.com/r> [chart]");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = Text::default();
    // What the sanitizer drops with its content, a reader never sees.
    let mut dropped = DroppedContent::default();
    // The open link's address, and where its words start in the output.
    let mut link: Option<(String, usize)> = None;
    for token in Tokenizer::new(html) {
        if dropped.drops(&token) {
            continue;
        }
        match token {
            Token::Text(text) => out.push_text(&text),
            Token::Start(tag) => match tag.name.as_str() {
                "a" => {
                    let href = tag.attributes.iter().find(|(key, _)| key == "href");
                    link = href
                        .and_then(|(_, value)| safe_link(value))
                        .map(|url| (url, out.out.len()));
                }
                "img" => {
                    let alt = tag.attributes.iter().find(|(key, _)| key == "alt");
                    // Collapsed as text is: a line break in it must not leave a quote.
                    let words = alt.map(|(_, alt)| alt.split_whitespace().collect::<Vec<_>>());
                    if let Some(words) = words.filter(|words| !words.is_empty()) {
                        out.push_raw(&format!("[{}]", words.join(" ")));
                    }
                }
                "blockquote" => {
                    out.block();
                    out.depth += 1;
                }
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
            Token::End(name) if name == "a" => {
                if let Some((url, start)) = link.take() {
                    // Words that are the address already (or its mailto: form) say it. The
                    // line breaks and quote marks written before them are not words.
                    let written = out.out.get(start..).unwrap_or_default();
                    let words = written.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
                    let words = words.trim_end();
                    let bare = url.strip_prefix("mailto:").unwrap_or(&url);
                    if words != url && words != bare {
                        // A blank the words ended with goes after the address.
                        let space = std::mem::take(&mut out.space);
                        out.push_raw(&format!(" <{url}>"));
                        out.space = space;
                    }
                }
            }
            Token::End(name) if name == "blockquote" => {
                out.block();
                out.depth = out.depth.saturating_sub(1);
            }
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
    /// How many blockquotes are open: each line inside starts with that many `>`.
    depth: usize,
    /// The quote depth of the last line started.
    line_depth: usize,
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
        // A leading blank is the caller's: it stays unless the line is new.
        let text = match self.owed > 0 || self.out.is_empty() || self.out.ends_with('\n') {
            true => text.trim_start(),
            false => text,
        };
        self.settle();
        self.out.push_str(text);
        self.space = false;
    }

    /// The quote marks a new line inside blockquotes starts with.
    fn quote_marks(&mut self) {
        self.line_depth = self.depth;
        if self.depth > 0 {
            self.out.push_str(&">".repeat(self.depth));
            self.out.push(' ');
        }
    }

    /// Writes what is owed before visible text.
    fn settle(&mut self) {
        if self.owed > 0 {
            if !self.out.is_empty() {
                for blank in 0..self.owed {
                    // A blank line inside a quote keeps the marks both its neighbours have,
                    // so the quote stays one.
                    if blank > 0 {
                        let marks = self.depth.min(self.line_depth);
                        self.out.push_str(&">".repeat(marks));
                    }
                    self.out.push('\n');
                }
            }
            self.owed = 0;
            self.space = false;
        }
        if self.out.is_empty() || self.out.ends_with('\n') {
            self.quote_marks();
        } else if self.space {
            self.out.push(' ');
        }
        self.space = false;
    }

    fn line_break(&mut self) {
        if self.owed > 0 {
            self.settle();
        }
        // A blank line inside a quote keeps its marks.
        if self.out.ends_with('\n') {
            self.out.push_str(&">".repeat(self.depth));
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
            ("<blockquote>quoted</blockquote>after", "> quoted\nafter"),
            (
                "<p>On Monday Jane wrote:</p><blockquote><p>one</p><p>two<br>three</p>\
                 <blockquote>older</blockquote></blockquote><p>mine</p>",
                "On Monday Jane wrote:\n\n> one\n>\n> two\n> three\n>\n>> older\n\nmine",
            ),
            (
                r#"<a href="https://x.example/u">Unsubscribe</a> <a href="mailto:j@x.example">j@x.example</a> <a href="https://x.example">https://x.example</a> <a href="javascript:x()">no</a>"#,
                "Unsubscribe <https://x.example/u> j@x.example https://x.example no",
            ),
            (
                r#"<img src="cid:a" alt=" logo "><img alt=""><img>"#,
                "[logo]",
            ),
            (
                "<blockquote>a<br><br>b<img alt=\"two\nlines\"></blockquote>",
                "> a\n>\n> b[two lines]",
            ),
            (
                r#"<blockquote><p><a href="mailto:j@x.example">j@x.example</a> wrote</p></blockquote>"#,
                "> j@x.example wrote",
            ),
            (
                r#"<a href="https://u.example">click </a>here"#,
                "click <https://u.example> here",
            ),
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
