//! What the host supplies when the flags do not: the wall clock and fresh entropy, from the
//! driver crate (natively the operating system's; under WASI, the runtime's), with messages
//! that name the flag to give instead.

use crate::failure::{Failure, RunResult};

/// 32 fresh random bytes.
pub(super) fn random_seed() -> RunResult<[u8; 32]> {
    wasmail_net::fresh_entropy()
        .map_err(|error| Failure::usage(format!("{error}; give --seed instead")))
}

/// Seconds since 1970 by the wall clock.
pub(super) fn now_unix() -> RunResult<i64> {
    wasmail_net::unix_now().map_err(|error| Failure::usage(format!("{error}; give --date instead")))
}
