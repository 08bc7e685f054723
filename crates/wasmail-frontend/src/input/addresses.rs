//! Mailboxes from `--from`, `--to`, `--cc`, `--bcc` and `--reply-to`.

use wasmail_core::mailbox::{Mailbox, invalid_entry, parse_list};

use crate::failure::{Failure, RunResult};

/// One mailbox, e.g. `--from 'Jane <jane@example.com>'`.
pub fn parse_mailbox(flag: &str, value: &str) -> RunResult<Mailbox> {
    Mailbox::parse(value)
        .map_err(|error| comma_hint(flag, value).unwrap_or_else(|| invalid(flag, value, &error)))
}

/// For a name with an unquoted comma (`Doe, Jane <jane@x>`): both readings, since
/// `alice, Bob <bob@x>` may be two recipients as well as one name.
fn comma_hint(flag: &str, value: &str) -> Option<Failure> {
    let quoted = Mailbox::quoting_suggestion(value)?;
    let first = value.split(',').next().unwrap_or_default().trim();
    Some(Failure::usage(format!(
        "{flag} {value:?}: {first:?} is no address; if it is part of one name, quote the \
         name: {flag} {}",
        shell_quoted(&quoted)
    )))
}

/// Every mailbox of a repeated flag; each value may itself be a comma-separated list.
pub fn parse_mailboxes(flag: &str, values: &[String]) -> RunResult<Vec<Mailbox>> {
    let mut mailboxes = Vec::new();
    for value in values {
        let list = parse_list(value).map_err(|error| match invalid_entry(value) {
            _ if Mailbox::quoting_suggestion(value).is_some() => {
                comma_hint(flag, value).unwrap_or_else(|| invalid(flag, value, &error))
            }
            Some((entry, _)) if let Some(bracketed) = Mailbox::bracket_suggestion(entry) => {
                bracket_hint(flag, entry, &bracketed)
            }
            // One entry of several: name it, not the whole list.
            Some((entry, entry_error)) if entry.len() < value.trim().len() => Failure::usage(
                format!("{flag} {value:?}: {entry:?} is not a valid address: {entry_error}"),
            ),
            _ => invalid(flag, value, &error),
        })?;
        if list.is_empty() {
            return Err(Failure::usage(format!("{flag} {value:?} holds no address")));
        }
        mailboxes.extend(list);
    }
    Ok(mailboxes)
}

fn invalid(flag: &str, value: &str, error: &dyn std::fmt::Display) -> Failure {
    if let Some(bracketed) = Mailbox::bracket_suggestion(value) {
        return bracket_hint(flag, value, &bracketed);
    }
    Failure::usage(format!("{flag} {value:?} is not a valid address: {error}"))
}

/// For a name before a bare address: the bracketed form, ready to paste.
fn bracket_hint(flag: &str, entry: &str, bracketed: &str) -> Failure {
    Failure::usage(format!(
        "{flag} {entry:?}: a name goes before the address in angle brackets: {flag} {}",
        shell_quoted(bracketed)
    ))
}

/// `text` quoted for a POSIX shell: in single quotes, each `'` written as `'\''`.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_refusals() {
        let values = ["a@x.test, B <b@x.test>".to_owned(), "c@x.test".to_owned()];
        assert_eq!(parse_mailboxes("--to", &values).unwrap().len(), 3);
        let error = parse_mailbox("--from", "Jane Doe jane@x.test").unwrap_err();
        assert!(
            error.message().ends_with("--from 'Jane Doe <jane@x.test>'"),
            "{error}"
        );
        // In a list too, and pasteable with a quote in the name.
        let values = ["a@x.test, Jane O'Brien jane@x.test".to_owned()];
        let error = parse_mailboxes("--to", &values).unwrap_err();
        assert!(
            error
                .message()
                .ends_with(r#"--to 'Jane O'\''Brien <jane@x.test>'"#),
            "{error}"
        );
        let error = parse_mailboxes("--cc", &["nobody".to_owned()]).unwrap_err();
        assert!(error.message().starts_with("--cc \"nobody\""), "{error}");
        assert!(parse_mailboxes("--to", &[" ".to_owned()]).is_err());
        let error = parse_mailboxes("--to", &["Smith, Bob <bob@x.test>".to_owned()]).unwrap_err();
        assert!(
            error
                .message()
                .ends_with("quote the name: --to '\"Smith, Bob\" <bob@x.test>'"),
            "{error}"
        );
        let error =
            parse_mailboxes("--to", &["a@x.test, bob smith@x.test".to_owned()]).unwrap_err();
        assert_eq!(
            error.message(),
            "--to \"a@x.test, bob smith@x.test\": \"bob smith@x.test\" is not a valid address: \
             whitespace at byte 3 is only allowed inside quotes"
        );
        assert!(parse_mailbox("--from", "Jane <jane@example.com>").is_ok());
        let error = parse_mailbox("--from", "Doe, Jane <jane@example.com>").unwrap_err();
        assert_eq!(
            error.message(),
            "--from \"Doe, Jane <jane@example.com>\": \"Doe\" is no address; if it is part of \
             one name, quote the name: --from '\"Doe, Jane\" <jane@example.com>'"
        );
    }
}
