//! The one code path that turns message flags into a composed message. `compose`, `send`,
//! `reply`, `forward` and `send --dry-run` all go through [`compose_draft`], so what `send`
//! transmits is byte for byte what `compose` prints for the same flags.

use std::path::Path;

use wasmail_core::check::{FindingKind, Severity, check_message};
use wasmail_core::message::{ComposedMessage, Message, MessageBuilder};
use wasmail_core::reply::{ForwardMode, ForwardOptions, Parent, ReplyOptions};

use crate::cli::{ContextArgs, MessageArgs, ThreadArgs};
use crate::compose_context::compose_context;
use crate::exit::{CliError, CliResult};
use crate::input;
use crate::output::stderr_line;

/// What the new message starts from.
#[derive(Debug)]
pub enum Base {
    /// A new conversation.
    New,
    /// A reply to `parent` (to everyone with `all`).
    Reply {
        /// The message replied to.
        parent: Box<Parent>,
        /// Reply to all recipients.
        all: bool,
    },
    /// A forward of `parent`.
    Forward {
        /// The message forwarded.
        parent: Box<Parent>,
        /// Quoted or attached.
        mode: ForwardMode,
    },
}

impl Base {
    /// The base `--reply-to-eml` and `--reply-all` ask for.
    pub fn from_thread_args(thread: &ThreadArgs) -> CliResult<Base> {
        match &thread.reply_to_eml {
            Some(path) => Ok(Base::Reply {
                parent: read_parent(path)?,
                all: thread.reply_all,
            }),
            None => Ok(Base::New),
        }
    }
}

/// What the draft is for: a draft written to a file may lack recipients, one to send may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `compose`, `reply`, `forward`.
    Write,
    /// `send`.
    Send,
}

/// Reads the message a reply or forward is based on.
pub fn read_parent(path: &Path) -> CliResult<Box<Parent>> {
    let bytes = input::read_bytes("parent message", path)?;
    Parent::parse(&bytes)
        .map(Box::new)
        .map_err(|error| CliError::usage(format!("{}: {error}", path.display())))
}

/// Builds, checks and composes the message the flags describe.
pub fn compose_draft(
    args: &MessageArgs,
    base: Base,
    context: &ContextArgs,
    purpose: Purpose,
) -> CliResult<ComposedMessage> {
    let message = build_message(args, base)?;
    check(&message, purpose)?;
    let domain = message
        .from()
        .map(|from| from.address().domain_ascii().to_owned());
    let ctx = compose_context(context, domain.as_deref())?;
    message
        .compose(&ctx)
        .map_err(|error| CliError::usage(format!("the message cannot be composed: {error}")))
}

/// Builds the message from its base and the flags.
pub fn build_message(args: &MessageArgs, base: Base) -> CliResult<Message> {
    let from = args
        .from
        .as_deref()
        .map(|from| input::parse_mailbox("--from", from))
        .transpose()?;
    let text = match (&args.text, &args.text_file) {
        (Some(text), _) => Some(text.clone()),
        (None, Some(path)) => Some(input::read_text("--text-file", path)?),
        (None, None) => None,
    };
    let html = args
        .html_file
        .as_deref()
        .map(|path| input::read_text("--html-file", path))
        .transpose()?;

    let mut builder = match base {
        Base::New => new_message(from, text, html),
        Base::Reply { parent, all } => {
            let options = ReplyOptions {
                all,
                from,
                text: text.unwrap_or_default(),
                html,
                ..ReplyOptions::default()
            };
            let draft = parent.reply(&options).map_err(draft_error)?;
            draft.into_builder()
        }
        Base::Forward { parent, mode } => {
            let options = ForwardOptions {
                mode,
                from,
                text: text.unwrap_or_default(),
                html,
            };
            parent
                .forward(&options)
                .map_err(draft_error)?
                .into_builder()
        }
    };
    builder = builder
        .to_all(input::parse_mailboxes("--to", &args.to)?)
        .cc_all(input::parse_mailboxes("--cc", &args.cc)?)
        .bcc_all(input::parse_mailboxes("--bcc", &args.bcc)?);
    for reply_to in input::parse_mailboxes("--reply-to", &args.reply_to)? {
        builder = builder.reply_to(reply_to);
    }
    if let Some(subject) = &args.subject {
        builder = builder.subject(subject.clone());
    }
    for header in &args.header {
        builder = builder.header(input::parse_header(header)?);
    }
    for spec in &args.inline {
        builder = builder.inline_image(input::read_inline_image(spec)?);
    }
    for spec in &args.attach {
        builder = builder.attachment(input::read_attachment(spec)?);
    }
    builder
        .build()
        .map_err(|error| CliError::usage(build_error_message(&error.to_string())))
}

fn new_message(
    from: Option<wasmail_core::Mailbox>,
    text: Option<String>,
    html: Option<String>,
) -> MessageBuilder {
    let mut builder = Message::builder();
    if let Some(from) = from {
        builder = builder.from(from);
    }
    if let Some(text) = text {
        builder = builder.text_body(with_final_newline(text));
    }
    if let Some(html) = html {
        builder = builder.html_body(with_final_newline(html));
    }
    builder
}

/// A single-part message must end with a line break: SMTP adds one otherwise, and what the
/// server stores would then differ from what `compose` printed. `--text 'Hi'` becomes `Hi\n`.
fn with_final_newline(mut body: String) -> String {
    if !body.is_empty() && !body.ends_with(['\n', '\r']) {
        body.push('\n');
    }
    body
}

fn draft_error(error: wasmail_core::reply::ReplyError) -> CliError {
    CliError::usage(format!("cannot build the draft: {error}"))
}

/// Points subject errors at the flag that set it.
fn build_error_message(error: &str) -> String {
    if error.starts_with("the subject") {
        format!("--subject: {error}")
    } else {
        error.to_owned()
    }
}

/// The pre-send check: errors stop the run, warnings are printed on standard error.
fn check(message: &Message, purpose: Purpose) -> CliResult<()> {
    let mut errors = Vec::new();
    for finding in check_message(message, None) {
        let tolerated =
            purpose == Purpose::Write && matches!(finding.kind(), FindingKind::NoRecipients);
        match finding.kind() {
            FindingKind::MissingFrom => {
                errors.push("the message has no author: give --from".to_owned())
            }
            FindingKind::NoRecipients if !tolerated => {
                errors.push("the message has no recipient: give --to, --cc or --bcc".to_owned());
            }
            _ if finding.severity() == Severity::Error && !tolerated => {
                errors.push(finding.message())
            }
            _ => stderr_line(&format!("wasmail: warning: {}", finding.message())),
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(CliError::usage(errors.join("; "))),
    }
}
