//! Where the password comes from. Never from a flag value: those show up in `ps` and in shell
//! history.

use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use wasmail_frontend::{Failure, PASSWORD_VARIABLE, RunResult};

/// Finds the password for `user`, in this order: `--password-file`, `WASMAIL_PASSWORD`,
/// `WASMAIL_PASSWORD` in `./.env`, a prompt when standard input is a terminal.
pub fn resolve_password(user: &str, password_file: Option<&Path>) -> RunResult<String> {
    if let Some(path) = password_file {
        return read_password_file(path);
    }
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE) {
        return Ok(password);
    }
    if let Some(password) = from_dotenv()? {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("Password for {user}: "))
            .map_err(|error| Failure::usage(format!("cannot read the password: {error}")));
    }
    Err(Failure::usage(format!(
        "--user {user:?} needs a password: set {PASSWORD_VARIABLE}, put it in a .env file, \
         or give --password-file"
    )))
}

/// The first line of the file, without its line end.
fn read_password_file(path: &Path) -> RunResult<String> {
    let text = fs::read_to_string(path).map_err(|error| {
        Failure::usage(format!(
            "--password-file: cannot read {}: {error}",
            path.display()
        ))
    })?;
    let line = text.lines().next().unwrap_or_default();
    if line.is_empty() {
        return Err(Failure::usage(format!(
            "--password-file: {} is empty",
            path.display()
        )));
    }
    Ok(line.to_owned())
}

/// `WASMAIL_PASSWORD` from `./.env`, read without changing the process environment.
fn from_dotenv() -> RunResult<Option<String>> {
    let iter = match dotenvy::from_path_iter(".env") {
        Ok(iter) => iter,
        Err(error) if error.not_found() => return Ok(None),
        Err(error) => return Err(Failure::usage(format!("cannot read .env: {error}"))),
    };
    for item in iter {
        let (key, value) =
            item.map_err(|error| Failure::usage(format!("cannot parse .env: {error}")))?;
        if key == PASSWORD_VARIABLE {
            return Ok(Some(value));
        }
    }
    Ok(None)
}
