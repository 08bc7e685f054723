//! Looking at a server without sending mail: greeting, extensions before and after TLS, TLS
//! parameters, AUTH mechanisms.

use wasmail_core::smtp::{AuthMechanism, Capabilities, Direction, TranscriptLine};

use crate::error::NetError;
use crate::options::ConnectOptions;
use crate::session::Session;
use crate::tls::TlsInfo;

/// What a server showed of itself in one session.
#[derive(Clone, Debug)]
pub struct ProbeReport {
    /// The greeting's text lines, without the 220 code.
    pub greeting: Vec<String>,
    /// The EHLO extensions before STARTTLS (`None` without STARTTLS).
    pub capabilities_before_tls: Option<Capabilities>,
    /// The EHLO extensions the session ended with (after TLS when secured).
    pub capabilities: Option<Capabilities>,
    /// The negotiated TLS parameters and certificate summary, if secured.
    pub tls: Option<TlsInfo>,
    /// Every AUTH mechanism offered, by name, in the server's order.
    pub auth_mechanisms: Vec<String>,
    /// The mechanism used, when credentials were given and accepted.
    pub authenticated_with: Option<AuthMechanism>,
    /// The whole redacted transcript.
    pub transcript: Vec<TranscriptLine>,
}

/// A probe that failed, with what the server had shown by then.
#[derive(Debug)]
pub struct ProbeFailure {
    /// What went wrong.
    pub error: NetError,
    /// The greeting, extensions and transcript up to the failure; `None` when no connection
    /// was made (a name that does not resolve, a refused connection, a failed implicit TLS
    /// handshake).
    pub partial: Option<Box<ProbeReport>>,
}

impl std::fmt::Display for ProbeFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for ProbeFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Connects as `options` say (securing and authenticating likewise), records what the server
/// offers, and ends with QUIT. No message is sent. When a step fails (an untrusted
/// certificate, no STARTTLS, a refused login), the failure keeps what was seen before it.
pub fn probe(options: &ConnectOptions) -> Result<ProbeReport, ProbeFailure> {
    let mut session =
        Session::connect_keeping(options).map_err(|(error, session)| ProbeFailure {
            error,
            partial: session.map(|session| Box::new(report_of(&session))),
        })?;
    let report = report_of(&session);
    if let Err(error) = session.quit() {
        return Err(ProbeFailure {
            error,
            partial: Some(Box::new(report)),
        });
    }
    // The transcript again, with the QUIT exchange.
    Ok(ProbeReport {
        transcript: session.transcript().to_vec(),
        ..report
    })
}

/// What the session has shown so far.
fn report_of(session: &Session) -> ProbeReport {
    let capabilities = session.capabilities().cloned();
    let transcript = session.transcript().to_vec();
    ProbeReport {
        greeting: greeting_lines(&transcript),
        capabilities_before_tls: session.capabilities_before_tls().cloned(),
        auth_mechanisms: capabilities.as_ref().map(auth_names).unwrap_or_default(),
        capabilities,
        tls: session.tls_info().cloned(),
        authenticated_with: session.authenticated_with(),
        transcript,
    }
}

/// Mechanisms the client knows and those it does not, in one list.
fn auth_names(capabilities: &Capabilities) -> Vec<String> {
    let known = capabilities
        .auth_mechanisms()
        .iter()
        .map(|m| m.name().to_owned());
    known
        .chain(capabilities.other_auth_mechanisms().iter().cloned())
        .collect()
}

/// The first server reply in the transcript: `220-first`, ..., `220 last`.
fn greeting_lines(transcript: &[TranscriptLine]) -> Vec<String> {
    let mut lines = Vec::new();
    for line in transcript
        .iter()
        .filter(|l| l.direction == Direction::Server)
    {
        let text = line.text.get(4..).unwrap_or_default().to_owned();
        lines.push(text);
        if line.text.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmail_core::smtp::Time;

    fn line(direction: Direction, text: &str) -> TranscriptLine {
        TranscriptLine {
            at: Time::ZERO,
            direction,
            text: text.to_owned(),
        }
    }

    #[test]
    fn greeting_is_the_first_reply() {
        let transcript = [
            line(Direction::Server, "220-mx.example ESMTP"),
            line(Direction::Server, "220 no UCE"),
            line(Direction::Client, "EHLO localhost"),
            line(Direction::Server, "250 mx.example"),
        ];
        assert_eq!(greeting_lines(&transcript), ["mx.example ESMTP", "no UCE"]);
        assert_eq!(greeting_lines(&[line(Direction::Server, "220")]), [""]);
    }
}
