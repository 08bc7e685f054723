//! Why a TLS handshake failed, in words a user can act on, mapped from rustls' errors.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::time::Duration;

use super::info::TlsMode;
use rustls::CertificateError;
use wasmail_core::context::format_iso_date;

/// What went wrong with TLS, by cause.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TlsFailure {
    /// The certificate chain does not lead to a trusted root: an unknown or private CA, a
    /// self-signed certificate, or a bad signature.
    UntrustedCertificate,
    /// The certificate is valid, but for other names than the host connected to.
    WrongHostName {
        /// The names the certificate presents (may be empty when rustls did not say).
        presented: Vec<String>,
    },
    /// The certificate has expired.
    Expired {
        /// Its last valid day (`YYYY-MM-DD`, UTC), when known.
        not_after: Option<String>,
    },
    /// The certificate is not valid yet (often a wrong clock on this machine).
    NotYetValid,
    /// The certificate was revoked.
    Revoked,
    /// The handshake did not finish before the deadline.
    TimedOut {
        /// The deadline that passed.
        limit: Duration,
    },
    /// The server closed or reset the connection during the handshake: often an overloaded
    /// or throttling server, so worth trying again later.
    ConnectionLost {
        /// What the socket said.
        detail: String,
    },
    /// The server's first bytes were no TLS record: it speaks plaintext on this port (and
    /// offers STARTTLS, most likely).
    NotTls,
    /// Anything else: no common protocol version or cipher, an alert.
    HandshakeFailed {
        /// What happened, as rustls or the socket described it.
        detail: String,
    },
}

impl fmt::Display for TlsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UntrustedCertificate => f.write_str(
                "the server's certificate is not trusted (issued by an unknown authority, or \
                 self-signed); if the server uses a private CA, add it as an extra CA",
            ),
            Self::WrongHostName { presented } if presented.is_empty() => {
                f.write_str("the server's certificate is for a different host name")
            }
            Self::WrongHostName { presented } => write!(
                f,
                "the server's certificate is for a different host name (it names {})",
                presented.join(", ")
            ),
            Self::Expired {
                not_after: Some(day),
            } => {
                write!(
                    f,
                    "the server's certificate has expired (valid until {day})"
                )
            }
            Self::Expired { not_after: None } => {
                f.write_str("the server's certificate has expired")
            }
            Self::NotYetValid => f.write_str(
                "the server's certificate is not valid yet (check this machine's clock)",
            ),
            Self::Revoked => f.write_str("the server's certificate has been revoked"),
            Self::TimedOut { limit } => {
                write!(
                    f,
                    "the TLS handshake did not finish within {} s",
                    limit.as_secs_f32()
                )
            }
            Self::NotTls => {
                f.write_str("the server did not answer in TLS: it speaks plaintext on this port")
            }
            Self::ConnectionLost { detail } => {
                write!(
                    f,
                    "the connection was lost during the TLS handshake: {detail}"
                )
            }
            Self::HandshakeFailed { detail } => write!(f, "the TLS handshake failed: {detail}"),
        }
    }
}

/// A failed TLS handshake with a named host. The peer is at fault: its certificate or its TLS
/// stack did not meet the checks.
#[derive(Debug)]
pub struct TlsError {
    host: String,
    failure: TlsFailure,
    /// Implicit TLS, or the upgrade after STARTTLS; `None` until the handshake says.
    mode: Option<TlsMode>,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl TlsError {
    pub(crate) fn new(host: &str, failure: TlsFailure) -> Self {
        Self {
            host: host.to_owned(),
            failure,
            mode: None,
            source: None,
        }
    }

    /// The same error, known to come from a handshake in `mode`.
    pub(crate) fn during(mut self, mode: TlsMode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Classifies an I/O error from a handshake (rustls wraps its own errors in them).
    pub(crate) fn from_handshake_io(host: &str, error: io::Error, limit: Duration) -> Self {
        let failure = match error.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => TlsFailure::TimedOut { limit },
            io::ErrorKind::UnexpectedEof => TlsFailure::ConnectionLost {
                detail: "the server closed it".to_owned(),
            },
            io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe => TlsFailure::ConnectionLost {
                detail: error.to_string(),
            },
            _ => match error
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                Some(tls) => classify(tls),
                None => TlsFailure::HandshakeFailed {
                    detail: format!("connection error: {error}"),
                },
            },
        };
        Self {
            host: host.to_owned(),
            failure,
            mode: None,
            source: Some(Box::new(error)),
        }
    }

