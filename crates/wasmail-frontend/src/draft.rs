//! The one code path from message flag values to a composed message. Every binary goes
//! through [`DraftSpec::compose`] (or [`DraftSpec::compose_new`]), so what one sends is byte for
//! byte what another prints for the same values.

mod check;
mod flags;
mod header_flags;

use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{
    Attachment, ComposeError, ComposedMessage, InlineImage, Message, MessageBuilder,
    with_final_line_break,
};
use wasmail_core::reply::{ForwardMode, ForwardOptions, Parent, ReplyError, ReplyOptions};

pub use check::{Purpose, check_draft};
pub use flags::MessageFlags;
pub use header_flags::HeaderFlags;

use crate::context::ContextSpec;
use crate::failure::{Failure, RunResult};
use crate::input::{parse_header, parse_mailbox, parse_mailboxes};

/// What a message is made of: the header values as typed, bodies and files already read
/// ([`MessageFlags::read`] reads them from the paths the flags name).
#[derive(Clone, Debug, Default)]
pub struct DraftSpec {
    /// From, recipients, subject and extra headers.
    pub headers: HeaderFlags,
    /// The plain-text body (`--text` or `--text-file`).
    pub text: Option<String>,
    /// The HTML body (`--html-file`).
    pub html: Option<String>,
    /// `--attach` files, read.
    pub attachments: Vec<Attachment>,
    /// `--inline` images, read.
    pub inline_images: Vec<InlineImage>,
}

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

impl DraftSpec {
    /// Builds, checks and composes the message. Check warnings go to `warn`; the context's
    /// Message-ID domain defaults to the From address's domain.
    pub fn compose(
        self,
        base: Base,
        context: &ContextSpec,
        purpose: Purpose,
        warn: &mut dyn FnMut(&str),
    ) -> RunResult<ComposedMessage> {
        finish(self.build(base)?, context, purpose, warn)
    }

    /// [`compose`](Self::compose) for a new conversation ([`Base::New`]), without reaching
    /// the reply and forward code: a binary that never replies stays smaller.
    pub fn compose_new(
        self,
        context: &ContextSpec,
        purpose: Purpose,
        warn: &mut dyn FnMut(&str),
    ) -> RunResult<ComposedMessage> {
        finish(self.build_new()?, context, purpose, warn)
    }

    /// Builds the message from its base and the values, through the core's builder.
    pub fn build(mut self, base: Base) -> RunResult<Message> {
        let builder = match base {
            Base::New => return self.build_new(),
            Base::Reply { parent, all } => {
                let options = ReplyOptions {
                    all,
                    from: self.parsed_from()?,
                    text: self.text.take().unwrap_or_default(),
                    html: self.html.take(),
                    ..ReplyOptions::default()
                };
                parent.reply(&options).map_err(draft_error)?.into_builder()
            }
            Base::Forward { parent, mode } => {
                let options = ForwardOptions {
                    mode,
                    from: self.parsed_from()?,
                    text: self.text.take().unwrap_or_default(),
                    html: self.html.take(),
                };
                parent
                    .forward(&options)
                    .map_err(draft_error)?
                    .into_builder()
            }
        };
        self.complete(builder)
    }

    /// Builds a new message (no parent): the bodies get their final line break.
    pub fn build_new(mut self) -> RunResult<Message> {
        let mut builder = Message::builder();
        if let Some(from) = self.parsed_from()? {
            builder = builder.from(from);
        }
        if let Some(text) = self.text.take() {
            builder = builder.text_body(with_final_line_break(text));
        }
        if let Some(html) = self.html.take() {
            builder = builder.html_body(with_final_line_break(html));
        }
        self.complete(builder)
    }

    fn parsed_from(&self) -> RunResult<Option<Mailbox>> {
        (self.headers.from.as_deref())
            .map(|from| parse_mailbox("--from", from))
            .transpose()
    }

