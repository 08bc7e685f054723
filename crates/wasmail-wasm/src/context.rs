//! The composition context from the caller's fixed values, else from the environment: the time
//! and UTC offset from JavaScript's `Date`, entropy from `crypto.getRandomValues` (through
//! getrandom) drawn once per draft.

use wasmail_core::context::{ComposeContext, UtcOffset, message_id_domain_for};
use wasmail_core::mailbox::Mailbox;

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
    let domain = message_id_domain_for(
        fixed.message_id_domain.as_deref(),
        from.map(|from| from.address().domain_ascii()),
    );
    ComposeContext::new(unix_time, offset, entropy, domain)
        .map_err(|error| format!("the composition context is not valid: {error}"))
}
