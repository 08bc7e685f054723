//! Every state transition of the session, in one place: what each reply means, what is sent
//! next, when deadlines start, and how the session ends.

use super::super::auth::{AuthExchange, ChallengeAnswer};
use super::super::capabilities::Capabilities;
use super::super::config::TlsPolicy;
use super::super::data::{DataEncoder, Framing};
use super::super::error::{Phase, SessionError};
use super::super::outcome::{Event, LocalReason, MessageHandle, Outcome, RejectReason};
use super::super::reply::Reply;
use super::super::time::Time;
use super::super::transcript::Direction;
use super::transaction::{Step, Transaction};
use super::{Awaiting, BodyStream, Client, DATA_BLOCK, Expect, Segment, Stage};

/// How long a session that failed waits for the server's answer to its QUIT: the server owes
/// nothing more, and the user is waiting for the error.
const QUIT_AFTER_FAILURE: std::time::Duration = std::time::Duration::from_secs(10);

impl Awaiting {
    fn phase(self) -> Phase {
        match self {
            Self::Greeting => Phase::Greeting,
            Self::Ehlo | Self::Helo => Phase::Hello,
            Self::StartTls => Phase::StartTls,
            Self::Auth => Phase::Auth,
            Self::Mail(_) => Phase::Mail,
            Self::Rcpt(..) => Phase::Rcpt,
            Self::Data(_) => Phase::Data,
            Self::Bdat { .. } => Phase::DataBlock,
            Self::DataEnd(_) => Phase::DataEnd,
            Self::Rset => Phase::Reset,
            Self::Quit => Phase::Quit,
        }
    }
}

impl Client {
    // ----- input -----

    pub(super) fn on_input(&mut self, now: Time, bytes: &[u8]) {
        if self.stage == Stage::Closed || bytes.is_empty() {
            return;
        }
        if self.stage == Stage::TlsHandshake {
            // Plaintext after the 220 to STARTTLS: never usable, possibly injected.
            return self.fail(now, SessionError::StartTlsInjection);
        }
        self.parser.push(bytes);
        while let Some(result) = self.parser.next_reply() {
            match result {
                Ok(reply) => {
                    self.record_reply(now, &reply);
                    self.on_reply(now, reply);
                }
                Err(err) => return self.fail(now, SessionError::Malformed(err)),
            }
            if matches!(self.stage, Stage::Closed | Stage::TlsHandshake) {
                break;
            }
        }
    }

    pub(super) fn on_eof(&mut self, now: Time) {
        match self.stage {
            Stage::Closed => {}
            Stage::Quitting => self.close(None),
            _ => {
                let phase = self.waiting_phase();
                self.fail(now, SessionError::ConnectionClosed { phase });
            }
        }
    }

    pub(super) fn on_write_failed(&mut self, now: Time) {
        let expired = self.deadline.is_some_and(|d| now >= d);
        let Some(handle) = self.final_block_in_flight.take() else {
            return match expired {
                true => self.on_timeout(now),
                false => self.on_eof(now),
            };
        };
        if self.stage == Stage::Closed {
            return;
        }
        // The end of the data did not all leave, so the server cannot have taken the message
        // (RFC 5321 4.1.1.4): not delivered, rather than maybe delivered.
        if let Some(tx) = self.active.iter_mut().find(|t| t.handle == handle) {
            tx.data_complete = false;
        }
        let phase = Phase::DataBlock;
        let error = match expired {
            true => SessionError::Timeout { phase },
            false => SessionError::ConnectionClosed { phase },
        };
        self.fail(now, error);
    }

    pub(super) fn on_timeout(&mut self, now: Time) {
        if self.stage == Stage::Closed || self.deadline.is_none_or(|d| now < d) {
            return;
        }
        if self.stage == Stage::Quitting {
            // The server did not confirm QUIT in time: the session is over either way.
            return self.close(None);
        }
        let phase = self.waiting_phase();
        self.fail(now, SessionError::Timeout { phase });
    }

    pub(super) fn on_tls_established(&mut self, now: Time) {
        if self.stage != Stage::TlsHandshake {
            let detail = "handle_tls_established without Event::StartTls";
            return self.fail(now, SessionError::Misuse { detail });
        }
        // Everything learned before TLS may have been forged: forget it and ask again.
        self.secure = true;
        self.caps = None;
        self.parser.clear();
        self.note(now, "TLS established");
        self.send_ehlo(now);
    }

