//! One client connection: feed lines to the mailin session, act on its responses.

use std::io;
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use mailin::{Action, AuthMechanism, SessionBuilder};

use super::handler::{CaptureHandler, ConnectionState, lock};
use super::stream::LineStream;
use super::{CaptureSecurity, ServerShared};

/// How long a client may stay silent before the server gives up on it.
const IDLE_LIMIT: Duration = Duration::from_secs(60);

/// Serves one client until it quits or the connection fails.
pub(super) fn serve(tcp: TcpStream, shared: Arc<ServerShared>) -> io::Result<()> {
    tcp.set_read_timeout(Some(IDLE_LIMIT))?;
    tcp.set_nodelay(true)?;
    let ip = tcp
        .peer_addr()
        .map(|addr| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let mut stream = LineStream::new(tcp);
    let state = Arc::new(Mutex::new(ConnectionState::default()));
    let security = shared.config.security;
    let tls_config = shared.tls_config.clone();

    let mut builder = SessionBuilder::new("wasmail-capture");
    if security == CaptureSecurity::StartTls {
        builder.enable_start_tls();
    }
    if shared.config.credentials.is_some() {
        builder
            .enable_auth(AuthMechanism::Plain)
            .enable_auth(AuthMechanism::Login);
        if security == CaptureSecurity::Plaintext {
            builder.insecure_enable_plaintext_auth();
        }
    }
    let mut session = builder.build(ip, CaptureHandler::new(shared, Arc::clone(&state)));

    if let (CaptureSecurity::ImplicitTls, Some(config)) = (security, &tls_config) {
        stream.upgrade(Arc::clone(config))?;
        session.tls_active();
        lock(&state).tls = true;
    }
    stream.write_all(&session.greeting().buffer()?)?;

    while let Some(line) = stream.read_line()? {
        let response = session.process(&line);
        if lock(&state).vanish_now {
            return Ok(()); // drop the connection instead of answering the end of the data
        }
        match response.action {
            Action::NoReply => {}
            Action::Reply => stream.write_all(&response.buffer()?)?,
            Action::Close => {
                stream.write_all(&response.buffer()?)?;
                return Ok(());
            }
            Action::UpgradeTls => {
                stream.write_all(&response.buffer()?)?;
                let config = tls_config
                    .clone()
                    .ok_or_else(|| io::Error::other("no TLS"))?;
                stream.upgrade(config)?;
                session.tls_active();
                lock(&state).tls = true;
            }
        }
        // mailin forgets a login on RSET and EHLO (its state machine then refuses MAIL), so
        // the login is replayed silently to keep the session authenticated, as RFC 4954 says.
        if resets_login(&line) {
            let login = lock(&state).login.clone();
            if let Some((user, password)) = login {
                let token = BASE64.encode(format!("\0{user}\0{password}"));
                let _ = session.process(format!("AUTH PLAIN {token}\r\n").as_bytes());
            }
        }
    }
    Ok(())
}

/// Whether the command line is RSET, EHLO or HELO.
fn resets_login(line: &[u8]) -> bool {
    let verb: Vec<u8> = line.iter().take(4).map(u8::to_ascii_uppercase).collect();
    matches!(verb.as_slice(), b"RSET" | b"EHLO" | b"HELO")
}
