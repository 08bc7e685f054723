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
///
/// Errors name a line, never its text: the file holds secrets. A value that .env syntax would
/// change (a `$` outside single quotes is expanded) is refused rather than sent altered.
fn from_dotenv() -> RunResult<Option<String>> {
    let text = match fs::read_to_string(".env") {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Failure::usage(format!("cannot read .env: {error}"))),
    };
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        let (key, value) = item.map_err(|error| parse_failure(&text, &error))?;
        if key == PASSWORD_VARIABLE {
            if let Some(line) = expanded_password_line(&text) {
                return Err(Failure::usage(format!(
                    ".env line {line}: {PASSWORD_VARIABLE} holds a `$`, which .env files expand; \
                     put the password in single quotes ({PASSWORD_VARIABLE}='...') or use \
                     --password-file"
                )));
            }
            return Ok(Some(value));
        }
    }
    Ok(None)
}

/// A parse error that says where, not what the line holds.
fn parse_failure(text: &str, error: &dotenvy::Error) -> Failure {
    let line = match error {
        dotenvy::Error::LineParse(content, _) => text
            .lines()
            .position(|line| !line.trim().is_empty() && content.starts_with(line.trim_end()))
            .map(|index| format!(" at line {}", index + 1)),
        _ => None,
    };
    Failure::usage(format!(
        "cannot parse .env{}: the line is not NAME=value (its text is not shown: the file \
         holds secrets)",
        line.unwrap_or_default()
    ))
}

/// The line number of a `WASMAIL_PASSWORD=` assignment whose value holds a `$` outside single
/// quotes, which dotenvy substitutes.
fn expanded_password_line(text: &str) -> Option<usize> {
    text.lines().enumerate().find_map(|(index, line)| {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let value = line
            .strip_prefix(PASSWORD_VARIABLE)?
            .trim_start()
            .strip_prefix('=')?;
        let value = value.trim();
        let single_quoted = value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'');
        (!single_quoted && value.contains('$')).then_some(index + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dollar_outside_single_quotes_is_found() {
        assert_eq!(
            expanded_password_line("A=1\nWASMAIL_PASSWORD=s3cret$NOPE\n"),
            Some(2)
        );
        assert_eq!(
            expanded_password_line("export WASMAIL_PASSWORD = \"a$b\"\n"),
            Some(1)
        );
        assert_eq!(
            expanded_password_line("WASMAIL_PASSWORD='s3cret$NOPE'\n"),
            None
        );
        assert_eq!(
            expanded_password_line("WASMAIL_PASSWORD=plain\nOTHER=$HOME\n"),
            None
        );
    }

    #[test]
    fn parse_errors_name_the_line_and_not_its_text() {
        let text = "A=1\nWASMAIL_PASSWORD='hunter2\\'x\n";
        let error = dotenvy::from_read_iter(text.as_bytes())
            .find_map(Result::err)
            .expect("a parse error");
        let failure = parse_failure(text, &error);
        assert!(
            !failure.message().contains("hunter2"),
            "{}",
            failure.message()
        );
        assert!(
            failure
                .message()
                .starts_with("cannot parse .env at line 2:"),
            "{}",
            failure.message()
        );
    }
}
