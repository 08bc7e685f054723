//! What a connection is made with: where to, how securely, as whom, and how patiently.

use std::path::PathBuf;
use std::time::Duration;

use wasmail_core::smtp::{
    ClientConfig, ClientName, Credentials, Timeouts, TlsPolicy, TranscriptLine,
};

use crate::trace::Tracer;

/// The longest a TCP connect waits when no connect timeout is given: the RFC 5321 deadlines
/// are minutes long, which is far too patient for a connection that never opens.
const MAX_DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// Extra certificate authorities to trust, on top of the bundled and system roots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtraRoots {
    /// A PEM file with one or more CA certificates.
    File(PathBuf),
    /// PEM text with one or more CA certificates.
    Pem(Vec<u8>),
}

/// Everything [`Session::connect`](crate::Session::connect) and [`probe`](crate::probe) need.
///
/// Built with [`ConnectOptions::new`] (explicit port) or [`ConnectOptions::for_host`] (port from
/// the TLS policy) and the builder methods below; every setting has a safe default.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    pub(crate) host: String,
    pub(crate) port: Option<u16>,
    pub(crate) tls: TlsPolicy,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) allow_auth_without_tls: bool,
    pub(crate) client_name: Option<ClientName>,
    pub(crate) timeouts: Timeouts,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) extra_roots: Vec<ExtraRoots>,
    pub(crate) system_roots: bool,
    pub(crate) pipelining: bool,
    pub(crate) chunking: bool,
    pub(crate) tracer: Option<Tracer>,
}

impl ConnectOptions {
    /// Connect to `host` (a name, an IPv4 address, or an IPv6 address with or without brackets)
    /// on `port`, with STARTTLS required.
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        Self {
            port: Some(port),
            ..Self::for_host(host)
        }
    }

    /// Connect to `host` on the port the TLS policy implies (see [`default_port`]).
    pub fn for_host(host: impl Into<String>) -> Self {
        Self {
            host: host.into(),
            port: None,
            tls: TlsPolicy::default(),
            credentials: None,
            allow_auth_without_tls: false,
            client_name: None,
            timeouts: Timeouts::default(),
            connect_timeout: None,
            extra_roots: Vec::new(),
            system_roots: true,
            pipelining: true,
            chunking: true,
            tracer: None,
        }
    }

    /// Sets the port, overriding the policy's default.
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    /// Sets the TLS policy (default: STARTTLS required).
    pub fn tls(mut self, policy: TlsPolicy) -> Self {
        self.tls = policy;
        self
    }

    /// Authenticates with these credentials once the session is secured.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Allows credentials over a plaintext session (only meaningful with
    /// [`TlsPolicy::Opportunistic`] or [`TlsPolicy::None`]; default false).
    pub fn allow_auth_without_tls(mut self, allow: bool) -> Self {
        self.allow_auth_without_tls = allow;
        self
    }

    /// The name given in EHLO. Without one, the client says the address literal of its end of
    /// the connection (`[192.0.2.10]`), as RFC 5321 4.1.4 asks of a host without a name, and
    /// as servers that refuse a non-FQDN HELO (Postfix's `reject_non_fqdn_helo_hostname`)
    /// accept.
    pub fn client_name(mut self, name: ClientName) -> Self {
        self.client_name = Some(name);
        self
    }

    /// The per-phase deadlines (default: RFC 5321's). These also bound the TLS handshake and,
    /// unless [`connect_timeout`](Self::connect_timeout) is set, the TCP connect.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// How long connecting may take, resolving the host and every resolved address together
    /// (default: the command deadline, at most 30 s). Addresses are tried IPv6 and IPv4
    /// alternating: natively racing (Happy Eyeballs, a new attempt every 250 ms or when one
    /// fails); under WASI in turn, each with an equal share of the time left (at least 2 s).
    pub fn connect_timeout(mut self, limit: Duration) -> Self {
        self.connect_timeout = Some(limit);
        self
    }

    /// Also trusts the CA certificates in this PEM file (repeatable).
    pub fn ca_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.extra_roots.push(ExtraRoots::File(path.into()));
        self
    }

    /// Also trusts the CA certificates in this PEM text (repeatable).
    pub fn ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(ExtraRoots::Pem(pem.into()));
        self
    }

    /// Whether to trust the operating system's certificate store (default true; ignored on
    /// WASI, which has none). Turn it off to trust only the bundled roots and extra CAs.
    pub fn system_roots(mut self, enabled: bool) -> Self {
        self.system_roots = enabled;
        self
    }

    /// Calls `callback` with every transcript line (AUTH redacted) as the session records it,
    /// from the greeting to QUIT, failures included.
    pub fn trace(mut self, callback: impl Fn(&TranscriptLine) + Send + Sync + 'static) -> Self {
        self.tracer = Some(Tracer::new(callback));
        self
    }

    /// Whether to pipeline commands when the server offers PIPELINING (default true).
    pub fn pipelining(mut self, enabled: bool) -> Self {
        self.pipelining = enabled;
        self
    }

    /// Whether to use BDAT when the server offers CHUNKING (default true).
    pub fn chunking(mut self, enabled: bool) -> Self {
        self.chunking = enabled;
        self
    }

    /// The host as given.
    pub fn host_name(&self) -> &str {
        &self.host
    }

    /// `host:port` as people write it, with an IPv6 address in brackets (`[::1]:587`).
    pub fn server_label(&self) -> String {
        let host = self.bare_host();
        if host.contains(':') {
            format!("[{host}]:{}", self.effective_port())
        } else {
            format!("{host}:{}", self.effective_port())
        }
    }

    /// The port that will be used: the explicit one, or the policy's default.
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or_else(|| default_port(self.tls))
    }

    /// The TLS policy.
    pub fn tls_policy(&self) -> TlsPolicy {
        self.tls
    }

    /// The host without IPv6 brackets, as resolvers and certificates spell it.
    pub(crate) fn bare_host(&self) -> &str {
        let host = self.host.trim();
        host.strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host)
    }

    pub(crate) fn effective_connect_timeout(&self) -> Duration {
        self.connect_timeout
            .unwrap_or_else(|| self.timeouts.command.min(MAX_DEFAULT_CONNECT_TIMEOUT))
    }

    /// The core's configuration for a connection whose local address is `local`.
    pub(crate) fn client_config(&self, local: Option<std::net::IpAddr>) -> ClientConfig {
        let name = match (&self.client_name, local) {
            (Some(name), _) => name.clone(),
            (None, Some(address)) => ClientName::address_literal(address),
            (None, None) => ClientName::default(),
        };
        let mut config = ClientConfig::new(name)
            .with_tls(self.tls)
            .allow_auth_without_tls(self.allow_auth_without_tls)
            .with_timeouts(self.timeouts)
            .use_pipelining(self.pipelining)
            .use_chunking(self.chunking);
        if let Some(credentials) = &self.credentials {
            config = config.with_credentials(credentials.clone());
        }
        config
    }
}

