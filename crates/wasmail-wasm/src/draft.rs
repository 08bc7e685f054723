//! The draft a page fills in, kept as the user typed it (addresses as text), and turned into a
//! core [`Message`] when it is checked or composed. Nothing here touches JavaScript, so it is
//! tested natively.

use wasmail_core::check::{Field, Finding, FindingKind, ServerSupport, Severity, check_message};
use wasmail_core::context::ComposeContext;
use wasmail_core::header::ExtraHeader;
use wasmail_core::mailbox::{self, Mailbox, format_list};
use wasmail_core::message::{
    Attachment, ComposeError, ComposedMessage, InlineImage, MediaType, Message, MessageBuilder,
    MessageId, with_final_line_break,
};

/// The draft's fields a finding can point at; the names are the JS property names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftField {
    From,
    To,
    Cc,
    Bcc,
    ReplyTo,
    Subject,
    Text,
    Html,
    Attachments,
    InlineImages,
    Headers,
    Message,
}

impl DraftField {
    pub fn as_str(self) -> &'static str {
        match self {
            DraftField::From => "from",
            DraftField::To => "to",
            DraftField::Cc => "cc",
            DraftField::Bcc => "bcc",
            DraftField::ReplyTo => "replyTo",
            DraftField::Subject => "subject",
            DraftField::Text => "text",
            DraftField::Html => "html",
            DraftField::Attachments => "attachments",
            DraftField::InlineImages => "inlineImages",
            DraftField::Headers => "headers",
            DraftField::Message => "message",
        }
    }
}

/// One problem with the draft, for the UI to show next to `field`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftFinding {
    pub field: DraftField,
    pub error: bool,
    /// An error for sending only (no recipient yet): the draft still composes, so it can be
    /// previewed and saved.
    pub send_only: bool,
    pub message: String,
}

impl DraftFinding {
    fn error(field: DraftField, message: impl Into<String>) -> DraftFinding {
        DraftFinding {
            field,
            error: true,
            send_only: false,
            message: message.into(),
        }
    }

    /// An error that stops the draft from being composed (a missing recipient does not).
    pub fn blocks_composing(&self) -> bool {
        self.error && !self.send_only
    }
}

/// A file attached to the draft, as the page gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftFile {
    pub filename: String,
    /// `type/subtype`, or empty to guess it from the file name.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An image the HTML shows through `cid:<content_id>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftImage {
    pub content_id: String,
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Everything the user wrote, unparsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftModel {
    pub from: String,
    pub to: String,
    pub cc: String,
    pub bcc: String,
    pub reply_to: String,
    pub subject: String,
    /// The text part: `None` for none; `Some("")` is an empty part (as a reply or forward
    /// without own words has).
    pub text: Option<String>,
    /// The HTML part, `None` for none.
    pub html: Option<String>,
    pub headers: Vec<(String, String)>,
    pub attachments: Vec<DraftFile>,
    pub inline_images: Vec<DraftImage>,
    /// Threading, set by reply and forward; not edited by the user.
    pub in_reply_to: Vec<MessageId>,
    pub references: Vec<MessageId>,
}

/// Parts of the draft left out when building again after the core refused the message.
#[derive(Clone, Copy, Debug, Default)]
struct Skip {
    subject: bool,
    images: bool,
}

/// A draft's findings, with the composed message when nothing blocked it.
#[derive(Debug)]
pub struct Inspected {
    pub findings: Vec<DraftFinding>,
    pub composed: Option<ComposedMessage>,
}

/// The message built from a draft, with what could not be built.
#[derive(Debug)]
pub struct Built {
    pub message: Message,
    pub findings: Vec<DraftFinding>,
}

