//! `wasmail`: compose, reply to, send and probe mail from the shell.
//!
//! This crate is the `wasmail` binary; its library part exists so tests (and other tools) can
//! reuse the embedded capture server ([`demo::capture_server`]) and run the command line
//! in-process ([`main_with_args`]).
//!
//! # Commands
//!
//! | command | what it does |
//! |---|---|
//! | `wasmail compose` | writes a new message (.eml) to stdout or `-o FILE` |
//! | `wasmail reply PARENT.eml` | writes a reply that quotes and threads (`--all` for reply-all) |
//! | `wasmail forward PARENT.eml` | writes a forward (`--as-attachment` for message/rfc822) |
//! | `wasmail send` | composes and sends, or sends existing files with `--eml` |
//! | `wasmail probe HOST[:PORT]` | shows greeting, extensions, TLS and AUTH; sends nothing |
//! | `wasmail demo` | sends a sample through an embedded loopback server |
//!
//! Message flags (compose, reply, forward, send): `--from`, repeatable `--to`, `--cc`,
//! `--bcc`, `--reply-to`, `--subject`, `--text` or `--text-file`, `--html-file`, repeatable
//! `--attach PATH[;type=TYPE]`, `--inline CID=PATH` and `--header 'Name: value'`. Bcc never
//! appears in the message, only in the envelope.
//!
//! Reproducible output: `--date RFC3339|UNIX`, `--utc-offset +HH:MM`, `--seed HEX32` (64 hex
//! digits) and `--message-id-domain DOMAIN`. When all are given the same flags compose the
//! same bytes; otherwise the clock and the operating system's random source fill the gaps.
//! `send` builds its message through the same code as `compose`, so `send --dry-run` prints
//! exactly what `compose` prints.
//!
//! Connection flags (send, probe): `--server HOST[:PORT]` (send) or the positional target
//! (probe); `--tls required|implicit|opportunistic|none` (default `required`; port 587, or 465
//! for `implicit`); `--user`; `--password-file`; `--allow-auth-without-tls`; `--ca-file PEM`;
//! `--timeout SECS`; `--trace`. The password is never a flag value: it comes from
//! `--password-file`, `WASMAIL_PASSWORD`, `WASMAIL_PASSWORD` in `./.env`, or a prompt on a
//! terminal.
//!
//! `--json` (any command) prints one JSON document on stdout instead of text; a failure,
//! a command line that does not parse included, is `{"error", "status", "exit_code"}`.
//!
//! # Exit status
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success; for `send`, every recipient accepted |
//! | 1 | usage or input error (bad flag, malformed address, header with a line break, missing file); nothing sent |
//! | 2 | partly accepted: some recipients accepted, others refused |
//! | 3 | transient failure (4xx, timeout, connection lost before the data): retry later |
//! | 4 | permanent failure (5xx, certificate not trusted, login refused) |
//! | 5 | unknown outcome: connection lost after the data, before the server's reply; resending may duplicate |
//!
//! # Examples
//!
//! ```sh
//! wasmail demo
//! wasmail compose --from 'Jane <jane@example.com>' --to bob@example.org \
//!     --subject Lunch? --text 'Noon?' -o lunch.eml
//! wasmail reply lunch.eml --from bob@example.org --text 'Yes!' -o reply.eml
//! WASMAIL_PASSWORD=... wasmail send --server smtp.example.com --user jane@example.com \
//!     --from jane@example.com --to bob@example.org --subject Hi --text Hello
//! wasmail send --server smtp.example.com --user jane --eml outbox/*.eml --json
//! wasmail probe smtp.example.com
//! ```

pub mod cli;
pub mod commands;
pub mod connection;
pub mod demo;
pub mod draft;
pub mod local_offset;
pub mod output;
pub mod send;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use wasmail_frontend::{ExitStatus, Failure, RunResult, asks_for_json};

use cli::{Cli, Command};
use output::{stderr_line, stdout_json};

/// Parses the arguments, runs the command and returns the process exit code. Usage errors
/// exit with 1 (not clap's default 2, which here means "partly accepted").
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    local_offset::init_local_offset();
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                return ExitCode::SUCCESS;
            }
            // A script that asked for JSON gets JSON for a mistyped flag too.
            if asks_for_json(args.get(1..).unwrap_or_default()) {
                let _ = stdout_json(&Failure::usage(usage_summary(&error)).to_json());
            }
            return ExitStatus::Usage.into();
        }
    };
    let json = cli.json;
    match run(cli) {
        Ok(status) => status.into(),
        Err(error) => {
            stderr_line(&format!("wasmail: error: {error}"));
            if json {
                let _ = stdout_json(&error.to_json());
            }
            error.status().into()
        }
    }
}

/// Clap's message on one line, without its `error: ` prefix, the usage and the help hint
/// (the paragraphs after the first).
fn usage_summary(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let message: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = message.join(" ");
    message
        .strip_prefix("error: ")
        .unwrap_or(&message)
        .to_owned()
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> RunResult<ExitStatus> {
    let json = cli.json;
    match cli.command {
        Command::Compose(args) => commands::compose::run(&args, json),
        Command::Reply(args) => commands::reply::run(&args, json),
        Command::Forward(args) => commands::forward::run(&args, json),
        Command::Send(args) => commands::send::run(&args, json),
        Command::Probe(args) => commands::probe::run(&args, json),
        Command::Demo(args) => commands::demo::run(&args, json),
        Command::ServeCapture(args) => commands::serve_capture::run(&args, json),
    }
}
