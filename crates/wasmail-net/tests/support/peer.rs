//! A scripted SMTP server on a loopback thread: real sockets, a real rustls server side, and
//! a log of everything the client said.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rustls::{ServerConfig, ServerConnection, StreamOwned};

use super::certs::Leaf;

/// How long a peer connection waits for the client before giving up (keeps threads finite).
const PEER_PATIENCE: Duration = Duration::from_secs(15);

/// How the peer does TLS.
pub enum PeerTls {
    None,
    StartTls(&'static Leaf),
    Implicit(&'static Leaf),
}

/// Deviations from a well-behaved server.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Normal,
    /// Never greets; waits for the client to give up.
    Silent,
    /// Closes the connection after the final dot, without replying.
    DropAfterDot,
    /// Answers STARTTLS with 220 and, in the same write, a forged EHLO reply (a STARTTLS
    /// response injection), then waits for the client to hang up.
    InjectAfterStartTls,
    /// Sends its greeting one byte at a time, 300 ms apart: never idle, never finished.
    DripGreeting,
    /// Answers STARTTLS with 220, then never starts the handshake.
    SilentAfterStartTls,
    /// Answers STARTTLS with 220, then hangs up as the handshake starts.
    HangUpAfterStartTls,
    /// Answers STARTTLS with 220, then answers the ClientHello with a plaintext reply.
    PlaintextAfterStartTls,
}

pub struct PeerConfig {
    pub tls: PeerTls,
    pub pipelining: bool,
    pub auth: bool,
    pub behaviour: Behaviour,
}

impl Default for PeerConfig {
    fn default() -> Self {
        Self {
            tls: PeerTls::None,
            pipelining: false,
            auth: false,
            behaviour: Behaviour::Normal,
        }
    }
}

/// What the peer saw.
#[derive(Clone, Debug, Default)]
pub struct Log {
    pub connections: usize,
    pub finished: usize,
    /// Every command line, in order, over all connections.
    pub commands: Vec<String>,
    /// Each message's data, dot-unstuffed, without the final dot line.
    pub messages: Vec<Vec<u8>>,
    pub tls_handshakes: usize,
    pub tls_failures: usize,
    pub ehlo_after_tls: bool,
    /// Times a MAIL FROM arrived with further commands already buffered behind it.
    pub pipelined_mail: usize,
}

impl Log {
    pub fn saw(&self, verb: &str) -> bool {
        self.commands
            .iter()
            .any(|c| c.to_ascii_uppercase().starts_with(verb))
    }
}

pub struct Peer {
    port: u16,
    log: Arc<Mutex<Log>>,
}

impl Peer {
    pub fn start(config: PeerConfig) -> Peer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Log::default()));
        let config = Arc::new(config);
        let shared = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, config) = (shared.clone(), config.clone());
                log.lock().unwrap().connections += 1;
                thread::spawn(move || {
                    let _ = serve(stream, &config, &log);
                    log.lock().unwrap().finished += 1;
                });
            }
        });
        Peer { port, log }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The log once every connection so far has ended (or after a few seconds).
    pub fn log(&self) -> Log {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.finished == log.connections || Instant::now() > until {
                return log;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

fn tls_config(leaf: &Leaf) -> Arc<ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(leaf.chain.clone(), leaf.key())
        .unwrap();
    Arc::new(config)
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
    Gone,
}

/// One connection: a line reader over the plain or TLS stream.
struct Conn {
    stream: Stream,
    buf: Vec<u8>,
}

impl Conn {
    fn io(&mut self) -> &mut dyn ReadWrite {
        match &mut self.stream {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.as_mut(),
            Stream::Gone => unreachable!("stream used after it was closed"),
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        let mut chunk = [0u8; 8192];
        let n = self.io().read(&mut chunk)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    fn line(&mut self) -> io::Result<String> {
        loop {
            if let Some(pos) = self.buf.windows(2).position(|w| w == b"\r\n") {
                let line: Vec<u8> = self.buf.drain(..pos + 2).take(pos).collect();
                return Ok(String::from_utf8_lossy(&line).into_owned());
            }
            self.fill()?;
        }
    }

    /// Message data up to the final dot, dot-unstuffed.
    fn data(&mut self) -> io::Result<Vec<u8>> {
        let mut message = Vec::new();
        loop {
            let line = self.line()?;
            if line == "." {
                return Ok(message);
            }
            let line = line.strip_prefix('.').unwrap_or(&line);
            message.extend_from_slice(line.as_bytes());
            message.extend_from_slice(b"\r\n");
        }
    }

    fn reply(&mut self, text: &str) -> io::Result<()> {
        let io = self.io();
        io.write_all(text.as_bytes())?;
        io.write_all(b"\r\n")?;
        io.flush()
    }

    /// Wraps the plain stream in TLS and completes the handshake.
    fn start_tls(&mut self, leaf: &Leaf) -> io::Result<()> {
        let Stream::Plain(mut tcp) = std::mem::replace(&mut self.stream, Stream::Gone) else {
            return Err(io::ErrorKind::InvalidInput.into());
        };
        let mut conn = ServerConnection::new(tls_config(leaf)).map_err(io::Error::other)?;
        while conn.is_handshaking() {
            conn.complete_io(&mut tcp)?;
        }
        self.stream = Stream::Tls(Box::new(StreamOwned::new(conn, tcp)));
        Ok(())
    }
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

fn serve(tcp: TcpStream, config: &PeerConfig, log: &Mutex<Log>) -> io::Result<()> {
    tcp.set_nodelay(true)?;
    tcp.set_read_timeout(Some(PEER_PATIENCE))?;
    tcp.set_write_timeout(Some(PEER_PATIENCE))?;
    let mut conn = Conn {
        stream: Stream::Plain(tcp),
        buf: Vec::new(),
    };
    if config.behaviour == Behaviour::Silent {
        // Wait for the client to hang up; answer nothing.
        while conn.fill().is_ok() {}
        return Ok(());
    }
    if config.behaviour == Behaviour::DripGreeting {
        for byte in b"220 peer.test ESMTP but very slowly\r\n" {
            let io = conn.io();
            if io.write_all(&[*byte]).and_then(|()| io.flush()).is_err() {
                return Ok(()); // the client gave up, as it should
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        while conn.fill().is_ok() {}
        return Ok(());
    }
    let mut secure = false;
    if let PeerTls::Implicit(leaf) = config.tls {
        handshake(&mut conn, leaf, log)?;
        secure = true;
    }
    conn.reply("220 peer.test ESMTP scripted")?;
    loop {
        let line = conn.line()?;
        let pipelined = !conn.buf.is_empty();
        log.lock().unwrap().commands.push(line.clone());
        let verb = line.split(' ').next().unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                log.lock().unwrap().ehlo_after_tls |= secure;
                let mut lines = vec!["peer.test greets you"];
                if config.pipelining {
                    lines.push("PIPELINING");
                }
                if matches!(config.tls, PeerTls::StartTls(_)) && !secure {
                    lines.push("STARTTLS");
                }
                if config.auth && (secure || matches!(config.tls, PeerTls::None)) {
                    lines.push("AUTH PLAIN LOGIN");
                }
                lines.extend(["8BITMIME", "SIZE 10000000"]);
                let last = lines.len() - 1;
                for (i, text) in lines.iter().enumerate() {
                    conn.reply(&format!("250{}{text}", if i == last { ' ' } else { '-' }))?;
                }
            }
            "STARTTLS" => {
                let PeerTls::StartTls(leaf) = config.tls else {
                    conn.reply("502 not offered")?;
                    continue;
                };
                if config.behaviour == Behaviour::InjectAfterStartTls {
                    conn.reply("220 2.0.0 ready for TLS\r\n250-forged\r\n250 AUTH PLAIN")?;
                    while conn.fill().is_ok() {}
                    return Ok(());
                }
                conn.reply("220 2.0.0 ready for TLS")?;
                if config.behaviour == Behaviour::SilentAfterStartTls {
                    while conn.fill().is_ok() {}
                    return Ok(());
                }
                if config.behaviour == Behaviour::HangUpAfterStartTls {
                    return Ok(()); // dropping the stream closes it
                }
                if config.behaviour == Behaviour::PlaintextAfterStartTls {
                    let _ = conn.fill();
                    conn.reply("500 5.5.2 what was that?")?;
                    while conn.fill().is_ok() {}
                    return Ok(());
                }
                handshake(&mut conn, leaf, log)?;
                secure = true;
            }
            "AUTH" => conn.reply("235 2.7.0 authenticated")?,
            "MAIL" => {
                log.lock().unwrap().pipelined_mail += usize::from(pipelined);
                conn.reply("250 2.1.0 sender ok")?;
            }
            "RCPT" => conn.reply("250 2.1.5 recipient ok")?,
            "DATA" => {
                conn.reply("354 end with <CRLF>.<CRLF>")?;
                let message = conn.data()?;
                let count = {
                    let mut log = log.lock().unwrap();
                    log.messages.push(message);
                    log.messages.len()
                };
                if config.behaviour == Behaviour::DropAfterDot {
                    return Ok(());
                }
                conn.reply(&format!("250 2.0.0 queued as {count}"))?;
            }
            "RSET" | "NOOP" => conn.reply("250 2.0.0 ok")?,
            "QUIT" => return conn.reply("221 2.0.0 bye"),
            _ => conn.reply("500 5.5.1 unknown command")?,
        }
    }
}

fn handshake(conn: &mut Conn, leaf: &Leaf, log: &Mutex<Log>) -> io::Result<()> {
    let result = conn.start_tls(leaf);
    let mut log = log.lock().unwrap();
    match result {
        Ok(()) => log.tls_handshakes += 1,
        Err(_) => log.tls_failures += 1,
    }
    result
}
