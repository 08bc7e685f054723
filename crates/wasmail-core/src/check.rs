//! The pre-send check: what would make a message fail or go wrong, reported as data.
//!
//! [`check_message`] looks at a [`Message`] before it is composed; [`check_raw`] at an `.eml`
//! file to be sent as it is. Both return findings, never panic, and take the server's
//! capabilities when known ([`ServerSupport`]) to catch what that server cannot take.

mod finding;
mod raw;

pub use finding::{Field, Finding, FindingKind, Severity};
pub use raw::check_raw;

use crate::context::{ComposeContext, UtcOffset};
use crate::html::cid_references;
use crate::message::{ComposeError, Message};

/// What the receiving server offers, as far as the check cares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServerSupport {
    /// The SIZE limit it announced, in octets; `None` when it announced none.
    pub size_limit: Option<u64>,
    /// Whether it offers 8BITMIME.
    pub eight_bit_mime: bool,
    /// Whether it offers SMTPUTF8.
    pub smtputf8: bool,
}

/// Checks a message before composing and sending it.
///
/// Errors: no From, no recipient, a `cid:` in the HTML without its inline image, what the
/// server cannot take (non-ASCII addresses without SMTPUTF8, 8-bit content without 8BITMIME,
/// a size over its limit), an attached message that cannot be sent. Warnings: inline images
/// the HTML never shows.
pub fn check_message(message: &Message, server: Option<&ServerSupport>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if message.from().is_none() {
        findings.push(Finding::new(FindingKind::MissingFrom));
    }
    if message.recipients().next().is_none() {
        findings.push(Finding::new(FindingKind::NoRecipients));
    }
    if let Some(html) = message.html_body() {
        let referenced = cid_references(html);
        let ids: Vec<&str> = message
            .inline_images()
            .iter()
            .map(|i| i.content_id())
            .collect();
        findings.extend(missing_images(&referenced, &ids));
        for id in ids
            .iter()
            .filter(|id| !referenced.iter().any(|cid| cid == *id))
        {
            let content_id = (*id).to_owned();
            findings.push(Finding::new(FindingKind::UnusedInlineImage { content_id }));
        }
    }
    if let Some(server) = server {
        check_against_server(message, server, &mut findings);
    }
    findings
}

/// A finding for each `cid:` reference that no part's Content-ID answers.
pub(crate) fn missing_images<'a>(
    referenced: &'a [String],
    ids: &'a [&str],
) -> impl Iterator<Item = Finding> + 'a {
    referenced
        .iter()
        .filter(|cid| !ids.contains(&cid.as_str()))
        .map(|cid| {
            Finding::new(FindingKind::MissingInlineImage {
                content_id: cid.clone(),
            })
        })
}

fn check_against_server(message: &Message, server: &ServerSupport, findings: &mut Vec<Finding>) {
    if message.needs_smtputf8() && !server.smtputf8 {
        let addresses = message
            .all_mailboxes()
            .map(|mailbox| mailbox.address())
            .filter(|address| address.needs_smtputf8())
            .map(ToString::to_string)
            .collect();
        findings.push(Finding::new(FindingKind::SmtpUtf8Unsupported { addresses }));
    }
    if message.from().is_none() {
        return; // nothing to compose, so no size to measure
    }
    match measure(message) {
        Ok((size, is_8bit)) => {
            // SMTPUTF8 carries 8-bit content too (RFC 6531 3.1), as the client declares it.
            if is_8bit && !server.eight_bit_mime && !server.smtputf8 && !message.needs_smtputf8() {
                findings.push(Finding::new(FindingKind::EightBitUnsupported));
            }
            if let Some(limit) = server.size_limit.filter(|&limit| size > limit) {
                findings.push(Finding::new(FindingKind::TooLarge { size, limit }));
            }
        }
        Err(error) => findings.push(Finding::new(FindingKind::CannotCompose(error))),
    }
}

/// Composes with a fixed context to learn the size and 8-bitness: exact to within the few
/// octets a real Message-ID domain may add.
fn measure(message: &Message) -> Result<(u64, bool), ComposeError> {
    let mut ctx = ComposeContext::new(0, UtcOffset::UTC, [0; 32], "localhost")
        .expect("a fixed, valid context");
    let composed = message.compose(&mut ctx)?;
    Ok((composed.bytes().len() as u64, composed.is_8bit()))
}
