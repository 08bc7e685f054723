//! One message's transaction: what the server has said so far, and the outcome it adds up to.

use super::super::envelope::Envelope;
use super::super::error::{Phase, SessionError};
use super::super::outcome::{
    Delivery, Outcome, RecipientResult, RejectReason, Rejection, Unconfirmed,
};
use super::super::reply::Reply;

/// Where a transaction is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// MAIL, RCPT and DATA (or the RCPTs before BDAT) are outstanding.
    Commands,
    /// The data is being sent or its final reply awaited.
    Body,
}

pub(super) struct Transaction {
    pub(super) handle: u64,
    pub(super) envelope: Envelope,
    pub(super) payload: Vec<u8>,
    /// Addresses and headers need SMTPUTF8.
    pub(super) utf8: bool,
    /// The payload has bytes over 127.
    pub(super) eight_bit: bool,
    /// The message's size once its line breaks are CRLF (RFC 1870 counts that, not the
    /// payload as given nor the dot-stuffing).
    pub(super) size: u64,
    pub(super) step: Step,
    pub(super) mail_accepted: bool,
    pub(super) rcpts: Vec<Option<Reply>>,
    /// The first failure; later replies of a pipelined group do not overwrite it.
    pub(super) failure: Option<RejectReason>,
    /// The end of the data has been handed to the driver: from here a lost connection leaves
    /// the outcome unknown.
    pub(super) data_complete: bool,
}

/// The payload's size, not the message.
impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction")
            .field("handle", &self.handle)
            .field("envelope", &self.envelope)
            .field("payload", &crate::debug::ByteLen(self.payload.len()))
            .field("utf8", &self.utf8)
            .field("eight_bit", &self.eight_bit)
            .field("size", &self.size)
            .field("step", &self.step)
            .field("mail_accepted", &self.mail_accepted)
            .field("rcpts", &self.rcpts)
            .field("failure", &self.failure)
            .field("data_complete", &self.data_complete)
            .finish()
    }
}

impl Transaction {
    pub(super) fn new(handle: u64, envelope: Envelope, payload: Vec<u8>) -> Self {
        let header_end = find_header_end(&payload);
        let utf8 = envelope.needs_smtputf8() || !payload[..header_end].is_ascii();
        let eight_bit = !payload.is_ascii();
        let size = normalized_len(&payload);
        let rcpts = vec![None; envelope.recipients().len()];
        Self {
            handle,
            envelope,
            payload,
            utf8,
            eight_bit,
            size,
            step: Step::Commands,
            mail_accepted: false,
            rcpts,
            failure: None,
            data_complete: false,
        }
    }

    pub(super) fn fail(&mut self, reason: RejectReason) {
        self.failure.get_or_insert(reason);
    }

    pub(super) fn fail_at(&mut self, phase: Phase, reply: Reply) {
        self.fail(RejectReason::Reply { phase, reply });
    }

    pub(super) fn any_recipient_accepted(&self) -> bool {
        self.rcpts.iter().flatten().any(Reply::is_positive)
    }

    /// Whether the data is worth sending: MAIL and at least one RCPT accepted, nothing failed.
    pub(super) fn viable(&self) -> bool {
        self.failure.is_none() && self.mail_accepted && self.any_recipient_accepted()
    }

    /// Records that every RCPT was answered and none accepted.
    pub(super) fn check_recipients(&mut self) {
        if self.mail_accepted && !self.any_recipient_accepted() {
            self.fail(RejectReason::NoRecipientAccepted);
        }
    }

    fn recipient_results(&self) -> Vec<RecipientResult> {
        self.envelope
            .recipients()
            .iter()
            .zip(&self.rcpts)
            .map(|(address, reply)| RecipientResult {
                address: address.clone(),
                reply: reply.clone(),
            })
            .collect()
    }