    /// The host the handshake was with.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The cause.
    pub fn failure(&self) -> &TlsFailure {
        &self.failure
    }

    /// Whether the handshake was implicit TLS or the upgrade after STARTTLS.
    pub fn mode(&self) -> Option<TlsMode> {
        self.mode
    }
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.failure == TlsFailure::NotTls && self.mode == Some(TlsMode::StartTls) {
            // Not a port mix-up: the server agreed to STARTTLS and went on in plaintext.
            return write!(
                f,
                "TLS with {} failed: the server accepted STARTTLS but did not start TLS",
                self.host
            );
        }
        write!(f, "TLS with {} failed: {}", self.host, self.failure)
    }
}

impl StdError for TlsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// Sorts a rustls error into the causes a user can tell apart.
fn classify(error: &rustls::Error) -> TlsFailure {
    if matches!(
        error,
        rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType)
    ) {
        // "220 mx.example ESMTP" read as a TLS record.
        return TlsFailure::NotTls;
    }
    let rustls::Error::InvalidCertificate(cert) = error else {
        return TlsFailure::HandshakeFailed {
            detail: error.to_string(),
        };
    };
    match cert {
        CertificateError::NotValidForName => TlsFailure::WrongHostName {
            presented: Vec::new(),
        },
        CertificateError::NotValidForNameContext { presented, .. } => TlsFailure::WrongHostName {
            presented: presented.iter().map(|n| plain_name(n)).collect(),
        },
        CertificateError::Expired => TlsFailure::Expired { not_after: None },
        CertificateError::ExpiredContext { not_after, .. } => TlsFailure::Expired {
            not_after: Some(format_iso_date(
                i64::try_from(not_after.as_secs()).unwrap_or(i64::MAX),
            )),
        },
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            TlsFailure::NotYetValid
        }
        CertificateError::Revoked => TlsFailure::Revoked,
        // Unknown issuers, self-signed leaves, bad signatures and CA certificates used as a
        // leaf all mean the same to a user: this chain cannot be trusted.
        CertificateError::UnknownIssuer
        | CertificateError::BadSignature
        | CertificateError::UnsupportedSignatureAlgorithmContext { .. }
        | CertificateError::Other(_) => TlsFailure::UntrustedCertificate,
        other => TlsFailure::HandshakeFailed {
            detail: format!("invalid certificate: {other}"),
        },
    }
}

/// `other.example` from webpki's `DnsName("other.example")`, `192.0.2.1` from
/// `IpAddress(192.0.2.1)`; anything else as given.
fn plain_name(presented: &str) -> String {
    let unwrapped = presented
        .strip_prefix("DnsName(\"")
        .and_then(|n| n.strip_suffix("\")"))
        .or_else(|| {
            presented
                .strip_prefix("IpAddress(")
                .and_then(|n| n.strip_suffix(')'))
        });
    unwrapped.unwrap_or(presented).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustls_errors_become_causes() {
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert_eq!(classify(&unknown), TlsFailure::UntrustedCertificate);
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure);
        assert!(matches!(
            classify(&alert),
            TlsFailure::HandshakeFailed { .. }
        ));
    }

    #[test]
    fn presented_names_are_shown_plainly() {
        let cert = CertificateError::NotValidForNameContext {
            expected: rustls::pki_types::ServerName::try_from("a.example").unwrap(),
            presented: vec![
                "DnsName(\"b.example\")".into(),
                "IpAddress(192.0.2.1)".into(),
            ],
        };
        let failure = classify(&rustls::Error::InvalidCertificate(cert));
        assert_eq!(
            failure.to_string(),
            "the server's certificate is for a different host name (it names b.example, 192.0.2.1)"
        );
    }

    #[test]
    fn timeouts_and_hangups_are_named() {
        let limit = Duration::from_secs(2);
        let timed_out = TlsError::from_handshake_io("h", io::ErrorKind::WouldBlock.into(), limit);
        assert_eq!(timed_out.failure(), &TlsFailure::TimedOut { limit });
        assert_eq!(
            timed_out.to_string(),
            "TLS with h failed: the TLS handshake did not finish within 2 s"
        );
        let eof = TlsError::from_handshake_io("h", io::ErrorKind::UnexpectedEof.into(), limit);
        assert_eq!(
            eof.to_string(),
            "TLS with h failed: the connection was lost during the TLS handshake: the server closed it"
        );
        let reset = TlsError::from_handshake_io("h", io::ErrorKind::ConnectionReset.into(), limit);
        assert!(matches!(reset.failure(), TlsFailure::ConnectionLost { .. }));
    }
}