    /// What the session was waiting for, for error messages.
    fn waiting_phase(&self) -> Phase {
        if self.stage == Stage::TlsHandshake {
            return Phase::StartTls;
        }
        if self.out.iter().any(|s| matches!(s, Segment::Body(_))) {
            return Phase::DataBlock;
        }
        self.pending.front().map_or(Phase::Idle, |e| e.what.phase())
    }

    // ----- replies -----

    fn on_reply(&mut self, now: Time, reply: Reply) {
        let head = self.pending.front().filter(|e| e.sent).map(|e| e.what);
        if self.closing_error.is_some() && head != Some(Awaiting::Quit) {
            // Behind a refusal and before the QUIT that follows it: it answers nothing asked,
            // and the session ends for the refusal, not for what the server added.
            return;
        }
        // RFC 5321 3.8: a server may send 421 at any moment, asked or not, and then closes.
        if reply.code().get() == 421 && head != Some(Awaiting::Quit) {
            if head.is_some() {
                self.pending.pop_front();
            }
            return self.on_service_closing(now, head, reply);
        }
        let Some(expect) = self.pending.pop_front().filter(|e| e.sent) else {
            return self.fail(now, SessionError::UnsolicitedReply { reply });
        };
        match expect.what {
            Awaiting::Greeting => self.on_greeting(now, reply),
            Awaiting::Ehlo => self.on_ehlo(now, reply),
            Awaiting::Helo => self.on_helo(now, reply),
            Awaiting::StartTls => self.on_starttls(now, reply),
            Awaiting::Auth => self.on_auth(now, reply),
            Awaiting::Mail(h) => self.on_mail(now, h, reply),
            Awaiting::Rcpt(h, i) => self.on_rcpt(now, h, i, reply),
            Awaiting::Data(h) => self.on_data(now, h, reply),
            Awaiting::Bdat { handle, last } => self.on_bdat(now, handle, last, reply),
            Awaiting::DataEnd(h) => self.on_data_end(h, reply),
            Awaiting::Rset => {}
            Awaiting::Quit => return self.close(None),
        }
        if self.stage != Stage::Closed {
            self.advance(now);
            self.rearm(now);
        }
    }

    fn on_greeting(&mut self, now: Time, reply: Reply) {
        match reply.code().get() {
            220 => self.send_ehlo(now),
            _ => self.fail_politely(
                now,
                SessionError::Refused {
                    phase: Phase::Greeting,
                    reply,
                },
            ),
        }
    }

    fn on_ehlo(&mut self, now: Time, reply: Reply) {
        if reply.is_positive() {
            self.caps = Some(Capabilities::from_ehlo(&reply));
            return self.after_hello(now);
        }
        // HELO carries no extensions: no STARTTLS and no AUTH, so only a session that may stay
        // plaintext (or is already encrypted) and needs no AUTH may fall back to it.
        let helo_allowed = (self.config.tls.allows_plaintext() || self.secure)
            && self.config.credentials.is_none()
            && !reply.is_transient();
        if helo_allowed {
            let line = format!("HELO {}", self.config.client_name.as_str());
            self.command(now, &line, None, Awaiting::Helo);
        } else {
            self.fail_politely(
                now,
                SessionError::Refused {
                    phase: Phase::Hello,
                    reply,
                },
            );
        }
    }

    fn on_helo(&mut self, now: Time, reply: Reply) {
        if reply.is_positive() {
            self.caps = Some(Capabilities::default());
            self.after_hello(now);
        } else {
            self.fail_politely(
                now,
                SessionError::Refused {
                    phase: Phase::Hello,
                    reply,
                },
            );
        }
    }

