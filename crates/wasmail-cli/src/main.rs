//! The `wasmail` binary; everything lives in the library so tests can reuse it.

use std::process::ExitCode;

fn main() -> ExitCode {
    wasmail_cli::main_with_args(std::env::args_os())
}
