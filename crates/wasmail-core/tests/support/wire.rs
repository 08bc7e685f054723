//! Checks every composed message must pass, whatever it contains.

/// CRLF line ends only, no line over 998 octets, no NUL.
pub fn assert_wire_clean(bytes: &[u8]) {
    for (index, &byte) in bytes.iter().enumerate() {
        assert_ne!(byte, 0, "NUL at byte {index}");
        if byte == b'\n' {
            assert_eq!(
                index.checked_sub(1).map(|i| bytes[i]),
                Some(b'\r'),
                "bare LF at {index}"
            );
        }
        if byte == b'\r' {
            assert_eq!(bytes.get(index + 1), Some(&b'\n'), "bare CR at {index}");
        }
    }
    for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let len = line.strip_suffix(b"\r").unwrap_or(line).len();
        assert!(len <= 998, "line {} is {len} octets long", number + 1);
    }
}

/// The header section (up to the first empty line), unfolded: one entry per header field,
/// as `(name, raw value)`.
pub fn header_fields(bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            let last = fields
                .last_mut()
                .expect("a continuation line follows a field");
            last.1.push_str(line);
        } else {
            let (name, value) = line.split_once(':').expect("a header field has a colon");
            fields.push((name.to_owned(), value.trim_start().to_owned()));
        }
    }
    fields
}

/// The names of the top-level header fields, in order.
pub fn header_names(bytes: &[u8]) -> Vec<String> {
    header_fields(bytes)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// Whether every byte is ASCII.
pub fn is_seven_bit(bytes: &[u8]) -> bool {
    bytes.is_ascii()
}
