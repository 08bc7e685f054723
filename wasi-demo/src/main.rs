//! wasi-demo: composes one message and sends it over SMTP from a WASI runtime, on the same
//! core (`wasmail-core`) and driver (`wasmail-net`) as the native `wasmail` binary.
//!
//! The flags are a subset of `wasmail send`, with the same names, meanings, output and exit
//! statuses; with a fixed context (`--date`, `--utc-offset`, `--seed`, `--message-id-domain`)
//! the bytes sent equal what `wasmail compose` prints for the same flags.
//!
//! ```sh
//! WASMAIL_PASSWORD=secret wasmtime run -S inherit-network=y -S allow-ip-name-lookup=y \
//!     --dir /tmp::/tmp --env WASMAIL_PASSWORD wasi-demo.wasm --server smtp.example.com:587 \
//!     --user alice --from alice@example.com --to bob@example.org --subject Hi --text Hello \
//!     --attach /tmp/report.pdf
//! ```

mod args;
mod connection;
mod context;
mod draft;
mod exit;
mod files;
mod report;
mod status;

use std::io::Write;

use serde_json::json;
use wasmail_net::Session;

use args::{Args, USAGE};
use status::{Failure, Result, Status};

fn main() {
    let status = match Args::parse(std::env::args_os().skip(1)) {
        Err(error) => fail(&error, false),
        Ok(args) if args.help => {
            print(USAGE.trim_end());
            Status::Success
        }
        Ok(args) => run(&args).unwrap_or_else(|error| fail(&error, args.json)),
    };
    exit::exit(status)
}

/// Composes, connects, sends, and prints the outcome. `Err` means the message was not sent.
fn run(args: &Args) -> Result<Status> {
    let composed = draft::compose(args, &mut |warning| eprint(&format!("warning: {warning}")))?;
    if args.dry_run {
        report::dry_run(&composed, args.json);
        return Ok(Status::Success);
    }
    let options = connection::connect_options(args)?;
    let server = format!("{}:{}", options.host_name(), options.effective_port());
    let mut session = Session::connect(&options).map_err(|e| connection::net_failure(&e))?;
    let sent = session.send(composed.envelope(), composed.bytes().to_vec());
    let facts = report::SessionFacts::of(&session, server);
    let outcome = sent.map_err(|e| connection::net_failure(&e))?;
    if let Err(error) = session.quit() {
        eprint(&format!(
            "warning: the session did not end cleanly: {error}"
        ));
    }
    match args.json {
        true => print(&pretty(&report::json(&facts, &composed, &outcome))),
        false => report::human(&facts, &composed, &outcome)
            .iter()
            .for_each(|l| print(l)),
    }
    Ok(Status::of(&outcome))
}

/// Reports a failure on stderr (and stdout as JSON when asked); returns its status.
fn fail(error: &Failure, json: bool) -> Status {
    eprint(&format!("error: {error}"));
    if json {
        print(&pretty(&json!({
            "error": error.to_string(),
            "status": error.status.name(),
            "exit_code": error.status.code(),
        })));
    }
    error.status
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// One line on stdout; a closed pipe is not worth a panic.
fn print(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// One line on stderr, prefixed with the program name.
fn eprint(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "wasi-demo: {line}");
}