    /// After EHLO: upgrade to TLS, authenticate, or declare the session ready, as the policy says.
    fn after_hello(&mut self, now: Time) {
        let offers_starttls = self.caps.as_ref().is_some_and(Capabilities::starttls);
        if !self.secure && !self.starttls_tried {
            match self.config.tls {
                TlsPolicy::StartTlsRequired | TlsPolicy::Implicit if !offers_starttls => {
                    return self.fail_politely(now, SessionError::StartTlsNotOffered);
                }
                TlsPolicy::StartTlsRequired | TlsPolicy::Implicit | TlsPolicy::Opportunistic
                    if offers_starttls =>
                {
                    self.starttls_tried = true;
                    self.stage = Stage::StartTls;
                    return self.command(now, "STARTTLS", None, Awaiting::StartTls);
                }
                _ => {}
            }
        }
        let Some(credentials) = self.config.credentials.clone() else {
            return self.become_ready();
        };
        if !self.secure && !self.config.auth_without_tls {
            return self.fail_politely(now, SessionError::AuthWithoutTls);
        }
        let caps = self.caps.clone().unwrap_or_default();
        let Some(mechanism) = credentials.choose_mechanism(caps.auth_mechanisms()) else {
            let offered = caps
                .auth_mechanisms()
                .iter()
                .map(|m| m.name().to_owned())
                .chain(caps.other_auth_mechanisms().iter().cloned())
                .collect();
            return self.fail_politely(now, SessionError::NoUsableAuthMechanism { offered });
        };
        let exchange = AuthExchange::new(mechanism, credentials);
        let line = exchange.command();
        let shown = format!("AUTH {} <redacted>", mechanism.name());
        let shown = if line.len() > 5 + mechanism.name().len() {
            shown
        } else {
            line.clone()
        };
        self.auth = Some(exchange);
        self.stage = Stage::Auth;
        self.command(now, &line, Some(&shown), Awaiting::Auth);
    }

    fn on_starttls(&mut self, now: Time, reply: Reply) {
        if reply.code().get() == 220 {
            if self.parser.buffered() > 0 {
                return self.fail(now, SessionError::StartTlsInjection);
            }
            self.stage = Stage::TlsHandshake;
            self.parser.clear();
            self.events.push_back(Event::StartTls);
        } else if self.config.tls == TlsPolicy::Opportunistic {
            self.note(
                now,
                "STARTTLS refused; continuing without TLS as the policy allows",
            );
            self.stage = Stage::Hello;
            self.after_hello(now);
        } else {
            self.fail_politely(now, SessionError::StartTlsRefused { reply });
        }
    }

    fn on_auth(&mut self, now: Time, reply: Reply) {
        let Some(exchange) = self.auth.as_mut() else {
            return;
        };
        let mechanism = exchange.mechanism();
        if reply.code().get() == 235 {
            self.auth = None;
            self.events.push_back(Event::Authenticated(mechanism));
            return self.become_ready();
        }
        if reply.code().get() != 334 {
            self.auth = None;
            return self.fail_politely(now, SessionError::AuthFailed { mechanism, reply });
        }
        match exchange.answer() {
            ChallengeAnswer::Line(line) => {
                self.command(now, &line, Some("<redacted>"), Awaiting::Auth);
            }
            ChallengeAnswer::Cancel if !exchange.cancelled() => {
                exchange.cancel();
                self.command(now, "*", None, Awaiting::Auth);
            }
            // Still challenging after `*`: the server will not let go, so the client does.
            ChallengeAnswer::Cancel => {
                self.auth = None;
                self.fail(now, SessionError::AuthFailed { mechanism, reply });
            }
        }
    }

    fn become_ready(&mut self) {
        self.stage = Stage::Ready;
        self.events.push_back(Event::Ready);
    }

    fn on_mail(&mut self, now: Time, handle: u64, reply: Reply) {
        let pipelined = self.pipelining();
        let Some(tx) = self.tx(handle) else { return };
        if reply.is_positive() {
            tx.mail_accepted = true;
        } else {
            tx.fail_at(Phase::Mail, reply);
        }
        if !pipelined {
            if tx.mail_accepted {
                let line = tx.rcpt_command(0);
                self.command(now, &line, None, Awaiting::Rcpt(handle, 0));
            } else {
                self.finish(handle, None);
            }
        }
    }

    fn on_rcpt(&mut self, now: Time, handle: u64, index: usize, reply: Reply) {
        let (pipelined, chunked) = (self.pipelining(), self.chunking());
        let Some(tx) = self.tx(handle) else { return };
        tx.rcpts[index] = Some(reply);
        let last = index + 1 == tx.rcpts.len();
        if !pipelined && !last {
            let line = tx.rcpt_command(index + 1);
            return self.command(now, &line, None, Awaiting::Rcpt(handle, index + 1));
        }
        if !last {
            return;
        }
        tx.check_recipients();
        if pipelined && !chunked {
            return; // DATA went out with the group; its reply decides.
        }
        if !tx.viable() {
            self.rset_needed |= tx.mail_accepted;
            return self.finish(handle, None);
        }
        tx.step = Step::Body;
        if chunked {
            self.start_body(handle, Framing::Chunked);
        } else {
            self.command(now, "DATA", None, Awaiting::Data(handle));
        }
    }

