//! The blocking API: connect, send one or many messages over one connection, quit.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpStream};
use std::time::Instant;

use wasmail_core::smtp::{
    AuthMechanism, Capabilities, Client, Envelope, Outcome, Time, TlsPolicy, TranscriptLine,
    UsageError,
};

use crate::connect::open_tcp;
use crate::driver::Driver;
use crate::error::NetError;
use crate::options::ConnectOptions;
use crate::tls::{TlsInfo, TlsMode, TlsSetup};
use crate::transport::Transport;

/// An open SMTP session, secured and authenticated as the options asked, ready for messages.
///
/// Messages sent through one session share its connection; with PIPELINING their commands
/// travel in groups. Dropping a session closes the connection without QUIT: call
/// [`quit`](Self::quit) to end it politely.
#[derive(Debug)]
pub struct Session {
    driver: Driver,
    peer: Option<SocketAddr>,
}

impl Session {
    /// Connects, reads the greeting, says EHLO, upgrades to TLS and authenticates as the
    /// options say, and returns once the server is ready for messages.
    ///
    /// Extra CA files are read, and the host checked, before anything touches the network.
    pub fn connect(options: &ConnectOptions) -> Result<Self, NetError> {
        Self::connect_keeping(options).map_err(|(error, _)| error)
    }

    /// Like [`connect`](Self::connect); a failure once the connection is open also returns
    /// the session as far as it got (greeting, extensions, transcript), for a probe to show.
    pub(crate) fn connect_keeping(
        options: &ConnectOptions,
    ) -> Result<Self, (NetError, Option<Box<Session>>)> {
        let tls = match options.tls {
            TlsPolicy::None => None,
            _ => Some(TlsSetup::new(options).map_err(|error| (error, None))?),
        };
        let tcp = open_tcp(options).map_err(|error| (error, None))?;
        check_socket_timeouts(&tcp).map_err(|error| (error, None))?;
        let peer = tcp.peer_addr().ok();
        let local = tcp.local_addr().ok().map(|address| address.ip());
        let epoch = Instant::now();
        let mut tls_info = None;
        let transport = match (&tls, options.tls) {
            (Some(setup), TlsPolicy::Implicit) => {
                let limit = options.timeouts.tls_handshake;
                let (stream, info) = setup
                    .handshake(tcp, TlsMode::Implicit, limit)
                    .map_err(|error| (NetError::from(error), None))?;
                tls_info = Some(info);
                Transport::Tls(Box::new(stream))
            }
            _ => Transport::Plain(tcp),
        };
        let client = Client::new(
            options.client_config(local),
            Time::from_duration(epoch.elapsed()),
        );
        let fallback = options.timeouts.command;
        let tracer = options.tracer.clone();
        let mut driver = Driver::new(client, transport, tls, epoch, fallback, tracer);
        driver.seen.tls_info = tls_info;
        match driver.run_until(|seen| seen.ready) {
            Ok(()) => Ok(Self { driver, peer }),
            Err(error) => Err((error, Some(Box::new(Self { driver, peer })))),
        }
    }

    /// Sends one message and waits for its outcome, which holds the per-recipient results.
    ///
    /// `Ok` carries every outcome, including rejections and an unknown outcome (the connection
    /// was lost after the data was sent: the message may have been delivered). `Err` means the
    /// message could not be queued (the session is closed, the envelope has no recipient).
    pub fn send(
        &mut self,
        envelope: Envelope,
        message: impl Into<Vec<u8>>,
    ) -> Result<Outcome, NetError> {
        let mut outcomes = self.send_many([(envelope, message.into())])?;
        outcomes.pop().ok_or_else(|| NetError::Internal {
            detail: "no outcome for a message".into(),
        })
    }

    /// Sends many messages over this connection, pipelined when the server allows, and returns
    /// their outcomes in the order given.
    pub fn send_many<I>(&mut self, messages: I) -> Result<Vec<Outcome>, NetError>
    where
        I: IntoIterator<Item = (Envelope, Vec<u8>)>,
    {
        self.send_many_with(messages, |_, _| {})
    }

