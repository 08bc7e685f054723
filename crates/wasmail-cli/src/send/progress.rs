//! A progress bar for many messages, on a terminal only: scripts and logs get clean output.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Shown while messages go out; hidden when stderr is not a terminal, for JSON output, and
/// for a single message.
#[derive(Debug)]
pub struct Progress(ProgressBar);

impl Progress {
    /// A bar for `total` messages.
    pub fn new(total: usize, json: bool) -> Progress {
        if total < 2 || json || !std::io::stderr().is_terminal() {
            return Progress(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(total as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} messages {msg}") {
            bar.set_style(style);
        }
        Progress(bar)
    }

    /// One more message reached its outcome.
    pub fn advance(&self) {
        self.0.inc(1);
    }

    /// Removes the bar before the report is printed.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