    /// The outcome after the server's final word on the transaction.
    pub(super) fn finish(self, final_reply: Option<Reply>) -> Outcome {
        let recipients = self.recipient_results();
        match (self.failure, final_reply) {
            (None, Some(reply)) if reply.is_positive() => {
                Outcome::Accepted(Delivery { recipients, reply })
            }
            (None, Some(reply)) => {
                let transient = reply.is_transient();
                let reason = RejectReason::Reply {
                    phase: Phase::DataEnd,
                    reply,
                };
                Outcome::Rejected(Rejection {
                    transient,
                    reason,
                    recipients,
                })
            }
            (Some(reason), _) => {
                let transient = match &reason {
                    RejectReason::Reply { reply, .. } => reply.is_transient(),
                    RejectReason::NoRecipientAccepted => {
                        self.rcpts.iter().flatten().any(Reply::is_transient)
                    }
                    RejectReason::Local(_) => false,
                    RejectReason::Session(err) => err.is_transient(),
                };
                Outcome::Rejected(Rejection {
                    transient,
                    reason,
                    recipients,
                })
            }
            (None, None) => unreachable!("a transaction finishes with a failure or a reply"),
        }
    }

    /// The outcome when the session dies under the transaction.
    pub(super) fn abandon(self, error: &SessionError) -> Outcome {
        if self.data_complete && self.failure.is_none() {
            let recipients = self.recipient_results();
            return Outcome::Unknown(Unconfirmed {
                error: error.clone(),
                recipients,
            });
        }
        let mut tx = self;
        tx.fail(RejectReason::Session(error.clone()));
        tx.finish(None)
    }

    /// The MAIL FROM command line with the parameters this message needs. 8-bit content is
    /// declared with BODY=8BITMIME, or, to a server that offers SMTPUTF8 but not 8BITMIME,
    /// with SMTPUTF8, which carries 8-bit content too (RFC 6531 3.1).
    pub(super) fn mail_command(
        &self,
        size_offered: bool,
        eight_bit_mime: bool,
        smtputf8: bool,
    ) -> String {
        let from = self
            .envelope
            .reverse_path()
            .map(|a| self.path(a))
            .unwrap_or_default();
        let mut line = format!("MAIL FROM:<{from}>");
        if size_offered {
            line.push_str(&format!(" SIZE={}", self.size));
        }
        if self.eight_bit && eight_bit_mime {
            line.push_str(" BODY=8BITMIME");
        }
        if self.utf8 || (self.eight_bit && !eight_bit_mime && smtputf8) {
            line.push_str(" SMTPUTF8");
        }
        line
    }

    pub(super) fn rcpt_command(&self, index: usize) -> String {
        format!(
            "RCPT TO:<{}>",
            self.path(&self.envelope.recipients()[index])
        )
    }

    /// An address as a path: Unicode under SMTPUTF8, else the A-label form of the domain.
    fn path(&self, address: &crate::address::Address) -> String {
        match (self.utf8, address.as_ascii_str()) {
            (false, Some(ascii)) => ascii.to_owned(),
            _ => address.to_string(),
        }
    }
}

/// The length of the header section (up to the first empty line, or everything).
fn find_header_end(payload: &[u8]) -> usize {
    let mut line_start = 0;
    for (i, &b) in payload.iter().enumerate() {
        if b == b'\n' {
            let line = &payload[line_start..i];
            if line.is_empty() || line == b"\r" {
                return line_start;
            }
            line_start = i + 1;
        }
    }
    payload.len()
}

/// The length of `payload` with every bare CR and bare LF counted as CRLF and a final line
/// break added if missing: the size the server will receive.
fn normalized_len(payload: &[u8]) -> u64 {
    let mut extra = 0u64;
    for (i, &b) in payload.iter().enumerate() {
        let bare_lf = b == b'\n' && (i == 0 || payload[i - 1] != b'\r');
        let bare_cr = b == b'\r' && payload.get(i + 1) != Some(&b'\n');
        extra += u64::from(bare_lf || bare_cr);
    }
    if !payload.is_empty() && !payload.ends_with(b"\n") && !payload.ends_with(b"\r") {
        extra += 2;
    }
    payload.len() as u64 + extra
}

#[cfg(test)]
mod tests {
    use super::normalized_len;
    use crate::smtp::{DataEncoder, Framing};

    #[test]
    fn size_is_what_the_encoder_produces() {
        for payload in [
            &b""[..],
            b"a",
            b"a\r\n",
            b"a\nb\rc\r\n",
            b"\n\r\r\n",
            b"x\r",
            b"..\n.",
        ] {
            let mut out = Vec::new();
            let mut encoder = DataEncoder::new(Framing::Chunked);
            encoder.encode(payload, &mut out);
            encoder.finish(&mut out);
            assert_eq!(normalized_len(payload), out.len() as u64, "{payload:?}");
        }
    }
}