    /// Like [`send_many`](Self::send_many), calling `on_outcome(index, &outcome)` as each
    /// message's outcome arrives (for progress displays).
    pub fn send_many_with<I>(
        &mut self,
        messages: I,
        mut on_outcome: impl FnMut(usize, &Outcome),
    ) -> Result<Vec<Outcome>, NetError>
    where
        I: IntoIterator<Item = (Envelope, Vec<u8>)>,
    {
        let messages: Vec<(Envelope, Vec<u8>)> = messages.into_iter().collect();
        // Check everything before queuing anything, so a bad envelope sends nothing.
        if messages
            .iter()
            .any(|(envelope, _)| envelope.recipients().is_empty())
        {
            return Err(NetError::Usage(UsageError::NoRecipients));
        }
        let mut index_of = HashMap::with_capacity(messages.len());
        for (index, (envelope, payload)) in messages.into_iter().enumerate() {
            let handle = self.driver.client.send(envelope, payload)?;
            index_of.insert(handle, index);
        }
        let mut outcomes: Vec<Option<Outcome>> = vec![None; index_of.len()];
        let mut missing = index_of.len();
        self.driver.run_until(|seen| {
            while let Some((handle, outcome)) = seen.outcomes.pop_front() {
                if let Some(&index) = index_of.get(&handle) {
                    on_outcome(index, &outcome);
                    outcomes[index] = Some(outcome);
                    missing -= 1;
                }
            }
            missing == 0
        })?;
        Ok(outcomes.into_iter().flatten().collect())
    }

    /// Ends the session with QUIT and closes the connection. A session that already ended
    /// (for instance after a lost connection) closes quietly. The transcript stays readable,
    /// QUIT included.
    pub fn quit(&mut self) -> Result<(), NetError> {
        if self.driver.seen.closed.is_some() {
            return Ok(());
        }
        self.driver.client.quit();
        self.driver.run_until(|seen| seen.closed.is_some())?;
        match self.driver.seen.closed.take() {
            Some(Some(error)) => Err(NetError::Session(error)),
            _ => Ok(()),
        }
    }

    /// What the server offers, from its latest EHLO (after TLS when the session is secured).
    pub fn capabilities(&self) -> Option<&Capabilities> {
        self.driver.client.capabilities()
    }

    /// What the server offered before STARTTLS, if the session was upgraded.
    pub fn capabilities_before_tls(&self) -> Option<&Capabilities> {
        self.driver.seen.capabilities_before_tls.as_ref()
    }

    /// The negotiated TLS parameters, if the session is secured.
    pub fn tls_info(&self) -> Option<&TlsInfo> {
        self.driver.seen.tls_info.as_ref()
    }

    /// The AUTH mechanism the session authenticated with, if it did.
    pub fn authenticated_with(&self) -> Option<AuthMechanism> {
        self.driver.seen.authenticated
    }

    /// Whether the session runs over TLS.
    pub fn is_secure(&self) -> bool {
        self.driver.client.is_secure()
    }

    /// Whether the session can still send (it has not ended or failed).
    pub fn is_open(&self) -> bool {
        self.driver.seen.closed.is_none() && !self.driver.client.is_closed()
    }

    /// The server's address.
    pub fn peer_addr(&self) -> Option<SocketAddr> {
        self.peer
    }

    /// The session transcript so far, with AUTH secrets redacted and message data summarised.
    pub fn transcript(&self) -> &[TranscriptLine] {
        self.driver.client.transcript()
    }

    /// Takes the transcript recorded so far, leaving it empty (for long sessions).
    pub fn take_transcript(&mut self) -> Vec<TranscriptLine> {
        self.driver.take_transcript()
    }

    /// The TCP socket, for inspection (socket options, addresses). Reading or writing it
    /// directly would corrupt the session.
    pub fn tcp_stream(&self) -> Option<&TcpStream> {
        self.driver.transport.tcp()
    }
}

/// Fails early, with a clear message, on a platform whose sockets cannot time out: without
/// timeouts a silent server would hang the session forever.
fn check_socket_timeouts(tcp: &TcpStream) -> Result<(), NetError> {
    let probe = Some(std::time::Duration::from_secs(1));
    tcp.set_read_timeout(probe)
        .map_err(|source| NetError::Socket {
            action: "read timeouts",
            source,
        })?;
    tcp.set_write_timeout(probe)
        .map_err(|source| NetError::Socket {
            action: "write timeouts",
            source,
        })
}
