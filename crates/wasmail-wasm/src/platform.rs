//! What the JavaScript host supplies to the core: UTS-46 for internationalised domain names
//! and decoders for the charsets of imported messages.
//!
//! The core is built here without its `uts46` and `charsets` features, which would carry the
//! Unicode tables of the `idna` crate (about 57 kB of the gzipped module) and encoding_rs.
//! Browsers and Node implement both already, to the same WHATWG standards: UTS-46 in the URL
//! parser ("domain to ASCII") and the Encoding Standard in `TextDecoder`. The core applies the
//! STD3 and DNS length rules itself, so results equal native builds; pkg-tests compare them
//! with the `wasmail` binary.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = URL)]
    type Url;

    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    fn new(url: &str) -> Result<Url, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn hostname(this: &Url) -> String;

    type TextDecoder;

    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// WHATWG "domain to ASCII" of `domain`, whose ASCII characters the core has already limited
/// to letters, digits, `-` and `.` (so nothing in it can end the URL's host early).
fn domain_to_ascii(domain: &str) -> Option<String> {
    let url = Url::new(&format!("http://{domain}/")).ok()?;
    Some(url.hostname())
}

/// `bytes` decoded from the charset `label`; `None` when `TextDecoder` does not know it.
/// Malformed sequences become U+FFFD, as in encoding_rs.
fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    TextDecoder::new(label).ok()?.decode(bytes).ok()
}

/// Runs when the module is instantiated (browser and Node).
#[wasm_bindgen(start)]
fn install() {
    wasmail_core::address::set_platform_to_ascii(domain_to_ascii);
    wasmail_core::charset::set_platform_decoder(decode);
}
