//! An SMTP server that stores what it receives, for the demo and for tests: the mailin
//! protocol state machine over blocking sockets, with rustls (ring provider) for STARTTLS or
//! implicit TLS and a certificate made at start.
//!
//! It listens on 127.0.0.1 on a free port. Each accepted message is written to the output
//! directory as `message-NNNN.eml` (exact bytes) with its envelope in `message-NNNN.json`.
//! Recipients starting with `reject` get 550, `tempfail` 451, and `vanish` make the server
//! drop the connection after the data, so every client outcome can be provoked.
//!
//! ```no_run
//! use wasmail_cli::demo::capture_server::{CaptureConfig, CaptureServer};
//!
//! let server = CaptureServer::start(CaptureConfig::new("received").with_login("demo", "secret"))?;
//! println!("listening on {}", server.addr());
//! // ... send mail to server.addr(), trusting server.ca_pem() ...
//! let received = server.received();
//! server.stop();
//! # Ok::<(), String>(())
//! ```

mod connection;
mod handler;
mod store;
mod stream;

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};

use rustls::ServerConfig;

pub use store::ReceivedMessage;

use super::test_pki::TestPki;
use store::Store;

/// How the server protects the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CaptureSecurity {
    /// Offer STARTTLS; AUTH only after it (the default).
    #[default]
    StartTls,
    /// TLS from the first byte, as on port 465.
    ImplicitTls,
    /// No TLS at all; AUTH (if configured) in plaintext.
    Plaintext,
}

/// How to run the server.
#[derive(Clone, Debug)]
pub struct CaptureConfig {
    /// Where received messages are written.
    pub out_dir: PathBuf,
    /// STARTTLS, implicit TLS or plaintext.
    pub security: CaptureSecurity,
    /// When set, clients must log in with this user and password before sending.
    pub credentials: Option<(String, String)>,
}

impl CaptureConfig {
    /// STARTTLS offered, no login required, messages written to `out_dir`.
    pub fn new(out_dir: impl Into<PathBuf>) -> CaptureConfig {
        CaptureConfig {
            out_dir: out_dir.into(),
            security: CaptureSecurity::default(),
            credentials: None,
        }
    }

    /// Requires AUTH PLAIN or LOGIN with these credentials.
    pub fn with_login(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Some((user.into(), password.into()));
        self
    }

    /// Sets how the connection is protected.
    pub fn with_security(mut self, security: CaptureSecurity) -> Self {
        self.security = security;
        self
    }
}

/// What every connection thread needs.
#[derive(Debug)]
struct ServerShared {
    config: CaptureConfig,
    tls_config: Option<Arc<ServerConfig>>,
    store: Store,
}

/// A running capture server. Stops when dropped.
#[derive(Debug)]
pub struct CaptureServer {
    addr: SocketAddr,
    ca_pem: Option<String>,
    shared: Arc<ServerShared>,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl CaptureServer {
    /// Binds 127.0.0.1 on a free port and starts accepting connections.
    pub fn start(config: CaptureConfig) -> Result<CaptureServer, String> {
        let pki = match config.security {
            CaptureSecurity::Plaintext => None,
            _ => Some(TestPki::generate()?),
        };
        let store = Store::new(config.out_dir.clone()).map_err(|error| {
            format!(
                "cannot create the output directory {}: {error}",
                config.out_dir.display()
            )
        })?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))?;
        let addr = listener.local_addr().map_err(|error| error.to_string())?;
        let shared = Arc::new(ServerShared {
            config,
            tls_config: pki.as_ref().map(|pki| Arc::clone(&pki.server_config)),
            store,
        });
        let stopping = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let (shared, stopping) = (Arc::clone(&shared), Arc::clone(&stopping));
            thread::Builder::new()
                .name("capture-accept".to_owned())
                .spawn(move || accept_loop(&listener, &shared, &stopping))
                .map_err(|error| format!("cannot start the server thread: {error}"))?
        };
        Ok(CaptureServer {
            addr,
            ca_pem: pki.map(|pki| pki.ca_pem),
            shared,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    /// The address clients connect to (127.0.0.1 and the chosen port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The CA certificate (PEM) clients must trust; `None` for a plaintext server.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// Where received messages are written.
    pub fn out_dir(&self) -> &Path {
        self.shared.store.dir()
    }

    /// The messages received so far, in order.
    pub fn received(&self) -> Vec<ReceivedMessage> {
        self.shared.store.messages()
    }

    /// Stops accepting connections and waits for the accepting thread to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the loop sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Drop for CaptureServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<ServerShared>, stopping: &AtomicBool) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(shared);
        // A failing connection only ends itself; the server goes on.
        let _ = thread::Builder::new()
            .name("capture-conn".to_owned())
            .spawn(move || connection::serve(stream, shared));
    }
}
