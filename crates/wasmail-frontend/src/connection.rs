//! From the connection flag values (`--server`, `--tls`, `--user`, `--ca-file`, `--timeout`,
//! `--ehlo`, `--trace`) to the driver's options.

mod server;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use wasmail_core::smtp::{ClientName, Credentials, Timeouts, TlsPolicy};
use wasmail_net::ConnectOptions;

pub use server::split_host_port;

use crate::failure::{Failure, RunResult};
use crate::input::check_readable;

/// The environment variable holding the password. Never a flag: those show in `ps` and in
/// shell history.
pub const PASSWORD_VARIABLE: &str = "WASMAIL_PASSWORD";

/// How the connection is encrypted (`--tls`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TlsMode {
    /// STARTTLS before anything else, or fail (default port 587).
    #[default]
    Required,
    /// TLS from the first byte (default port 465).
    Implicit,
    /// STARTTLS when offered, plaintext otherwise (default port 587).
    Opportunistic,
    /// Never encrypt (default port 587).
    None,
}

impl TlsMode {
    /// The value `--tls` takes for it.
    pub fn name(self) -> &'static str {
        match self {
            TlsMode::Required => "required",
            TlsMode::Implicit => "implicit",
            TlsMode::Opportunistic => "opportunistic",
            TlsMode::None => "none",
        }
    }

    /// The mode a `--tls` value names.
    pub fn parse(value: &str) -> Option<TlsMode> {
        [
            TlsMode::Required,
            TlsMode::Implicit,
            TlsMode::Opportunistic,
            TlsMode::None,
        ]
        .into_iter()
        .find(|mode| mode.name() == value)
    }

    /// The port used when the server names none.
    pub fn default_port(self) -> u16 {
        wasmail_net::default_port(self.policy())
    }

    /// The driver's policy for it.
    pub fn policy(self) -> TlsPolicy {
        match self {
            TlsMode::Required => TlsPolicy::StartTlsRequired,
            TlsMode::Implicit => TlsPolicy::Implicit,
            TlsMode::Opportunistic => TlsPolicy::Opportunistic,
            TlsMode::None => TlsPolicy::None,
        }
    }
}

/// Login and transport security, as the flags give them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecuritySpec {
    /// `--tls`; `None` when not given: implicit TLS on port 465 (RFC 8314), STARTTLS required
    /// elsewhere.
    pub tls: Option<TlsMode>,
    /// `--user`: log in as this user.
    pub user: Option<String>,
    /// `--allow-auth-without-tls`: the password may travel unencrypted.
    pub allow_auth_without_tls: bool,
    /// `--ca-file`: also trust the CA certificates in this PEM file.
    pub ca_file: Option<PathBuf>,
    /// `--timeout`: seconds to wait for each step.
    pub timeout: Option<u64>,
    /// `--ehlo`: the name to greet the server with (default: the address literal of this end
    /// of the connection).
    pub ehlo: Option<String>,
    /// `--trace`: print the transcript on standard error as it happens.
    pub trace: bool,
}

