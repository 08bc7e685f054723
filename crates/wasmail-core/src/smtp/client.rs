//! The SMTP client session: its public face. Every state transition lives in
//! [`machine`](self::machine), which is the only code that decides what is sent next.

mod bookkeeping;
mod machine;
mod transaction;

use std::collections::VecDeque;
use std::time::Duration;

use super::auth::AuthExchange;
use super::capabilities::Capabilities;
use super::config::{ClientConfig, TlsPolicy};
use super::data::{DataEncoder, Framing};
use super::envelope::Envelope;
use super::error::UsageError;
use super::outcome::{Event, MessageHandle};
use super::reply::ReplyParser;
use super::time::Time;
use super::transcript::TranscriptLine;
use transaction::Transaction;

/// How much message data one [`Client::poll_transmit`] hands out: large enough that the
/// per-call overhead vanishes, small enough that memory stays flat for big attachments.
const DATA_BLOCK: usize = 64 * 1024;

/// One SMTP session, as a state machine that does no I/O and reads no clock.
///
/// The driver owns the connection and the clock; the client decides what to say and what the
/// server's words mean. Its vocabulary is that of quinn-proto: `handle_*` feeds it what happened,
/// `poll_*` takes what it wants done, and commands ([`send`](Self::send), [`quit`](Self::quit))
/// queue work.
///
/// # Call contract
/// - Create it when the TCP connection is open (for [`TlsPolicy::Implicit`], after the TLS
///   handshake), passing the current time.
/// - After every `handle_*` call and every command, drain [`poll_transmit`](Self::poll_transmit)
///   (write each buffer fully, in order) and [`poll_event`](Self::poll_event) until both return
///   `None`, then wait for input until [`poll_timeout`](Self::poll_timeout), calling
///   [`handle_timeout`](Self::handle_timeout) when it passes.
/// - On [`Event::StartTls`], perform the handshake over the same connection and call
///   [`handle_tls_established`](Self::handle_tls_established); from then on read and write
///   through TLS. Never pass bytes read before the handshake.
/// - On [`Event::Closed`], close the connection. End of stream is
///   [`handle_eof`](Self::handle_eof).
///
/// Every message given to [`send`](Self::send) ends in exactly one [`Event::MessageDone`].
///
/// ```no_run
/// use std::io::{Read, Write};
/// use std::time::Instant;
/// use wasmail_core::smtp::{Client, ClientConfig, ClientName, Envelope, Event, Time, TlsPolicy};
///
/// # fn run(mut stream: std::net::TcpStream, envelope: Envelope, message: Vec<u8>) -> std::io::Result<()> {
/// let epoch = Instant::now();
/// let now = || Time::from_duration(epoch.elapsed());
/// let config = ClientConfig::new(ClientName::new("client.example").unwrap())
///     .with_tls(TlsPolicy::None); // a loopback test server; real servers want TLS
/// let mut client = Client::new(config, now());
/// client.send(envelope, message).unwrap();
/// client.quit();
/// let mut buf = [0u8; 16 * 1024];
/// loop {
///     while let Some(bytes) = client.poll_transmit(now()) {
///         stream.write_all(&bytes)?;
///     }
///     while let Some(event) = client.poll_event() {
///         match event {
///             Event::MessageDone { handle, outcome } => println!("{handle}: {outcome:?}"),
///             Event::Closed(_) => return Ok(()),
///             _ => {}
///         }
///     }
///     let timeout = client.poll_timeout().map(|t| now().until(t));
///     stream.set_read_timeout(timeout.map(|t| t.max(std::time::Duration::from_millis(1))))?;
///     match stream.read(&mut buf) {
///         Ok(0) => client.handle_eof(now()),
///         Ok(n) => client.handle_input(now(), &buf[..n]),
///         Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
///             || e.kind() == std::io::ErrorKind::TimedOut => client.handle_timeout(now()),
///         Err(e) => return Err(e),
///     }
/// }
/// # }
/// ```
#[derive(Debug)]
pub struct Client {
    config: ClientConfig,
    stage: Stage,
    secure: bool,
    starttls_tried: bool,
    parser: ReplyParser,
    caps: Option<Capabilities>,
    /// Replies the client waits for, in the order the commands were sent.
    pending: VecDeque<Expect>,
    deadline: Option<Time>,
    out: VecDeque<Segment>,
    events: VecDeque<Event>,
    queued: VecDeque<Transaction>,
    /// Transactions with commands in flight, oldest first.
    active: VecDeque<Transaction>,
    next_handle: u64,
    quit_requested: bool,
    rset_needed: bool,
    /// The transaction whose last data block the latest transmit held, until the next poll
    /// (which the call contract puts after the write): its final reply's deadline starts then,
    /// and a failed write means the end of the data never reached the server.
    final_block_in_flight: Option<u64>,
    /// Why the session ends, while the QUIT that ends it politely is on its way.
    closing_error: Option<super::error::SessionError>,
    auth: Option<AuthExchange>,
    transcript: Vec<TranscriptLine>,
}

/// Where the session as a whole is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Greeting,
    Hello,
    StartTls,
    TlsHandshake,
    Auth,
    Ready,
    Quitting,
    Closed,
}

/// A reply the client waits for, and what it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Awaiting {
    Greeting,
    Ehlo,
    Helo,
    StartTls,
    Auth,
    Mail(u64),
    Rcpt(u64, usize),
    Data(u64),
    Bdat { handle: u64, last: bool },
    DataEnd(u64),
    Rset,
    Quit,
}

