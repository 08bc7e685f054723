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

/// Connects as `options` say (securing and authenticating likewise), records what the server
/// offers, and ends with QUIT. No message is sent.
pub fn probe(options: &ConnectOptions) -> Result<ProbeReport, NetError> {
    let mut session = Session::connect(options)?;
    let capabilities = session.capabilities().cloned();
    let auth_mechanisms = capabilities.as_ref().map(auth_names).unwrap_or_default();
    let mut report = ProbeReport {
        greeting: Vec::new(),
        capabilities_before_tls: session.capabilities_before_tls().cloned(),
        capabilities,
        tls: session.tls_info().cloned(),
        auth_mechanisms,
        authenticated_with: session.authenticated_with(),
        transcript: Vec::new(),
    };
    session.quit()?;
    report.transcript = session.transcript().to_vec();
    report.greeting = greeting_lines(&report.transcript);
    Ok(report)
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
