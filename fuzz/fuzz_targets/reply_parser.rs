//! The reply parser on arbitrary bytes, cut where the first byte says: it must never panic,
//! never exceed its caps, and agree with itself however the input is chunked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasmail_core::smtp::{ReplyLimits, ReplyParser};

fn parse(parts: &[&[u8]]) -> Vec<String> {
    let limits = ReplyLimits::default();
    let mut parser = ReplyParser::new(limits);
    let mut out = Vec::new();
    for part in parts {
        parser.push(part);
        while let Some(result) = parser.next_reply() {
            let failed = result.is_err();
            out.push(format!("{result:?}"));
            if failed {
                return out;
            }
        }
        assert!(parser.buffered() <= limits.max_reply + limits.max_line);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else { return };
    let cut = usize::from(cut) % (rest.len() + 1);
    assert_eq!(parse(&[rest]), parse(&[&rest[..cut], &rest[cut..]]));
});
