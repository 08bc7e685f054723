//! Quoting text, turning text into HTML for quotes, and trimming References.

use wasmail_core::html::text_to_html;
use wasmail_core::message::MessageId;
use wasmail_core::reply::{
    MAX_REFERENCES, MAX_REFERENCES_OCTETS, quote_text, strip_signature, thread_references,
};

#[test]
fn quoting_table() {
    let cases = [
        ("Hi", "> Hi"),
        ("Hi\r\nthere\r\n", "> Hi\n> there"),
        ("a\rb", "> a\n> b"),
        (
            "Yes.\n\n> Lunch?\n>> Noon?",
            "> Yes.\n>\n>> Lunch?\n>>> Noon?",
        ),
        ("> > spaced", ">> > spaced"),
        ("\n\n  indented\n\n", ">   indented"),
        ("trailing   \nspaces", "> trailing\n> spaces"),
        ("Hi\n-- \nJane\nPhone 123\n", "> Hi"),
        ("Hi\n--\nnot a signature", "> Hi\n> --\n> not a signature"),
        (
            "Hi\n-- \nJane\n\nOn Mon, Bob wrote:\n> x",
            "> Hi\n>\n> On Mon, Bob wrote:\n>> x",
        ),
        // Trailing spaces go, so a quoted delimiter cannot pass for a signature.
        (
            "> quoted\n> -- \n> quoted sig",
            ">> quoted\n>> --\n>> quoted sig",
        ),
        ("", ""),
    ];
    for (input, expected) in cases {
        assert_eq!(quote_text(input), expected, "quoting {input:?}");
    }
}

#[test]
fn signature_stripping_keeps_line_ends() {
    assert_eq!(strip_signature("a\r\n-- \r\nsig\r\n"), "a\r\n");
    assert_eq!(strip_signature("no signature\n"), "no signature\n");
}

#[test]
fn text_to_html_table() {
    let cases = [
        ("plain", "plain"),
        ("a\nb", "a<br>\nb"),
        ("a\r\n\r\nb", "a<br>\n<br>\nb"),
        ("<b> & \"q\"", "&lt;b&gt; &amp; &quot;q&quot;"),
        (
            "> q\nreply",
            "<blockquote type=\"cite\">q</blockquote>reply",
        ),
        (
            ">> deep\n> shallow",
            "<blockquote type=\"cite\"><blockquote type=\"cite\">deep</blockquote>shallow\
             </blockquote>",
        ),
        ("  two", "&nbsp;&nbsp;two"),
        ("a  b", "a &nbsp;b"),
    ];
    for (input, expected) in cases {
        assert_eq!(text_to_html(input), expected, "text_to_html({input:?})");
    }
}

fn id(text: &str) -> MessageId {
    MessageId::parse(text).expect("a valid identifier")
}

#[test]
fn references_follow_the_thread() {
    let parent_refs = [id("<root@x>"), id("<second@x>")];
    let refs = thread_references(&parent_refs, Some(&id("<third@x>")));
    assert_eq!(refs, [id("<root@x>"), id("<second@x>"), id("<third@x>")]);

    // A parent listing itself keeps its place at the end.
    let refs = thread_references(&[id("<p@x>"), id("<root@x>")], Some(&id("<p@x>")));
    assert_eq!(refs, [id("<root@x>"), id("<p@x>")]);

    // No Message-ID: the thread is what the parent had.
    assert_eq!(thread_references(&parent_refs, None), parent_refs);
}

#[test]
fn long_threads_are_trimmed_but_keep_root_and_parent() {
    let history: Vec<MessageId> = (0..200)
        .map(|n| id(&format!("<{n}.{}@mail.example.com>", "x".repeat(20))))
        .collect();
    let parent = id("<parent@mail.example.com>");
    let refs = thread_references(&history, Some(&parent));
    assert!(refs.len() <= MAX_REFERENCES);
    assert_eq!(refs.first(), history.first());
    assert_eq!(refs.last(), Some(&parent));
    assert_eq!(
        refs[refs.len() - 2],
        history[199],
        "the most recent ancestors stay"
    );
    let unfolded: usize = refs.iter().map(|r| r.to_string().len() + 1).sum::<usize>() - 1;
    assert!(unfolded <= MAX_REFERENCES_OCTETS, "{unfolded} octets");
    // Order is preserved.
    let positions: Vec<usize> = refs[..refs.len() - 1]
        .iter()
        .map(|r| {
            history
                .iter()
                .position(|h| h == r)
                .expect("from the history")
        })
        .collect();
    assert!(positions.windows(2).all(|pair| pair[0] < pair[1]));
}
