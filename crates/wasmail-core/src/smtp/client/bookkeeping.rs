//! The client's bookkeeping: the transcript, lookups, output queueing and what the deadline
//! is. No state transition happens here, and `machine.rs` decides when the deadline restarts.

use super::super::capabilities::Capabilities;
use super::super::reply::{Reply, escape_for_display};
use super::super::time::Time;
use super::super::transcript::{Direction, TranscriptLine};
use super::transaction::Transaction;
use super::{Client, Segment, Stage};

impl Client {
    /// Queues bytes that `replies` replies will answer; `shown` goes to the transcript.
    pub(super) fn push_bytes(
        &mut self,
        now: Time,
        bytes: Vec<u8>,
        replies: usize,
        shown: Option<&str>,
    ) {
        if let Some(shown) = shown {
            self.record(now, Direction::Client, shown.to_owned());
        }
        self.out.push_back(Segment::Bytes(bytes, replies));
    }

    /// Marks the oldest `count` unsent expectations as sent: output leaves in the order the
    /// expectations were registered.
    pub(super) fn mark_sent(&mut self, count: usize) {
        for expect in self.pending.iter_mut().filter(|e| !e.sent).take(count) {
            expect.sent = true;
        }
    }

    /// Restarts the deadline for whatever the session now waits for.
    pub(super) fn rearm(&mut self, now: Time) {
        let timeouts = self.config.timeouts;
        self.deadline = if self.stage == Stage::TlsHandshake {
            Some(now + timeouts.tls_handshake)
        } else if matches!(self.out.front(), Some(Segment::Body(b)) if !b.paused) {
            Some(now + timeouts.data_block)
        } else {
            self.pending.front().map(|e| now + e.timeout)
        };
    }

    pub(super) fn tx(&mut self, handle: u64) -> Option<&mut Transaction> {
        self.active.iter_mut().find(|t| t.handle == handle)
    }

    pub(super) fn pipelining(&self) -> bool {
        self.config.pipelining && self.caps.as_ref().is_some_and(Capabilities::pipelining)
    }

    pub(super) fn chunking(&self) -> bool {
        self.config.chunking && self.caps.as_ref().is_some_and(Capabilities::chunking)
    }

    pub(super) fn record_reply(&mut self, now: Time, reply: &Reply) {
        let count = reply.lines().len();
        for (i, line) in reply.lines().iter().enumerate() {
            let sep = if i + 1 == count { ' ' } else { '-' };
            let text = format!("{}{sep}{}", reply.code(), escape_for_display(line));
            self.record(now, Direction::Server, text.trim_end().to_owned());
        }
    }

    pub(super) fn note(&mut self, now: Time, text: &str) {
        self.record(now, Direction::Note, text.to_owned());
    }

    pub(super) fn record(&mut self, now: Time, direction: Direction, text: String) {
        if self.config.record_transcript {
            let text = if direction == Direction::Client {
                escape_for_display(&text)
            } else {
                text
            };
            self.transcript.push(TranscriptLine {
                at: now,
                direction,
                text,
            });
        }
    }
}
