//! The composition context from the caller's fixed values, else from the environment: the time
//! and UTC offset from JavaScript's `Date`, entropy from `crypto.getRandomValues` (through
//! getrandom) drawn once per draft.

use wasmail_core::context::{ComposeContext, UtcOffset};
use wasmail_core::mailbox::Mailbox;

/// The domain of generated Message-IDs when neither the caller nor the From address gives a
/// usable one (as the `wasmail` command does).
const FALLBACK_DOMAIN: &str = "localhost";

/// What a caller may fix; each `None` is taken from the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixedContext {
    pub unix_time: Option<i64>,
    pub utc_offset_minutes: Option<i32>,
    pub entropy: Option<[u8; 32]>,
    pub message_id_domain: Option<String>,
}

/// The current time and the local UTC offset, as the environment says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub unix_time: i64,
    pub utc_offset_minutes: i32,
}

impl Now {
    /// JavaScript's clock and the time zone of the page or Node process.
    #[cfg(target_arch = "wasm32")]
    pub fn from_environment() -> Now {
        let millis = js_sys::Date::now();
        let offset = js_sys::Date::new_0().get_timezone_offset();
        Now {
            unix_time: (millis / 1000.0).floor() as i64,
            // getTimezoneOffset counts minutes west of UTC.
            utc_offset_minutes: -(offset as i32),
        }
    }

    /// The system clock, in UTC (native builds are only used for tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_environment() -> Now {
        let unix_time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64);
        Now {
            unix_time,
            utc_offset_minutes: 0,
        }
    }
}

/// 32 bytes from the platform's secure random source.
pub fn fresh_entropy() -> Result<[u8; 32], String> {
    let mut entropy = [0u8; 32];
    getrandom::fill(&mut entropy)
        .map_err(|error| format!("no secure random source is available: {error}"))?;
    Ok(entropy)
}

/// The context for composing a message from `from`: fixed values first, then `now`, the
/// draft's `entropy`, and the From domain for Message-IDs.
pub fn resolve(
    fixed: &FixedContext,
    now: Now,
    entropy: [u8; 32],
    from: Option<&Mailbox>,
) -> Result<ComposeContext, String> {
    let offset_minutes = fixed.utc_offset_minutes.unwrap_or(now.utc_offset_minutes);
    let offset = UtcOffset::from_minutes(offset_minutes)
        .map_err(|error| format!("context.utcOffsetMinutes: {error}"))?;
    let unix_time = fixed.unix_time.unwrap_or(now.unix_time);
    let entropy = fixed.entropy.unwrap_or(entropy);
    let domain = match (&fixed.message_id_domain, from) {
        (Some(domain), _) => domain.clone(),
        (None, Some(from)) if usable_domain(from.address().domain_ascii()) => {
            from.address().domain_ascii().to_owned()
        }
        _ => FALLBACK_DOMAIN.to_owned(),
    };
    ComposeContext::new(unix_time, offset, entropy, &domain)
        .map_err(|error| format!("the composition context is not valid: {error}"))
}

fn usable_domain(domain: &str) -> bool {
    ComposeContext::new(0, UtcOffset::UTC, [0; 32], domain).is_ok()
}

/// Parses 64 hex digits.
pub fn parse_entropy_hex(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}
