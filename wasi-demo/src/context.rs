//! The composition context from `--date`, `--utc-offset`, `--seed` and `--message-id-domain`,
//! or from the WASI clock and random source when they are absent. The core reads neither: this
//! command supplies them.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use wasmail_core::context::{ComposeContext, UtcOffset};

use crate::args::Args;
use crate::status::{Failure, Result};

/// Used when neither `--message-id-domain` nor a usable `--from` domain is given.
const FALLBACK_DOMAIN: &str = "localhost";

/// The context; `from_domain` is the Message-ID domain unless `--message-id-domain` says
/// otherwise (as `wasmail` does, so both compose the same bytes).
pub fn compose_context(args: &Args, from_domain: Option<&str>) -> Result<ComposeContext> {
    let explicit_offset = args
        .utc_offset
        .as_deref()
        .map(parse_utc_offset)
        .transpose()?;
    // WASI has no time zone: without --date the local offset is UTC.
    let (unix_time, date_offset) = match args.date.as_deref() {
        Some(date) => parse_date(date)?,
        None => (now_unix()?, UtcOffset::UTC),
    };
    let entropy = match args.seed.as_deref() {
        Some(seed) => parse_seed(seed)?,
        None => random_seed()?,
    };
    let domain = match (&args.message_id_domain, from_domain) {
        (Some(domain), _) => domain.as_str(),
        (None, Some(domain)) if usable_domain(domain) => domain,
        _ => FALLBACK_DOMAIN,
    };
    let offset = explicit_offset.unwrap_or(date_offset);
    ComposeContext::new(unix_time, offset, entropy, domain)
        .map_err(|error| Failure::usage(format!("the composition context is not valid: {error}")))
}

/// Whether `domain` can be a Message-ID's right-hand side (not an address literal).
fn usable_domain(domain: &str) -> bool {
    ComposeContext::new(0, UtcOffset::UTC, [0; 32], domain).is_ok()
}

/// `--date`: Unix seconds (UTC), or RFC 3339 with its own offset.
fn parse_date(input: &str) -> Result<(i64, UtcOffset)> {
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

/// `--utc-offset`: `+01:00`, `-0530`, `+01` or `Z`.
fn parse_utc_offset(input: &str) -> Result<UtcOffset> {
    let bad = || {
        Failure::usage(format!(
            "--utc-offset {input:?} is not an offset: write +HH:MM"
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
    let (hours, minutes) = match (rest.len(), rest.as_bytes().get(2)) {
        (2, _) => (rest, "0"),
        (4, _) => rest.split_at(2),
        (5, Some(b':')) => (&rest[..2], &rest[3..]),
        _ => return Err(bad()),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || !digits(minutes) {
        return Err(bad());
    }
    let (hours, minutes): (i32, i32) = (
        hours.parse().map_err(|_| bad())?,
        minutes.parse().map_err(|_| bad())?,
    );
    if minutes >= 60 {
        return Err(bad());
    }
    UtcOffset::from_minutes(sign * (hours * 60 + minutes))
        .map_err(|error| Failure::usage(format!("--utc-offset {input:?}: {error}")))
}

/// `--seed`: exactly 64 hex digits.
fn parse_seed(input: &str) -> Result<[u8; 32]> {
    let text = input.trim().as_bytes();
    let bad = || Failure::usage("--seed must be 64 hex digits (32 bytes)");
    if text.len() != 64 {
        return Err(bad());
    }
    let mut seed = [0u8; 32];
    for (byte, pair) in seed.iter_mut().zip(text.chunks_exact(2)) {
        let pair = std::str::from_utf8(pair).map_err(|_| bad())?;
        *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
    }
    Ok(seed)
}

/// Fresh entropy from the host (WASI `random`).
fn random_seed() -> Result<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|error| {
        Failure::usage(format!(
            "the random source failed ({error}); give --seed instead"
        ))
    })?;
    Ok(seed)
}

/// The host's wall clock (WASI `wall-clock`).
fn now_unix() -> Result<i64> {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Failure::usage("the clock is before 1970; give --date instead"))?;
    i64::try_from(elapsed.as_secs()).map_err(|_| Failure::usage("the clock is out of range"))
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
    fn dates_and_seeds() {
        let (time, offset) = parse_date("2026-11-23T01:42:54+01:00").unwrap();
        assert_eq!((time, offset.minutes()), (1_795_394_574, 60));
        assert_eq!(parse_date("1795394574").unwrap().0, 1_795_394_574);
        assert!(parse_date("yesterday").is_err());
        assert_eq!(parse_seed(&("00".repeat(31) + "ff")).unwrap()[31], 0xff);
        assert!(parse_seed("abc").is_err());
        assert!(parse_seed(&"zz".repeat(32)).is_err());
    }
}
