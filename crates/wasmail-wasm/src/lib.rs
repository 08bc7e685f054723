//! wasmail-wasm: the browser and Node face of wasmail, a thin wasm-bindgen layer over
//! `wasmail-core`.
//!
//! JavaScript fills a [`Draft`] (addresses as text, bodies, files as `Uint8Array`, extra
//! headers), asks it for findings ([`Draft::validate`], which never throws for what the user
//! typed), a preview as recipients will see it ([`Draft::preview`]) and the message bytes
//! ([`Draft::to_eml`]). [`import_eml`] reads a message to view it and to start a reply,
//! reply-all or forward draft through the core's reply composer.
//!
//! The core reads no clock and draws no randomness: this crate supplies them. The date and UTC
//! offset come from JavaScript's `Date`; entropy comes from `crypto.getRandomValues` (getrandom
//! with `wasm_js`), drawn once per draft, so a draft keeps its Message-ID and boundaries while it
//! is edited. A caller may fix any of them with a context object
//! `{unixTime, utcOffsetMinutes, entropyHex, messageIdDomain}`: with all four fixed, the same
//! draft composes to the same bytes as `wasmail compose` with `--date`, `--utc-offset`,
//! `--seed` and `--message-id-domain`.
//!
//! Misuse (an argument of the wrong type, a bad context, composing a draft that has errors)
//! throws a JavaScript `TypeError` or `Error` with a sentence saying what is wrong.

mod context;
mod draft;
mod js;
mod platform;
mod source;
mod view;

pub use context::{FixedContext, Now};
pub use draft::{DraftField, DraftFile, DraftFinding, DraftImage, DraftModel};
pub use view::{HeaderLine, MessageView, MimeNode, PartView, Structure};

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasmail_core::address::Address;
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::ComposedMessage;
use wasmail_core::reply::{ForwardMode, ForwardOptions, Parent, ReplyOptions};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A field of a Draft that a finding is about ("message" for the message as a whole). */
export type DraftField =
  | "from" | "to" | "cc" | "bcc" | "replyTo" | "subject" | "text" | "html"
  | "attachments" | "inlineImages" | "headers" | "message";

/** One problem found by Draft.validate(). Errors prevent composing; warnings do not. */
export interface Finding {
  field: DraftField;
  severity: "error" | "warning";
  /** An error for sending only (no recipient yet): the draft can still be previewed and saved. */
  sendOnly: boolean;
  message: string;
}

/**
 * Fixes what composing otherwise takes from the environment. Every field is optional.
 * unixTime: seconds since 1970 (default: now); utcOffsetMinutes: minutes east of UTC
 * (default: the local zone); entropyHex: 64 hex digits (default: drawn once per draft from
 * crypto.getRandomValues); messageIdDomain: default the From address's domain.
 */
export interface ComposeContext {
  unixTime?: number;
  utcOffsetMinutes?: number;
  entropyHex?: string;
  messageIdDomain?: string;
}

/** What Draft.inspect() finds: the findings, and the preview unless an error stops it. */
export interface Inspection {
  findings: Finding[];
  view: MessageView | null;
}

/** A header line. */
export interface HeaderField {
  name: string;
  value: string;
}

/** A file in a draft. contentId is set for inline images only. */
export interface FileInfo {
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
}

/** One MIME part; size is the decoded size in bytes (0 for a multipart). */
export interface MimeNode {
  contentType: string;
  charset: string | null;
  disposition: string | null;
  filename: string | null;
  contentId: string | null;
  transferEncoding: string;
  size: number;
  children: MimeNode[];
}

/** An attachment or inline part of a message. */
export interface PartInfo {
  filename: string | null;
  contentType: string;
  contentId: string | null;
  inline: boolean;
  size: number;
}

/**
 * A message as its reader sees it. html is the HTML body made safe by the sanitizer (no
 * script, no event handlers, no remote loads; cid: images as data: URLs), null for a
 * text-only message. bcc lists a draft's blind copies, which are not in the message.
 */
export interface MessageView {
  headers: HeaderField[];
  subject: string;
  from: string[];
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  date: string | null;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  text: string | null;
  html: string | null;
  blockedRemoteImages: number;
  /** Scripts, event handlers and script links left out of html: no mail reader runs them. */
  removedActive: number;
  /** Style sheets left out of html; many mail readers apply them. */
  removedStyles: number;
  parts: PartInfo[];
  tree: MimeNode;
  size: number;
  /**
   * The message as text for display: each run of more than 100 base64 lines (an attachment's
   * body, say) shows its first 10 and last 2 lines around a "[... N lines of base64 (M
   * octets) not shown ...]" line. toEml() gives the whole message.
   */
  source: string;
  /** Octets of the message left out of source (0: source is the whole message). */
  sourceOmitted: number;
}

