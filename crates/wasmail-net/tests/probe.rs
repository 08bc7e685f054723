//! `probe` reports what the server offers and sends no message.

mod support;

use support::certs::pki;
use support::options_for;
use support::peer::{Peer, PeerConfig, PeerTls};
use wasmail_net::{TlsMode, probe};

#[test]
fn probe_records_both_ehlo_replies_and_tls() {
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki().good),
        auth: true,
        pipelining: true,
        ..Default::default()
    });
    let report = probe(&options_for(&peer)).unwrap();
    assert_eq!(report.greeting, ["peer.test ESMTP scripted"]);
    let before = report.capabilities_before_tls.unwrap();
    assert!(before.starttls() && before.auth_mechanisms().is_empty());
    let after = report.capabilities.unwrap();
    assert!(!after.starttls() && after.pipelining());
    assert_eq!(report.auth_mechanisms, ["PLAIN", "LOGIN"]);
    assert_eq!(report.authenticated_with, None);
    let tls = report.tls.unwrap();
    assert_eq!(tls.mode, TlsMode::StartTls);
    assert!(!tls.cipher_suite.is_empty());
    assert!(tls.certificate.unwrap().not_after.ends_with("UTC"));
    let log = peer.log();
    assert!(log.saw("QUIT") && !log.saw("MAIL"));
}

#[test]
fn a_failed_probe_keeps_what_the_server_showed() {
    // No STARTTLS on offer and TLS required: the probe fails, with the greeting and the
    // extensions it saw.
    let peer = Peer::start(PeerConfig {
        pipelining: true,
        ..Default::default()
    });
    let failure = probe(&options_for(&peer)).unwrap_err();
    assert!(
        matches!(
            failure.error,
            wasmail_net::NetError::Session(wasmail_core::smtp::SessionError::StartTlsNotOffered)
        ),
        "{failure}"
    );
    let partial = failure.partial.expect("the connection was made");
    assert_eq!(partial.greeting, ["peer.test ESMTP scripted"]);
    let capabilities = partial.capabilities.expect("EHLO was answered");
    assert!(capabilities.pipelining() && !capabilities.starttls());
    assert!(partial.tls.is_none());
    assert!(partial.transcript.iter().any(|line| line.text == "QUIT"));

    // Nothing listening: no connection, so nothing to show.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let failure = probe(&wasmail_net::ConnectOptions::new("127.0.0.1", port)).unwrap_err();
    assert!(failure.partial.is_none());
}
