//! The composition context (time, UTC offset, entropy, Message-ID domain) from the
//! `--date`, `--utc-offset`, `--seed` and `--message-id-domain` flags, or from the clock and
//! the operating system's random source when they are absent.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use wasmail_core::context::{ComposeContext, UtcOffset};

use crate::cli::ContextArgs;
use crate::exit::{CliError, CliResult};

/// Used when neither `--message-id-domain` nor a usable `--from` domain is given.
const FALLBACK_DOMAIN: &str = "localhost";

static LOCAL_OFFSET: OnceLock<UtcOffset> = OnceLock::new();

/// Reads the local UTC offset. Call this before any thread starts: on Unix the offset can only
/// be read safely while the process is single-threaded, and UTC is used otherwise.
pub fn init_local_offset() {
    LOCAL_OFFSET.get_or_init(|| {
        time::UtcOffset::current_local_offset()
            .ok()
            .and_then(|offset| UtcOffset::from_minutes(offset.whole_minutes().into()).ok())
            .unwrap_or(UtcOffset::UTC)
    });
}

fn local_offset() -> UtcOffset {
    LOCAL_OFFSET.get().copied().unwrap_or(UtcOffset::UTC)
}

/// Builds the context. `default_domain` (the From address's domain) is the Message-ID domain
/// when `--message-id-domain` is absent.
pub fn compose_context(
    args: &ContextArgs,
    default_domain: Option<&str>,
) -> CliResult<ComposeContext> {
    let explicit_offset = args
        .utc_offset
        .as_deref()
        .map(parse_utc_offset)
        .transpose()?;
    let (unix_time, date_offset) = match args.date.as_deref() {
        Some(date) => parse_date(date)?,
        None => (now_unix()?, local_offset()),
    };
    let offset = explicit_offset.unwrap_or(date_offset);
    let entropy = match args.seed.as_deref() {
        Some(seed) => parse_seed(seed)?,
        None => random_seed()?,
    };
    let domain = match (&args.message_id_domain, default_domain) {
        (Some(domain), _) => domain.as_str(),
        (None, Some(domain)) if usable_domain(domain) => domain,
        _ => FALLBACK_DOMAIN,
    };
    ComposeContext::new(unix_time, offset, entropy, domain)
        .map_err(|error| CliError::usage(format!("the composition context is not valid: {error}")))
}

/// Whether `domain` can be the right-hand side of a Message-ID (not an address literal).
fn usable_domain(domain: &str) -> bool {
    ComposeContext::new(0, UtcOffset::UTC, [0; 32], domain).is_ok()
}

/// `--date`: Unix seconds (UTC unless `--utc-offset`), or RFC 3339 with its own offset.
fn parse_date(input: &str) -> CliResult<(i64, UtcOffset)> {
    let input = input.trim();
    if let Ok(seconds) = input.parse::<i64>() {
        return Ok((seconds, UtcOffset::UTC));
    }
    let parsed = OffsetDateTime::parse(input, &Rfc3339).map_err(|error| {
        CliError::usage(format!(
            "--date {input:?} is not RFC 3339 (2026-11-23T01:42:54+01:00) nor Unix seconds: {error}"
        ))
    })?;
    let offset = UtcOffset::from_minutes(parsed.offset().whole_minutes().into())
        .map_err(|error| CliError::usage(format!("--date {input:?}: {error}")))?;
    Ok((parsed.unix_timestamp(), offset))
}

/// `--utc-offset`: `+01:00`, `-0530`, `+01`, `Z`.
pub fn parse_utc_offset(input: &str) -> CliResult<UtcOffset> {
    let bad = || {
        CliError::usage(format!(
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
        .map_err(|error| CliError::usage(format!("--utc-offset {input:?}: {error}")))
}

/// `--seed`: exactly 64 hex digits.
fn parse_seed(input: &str) -> CliResult<[u8; 32]> {
    let text = input.trim();
    let bad = || {
        CliError::usage(format!(
            "--seed must be 64 hex digits (32 bytes), got {} characters",
            text.chars().count()
        ))
    };
    if text.len() != 64 || !text.is_ascii() {
        return Err(bad());
    }
    let mut seed = [0u8; 32];
    for (byte, pair) in seed.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
        let pair = std::str::from_utf8(pair).map_err(|_| bad())?;
        *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
    }
    Ok(seed)
}

fn random_seed() -> CliResult<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|error| {
        CliError::usage(format!(
            "the operating system's random source failed ({error}); give --seed instead"
        ))
    })?;
    Ok(seed)
}

fn now_unix() -> CliResult<i64> {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| CliError::usage("the system clock is before 1970; give --date instead"))?;
    i64::try_from(elapsed.as_secs())
        .map_err(|_| CliError::usage("the system clock is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(parse_utc_offset("+01:00").unwrap().minutes(), 60);
        assert_eq!(parse_utc_offset("-0530").unwrap().minutes(), -330);
        assert_eq!(parse_utc_offset("+02").unwrap().minutes(), 120);
        assert_eq!(parse_utc_offset("Z").unwrap().minutes(), 0);
        for bad in ["", "01:00", "+1:00", "+01:60", "+0100:", "+aa:bb", "+24:00"] {
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
        let hex = "00".repeat(31) + "ff";
        assert_eq!(parse_seed(&hex).unwrap()[31], 0xff);
        assert!(parse_seed("abc").is_err());
        assert!(parse_seed(&"zz".repeat(32)).is_err());
    }
}
