//! Mailboxes from `--from`, `--to`, `--cc`, `--bcc` and `--reply-to`.

use wasmail_core::mailbox::{Mailbox, parse_list};

use crate::exit::{CliError, CliResult};

/// One mailbox, e.g. `--from 'Jane <jane@example.com>'`.
pub fn parse_mailbox(flag: &str, value: &str) -> CliResult<Mailbox> {
    Mailbox::parse(value).map_err(|error| invalid(flag, value, &error))
}

/// Every mailbox of a repeated flag; each value may itself be a comma-separated list.
pub fn parse_mailboxes(flag: &str, values: &[String]) -> CliResult<Vec<Mailbox>> {
    let mut mailboxes = Vec::new();
    for value in values {
        let list = parse_list(value).map_err(|error| invalid(flag, value, &error))?;
        if list.is_empty() {
            return Err(CliError::usage(format!(
                "{flag} {value:?} holds no address"
            )));
        }
        mailboxes.extend(list);
    }
    Ok(mailboxes)
}

fn invalid(flag: &str, value: &str, error: &dyn std::fmt::Display) -> CliError {
    CliError::usage(format!("{flag} {value:?} is not a valid address: {error}"))
}
