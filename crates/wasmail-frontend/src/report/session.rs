//! What the session showed: where it connected, how it was secured, how it logged in.

use serde_json::{Value, json};
use wasmail_core::smtp::AuthMechanism;
use wasmail_net::{Session, TlsInfo, TlsMode};

/// The session facts a report starts with.
#[derive(Clone, Debug)]
pub struct SessionFacts {
    /// `host:port` as connected to.
    pub server: String,
    /// The negotiated TLS, if any.
    pub tls: Option<TlsInfo>,
    /// The AUTH mechanism used, if any.
    pub authenticated_with: Option<AuthMechanism>,
}

impl SessionFacts {
    /// Reads the facts off an open session (before QUIT ends it).
    pub fn of(session: &Session, server: String) -> SessionFacts {
        SessionFacts {
            server,
            tls: session.tls_info().cloned(),
            authenticated_with: session.authenticated_with(),
        }
    }

    /// `Sent through HOST:PORT (TLS 1.3 ..., STARTTLS), authenticated with PLAIN`.
    pub fn connection_line(&self) -> String {
        let security = match &self.tls {
            Some(tls) => format!(
                "{} {}, {}",
                tls.protocol_version,
                tls.cipher_suite,
                tls_mode_name(tls.mode)
            ),
            None => "no TLS".to_owned(),
        };
        let auth = match self.authenticated_with {
            Some(mechanism) => format!(", authenticated with {}", mechanism.name()),
            None => String::new(),
        };
        format!("Sent through {} ({security}){auth}", self.server)
    }

    /// `{"server": ..., "tls": ..., "authenticated_with": ...}`.
    pub fn to_json(&self) -> Value {
        json!({
            "server": self.server,
            "tls": self.tls.as_ref().map(tls_json),
            "authenticated_with": self.authenticated_with.map(AuthMechanism::name),
        })
    }
}

/// `STARTTLS` or `implicit TLS`.
pub fn tls_mode_name(mode: TlsMode) -> &'static str {
    match mode {
        TlsMode::StartTls => "STARTTLS",
        TlsMode::Implicit => "implicit TLS",
    }
}

/// The TLS facts as JSON, the server certificate's summary included.
pub fn tls_json(tls: &TlsInfo) -> Value {
    json!({
        "mode": tls_mode_name(tls.mode),
        "version": tls.protocol_version,
        "cipher_suite": tls.cipher_suite,
        "server_name": tls.server_name,
        "certificate": tls.certificate.as_ref().map(|cert| json!({
            "subject": cert.subject,
            "issuer": cert.issuer,
            "not_before": cert.not_before,
            "not_after": cert.not_after,
            "dns_names": cert.dns_names,
            "ip_addresses": cert.ip_addresses.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })),
    })
}
