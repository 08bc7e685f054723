//! The composition context (time, UTC offset, entropy, Message-ID domain) from the `--date`,
//! `--utc-offset`, `--seed` and `--message-id-domain` values, or from the clock and the random
//! source when they are absent. The core reads neither: the front end supplies them.

mod host;
mod parse;

use wasmail_core::context::{ComposeContext, UtcOffset, message_id_domain_for};

pub use parse::{parse_date, parse_seed, parse_utc_offset};

use crate::failure::{Failure, RunResult};

/// The context flags as given. With `date`, `seed` and `message_id_domain` all set, the same
/// input composes to the same bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContextSpec {
    /// `--date`: RFC 3339 or Unix seconds. Default: now.
    pub date: Option<String>,
    /// `--utc-offset`: the offset written in the Date header, e.g. `+01:00`.
    pub utc_offset: Option<String>,
    /// `--seed`: 64 hex digits. Default: fresh random bytes.
    pub seed: Option<String>,
    /// `--message-id-domain`. Default: the From address's domain.
    pub message_id_domain: Option<String>,
    /// The offset used when neither `date` nor `utc_offset` gives one (default UTC). The
    /// binary reads it: WASI has no time zone, and natively it must be read before threads
    /// start.
    pub local_offset: UtcOffset,
}

impl ContextSpec {
    /// Builds the context. `from_domain` (the From address's domain) is the Message-ID domain
    /// when `message_id_domain` is absent and it can serve as one.
    pub fn resolve(&self, from_domain: Option<&str>) -> RunResult<ComposeContext> {
        let explicit_offset = self
            .utc_offset
            .as_deref()
            .map(parse_utc_offset)
            .transpose()?;
        let (unix_time, date_offset) = match self.date.as_deref() {
            Some(date) => parse_date(date)?,
            None => (host::now_unix()?, self.local_offset),
        };
        let offset = explicit_offset.unwrap_or(date_offset);
        let entropy = match self.seed.as_deref() {
            Some(seed) => parse_seed(seed)?,
            None => host::random_seed()?,
        };
        let domain = message_id_domain_for(self.message_id_domain.as_deref(), from_domain);
        ComposeContext::new(unix_time, offset, entropy, domain).map_err(|error| {
            Failure::usage(format!("the composition context is not valid: {error}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed() -> ContextSpec {
        ContextSpec {
            date: Some("2026-11-23T01:42:54+01:00".into()),
            seed: Some("ab".repeat(32)),
            ..ContextSpec::default()
        }
    }

    #[test]
    fn fixed_values_and_domain_fallbacks() {
        let ctx = fixed().resolve(Some("example.com")).unwrap();
        assert_eq!(ctx.unix_time(), 1_795_394_574);
        assert_eq!(ctx.utc_offset().minutes(), 60);
        assert_eq!(ctx.message_id_domain().as_ascii(), "example.com");
        let literal = fixed().resolve(Some("[192.0.2.1]")).unwrap();
        assert_eq!(
            literal.message_id_domain().as_ascii(),
            wasmail_core::context::FALLBACK_MESSAGE_ID_DOMAIN
        );
        let chosen = ContextSpec {
            message_id_domain: Some("ids.example".into()),
            utc_offset: Some("-05:30".into()),
            ..fixed()
        };
        let ctx = chosen.resolve(Some("example.com")).unwrap();
        assert_eq!(ctx.message_id_domain().as_ascii(), "ids.example");
        assert_eq!(ctx.utc_offset().minutes(), -330);
    }

    #[test]
    fn absent_values_come_from_the_host() {
        let spec = ContextSpec {
            local_offset: UtcOffset::from_minutes(120).unwrap(),
            ..ContextSpec::default()
        };
        let (a, b) = (spec.resolve(None).unwrap(), spec.resolve(None).unwrap());
        assert_eq!(a.utc_offset().minutes(), 120);
        assert!(a.unix_time() > 1_700_000_000);
        assert_ne!(a.entropy(), b.entropy(), "fresh entropy each time");
    }
}
