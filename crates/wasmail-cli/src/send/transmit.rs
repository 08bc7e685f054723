//! Sending a batch over one connection with the wasmail-net driver, and what the session
//! showed along the way.

use serde_json::{Value, json};
use wasmail_core::smtp::{AuthMechanism, TranscriptLine};
use wasmail_net::{ConnectOptions, NetError, Session, TlsInfo, TlsMode};

use super::outgoing::Outgoing;
use super::progress::Progress;
use super::report::MessageReport;
use crate::commands::written::envelope_json;

/// The result of one session.
#[derive(Debug)]
pub struct Transmission {
    /// `host:port` as connected to.
    pub server: String,
    /// The negotiated TLS, if any.
    pub tls: Option<TlsInfo>,
    /// The AUTH mechanism used, if any.
    pub authenticated_with: Option<AuthMechanism>,
    /// One report per message, in order.
    pub reports: Vec<MessageReport>,
    /// The redacted transcript.
    pub transcript: Vec<TranscriptLine>,
    /// QUIT failed after the messages were handled (their outcomes stand).
    pub quit_error: Option<NetError>,
}

/// Connects, sends every message over the one connection and quits. `Err` means the session
/// never became ready (nothing was sent).
pub fn transmit(
    options: &ConnectOptions,
    batch: Vec<Outgoing>,
    progress: &Progress,
) -> Result<Transmission, NetError> {
    let mut session = Session::connect(options)?;
    let server = format!("{}:{}", options.host_name(), options.effective_port());
    let labels: Vec<(String, Option<String>, usize, Value)> = batch
        .iter()
        .map(|m| {
            (
                m.label.clone(),
                m.message_id.clone(),
                m.bytes.len(),
                envelope_json(&m.envelope),
            )
        })
        .collect();
    let messages = batch.into_iter().map(|m| (m.envelope, m.bytes));
    let outcomes = session.send_many_with(messages, |_, _| progress.advance());
    progress.finish();
    let outcomes = outcomes?;
    let tls = session.tls_info().cloned();
    let authenticated_with = session.authenticated_with();
    let quit_error = session.quit().err();
    let transcript = session.transcript().to_vec();
    let reports = labels
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
        server,
        tls,
        authenticated_with,
        reports,
        transcript,
        quit_error,
    })
}

impl Transmission {
    /// `Connected to ... (TLS 1.3 ..., STARTTLS), authenticated with PLAIN`.
    pub fn connection_line(&self) -> String {
        let security = match &self.tls {
            Some(tls) => format!(
                "{} {}, {}",
                tls.protocol_version,
                tls.cipher_suite,
                mode_name(tls.mode)
            ),
            None => "no TLS".to_owned(),
        };
        let auth = match self.authenticated_with {
            Some(mechanism) => format!(", authenticated with {}", mechanism.name()),
            None => String::new(),
        };
        format!("Sent through {} ({security}){auth}", self.server)
    }

    /// The session facts for JSON output.
    pub fn session_json(&self) -> Value {
        json!({
            "server": self.server,
            "tls": self.tls.as_ref().map(tls_json),
            "authenticated_with": self.authenticated_with.map(AuthMechanism::name),
        })
    }
}

/// `STARTTLS` or `implicit TLS`.
pub fn mode_name(mode: TlsMode) -> &'static str {
    match mode {
        TlsMode::StartTls => "STARTTLS",
        TlsMode::Implicit => "implicit TLS",
    }
}

/// The TLS facts as JSON.
pub fn tls_json(tls: &TlsInfo) -> Value {
    json!({
        "mode": mode_name(tls.mode),
        "version": tls.protocol_version,
        "cipher_suite": tls.cipher_suite,
        "server_name": tls.server_name,
        "certificate": tls.certificate.as_ref().map(|cert| json!({
            "subject": cert.subject,
            "issuer": cert.issuer,
            "not_before": cert.not_before,
            "not_after": cert.not_after,
            "dns_names": cert.dns_names,
            "ip_addresses": cert.ip_addresses.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })),
    })
}
