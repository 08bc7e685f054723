//! A composition context from the host: the core reads no clock and no random source, so a
//! native or WASI caller gets them here.

use std::io;
use std::time::{SystemTime, UNIX_EPOCH};

use wasmail_core::context::{ComposeContext, UtcOffset};

/// A context for composing now: the system clock, 32 fresh bytes from the operating system's
/// random source (the runtime's under WASI), the Date written in UTC, and generated
/// Message-IDs ending in `@message_id_domain` (usually the From address's domain).
///
/// One context serves any number of messages: each composition moves it on. For a Date in
/// local time, or fixed values in tests, build the context with [`ComposeContext::new`],
/// taking the parts from [`unix_now`] and [`fresh_entropy`].
///
/// ```
/// let mut ctx = wasmail_net::compose_context("example.com")?;
/// assert!(ctx.unix_time() > 1_700_000_000);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn compose_context(message_id_domain: &str) -> io::Result<ComposeContext> {
    ComposeContext::new(
        unix_now()?,
        UtcOffset::UTC,
        fresh_entropy()?,
        message_id_domain,
    )
    .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error))
}

/// Seconds since 1970 by the system clock.
pub fn unix_now() -> io::Result<i64> {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| io::Error::other("the system clock is set before 1970"))?;
    i64::try_from(elapsed.as_secs())
        .map_err(|_| io::Error::other("the system clock is out of range"))
}

/// 32 bytes from the operating system's random source.
pub fn fresh_entropy() -> io::Result<[u8; 32]> {
    let mut entropy = [0u8; 32];
    getrandom::fill(&mut entropy).map_err(|error| {
        io::Error::other(format!(
            "the operating system's random source failed: {error}"
        ))
    })?;
    Ok(entropy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_context_has_fresh_entropy_and_a_valid_domain_is_required() {
        let a = compose_context("example.com").unwrap();
        let b = compose_context("example.com").unwrap();
        assert_ne!(a.entropy(), b.entropy());
        assert_eq!(a.message_id_domain().as_ascii(), "example.com");
        let error = compose_context("not a domain").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }
}
