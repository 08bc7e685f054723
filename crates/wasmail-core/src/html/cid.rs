//! `cid:` URLs, which name a part of the same message by its Content-ID.

/// The Content-ID a `cid:` URL names (RFC 2392): the URL's value after `cid:`, percent-decoded.
///
/// ```
/// use wasmail_core::html::content_id_from_cid_url;
/// assert_eq!(content_id_from_cid_url("logo%40example.com"), "logo@example.com");
/// ```
pub fn content_id_from_cid_url(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (
            bytes[index],
            hex.and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
