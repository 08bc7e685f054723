//! The HTML sanitizer against hostile and broken input.

use wasmail_core::html::{SanitizeOptions, sanitize, sanitize_with};

/// Input and the exact expected output.
const CASES: &[(&str, &str)] = &[
    // Scripts go with their content, whatever their spelling.
    ("a<script>alert(1)</script>b", "ab"),
    ("a<SCRIPT SRC=http://x/x.js></SCRIPT>b", "ab"),
    ("a<script>document.write('<b>x</b>')</script>b", "ab"),
    ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
    ("<script>never closed <b>bold</b>", ""),
    ("<p>x<script>alert(1)", "<p>x</p>"),
    // Event handlers.
    (
        r#"<img src="cid:a" onerror="alert(1)">"#,
        r#"<img src="cid:a">"#,
    ),
    (
        r#"<div ONCLICK=alert(1) title=t>x</div>"#,
        r#"<div title="t">x</div>"#,
    ),
    ("<body onload=alert(1)>hi</body>", "hi"),
    // Link targets.
    (r#"<a href="javascript:alert(1)">x</a>"#, "<a>x</a>"),
    (r#"<a href="javascript&#58;alert(1)">x</a>"#, "<a>x</a>"),
    (r#"<a href="&#106;avascript:alert(1)">x</a>"#, "<a>x</a>"),
    (r#"<a href="java&#9;script:alert(1)">x</a>"#, "<a>x</a>"),
    (r#"<a href=" JaVaScRiPt:alert(1)">x</a>"#, "<a>x</a>"),
    (r#"<a href="vbscript:x">x</a>"#, "<a>x</a>"),
    (r#"<a href="data:text/html,<script>">x</a>"#, "<a>x</a>"),
    (
        r#"<a href="https://example.com/?a=1&amp;b=2" target=_blank>x</a>"#,
        r#"<a href="https://example.com/?a=1&amp;b=2">x</a>"#,
    ),
    (
        r#"<a href='mailto:jane@example.com'>j</a>"#,
        r#"<a href="mailto:jane@example.com">j</a>"#,
    ),
    // Images: remote removed, cid and raster data kept, svg data refused.
    (
        r#"<img src="http://tracker.example/p.gif" alt="p">"#,
        r#"<img alt="p">"#,
    ),
    (
        r#"<IMG SRC=cid:logo@x WIDTH=10>"#,
        r#"<img src="cid:logo@x" width="10">"#,
    ),
    (
        r#"<img src="data:image/png;base64,iVBO">"#,
        r#"<img src="data:image/png;base64,iVBO">"#,
    ),
    (
        r#"<img src="data:image/svg+xml,<svg onload=alert(1)>">"#,
        "<img>",
    ),
    (
        r#"<img srcset="http://x/a.png 1x" src=cid:a>"#,
        r#"<img src="cid:a">"#,
    ),
    // Remote loads of every other kind.
    (
        r#"<table background="http://x/bg.png"><tr><td>x</td></tr></table>"#,
        "<table><tr><td>x</td></tr></table>",
    ),
    (r#"<link rel=stylesheet href="http://x/s.css">x"#, "x"),
    (r#"<base href="http://x/">x"#, "x"),
    (
        r#"<meta http-equiv="refresh" content="0;url=http://x">x"#,
        "x",
    ),
    (
        r#"<iframe src="http://x">inner <b>b</b></iframe>after"#,
        "after",
    ),
    (
        r#"<object data="http://x/f.swf"><param name=a value=b>fallback</object>x"#,
        "x",
    ),
    (r#"<embed src="http://x/f.swf">x"#, "x"),
    (
        r#"<video poster="http://x/p.png"><source src="http://x/v.mp4"></video>x"#,
        "x",
    ),
    (
        r#"<form action="http://x"><input name=a><button>Go</button></form>"#,
        "Go",
    ),
    // Foreign content.
    ("<svg onload=alert(1)><circle r=1 /></svg>x", "x"),
    ("<svg><svg></svg><script>alert(1)</script></svg>x", "x"),
    (
        "<math><mtext><img src=x onerror=alert(1)></mtext></math>x",
        "x",
    ),
    // `/` before an attribute is not self-closing: the svg stays open, as in a browser.
    ("<svg/onload=alert(1)>x", ""),
    ("<svg/>x", "x"),
    // Styles: the element goes, inline declarations are filtered.
    ("<style>body{background:url(http://x)}</style>x", "x"),
    (
        r#"<p style="color:red;background:url(http://x/t.gif);width:expression(alert(1))">x</p>"#,
        r#"<p style="color:red">x</p>"#,
    ),
    (r#"<p style="background:u\72l(http://x)">x</p>"#, "<p>x</p>"),
    // Broken markup comes out balanced.
    (
        "<div><b>bold<i>both</div>after",
        "<div><b>bold<i>both</i></b></div>after",
    ),
    ("<p>one<p>two", "<p>one<p>two</p></p>"),
    ("</div>stray</b>", "stray"),
    ("x<br/>y</br>z", "x<br>y<br>z"),
    (
        r#"<a href="https://x" title='a"b'>q</a>"#,
        r#"<a href="https://x" title="a&quot;b">q</a>"#,
    ),
    (
        r#"<div title=x"y>z</div>"#,
        r#"<div title="x&quot;y">z</div>"#,
    ),
    ("<div title=\"unterminated>rest", ""),
    // Comments, CDATA, doctypes, conditional comments.
    ("a<!-- <script>alert(1)</script> -->b", "ab"),
    // Outside svg, CDATA is a bogus comment ending at the first `>`, as in a browser.
    (
        "a<![CDATA[<script>alert(1)</script>]]>b",
        "aalert(1)]]&gt;b",
    ),
    ("<!DOCTYPE html><!--[if mso]><v:rect/><![endif]-->x", "x"),
    // Text is escaped; entities decoded then re-escaped.
    ("1 &lt; 2 &amp;&amp; 3 > 2", "1 &lt; 2 &amp;&amp; 3 &gt; 2"),
    ("&nbsp;caf&eacute;", "\u{a0}café"),
    // Attributes that could shadow the viewer's page.
    (
        r#"<div id="app" name="x" class="gmail_quote">q</div>"#,
        r#"<div class="gmail_quote">q</div>"#,
    ),
    // Whole documents.
    (
        "<html><head><title>T</title><style>p{}</style></head><body><p>Hi</p></body></html>",
        "<p>Hi</p>",
    ),
];

#[test]
fn hostile_and_broken_inputs() {
    let mut failures = Vec::new();
    for (input, expected) in CASES {
        let got = sanitize(input);
        if got != *expected {
            failures.push(format!(
                "input    {input:?}\nexpected {expected:?}\ngot      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn remote_images_are_counted_and_allowed_on_request() {
    let input = r#"<img src="https://x/a.png"><img src="http://x/b.png"><img src="cid:c">"#;
    let blocked = sanitize_with(input, &SanitizeOptions::default());
    assert_eq!(blocked.blocked_remote_images, 2);
    assert_eq!(blocked.html, r#"<img><img><img src="cid:c">"#);

    let allowed = sanitize_with(
        input,
        &SanitizeOptions {
            remote_images: true,
        },
    );
    assert_eq!(allowed.blocked_remote_images, 0);
    assert_eq!(
        allowed.html,
        r#"<img src="https://x/a.png"><img src="http://x/b.png"><img src="cid:c">"#
    );
}

#[test]
fn deep_nesting_is_bounded_and_balanced() {
    let input = "<div>".repeat(10_000) + "x";
    let out = sanitize(&input);
    assert_eq!(out.matches("<div>").count(), out.matches("</div>").count());
    assert!(out.matches("<div>").count() <= 256);
    assert!(out.contains('x'));
}

#[test]
fn hostile_sizes_stay_linear() {
    // Each of these would take minutes if some step were quadratic.
    let attributes = format!("<div {}>x</div>", "a=1 ".repeat(200_000));
    assert_eq!(sanitize(&attributes), "<div>x</div>");
    let entities = "&amp;&#x41;&unknown;".repeat(50_000);
    assert_eq!(
        sanitize(&entities).len(),
        "&amp;A&amp;unknown;".len() * 50_000
    );
    let closers = format!("<script>{}", "</scrip".repeat(100_000));
    assert_eq!(sanitize(&closers), "");
    let strays = "</b><i>".repeat(100_000);
    assert_eq!(sanitize(&strays).matches("<i>").count(), 256);
}

#[test]
fn realistic_newsletter_keeps_layout() {
    let input = r##"<table width="600" cellpadding="0" style="font-family:Arial"><tr>
<td align="center" bgcolor="#ffffff"><a href="https://shop.example/?utm=1"><img src="cid:banner" alt="Sale" width="600"></a></td>
</tr></table>"##;
    // Allowed attributes keep their source order; the markup comes back unchanged.
    assert_eq!(sanitize(input), input);
}

#[test]
fn remote_images_in_every_form_are_counted_as_blocked() {
    let input = concat!(
        r#"<img src="//t.example/p.gif">"#,
        r#"<img srcset="https://t.example/a.png 1x, https://t.example/b.png 2x">"#,
        r#"<table background="http://t.example/bg.gif"><tr><td "#,
        r#"style="color:red;background-image:url('https://t.example/c.gif')">x</td></tr></table>"#,
        r#"<p style="color:blue">local</p><img srcset="cid:a 1x">"#,
    );
    let blocked = sanitize_with(input, &SanitizeOptions::default());
    assert_eq!(blocked.blocked_remote_images, 4, "{}", blocked.html);
    assert!(!blocked.html.contains("t.example"), "{}", blocked.html);
    assert!(
        blocked.html.contains(r#"style="color:red""#),
        "{}",
        blocked.html
    );

    // Asked for, a protocol-relative source loads over https; nothing is counted.
    let allowed = sanitize_with(
        input,
        &SanitizeOptions {
            remote_images: true,
        },
    );
    assert_eq!(allowed.blocked_remote_images, 0);
    assert!(
        allowed
            .html
            .starts_with(r#"<img src="https://t.example/p.gif">"#),
        "{}",
        allowed.html
    );
}

#[test]
fn removed_active_content_and_style_sheets_are_counted() {
    let input = concat!(
        "<style>p{color:red}</style><p onclick=\"x()\" onmouseover=\"y()\">Hi</p>",
        "<script>alert(1)</script><script src=\"x.js\"></script>",
        "<a href=\"java\tscript:alert(2)\">a</a><a href=\"https://example.com\">b</a>",
        "<svg><script>nested</script><style>in svg</style></svg>",
        "<body onload=\"z()\"><form onsubmit=\"s()\"><a href=\"javascr\nipt:q()\">c</a></form>",
    );
    let out = sanitize_with(input, &SanitizeOptions::default());
    // Four handlers (on kept and unwrapped elements alike), two scripts, two script links;
    // what is inside a dropped svg is not counted.
    assert_eq!(out.removed_active, 8, "{}", out.html);
    assert_eq!(out.removed_styles, 1);
    let plain = sanitize_with("<p style=\"color:red\">Hi</p>", &SanitizeOptions::default());
    assert_eq!((plain.removed_active, plain.removed_styles), (0, 0));
}
