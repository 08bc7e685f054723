//! Many messages over one connection, pipelined.

mod support;

use support::certs::pki;
use support::peer::{Peer, PeerConfig, PeerTls};
use support::{envelope, message, options_for};
use wasmail_net::{Outcome, Session};

#[test]
fn many_messages_share_one_pipelined_connection() {
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki().good),
        pipelining: true,
        ..Default::default()
    });
    let mut session = Session::connect(&options_for(&peer)).unwrap();
    assert!(session.capabilities().unwrap().pipelining());
    let messages: Vec<_> = (0..25)
        .map(|i| {
            (
                envelope("a@example.com", &["b@example.org", "c@example.org"]),
                message(&format!("n{i}")),
            )
        })
        .collect();
    let mut seen = Vec::new();
    let outcomes = session
        .send_many_with(messages, |index, _| seen.push(index))
        .unwrap();
    session.quit().unwrap();

    assert_eq!(outcomes.len(), 25);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Accepted(d) if !d.is_partial())),
        "{outcomes:?}"
    );
    assert_eq!(seen, (0..25).collect::<Vec<_>>());
    let log = peer.log();
    assert_eq!(log.connections, 1);
    let expected: Vec<Vec<u8>> = (0..25).map(|i| message(&format!("n{i}"))).collect();
    assert_eq!(log.messages, expected);
    assert_eq!(
        log.pipelined_mail, 25,
        "each MAIL should arrive with its RCPTs behind it"
    );
}

#[test]
fn sends_after_the_first_reuse_the_connection() {
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki().good),
        ..Default::default()
    });
    let mut session = Session::connect(&options_for(&peer)).unwrap();
    for i in 0..3 {
        let outcome = session.send(
            envelope("a@example.com", &["b@example.org"]),
            message(&format!("m{i}")),
        );
        assert!(matches!(outcome, Ok(Outcome::Accepted(_))), "{outcome:?}");
    }
    session.quit().unwrap();
    let log = peer.log();
    assert_eq!((log.connections, log.messages.len()), (1, 3));
    assert_eq!(log.pipelined_mail, 0, "no PIPELINING offered, so none used");
}

#[test]
fn a_sessions_debug_output_stays_small_after_a_big_message() {
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki().good),
        ..Default::default()
    });
    let mut session = Session::connect(&options_for(&peer)).unwrap();
    let mut big = message("big");
    big.extend(std::iter::repeat_n(b"0123456789abcdef\r\n".as_slice(), 60_000).flatten());
    let outcome = session.send(envelope("a@example.com", &["b@example.org"]), big);
    assert!(matches!(outcome, Ok(Outcome::Accepted(_))), "{outcome:?}");
    let shown = format!("{session:?}");
    // No buffer of the message or of the reads is printed: the transcript and state remain.
    assert!(shown.len() < 16_000, "{} characters", shown.len());
    assert!(!shown.contains("0123456789abcdef"), "{shown}");
    session.quit().unwrap();
}
