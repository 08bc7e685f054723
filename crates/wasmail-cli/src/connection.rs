//! From `--server`/`--tls`/`--user`/... to the driver's connection options, with the
//! password found the way the `wasmail` command finds it.

use wasmail_frontend::RunResult;
use wasmail_net::ConnectOptions;

use crate::cli::SecurityArgs;
use crate::send::password::resolve_password;

/// The connection options for `server` (`host`, `host:port`, `[v6]:port`).
pub fn connect_options(server: &str, security: &SecurityArgs) -> RunResult<ConnectOptions> {
    wasmail_frontend::connect_options(server, &security.to_spec(), |user| {
        resolve_password(user, security.password_file.as_deref())
    })
}
