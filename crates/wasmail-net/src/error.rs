//! Why a connection or session failed, who is to blame, and what to do about it.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::net::SocketAddr;

use wasmail_core::smtp::{Fault, SessionError, UsageError};

use crate::tls::TlsError;

/// One failed attempt to open a TCP connection to a resolved address.
#[derive(Debug)]
pub struct ConnectAttempt {
    /// The address tried.
    pub address: SocketAddr,
    /// Why it failed (`TimedOut` when the connect timeout passed).
    pub error: io::Error,
}

/// Everything that can go wrong between the caller and the server. `Display` says what
/// happened in plain words; [`fault`](Self::fault) says who is to blame; `source()` leads to
/// the underlying I/O, rustls or session error.
#[derive(Debug)]
#[non_exhaustive]
pub enum NetError {
    /// The host is neither a valid DNS name nor an IP address, so no certificate can match it.
    InvalidHost {
        /// The host as given.
        host: String,
    },
    /// An extra CA file or PEM text could not be used.
    ExtraCa {
        /// Which one (`the CA file x.pem`, `the CA PEM data`).
        origin: String,
        /// What is wrong with it.
        reason: String,
        /// The I/O error reading the file, if that was the problem.
        source: Option<io::Error>,
    },
    /// The host name did not resolve to any address.
    Resolve {
        /// The host as given.
        host: String,
        /// The resolver's error.
        source: io::Error,
    },
    /// No resolved address accepted a TCP connection.
    Connect {
        /// The host as given.
        host: String,
        /// The port.
        port: u16,
        /// Each address tried, with its error, in order.
        attempts: Vec<ConnectAttempt>,
    },
    /// The TLS handshake failed; the cause says why (untrusted certificate, wrong host name,
    /// expired, timeout, other handshake failure).
    Tls(TlsError),
    /// The SMTP session failed (refused, timed out, policy not met, authentication failed...).
    Session(SessionError),
    /// The connection broke under the session: the session error says when, the I/O error how.
    ConnectionLost {
        /// What the session was doing.
        session: SessionError,
        /// What the socket reported.
        source: io::Error,
    },
    /// The call does not fit the session's state (it is closed, or a message has no recipient).
    Usage(UsageError),
    /// The platform refused a socket operation this crate relies on (such as a read timeout).
    Socket {
        /// What was being done.
        action: &'static str,
        /// The platform's error.
        source: io::Error,
    },
    /// A bug in this crate or the SMTP core (for instance a session that stopped making
    /// progress). Please report it.
    Internal {
        /// What went wrong.
        detail: String,
    },
}

impl NetError {
    /// Who is to blame: [`Fault::Peer`] for the server and the network path to it,
    /// [`Fault::Caller`] for the program, its options or its environment, [`Fault::Policy`]
    /// when the configured security policy stopped the session.
    pub fn fault(&self) -> Fault {
        match self {
            Self::Session(error) | Self::ConnectionLost { session: error, .. } => error.fault(),
            // A name that does not exist is most likely mistyped; a silent name server is
            // the network's trouble.
            Self::Resolve { .. } if !self.is_transient() => Fault::Caller,
            // The connection was not allowed (a sandbox without network): the setup's doing.
            Self::Connect { .. } if !self.is_transient() => Fault::Caller,
            // Implicit TLS against a port that speaks plaintext is a configuration mistake;
            // plaintext after an accepted STARTTLS is the server's (or an attacker's) doing.
            Self::Tls(tls)
                if matches!(tls.failure(), crate::tls::TlsFailure::NotTls)
                    && tls.mode() == Some(crate::TlsMode::Implicit) =>
            {
                Fault::Caller
            }
            Self::Resolve { .. } | Self::Connect { .. } | Self::Tls(_) => Fault::Peer,
            Self::InvalidHost { .. }
            | Self::ExtraCa { .. }
            | Self::Usage(_)
            | Self::Socket { .. }
            | Self::Internal { .. } => Fault::Caller,
        }
    }