impl DraftModel {
    /// A draft holding a core message (a reply or forward draft), with addresses written back
    /// as text the user can edit and that parses back to the same mailboxes.
    pub fn from_message(message: &Message) -> DraftModel {
        let list = format_list;
        DraftModel {
            from: message.from().map(ToString::to_string).unwrap_or_default(),
            to: list(message.to()),
            cc: list(message.cc()),
            bcc: list(message.bcc()),
            reply_to: list(message.reply_to()),
            subject: message.subject().unwrap_or_default().to_owned(),
            text: message.text_body().map(str::to_owned),
            html: message.html_body().map(str::to_owned),
            headers: message
                .extra_headers()
                .iter()
                .map(|h| (h.name().as_str().to_owned(), h.value().as_str().to_owned()))
                .collect(),
            attachments: message
                .attachments()
                .iter()
                .map(|a| DraftFile {
                    filename: a.filename().to_owned(),
                    content_type: a.content_type().as_str().to_owned(),
                    bytes: a.bytes().to_vec(),
                })
                .collect(),
            inline_images: message
                .inline_images()
                .iter()
                .map(|i| DraftImage {
                    content_id: i.content_id().to_owned(),
                    filename: i.filename().unwrap_or_default().to_owned(),
                    content_type: i.content_type().as_str().to_owned(),
                    bytes: i.bytes().to_vec(),
                })
                .collect(),
            in_reply_to: message.in_reply_to().to_vec(),
            references: message.references().to_vec(),
        }
    }

    /// Builds the message from every field that is valid, and says what is not.
    pub fn build(&self) -> Built {
        let mut findings = Vec::new();
        let builder = self.builder(Skip::default(), Some(&mut findings));
        let message = match builder.build() {
            Ok(message) => message,
            Err(error) => {
                findings.push(DraftFinding::error(
                    compose_error_field(&error),
                    error.to_string(),
                ));
                // Build again without what failed, so the rest can still be checked.
                let skip = Skip {
                    subject: matches!(error, ComposeError::Subject(_)),
                    images: !matches!(error, ComposeError::Subject(_)),
                };
                self.builder(skip, None)
                    .build()
                    .or_else(|_| {
                        self.builder(
                            Skip {
                                subject: true,
                                images: true,
                            },
                            None,
                        )
                        .build()
                    })
                    .unwrap_or_default()
            }
        };
        Built { message, findings }
    }

    /// The core builder with every field that parses; what does not is reported in `findings`.
    fn builder(&self, skip: Skip, mut findings: Option<&mut Vec<DraftFinding>>) -> MessageBuilder {
        let mut report = |field, message: String| {
            if let Some(findings) = findings.as_deref_mut() {
                findings.push(DraftFinding::error(field, message));
            }
        };
        let mut builder = Message::builder();
        if !self.from.trim().is_empty() {
            match Mailbox::parse(self.from.trim()) {
                Ok(from) => builder = builder.from(from),
                Err(error) => report(
                    DraftField::From,
                    mailbox_problem("From", &self.from, &error),
                ),
            }
        }
        for (field, label, text) in [
            (DraftField::To, "To", &self.to),
            (DraftField::Cc, "Cc", &self.cc),
            (DraftField::Bcc, "Bcc", &self.bcc),
            (DraftField::ReplyTo, "Reply-To", &self.reply_to),
        ] {
            match mailbox::parse_list(text) {
                Ok(list) => {
                    builder = match field {
                        DraftField::To => builder.to_all(list),
                        DraftField::Cc => builder.cc_all(list),
                        DraftField::Bcc => builder.bcc_all(list),
                        _ => list.into_iter().fold(builder, MessageBuilder::reply_to),
                    }
                }
                Err(error) => report(field, list_problem(label, text, &error)),
            }
        }
        if !self.subject.is_empty() && !skip.subject {
            builder = builder.subject(self.subject.clone());
        }
        if let Some(text) = &self.text {
            builder = builder.text_body(with_final_line_break(text.clone()));
        }
        if let Some(html) = &self.html {
            builder = builder.html_body(with_final_line_break(html.clone()));
        }
        for (name, value) in &self.headers {
            match ExtraHeader::parse(name, value) {
                Ok(header) => builder = builder.header(header),
                Err(error) => report(DraftField::Headers, format!("header {name:?}: {error}")),
            }
        }
        for file in &self.attachments {
            match attachment(file) {
                Ok(attachment) => builder = builder.attachment(attachment),
                Err(message) => report(DraftField::Attachments, message),
            }
        }
        for image in &self.inline_images {
            match inline_image(image) {
                Ok(image) if !skip.images => builder = builder.inline_image(image),
                Ok(_) => {}
                Err(message) => report(DraftField::InlineImages, message),
            }
        }
        for id in &self.in_reply_to {
            builder = builder.in_reply_to(id.clone());
        }
        builder.references(self.references.iter().cloned())
    }