#[derive(Clone, Copy, Debug)]
struct Expect {
    what: Awaiting,
    timeout: Duration,
    /// Whether the command was handed to the driver. A reply to a command not yet sent is a
    /// server speaking out of turn.
    sent: bool,
}

/// Output waiting for the driver, in wire order.
enum Segment {
    /// Command bytes, and how many replies they ask for.
    Bytes(Vec<u8>, usize),
    Body(BodyStream),
}

/// Sizes only: queued command bytes may hold AUTH credentials, which `Debug` must never show.
impl std::fmt::Debug for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(bytes, replies) => {
                write!(f, "Bytes({} bytes, {replies} replies)", bytes.len())
            }
            Self::Body(body) => body.fmt(f),
        }
    }
}

/// A message's data being handed out block by block, encoded on the fly.
#[derive(Debug)]
struct BodyStream {
    handle: u64,
    framing: Framing,
    encoder: DataEncoder,
    offset: usize,
    /// Without PIPELINING, each BDAT chunk waits for the previous one's reply.
    paused: bool,
}

impl Client {
    /// A new session on a freshly opened connection. The greeting deadline starts at `now`.
    pub fn new(config: ClientConfig, now: Time) -> Self {
        let secure = config.tls == TlsPolicy::Implicit;
        let greeting = config.timeouts.greeting;
        let parser = ReplyParser::new(config.reply_limits);
        let mut client = Self {
            config,
            stage: Stage::Greeting,
            secure,
            starttls_tried: false,
            parser,
            caps: None,
            pending: VecDeque::new(),
            deadline: None,
            out: VecDeque::new(),
            events: VecDeque::new(),
            queued: VecDeque::new(),
            active: VecDeque::new(),
            next_handle: 1,
            quit_requested: false,
            rset_needed: false,
            final_block_in_flight: None,
            closing_error: None,
            auth: None,
            transcript: Vec::new(),
        };
        client.pending.push_back(Expect {
            what: Awaiting::Greeting,
            timeout: greeting,
            sent: true,
        });
        client.deadline = Some(now + greeting);
        client
    }

    /// Queues a message: `payload` is the complete message (headers and body) as composed; the
    /// client normalises line endings and frames it. It is sent once the session is ready,
    /// behind any messages queued before it.
    pub fn send(
        &mut self,
        envelope: Envelope,
        payload: impl Into<Vec<u8>>,
    ) -> Result<MessageHandle, UsageError> {
        if self.quit_requested || matches!(self.stage, Stage::Closed | Stage::Quitting) {
            return Err(UsageError::SessionEnding);
        }
        if envelope.recipients().is_empty() {
            return Err(UsageError::NoRecipients);
        }
        let handle = self.next_handle;
        self.next_handle += 1;
        self.queued
            .push_back(Transaction::new(handle, envelope, payload.into()));
        Ok(MessageHandle(handle))
    }

    /// Ends the session with QUIT once every queued message has its outcome.
    pub fn quit(&mut self) {
        self.quit_requested = true;
    }

    /// Feeds bytes read from the connection.
    pub fn handle_input(&mut self, now: Time, bytes: &[u8]) {
        self.on_input(now, bytes);
    }

    /// The connection reached end of stream.
    pub fn handle_eof(&mut self, now: Time) {
        self.on_eof(now);
    }

    /// Writing the bytes of the latest [`poll_transmit`](Self::poll_transmit) failed (the peer
    /// reset the connection, or the write passed [`poll_timeout`](Self::poll_timeout)): the
    /// connection is lost. Unlike [`handle_eof`](Self::handle_eof) this says those bytes may
    /// not have left, so a message whose end of data they held is reported as not delivered
    /// (worth retrying) rather than as possibly delivered.
    pub fn handle_write_failed(&mut self, now: Time) {
        self.on_write_failed(now);
    }

    /// Lets the client notice a passed deadline. Harmless to call early.
    pub fn handle_timeout(&mut self, now: Time) {
        self.on_timeout(now);
    }

    /// The driver finished the TLS handshake asked for by [`Event::StartTls`].
    pub fn handle_tls_established(&mut self, now: Time) {
        self.on_tls_established(now);
    }

    /// The next bytes to write, if any. Message data comes out in blocks, encoded on demand.
    #[must_use]
    pub fn poll_transmit(&mut self, now: Time) -> Option<Vec<u8>> {
        self.next_transmit(now)
    }

    /// The next event, if any.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// When [`handle_timeout`](Self::handle_timeout) must be called if no input arrives first.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Time> {
        self.deadline
    }

    /// What the server offered in its latest EHLO reply (reset by STARTTLS).
    pub fn capabilities(&self) -> Option<&Capabilities> {
        self.caps.as_ref()
    }

    /// Whether the session runs over TLS.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// Whether the session has ended.
    pub fn is_closed(&self) -> bool {
        self.stage == Stage::Closed
    }

    /// Messages queued or in flight.
    pub fn messages_outstanding(&self) -> usize {
        self.queued.len() + self.active.len()
    }

    /// The transcript so far (empty if recording is off).
    pub fn transcript(&self) -> &[TranscriptLine] {
        &self.transcript
    }

    /// Takes the transcript recorded so far, leaving it empty (for long sessions).
    pub fn take_transcript(&mut self) -> Vec<TranscriptLine> {
        std::mem::take(&mut self.transcript)
    }
}
