//! Bad server certificates are refused with the right cause, before anything is sent.

mod support;

use support::certs::{Leaf, pki};
use support::options_for;
use support::peer::{Peer, PeerConfig, PeerTls};
use wasmail_net::{Credentials, Fault, NetError, Session, TlsFailure};

/// Connects with credentials to a STARTTLS peer presenting `leaf`; returns the TLS failure and
/// checks that the peer saw no AUTH and no MAIL.
fn refused_with(leaf: &'static Leaf, trust_ca: bool) -> (TlsFailure, String) {
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(leaf),
        auth: true,
        ..Default::default()
    });
    let mut options = options_for(&peer).credentials(Credentials::password("alice", "secret"));
    if !trust_ca {
        options = wasmail_net::ConnectOptions::new("localhost", peer.port()).system_roots(false);
    }
    let err = Session::connect(&options).unwrap_err();
    let NetError::Tls(tls) = &err else {
        panic!("expected a TLS error, got {err:?}")
    };
    assert_eq!(err.fault(), Fault::Peer);
    assert!(std::error::Error::source(&err).is_some());
    let log = peer.log();
    assert!(log.saw("STARTTLS"), "{:?}", log.commands);
    assert!(
        !log.saw("AUTH") && !log.saw("MAIL"),
        "nothing may be sent: {:?}",
        log.commands
    );
    assert_eq!(log.tls_handshakes, 0);
    (tls.failure().clone(), err.to_string())
}

#[test]
fn a_certificate_for_another_host_is_refused() {
    let (failure, text) = refused_with(&pki().wrong_host, true);
    assert!(
        matches!(failure, TlsFailure::WrongHostName { .. }),
        "{failure:?}"
    );
    assert!(
        text.starts_with(
            "TLS with localhost failed: the server's certificate is for a different host name"
        ),
        "{text}"
    );
}

#[test]
fn a_self_signed_certificate_is_not_trusted() {
    let (failure, text) = refused_with(&pki().self_signed, true);
    assert_eq!(failure, TlsFailure::UntrustedCertificate);
    assert!(text.contains("not trusted"), "{text}");
}

#[test]
fn an_expired_certificate_is_refused() {
    let (failure, text) = refused_with(&pki().expired, true);
    assert_eq!(
        failure,
        TlsFailure::Expired {
            not_after: Some("2021-01-01".into())
        }
    );
    assert!(
        text.contains("has expired (valid until 2021-01-01)"),
        "{text}"
    );
}

#[test]
fn a_private_ca_is_not_trusted_unless_given() {
    let (failure, _) = refused_with(&pki().good, false);
    assert_eq!(failure, TlsFailure::UntrustedCertificate);
}
