//! From the driver's errors to an exit status and a message that says what to try next.

use wasmail_core::smtp::{Fault, Phase, SessionError, TlsPolicy};
use wasmail_net::{NetError, TlsFailure};

use crate::failure::Failure;
use crate::status::ExitStatus;

/// The exit status and message for a session that failed before any message's outcome, under
/// the TLS policy it was tried with.
pub fn net_failure(error: &NetError, policy: TlsPolicy) -> Failure {
    let status = match error {
        NetError::InvalidHost { .. } | NetError::ExtraCa { .. } => ExitStatus::Usage,
        _ if error.is_transient() => ExitStatus::Transient,
        _ => ExitStatus::Permanent,
    };
    let mut message = error.to_string();
    if let Some(hint) = hint(error, policy) {
        message.push_str("; ");
        message.push_str(hint);
    }
    Failure::with_status(status, message)
}

/// What to try next, where the error alone does not say it.
fn hint(error: &NetError, policy: TlsPolicy) -> Option<&'static str> {
    let session = match error {
        NetError::Session(session) | NetError::ConnectionLost { session, .. } => session,
        NetError::Tls(tls) if matches!(tls.failure(), TlsFailure::UntrustedCertificate) => {
            return Some("with wasmail that is --ca-file CA.pem");
        }
        NetError::Tls(tls)
            if matches!(tls.failure(), TlsFailure::NotTls) && policy == TlsPolicy::Implicit =>
        {
            return Some("use --tls required (port 587) for a server that starts in plaintext");
        }
        _ => return None,
    };
    match session {
        SessionError::StartTlsNotOffered => {
            Some("use --tls implicit (port 465) if the server speaks TLS from the start")
        }
        // Opportunistic TLS would have used STARTTLS had the server offered it.
        SessionError::AuthWithoutTls if policy == TlsPolicy::None => Some(
            "--tls required encrypts first if the server offers STARTTLS; \
             --allow-auth-without-tls allows it",
        ),
        SessionError::AuthWithoutTls => Some(
            "the server offers no STARTTLS: --tls implicit if it has a TLS port (465), or \
             --allow-auth-without-tls",
        ),
        SessionError::AuthFailed { .. } => Some("check --user and the password"),
        // A server on an implicit-TLS port says nothing until the client starts TLS.
        SessionError::Timeout {
            phase: Phase::Greeting,
        } if policy != TlsPolicy::Implicit => {
            Some("if the server speaks TLS from the first byte (port 465), use --tls implicit")
        }
        _ if session.fault() == Fault::Policy => Some("see --tls"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silent_greeting_suggests_implicit_tls() {
        let error = NetError::Session(SessionError::Timeout {
            phase: Phase::Greeting,
        });
        let failure = net_failure(&error, TlsPolicy::StartTlsRequired);
        assert_eq!(failure.status(), ExitStatus::Transient);
        assert!(
            failure.message().ends_with(
                "; if the server speaks TLS from the first byte (port 465), use --tls implicit"
            ),
            "{}",
            failure.message()
        );
        // Already under implicit TLS, the greeting came after a finished handshake.
        let failure = net_failure(&error, TlsPolicy::Implicit);
        assert!(
            !failure.message().contains("--tls"),
            "{}",
            failure.message()
        );
    }
}