    /// Every problem with the draft: fields that do not parse, and the core's pre-send check
    /// (no From, no recipient, missing or unused inline images, an attached message that
    /// cannot be sent). Never fails.
    pub fn validate(&self) -> Vec<DraftFinding> {
        let Built {
            message,
            mut findings,
        } = self.build();
        // Composition errors are reported with a server that takes anything, so only
        // problems of the message itself are found.
        let anything = ServerSupport {
            size_limit: None,
            eight_bit_mime: true,
            smtputf8: true,
        };
        add_check_findings(&message, Some(&anything), &mut findings);
        findings
    }

    /// What `validate` finds and, when nothing blocks composing, the message composed with
    /// the context `resolve` gives for its From: a preview for one composition, not two.
    pub fn inspect(
        &self,
        resolve: impl FnOnce(Option<&Mailbox>) -> Result<ComposeContext, String>,
    ) -> Result<Inspected, String> {
        let Built {
            message,
            mut findings,
        } = self.build();
        // Without a server the check does not compose: the composition below finds what
        // would stop it.
        add_check_findings(&message, None, &mut findings);
        if findings.iter().any(DraftFinding::blocks_composing) {
            return Ok(Inspected {
                findings,
                composed: None,
            });
        }
        let mut ctx = resolve(message.from())?;
        let composed = match message.compose(&mut ctx) {
            Ok(composed) => Some(composed),
            Err(error) => {
                let finding = Finding::new(FindingKind::CannotCompose(error));
                add_finding(&finding, &mut findings);
                None
            }
        };
        Ok(Inspected { findings, composed })
    }

    /// The message to compose, or every error that prevents it.
    pub fn message(&self) -> Result<Message, Vec<DraftFinding>> {
        let built = self.build();
        let mut errors = built.findings;
        if built.message.from().is_none() && errors.iter().all(|f| f.field != DraftField::From) {
            errors.push(DraftFinding::error(
                DraftField::From,
                "the message has no From address",
            ));
        }
        if errors.is_empty() {
            Ok(built.message)
        } else {
            Err(errors)
        }
    }
}

/// The findings of the core's check, each on the draft field it concerns, less those that
/// repeat what building the draft already found.
fn add_check_findings(
    message: &Message,
    server: Option<&ServerSupport>,
    findings: &mut Vec<DraftFinding>,
) {
    for finding in check_message(message, server) {
        add_finding(&finding, findings);
    }
}

fn add_finding(finding: &Finding, findings: &mut Vec<DraftFinding>) {
    let has = |findings: &[DraftFinding], fields: &[DraftField]| {
        findings.iter().any(|f| fields.contains(&f.field))
    };
    let field = match finding.kind() {
        FindingKind::MissingFrom if has(findings, &[DraftField::From]) => return,
        FindingKind::NoRecipients
            if has(findings, &[DraftField::To, DraftField::Cc, DraftField::Bcc]) =>
        {
            return;
        }
        FindingKind::CannotCompose(error) => {
            if findings.iter().any(|f| f.message == error.to_string()) {
                return;
            }
            compose_error_field(error)
        }
        _ => core_field(finding),
    };
    findings.push(DraftFinding {
        field,
        error: finding.severity() == Severity::Error,
        send_only: matches!(finding.kind(), FindingKind::NoRecipients),
        message: finding.message(),
    });
}