/// The connection options for `server` (`host`, `host:port`, `[v6]:port`). `password` is
/// asked for the user's password only when `--user` is given; where it comes from is the
/// binary's business.
pub fn connect_options(
    server: &str,
    security: &SecuritySpec,
    password: impl FnOnce(&str) -> RunResult<String>,
) -> RunResult<ConnectOptions> {
    let (host, port) = split_host_port(server)?;
    // `host:465` without --tls is the submissions port, which speaks TLS from the first byte:
    // STARTTLS there would wait minutes for a greeting that never comes.
    let implicit_port = TlsMode::Implicit.default_port();
    let tls = security.tls.unwrap_or(match port {
        Some(port) if port == implicit_port => TlsMode::Implicit,
        _ => TlsMode::Required,
    });
    let mut options = ConnectOptions::new(host, port.unwrap_or(tls.default_port()))
        .tls(tls.policy())
        .allow_auth_without_tls(security.allow_auth_without_tls);
    if let Some(path) = &security.ca_file {
        check_readable("--ca-file", path)?;
        options = options.ca_file(path);
    }
    if let Some(name) = &security.ehlo {
        let name =
            ClientName::new(name).map_err(|error| Failure::usage(format!("--ehlo: {error}")))?;
        options = options.client_name(name);
    }
    if let Some(seconds) = security.timeout {
        if seconds == 0 {
            return Err(Failure::usage("--timeout must be at least 1 second"));
        }
        let limit = Duration::from_secs(seconds);
        options = options
            .timeouts(Timeouts::uniform(limit))
            .connect_timeout(limit);
    }
    if let Some(user) = &security.user {
        // Refused before any prompt: the password would travel in the clear.
        if tls == TlsMode::None && !security.allow_auth_without_tls {
            return Err(Failure::usage(
                "--user with --tls none would send the password unencrypted: add \
                 --allow-auth-without-tls if that is really intended",
            ));
        }
        let password = password(user)?;
        options = options.credentials(Credentials::password(user.clone(), password));
    }
    if security.trace {
        // Live, so a session that fails still shows how far it got.
        options = options.trace(|line| {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        });
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_without_tls_is_refused_before_the_password_is_asked_for() {
        let security = SecuritySpec {
            tls: Some(TlsMode::None),
            user: Some("jane".into()),
            ..SecuritySpec::default()
        };
        let refused = connect_options("mx.example", &security, |_| {
            panic!("no password is asked for")
        });
        assert!(refused.is_err());
        let allowed = SecuritySpec {
            allow_auth_without_tls: true,
            ..security
        };
        assert!(connect_options("mx.example", &allowed, |_| Ok("pw".into())).is_ok());
    }

    #[test]
    fn modes_and_ports() {
        for name in ["required", "implicit", "opportunistic", "none"] {
            assert_eq!(TlsMode::parse(name).map(TlsMode::name), Some(name));
        }
        assert_eq!(TlsMode::parse("starttls"), None);
        let options = |tls| {
            let security = SecuritySpec {
                tls: Some(tls),
                ..SecuritySpec::default()
            };
            connect_options("mail.test", &security, |_| unreachable!()).unwrap()
        };
        assert_eq!(options(TlsMode::Implicit).effective_port(), 465);
        assert_eq!(options(TlsMode::Required).effective_port(), 587);
        assert_eq!(options(TlsMode::None).tls_policy(), TlsPolicy::None);
        // Without --tls, the port decides: 465 is implicit TLS, anything else STARTTLS.
        let by_port =
            |server| connect_options(server, &SecuritySpec::default(), |_| unreachable!()).unwrap();
        assert_eq!(by_port("mail.test:465").tls_policy(), TlsPolicy::Implicit);
        assert_eq!(
            by_port("mail.test:587").tls_policy(),
            TlsPolicy::StartTlsRequired
        );
        assert_eq!(
            by_port("mail.test").tls_policy(),
            TlsPolicy::StartTlsRequired
        );
        assert_eq!(by_port("mail.test").effective_port(), 587);
    }

    #[test]
    fn refusals_and_the_password_source() {
        let zero = SecuritySpec {
            timeout: Some(0),
            ..SecuritySpec::default()
        };
        assert!(connect_options("mail.test", &zero, |_| unreachable!()).is_err());
        let login = SecuritySpec {
            user: Some("jane".into()),
            ..SecuritySpec::default()
        };
        let asked = connect_options("mail.test", &login, |user| {
            Err(Failure::usage(format!("no password for {user}")))
        });
        assert_eq!(asked.unwrap_err().message(), "no password for jane");
        assert!(connect_options("mail.test", &login, |_| Ok("secret".into())).is_ok());
    }

    #[test]
    fn the_ehlo_name_must_be_a_domain_or_an_address_literal() {
        let ehlo = |name: &str| SecuritySpec {
            ehlo: Some(name.into()),
            ..SecuritySpec::default()
        };
        for good in ["mail.example.com", "[192.0.2.1]", "[IPv6:2001:db8::1]"] {
            assert!(connect_options("mail.test", &ehlo(good), |_| unreachable!()).is_ok());
        }
        for bad in [
            "my host",
            "192.0.2.1",
            "-x.example",
            "mail.example.com\r\nRSET",
        ] {
            let refused = connect_options("mail.test", &ehlo(bad), |_| unreachable!());
            assert!(
                refused.unwrap_err().message().starts_with("--ehlo: "),
                "{bad}"
            );
        }
    }
}