    fn on_data(&mut self, now: Time, handle: u64, reply: Reply) {
        let Some(tx) = self.tx(handle) else { return };
        if reply.code().get() == 354 {
            tx.step = Step::Body;
            if tx.viable() {
                self.start_body(handle, Framing::Dot);
            } else {
                // Pipelined DATA accepted although nothing should be sent: end it empty; the
                // failure already recorded stands (RFC 2920 section 3.1).
                self.push_bytes(now, b".\r\n".to_vec(), 1, Some("."));
                if let Some(tx) = self.tx(handle) {
                    tx.data_complete = true;
                }
            }
            let timeout = self.config.timeouts.data_end;
            let what = Awaiting::DataEnd(handle);
            self.pending.push_back(Expect {
                what,
                timeout,
                sent: false,
            });
        } else if reply.is_positive()
            || reply.code().class() == super::super::reply::ReplyClass::Intermediate
        {
            // Anything but 354 means the server is not reading message data: sending the body
            // now would have it executed as commands.
            self.fail(
                now,
                SessionError::UnexpectedReply {
                    phase: Phase::Data,
                    reply,
                },
            );
        } else {
            tx.check_recipients();
            tx.fail_at(Phase::Data, reply);
            self.rset_needed |= tx.mail_accepted;
            self.finish(handle, None);
        }
    }

    fn on_bdat(&mut self, now: Time, handle: u64, last: bool, reply: Reply) {
        let positive = reply.is_positive();
        let Some(tx) = self.tx(handle) else { return };
        if !positive {
            tx.fail_at(Phase::DataBlock, reply.clone());
        }
        let failed = tx.failure.is_some();
        if failed {
            // RFC 3030: no more chunks after a refusal; the transaction is over once the chunks
            // already sent are answered.
            self.out
                .retain(|s| !matches!(s, Segment::Body(b) if b.handle == handle));
            let more = self
                .pending
                .iter()
                .any(|e| matches!(e.what, Awaiting::Bdat { handle: h, .. } if h == handle));
            if !more {
                self.rset_needed = true;
                self.finish(handle, None);
            }
            return;
        }
        if last {
            return self.finish(handle, Some(reply));
        }
        for segment in &mut self.out {
            if let Segment::Body(body) = segment
                && body.handle == handle
            {
                body.paused = false;
            }
        }
        let _ = now;
    }

    fn on_data_end(&mut self, handle: u64, reply: Reply) {
        self.finish(handle, Some(reply));
    }

    fn on_service_closing(&mut self, now: Time, what: Option<Awaiting>, reply: Reply) {
        // A 421 that answers a transaction's command is that message's (transient) rejection.
        if let Some(what) = what
            && let Awaiting::Mail(h)
            | Awaiting::Rcpt(h, _)
            | Awaiting::Data(h)
            | Awaiting::DataEnd(h)
            | Awaiting::Bdat { handle: h, .. } = what
            && let Some(tx) = self.tx(h)
        {
            tx.fail_at(what.phase(), reply.clone());
            self.finish(h, None);
        }
        self.fail(now, SessionError::ServiceClosing { reply });
    }

    // ----- output -----

    /// Starts whatever can start now: queued messages (pipelined where possible) and QUIT.
    fn advance(&mut self, now: Time) {
        if self.stage != Stage::Ready {
            return;
        }
        while !self.queued.is_empty() && self.can_start_transaction() {
            if std::mem::take(&mut self.rset_needed) {
                self.command(now, "RSET", None, Awaiting::Rset);
                if !self.pipelining() {
                    break;
                }
            }
            let Some(tx) = self.queued.pop_front() else {
                break;
            };
            self.start_transaction(now, tx);
        }
        if self.quit_requested
            && self.queued.is_empty()
            && self.active.is_empty()
            && self.pending.is_empty()
        {
            self.stage = Stage::Quitting;
            self.command(now, "QUIT", None, Awaiting::Quit);
        }
    }

    fn can_start_transaction(&self) -> bool {
        if !self.pipelining() {
            return self.active.is_empty() && self.pending.is_empty();
        }
        // With PIPELINING the next message goes right behind the previous end of data. BDAT
        // expectations are registered as chunks go out, so a new message waits for the last one.
        let in_commands = self.active.iter().any(|t| t.step == Step::Commands);
        let chunks_left = self.chunking() && self.out.iter().any(|s| matches!(s, Segment::Body(_)));
        !in_commands && !chunks_left
    }

