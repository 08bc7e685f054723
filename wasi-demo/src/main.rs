//! wasi-demo: composes one message and sends it over SMTP from a WASI runtime, on the same
//! core (`wasmail-core`), driver (`wasmail-net`) and front end (`wasmail-frontend`) as the
//! native `wasmail` binary.
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
mod exit;

use std::io::Write;

use wasmail_frontend::report::composed_json;
use wasmail_frontend::{
    ExitStatus, Failure, Outgoing, PASSWORD_VARIABLE, Purpose, RunResult, asks_for_json,
    connect_options, net_failure, transmit,
};

use args::{Args, USAGE};

fn main() {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let status = match Args::parse(args.clone()) {
        // A script that asked for JSON gets JSON for a mistyped flag too.
        Err(error) => fail(&error, asks_for_json(&args)),
        Ok(args) if args.help => {
            print(USAGE.trim_end());
            ExitStatus::Success
        }
        Ok(args) => run(&args).unwrap_or_else(|error| fail(&error, args.json)),
    };
    exit::exit(status)
}

/// Composes, connects, sends, and prints the outcome. `Err` means the message was not sent.
fn run(args: &Args) -> RunResult<ExitStatus> {
    let draft = args.message.read()?;
    let mut warn = |warning: &str| eprint(&format!("warning: {warning}"));
    let composed = draft.compose_new(&args.context, Purpose::Send, &mut warn)?;
    if args.dry_run {
        match args.json {
            true => print(&pretty(&composed_json(&composed, None))),
            false => {
                let _ = std::io::stdout().lock().write_all(composed.bytes());
            }
        }
        return Ok(ExitStatus::Success);
    }
    let server = args.server.as_deref().unwrap_or_default();
    let options = connect_options(server, &args.security, password_from_host)?;
    let transmission = transmit(&options, vec![Outgoing::from(composed)], || {})
        .map_err(|error| net_failure(&error, options.tls_policy()))?;
    if let Some(warning) = transmission.quit_warning() {
        eprint(&warning);
    }
    match args.json {
        true => print(&pretty(&transmission.to_json())),
        false => transmission.human_lines().iter().for_each(|l| print(l)),
    }
    Ok(transmission.status())
}

/// The password the host passed in (`wasmtime run --env WASMAIL_PASSWORD`): a guest has no
/// terminal to prompt on, and a flag would show in `ps`.
fn password_from_host(user: &str) -> RunResult<String> {
    std::env::var(PASSWORD_VARIABLE).map_err(|_| {
        Failure::usage(format!(
            "--user {user:?} needs a password in {PASSWORD_VARIABLE} (under wasmtime, pass it \
             with --env {PASSWORD_VARIABLE})"
        ))
    })
}

/// Reports a failure on stderr (and stdout as JSON when asked); returns its status.
fn fail(error: &Failure, json: bool) -> ExitStatus {
    eprint(&format!("error: {error}"));
    if json {
        print(&pretty(&error.to_json()));
    }
    error.status()
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
