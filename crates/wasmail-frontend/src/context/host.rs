//! What the host supplies when the flags do not: the wall clock and fresh entropy. Natively
//! these are the operating system's; under WASI, the runtime's `wall-clock` and `random`.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::failure::{Failure, RunResult};

/// 32 fresh random bytes.
pub(super) fn random_seed() -> RunResult<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|error| {
        Failure::usage(format!(
            "the operating system's random source failed ({error}); give --seed instead"
        ))
    })?;
    Ok(seed)
}

/// Seconds since 1970 by the wall clock.
pub(super) fn now_unix() -> RunResult<i64> {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Failure::usage("the system clock is before 1970; give --date instead"))?;
    i64::try_from(elapsed.as_secs()).map_err(|_| Failure::usage("the system clock is out of range"))
}
