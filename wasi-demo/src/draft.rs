//! From the message flags to composed bytes, through the core's builder, used exactly as
//! `wasmail compose` uses it, so both give the same bytes for the same flags and context.

use wasmail_core::check::{FindingKind, Severity, check_message};
use wasmail_core::mailbox::{Mailbox, parse_list};
use wasmail_core::message::{ComposedMessage, Message};

use crate::args::Args;
use crate::context::compose_context;
use crate::files;
use crate::status::{Failure, Result};

/// Builds, checks and composes the message. Check warnings go to `warn`.
pub fn compose(args: &Args, warn: &mut dyn FnMut(String)) -> Result<ComposedMessage> {
    let message = build(args)?;
    check(&message, warn)?;
    let domain = message
        .from()
        .map(|from| from.address().domain_ascii().to_owned());
    let ctx = compose_context(args, domain.as_deref())?;
    message
        .compose(&ctx)
        .map_err(|error| Failure::usage(format!("the message cannot be composed: {error}")))
}

fn build(args: &Args) -> Result<Message> {
    let mut builder = Message::builder();
    if let Some(from) = &args.from {
        builder = builder.from(Mailbox::parse(from).map_err(|e| invalid("--from", from, &e))?);
    }
    let text = match (&args.text, &args.text_file) {
        (Some(text), _) => Some(text.clone()),
        (None, Some(path)) => Some(files::read_text("--text-file", path)?),
        (None, None) => None,
    };
    if let Some(text) = text {
        builder = builder.text_body(with_final_newline(text));
    }
    if let Some(path) = &args.html_file {
        builder = builder.html_body(with_final_newline(files::read_text("--html-file", path)?));
    }
    builder = builder
        .to_all(mailboxes("--to", &args.to)?)
        .cc_all(mailboxes("--cc", &args.cc)?)
        .bcc_all(mailboxes("--bcc", &args.bcc)?);
    if let Some(subject) = &args.subject {
        builder = builder.subject(subject.clone());
    }
    for spec in &args.attach {
        builder = builder.attachment(files::read_attachment(spec)?);
    }
    builder.build().map_err(|error| {
        let error = error.to_string();
        match error.starts_with("the subject") {
            true => Failure::usage(format!("--subject: {error}")),
            false => Failure::usage(error),
        }
    })
}

/// A body must end with a line break, or SMTP adds one and the stored message would differ
/// from what `wasmail compose` prints (which adds it too).
fn with_final_newline(mut body: String) -> String {
    if !body.is_empty() && !body.ends_with(['\n', '\r']) {
        body.push('\n');
    }
    body
}

/// Every mailbox of a repeated flag; each value may be a comma-separated list.
fn mailboxes(flag: &str, values: &[String]) -> Result<Vec<Mailbox>> {
    let mut all = Vec::new();
    for value in values {
        let list = parse_list(value).map_err(|e| invalid(flag, value, &e))?;
        if list.is_empty() {
            return Err(Failure::usage(format!("{flag} {value:?} holds no address")));
        }
        all.extend(list);
    }
    Ok(all)
}

fn invalid(flag: &str, value: &str, error: &dyn std::fmt::Display) -> Failure {
    Failure::usage(format!("{flag} {value:?} is not a valid address: {error}"))
}

/// The core's pre-send check: errors stop the run, warnings are passed on.
fn check(message: &Message, warn: &mut dyn FnMut(String)) -> Result<()> {
    let mut errors = Vec::new();
    for finding in check_message(message, None) {
        match finding.kind() {
            FindingKind::MissingFrom => {
                errors.push("the message has no author: give --from".into())
            }
            FindingKind::NoRecipients => {
                errors.push("the message has no recipient: give --to, --cc or --bcc".into())
            }
            _ if finding.severity() == Severity::Error => errors.push(finding.message()),
            _ => warn(finding.message()),
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(Failure::usage(errors.join("; "))),
    }
}
