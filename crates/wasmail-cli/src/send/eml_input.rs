//! `send --eml FILE...`: existing messages, sent byte for byte, with the envelope read from
//! their headers unless the command line gives it.

use std::path::{Path, PathBuf};

use mail_parser::MessageParser;
use wasmail_core::address::Address;
use wasmail_core::check::{Severity, check_raw};
use wasmail_core::message::without_bcc;
use wasmail_core::smtp::Envelope;

use crate::cli::MessageArgs;
use crate::output::stderr_line;
use wasmail_frontend::input::{parse_mailbox, parse_mailboxes, read_bytes};
use wasmail_frontend::{Failure, Outgoing, RunResult};

/// A message to send as it is.
#[derive(Debug, Clone)]
pub struct RawMessage {
    /// The file it came from.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Who it is from and to.
    pub envelope: Envelope,
    /// Its Message-ID as `<id>`, when it has one.
    pub message_id: Option<String>,
}

/// The envelope parts given on the command line, replacing what the headers say.
#[derive(Debug, Default)]
pub struct EnvelopeOverrides {
    reverse_path: Option<Address>,
    recipients: Vec<Address>,
}

impl EnvelopeOverrides {
    /// `--from` replaces the reverse-path; `--to`, `--cc` and `--bcc` together replace the
    /// recipients. Any other message flag is refused: the files are sent unchanged.
    pub fn from_args(args: &MessageArgs) -> RunResult<EnvelopeOverrides> {
        if args.has_content() {
            return Err(Failure::usage(
                "--eml sends files unchanged: only --from, --to, --cc and --bcc (the envelope) \
                 can go with it",
            ));
        }
        let reverse_path = args
            .from
            .as_deref()
            .map(|from| parse_mailbox("--from", from).map(|m| m.address().clone()))
            .transpose()?;
        let mut recipients = Vec::new();
        for (flag, values) in [("--to", &args.to), ("--cc", &args.cc), ("--bcc", &args.bcc)] {
            let mailboxes = parse_mailboxes(flag, values)?;
            recipients.extend(
                mailboxes
                    .into_iter()
                    .map(|mailbox| mailbox.address().clone()),
            );
        }
        Ok(EnvelopeOverrides {
            reverse_path,
            recipients,
        })
    }
}

/// Reads, checks and addresses one file. Check errors stop the run; warnings are printed.
pub fn load_eml(path: &Path, overrides: &EnvelopeOverrides) -> RunResult<RawMessage> {
    let bytes = read_bytes("--eml", path)?;
    let shown = path.display();
    let mut errors = Vec::new();
    for finding in check_raw(&bytes, None) {
        match finding.severity() {
            Severity::Error => errors.push(finding.message()),
            Severity::Warning => {
                stderr_line(&format!("wasmail: warning: {shown}: {}", finding.message()))
            }
        }
    }
    if !errors.is_empty() {
        return Err(Failure::usage(format!(
            "{shown} cannot be sent: {}",
            errors.join("; ")
        )));
    }
    let headers = HeaderEnvelope::read(&bytes, path)?;
    let reverse_path = match &overrides.reverse_path {
        Some(address) => address.clone(),
        None => headers.reverse_path.ok_or_else(|| {
            Failure::usage(format!(
                "{shown} has no usable Sender or From address: give --from"
            ))
        })?,
    };
    let recipients = match overrides.recipients.is_empty() {
        true => headers.recipients,
        false => overrides.recipients.clone(),
    };
    if recipients.is_empty() {
        return Err(Failure::usage(format!(
            "{shown} has no To, Cc or Bcc address: give --to, --cc or --bcc"
        )));
    }
    // The Bcc recipients are in the envelope; the header would show them to everyone.
    let bytes = without_bcc(&bytes).into_owned();
    Ok(RawMessage {
        path: path.to_owned(),
        bytes,
        envelope: Envelope::new(Some(reverse_path), recipients),
        message_id: headers.message_id,
    })
}

impl From<RawMessage> for Outgoing {
    fn from(raw: RawMessage) -> Outgoing {
        Outgoing {
            label: raw.path.display().to_string(),
            message_id: raw.message_id,
            envelope: raw.envelope,
            bytes: raw.bytes,
        }
    }
}

/// The envelope the headers describe.
struct HeaderEnvelope {
    reverse_path: Option<Address>,
    recipients: Vec<Address>,
    /// The file's Message-ID, as `<id>`, for the report.
    message_id: Option<String>,
}

impl HeaderEnvelope {
    fn read(bytes: &[u8], path: &Path) -> RunResult<HeaderEnvelope> {
        let message = MessageParser::new()
            .parse(bytes)
            .ok_or_else(|| Failure::usage(format!("{} is not a mail message", path.display())))?;
        let invalid = |header: &str, value: &str, error: &dyn std::fmt::Display| {
            Failure::usage(format!(
                "{}: the {header} address {value:?} is not valid: {error}; give the envelope \
                 with --from/--to",
                path.display()
            ))
        };
        let parse = |header: &str, value: &str| {
            Address::parse(value).map_err(|error| invalid(header, value, &error))
        };
        // The sender's address is the bounce address; the author's when there is no sender.
        let author = message.sender().or_else(|| message.from());
        let reverse_path = match author.and_then(|list| list.iter().find_map(|a| a.address())) {
            Some(value) => Some(parse("From", value)?),
            None => None,
        };
        let mut recipients = Vec::new();
        let lists = message
            .all_to()
            .map(|list| ("To", list))
            .chain(message.all_cc().map(|list| ("Cc", list)))
            .chain(message.all_bcc().map(|list| ("Bcc", list)));
        for (header, list) in lists {
            for value in list.iter().filter_map(|addr| addr.address()) {
                recipients.push(parse(header, value)?);
            }
        }
        Ok(HeaderEnvelope {
            reverse_path,
            recipients,
            message_id: message.message_id().map(|id| format!("<{id}>")),
        })
    }
}
