//! Checking an `.eml` file that is sent as it is.

use mail_parser::{MessageParser, MimeHeaders};

use crate::message::raw_headers::starts_like_a_message;

use super::{Finding, FindingKind, ServerSupport, missing_images};
use crate::html::cid_references;
use crate::message::part_encoding::MAX_LINE_OCTETS;

/// Checks raw message bytes before sending them unchanged.
///
/// Errors: lines over 998 octets, NUL bytes, a missing From header, `cid:` references
/// without their part, input that is no message, and what the server cannot take (raw UTF-8
/// headers without SMTPUTF8, 8-bit bytes without 8BITMIME, a size over its limit). Warnings:
/// bare CR or LF line ends (sending turns them into CRLF), no recipient headers, inline
/// parts the HTML never shows.
pub fn check_raw(bytes: &[u8], server: Option<&ServerSupport>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let lines = scan_lines(bytes);
    if let Some((line, octets)) = lines.first_long_line {
        let count = lines.long_lines;
        findings.push(Finding::new(FindingKind::LineTooLong {
            line,
            octets,
            count,
        }));
    }
    if let Some(line) = lines.first_bare_line_end {
        let count = lines.bare_line_ends;
        findings.push(Finding::new(FindingKind::BareLineEnd { line, count }));
    }
    if let Some(line) = lines.first_nul {
        findings.push(Finding::new(FindingKind::NulByte { line }));
    }
    check_structure(bytes, &mut findings);
    if let Some(server) = server {
        let header_end = header_section_len(bytes);
        if !bytes[..header_end].is_ascii() && !server.smtputf8 {
            let addresses = Vec::new();
            findings.push(Finding::new(FindingKind::SmtpUtf8Unsupported { addresses }));
        } else if !bytes.is_ascii() && !server.eight_bit_mime && !server.smtputf8 {
            findings.push(Finding::new(FindingKind::EightBitUnsupported));
        }
        // Sending turns every bare line end into CRLF, one octet more each.
        let size = (bytes.len() + lines.bare_line_ends) as u64;
        if let Some(limit) = server.size_limit.filter(|&limit| size > limit) {
            findings.push(Finding::new(FindingKind::TooLarge { size, limit }));
        }
    }
    findings
}

/// Line facts gathered in one pass; lines are counted from 1 and end at LF or a bare CR.
#[derive(Default)]
struct LineScan {
    first_long_line: Option<(usize, usize)>,
    long_lines: usize,
    first_bare_line_end: Option<usize>,
    bare_line_ends: usize,
    first_nul: Option<usize>,
}

fn scan_lines(bytes: &[u8]) -> LineScan {
    let mut scan = LineScan::default();
    let mut line = 1;
    let mut line_start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == 0 && scan.first_nul.is_none() {
            scan.first_nul = Some(line);
        }
        let end = match byte {
            b'\r' if bytes.get(index + 1) == Some(&b'\n') => Some((index, 2, false)),
            b'\r' => Some((index, 1, true)),
            b'\n' => Some((index, 1, true)),
            _ => None,
        };
        if let Some((end, width, bare)) = end {
            scan.line_ended(line, end - line_start, bare);
            line += 1;
            index = end + width;
            line_start = index;
        } else {
            index += 1;
        }
    }
    if line_start < bytes.len() {
        scan.line_ended(line, bytes.len() - line_start, false);
    }
    scan
}

impl LineScan {
    fn line_ended(&mut self, line: usize, octets: usize, bare: bool) {
        if octets > MAX_LINE_OCTETS {
            self.long_lines += 1;
            self.first_long_line.get_or_insert((line, octets));
        }
        if bare {
            self.bare_line_ends += 1;
            self.first_bare_line_end.get_or_insert(line);
        }
    }
}

/// Length of the header section: up to the first empty line, or all of it.
fn header_section_len(bytes: &[u8]) -> usize {
    let mut at_line_start = true;
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\n' if at_line_start => return index,
            b'\n' => at_line_start = true,
            b'\r' => {}
            _ => at_line_start = false,
        }
    }
    bytes.len()
}

/// From, recipients and `cid:` references, read with mail-parser.
fn check_structure(bytes: &[u8], findings: &mut Vec<Finding>) {
    let parsed = MessageParser::new()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty() && starts_like_a_message(bytes));
    let Some(message) = parsed else {
        findings.push(Finding::new(FindingKind::NotAMessage));
        return;
    };
    if message.from().is_none_or(|from| from.first().is_none()) {
        findings.push(Finding::new(FindingKind::MissingFrom));
    }
    if message.to().is_none() && message.cc().is_none() && message.bcc().is_none() {
        findings.push(Finding::new(FindingKind::NoRecipientHeaders));
    }
    if message.header(mail_parser::HeaderName::Date).is_none() {
        findings.push(Finding::new(FindingKind::MissingDate));
    }
    if message.message_id().is_none() {
        findings.push(Finding::new(FindingKind::MissingMessageId));
    }
    let referenced: Vec<String> = message
        .html_bodies()
        .filter_map(|part| match &part.body {
            mail_parser::PartType::Html(html) => Some(cid_references(html)),
            _ => None,
        })
        .flatten()
        .collect();
    let ids: Vec<&str> = message
        .parts
        .iter()
        .filter_map(|part| part.content_id())
        .collect();
    // Raw messages often carry Content-IDs on parts no HTML shows (calendar invitations,
    // signatures), so only references without a part are reported, not the reverse.
    findings.extend(missing_images(&referenced, &ids));
}