/** What a reply says. from is the sender (also left out of the recipients). */
export interface ReplyOptions {
  from?: string;
  text?: string;
  html?: string;
  ownAddresses?: string[];
}

/** What a forward says; asAttachment sends the original as message/rfc822. */
export interface ForwardOptions {
  from?: string;
  text?: string;
  html?: string;
  asAttachment?: boolean;
}
"#;

/// A message being written. Every field holds what the user typed; nothing is parsed until
/// [`Draft::validate`], [`Draft::preview`] or [`Draft::to_eml`].
#[wasm_bindgen]
#[derive(Debug)]
pub struct Draft {
    model: DraftModel,
    entropy: [u8; 32],
}

macro_rules! text_property {
    ($get:ident, $set:ident, $field:ident, $js:literal) => {
        #[wasm_bindgen]
        impl Draft {
            #[doc = concat!("The `", $js, "` field as typed.")]
            #[wasm_bindgen(getter = $js)]
            pub fn $get(&self) -> String {
                self.model.$field.clone()
            }

            #[doc = concat!("Sets the `", $js, "` field (`null` clears it).")]
            #[wasm_bindgen(setter = $js)]
            pub fn $set(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
            ) -> Result<(), JsValue> {
                self.model.$field = js::string(&value, concat!("Draft.", $js))?;
                Ok(())
            }
        }
    };
}

text_property!(from_field, set_from_field, from, "from");
text_property!(to_field, set_to_field, to, "to");
text_property!(cc_field, set_cc_field, cc, "cc");
text_property!(bcc_field, set_bcc_field, bcc, "bcc");
text_property!(reply_to_field, set_reply_to_field, reply_to, "replyTo");
text_property!(subject_field, set_subject_field, subject, "subject");

macro_rules! body_property {
    ($get:ident, $set:ident, $field:ident, $js:literal) => {
        #[wasm_bindgen]
        impl Draft {
            #[doc = concat!("The `", $js, "` part, `null` when the message has none.")]
            #[wasm_bindgen(getter = $js, unchecked_return_type = "string | null")]
            pub fn $get(&self) -> JsValue {
                self.model
                    .$field
                    .as_deref()
                    .map_or(JsValue::NULL, JsValue::from_str)
            }

            #[doc = concat!(
                "Sets the `", $js, "` part; `null` removes it, an empty string is an empty part."
            )]
            #[wasm_bindgen(setter = $js)]
            pub fn $set(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "string | null")] value: JsValue,
            ) -> Result<(), JsValue> {
                self.model.$field = if value.is_null() || value.is_undefined() {
                    None
                } else {
                    Some(js::string(&value, concat!("Draft.", $js))?)
                };
                Ok(())
            }
        }
    };
}

body_property!(text_field, set_text_field, text, "text");
body_property!(html_field, set_html_field, html, "html");

