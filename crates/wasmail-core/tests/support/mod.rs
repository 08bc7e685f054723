//! Helpers shared by the integration tests: `mod support;` in a test file brings them in.
//! Not every test file uses every helper.
#![allow(dead_code)]

pub mod golden;
pub mod wire;

use wasmail_core::context::{ComposeContext, UtcOffset};

/// 2026-11-23T00:42:54Z, a Monday: the time every golden message is composed at.
pub const GOLDEN_TIME: i64 = 1_795_394_574;

/// The context golden messages are composed with: [`GOLDEN_TIME`] at UTC+01:00, entropy
/// made of `seed` bytes, Message-IDs at `example.com`.
pub fn context(seed: u8) -> ComposeContext {
    let offset = UtcOffset::from_minutes(60).expect("a valid offset");
    ComposeContext::new(GOLDEN_TIME, offset, [seed; 32], "example.com").expect("a valid context")
}
