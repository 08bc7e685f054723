//! How reply and forward bodies are laid out: the writer's text on top, the parent below, in
//! the markup Gmail uses, which other clients recognise and fold away.

use std::borrow::Cow;

use crate::html::{body_fragment, escape_text, html_to_text, text_to_html};

/// The style Gmail gives a quote: a grey bar on the left.
const QUOTE_STYLE: &str = "margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex";

/// The line Gmail opens an inline forward with.
pub(crate) const FORWARD_MARKER: &str = "---------- Forwarded message ---------";

/// What the writer typed: plain text, and HTML if they wrote some.
pub(crate) struct Own<'a> {
    pub(crate) text: &'a str,
    pub(crate) html: Option<&'a str>,
}

impl Own<'_> {
    /// The writer's HTML, or their text turned into HTML; an empty line when they wrote
    /// nothing, where the cursor goes.
    pub(crate) fn html(&self) -> String {
        let inner = match self.html {
            // A whole document gives its body: the reply is one document around it.
            Some(html) => body_fragment(html).unwrap_or_else(|| html.to_owned()),
            None => text_to_html(self.text),
        };
        let inner = if inner.trim().is_empty() {
            "<br>".to_owned()
        } else {
            inner
        };
        // `auto`: the writer's first strong character sets the direction, so Hebrew or Arabic
        // reads right to left where Gmail's fixed `ltr` would not.
        format!("<div dir=\"auto\">{inner}</div>")
    }

    /// The writer's text without trailing blank lines; when they wrote only HTML, its text, so
    /// that the plain-text part says what the HTML part says.
    fn text(&self) -> Cow<'_, str> {
        match self.html {
            Some(html) if self.text.trim().is_empty() => {
                Cow::Owned(html_to_text(html).trim_end().to_owned())
            }
            _ => Cow::Borrowed(self.text.trim_end()),
        }
    }

    /// The writer's text alone, as a whole body.
    pub(crate) fn text_body(&self) -> String {
        finish_text(self.text().into_owned())
    }

    /// The writer's HTML alone, as a whole body.
    pub(crate) fn html_body(&self) -> String {
        format!("{}\r\n", self.html())
    }
}

/// `text`, a blank line, the attribution, a blank line, the quoted parent.
pub(crate) fn reply_text(own: &Own<'_>, attribution: &str, quoted: &str) -> String {
    let mut out = String::with_capacity(own.text.len() + attribution.len() + quoted.len() + 8);
    push_paragraph(&mut out, &own.text());
    push_paragraph(&mut out, attribution);
    push_paragraph(&mut out, quoted);
    finish_text(out)
}

/// The writer's HTML, then the parent's (already safe) HTML in Gmail's quote block.
pub(crate) fn reply_html(own: &Own<'_>, attribution_html: &str, parent_html: &str) -> String {
    format!(
        "{}<br><div class=\"gmail_quote\"><div class=\"gmail_attr\">{attribution_html}<br></div>\
         <blockquote class=\"gmail_quote\" style=\"{QUOTE_STYLE}\">{parent_html}</blockquote>\
         </div>\r\n",
        own.html()
    )
}

/// The forwarded message's header lines, as `(label, value)` pairs: From, Date, Subject, To,
/// Cc, each only when the parent has it.
pub(crate) type HeaderLines = Vec<(&'static str, String)>;

/// The writer's text, then the forward marker, the parent's header lines and its text.
pub(crate) fn forward_text(own: &Own<'_>, headers: &HeaderLines, parent_text: &str) -> String {
    let mut block = String::from(FORWARD_MARKER);
    for (label, value) in headers {
        block.push('\n');
        block.push_str(label);
        block.push_str(": ");
        block.push_str(value);
    }
    let mut out = String::with_capacity(own.text.len() + block.len() + parent_text.len() + 8);
    push_paragraph(&mut out, &own.text());
    push_paragraph(&mut out, &block);
    push_paragraph(&mut out, parent_text.trim_end());
    finish_text(out)
}

/// The writer's HTML, then Gmail's forward block with the header lines and the parent's
/// (already safe) HTML. `from_html` replaces the escaped From value: it carries the link.
pub(crate) fn forward_html(
    own: &Own<'_>,
    headers: &HeaderLines,
    from_html: &str,
    parent_html: &str,
) -> String {
    let mut block = format!("{FORWARD_MARKER}<br>");
    for (label, value) in headers {
        let value = if *label == "From" {
            from_html.to_owned()
        } else {
            escape_text(value)
        };
        block.push_str(&format!("{label}: {value}<br>"));
    }
    format!(
        "{}<br><div class=\"gmail_quote\"><div class=\"gmail_attr\">{block}</div><br>\
         {parent_html}</div>\r\n",
        own.html()
    )
}

/// Appends `text` as a paragraph: separated from what came before by a blank line.
fn push_paragraph(out: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(text);
}

/// Text bodies end with a line end, as a text file does.
fn finish_text(mut out: String) -> String {
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_text_layout() {
        let own = Own {
            text: "Sure.\n\n",
            html: None,
        };
        assert_eq!(
            reply_text(&own, "Jane wrote:", "> Lunch?"),
            "Sure.\n\nJane wrote:\n\n> Lunch?\n"
        );
        let silent = Own {
            text: "",
            html: None,
        };
        assert_eq!(reply_text(&silent, "Jane wrote:", ""), "Jane wrote:\n");
    }

    #[test]
    fn reply_html_layout() {
        let own = Own {
            text: "Sure <b>",
            html: None,
        };
        let html = reply_html(&own, "Jane wrote:", "<p>Lunch?</p>");
        assert!(
            html.starts_with(
                "<div dir=\"auto\">Sure &lt;b&gt;</div><br><div class=\"gmail_quote\">"
            )
        );
        assert!(html.contains("<blockquote class=\"gmail_quote\" style=\"margin:0 0 0 .8ex;"));
        assert!(html.contains("<p>Lunch?</p></blockquote></div>"));
    }

    #[test]
    fn words_written_only_in_html_reach_the_text_part() {
        let own = Own {
            text: " \n",
            html: Some("<p>Friday <b>works</b>.</p><p>Bob</p>"),
        };
        assert_eq!(
            reply_text(&own, "Jane wrote:", "> Lunch?"),
            "Friday works.\n\nBob\n\nJane wrote:\n\n> Lunch?\n"
        );
        assert_eq!(own.text_body(), "Friday works.\n\nBob\n");
        // Text of their own wins: the writer may say it differently in each part.
        let both = Own {
            text: "Friday.",
            html: Some("<p>Friday <b>works</b>.</p>"),
        };
        assert_eq!(both.text_body(), "Friday.\n");
    }
}