#[wasm_bindgen]
impl Draft {
    /// An empty draft, with fresh entropy for its Message-ID and MIME boundaries.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Draft, JsValue> {
        Draft::with_model(DraftModel::default())
    }

    /// The Message-IDs this draft replies to, as `<id>` (set by reply and reply-all).
    #[wasm_bindgen(getter = inReplyTo, unchecked_return_type = "string[]")]
    pub fn in_reply_to(&self) -> JsValue {
        let ids: Vec<String> = self
            .model
            .in_reply_to
            .iter()
            .map(|id| id.to_string())
            .collect();
        js::strings(&ids)
    }

    /// The thread's Message-IDs, oldest first, as `<id>` (set by reply and forward).
    #[wasm_bindgen(getter = references, unchecked_return_type = "string[]")]
    pub fn references(&self) -> JsValue {
        let ids: Vec<String> = self
            .model
            .references
            .iter()
            .map(|id| id.to_string())
            .collect();
        js::strings(&ids)
    }

    /// Adds a file. `contentType` may be empty: the type is then guessed from the name.
    /// Returns the number of attachments.
    #[wasm_bindgen(js_name = addAttachment)]
    #[allow(non_snake_case)]
    pub fn add_attachment(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] filename: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] contentType: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<u32, JsValue> {
        const WHAT: &str = "addAttachment";
        let file = DraftFile {
            filename: js::string(&filename, &format!("{WHAT}: filename"))?,
            content_type: js::string(&contentType, &format!("{WHAT}: contentType"))?,
            bytes: js::bytes(&bytes, &format!("{WHAT}: bytes"))?,
        };
        self.model.attachments.push(file);
        Ok(self.model.attachments.len() as u32)
    }

    /// Removes the attachment at `index` (0-based, in the order of `attachments`).
    #[wasm_bindgen(js_name = removeAttachment)]
    pub fn remove_attachment(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
    ) -> Result<(), JsValue> {
        let index = js::index(&index, "removeAttachment: index")?;
        if index >= self.model.attachments.len() {
            return Err(js::error(format!(
                "removeAttachment: there is no attachment {index}; the draft has {}",
                self.model.attachments.len()
            )));
        }
        self.model.attachments.remove(index);
        Ok(())
    }

    /// The attachments, in order.
    #[wasm_bindgen(getter, unchecked_return_type = "FileInfo[]")]
    pub fn attachments(&self) -> JsValue {
        self.model
            .attachments
            .iter()
            .map(|file| {
                let kind = match file.content_type.trim() {
                    "" => wasmail_core::message::MediaType::guess_from_filename(&file.filename)
                        .as_str()
                        .to_owned(),
                    kind => kind.to_ascii_lowercase(),
                };
                js::file_info(&file.filename, &kind, file.bytes.len(), None)
            })
            .collect::<js_sys::Array>()
            .into()
    }

    /// Adds an image the HTML shows as `<img src="cid:CONTENT_ID">`, replacing one with the
    /// same Content-ID. `contentType` may be empty: it is then guessed from the file name.
    #[wasm_bindgen(js_name = addInlineImage)]
    #[allow(non_snake_case)]
    pub fn add_inline_image(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] contentId: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] filename: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] contentType: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        const WHAT: &str = "addInlineImage";
        let image = DraftImage {
            content_id: js::string(&contentId, &format!("{WHAT}: contentId"))?,
            filename: js::string(&filename, &format!("{WHAT}: filename"))?,
            content_type: js::string(&contentType, &format!("{WHAT}: contentType"))?,
            bytes: js::bytes(&bytes, &format!("{WHAT}: bytes"))?,
        };
        let images = &mut self.model.inline_images;
        match images.iter_mut().find(|i| i.content_id == image.content_id) {
            Some(existing) => *existing = image,
            None => images.push(image),
        }
        Ok(())
    }

    /// Removes the inline image with this Content-ID; returns whether there was one.
    #[wasm_bindgen(js_name = removeInlineImage)]
    #[allow(non_snake_case)]
    pub fn remove_inline_image(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] contentId: JsValue,
    ) -> Result<bool, JsValue> {
        let id = js::string(&contentId, "removeInlineImage: contentId")?;
        let before = self.model.inline_images.len();
        self.model
            .inline_images
            .retain(|image| image.content_id != id);
        Ok(self.model.inline_images.len() != before)
    }

    /// The inline images, in order.
    #[wasm_bindgen(getter = inlineImages, unchecked_return_type = "FileInfo[]")]
    pub fn inline_images(&self) -> JsValue {
        self.model
            .inline_images
            .iter()
            .map(|image| {
                let kind = match image.content_type.trim() {
                    "" => wasmail_core::message::MediaType::guess_from_filename(&image.filename)
                        .as_str()
                        .to_owned(),
                    kind => kind.to_ascii_lowercase(),
                };
                js::file_info(
                    &image.filename,
                    &kind,
                    image.bytes.len(),
                    Some(&image.content_id),
                )
            })
            .collect::<js_sys::Array>()
            .into()
    }

    /// Sets an extra header such as `X-Campaign`, replacing one of the same name (names
    /// compare without case). Problems with the name or value are reported by `validate()`.
    #[wasm_bindgen(js_name = setHeader)]
    pub fn set_header(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<(), JsValue> {
        let name = js::string(&name, "setHeader: name")?;
        let value = js::string(&value, "setHeader: value")?;
        let headers = &mut self.model.headers;
        match headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
        {
            Some(existing) => *existing = (name, value),
            None => headers.push((name, value)),
        }
        Ok(())
    }

    /// Adds an extra header after the others, keeping any of the same name (for headers that
    /// may repeat, such as `Comments` or `X-Tag`). Problems are reported by `validate()`.
    #[wasm_bindgen(js_name = addHeader)]
    pub fn add_header(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<(), JsValue> {
        let name = js::string(&name, "addHeader: name")?;
        let value = js::string(&value, "addHeader: value")?;
        self.model.headers.push((name, value));
        Ok(())
    }

    /// Removes every extra header called `name`; returns whether there was one.
    #[wasm_bindgen(js_name = removeHeader)]
    pub fn remove_header(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<bool, JsValue> {
        let name = js::string(&name, "removeHeader: name")?;
        let before = self.model.headers.len();
        self.model
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        Ok(self.model.headers.len() != before)
    }

    /// The extra headers, in order.
    #[wasm_bindgen(getter, unchecked_return_type = "HeaderField[]")]
    pub fn headers(&self) -> JsValue {
        self.model
            .headers
            .iter()
            .map(|(name, value)| js::header_field(name, value))
            .collect::<js_sys::Array>()
            .into()
    }

    /// Every problem with the draft, as data: addresses that do not parse, no From, no
    /// recipient, a subject or header with a line break, `cid:` images that are missing or
    /// unused, files that cannot be sent. Never throws.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn validate(&self) -> JsValue {
        js::findings(&self.model.validate())
    }

    /// The message as recipients will see it, composed with `context` (see `toEml`). Throws an
    /// `Error` when the draft has errors; call `validate()` to show them.
    #[wasm_bindgen(unchecked_return_type = "MessageView")]
    pub fn preview(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ComposeContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let composed = self.compose(&context, "preview")?;
        self.view_of(&composed)
    }

    /// `validate()` and `preview()` at the cost of one composition, for a page that shows
    /// both as the user types: `view` is null when an error stops composing. Throws only for
    /// a malformed `context`.
    #[wasm_bindgen(unchecked_return_type = "Inspection")]
    pub fn inspect(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ComposeContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let fixed = js::fixed_context(&context)?;
        let inspected = self
            .model
            .inspect(|from| context::resolve(&fixed, Now::from_environment(), self.entropy, from))
            .map_err(js::error)?;
        let view = match &inspected.composed {
            Some(composed) => self.view_of(composed)?,
            None => JsValue::NULL,
        };
        Ok(js::inspection(&inspected.findings, view))
    }

    /// The message as RFC 5322 bytes with CRLF line ends, for a `.eml` download. The date,
    /// UTC offset, entropy and Message-ID domain come from `context` where given, else from
    /// `Date`, the draft's entropy and the From domain. Throws an `Error` when the draft has
    /// errors (a draft without recipients can still be saved).
    #[wasm_bindgen(js_name = toEml)]
    pub fn to_eml(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ComposeContext")] context: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let composed = self.compose(&context, "toEml")?;
        Ok(Uint8Array::from(composed.bytes()))
    }
}

impl Draft {
    fn with_model(model: DraftModel) -> Result<Draft, JsValue> {
        let entropy = context::fresh_entropy().map_err(js::error)?;
        Ok(Draft { model, entropy })
    }

    /// The composed message as its reader sees it, with the draft's blind copies beside it.
    fn view_of(&self, composed: &ComposedMessage) -> Result<JsValue, JsValue> {
        let view = MessageView::parse(composed.bytes()).map_err(|e| js::error(e.to_string()))?;
        let bcc = match wasmail_core::mailbox::parse_list(&self.model.bcc) {
            Ok(list) => list.iter().map(ToString::to_string).collect(),
            Err(_) => Vec::new(),
        };
        Ok(js::message_view(&view, &bcc))
    }

    fn compose(&self, context: &JsValue, what: &str) -> Result<ComposedMessage, JsValue> {
        let fixed = js::fixed_context(context)?;
        let message = self.model.message().map_err(|errors| {
            let reasons: Vec<&str> = errors.iter().map(|f| f.message.as_str()).collect();
            js::error(format!(
                "{what}: the draft cannot be composed: {}",
                reasons.join("; ")
            ))
        })?;
        let mut ctx = context::resolve(
            &fixed,
            Now::from_environment(),
            self.entropy,
            message.from(),
        )
        .map_err(js::error)?;
        message
            .compose(&mut ctx)
            .map_err(|error| js::error(format!("{what}: the draft cannot be composed: {error}")))
    }
}

/// A message read from its bytes, to view and to answer.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ImportedMessage {
    parent: Parent,
    /// Read with the parent, so that viewing does not parse the bytes again.
    structure: Structure,
}

