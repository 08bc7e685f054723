//! From `--server`/`--tls`/`--user`/... to the driver's connection options, and from the
//! driver's errors to exit statuses and messages.

use std::time::Duration;

use wasmail_core::smtp::{Credentials, Fault, SessionError, Timeouts, TlsPolicy};
use wasmail_net::{ConnectOptions, NetError, TlsFailure};

use crate::cli::{SecurityArgs, TlsMode};
use crate::exit::{CliError, CliResult, ExitStatus};
use crate::send::password::resolve_password;

/// The connection options for `server` (`host`, `host:port`, `[v6]:port`).
pub fn connect_options(server: &str, security: &SecurityArgs) -> CliResult<ConnectOptions> {
    let (host, port) = split_host_port(server)?;
    let policy = match security.tls {
        TlsMode::Required => TlsPolicy::StartTlsRequired,
        TlsMode::Implicit => TlsPolicy::Implicit,
        TlsMode::Opportunistic => TlsPolicy::Opportunistic,
        TlsMode::None => TlsPolicy::None,
    };
    let mut options = ConnectOptions::new(host, port.unwrap_or(security.tls.default_port()))
        .tls(policy)
        .allow_auth_without_tls(security.allow_auth_without_tls);
    if let Some(path) = &security.ca_file {
        if !path.is_file() {
            return Err(CliError::usage(format!(
                "--ca-file: {} is not a file",
                path.display()
            )));
        }
        options = options.ca_file(path);
    }
    if let Some(seconds) = security.timeout {
        if seconds == 0 {
            return Err(CliError::usage("--timeout must be at least 1 second"));
        }
        let limit = Duration::from_secs(seconds);
        options = options
            .timeouts(Timeouts::uniform(limit))
            .connect_timeout(limit);
    }
    if let Some(user) = &security.user {
        if security.tls == TlsMode::None && !security.allow_auth_without_tls {
            return Err(CliError::usage(
                "--user with --tls none would send the password unencrypted: add \
                 --allow-auth-without-tls if that is really intended",
            ));
        }
        let password = resolve_password(user, security.password_file.as_deref())?;
        options = options.credentials(Credentials::password(user.clone(), password));
    }
    if security.trace {
        // Live, so a session that fails still shows how far it got.
        options = options.trace(|line| crate::output::stderr_line(&line.to_string()));
    }
    Ok(options)
}

/// Splits `host[:port]`; IPv6 literals need brackets when a port is given (`[::1]:2525`).
pub fn split_host_port(server: &str) -> CliResult<(String, Option<u16>)> {
    let server = server.trim();
    let bad_port = |port: &str| {
        CliError::usage(format!(
            "{server:?}: {port:?} is not a port number (1 to 65535)"
        ))
    };
    let parse_port = |port: &str| match port.parse::<u16>() {
        Ok(0) | Err(_) => Err(bad_port(port)),
        Ok(port) => Ok(port),
    };
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or_else(|| {
            CliError::usage(format!("{server:?}: an IPv6 address needs its closing ']'"))
        })?;
        match after.strip_prefix(':') {
            Some(port) => (format!("[{inside}]"), Some(parse_port(port)?)),
            None if after.is_empty() => (format!("[{inside}]"), None),
            None => return Err(CliError::usage(format!("{server:?}: unexpected {after:?}"))),
        }
    } else if server.matches(':').count() == 1 {
        let (host, port) = server.split_once(':').unwrap_or((server, ""));
        (host.to_owned(), Some(parse_port(port)?))
    } else {
        (server.to_owned(), None) // a bare name, or a bare IPv6 address without port
    };
    if host.is_empty() || host == "[]" {
        return Err(CliError::usage(
            "the server's host name is empty: give host[:port]",
        ));
    }
    Ok((host, port))
}

/// The exit status and message for a connection or session failure.
pub fn net_failure(error: &NetError) -> CliError {
    let status = match error {
        NetError::InvalidHost { .. } | NetError::ExtraCa { .. } => ExitStatus::Usage,
        _ if error.is_transient() => ExitStatus::Transient,
        _ => ExitStatus::Permanent,
    };
    let mut message = error.to_string();
    if let Some(hint) = hint(error) {
        message.push_str("; ");
        message.push_str(hint);
    }
    CliError::with_status(status, message)
}

/// What to try next, where the error alone does not say it.
fn hint(error: &NetError) -> Option<&'static str> {
    let session = match error {
        NetError::Session(session) | NetError::ConnectionLost { session, .. } => session,
        NetError::Tls(tls) if matches!(tls.failure(), TlsFailure::UntrustedCertificate) => {
            return Some("for a private or test CA, pass its certificate with --ca-file");
        }
        _ => return None,
    };
    match session {
        SessionError::StartTlsNotOffered => {
            Some("use --tls implicit (port 465) if the server speaks TLS from the start")
        }
        SessionError::AuthWithoutTls => {
            Some("use --tls required, or --allow-auth-without-tls if this is intended")
        }
        SessionError::AuthFailed { .. } => Some("check --user and the password"),
        _ if session.fault() == Fault::Policy => Some("see --tls"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port() {
        let split = |s: &str| split_host_port(s).unwrap();
        assert_eq!(split("smtp.example.com"), ("smtp.example.com".into(), None));
        assert_eq!(split("127.0.0.1:2525"), ("127.0.0.1".into(), Some(2525)));
        assert_eq!(split("[::1]:25"), ("[::1]".into(), Some(25)));
        assert_eq!(split("::1"), ("::1".into(), None));
        for bad in ["", "host:", "host:0", "host:99999", "[::1", "[::1]x", ":25"] {
            assert!(split_host_port(bad).is_err(), "{bad}");
        }
    }
}
