//! The driver loop: runs the core's sans-IO [`Client`] over the transport, following its call
//! contract (drain transmits and events, then read until its deadline), until a goal is met.

use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};

use wasmail_core::smtp::{
    AuthMechanism, Capabilities, Client, Event, MessageHandle, Outcome, SessionError, Time,
};

use crate::error::NetError;
use crate::tls::{TlsInfo, TlsMode, TlsSetup};
use crate::trace::Tracer;
use crate::transport::Transport;

/// Read buffer size: a whole TLS record fits, and many pipelined replies at once.
const READ_BUFFER: usize = 16 * 1024;

/// What the driver has seen of the session so far.
#[derive(Debug, Default)]
pub(crate) struct Observed {
    /// The session is ready for messages.
    pub(crate) ready: bool,
    /// The session ended: `Some(None)` after a clean QUIT.
    pub(crate) closed: Option<Option<SessionError>>,
    /// Message outcomes not yet collected, in the order they arrived.
    pub(crate) outcomes: VecDeque<(MessageHandle, Outcome)>,
    pub(crate) authenticated: Option<AuthMechanism>,
    pub(crate) capabilities_before_tls: Option<Capabilities>,
    pub(crate) tls_info: Option<TlsInfo>,
    /// The socket error that ended the session, if one did.
    io_failure: Option<io::Error>,
}

/// The core client, the stream it talks over, and the clock it is told.
pub(crate) struct Driver {
    pub(crate) client: Client,
    pub(crate) transport: Transport,
    pub(crate) seen: Observed,
    tls: Option<TlsSetup>,
    epoch: Instant,
    /// Bounds writes when the client has no deadline running (it always has one in practice).
    fallback_limit: Duration,
    read_buf: Vec<u8>,
    tracer: Option<Tracer>,
    /// Transcript lines already handed to the tracer.
    traced: usize,
}

/// The read buffer is 16 KiB of whatever came last: left out.
impl std::fmt::Debug for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Driver")
            .field("client", &self.client)
            .field("transport", &self.transport)
            .field("seen", &self.seen)
            .field("tls", &self.tls)
            .field("traced", &self.traced)
            .finish_non_exhaustive()
    }
}

impl Driver {
    /// `epoch` is the instant the client's [`Time`] counts from.
    pub(crate) fn new(
        client: Client,
        transport: Transport,
        tls: Option<TlsSetup>,
        epoch: Instant,
        fallback_limit: Duration,
        tracer: Option<Tracer>,
    ) -> Self {
        Self {
            client,
            transport,
            seen: Observed::default(),
            tls,
            epoch,
            fallback_limit,
            read_buf: vec![0; READ_BUFFER],
            tracer,
            traced: 0,
        }
    }

    /// Hands transcript lines recorded since the last call to the tracer.
    fn emit_trace(&mut self) {
        let Some(tracer) = &self.tracer else { return };
        let lines = self.client.transcript();
        // The transcript restarts when someone takes it.
        if lines.len() < self.traced {
            self.traced = 0;
        }
        for line in &lines[self.traced..] {
            tracer.emit(line);
        }
        self.traced = lines.len();
    }

    /// Takes the transcript, keeping the tracer's place.
    pub(crate) fn take_transcript(&mut self) -> Vec<wasmail_core::smtp::TranscriptLine> {
        self.emit_trace();
        self.traced = 0;
        self.client.take_transcript()
    }

    /// Drives the session until `goal` holds. Fails when the session ends first (with the
    /// error that ended it) or a TLS upgrade fails.
    pub(crate) fn run_until(
        &mut self,
        mut goal: impl FnMut(&mut Observed) -> bool,
    ) -> Result<(), NetError> {
        loop {
            self.pump()?;
            if goal(&mut self.seen) {
                return Ok(());
            }
            if let Some(ending) = &self.seen.closed {
                return Err(self.ending_error(ending.clone()));
            }
            let Some(deadline) = self.client.poll_timeout() else {
                let detail = "the SMTP session stopped making progress (no deadline, no output)";
                return Err(NetError::Internal {
                    detail: detail.to_owned(),
                });
            };
            self.read_once(deadline);
        }
    }

    /// Writes and handles events until the client has nothing more to say for now.
    fn pump(&mut self) -> Result<(), NetError> {
        loop {
            let wrote = self.flush();
            let handled = self.dispatch();
            self.emit_trace();
            let handled = handled?;
            if !wrote && !handled {
                return Ok(());
            }
        }
    }

    fn now(&self) -> Time {
        Time::from_duration(self.epoch.elapsed())
    }

