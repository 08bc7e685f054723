//! From `--server`/`--tls`/`--user`/... to the driver's connection options, with the
//! password found the way the `wasmail` command finds it.

use wasmail_frontend::{Failure, RunResult};
use wasmail_net::ConnectOptions;

use crate::cli::{SecurityArgs, TlsMode};
use crate::send::password::resolve_password;

/// The connection options for `server` (`host`, `host:port`, `[v6]:port`).
pub fn connect_options(server: &str, security: &SecurityArgs) -> RunResult<ConnectOptions> {
    wasmail_frontend::connect_options(server, &security.to_spec(), |user| {
        // Refused before any prompt: the password would travel in the clear.
        if security.tls == TlsMode::None && !security.allow_auth_without_tls {
            return Err(Failure::usage(
                "--user with --tls none would send the password unencrypted: add \
                 --allow-auth-without-tls if that is really intended",
            ));
        }
        resolve_password(user, security.password_file.as_deref())
    })
}
