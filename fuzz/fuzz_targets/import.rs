//! Importing arbitrary bytes as a message to reply to: parsing (with the rewrite of encoded
//! words in other charsets), the reply and forward drafts, and the check of raw messages must
//! never panic, and a reply must always compose.
//!
//! Run it without debug assertions and overflow checks (`cargo fuzz run -O import`):
//! mail-parser 0.11.9 trips both on some broken messages where release builds go on (see
//! `[profile.dev.package.mail-parser]` in the workspace manifest).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasmail_core::context::{ComposeContext, UtcOffset};
use wasmail_core::mailbox::Mailbox;
use wasmail_core::reply::{ForwardOptions, Parent, ReplyOptions};

fuzz_target!(|data: &[u8]| {
    let _ = wasmail_core::check::check_raw(data, None);
    let Ok(parent) = Parent::parse(data) else { return };
    let _ = parent.sanitized_html(&Default::default());
    let from = Mailbox::parse("me@example.com").expect("a valid mailbox");
    let mut ctx = ComposeContext::new(1_795_394_574, UtcOffset::UTC, [7; 32], "example.com")
        .expect("a valid context");
    let options = ReplyOptions {
        from: Some(from.clone()),
        all: data.len() % 2 == 0,
        ..ReplyOptions::default()
    };
    if let Ok(reply) = parent.reply(&options) {
        reply.compose(&mut ctx).expect("a reply composes");
    }
    let _ = parent.forward(&ForwardOptions {
        from: Some(from),
        ..ForwardOptions::default()
    });
});