    fn start_transaction(&mut self, now: Time, tx: Transaction) {
        let caps = self.caps.clone().unwrap_or_default();
        let size = tx.size;
        let local = if caps.size_limit().is_some_and(|limit| size > limit) {
            Some(LocalReason::TooLarge {
                size,
                limit: caps.size_limit().unwrap_or(0),
            })
        } else if tx.utf8 && !caps.smtputf8() {
            Some(LocalReason::NeedsSmtpUtf8)
        } else if tx.eight_bit && !caps.eight_bit_mime() && !caps.smtputf8() {
            Some(LocalReason::Needs8BitMime)
        } else {
            None
        };
        let handle = tx.handle;
        self.active.push_back(tx);
        if let Some(reason) = local {
            if let Some(tx) = self.tx(handle) {
                tx.fail(RejectReason::Local(reason));
            }
            return self.finish(handle, None);
        }
        let (pipelined, chunked) = (self.pipelining(), self.chunking());
        let Some(tx) = self.tx(handle) else { return };
        let mail = tx.mail_command(caps.size_offered(), caps.eight_bit_mime(), caps.smtputf8());
        let rcpts: Vec<String> = if pipelined {
            (0..tx.rcpts.len()).map(|i| tx.rcpt_command(i)).collect()
        } else {
            Vec::new()
        };
        self.command(now, &mail, None, Awaiting::Mail(handle));
        for (i, line) in rcpts.iter().enumerate() {
            self.command(now, line, None, Awaiting::Rcpt(handle, i));
        }
        if pipelined && !chunked {
            self.command(now, "DATA", None, Awaiting::Data(handle));
        }
    }

    fn start_body(&mut self, handle: u64, framing: Framing) {
        let body = BodyStream {
            handle,
            framing,
            encoder: DataEncoder::new(framing),
            offset: 0,
            paused: false,
        };
        self.out.push_back(Segment::Body(body));
    }

    pub(super) fn next_transmit(&mut self, now: Time) -> Option<Vec<u8>> {
        if self.final_block_in_flight.take().is_some() {
            self.rearm(now);
        }
        // Messages queued (or QUIT asked for) while the session sat idle start here.
        self.advance(now);
        match self.out.front_mut()? {
            Segment::Bytes(..) => {
                // Coalesce a pipelined group into one write.
                let mut bytes = Vec::new();
                let mut replies = 0;
                while let Some(Segment::Bytes(b, n)) = self.out.front_mut() {
                    bytes.append(b);
                    replies += *n;
                    self.out.pop_front();
                }
                self.mark_sent(replies);
                if self.deadline.is_none() {
                    self.rearm(now);
                }
                Some(bytes)
            }
            Segment::Body(body) if body.paused => None,
            Segment::Body(_) => Some(self.next_data_block(now)),
        }
    }

    /// Encodes the next block of the front body; at the end, adds the terminator (DATA) or
    /// marks the chunk LAST (BDAT) and lets the next message start.
    fn next_data_block(&mut self, now: Time) -> Vec<u8> {
        let pipelined = self.pipelining();
        let Some(Segment::Body(body)) = self.out.front_mut() else {
            return Vec::new();
        };
        let handle = body.handle;
        let Some(payload) = self
            .active
            .iter()
            .find(|t| t.handle == handle)
            .map(|t| &t.payload)
        else {
            self.out.pop_front();
            return Vec::new();
        };
        let end = (body.offset + DATA_BLOCK).min(payload.len());
        let mut block = Vec::with_capacity(end - body.offset + 64);
        body.encoder.encode(&payload[body.offset..end], &mut block);
        body.offset = end;
        let last = end == payload.len();
        if last {
            body.encoder.finish(&mut block);
        }
        let framing = body.framing;
        let (bytes, shown) = match framing {
            Framing::Dot => (block, format!("<message data: {} bytes>", end)),
            Framing::Chunked => {
                let suffix = if last { " LAST" } else { "" };
                let head = format!("BDAT {}{suffix}", block.len());
                let mut bytes = Vec::with_capacity(head.len() + 2 + block.len());
                bytes.extend_from_slice(head.as_bytes());
                bytes.extend_from_slice(b"\r\n");
                bytes.extend_from_slice(&block);
                body.paused = !pipelined && !last;
                let timeout = if last {
                    self.config.timeouts.data_end
                } else {
                    self.config.timeouts.data_block
                };
                let what = Awaiting::Bdat { handle, last };
                self.pending.push_back(Expect {
                    what,
                    timeout,
                    sent: true,
                });
                (
                    bytes,
                    format!("{head} <{} bytes of message data>", block.len()),
                )
            }
        };
        if framing == Framing::Chunked || last {
            self.record(now, Direction::Client, shown);
        }
        if last {
            if framing == Framing::Dot {
                self.record(now, Direction::Client, ".".to_owned());
            }
            self.out.pop_front();
            if let Some(tx) = self.active.iter_mut().find(|t| t.handle == handle) {
                tx.data_complete = true;
            }
            if framing == Framing::Dot {
                self.mark_sent(1);
            }
            self.advance(now);
            // The driver is about to write this block: it gets a block's time, and the wait for
            // the final reply starts at the next poll, which the call contract puts after the
            // write.
            self.deadline = Some(now + self.config.timeouts.data_block);
            self.final_block_in_flight = Some(handle);
            return bytes;
        }
        self.rearm(now);
        bytes
    }

