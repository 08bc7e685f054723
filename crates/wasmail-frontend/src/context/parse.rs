//! The context flags' syntax: `--date`, `--utc-offset` and `--seed`. Errors name the flag.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use wasmail_core::context::{UtcOffset, parse_entropy_hex};

use crate::failure::{Failure, RunResult};

/// `--date`: Unix seconds (UTC unless `--utc-offset`), or RFC 3339 with its own offset.
pub fn parse_date(input: &str) -> RunResult<(i64, UtcOffset)> {
    let input = input.trim();
    if let Ok(seconds) = input.parse::<i64>() {
        return Ok((seconds, UtcOffset::UTC));
    }
    let parsed = OffsetDateTime::parse(input, &Rfc3339).map_err(|error| {
        Failure::usage(format!(
            "--date {input:?} is not RFC 3339 (2026-11-23T01:42:54+01:00) nor Unix seconds: {error}"
        ))
    })?;
    let offset = UtcOffset::from_minutes(parsed.offset().whole_minutes().into())
        .map_err(|error| Failure::usage(format!("--date {input:?}: {error}")))?;
    Ok((parsed.unix_timestamp(), offset))
}

/// `--utc-offset`: `+01:00`, `-0530`, `+01`, `Z`.
pub fn parse_utc_offset(input: &str) -> RunResult<UtcOffset> {
    let bad = || {
        Failure::usage(format!(
            "--utc-offset {input:?} is not an offset: write it as +HH:MM, e.g. +01:00 or -05:30"
        ))
    };
    let text = input.trim();
    if text.eq_ignore_ascii_case("z") {
        return Ok(UtcOffset::UTC);
    }
    let (sign, rest) = match text.split_at_checked(1) {
        Some(("+", rest)) => (1, rest),
        Some(("-", rest)) => (-1, rest),
        _ => return Err(bad()),
    };
    let digits: String = rest.chars().filter(|&ch| ch != ':').collect();
    let colons = rest.len() - digits.len();
    let valid_shape = digits.bytes().all(|b| b.is_ascii_digit())
        && matches!((digits.len(), colons), (2, 0) | (4, 0) | (4, 1));
    if !valid_shape || (colons == 1 && rest.as_bytes().get(2) != Some(&b':')) {
        return Err(bad());
    }
    let hours: i32 = digits[..2].parse().map_err(|_| bad())?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Ok(0), str::parse)
        .map_err(|_| bad())?;
    if minutes >= 60 {
        return Err(bad());
    }
    UtcOffset::from_minutes(sign * (hours * 60 + minutes))
        .map_err(|error| Failure::usage(format!("--utc-offset {input:?}: {error}")))
}

/// `--seed`: exactly 64 hex digits.
pub fn parse_seed(input: &str) -> RunResult<[u8; 32]> {
    parse_entropy_hex(input).ok_or_else(|| {
        Failure::usage(format!(
            "--seed must be 64 hex digits (32 bytes), got {} characters",
            input.trim().chars().count()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        let minutes = |s| parse_utc_offset(s).unwrap().minutes();
        assert_eq!(
            [
                minutes("+01:00"),
                minutes("-0530"),
                minutes("+02"),
                minutes("Z")
            ],
            [60, -330, 120, 0]
        );
        for bad in [
            "", "01:00", "+1:00", "+01:60", "+0100:", "+aa:bb", "+24:00", "+01-00",
        ] {
            assert!(parse_utc_offset(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("1795394574").unwrap(),
            (1_795_394_574, UtcOffset::UTC)
        );
        let (time, offset) = parse_date("2026-11-23T01:42:54+01:00").unwrap();
        assert_eq!((time, offset.minutes()), (1_795_394_574, 60));
        assert!(parse_date("yesterday").is_err());
    }

    #[test]
    fn seeds() {
        assert_eq!(parse_seed(&("00".repeat(31) + "ff")).unwrap()[31], 0xff);
        assert!(parse_seed("abc").is_err());
        assert!(parse_seed(&"zz".repeat(32)).is_err());
        assert!(parse_seed(&"é".repeat(32)).is_err());
    }
}