#[wasm_bindgen]
impl ImportedMessage {
    /// The message as its reader sees it.
    #[wasm_bindgen(unchecked_return_type = "MessageView")]
    pub fn view(&self) -> JsValue {
        let view = MessageView::with_structure(&self.parent, self.structure.clone());
        js::message_view(&view, &[])
    }

    /// The subject, decoded (empty when there is none).
    #[wasm_bindgen(getter)]
    pub fn subject(&self) -> String {
        self.parent.subject().to_owned()
    }

    /// The Message-ID as `<id>`, or `null`.
    #[wasm_bindgen(getter = messageId, unchecked_return_type = "string | null")]
    pub fn message_id(&self) -> JsValue {
        match self.parent.message_id() {
            Some(id) => JsValue::from_str(&id.to_string()),
            None => JsValue::NULL,
        }
    }

    /// A reply to the sender (Reply-To, else From): `Re:` subject, In-Reply-To and
    /// References, the text quoted below `options.text` and the HTML in a Gmail-style quote.
    pub fn reply(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ReplyOptions")] options: JsValue,
    ) -> Result<Draft, JsValue> {
        self.reply_draft(&options, false, "reply")
    }

    /// A reply to the sender and every other recipient (To and Cc become Cc), without
    /// `options.from` and `options.ownAddresses`.
    #[wasm_bindgen(js_name = replyAll)]
    pub fn reply_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ReplyOptions")] options: JsValue,
    ) -> Result<Draft, JsValue> {
        self.reply_draft(&options, true, "replyAll")
    }

    /// A forward without recipients: `Fwd:` subject, References, the original quoted with its
    /// attachments, or attached whole with `asAttachment`.
    pub fn forward(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ForwardOptions")] options: JsValue,
    ) -> Result<Draft, JsValue> {
        let what = "forward(options)";
        let answer = AnswerOptions::read(&options, what)?;
        let as_attachment = match &answer.object {
            Some(o) => js::opt_bool(o, "asAttachment", what)?.unwrap_or(false),
            None => false,
        };
        let forward = ForwardOptions {
            mode: if as_attachment {
                ForwardMode::Attachment
            } else {
                ForwardMode::Inline
            },
            from: answer.from.clone(),
            text: answer.text,
            html: answer.html,
        };
        let message = self
            .parent
            .forward(&forward)
            .map_err(|error| js::error(format!("forward: {error}")))?;
        draft_from(&message, answer.unparsed_from)
    }
}

