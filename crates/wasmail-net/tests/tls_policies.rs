//! The session under each TLS policy, against the scripted peer.

mod support;

use std::net::TcpStream;

use support::peer::{Peer, PeerConfig, PeerTls};
use support::{envelope, message, options_for};
use wasmail_core::smtp::{AuthMechanism, SessionError};
use wasmail_net::{Credentials, Fault, NetError, Outcome, Session, TlsMode, TlsPolicy};

#[test]
fn starttls_then_auth_then_a_message() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki.good),
        auth: true,
        ..Default::default()
    });
    let options = options_for(&peer).credentials(Credentials::password("alice", "secret"));

    let mut session = Session::connect(&options).unwrap();
    assert!(session.is_secure());
    assert_eq!(session.authenticated_with(), Some(AuthMechanism::Plain));
    let tcp: &TcpStream = session.tcp_stream().unwrap();
    assert!(tcp.nodelay().unwrap(), "TCP_NODELAY must be on");
    let tls = session.tls_info().unwrap().clone();
    assert_eq!(tls.mode, TlsMode::StartTls);
    assert!(tls.protocol_version.starts_with("TLS 1."), "{tls}");
    let cert = tls.certificate.as_ref().unwrap();
    assert_eq!(cert.issuer, "CN=wasmail test CA");
    assert_eq!(cert.subject, "CN=localhost");
    assert_eq!(cert.dns_names, ["localhost"]);
    assert_eq!(cert.ip_addresses, [std::net::IpAddr::from([127, 0, 0, 1])]);
    let before = session.capabilities_before_tls().unwrap();
    assert!(before.starttls() && before.auth_mechanisms().is_empty());
    assert_eq!(
        session.capabilities().unwrap().auth_mechanisms(),
        [AuthMechanism::Plain, AuthMechanism::Login]
    );

    let outcome = session
        .send(envelope("a@example.com", &["b@example.org"]), message("hi"))
        .unwrap();
    assert!(
        matches!(outcome, Outcome::Accepted(ref d) if !d.is_partial()),
        "{outcome:?}"
    );
    assert!(outcome.recipients()[0].accepted());
    let transcript: Vec<String> = session
        .transcript()
        .iter()
        .map(ToString::to_string)
        .collect();
    session.quit().unwrap();

    let log = peer.log();
    assert!(
        log.ehlo_after_tls,
        "the client must say EHLO again after TLS"
    );
    let verbs: Vec<&str> = log
        .commands
        .iter()
        .map(|c| c.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        verbs,
        [
            "EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"
        ]
    );
    assert!(
        log.commands[4].starts_with("MAIL FROM:<a@example.com>"),
        "{}",
        log.commands[4]
    );
    assert_eq!(log.commands[3], "AUTH PLAIN AGFsaWNlAHNlY3JldA==");
    // No name given: the address literal of the client's end of the connection (RFC 5321
    // 4.1.4), not a bare "localhost" that servers checking for an FQDN refuse.
    assert!(
        ["EHLO [127.0.0.1]", "EHLO [IPv6:::1]"].contains(&log.commands[0].as_str()),
        "{}",
        log.commands[0]
    );
    assert_eq!(log.commands[0], log.commands[2]);
    assert_eq!(log.messages, [message("hi")]);
    assert!(
        transcript
            .iter()
            .all(|l| !l.contains("secret") && !l.contains("AGFsaWNl")),
        "{transcript:#?}"
    );
}

#[test]
fn implicit_tls_from_the_first_byte() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::Implicit(&pki.good),
        ..Default::default()
    });
    let options = options_for(&peer).tls(TlsPolicy::Implicit);
    let mut session = Session::connect(&options).unwrap();
    assert_eq!(session.tls_info().unwrap().mode, TlsMode::Implicit);
    let outcome = session
        .send(
            envelope("a@example.com", &["b@example.org"]),
            message("implicit"),
        )
        .unwrap();
    assert!(matches!(outcome, Outcome::Accepted(_)), "{outcome:?}");
    session.quit().unwrap();
    let log = peer.log();
    assert_eq!(log.tls_handshakes, 1);
    assert!(!log.saw("STARTTLS"));
    assert_eq!(log.messages, [message("implicit")]);
}

#[test]
fn opportunistic_goes_plaintext_when_starttls_is_not_offered() {
    let peer = Peer::start(PeerConfig::default());
    let options = options_for(&peer).tls(TlsPolicy::Opportunistic);
    let mut session = Session::connect(&options).unwrap();
    assert!(!session.is_secure() && session.tls_info().is_none());
    let outcome = session
        .send(
            envelope("a@example.com", &["b@example.org"]),
            message("plain"),
        )
        .unwrap();
    assert!(matches!(outcome, Outcome::Accepted(_)), "{outcome:?}");
    session.quit().unwrap();
    assert_eq!(peer.log().messages.len(), 1);
}

#[test]
fn required_tls_without_starttls_offered_sends_nothing() {
    let peer = Peer::start(PeerConfig::default());
    let err = Session::connect(&options_for(&peer)).unwrap_err();
    assert!(
        matches!(err, NetError::Session(SessionError::StartTlsNotOffered)),
        "{err:?}"
    );
    assert_eq!(err.fault(), Fault::Policy);
    assert!(err.to_string().contains("offered no STARTTLS"), "{err}");
    let log = peer.log();
    assert!(!log.saw("MAIL") && !log.saw("AUTH"));
    // It leaves as RFC 5321 4.1.1.10 asks, with QUIT, not by dropping the connection.
    let verbs: Vec<&str> = log
        .commands
        .iter()
        .map(|c| c.split(' ').next().unwrap())
        .collect();
    assert_eq!(verbs, ["EHLO", "QUIT"]);
}

#[test]
fn an_ip_literal_is_checked_against_the_certificate_addresses() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki.good),
        ..Default::default()
    });
    let options = support::options_for_host(&peer, "127.0.0.1");
    let mut session = Session::connect(&options).unwrap();
    assert_eq!(session.tls_info().unwrap().server_name, "127.0.0.1");
    session.quit().unwrap();
}

#[test]
fn a_large_message_crosses_tls_intact() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki.good),
        ..Default::default()
    });
    let mut session = Session::connect(&options_for(&peer)).unwrap();
    let mut big = b"Subject: big\r\n\r\n".to_vec();
    let line = format!("{}\r\n", "0123456789abcdef".repeat(4));
    while big.len() < 3 * 1024 * 1024 {
        big.extend_from_slice(line.as_bytes());
    }
    let outcome = session
        .send(envelope("a@example.com", &["b@example.org"]), big.clone())
        .unwrap();
    assert!(matches!(outcome, Outcome::Accepted(_)), "{outcome:?}");
    session.quit().unwrap();
    assert!(peer.log().messages == [big], "the received message differs");
}
