//! From the connection flags to the driver's options, and from the driver's errors to exit
//! statuses.

use std::io::Write;
use std::time::Duration;

use wasmail_net::{ConnectOptions, Credentials, NetError, Timeouts, TlsFailure, TlsPolicy};

use crate::args::{Args, TlsMode};
use crate::files;
use crate::status::{Failure, Result, Status};

/// The environment variable holding the password; the host passes it in
/// (`wasmtime run --env WASMAIL_PASSWORD`), never a flag, which would show in `ps`.
pub const PASSWORD_VARIABLE: &str = "WASMAIL_PASSWORD";

/// The options for `--server` and the security flags.
pub fn connect_options(args: &Args) -> Result<ConnectOptions> {
    let (host, port) = split_host_port(args.server.as_deref().unwrap_or_default())?;
    let (policy, default_port) = match args.tls {
        TlsMode::Required => (TlsPolicy::StartTlsRequired, 587),
        TlsMode::Implicit => (TlsPolicy::Implicit, 465),
        TlsMode::Opportunistic => (TlsPolicy::Opportunistic, 587),
        TlsMode::None => (TlsPolicy::None, 587),
    };
    let mut options = ConnectOptions::new(host, port.unwrap_or(default_port)).tls(policy);
    if let Some(path) = &args.ca_file {
        files::check_readable("--ca-file", path)?;
        options = options.ca_file(path);
    }
    if let Some(seconds) = args.timeout {
        let limit = Duration::from_secs(seconds);
        options = options
            .timeouts(Timeouts::uniform(limit))
            .connect_timeout(limit);
    }
    if args.trace {
        // Live, so a session that fails still shows how far it got.
        options = options.trace(|line| {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        });
    }
    if let Some(user) = &args.user {
        let password = std::env::var(PASSWORD_VARIABLE).map_err(|_| {
            Failure::usage(format!(
                "--user {user:?} needs a password in {PASSWORD_VARIABLE} (under wasmtime, pass it \
                 with --env {PASSWORD_VARIABLE})"
            ))
        })?;
        options = options.credentials(Credentials::password(user.clone(), password));
    }
    Ok(options)
}

/// `host`, `host:port` or `[v6]:port`.
fn split_host_port(server: &str) -> Result<(String, Option<u16>)> {
    let server = server.trim();
    let parse_port = |port: &str| match port.parse::<u16>() {
        Ok(0) | Err(_) => Err(Failure::usage(format!(
            "{server:?}: {port:?} is not a port number (1 to 65535)"
        ))),
        Ok(port) => Ok(Some(port)),
    };
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or_else(|| {
            Failure::usage(format!("{server:?}: an IPv6 address needs its closing ']'"))
        })?;
        let port = match after.strip_prefix(':') {
            Some(port) => parse_port(port)?,
            None if after.is_empty() => None,
            None => return Err(Failure::usage(format!("{server:?}: unexpected {after:?}"))),
        };
        (format!("[{inside}]"), port)
    } else {
        match server.split_once(':') {
            Some((host, port)) if !port.contains(':') => (host.to_owned(), parse_port(port)?),
            _ => (server.to_owned(), None), // a bare name, or a bare IPv6 address
        }
    };
    if host.is_empty() || host == "[]" {
        return Err(Failure::usage(
            "the server's host name is empty: give host[:port]",
        ));
    }
    Ok((host, port))
}

/// The status and message for a session that never got to send.
pub fn net_failure(error: &NetError) -> Failure {
    let status = match error {
        NetError::InvalidHost { .. } | NetError::ExtraCa { .. } => Status::Usage,
        _ if error.is_transient() => Status::Transient,
        _ => Status::Permanent,
    };
    let mut message = error.to_string();
    if let NetError::Tls(tls) = error
        && matches!(tls.failure(), TlsFailure::UntrustedCertificate)
    {
        message.push_str("; for a private or test CA, pass its certificate with --ca-file");
    }
    Failure::new(status, message)
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
