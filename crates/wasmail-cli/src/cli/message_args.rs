//! The flags that describe a message, shared by `compose`, `send`, `reply` and `forward`.

use std::path::PathBuf;

use clap::Args;
use wasmail_frontend::{HeaderFlags, MessageFlags};

/// Who the message is from and to, what it says and what it carries.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Message")]
pub struct MessageArgs {
    /// The author, e.g. 'Jane Doe <jane@example.com>'.
    #[arg(long, value_name = "MAILBOX")]
    pub from: Option<String>,

    /// A recipient; repeat the flag or separate mailboxes with commas.
    #[arg(long, value_name = "MAILBOX")]
    pub to: Vec<String>,

    /// A carbon-copy recipient (repeatable).
    #[arg(long, value_name = "MAILBOX")]
    pub cc: Vec<String>,

    /// A blind-copy recipient (repeatable): in the envelope only, never in the message.
    #[arg(long, value_name = "MAILBOX")]
    pub bcc: Vec<String>,

    /// Where replies should go (Reply-To header; repeatable).
    #[arg(long, value_name = "MAILBOX")]
    pub reply_to: Vec<String>,

    /// The subject (any Unicode text; no line breaks).
    #[arg(long)]
    pub subject: Option<String>,

    /// The plain-text body.
    #[arg(long, conflicts_with = "text_file")]
    pub text: Option<String>,

    /// Read the plain-text body from a UTF-8 file ('-' for standard input).
    #[arg(long, value_name = "PATH")]
    pub text_file: Option<PathBuf>,

    /// Read the HTML body from a UTF-8 file; it is sent as the alternative to the text.
    #[arg(long, value_name = "PATH")]
    pub html_file: Option<PathBuf>,

    /// Attach a file (repeatable); the type is guessed from the name unless given, as in
    /// 'report.bin;type=application/pdf'.
    #[arg(long, value_name = "PATH[;type=TYPE]")]
    pub attach: Vec<String>,

    /// An image the HTML shows as <img src="cid:CID"> (repeatable), e.g. 'logo@x=logo.png'.
    #[arg(long, value_name = "CID=PATH")]
    pub inline: Vec<String>,

    /// An extra header (repeatable), e.g. 'X-Campaign: spring'.
    #[arg(long, value_name = "'NAME: VALUE'")]
    pub header: Vec<String>,
}

impl MessageArgs {
    /// The values for the front end.
    pub fn to_flags(&self) -> MessageFlags {
        MessageFlags {
            headers: HeaderFlags {
                from: self.from.clone(),
                to: self.to.clone(),
                cc: self.cc.clone(),
                bcc: self.bcc.clone(),
                reply_to: self.reply_to.clone(),
                subject: self.subject.clone(),
                extra: self.header.clone(),
            },
            text: self.text.clone(),
            text_file: self.text_file.clone(),
            html_file: self.html_file.clone(),
            attach: self.attach.clone(),
            inline: self.inline.clone(),
        }
    }

    /// Whether any flag that describes message content was given (as opposed to the
    /// envelope flags `--from`, `--to`, `--cc`, `--bcc`).
    pub fn has_content(&self) -> bool {
        !self.reply_to.is_empty()
            || self.subject.is_some()
            || self.text.is_some()
            || self.text_file.is_some()
            || self.html_file.is_some()
            || !self.attach.is_empty()
            || !self.inline.is_empty()
            || !self.header.is_empty()
    }
}

/// Continuing a conversation from `compose` and `send`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Threading")]
pub struct ThreadArgs {
    /// Compose a reply to this message: it is quoted, and the reply threads with it
    /// (In-Reply-To, References, "Re:" subject, recipients from its Reply-To or From).
    #[arg(long, value_name = "PARENT.eml")]
    pub reply_to_eml: Option<PathBuf>,

    /// With --reply-to-eml: reply to all of the parent's recipients too.
    #[arg(long, requires = "reply_to_eml")]
    pub reply_all: bool,
}
