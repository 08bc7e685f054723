//! Extra headers from `--header 'Name: value'`.

use wasmail_core::header::ExtraHeader;

use crate::failure::{Failure, RunResult};

/// Splits at the first colon; the value's leading blanks are dropped. Line breaks in the name
/// or value are refused by the core, so a header can never smuggle in another one.
pub fn parse_header(value: &str) -> RunResult<ExtraHeader> {
    let Some((name, header_value)) = value.split_once(':') else {
        return Err(Failure::usage(format!(
            "--header {value:?} has no colon: write it as 'Name: value'"
        )));
    };
    let header_value = header_value.trim_start_matches([' ', '\t']);
    ExtraHeader::parse(name, header_value)
        .map_err(|error| Failure::usage(format!("--header {value:?}: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let header = parse_header("X-Campaign:  spring").unwrap();
        assert_eq!(
            (header.name().as_str(), header.value().as_str()),
            ("X-Campaign", "spring")
        );
        assert!(parse_header("X-Evil: a\r\nBcc: x@y").is_err());
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("Subject: owned").is_err());
    }
}
