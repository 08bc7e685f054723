//! HTML for display and quoting: a sanitizer for untrusted mail HTML, and text-to-HTML helpers.
//!
//! # The sanitizer
//!
//! [`sanitize`] splits HTML into tokens following the WHATWG tokenization rules, and writes
//! back only what an allow-list permits. Output is re-serialised from tokens, never copied from
//! the input: every kept element is closed, every text and attribute value is escaped, so
//! broken markup (unclosed tags, odd quoting, `<scr<script>ipt>`) cannot leak through, and a
//! token read differently from a browser changes how a message looks, never what it can do.
//!
//! What is removed:
//! - active content with everything inside it: `script`, `style`, `template`, `noscript`,
//!   `iframe`, `frameset`, `object`, `applet`, `audio`, `video`, `canvas`, `map`, `svg`,
//!   `math`, `select`, `textarea`, `title`;
//! - elements that load or redirect: `link`, `base`, `meta`, `embed`, `frame`, `form` and form
//!   controls (their text is kept when they have any);
//! - event handlers (`on*`) and every attribute not on the list, including `id` and `name`,
//!   which could shadow the viewer's own page elements;
//! - link targets other than `http:`, `https:` and `mailto:` (entities and hidden tabs are
//!   decoded first, so `javascript&#58;` and `java&#9;script:` are caught);
//! - image sources other than `cid:` (a part of the same message) and raster `data:image/*`;
//!   remote images (`http:`, `https:`, protocol-relative `//`) only when
//!   [`SanitizeOptions::remote_images`] asks for them; `srcset`, `background` and CSS `url()`
//!   always, counted among the blocked remote images when they point off the message;
//! - inline style declarations that could load or run anything (`url(`, `expression(`,
//!   `@import`, ...) or hide such a thing (CSS escapes, comments).
//!
//! Comments, doctypes and conditional comments go too. Nesting deeper than 256 elements is
//! flattened and attributes past the 64th on a tag are dropped, so hostile input costs time
//! in proportion to its length.
//!
//! The policy is ours, not a general-purpose sanitizer's, because mail needs a mail-specific
//! list (`cid:` images, table layout attributes, counted blocked images) rather than a web one.
//! The tokenizer is ours because this crate runs in the browser with a 100 kB (gzip) module
//! budget: ammonia brings html5ever's tree builder, and even the html5gum tokenizer added
//! about 39 kB (gzip, after `wasm-opt -Oz`), 26 kB of it a second copy of the named-entity
//! table. This tokenizer decodes HTML 4's named references plus the few HTML5 names that
//! matter for URL checks, from a small table of its own (mail-parser's table is not used:
//! its perfect-hash lookup answers differently on wasm32, and output must not depend on the
//! target).

mod cid;
mod entities;
mod entity_table;
mod fragment;
mod policy;
mod sanitize;
mod style;
mod text;
mod to_text;
mod tokenizer;

pub(crate) use cid::{cid_references, drop_cid_images, hex_pair};
pub use cid::{content_id_from_cid_url, map_cid_sources};
pub(crate) use fragment::body_fragment;
pub use sanitize::{SanitizeOptions, Sanitized, sanitize, sanitize_with};
pub use text::{escape_text, text_to_html};
pub use to_text::html_to_text;