fn attachment(file: &DraftFile) -> Result<Attachment, String> {
    let label = &file.filename;
    let result = match file.content_type.trim() {
        "" => Attachment::new(file.filename.clone(), file.bytes.clone()),
        kind => {
            let kind =
                MediaType::parse(kind).map_err(|error| format!("attachment {label:?}: {error}"))?;
            Attachment::with_content_type(file.filename.clone(), kind, file.bytes.clone())
        }
    };
    result.map_err(|error| format!("attachment {label:?}: {error}"))
}

fn inline_image(image: &DraftImage) -> Result<InlineImage, String> {
    let label = &image.content_id;
    let kind = match image.content_type.trim() {
        "" => MediaType::guess_from_filename(&image.filename),
        kind => {
            MediaType::parse(kind).map_err(|error| format!("inline image {label:?}: {error}"))?
        }
    };
    let built = InlineImage::new(&image.content_id, kind, image.bytes.clone());
    let built = match image.filename.trim() {
        "" => built,
        _ => built.and_then(|i| i.with_filename(image.filename.clone())),
    };
    built.map_err(|error| format!("inline image {label:?}: {error}"))
}

fn compose_error_field(error: &ComposeError) -> DraftField {
    match error {
        ComposeError::MissingFrom => DraftField::From,
        ComposeError::Subject(_) => DraftField::Subject,
        ComposeError::InlineImagesWithoutHtml | ComposeError::DuplicateContentId { .. } => {
            DraftField::InlineImages
        }
        ComposeError::AttachedMessageNotMailSafe { .. } => DraftField::Attachments,
        _ => DraftField::Message,
    }
}

fn core_field(finding: &Finding) -> DraftField {
    match finding.field() {
        Field::From => DraftField::From,
        Field::Recipients | Field::Addresses => DraftField::To,
        Field::HtmlBody => DraftField::Html,
        Field::InlineImages => DraftField::InlineImages,
        Field::Attachments => DraftField::Attachments,
        _ => DraftField::Message,
    }
}

/// What is wrong with an address list, naming the entry when the list has several: in forty
/// recipients, "whitespace at byte 822" does not say which one to fix.
fn list_problem(label: &str, text: &str, error: &wasmail_core::address::AddressError) -> String {
    if let Some(quoted) = Mailbox::quoting_suggestion(text) {
        return comma_hint(label, text, &quoted);
    }
    match mailbox::invalid_entry(text) {
        Some((entry, _)) if let Some(bracketed) = Mailbox::bracket_suggestion(entry) => {
            bracket_hint(label, entry, &bracketed)
        }
        Some((entry, entry_error)) if entry.len() < text.trim().len() => {
            format!("{label}: {entry:?}: {entry_error}")
        }
        _ => format!("{label}: {error}"),
    }
}

/// The message for a name before a bare address: the form with angle brackets.
fn bracket_hint(label: &str, text: &str, bracketed: &str) -> String {
    format!("{label}: {text:?}: a name goes before the address in angle brackets: {bracketed}")
}

/// What is wrong with a single mailbox, with the quoted form when a comma in the name broke it.
fn mailbox_problem(label: &str, text: &str, error: &wasmail_core::address::AddressError) -> String {
    if let Some(quoted) = Mailbox::quoting_suggestion(text) {
        return comma_hint(label, text, &quoted);
    }
    match Mailbox::bracket_suggestion(text) {
        Some(bracketed) => bracket_hint(label, text.trim(), &bracketed),
        None => format!("{label}: {error}"),
    }
}

/// The message for a name with an unquoted comma: both readings, since `alice, Bob <b@x>` may
/// be two recipients as well as one name.
fn comma_hint(label: &str, text: &str, quoted: &str) -> String {
    let first = text.split(',').next().unwrap_or_default().trim();
    format!("{label}: {first:?} is no address; if it is part of one name, quote the name: {quoted}")
}