impl ImportedMessage {
    fn reply_draft(&self, options: &JsValue, all: bool, name: &str) -> Result<Draft, JsValue> {
        let what = format!("{name}(options)");
        let answer = AnswerOptions::read(options, &what)?;
        let own = match &answer.object {
            Some(o) => js::opt_strings(o, "ownAddresses", &what)?,
            None => Vec::new(),
        };
        let reply = ReplyOptions {
            all,
            own_addresses: own
                .iter()
                .filter_map(|a| Mailbox::parse(a.trim()).ok())
                .map(|m| m.address().clone())
                .collect::<Vec<Address>>(),
            from: answer.from.clone(),
            text: answer.text,
            html: answer.html,
        };
        let message = self
            .parent
            .reply(&reply)
            .map_err(|error| js::error(format!("{name}: {error}")))?;
        draft_from(&message, answer.unparsed_from)
    }
}

/// What reply and forward options share: `{from, text, html}`.
struct AnswerOptions {
    /// The options object, for the keys only one of them has.
    object: Option<js_sys::Object>,
    from: Option<Mailbox>,
    /// `from` as typed when it does not parse, so the draft keeps it for the user to fix.
    unparsed_from: Option<String>,
    text: String,
    html: Option<String>,
}

impl AnswerOptions {
    fn read(value: &JsValue, what: &str) -> Result<AnswerOptions, JsValue> {
        let object = js::options(value, what)?;
        let get_string = |key| match &object {
            Some(o) => js::opt_string(o, key, what),
            None => Ok(None),
        };
        let from_text = get_string("from")?.unwrap_or_default();
        let text = get_string("text")?.unwrap_or_default();
        let html = get_string("html")?;
        let from = Mailbox::parse(from_text.trim()).ok();
        Ok(AnswerOptions {
            unparsed_from: from.is_none().then_some(from_text),
            object,
            from,
            text,
            html,
        })
    }
}

/// A draft holding `message`; a From the core could not take is kept as typed, so that
/// `validate()` points at it.
fn draft_from(
    message: &wasmail_core::message::Message,
    unparsed_from: Option<String>,
) -> Result<Draft, JsValue> {
    let mut model = DraftModel::from_message(message);
    if let Some(from) = unparsed_from.filter(|f| !f.trim().is_empty()) {
        model.from = from;
    }
    Draft::with_model(model)
}

/// Reads a message (an `.eml` file's bytes) to view it and to reply to or forward it. Throws
/// an `Error` when the bytes hold no message at all.
#[wasm_bindgen(js_name = importEml)]
pub fn import_eml(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<ImportedMessage, JsValue> {
    let bytes = js::bytes(&bytes, "importEml: bytes")?;
    let (parent, structure) =
        Structure::read(&bytes).map_err(|error| js::error(format!("importEml: {error}")))?;
    Ok(ImportedMessage { parent, structure })
}
