//! Conversions between JavaScript values and the crate's Rust types: plain objects out, checked
//! arguments in, and real `Error`/`TypeError` objects for misuse.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::context::FixedContext;
use crate::draft::DraftFinding;
use crate::view::{HeaderLine, MessageView, MimeNode, PartView};
use wasmail_core::context::parse_entropy_hex;

/// A JS `Error` with `message`.
pub fn error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}

/// A JS `TypeError` with `message`, for arguments of the wrong kind.
pub fn type_error(message: impl AsRef<str>) -> JsValue {
    js_sys::TypeError::new(message.as_ref()).into()
}

/// A string argument; `null` and `undefined` count as empty.
pub fn string(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(String::new());
    }
    value
        .as_string()
        .ok_or_else(|| type_error(format!("{what} must be a string, not {}", type_name(value))))
}

/// A byte argument: a `Uint8Array` (a Node `Buffer` is one) or an `ArrayBuffer`.
pub fn bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(Uint8Array::new(value).to_vec());
    }
    Err(type_error(format!(
        "{what} must be a Uint8Array, not {}",
        type_name(value)
    )))
}

/// An optional options object: `undefined`/`null` is no options, anything else but an object is
/// misuse.
pub fn options(value: &JsValue, what: &str) -> Result<Option<Object>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || value.is_function() || Array::is_array(value) {
        return Err(type_error(format!(
            "{what} must be an object, not {}",
            type_name(value)
        )));
    }
    Ok(Some(value.clone().unchecked_into()))
}

/// `object[key]`, `undefined` when absent.
pub fn get(object: &Object, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An optional string property.
pub fn opt_string(object: &Object, key: &str, what: &str) -> Result<Option<String>, JsValue> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    string(&value, &format!("{what}.{key}")).map(Some)
}

/// An optional boolean property.
pub fn opt_bool(object: &Object, key: &str, what: &str) -> Result<Option<bool>, JsValue> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_bool().map(Some).ok_or_else(|| {
        type_error(format!(
            "{what}.{key} must be a boolean, not {}",
            type_name(&value)
        ))
    })
}

/// An optional array of strings.
pub fn opt_strings(object: &Object, key: &str, what: &str) -> Result<Vec<String>, JsValue> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(&value) {
        return Err(type_error(format!(
            "{what}.{key} must be an array of strings, not {}",
            type_name(&value)
        )));
    }
    Array::from(&value)
        .iter()
        .map(|item| {
            item.as_string()
                .ok_or_else(|| type_error(format!("{what}.{key} must hold only strings")))
        })
        .collect()
}

/// An optional integer property within ±2^53.
fn opt_integer(object: &Object, key: &str, what: &str) -> Result<Option<i64>, JsValue> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_f64() {
        Some(number) if number.is_finite() && number.fract() == 0.0 && number.abs() <= 9.007e15 => {
            Ok(Some(number as i64))
        }
        _ => Err(type_error(format!(
            "{what}.{key} must be an integer number, not {}",
            describe(&value)
        ))),
    }
}

/// The fixed composition context `{unixTime, utcOffsetMinutes, entropyHex, messageIdDomain}`;
/// every field is optional.
pub fn fixed_context(value: &JsValue) -> Result<FixedContext, JsValue> {
    const WHAT: &str = "context";
    let Some(object) = options(value, WHAT)? else {
        return Ok(FixedContext::default());
    };
    let utc_offset_minutes = match opt_integer(&object, "utcOffsetMinutes", WHAT)? {
        Some(minutes) => Some(i32::try_from(minutes).map_err(|_| {
            error(format!(
                "context.utcOffsetMinutes {minutes} is out of range: it must be within ±1439"
            ))
        })?),
        None => None,
    };
    let entropy = match opt_string(&object, "entropyHex", WHAT)? {
        Some(hex) => Some(parse_entropy_hex(&hex).ok_or_else(|| {
            error(format!(
                "context.entropyHex must be 64 hex digits (32 bytes), got {} characters",
                hex.chars().count()
            ))
        })?),
        None => None,
    };
    Ok(FixedContext {
        unix_time: opt_integer(&object, "unixTime", WHAT)?,
        utc_offset_minutes,
        entropy,
        message_id_domain: opt_string(&object, "messageIdDomain", WHAT)?,
    })
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_owned();
    }
    if Array::is_array(value) {
        return "an array".to_owned();
    }
    if value.is_undefined() {
        return "undefined".to_owned();
    }
    if value.is_object() {
        let name = Reflect::get(value, &JsValue::from_str("constructor"))
            .and_then(|constructor| Reflect::get(&constructor, &JsValue::from_str("name")))
            .ok()
            .and_then(|name| name.as_string());
        if let Some(name @ ("Blob" | "File")) = name.as_deref() {
            // A file from a picker: its bytes come from `await file.arrayBuffer()`.
            return format!("a {name} (pass new Uint8Array(await file.arrayBuffer()))");
        }
    }
    value.js_typeof().as_string().map_or_else(
        || "a value of another type".to_owned(),
        |t| match t.as_bytes().first() {
            Some(b'a' | b'e' | b'i' | b'o' | b'u') => format!("an {t}"),
            _ => format!("a {t}"),
        },
    )
}