/// The customary port for a policy: 465 for implicit TLS (RFC 8314), 587 (submission)
/// otherwise.
pub fn default_port(policy: TlsPolicy) -> u16 {
    match policy {
        TlsPolicy::Implicit => 465,
        TlsPolicy::StartTlsRequired | TlsPolicy::Opportunistic | TlsPolicy::None => 587,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_follows_policy_unless_given() {
        let implicit = ConnectOptions::for_host("mx.example").tls(TlsPolicy::Implicit);
        assert_eq!(implicit.effective_port(), 465);
        assert_eq!(ConnectOptions::for_host("mx.example").effective_port(), 587);
        assert_eq!(implicit.port(2465).effective_port(), 2465);
    }

    #[test]
    fn brackets_are_stripped_for_ipv6() {
        assert_eq!(ConnectOptions::new("[::1]", 25).bare_host(), "::1");
        assert_eq!(
            ConnectOptions::new("mx.example", 25).bare_host(),
            "mx.example"
        );
        assert_eq!(ConnectOptions::new("[::1]", 25).server_label(), "[::1]:25");
        assert_eq!(ConnectOptions::new("::1", 25).server_label(), "[::1]:25");
        assert_eq!(
            ConnectOptions::new("mx.example", 25).server_label(),
            "mx.example:25"
        );
    }

    #[test]
    fn connect_timeout_defaults_to_a_capped_command_deadline() {
        let quick =
            ConnectOptions::for_host("h").timeouts(Timeouts::uniform(Duration::from_secs(2)));
        assert_eq!(quick.effective_connect_timeout(), Duration::from_secs(2));
        assert_eq!(
            ConnectOptions::for_host("h").effective_connect_timeout(),
            Duration::from_secs(30)
        );
    }
}