    /// Whether trying again later may succeed (network trouble, timeouts, 4xx refusals).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Session(error) => error.is_transient(),
            // Denied by the host's policy everywhere (a sandbox without network): no retry
            // helps. One family refused by a firewall while another timed out may pass later.
            Self::Connect { attempts, .. } => !attempts
                .iter()
                .all(|attempt| attempt.error.kind() == io::ErrorKind::PermissionDenied),
            Self::ConnectionLost { .. } => true,
            // A name server that did not answer, as opposed to a name that does not exist.
            Self::Resolve { source, .. } => is_temporary_lookup_failure(source),
            // RFC 5321 3.8: a connection lost outside the client's control is like a 451.
            Self::Tls(tls) => matches!(
                tls.failure(),
                crate::tls::TlsFailure::TimedOut { .. }
                    | crate::tls::TlsFailure::ConnectionLost { .. }
            ),
            _ => false,
        }
    }
}

/// A lookup that may succeed later: our own timeout, or the resolver's "try again"
/// (getaddrinfo's EAI_AGAIN, Windows' WSATRY_AGAIN). std reports EAI_AGAIN only as
/// gai_strerror's text, which differs between C libraries.
fn is_temporary_lookup_failure(error: &std::io::Error) -> bool {
    const WSATRY_AGAIN: i32 = 11002;
    if error.kind() == std::io::ErrorKind::TimedOut || error.raw_os_error() == Some(WSATRY_AGAIN) {
        return true;
    }
    let text = error.to_string();
    // glibc, then musl and the BSDs.
    [
        "Temporary failure in name resolution",
        "Try again",
        "try again",
    ]
    .iter()
    .any(|wording| text.contains(wording))
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidHost { host } => {
                write!(f, "{host:?} is not a valid host name or IP address")
            }
            Self::ExtraCa {
                origin,
                reason,
                source: Some(source),
            } => {
                write!(f, "{origin} {reason}: {source}")
            }
            Self::ExtraCa {
                origin,
                reason,
                source: None,
            } => write!(f, "{origin} {reason}"),
            Self::Resolve { host, source } => write!(
                f,
                "could not find the server {host:?} (check the host name and the network): \
                 {source}{}",
                lookup_hint(source)
            ),
            Self::Connect {
                host,
                port,
                attempts,
            } => {
                write!(f, "could not connect to {host} port {port}")?;
                for (i, attempt) in attempts.iter().enumerate() {
                    let sep = if i == 0 { ": " } else { "; " };
                    write!(
                        f,
                        "{sep}{} {}",
                        attempt.address,
                        describe_connect_error(&attempt.error)
                    )?;
                }
                Ok(())
            }
            Self::Tls(error) => write!(f, "{error}"),
            Self::Session(error) => write!(f, "{error}"),
            Self::ConnectionLost { session, source } => write!(f, "{session} ({source})"),
            Self::Usage(error) => write!(f, "{error}"),
            Self::Socket { action, source } => {
                write!(
                    f,
                    "this platform does not support {action} on sockets: {source}"
                )
            }
            Self::Internal { detail } => write!(f, "internal error in wasmail: {detail}"),
        }
    }
}

/// Under WASI the host grants the network; a refusal says how to grant it.
#[cfg(target_os = "wasi")]
const WASI_NETWORK_HINT: &str =
    " (the WASI host must grant the network: wasmtime run -S inherit-network=y)";
#[cfg(not(target_os = "wasi"))]
const WASI_NETWORK_HINT: &str = "";

/// Under WASI a name lookup the host did not allow fails as "Non-recoverable error".
#[cfg(target_os = "wasi")]
fn lookup_hint(source: &io::Error) -> &'static str {
    match source.to_string().contains("Non-recoverable") {
        true => {
            "; the WASI host may not allow name lookups: wasmtime run -S allow-ip-name-lookup=y"
        }
        false => "",
    }
}
#[cfg(not(target_os = "wasi"))]
fn lookup_hint(_source: &io::Error) -> &'static str {
    ""
}

