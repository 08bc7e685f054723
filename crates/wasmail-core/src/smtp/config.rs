//! How the client behaves: TLS policy, credentials, deadlines and caps.

use std::fmt;
use std::time::Duration;

use super::auth::Credentials;
use super::reply::ReplyLimits;

/// When and how the session is encrypted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TlsPolicy {
    /// Upgrade with STARTTLS before anything else, or fail. The default.
    #[default]
    StartTlsRequired,
    /// The driver wraps the connection in TLS before the greeting (port 465, RFC 8314).
    Implicit,
    /// Use STARTTLS when offered, continue in plaintext otherwise. Explicit opt-in: an attacker
    /// on the path can strip the offer.
    Opportunistic,
    /// Never encrypt. Explicit opt-in, for loopback test servers.
    None,
}

impl TlsPolicy {
    /// Whether this policy may leave the session unencrypted.
    pub fn allows_plaintext(self) -> bool {
        matches!(self, Self::Opportunistic | Self::None)
    }
}

/// Deadlines for each phase: how long the client waits for the server, from the moment it
/// starts waiting, before the session fails. A deadline, not an idle timer: bytes that trickle
/// in without completing a reply do not extend it. Defaults follow RFC 5321 section 4.5.3.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// The 220 greeting.
    pub greeting: Duration,
    /// EHLO, STARTTLS, AUTH, RSET, QUIT and other session commands.
    pub command: Duration,
    /// The TLS handshake the driver performs after STARTTLS.
    pub tls_handshake: Duration,
    /// MAIL FROM.
    pub mail: Duration,
    /// Each RCPT TO.
    pub rcpt: Duration,
    /// The 354 to DATA.
    pub data_start: Duration,
    /// Each block of message data handed to the driver, and each BDAT reply.
    pub data_block: Duration,
    /// The final reply after the end of the data.
    pub data_end: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        let min = |m: u64| Duration::from_secs(60 * m);
        Self {
            greeting: min(5),
            command: min(5),
            tls_handshake: min(2),
            mail: min(5),
            rcpt: min(5),
            data_start: min(2),
            data_block: min(3),
            data_end: min(10),
        }
    }
}

impl Timeouts {
    /// Every deadline set to the same duration (a `--timeout` flag).
    pub fn uniform(limit: Duration) -> Self {
        Self {
            greeting: limit,
            command: limit,
            tls_handshake: limit,
            mail: limit,
            rcpt: limit,
            data_start: limit,
            data_block: limit,
            data_end: limit,
        }
    }
}

/// The name the client gives in EHLO/HELO: a domain name or an address literal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClientName(String);

/// A client name that is neither a domain nor an address literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidClientName(String);

impl fmt::Display for InvalidClientName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a domain name or address literal usable in EHLO",
            self.0
        )
    }
}

impl std::error::Error for InvalidClientName {}

impl ClientName {
    /// Validates an ASCII domain (letters, digits, hyphens, dots; labels of 1 to 63; not all
    /// digits at the end, which would be a bare IP address) or an address literal in brackets
    /// such as `[127.0.0.1]`.
    pub fn new(name: &str) -> Result<Self, InvalidClientName> {
        let bad = || InvalidClientName(name.chars().take(80).collect());
        let valid = if let Some(inner) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
            inner.parse::<std::net::Ipv4Addr>().is_ok()
                || inner
                    .strip_prefix("IPv6:")
                    .is_some_and(|v6| v6.parse::<std::net::Ipv6Addr>().is_ok())
        } else {
            // A bare IP address is not a name (no top-level domain is all digits): it goes in
            // brackets, as an address literal.
            let numeric_top = name
                .rsplit('.')
                .next()
                .is_some_and(|top| top.bytes().all(|b| b.is_ascii_digit()));
            name.len() <= 253
                && !numeric_top
                && name.split('.').all(|label| {
                    (1..=63).contains(&label.len())
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                })
        };
        if valid {
            Ok(Self(name.to_owned()))
        } else {
            Err(bad())
        }
    }

    /// The address literal of an IP address (`[192.0.2.1]`, `[IPv6:2001:db8::1]`): what a
    /// client without a host name of its own says (RFC 5321 4.1.4), such as the local address
    /// of its connection.
    pub fn address_literal(address: std::net::IpAddr) -> Self {
        match address {
            std::net::IpAddr::V4(v4) => Self(format!("[{v4}]")),
            std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self(format!("[{v4}]")),
                None => Self(format!("[IPv6:{v6}]")),
            },
        }
    }

    /// The name as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for ClientName {
    fn default() -> Self {
        Self("localhost".to_owned())
    }
}

