//! Plain text into HTML: escaping, and turning a text body into something a reader can view.

/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe both as element text and inside a
/// quoted attribute value.
///
/// ```
/// assert_eq!(wasmail_core::html::escape_text(r#"<a href="x">&"#), "&lt;a href=&quot;x&quot;&gt;&amp;");
/// ```
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_attribute(&mut out, text);
    out
}

/// Turns a plain-text body into HTML for viewing or quoting.
///
/// Line breaks become `<br>` (CRLF, CR and LF alike), runs of spaces are kept with `&nbsp;`,
/// and `>` quote levels become nested `<blockquote type="cite">` elements, the way mail
/// clients show quoted text.
///
/// ```
/// use wasmail_core::html::text_to_html;
/// assert_eq!(
///     text_to_html("Sure.\r\n> Lunch?\r\n"),
///     "Sure.<blockquote type=\"cite\">Lunch?</blockquote>",
/// );
/// ```
pub fn text_to_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth = 0;
    let mut line_open = false;
    for line in text.trim_end_matches('\n').split('\n') {
        let (level, content) = split_quote_level(line);
        if level != depth {
            while depth < level {
                out.push_str("<blockquote type=\"cite\">");
                depth += 1;
            }
            while depth > level {
                out.push_str("</blockquote>");
                depth -= 1;
            }
        } else if line_open {
            out.push_str("<br>\n");
        }
        push_text_keeping_spaces(&mut out, content);
        line_open = true;
    }
    for _ in 0..depth {
        out.push_str("</blockquote>");
    }
    out
}

/// The number of leading `>` markers (spaces between them allowed) and the rest of the line
/// without the one space that usually follows the last marker.
fn split_quote_level(line: &str) -> (usize, &str) {
    let mut level = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        match trimmed.strip_prefix('>') {
            Some(after) => {
                level += 1;
                rest = after;
            }
            None => break,
        }
    }
    if level > 0 {
        rest = rest.strip_prefix(' ').unwrap_or(rest);
    }
    (level, rest)
}

/// Escapes `text` into `out`; a space at the start of a line or after another space becomes
/// `&nbsp;`, so indentation and alignment survive HTML's whitespace collapsing.
fn push_text_keeping_spaces(out: &mut String, text: &str) {
    let mut previous_was_space = true;
    for c in text.chars() {
        if c == ' ' && previous_was_space {
            out.push_str("&nbsp;");
        } else {
            push_escaped_char(out, c, true);
        }
        previous_was_space = c == ' ';
    }
}

/// Escapes element text: `&`, `<`, `>`; NUL is dropped.
pub(crate) fn push_escaped_text(out: &mut String, text: &str) {
    for c in text.chars() {
        push_escaped_char(out, c, false);
    }
}

/// Escapes an attribute value (and text): `&`, `<`, `>`, `"`, `'`; NUL is dropped.
pub(crate) fn escape_attribute(out: &mut String, text: &str) {
    for c in text.chars() {
        push_escaped_char(out, c, true);
    }
}

fn push_escaped_char(out: &mut String, c: char, quotes: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' if quotes => out.push_str("&quot;"),
        '\'' if quotes => out.push_str("&#39;"),
        '\0' => {}
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_levels() {
        assert_eq!(split_quote_level("> > x"), (2, "x"));
        assert_eq!(split_quote_level(">>x"), (2, "x"));
        assert_eq!(split_quote_level("  plain"), (0, "  plain"));
        assert_eq!(split_quote_level(">"), (1, ""));
    }

    #[test]
    fn nested_quotes_and_spaces() {
        assert_eq!(
            text_to_html("a\n> b\n>> c\n> d\ne  f"),
            "a<blockquote type=\"cite\">b<blockquote type=\"cite\">c</blockquote>d\
             </blockquote>e &nbsp;f"
        );
        assert_eq!(text_to_html("x <y> & z"), "x &lt;y&gt; &amp; z");
        assert_eq!(text_to_html(""), "");
    }
}