/// A connect error in the words people use for it.
fn describe_connect_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "refused the connection (nothing listens there)".into(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "did not answer in time".into(),
        io::ErrorKind::PermissionDenied => {
            format!("is not reachable: permission denied{}", WASI_NETWORK_HINT)
        }
        _ => format!("failed: {error}"),
    }
}

impl StdError for NetError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::ExtraCa { source, .. } => source.as_ref().map(|e| e as _),
            Self::Resolve { source, .. }
            | Self::ConnectionLost { source, .. }
            | Self::Socket { source, .. } => Some(source),
            Self::Connect { attempts, .. } => attempts.last().map(|a| &a.error as _),
            Self::Tls(error) => Some(error),
            Self::Session(error) => Some(error),
            Self::Usage(error) => Some(error),
            Self::InvalidHost { .. } | Self::Internal { .. } => None,
        }
    }
}

impl From<TlsError> for NetError {
    fn from(error: TlsError) -> Self {
        Self::Tls(error)
    }
}

impl From<SessionError> for NetError {
    fn from(error: SessionError) -> Self {
        Self::Session(error)
    }
}

impl From<UsageError> for NetError {
    fn from(error: UsageError) -> Self {
        Self::Usage(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_failures_list_every_address() {
        let err = NetError::Connect {
            host: "mx.example".into(),
            port: 587,
            attempts: vec![
                ConnectAttempt {
                    address: "192.0.2.1:587".parse().unwrap(),
                    error: io::ErrorKind::ConnectionRefused.into(),
                },
                ConnectAttempt {
                    address: "[2001:db8::1]:587".parse().unwrap(),
                    error: io::ErrorKind::TimedOut.into(),
                },
            ],
        };
        assert_eq!(
            err.to_string(),
            "could not connect to mx.example port 587: 192.0.2.1:587 refused the connection \
             (nothing listens there); [2001:db8::1]:587 did not answer in time"
        );
        assert_eq!(err.fault(), Fault::Peer);
        assert!(err.is_transient());
    }

    #[test]
    fn a_connect_the_host_denies_is_no_retry_matter() {
        let err = NetError::Connect {
            host: "mx.example".into(),
            port: 587,
            attempts: vec![ConnectAttempt {
                address: "192.0.2.1:587".parse().unwrap(),
                error: io::ErrorKind::PermissionDenied.into(),
            }],
        };
        assert!(!err.is_transient());
        assert_eq!(err.fault(), Fault::Caller);
        assert!(err.to_string().contains("permission denied"), "{err}");
        // Denied on one address, silent on another: worth another try.
        let NetError::Connect {
            host,
            port,
            mut attempts,
        } = err
        else {
            unreachable!()
        };
        attempts.push(ConnectAttempt {
            address: "[2001:db8::1]:587".parse().unwrap(),
            error: io::ErrorKind::TimedOut.into(),
        });
        let mixed = NetError::Connect {
            host,
            port,
            attempts,
        };
        assert!(mixed.is_transient());
        assert_eq!(mixed.fault(), Fault::Peer);
    }

    #[test]
    fn a_silent_name_server_is_transient_and_an_unknown_name_is_not() {
        let resolve = |source| NetError::Resolve {
            host: "mx.example".into(),
            source,
        };
        assert!(resolve(io::ErrorKind::TimedOut.into()).is_transient());
        // EAI_AGAIN as glibc, musl and macOS word it.
        for wording in [
            "Temporary failure in name resolution",
            "Try again",
            "temporary failure in name resolution; try again",
        ] {
            let again =
                io::Error::other(format!("failed to lookup address information: {wording}"));
            assert!(resolve(again).is_transient(), "{wording}");
        }
        assert!(resolve(io::Error::from_raw_os_error(11002)).is_transient());
        let unknown =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert!(!resolve(unknown).is_transient());
    }

    #[test]
    fn session_errors_keep_their_fault() {
        let err = NetError::from(SessionError::StartTlsNotOffered);
        assert_eq!(err.fault(), Fault::Policy);
        assert!(err.to_string().contains("no STARTTLS"));
    }
}