    fn instant(&self, at: Time) -> Instant {
        self.epoch + at.since_epoch()
    }

    /// Writes every pending transmit; returns whether there was any.
    fn flush(&mut self) -> bool {
        let mut wrote = false;
        while let Some(bytes) = self.client.poll_transmit(self.now()) {
            wrote = true;
            let deadline = match self.client.poll_timeout() {
                Some(at) => self.instant(at),
                None => Instant::now() + self.fallback_limit,
            };
            if let Err(error) = self.transport.write_all_before(&bytes, deadline) {
                self.on_write_failure(error);
            }
        }
        wrote
    }

    /// Reads once, waiting at most until the client's deadline, and feeds what happened.
    fn read_once(&mut self, deadline: Time) {
        let deadline = self.instant(deadline);
        let result = self.transport.read_before(&mut self.read_buf, deadline);
        let now = self.now();
        match result {
            Ok(0) => self.client.handle_eof(now),
            Ok(n) => self.client.handle_input(now, &self.read_buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if is_timeout(&e) => self.client.handle_timeout(now),
            Err(e) => self.on_io_failure(e),
        }
    }

    /// A write that did not finish: the client learns that its bytes may not have left.
    fn on_write_failure(&mut self, error: io::Error) {
        if self.client.is_closed() {
            return;
        }
        if !is_timeout(&error) && error.kind() != io::ErrorKind::UnexpectedEof {
            self.seen.io_failure = Some(error);
        }
        self.client.handle_write_failed(self.now());
    }

    /// A broken socket: a timeout if the client's deadline passed, a lost connection otherwise.
    fn on_io_failure(&mut self, error: io::Error) {
        let now = self.now();
        if is_timeout(&error) {
            self.client.handle_timeout(now);
        }
        if !self.client.is_closed() {
            // A TLS peer that hangs up without close_notify is end of stream to SMTP.
            if error.kind() != io::ErrorKind::UnexpectedEof {
                self.seen.io_failure = Some(error);
            }
            self.client.handle_eof(now);
        }
    }

    /// Handles pending events; returns whether there were any.
    fn dispatch(&mut self) -> Result<bool, NetError> {
        let mut handled = false;
        while let Some(event) = self.client.poll_event() {
            handled = true;
            match event {
                Event::StartTls => self.start_tls()?,
                Event::Ready => self.seen.ready = true,
                Event::Authenticated(mechanism) => self.seen.authenticated = Some(mechanism),
                Event::MessageDone { handle, outcome } => {
                    self.seen.outcomes.push_back((handle, outcome));
                }
                Event::Closed(ending) => {
                    self.transport.close();
                    self.seen.closed = Some(ending);
                }
            }
        }
        Ok(handled)
    }

    /// The STARTTLS upgrade, bounded by the client's handshake deadline.
    fn start_tls(&mut self) -> Result<(), NetError> {
        self.flush();
        self.seen.capabilities_before_tls = self.client.capabilities().cloned();
        let now = self.now();
        let limit = self
            .client
            .poll_timeout()
            .map_or(self.fallback_limit, |at| now.until(at));
        let (Some(setup), Some(tcp)) = (&self.tls, self.transport.take_plain()) else {
            let detail = "STARTTLS requested without a plaintext connection or TLS setup";
            return Err(NetError::Internal {
                detail: detail.to_owned(),
            });
        };
        let (stream, info) = setup
            .handshake(tcp, TlsMode::StartTls, limit.max(Duration::from_millis(1)))
            .inspect_err(|_| self.seen.closed = Some(None))?;
        self.transport = Transport::Tls(Box::new(stream));
        self.seen.tls_info = Some(info);
        self.client.handle_tls_established(self.now());
        Ok(())
    }

    /// The error for a session that ended before reaching the goal.
    fn ending_error(&mut self, ending: Option<SessionError>) -> NetError {
        match (ending, self.seen.io_failure.take()) {
            // The socket error is the cause only when the connection is what ended the
            // session: after a refusal, a reset during the QUIT that follows changes nothing.
            (
                Some(
                    session
                    @ (SessionError::ConnectionClosed { .. } | SessionError::Timeout { .. }),
                ),
                Some(source),
            ) => NetError::ConnectionLost { session, source },
            (Some(session), _) => NetError::Session(session),
            (None, _) => NetError::Usage(wasmail_core::smtp::UsageError::SessionEnding),
        }
    }
}

/// Socket timeouts surface as `WouldBlock` on Unix and WASI, `TimedOut` on Windows.
fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}