/// Everything that shapes a session. Build with [`ClientConfig::new`] and the `with_*` methods.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub(crate) client_name: ClientName,
    pub(crate) tls: TlsPolicy,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) auth_without_tls: bool,
    pub(crate) timeouts: Timeouts,
    pub(crate) reply_limits: ReplyLimits,
    pub(crate) pipelining: bool,
    pub(crate) chunking: bool,
    pub(crate) record_transcript: bool,
}

impl ClientConfig {
    /// The defaults: STARTTLS required, no credentials, RFC 5321 deadlines, pipelining and
    /// chunking used when offered, transcript recorded.
    pub fn new(client_name: ClientName) -> Self {
        Self {
            client_name,
            tls: TlsPolicy::default(),
            credentials: None,
            auth_without_tls: false,
            timeouts: Timeouts::default(),
            reply_limits: ReplyLimits::default(),
            pipelining: true,
            chunking: true,
            record_transcript: true,
        }
    }

    /// Sets the TLS policy.
    pub fn with_tls(mut self, tls: TlsPolicy) -> Self {
        self.tls = tls;
        self
    }

    /// Authenticates with these credentials after the session is secured.
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Allows sending credentials over an unencrypted session. A second, separate opt-in on top
    /// of a plaintext [`TlsPolicy`]; without it such a session fails before AUTH.
    pub fn allow_auth_without_tls(mut self, allow: bool) -> Self {
        self.auth_without_tls = allow;
        self
    }

    /// Sets the per-phase deadlines.
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sets the caps on reply size.
    pub fn with_reply_limits(mut self, limits: ReplyLimits) -> Self {
        self.reply_limits = limits;
        self
    }

    /// Whether to use PIPELINING when offered (default true).
    pub fn use_pipelining(mut self, enabled: bool) -> Self {
        self.pipelining = enabled;
        self
    }

    /// Whether to use BDAT when CHUNKING is offered (default true).
    pub fn use_chunking(mut self, enabled: bool) -> Self {
        self.chunking = enabled;
        self
    }

    /// Whether to record the transcript (default true).
    pub fn record_transcript(mut self, enabled: bool) -> Self {
        self.record_transcript = enabled;
        self
    }

    /// The TLS policy.
    pub fn tls(&self) -> TlsPolicy {
        self.tls
    }

    /// The deadlines.
    pub fn timeouts(&self) -> &Timeouts {
        &self.timeouts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_literals_are_valid_client_names() {
        for (address, literal) in [
            ("192.0.2.1", "[192.0.2.1]"),
            ("2001:db8::1", "[IPv6:2001:db8::1]"),
            ("::ffff:192.0.2.7", "[192.0.2.7]"),
        ] {
            let name = ClientName::address_literal(address.parse().unwrap());
            assert_eq!(name.as_str(), literal);
            assert_eq!(ClientName::new(literal), Ok(name));
        }
        assert!(
            ClientName::new("192.0.2.1").is_err(),
            "an address goes in brackets"
        );
        assert!(ClientName::new("mail.example.com").is_ok());
        assert!(ClientName::new("mx1.example").is_ok());
    }
}
