//! Time as the driver tells it: the core never reads a clock.

use std::ops::{Add, Sub};
use std::time::Duration;

/// A point on the driver's monotonic clock, counted from an epoch the driver chooses (for example
/// when it created the client). Drivers convert their own clock (`std::time::Instant`,
/// `performance.now()`, a WASI monotonic clock, a test's fake clock) into this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(Duration);

impl Time {
    /// The epoch itself.
    pub const ZERO: Time = Time(Duration::ZERO);

    /// The time `since_epoch` after the driver's epoch.
    pub fn from_duration(since_epoch: Duration) -> Self {
        Self(since_epoch)
    }

    /// Milliseconds after the epoch.
    pub fn from_millis(millis: u64) -> Self {
        Self(Duration::from_millis(millis))
    }

    /// How long after the epoch this is.
    pub fn since_epoch(self) -> Duration {
        self.0
    }

    /// How long from `self` until `later`, or zero if `later` has passed.
    pub fn until(self, later: Time) -> Duration {
        later.0.saturating_sub(self.0)
    }
}

impl Add<Duration> for Time {
    type Output = Time;
    fn add(self, rhs: Duration) -> Time {
        Time(self.0.saturating_add(rhs))
    }
}

impl Sub<Time> for Time {
    type Output = Duration;
    fn sub(self, rhs: Time) -> Duration {
        self.0.saturating_sub(rhs.0)
    }
}