    /// Everything but the author and the bodies, on whichever builder the base gave.
    fn complete(self, mut builder: MessageBuilder) -> RunResult<Message> {
        let headers = self.headers;
        builder = builder
            .to_all(parse_mailboxes("--to", &headers.to)?)
            .cc_all(parse_mailboxes("--cc", &headers.cc)?)
            .bcc_all(parse_mailboxes("--bcc", &headers.bcc)?);
        for reply_to in parse_mailboxes("--reply-to", &headers.reply_to)? {
            builder = builder.reply_to(reply_to);
        }
        if let Some(subject) = headers.subject {
            builder = builder.subject(subject);
        }
        for header in &headers.extra {
            builder = builder.header(parse_header(header)?);
        }
        for image in self.inline_images {
            builder = builder.inline_image(image);
        }
        for attachment in self.attachments {
            builder = builder.attachment(attachment);
        }
        builder.build().map_err(|error| match error {
            // Points subject errors at the flag that set it.
            ComposeError::Subject(_) => Failure::usage(format!("--subject: {error}")),
            error => Failure::usage(error.to_string()),
        })
    }
}

/// Checks the message, then composes it in the context the values give.
fn finish(
    message: Message,
    context: &ContextSpec,
    purpose: Purpose,
    warn: &mut dyn FnMut(&str),
) -> RunResult<ComposedMessage> {
    check_draft(&message, purpose, warn)?;
    let domain = message
        .from()
        .map(|from| from.address().domain_ascii().to_owned());
    let mut ctx = context.resolve(domain.as_deref())?;
    message
        .compose(&mut ctx)
        .map_err(|error| Failure::usage(format!("the message cannot be composed: {error}")))
}

fn draft_error(error: ReplyError) -> Failure {
    Failure::usage(format!("cannot build the draft: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> DraftSpec {
        DraftSpec {
            headers: HeaderFlags {
                from: Some("Jane <jane@example.com>".into()),
                to: vec!["bob@example.org".into()],
                bcc: vec!["hidden@example.net".into()],
                subject: Some("Hi".into()),
                ..HeaderFlags::default()
            },
            text: Some("Hello".into()),
            ..DraftSpec::default()
        }
    }

    fn with_headers(change: impl FnOnce(&mut HeaderFlags)) -> DraftSpec {
        let mut spec = spec();
        change(&mut spec.headers);
        spec
    }

    fn fixed_context() -> ContextSpec {
        ContextSpec {
            date: Some("1795394574".into()),
            seed: Some("00".repeat(32)),
            ..ContextSpec::default()
        }
    }

    #[test]
    fn composes_with_the_body_rules_and_the_from_domain() {
        let mut warnings = Vec::new();
        let composed = spec()
            .compose(Base::New, &fixed_context(), Purpose::Send, &mut |w| {
                warnings.push(w.to_owned())
            })
            .unwrap();
        let text = String::from_utf8_lossy(composed.bytes());
        assert!(text.ends_with("\r\n\r\nHello\r\n"), "{text}");
        assert!(text.contains("@example.com>\r\n"), "{text}");
        assert!(!text.contains("hidden@example.net"));
        assert_eq!(composed.envelope().recipients().len(), 2);
        let again = spec()
            .compose(Base::New, &fixed_context(), Purpose::Send, &mut |_| {})
            .unwrap();
        assert_eq!(composed.bytes(), again.bytes(), "fixed context, same bytes");
    }

    #[test]
    fn errors_name_the_flag() {
        let bad_to = with_headers(|h| h.to = vec!["not an address".into()]);
        let error = bad_to.build(Base::New).unwrap_err();
        assert!(error.message().starts_with("--to "), "{error}");
        let bad_subject = with_headers(|h| h.subject = Some("a\r\nBcc: x@y".into()));
        let error = bad_subject.build(Base::New).unwrap_err();
        assert!(error.message().starts_with("--subject: "), "{error}");
        let bad_header = with_headers(|h| h.extra = vec!["no colon".into()]);
        assert!(bad_header.build(Base::New).is_err());
    }
}
