//! The command line: a subset of `wasmail send`, with the same flag names and meanings.

use std::ffi::OsString;

use lexopt::{Arg, Parser, ValueExt};

use wasmail_frontend::{ContextSpec, Failure, MessageFlags, RunResult, SecuritySpec, TlsMode};

/// The help text (`--help`).
pub const USAGE: &str = "\
wasi-demo: compose and send one message over SMTP from a WASI runtime (a subset of `wasmail send`)

Usage: wasmtime run -S inherit-network=y -S allow-ip-name-lookup=y --dir HOST_DIR::GUEST_DIR \\
           --env WASMAIL_PASSWORD wasi-demo.wasm --server HOST[:PORT] [FLAGS]

Connection:
  --server HOST[:PORT]     the SMTP server; the port defaults to 587, or 465 with --tls implicit
  --tls MODE               required | implicit | opportunistic | none (default: implicit on
                           port 465, required elsewhere)
  --user USER              log in; the password is the environment variable WASMAIL_PASSWORD
  --allow-auth-without-tls  let the password travel unencrypted (with --tls none or opportunistic)
  --ca-file PEM            also trust these CA certificates (the file must be preopened)
  --timeout SECS           give up when the server has not answered a step in time
  --ehlo NAME              the name to greet the server with (default: this end's address)
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

/// Every flag, as given, straight into the front end's values.
#[derive(Debug, Default)]
pub struct Args {
    pub help: bool,
    pub dry_run: bool,
    pub json: bool,
    pub server: Option<String>,
    pub security: SecuritySpec,
    pub context: ContextSpec,
    pub message: MessageFlags,
}

impl Args {
    /// Parses the arguments after the program name.
    pub fn parse(args: impl IntoIterator<Item = OsString>) -> RunResult<Args> {
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
            let mut value = || -> RunResult<String> {
                let raw = parser.value().map_err(usage)?;
                raw.string().map_err(usage)
            };
            match flag.as_str() {
                "help" => args.help = true,
                "json" => args.json = true,
                "trace" => args.security.trace = true,
                "dry-run" => args.dry_run = true,
                "server" => args.server = Some(value()?),
                "tls" => args.security.tls = Some(parse_tls(&value()?)?),
                "user" => args.security.user = Some(value()?),
                "allow-auth-without-tls" => args.security.allow_auth_without_tls = true,
                "ca-file" => args.security.ca_file = Some(value()?.into()),
                "timeout" => args.security.timeout = Some(parse_timeout(&value()?)?),
                "ehlo" => args.security.ehlo = Some(value()?),
                "from" => args.message.headers.from = Some(value()?),
                "to" => args.message.headers.to.push(value()?),
                "cc" => args.message.headers.cc.push(value()?),
                "bcc" => args.message.headers.bcc.push(value()?),
                "subject" => args.message.headers.subject = Some(value()?),
                "text" => args.message.text = Some(value()?),
                "text-file" => args.message.text_file = Some(value()?.into()),
                "html-file" => args.message.html_file = Some(value()?.into()),
                "attach" => args.message.attach.push(value()?),
                "date" => args.context.date = Some(value()?),
                "utc-offset" => args.context.utc_offset = Some(value()?),
                "seed" => args.context.seed = Some(value()?),
                "message-id-domain" => args.context.message_id_domain = Some(value()?),
                other => {
                    return Err(Failure::usage(format!(
                        "--{other} is not supported here (this WASI command implements a subset \
                         of `wasmail send`; see --help)"
                    )));
                }
            }
        }
        if args.message.text.is_some() && args.message.text_file.is_some() {
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

fn parse_tls(value: &str) -> RunResult<TlsMode> {
    TlsMode::parse(value).ok_or_else(|| {
        Failure::usage(format!(
            "--tls {value:?}: use required, implicit, opportunistic or none"
        ))
    })
}

fn parse_timeout(value: &str) -> RunResult<u64> {
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

    fn parse(line: &[&str]) -> RunResult<Args> {
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
            "--allow-auth-without-tls",
        ])
        .unwrap();
        assert_eq!(args.server.as_deref(), Some("127.0.0.1:2525"));
        assert_eq!(args.security.tls, Some(TlsMode::Implicit));
        assert_eq!(args.message.headers.to, ["a@x.test", "b@x.test"]);
        assert_eq!(args.context.utc_offset.as_deref(), Some("-05:30"));
        assert_eq!(args.security.timeout, Some(2));
        assert!(args.security.allow_auth_without_tls);
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
