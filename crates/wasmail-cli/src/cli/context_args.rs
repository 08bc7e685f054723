//! The flags that fix what composition otherwise takes from the clock and the random source.

use clap::Args;
use wasmail_frontend::ContextSpec;

use crate::local_offset::local_offset;

/// Composition context. With all four flags given, the same input composes to the same bytes.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Reproducible output")]
pub struct ContextArgs {
    /// The Date of the message: RFC 3339 ('2026-11-23T01:42:54+01:00') or Unix seconds.
    /// Default: now.
    #[arg(long, value_name = "RFC3339|UNIX", allow_hyphen_values = true)]
    pub date: Option<String>,

    /// The UTC offset written in the Date header, e.g. '+01:00' or '-0530'. Default: the
    /// offset of an RFC 3339 --date, UTC for a Unix --date, else the local offset.
    #[arg(long, value_name = "+HH:MM", allow_hyphen_values = true)]
    pub utc_offset: Option<String>,

    /// 32 bytes of entropy as 64 hex digits; the Message-ID and MIME boundaries derive from
    /// it. Default: fresh random bytes from the operating system.
    #[arg(long, value_name = "HEX32")]
    pub seed: Option<String>,

    /// The domain of the generated Message-ID. Default: the domain of --from.
    #[arg(long, value_name = "DOMAIN")]
    pub message_id_domain: Option<String>,
}

impl ContextArgs {
    /// The values for the front end, with the local offset as the fallback.
    pub fn to_spec(&self) -> ContextSpec {
        ContextSpec {
            date: self.date.clone(),
            utc_offset: self.utc_offset.clone(),
            seed: self.seed.clone(),
            message_id_domain: self.message_id_domain.clone(),
            local_offset: local_offset(),
        }
    }
}
