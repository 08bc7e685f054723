//! The command line: a subset of `wasmail send`, with the same flag names and meanings.

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::{Arg, Parser, ValueExt};

use crate::status::{Failure, Result};

/// The help text (`--help`).
pub const USAGE: &str = "\
wasi-demo: compose and send one message over SMTP from a WASI runtime (a subset of `wasmail send`)

Usage: wasmtime run -S inherit-network=y -S allow-ip-name-lookup=y --dir HOST_DIR::GUEST_DIR \\
           --env WASMAIL_PASSWORD wasi-demo.wasm --server HOST[:PORT] [FLAGS]

Connection:
  --server HOST[:PORT]     the SMTP server; the port defaults to 587, or 465 with --tls implicit
  --tls MODE               required (default) | implicit | opportunistic | none
  --user USER              log in; the password is the environment variable WASMAIL_PASSWORD
  --ca-file PEM            also trust these CA certificates (the file must be preopened)
  --timeout SECS           give up when the server has not answered a step in time
  --trace                  print the session transcript on standard error (AUTH redacted)
  --json                   print the result as JSON on standard output
  --dry-run                print the message that would be sent (as `wasmail compose`); send nothing
Message:
  --from MAILBOX           the author, e.g. 'Jane <jane@example.com>'
  --to/--cc/--bcc MAILBOX  recipients (repeatable; comma-separated lists allowed)
  --subject TEXT           the subject
  --text TEXT | --text-file PATH   the plain-text body
  --html-file PATH         the HTML body (sent as the alternative to the text)
  --attach PATH[;type=TYPE]        attach a file (repeatable; the directory must be preopened)
Reproducible output:
  --date RFC3339|UNIX  --utc-offset +HH:MM  --seed HEX64  --message-id-domain DOMAIN

Exit status: 0 all accepted, 1 usage or input error, 2 partly accepted, 3 transient failure,
4 permanent failure, 5 unknown outcome.
";

/// How the connection is encrypted (`--tls`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TlsMode {
    /// STARTTLS or fail.
    #[default]
    Required,
    /// TLS from the first byte.
    Implicit,
    /// STARTTLS when offered.
    Opportunistic,
    /// Plaintext.
    None,
}

/// Every flag, as given.
#[derive(Debug, Default)]
pub struct Args {
    pub help: bool,
    pub dry_run: bool,
    pub json: bool,
    pub trace: bool,
    pub server: Option<String>,
    pub tls: TlsMode,
    pub user: Option<String>,
    pub ca_file: Option<PathBuf>,
    pub timeout: Option<u64>,
    pub from: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
    pub text_file: Option<PathBuf>,
    pub html_file: Option<PathBuf>,
    pub attach: Vec<String>,
    pub date: Option<String>,
    pub utc_offset: Option<String>,
    pub seed: Option<String>,
    pub message_id_domain: Option<String>,
}

impl Args {
    /// Parses the arguments after the program name.
    pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args> {
        let mut parser = Parser::from_args(args);
        let mut args = Args::default();
        while let Some(arg) = parser.next().map_err(usage)? {
            let Arg::Long(flag) = arg else {
                let shown = match arg {
                    Arg::Short('h') => {
                        args.help = true;
                        continue;
                    }
                    other => other.unexpected(),
                };
                return Err(usage(shown));
            };
            let flag = flag.to_owned();
            // `value()` takes the next argument whatever it looks like: `--utc-offset -05:30`.
            let mut value = || -> Result<String> {
                let raw = parser.value().map_err(usage)?;
                raw.string().map_err(usage)
            };
            match flag.as_str() {
                "help" => args.help = true,
                "json" => args.json = true,
                "trace" => args.trace = true,
                "dry-run" => args.dry_run = true,
                "server" => args.server = Some(value()?),
                "tls" => args.tls = parse_tls(&value()?)?,
                "user" => args.user = Some(value()?),
                "ca-file" => args.ca_file = Some(value()?.into()),
                "timeout" => args.timeout = Some(parse_timeout(&value()?)?),
                "from" => args.from = Some(value()?),
                "to" => args.to.push(value()?),
                "cc" => args.cc.push(value()?),
                "bcc" => args.bcc.push(value()?),
                "subject" => args.subject = Some(value()?),
                "text" => args.text = Some(value()?),
                "text-file" => args.text_file = Some(value()?.into()),
                "html-file" => args.html_file = Some(value()?.into()),
                "attach" => args.attach.push(value()?),
                "date" => args.date = Some(value()?),
                "utc-offset" => args.utc_offset = Some(value()?),
                "seed" => args.seed = Some(value()?),
                "message-id-domain" => args.message_id_domain = Some(value()?),
                other => {
                    return Err(Failure::usage(format!(
                        "--{other} is not supported here (this WASI command implements a subset \
                         of `wasmail send`; see --help)"
                    )));
                }
            }
        }
        if args.text.is_some() && args.text_file.is_some() {
            return Err(Failure::usage("--text and --text-file cannot go together"));
        }
        if args.server.is_none() && !args.help && !args.dry_run {
            return Err(Failure::usage(
                "--server HOST[:PORT] is required (see --help)",
            ));
        }
        Ok(args)
    }
}

fn parse_tls(value: &str) -> Result<TlsMode> {
    match value {
        "required" => Ok(TlsMode::Required),
        "implicit" => Ok(TlsMode::Implicit),
        "opportunistic" => Ok(TlsMode::Opportunistic),
        "none" => Ok(TlsMode::None),
        _ => Err(Failure::usage(format!(
            "--tls {value:?}: use required, implicit, opportunistic or none"
        ))),
    }
}

fn parse_timeout(value: &str) -> Result<u64> {
    match value.parse::<u64>() {
        Ok(0) => Err(Failure::usage("--timeout must be at least 1 second")),
        Ok(seconds) => Ok(seconds),
        Err(_) => Err(Failure::usage(format!(
            "--timeout {value:?} is not a number of seconds"
        ))),
    }
}

fn usage(error: impl std::fmt::Display) -> Failure {
    Failure::usage(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &[&str]) -> Result<Args> {
        Args::parse(line.iter().map(OsString::from))
    }

    #[test]
    fn flags_as_wasmail_send_spells_them() {
        let args = parse(&[
            "--server=127.0.0.1:2525",
            "--tls",
            "implicit",
            "--to",
            "a@x.test",
            "--to",
            "b@x.test",
            "--utc-offset",
            "-05:30",
            "--timeout",
            "2",
        ])
        .unwrap();
        assert_eq!(args.server.as_deref(), Some("127.0.0.1:2525"));
        assert_eq!(args.tls, TlsMode::Implicit);
        assert_eq!(args.to, ["a@x.test", "b@x.test"]);
        assert_eq!(args.utc_offset.as_deref(), Some("-05:30"));
        assert_eq!(args.timeout, Some(2));
    }

    #[test]
    fn refusals() {
        assert!(parse(&["--to", "a@x.test"]).is_err(), "no --server");
        assert!(parse(&["--server", "h", "--eml", "x.eml"]).is_err());
        assert!(parse(&["--server", "h", "--text", "a", "--text-file", "b"]).is_err());
        assert!(parse(&["--server", "h", "--timeout", "0"]).is_err());
        assert!(parse(&["--server", "h", "stray"]).is_err());
        assert!(parse(&["-h"]).unwrap().help);
        assert!(parse(&["--dry-run"]).unwrap().dry_run, "no server needed");
    }
}
