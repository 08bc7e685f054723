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
        let (key, value) = item.map_err(|_| parse_failure(&text))?;
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

/// A parse error that says where, not what the line holds: the first line at which reading
/// the file stops working (dotenvy's own error holds the text, which may be a secret).
fn parse_failure(text: &str) -> Failure {
    let lines: Vec<&str> = text.lines().collect();
    let line = (1..=lines.len()).find(|&count| {
        let prefix = lines[..count].join("\n");
        dotenvy::from_read_iter(prefix.as_bytes()).any(|item| item.is_err())
    });
    let at = line
        .map(|line| format!(" at line {line}"))
        .unwrap_or_default();
    Failure::usage(format!(
        "cannot parse .env{at} (its text is not shown: the file holds secrets)"
    ))
}

/// The line number of a `WASMAIL_PASSWORD=` assignment that .env syntax would expand: a `$`
/// outside single quotes and not escaped with `\`.
fn expanded_password_line(text: &str) -> Option<usize> {
    text.lines().enumerate().find_map(|(index, line)| {
        let line = line.trim_start();
        let line = match line.strip_prefix("export") {
            Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start(),
            _ => line,
        };
        let value = line
            .strip_prefix(PASSWORD_VARIABLE)?
            .trim_start()
            .strip_prefix('=')?;
        expands(value).then_some(index + 1)
    })
}

/// Whether dotenv substitution would change `value` (the text after `=`).
fn expands(value: &str) -> bool {
    let mut single_quoted = false;
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => single_quoted = !single_quoted,
            '\\' if !single_quoted => {
                chars.next();
            }
            // dotenvy substitutes after any `$` there (`$!` loses its `$` too).
            '$' if !single_quoted => return true,
            _ => {}
        }
    }
    false
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
        // What dotenv reads literally is fine: single quotes (a comment after them too), an
        // escaped `$`. What it expands is not.
        for (text, line) in [
            ("WASMAIL_PASSWORD='pa$$w0rd' # work\n", None),
            ("WASMAIL_PASSWORD=pa\\$s\n", None),
            ("WASMAIL_PASSWORD=\"pa\\$s\"\n", None),
            ("WASMAIL_PASSWORD=cost$5\n", Some(1)),
            ("WASMAIL_PASSWORD=cost$!\n", Some(1)),
            ("WASMAIL_PASSWORD='ab'$USER'cd'\n", Some(1)),
            ("export\tWASMAIL_PASSWORD=a${B}\n", Some(1)),
        ] {
            assert_eq!(expanded_password_line(text), line, "{text}");
        }
    }

    #[test]
    fn the_check_agrees_with_what_dotenv_reads() {
        for (value, literal) in [("'pa$$w0rd'", "pa$$w0rd"), ("pa\\$s", "pa$s")] {
            let text = format!("{PASSWORD_VARIABLE}={value}\n");
            let (_, read) = dotenvy::from_read_iter(text.as_bytes())
                .next()
                .unwrap()
                .unwrap();
            assert_eq!(read, literal, "{value}");
            assert_eq!(expanded_password_line(&text), None, "{value}");
        }
        let text = format!("HOMEX=/h\n{PASSWORD_VARIABLE}=s3cret$HOMEX\n");
        let read: Vec<_> = dotenvy::from_read_iter(text.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(read[1].1, "s3cret/h", "dotenv does expand this one");
        assert_eq!(expanded_password_line(&text), Some(2));
    }

    #[test]
    fn parse_errors_name_the_line_and_not_its_text() {
        for (text, line) in [
            ("A=1\nWASMAIL_PASSWORD='hunter2\\'x\n", 2),
            ("A=1\nB=2\nWASMAIL_PASSWORD=correct horse\n", 3),
            ("A=1\nB=2\nA=1'x\n", 3),
        ] {
            assert!(dotenvy::from_read_iter(text.as_bytes()).any(|item| item.is_err()));
            let message = parse_failure(text).message().to_owned();
            assert!(
                message.starts_with(&format!("cannot parse .env at line {line} ")),
                "{message}"
            );
            assert!(!message.contains("hunter2") && !message.contains("horse"));
        }
    }
}
