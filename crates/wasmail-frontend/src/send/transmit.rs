//! Connects, sends every message over the one connection with the wasmail-net driver, and
//! quits, keeping what the report needs.

use serde_json::{Value, json};
use wasmail_core::smtp::TranscriptLine;
use wasmail_net::{ConnectOptions, NetError, Session};

use super::outgoing::Outgoing;
use crate::report::{MessageReport, SessionFacts};
use crate::status::ExitStatus;

/// The result of one session.
#[derive(Debug)]
pub struct Transmission {
    /// Where it connected and how it was secured.
    pub facts: SessionFacts,
    /// One report per message, in order.
    pub reports: Vec<MessageReport>,
    /// The redacted transcript, QUIT included.
    pub transcript: Vec<TranscriptLine>,
    /// QUIT failed after the messages were handled (their outcomes stand).
    pub quit_error: Option<NetError>,
}

/// Sends `batch` and calls `on_outcome` as each message's outcome arrives (for progress
/// displays). `Err` means the session never got to an outcome: nothing was accepted.
pub fn transmit(
    options: &ConnectOptions,
    batch: Vec<Outgoing>,
    mut on_outcome: impl FnMut(),
) -> Result<Transmission, NetError> {
    let mut session = Session::connect(options)?;
    let server = options.server_label();
    let mut reports = Vec::with_capacity(batch.len());
    let mut messages = Vec::with_capacity(batch.len());
    for outgoing in batch {
        reports.push((
            outgoing.label,
            outgoing.message_id,
            outgoing.bytes.len(),
            outgoing.envelope.clone(),
        ));
        messages.push((outgoing.envelope, outgoing.bytes));
    }
    let outcomes = session.send_many_with(messages, |_, _| on_outcome())?;
    // Read before QUIT, which ends the session.
    let facts = SessionFacts::of(&session, server);
    let quit_error = session.quit().err();
    let reports = reports
        .into_iter()
        .zip(outcomes)
        .map(
            |((label, message_id, size, envelope), outcome)| MessageReport {
                label,
                message_id,
                size,
                envelope,
                outcome,
            },
        )
        .collect();
    Ok(Transmission {
        facts,
        reports,
        transcript: session.transcript().to_vec(),
        quit_error,
    })
}

impl Transmission {
    /// The status of the whole run (see [`ExitStatus::combine`]).
    pub fn status(&self) -> ExitStatus {
        let statuses: Vec<ExitStatus> = self
            .reports
            .iter()
            .map(|report| ExitStatus::of(&report.outcome))
            .collect();
        ExitStatus::combine(&statuses)
    }

    /// The warning to show when QUIT did not end the session cleanly (the outcomes stand).
    pub fn quit_warning(&self) -> Option<String> {
        let error = self.quit_error.as_ref()?;
        Some(format!("warning: the session did not end cleanly: {error}"))
    }

    /// The report for people: the connection line, then each message and its recipients.
    pub fn human_lines(&self) -> Vec<String> {
        let mut lines = vec![self.facts.connection_line()];
        for report in &self.reports {
            lines.extend(report.human_lines());
        }
        lines
    }

    /// The report for scripts: the session facts, every message, the status and exit code.
    pub fn to_json(&self) -> Value {
        let status = self.status();
        let mut value = self.facts.to_json();
        value["messages"] = self.reports.iter().map(MessageReport::to_json).collect();
        value["status"] = json!(status.name());
        value["exit_code"] = json!(status.code());
        value
    }
}
