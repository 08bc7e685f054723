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