    /// Queues a command line and the reply it expects. `shown` replaces it in the transcript.
    fn command(&mut self, now: Time, line: &str, shown: Option<&str>, what: Awaiting) {
        let timeout = match what {
            Awaiting::Mail(_) => self.config.timeouts.mail,
            Awaiting::Rcpt(..) => self.config.timeouts.rcpt,
            Awaiting::Data(_) => self.config.timeouts.data_start,
            _ => self.config.timeouts.command,
        };
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        self.push_bytes(now, bytes, 1, Some(shown.unwrap_or(line)));
        if self.pending.is_empty() {
            self.deadline = Some(now + timeout);
        }
        self.pending.push_back(Expect {
            what,
            timeout,
            sent: false,
        });
    }

    fn send_ehlo(&mut self, now: Time) {
        self.stage = Stage::Hello;
        let line = format!("EHLO {}", self.config.client_name.as_str());
        self.command(now, &line, None, Awaiting::Ehlo);
    }

    // ----- endings -----

    fn finish(&mut self, handle: u64, final_reply: Option<Reply>) {
        let Some(pos) = self.active.iter().position(|t| t.handle == handle) else {
            return;
        };
        let Some(tx) = self.active.remove(pos) else {
            return;
        };
        let outcome = tx.finish(final_reply);
        self.emit_outcome(handle, outcome);
    }

    fn emit_outcome(&mut self, handle: u64, outcome: Outcome) {
        self.events.push_back(Event::MessageDone {
            handle: MessageHandle(handle),
            outcome,
        });
    }

    /// Ends the session with an error: every message still queued or in flight gets its
    /// outcome (unknown if its data was complete, rejected otherwise).
    fn fail(&mut self, now: Time, error: SessionError) {
        self.note(now, &format!("session failed: {error}"));
        self.abandon_all(&error);
        self.close(Some(error));
    }

    /// Ends a session the server still takes part in (it refused something, or the policy
    /// refuses it): every message fails with `error`, then QUIT, as RFC 5321 4.1.1.10 asks of a
    /// client that leaves. The session closes with `error` when the server answers, hangs up,
    /// or lets [`QUIT_AFTER_FAILURE`] pass.
    fn fail_politely(&mut self, now: Time, error: SessionError) {
        self.note(now, &format!("session failed: {error}"));
        self.abandon_all(&error);
        self.closing_error = Some(error);
        self.pending.clear();
        self.out.clear();
        self.auth = None;
        self.stage = Stage::Quitting;
        self.command(now, "QUIT", None, Awaiting::Quit);
        if let Some(quit) = self.pending.back_mut() {
            quit.timeout = quit.timeout.min(QUIT_AFTER_FAILURE);
        }
        self.rearm(now);
    }

    /// Gives every message not yet done its outcome for a session ending with `error`.
    fn abandon_all(&mut self, error: &SessionError) {
        let txs: Vec<Transaction> = self.active.drain(..).chain(self.queued.drain(..)).collect();
        for tx in txs {
            let handle = tx.handle;
            let outcome = tx.abandon(error);
            self.emit_outcome(handle, outcome);
        }
    }

    fn close(&mut self, error: Option<SessionError>) {
        // After a refusal, whatever else goes wrong on the way out is not why the session ended.
        let error = self.closing_error.take().or(error);
        self.abandon_all(&SessionError::ConnectionClosed { phase: Phase::Quit });
        self.stage = Stage::Closed;
        self.pending.clear();
        self.out.clear();
        self.deadline = None;
        self.auth = None;
        self.events.push_back(Event::Closed(error));
    }
}
