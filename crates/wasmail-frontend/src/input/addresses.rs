//! Mailboxes from `--from`, `--to`, `--cc`, `--bcc` and `--reply-to`.

use wasmail_core::mailbox::{Mailbox, parse_list};

use crate::failure::{Failure, RunResult};

/// One mailbox, e.g. `--from 'Jane <jane@example.com>'`.
pub fn parse_mailbox(flag: &str, value: &str) -> RunResult<Mailbox> {
    Mailbox::parse(value).map_err(|error| invalid(flag, value, &error))
}

/// Every mailbox of a repeated flag; each value may itself be a comma-separated list.
pub fn parse_mailboxes(flag: &str, values: &[String]) -> RunResult<Vec<Mailbox>> {
    let mut mailboxes = Vec::new();
    for value in values {
        let list = parse_list(value).map_err(|error| invalid(flag, value, &error))?;
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
        assert!(parse_mailbox("--from", "Jane <jane@example.com>").is_ok());
    }
}
