//! Filtering of inline `style` attributes.
//!
//! Mail layout lives in inline styles, so they are kept, one declaration at a time. A
//! declaration is dropped rather than repaired when it could load something (`url(`,
//! `image-set(`, `@import`), run something (`expression(`, `behavior`, `-moz-binding`), or hide
//! such a thing from this filter (CSS escapes, comments, unbalanced quotes). `position` is
//! dropped too: a fixed or absolute box could cover the viewer's own interface.

/// Words that must not appear in a kept declaration, compared without whitespace and in lower
/// case.
const FORBIDDEN: &[&str] = &[
    "url(",
    "image(",
    "image-set(",
    "cross-fade(",
    "element(",
    "src(",
    "expression(",
    "@import",
    "behavior",
    "binding",
    "javascript:",
    "vbscript:",
];

/// Returns the declarations of `style` that are safe, joined with `;`, or `None` when none is.
pub(crate) fn filter_style(style: &str) -> Option<String> {
    let kept: Vec<String> = style.split(';').filter_map(filter_declaration).collect();
    (!kept.is_empty()).then(|| kept.join(";"))
}

/// One `property: value` pair, normalised, or `None` when it has to go.
fn filter_declaration(declaration: &str) -> Option<String> {
    let (property, value) = declaration.split_once(':')?;
    let property = property.trim().to_ascii_lowercase();
    let value = value.trim();
    let property_ok =
        !property.is_empty() && property.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if !property_ok || property == "position" || value.is_empty() {
        return None;
    }
    if value.contains(['\\', '<', '>']) || value.contains("/*") || !quotes_balanced(value) {
        return None;
    }
    // Property and value together: `behavior` and `-moz-binding` are property names. CSS
    // keywords are ASCII case-insensitive, so ASCII lower case is what a browser compares.
    let squashed: String = format!("{property}:{value}")
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if FORBIDDEN.iter().any(|word| squashed.contains(word)) {
        return None;
    }
    Some(format!("{property}:{value}"))
}

/// Every `"` and `'` string is closed, so a value cannot swallow the declarations after it.
fn quotes_balanced(value: &str) -> bool {
    let mut open: Option<char> = None;
    for c in value.chars() {
        match open {
            Some(q) if c == q => open = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => open = Some(c),
            None => {}
        }
    }
    open.is_none()
}

#[cfg(test)]
mod tests {
    use super::filter_style;

    #[test]
    fn keeps_plain_layout() {
        // The quoted `;` splits a string in two; both halves are dropped, never merged.
        assert_eq!(
            filter_style("color: red; FONT-family: 'A; B', serif;;").as_deref(),
            Some("color:red")
        );
        assert_eq!(
            filter_style("Font-Family: \"Helvetica Neue\", sans-serif").as_deref(),
            Some("font-family:\"Helvetica Neue\", sans-serif")
        );
        assert_eq!(
            filter_style("margin:0 0 0 .8ex;border-left:1px #ccc solid").as_deref(),
            Some("margin:0 0 0 .8ex;border-left:1px #ccc solid")
        );
    }

    #[test]
    fn drops_loads_and_tricks() {
        for hostile in [
            "background:url(http://x/t.gif)",
            "background: URL ( http://x )",
            "background-image: image-set('a.png' 1x)",
            "width: expression(alert(1))",
            "background:u\\72l(http://x)",
            "background:ur/**/l(http://x)",
            "-moz-binding: x",
            "behavior: url(x.htc)",
            "position: fixed",
            "x: </style><script>",
            "@import 'http://x'",
        ] {
            assert_eq!(filter_style(hostile), None, "{hostile}");
        }
    }
}
