//! Properties of the sanitizer for arbitrary input: no active content ever comes out, the
//! output is stable under a second pass, and nothing panics.

use proptest::prelude::*;
use wasmail_core::html::sanitize;

/// Pieces that tend to break sanitizers, mixed with random tag soup.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<script>",
            "</script>",
            "<SCRIPT",
            "<scr",
            "ipt>",
            "<svg",
            "</svg>",
            "<math>",
            "<style>",
            "</style>",
            "<img src=",
            "<a href=",
            "javascript:",
            "java&#9;script:",
            "&#106;avascript&#58;",
            " onerror=",
            " ONLOAD=",
            "alert(1)",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "\"",
            "'",
            "<",
            ">",
            "/>",
            "</",
            "=",
            "<iframe>",
            "<textarea>",
            "</textarea>",
            "<title>",
            "<noscript>",
            "<p>",
            "</p>",
            "<div style=\"",
            "url(",
            "cid:x",
            "<br/>",
            "<plaintext>",
            "<xmp>",
            "<template>",
            "&lt;",
            "&",
            "\0",
            "\r\n",
        ])
        .prop_map(str::to_owned),
        "[<>/=\"' a-zA-Z:&#;()0-9-]{0,12}",
        any::<String>(),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

/// The tags of sanitized output: text `<` and `>` are always escaped, and so are quotes'
/// contents, so every `<` starts a tag that the next `>` ends.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
        .collect()
}

/// The name and the `name="value"` attributes of a serialised tag; values hold no `"`.
fn parse_tag(tag: &str) -> (String, Vec<(String, String)>) {
    let lower = tag.to_ascii_lowercase();
    let mut pieces = lower.split('"');
    let head = pieces.next().unwrap_or("");
    let mut words = head.split_whitespace();
    let name = words
        .next()
        .unwrap_or("")
        .trim_start_matches('/')
        .to_owned();
    let mut attributes = Vec::new();
    let mut pending = words.next().map(str::to_owned);
    while let Some(key) = pending.take() {
        let value = pieces.next().unwrap_or("").to_owned();
        attributes.push((key.trim_end_matches('=').to_owned(), value));
        pending = pieces
            .next()
            .and_then(|gap| gap.split_whitespace().next().map(str::to_owned));
    }
    (name, attributes)
}

fn check(input: &str) -> Result<(), TestCaseError> {
    let out = sanitize(input);
    for tag in tags(&out) {
        let (name, attributes) = parse_tag(tag);
        prop_assert!(
            !matches!(
                name.as_str(),
                "script" | "style" | "iframe" | "svg" | "math" | "object"
            ),
            "element {name} in {out:?}"
        );
        for (key, value) in attributes {
            prop_assert!(!key.starts_with("on"), "event handler {key} in {out:?}");
            prop_assert!(!value.contains("javascript:"), "javascript: in {out:?}");
            prop_assert!(!value.contains("vbscript:"), "vbscript: in {out:?}");
            if key == "style" {
                prop_assert!(!value.contains("url("), "url( in {out:?}");
            }
            if key == "href" || key == "src" {
                let scheme = value.split(':').next().unwrap_or("");
                prop_assert!(
                    matches!(scheme, "http" | "https" | "mailto" | "cid")
                        || value.starts_with("data:image/"),
                    "unexpected URL {value} in {out:?}"
                );
            }
        }
    }
    prop_assert!(!out.to_ascii_lowercase().contains("<script"));
    prop_assert_eq!(
        sanitize(&out),
        out.clone(),
        "a second pass changed the output"
    );
    Ok(())
}

#[test]
fn the_checker_sees_attributes() {
    let (name, attributes) = parse_tag(r#"a href="https://x" title="click on me""#);
    assert_eq!(name, "a");
    assert_eq!(
        attributes,
        [
            ("href".into(), "https://x".into()),
            ("title".into(), "click on me".into())
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tag_soup_never_yields_active_content(input in soup()) {
        check(&input)?;
    }

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        check(&input)?;
    }
}
