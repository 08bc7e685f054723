//! Internationalised domain names through the JavaScript host's URL parser.
//!
//! The core is built here without its `uts46` feature, which would carry the Unicode tables of
//! the `idna` crate (about 57 kB of the gzipped module). Browsers and Node already implement
//! UTS-46 for URLs (WHATWG "domain to ASCII"); the core asks them and applies the STD3 and DNS
//! length rules itself, so addresses come out as on native builds (pkg-tests compare them
//! with `wasmail compose`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = URL)]
    type Url;

    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    fn new(url: &str) -> Result<Url, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn hostname(this: &Url) -> String;
}

/// WHATWG "domain to ASCII" of `domain`, whose ASCII characters the core has already limited
/// to letters, digits, `-` and `.` (so nothing in it can end the URL's host early).
fn domain_to_ascii(domain: &str) -> Option<String> {
    let url = Url::new(&format!("http://{domain}/")).ok()?;
    Some(url.hostname())
}

/// Runs when the module is instantiated (browser and Node).
#[wasm_bindgen(start)]
fn install() {
    wasmail_core::address::set_platform_to_ascii(domain_to_ascii);
}
