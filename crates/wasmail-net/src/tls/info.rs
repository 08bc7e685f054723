//! What was negotiated: protocol version, cipher suite and the server's certificate.

use std::fmt;

use rustls::ClientConnection;

use super::certificate::CertificateSummary;

/// How the session was secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TlsMode {
    /// Upgraded in-session with STARTTLS (RFC 3207).
    StartTls,
    /// TLS from the first byte (RFC 8314).
    Implicit,
}

/// The negotiated TLS parameters, for display and for `probe`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsInfo {
    /// STARTTLS or implicit TLS.
    pub mode: TlsMode,
    /// The protocol version, such as `TLS 1.3`.
    pub protocol_version: String,
    /// The cipher suite, such as `TLS13_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// The name the certificate was checked against (the SNI, or the IP address).
    pub server_name: String,
    /// A summary of the server's end-entity certificate, when it could be read.
    pub certificate: Option<CertificateSummary>,
}

impl TlsInfo {
    pub(crate) fn from_connection(
        conn: &ClientConnection,
        mode: TlsMode,
        server_name: &str,
    ) -> Self {
        let protocol_version = match conn.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3".to_owned(),
            Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2".to_owned(),
            Some(other) => format!("{other:?}"),
            None => "unknown".to_owned(),
        };
        let cipher_suite = conn.negotiated_cipher_suite().map_or_else(
            || "unknown".to_owned(),
            |suite| {
                let id = suite.suite();
                id.as_str().map_or_else(|| format!("{id:?}"), str::to_owned)
            },
        );
        let certificate = conn
            .peer_certificates()
            .and_then(|chain| chain.first())
            .and_then(|leaf| CertificateSummary::from_der(leaf));
        Self {
            mode,
            protocol_version,
            cipher_suite,
            server_name: server_name.to_owned(),
            certificate,
        }
    }
}

impl fmt::Display for TlsInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode {
            TlsMode::StartTls => "STARTTLS",
            TlsMode::Implicit => "implicit TLS",
        };
        write!(
            f,
            "{} {} ({mode}), verified for {}",
            self.protocol_version, self.cipher_suite, self.server_name
        )
    }
}
