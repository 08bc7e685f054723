//! Mailboxes from `--from`, `--to`, `--cc`, `--bcc` and `--reply-to`.

use wasmail_core::mailbox::{Mailbox, invalid_entry, parse_list};

use crate::failure::{Failure, RunResult};

/// One mailbox, e.g. `--from 'Jane <jane@example.com>'`.
pub fn parse_mailbox(flag: &str, value: &str) -> RunResult<Mailbox> {
    Mailbox::parse(value).map_err(|error| match Mailbox::quoting_suggestion(value) {
        Some(quoted) => Failure::usage(format!(
            "{flag} {value:?}: a name with a comma needs quotes, as in {flag} '{quoted}'"
        )),
        None => invalid(flag, value, &error),
    })
}

/// Every mailbox of a repeated flag; each value may itself be a comma-separated list.
pub fn parse_mailboxes(flag: &str, values: &[String]) -> RunResult<Vec<Mailbox>> {
    let mut mailboxes = Vec::new();
    for value in values {
        let list = parse_list(value).map_err(|error| match invalid_entry(value) {
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
    Failure::usage(format!("{flag} {value:?} is not a valid address: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_refusals() {
        let values = ["a@x.test, B <b@x.test>".to_owned(), "c@x.test".to_owned()];
        assert_eq!(parse_mailboxes("--to", &values).unwrap().len(), 3);
        let error = parse_mailboxes("--cc", &["nobody".to_owned()]).unwrap_err();
        assert!(error.message().starts_with("--cc \"nobody\""), "{error}");
        assert!(parse_mailboxes("--to", &[" ".to_owned()]).is_err());
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
            "--from \"Doe, Jane <jane@example.com>\": a name with a comma needs quotes, as in \
             --from '\"Doe, Jane\" <jane@example.com>'"
        );
    }
}
