//! Reading `format=flowed` text (RFC 3676): soft line breaks joined back into paragraphs, so a
//! quote is re-wrapped by the reader rather than cut where the sender's client wrapped it.
//! Thunderbird sends flowed text by default, Apple Mail with `delsp=yes`, which breaks lines
//! inside long words.

/// `text` with its soft line breaks removed. A line ending in a space (other than the
/// signature separator `-- `) continues on the next line of the same quote depth; with
/// `delsp`, that trailing space was added by the sender and goes too. Space-stuffing is undone.
pub(crate) fn unflow(text: &str, delsp: bool) -> String {
    // A final line break ends the last line; it does not start an empty one.
    let (body, final_break) = match text.strip_suffix('\n') {
        Some(body) => (body.strip_suffix('\r').unwrap_or(body), true),
        None => (text, false),
    };
    let mut out = String::with_capacity(text.len());
    // The quote depth of the paragraph a soft break left open.
    let mut open: Option<usize> = None;
    for (index, raw) in body.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let depth = raw.bytes().take_while(|&b| b == b'>').count();
        let content = &raw[depth..];
        let content = content.strip_prefix(' ').unwrap_or(content); // space-stuffing
        // A soft break followed by a line of another depth is a hard break after all.
        if open != Some(depth) {
            if index > 0 {
                out.push('\n');
            }
            out.push_str(&">".repeat(depth));
            if depth > 0 && !content.is_empty() {
                out.push(' ');
            }
        }
        let soft = content.ends_with(' ') && content != "-- ";
        let kept = match soft && delsp {
            true => &content[..content.len() - 1],
            false => content,
        };
        out.push_str(kept);
        open = soft.then_some(depth);
    }
    if final_break {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_join_and_hard_breaks_stay() {
        let sent = "This is a long para \r\ngraph, wrapped.\r\nNext line.\r\n\r\n-- \r\nJane";
        assert_eq!(
            unflow(sent, false),
            "This is a long para graph, wrapped.\nNext line.\n\n-- \nJane"
        );
    }

    #[test]
    fn blank_lines_and_the_final_break_stay() {
        assert_eq!(
            unflow("\r\n\r\nHi \r\nthere \r\n", false),
            "\n\nHi there \n"
        );
        assert_eq!(unflow("a\n", true), "a\n");
        assert_eq!(unflow("", false), "");
    }

    #[test]
    fn delsp_removes_the_space_the_sender_added() {
        assert_eq!(unflow("a long para \ngraph", true), "a long paragraph");
    }

    #[test]
    fn quotes_join_within_one_depth_and_stuffing_is_undone() {
        let sent = "> quoted soft \n> continued\n>> deeper\n  From here, stuffed";
        assert_eq!(
            unflow(sent, false),
            "> quoted soft continued\n>> deeper\n From here, stuffed"
        );
        // A soft break before another depth is a hard break.
        assert_eq!(unflow("> soft \nplain", false), "> soft \nplain");
    }
}
