//! Ending the process with the exit status.
//!
//! WASI 0.2's `exit` carries only success or failure, so `std::process::exit(3)` reaches the
//! host as 1. The precise number goes through `wasi:cli/exit.exit-with-code` (marked unstable
//! in WASI 0.2; wasmtime 49 always provides it).

use wasmail_frontend::ExitStatus;

/// Exits with `status`; does not return.
pub fn exit(status: ExitStatus) -> ! {
    use std::io::Write;
    // Buffered output would be lost: exit-with-code ends the instance at once.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    exit_with_code(status.code())
}

#[cfg(all(target_os = "wasi", target_env = "p2"))]
fn exit_with_code(code: u8) -> ! {
    wasip2::cli::exit::exit_with_code(code);
    // The host ends the instance in the call above; this is for a host that returns.
    std::process::exit(i32::from(code))
}

#[cfg(not(all(target_os = "wasi", target_env = "p2")))]
fn exit_with_code(code: u8) -> ! {
    std::process::exit(i32::from(code))
}
