//! TLS for the session: the rustls configuration (ring, explicit), the name the certificate
//! must match, and a handshake bounded by a deadline.

mod certificate;
mod der;
mod failure;
mod info;
mod trust;

use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConnection, StreamOwned};

pub use certificate::CertificateSummary;
pub use failure::{TlsError, TlsFailure};
pub use info::{TlsInfo, TlsMode};

use crate::error::NetError;
use crate::options::ConnectOptions;

/// The TLS stream the session runs over once secured.
pub(crate) type TlsStream = StreamOwned<ClientConnection, TcpStream>;

/// Everything needed to secure a connection to one host, prepared before connecting.
#[derive(Debug)]
pub(crate) struct TlsSetup {
    config: Arc<rustls::ClientConfig>,
    server_name: ServerName<'static>,
    host: String,
}

impl TlsSetup {
    /// Reads the trust anchors and checks the host can be verified: a DNS name (sent as SNI)
    /// or an IP literal (checked against the certificate's IP addresses, no SNI).
    pub(crate) fn new(options: &ConnectOptions) -> Result<Self, NetError> {
        let host = options.bare_host();
        let server_name = ServerName::try_from(host)
            .map_err(|_| NetError::InvalidHost {
                host: options.host.clone(),
            })?
            .to_owned();
        let roots = trust::root_store(options)?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| NetError::Internal {
                detail: format!("TLS configuration: {e}"),
            })?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self {
            config: Arc::new(config),
            server_name,
            host: host.to_owned(),
        })
    }

    /// Runs the handshake over `tcp`, giving up after `limit`. On success the stream carries
    /// the session from here on.
    pub(crate) fn handshake(
        &self,
        tcp: TcpStream,
        mode: TlsMode,
        limit: Duration,
    ) -> Result<(TlsStream, TlsInfo), TlsError> {
        self.handshake_in(tcp, mode, limit)
            .map_err(|error| error.during(mode))
    }

    fn handshake_in(
        &self,
        mut tcp: TcpStream,
        mode: TlsMode,
        limit: Duration,
    ) -> Result<(TlsStream, TlsInfo), TlsError> {
        let failed =
            |detail: String| TlsError::new(&self.host, TlsFailure::HandshakeFailed { detail });
        let mut conn = ClientConnection::new(self.config.clone(), self.server_name.clone())
            .map_err(|e| failed(e.to_string()))?;
        let deadline = Instant::now() + limit;
        let io_failure = |e| TlsError::from_handshake_io(&self.host, e, limit);
        while conn.is_handshaking() || conn.wants_write() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(TlsError::new(&self.host, TlsFailure::TimedOut { limit }));
            }
            tcp.set_read_timeout(Some(left)).map_err(io_failure)?;
            tcp.set_write_timeout(Some(left)).map_err(io_failure)?;
            if conn.is_handshaking() {
                conn.complete_io(&mut tcp).map_err(io_failure)?;
            } else {
                // The handshake is done but our last flight (TLS 1.3 Finished) is still queued.
                conn.write_tls(&mut tcp).map_err(io_failure)?;
            }
        }
        let info = TlsInfo::from_connection(&conn, mode, &self.host);
        Ok((StreamOwned::new(conn, tcp), info))
    }
}
