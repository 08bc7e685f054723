//! The allow-lists: which elements and attributes survive, and which URLs may stay.
//!
//! Everything not named here is removed. Tag and attribute names arrive lower-cased from the
//! tokenizer, so the lists are lower case.

use super::tokenizer::Token;
use crate::message::is_content_id_char;

/// What the sanitizer does with a start tag and everything up to its end tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ElementRule {
    /// Keep the element; its attributes go through [`attribute_allowed`].
    Keep,
    /// Keep the element, which never has content or an end tag.
    KeepVoid,
    /// Drop the tags, keep what is between them (layout wrappers, unknown elements).
    Unwrap,
    /// Drop the element and everything inside it: active content, remote frames, foreign
    /// markup (`svg`, `math`) whose parsing rules differ from HTML's.
    DropWithContent,
}

/// The rule for an element name (lower case).
pub(crate) fn element_rule(name: &str) -> ElementRule {
    match name {
        "a" | "abbr" | "acronym" | "address" | "article" | "aside" | "b" | "bdi" | "bdo"
        | "big" | "blockquote" | "caption" | "center" | "cite" | "code" | "colgroup" | "dd"
        | "del" | "details" | "dfn" | "div" | "dl" | "dt" | "em" | "figcaption" | "figure"
        | "font" | "footer" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "i" | "ins"
        | "kbd" | "li" | "main" | "mark" | "nav" | "ol" | "p" | "pre" | "q" | "rp" | "rt"
        | "ruby" | "s" | "samp" | "section" | "small" | "span" | "strike" | "strong" | "sub"
        | "summary" | "sup" | "table" | "tbody" | "td" | "tfoot" | "th" | "thead" | "time"
        | "tr" | "tt" | "u" | "ul" | "var" => ElementRule::Keep,
        "br" | "col" | "hr" | "img" | "wbr" => ElementRule::KeepVoid,
        // Only elements that have an end tag: a void one here would swallow the document.
        "script" | "style" | "title" | "textarea" | "select" | "iframe" | "frameset"
        | "noframes" | "noscript" | "noembed" | "object" | "applet" | "template" | "svg"
        | "math" | "xmp" | "canvas" | "map" | "audio" | "video" => ElementRule::DropWithContent,
        // Everything else, including html/head/body/form/button/link/meta/base/input and
        // unknown or custom elements: the tag goes, its text stays. Void ones simply vanish.
        _ => ElementRule::Unwrap,
    }
}

/// Drops the elements [`element_rule`] says go with their content, and everything inside them:
/// one mechanism for the sanitizer and the text converter, so what a reader never sees is
/// the same in both.
#[derive(Debug, Default)]
pub(crate) struct DroppedContent {
    /// The element being dropped, and how deeply it is nested in itself.
    open: Option<(String, usize)>,
}

impl DroppedContent {
    /// Whether an element is being dropped: the tokens now are inside it.
    pub(crate) fn is_dropping(&self) -> bool {
        self.open.is_some()
    }

    /// Whether `token` goes: it starts such an element or lies inside one.
    pub(crate) fn drops(&mut self, token: &Token) -> bool {
        if let Some((name, depth)) = &mut self.open {
            match token {
                Token::Start(tag) if !tag.self_closing && tag.name == *name => *depth += 1,
                Token::End(end) if end == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.open = None;
                    }
                }
                _ => {}
            }
            return true;
        }
        match token {
            Token::Start(tag) if element_rule(&tag.name) == ElementRule::DropWithContent => {
                if !tag.self_closing {
                    self.open = Some((tag.name.clone(), 1));
                }
                true
            }
            _ => false,
        }
    }
}

/// Whether `name` may stay on element `element`. URL-valued attributes are checked apart.
pub(crate) fn attribute_allowed(element: &str, name: &str) -> bool {
    let global = matches!(
        name,
        "align"
            | "bgcolor"
            | "border"
            | "cellpadding"
            | "cellspacing"
            | "class"
            | "color"
            | "colspan"
            | "dir"
            | "face"
            | "height"
            | "lang"
            | "nowrap"
            | "rowspan"
            | "size"
            | "style"
            | "title"
            | "valign"
            | "width"
    );
    global
        || match element {
            "img" => matches!(name, "alt"),
            "ol" => matches!(name, "start" | "type" | "reversed"),
            "ul" | "li" => matches!(name, "type" | "value"),
            "td" | "th" => matches!(name, "abbr" | "headers" | "scope"),
            "col" | "colgroup" => matches!(name, "span"),
            "table" => matches!(name, "summary" | "frame" | "rules"),
            "details" => matches!(name, "open"),
            "time" => matches!(name, "datetime"),
            _ => false,
        }
}

/// Whether `value` is a link target a reader may follow: `http:`, `https:` or `mailto:`.
///
/// Returns the value to write, with the characters browsers ignore inside URLs removed, so the
/// value checked is the value written.
pub(crate) fn safe_link(value: &str) -> Option<String> {
    let cleaned = strip_ignored_url_chars(value);
    let scheme = scheme_of(&cleaned)?;
    matches!(scheme.as_str(), "http" | "https" | "mailto").then_some(cleaned)
}

