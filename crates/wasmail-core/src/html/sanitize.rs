//! The sanitizer: tokens in, allowed tokens re-serialised out.

use super::policy::{DroppedContent, is_script_link, safe_image_source, safe_link};
use super::policy::{ElementRule, ImageSource, attribute_allowed, element_rule, loads_remotely};
use super::style::filter_style;
use super::text::{escape_attribute, push_escaped_text};
use super::tokenizer::{StartTag, Token, Tokenizer};

/// Deeper nesting than this is flattened: no mail needs it, and it bounds the work done per
/// end tag.
const MAX_DEPTH: usize = 256;

/// What [`sanitize_with`] may let through beyond the safe default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SanitizeOptions {
    /// Keep `http:` and `https:` image sources. Off by default: a remote image tells the sender
    /// when and where the message was read, so a viewer loads them only when the reader asks.
    pub remote_images: bool,
}

/// The result of [`sanitize_with`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sanitized {
    /// Well-formed HTML: every kept element closed, every text and attribute escaped.
    pub html: String,
    /// How many remote image sources were removed, so a viewer can offer to load them.
    pub blocked_remote_images: usize,
    /// How many scripts, event handlers and script links were removed: content no mail
    /// reader runs, which a composer can warn its writer about.
    pub removed_active: usize,
    /// How many `<style>` elements were removed: style sheets many mail readers apply, which
    /// a preview made safe does not show.
    pub removed_styles: usize,
}

/// Sanitizes untrusted mail HTML with the default [`SanitizeOptions`] (no remote images).
///
/// ```
/// let html = wasmail_core::html::sanitize(
///     r#"<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x">there</a>"#,
/// );
/// assert_eq!(html, "<p>Hi <a>there</a></p>");
/// ```
pub fn sanitize(input: &str) -> String {
    sanitize_with(input, &SanitizeOptions::default()).html
}

/// Sanitizes untrusted mail HTML: see the [module documentation](super) for the policy.
pub fn sanitize_with(input: &str, options: &SanitizeOptions) -> Sanitized {
    let mut walker = Walker {
        options: *options,
        out: Sanitized::default(),
        open: Vec::new(),
        dropped: DroppedContent::default(),
    };
    for token in Tokenizer::new(input) {
        walker.token(token);
    }
    walker.finish()
}

/// The state of one pass over the tokens.
struct Walker {
    options: SanitizeOptions,
    out: Sanitized,
    /// Kept elements not yet closed, innermost last.
    open: Vec<String>,
    /// Elements being dropped with their content.
    dropped: DroppedContent,
}

impl Walker {
    fn token(&mut self, token: Token) {
        if let Token::Start(tag) = &token
            && !self.dropped.is_dropping()
        {
            match tag.name.as_str() {
                "script" => self.out.removed_active += 1,
                "style" => self.out.removed_styles += 1,
                _ => {}
            }
            // Handlers go from every element, kept, unwrapped or dropped.
            self.out.removed_active += tag
                .attributes
                .iter()
                .filter(|(key, _)| key.starts_with("on"))
                .count();
        }
        if self.dropped.drops(&token) {
            return;
        }
        match token {
            Token::Start(tag) => self.start_tag(tag),
            Token::End(name) => self.end_tag(&name),
            Token::Text(text) => push_escaped_text(&mut self.out.html, &text),
        }
    }

    fn start_tag(&mut self, tag: StartTag) {
        let name = tag.name;
        match element_rule(&name) {
            // Dropped elements never get here: `DroppedContent` takes them first.
            ElementRule::Unwrap | ElementRule::DropWithContent => {}
            ElementRule::KeepVoid => self.write_start_tag(&name, &tag.attributes),
            ElementRule::Keep if self.open.len() < MAX_DEPTH => {
                self.write_start_tag(&name, &tag.attributes);
                // `<div/>` opens a div in HTML; it is closed like any other.
                self.open.push(name);
            }
            ElementRule::Keep => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        if name == "br" {
            // Browsers read a stray `</br>` as `<br>`.
            self.out.html.push_str("<br>");
            return;
        }
        let Some(position) = self.open.iter().rposition(|open| open == name) else {
            return;
        };
        // Closing an outer element closes everything opened inside it, as a browser would.
        for open in self.open.drain(position..).rev() {
            push_end_tag(&mut self.out.html, &open);
        }
    }

    /// Writes the tag with its allowed attributes, in source order.
    fn write_start_tag(&mut self, name: &str, attributes: &[(String, String)]) {
        let html = &mut self.out.html;
        html.push('<');
        html.push_str(name);
        for (key, value) in attributes {
            let kept = match (name, key.as_str()) {
                ("a", "href") => {
                    if is_script_link(value) {
                        self.out.removed_active += 1;
                    }
                    safe_link(value)
                }
                ("img", "src") => match safe_image_source(value, self.options.remote_images) {
                    ImageSource::Allowed(src) => Some(src),
                    ImageSource::Remote => {
                        self.out.blocked_remote_images += 1;
                        None
                    }
                    ImageSource::Refused => None,
                },
                (_, "style") => {
                    // Every `url(...)` declaration is dropped.
                    self.out.blocked_remote_images += blocked_remotely(value, &self.options);
                    filter_style(value)
                }
                (_, key) if attribute_allowed(name, key) => Some(value.clone()),
                (_, "srcset" | "background") => {
                    self.out.blocked_remote_images += blocked_remotely(value, &self.options);
                    None
                }
                _ => None,
            };
            if let Some(kept) = kept {
                html.push(' ');
                html.push_str(key);
                html.push_str("=\"");
                escape_attribute(html, &kept);
                html.push('"');
            }
        }
        html.push('>');
    }

    fn finish(mut self) -> Sanitized {
        for open in self.open.drain(..).rev() {
            push_end_tag(&mut self.out.html, &open);
        }
        self.out
    }
}

/// 1 for a dropped attribute that would have loaded something remote while remote images are
/// blocked, else 0.
fn blocked_remotely(value: &str, options: &SanitizeOptions) -> usize {
    usize::from(!options.remote_images && loads_remotely(value))
}

fn push_end_tag(html: &mut String, name: &str) {
    html.push_str("</");
    html.push_str(name);
    html.push('>');
}