/// An index argument: a whole number from 0, not a string, fraction or `undefined` that JS
/// would quietly turn into 0.
pub fn index(value: &JsValue, what: &str) -> Result<usize, JsValue> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => Ok(n as usize),
        _ => Err(type_error(format!(
            "{what} must be a whole number from 0, not {}",
            describe(value)
        ))),
    }
}

/// A number as JavaScript writes it (formatted by JS: Rust's float formatting would add
/// kilobytes to the module), or the value's type.
fn describe(value: &JsValue) -> String {
    match value.as_f64() {
        Some(_) => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| "a number".to_owned()),
        None => type_name(value),
    }
}

// ---- Rust values to plain JS objects ----

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn opt(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// An array of JS strings.
pub fn strings<S: AsRef<str>>(items: &[S]) -> JsValue {
    items
        .iter()
        .map(|item| JsValue::from_str(item.as_ref()))
        .collect::<Array>()
        .into()
}

/// `Finding[]`.
pub fn findings(findings: &[DraftFinding]) -> JsValue {
    findings
        .iter()
        .map(|finding| {
            let severity = if finding.error { "error" } else { "warning" };
            object(&[
                ("field", finding.field.as_str().into()),
                ("severity", severity.into()),
                ("sendOnly", finding.send_only.into()),
                ("message", finding.message.as_str().into()),
            ])
        })
        .collect::<Array>()
        .into()
}

/// `{findings, view}` (`view` null when nothing was composed).
pub fn inspection(found: &[DraftFinding], view: JsValue) -> JsValue {
    object(&[("findings", findings(found)), ("view", view)])
}

/// `{name, value}`.
pub fn header_field(name: &str, value: &str) -> JsValue {
    object(&[("name", name.into()), ("value", value.into())])
}

fn headers(lines: &[HeaderLine]) -> JsValue {
    lines
        .iter()
        .map(|line| header_field(&line.name, &line.value))
        .collect::<Array>()
        .into()
}

/// `FileInfo`.
pub fn file_info(
    filename: &str,
    content_type: &str,
    size: usize,
    content_id: Option<&str>,
) -> JsValue {
    object(&[
        ("filename", filename.into()),
        ("contentType", content_type.into()),
        ("size", (size as f64).into()),
        ("contentId", opt(content_id)),
    ])
}

fn mime_node(node: &MimeNode) -> JsValue {
    let children: Array = node.children.iter().map(mime_node).collect();
    object(&[
        ("contentType", node.content_type.as_str().into()),
        ("charset", opt(node.charset.as_deref())),
        ("disposition", opt(node.disposition.as_deref())),
        ("filename", opt(node.filename.as_deref())),
        ("contentId", opt(node.content_id.as_deref())),
        ("transferEncoding", node.transfer_encoding.as_str().into()),
        ("size", (node.size as f64).into()),
        ("children", children.into()),
    ])
}

fn part(part: &PartView) -> JsValue {
    object(&[
        ("filename", opt(part.filename.as_deref())),
        ("contentType", part.content_type.as_str().into()),
        ("contentId", opt(part.content_id.as_deref())),
        ("inline", part.inline.into()),
        ("size", (part.size as f64).into()),
    ])
}

/// `MessageView`; `bcc` lists the envelope-only recipients of a draft.
pub fn message_view(view: &MessageView, bcc: &[String]) -> JsValue {
    let parts: Array = view.parts.iter().map(part).collect();
    object(&[
        ("headers", headers(&view.headers)),
        ("subject", view.subject.as_str().into()),
        ("from", strings(&view.from)),
        ("to", strings(&view.to)),
        ("cc", strings(&view.cc)),
        ("bcc", strings(bcc)),
        ("replyTo", strings(&view.reply_to)),
        ("date", opt(view.date.as_deref())),
        ("messageId", opt(view.message_id.as_deref())),
        ("inReplyTo", strings(&view.in_reply_to)),
        ("references", strings(&view.references)),
        ("text", opt(view.text.as_deref())),
        ("html", opt(view.html.as_deref())),
        (
            "blockedRemoteImages",
            (view.blocked_remote_images as f64).into(),
        ),
        ("removedActive", (view.removed_active as f64).into()),
        ("removedStyles", (view.removed_styles as f64).into()),
        ("parts", parts.into()),
        ("tree", mime_node(&view.tree)),
        ("size", (view.size as f64).into()),
        ("source", view.source.as_str().into()),
        ("sourceOmitted", (view.source_omitted as f64).into()),
    ])
}