/// Whether `value` is a link that runs script (`javascript:`, `vbscript:`), read as a browser
/// reads it (tabs and line breaks inside ignored).
pub(crate) fn is_script_link(value: &str) -> bool {
    let cleaned = strip_ignored_url_chars(value);
    matches!(
        scheme_of(&cleaned).as_deref(),
        Some("javascript" | "vbscript")
    )
}

/// Whether `value` may be an image source.
///
/// `cid:` (a part of the same message) and raster `data:image/...` are always allowed; `http:`
/// and `https:` only when `remote` is set, because loading them tells the sender the message
/// was read.
pub(crate) fn safe_image_source(value: &str, remote: bool) -> ImageSource {
    let cleaned = strip_ignored_url_chars(value);
    // Protocol-relative (`//host/pixel.gif`): https in any page that shows mail.
    if let Some(rest) = cleaned.strip_prefix("//") {
        return match remote {
            true => ImageSource::Allowed(format!("https://{rest}")),
            false => ImageSource::Remote,
        };
    }
    match scheme_of(&cleaned).as_deref() {
        Some("cid") if is_cid_url(&cleaned) => ImageSource::Allowed(cleaned),
        Some("data") if is_raster_data_url(&cleaned) => ImageSource::Allowed(cleaned),
        Some("http" | "https") if remote => ImageSource::Allowed(cleaned),
        Some("http" | "https") => ImageSource::Remote,
        _ => ImageSource::Refused,
    }
}

/// Whether an attribute the sanitizer drops anyway (`srcset`, `background`, a `style` with
/// `url(...)`) would have loaded something remote: such images are counted as blocked, so a
/// viewer's "N remote images blocked" does not undercount tracking pixels.
pub(crate) fn loads_remotely(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    ["http:", "https:", "//"].iter().any(|scheme| {
        lower.contains(&format!("url({scheme}"))
            || lower.contains(&format!("url('{scheme}"))
            || lower.contains(&format!("url(\"{scheme}"))
            || lower.trim_start().starts_with(scheme)
            || lower.contains(&format!(", {scheme}"))
    })
}

/// The verdict on an `img` source.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ImageSource {
    /// Write this value.
    Allowed(String),
    /// A remote image the options refused.
    Remote,
    /// Anything else: relative, script, unknown scheme.
    Refused,
}

/// `cid:` and a Content-ID in URL form (RFC 2392: an addr-spec, percent-encoded): Content-ID
/// characters and `%` escapes only, so nothing else can ride along in the attribute.
fn is_cid_url(url: &str) -> bool {
    let id = &url[4..];
    !id.is_empty() && id.chars().all(|ch| ch == '%' || is_content_id_char(ch))
}

/// `data:image/png;...` and friends; SVG is left out because an SVG document may hold script.
fn is_raster_data_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["png", "gif", "jpeg", "jpg", "webp", "bmp"]
        .iter()
        .any(|kind| {
            let prefix = format!("data:image/{kind}");
            lower.starts_with(&prefix)
                && matches!(lower.as_bytes().get(prefix.len()), Some(b';' | b','))
        })
}

/// Does what the URL standard does before parsing: trims C0 controls and spaces from both ends
/// and removes every tab and line break (`java\tscript:` is `javascript:` to a browser).
fn strip_ignored_url_chars(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The lower-cased scheme of an absolute URL, or `None` for relative ones.
fn scheme_of(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        assert_eq!(
            safe_link(" https://x.test/a "),
            Some("https://x.test/a".into())
        );
        assert_eq!(safe_link("MAILTO:a@b.test"), Some("MAILTO:a@b.test".into()));
        assert_eq!(safe_link("java\tscript:alert(1)"), None);
        assert_eq!(safe_link("\u{1}javascript:alert(1)"), None);
        assert_eq!(safe_link("/relative"), None);
        assert_eq!(safe_link("data:text/html,x"), None);
    }

    #[test]
    fn images() {
        assert_eq!(
            safe_image_source("cid:a@b", false),
            ImageSource::Allowed("cid:a@b".into())
        );
        assert_eq!(
            safe_image_source("CID:logo%20x@b.example", false),
            ImageSource::Allowed("CID:logo%20x@b.example".into())
        );
        // A Content-ID has no ':' or space: nothing else rides along after "cid:".
        for odd in ["cid:xjavascript:ipt", "cid:a b", "cid:", "cid:a\"b"] {
            assert_eq!(safe_image_source(odd, false), ImageSource::Refused, "{odd}");
        }
        assert_eq!(
            safe_image_source("http://x/p.gif", false),
            ImageSource::Remote
        );
        assert!(matches!(
            safe_image_source("http://x/p.gif", true),
            ImageSource::Allowed(_)
        ));
        assert!(matches!(
            safe_image_source("data:image/png;base64,AAAA", false),
            ImageSource::Allowed(_)
        ));
        assert_eq!(
            safe_image_source("data:image/svg+xml,<svg>", false),
            ImageSource::Refused
        );
        assert_eq!(
            safe_image_source("data:image/pngx,", false),
            ImageSource::Refused
        );
        assert_eq!(
            safe_image_source("javascript:x", true),
            ImageSource::Refused
        );
    }
}
