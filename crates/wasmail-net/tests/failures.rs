//! Servers that go silent or hang up: every wait ends, and outcomes say what is known.

mod support;

use std::time::{Duration, Instant};

use support::peer::{Behaviour, Peer, PeerConfig, PeerTls};
use support::{envelope, message, options_for};
use wasmail_core::smtp::{Phase, SessionError};
use wasmail_net::{Fault, NetError, Outcome, Session, Timeouts, TlsFailure, TlsPolicy};

/// Connects with a 2 s deadline to a peer behaving as `behaviour` and checks the session
/// ends with a greeting timeout between 1.9 s and `at_most`.
fn assert_greeting_times_out(behaviour: Behaviour, at_most: Duration) {
    let peer = Peer::start(PeerConfig {
        behaviour,
        ..Default::default()
    });
    let options = options_for(&peer).timeouts(Timeouts::uniform(Duration::from_secs(2)));
    let started = Instant::now();
    let err = Session::connect(&options).unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(
            err,
            NetError::Session(SessionError::Timeout {
                phase: Phase::Greeting
            })
        ),
        "{err:?}"
    );
    assert_eq!(err.fault(), Fault::Peer);
    assert!(err.is_transient());
    assert!(
        took >= Duration::from_millis(1900) && took < at_most,
        "{took:?}"
    );
}

#[test]
fn a_silent_server_times_out_within_the_limit() {
    assert_greeting_times_out(Behaviour::Silent, Duration::from_secs(5));
}

#[test]
fn a_stalled_tls_handshake_times_out() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki.good),
        behaviour: Behaviour::SilentAfterStartTls,
        ..Default::default()
    });
    let options = options_for(&peer).timeouts(Timeouts::uniform(Duration::from_secs(1)));
    let started = Instant::now();
    let err = Session::connect(&options).unwrap_err();
    let NetError::Tls(tls) = &err else {
        panic!("expected a TLS timeout, got {err:?}")
    };
    // The limit is what was left of the 1 s deadline when the handshake began.
    let failure = tls.failure();
    assert!(
        matches!(failure, TlsFailure::TimedOut { limit } if *limit <= Duration::from_secs(1)),
        "{failure:?}"
    );
    assert!(err.is_transient());
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_that_hangs_up_during_the_tls_handshake_is_worth_retrying() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki.good),
        behaviour: Behaviour::HangUpAfterStartTls,
        ..Default::default()
    });
    let err = Session::connect(&options_for(&peer)).unwrap_err();
    let NetError::Tls(tls) = &err else {
        panic!("expected a TLS error, got {err:?}")
    };
    assert!(
        matches!(tls.failure(), TlsFailure::ConnectionLost { .. }),
        "{:?}",
        tls.failure()
    );
    assert!(err.is_transient(), "a dropped connection is like a 451");
    assert_eq!(err.fault(), Fault::Peer);
    assert!(
        err.to_string().contains("lost during the TLS handshake"),
        "{err}"
    );
}

#[test]
fn implicit_tls_to_a_plaintext_port_says_so() {
    let peer = Peer::start(PeerConfig::default());
    let err = Session::connect(&options_for(&peer).tls(TlsPolicy::Implicit)).unwrap_err();
    let NetError::Tls(tls) = &err else {
        panic!("expected a TLS error, got {err:?}")
    };
    assert_eq!(tls.failure(), &TlsFailure::NotTls);
    assert!(
        err.to_string().contains("speaks plaintext on this port"),
        "{err}"
    );
    assert_eq!(err.fault(), Fault::Caller, "a port mix-up is the caller's");
}

#[test]
fn plaintext_after_an_accepted_starttls_is_the_servers_doing() {
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&support::certs::pki().good),
        behaviour: Behaviour::PlaintextAfterStartTls,
        ..Default::default()
    });
    let err = Session::connect(&options_for(&peer)).unwrap_err();
    let NetError::Tls(tls) = &err else {
        panic!("expected a TLS error, got {err:?}")
    };
    assert_eq!(tls.failure(), &TlsFailure::NotTls);
    assert_eq!(tls.mode(), Some(wasmail_net::TlsMode::StartTls));
    assert!(
        err.to_string()
            .contains("accepted STARTTLS but did not start TLS"),
        "{err}"
    );
    assert_eq!(err.fault(), Fault::Peer);
}

#[test]
fn a_server_that_hangs_up_after_the_final_dot_leaves_the_outcome_unknown() {
    let peer = Peer::start(PeerConfig {
        behaviour: Behaviour::DropAfterDot,
        ..Default::default()
    });
    let options = options_for(&peer).tls(TlsPolicy::None);
    let mut session = Session::connect(&options).unwrap();
    let outcome = session
        .send(
            envelope("a@example.com", &["b@example.org"]),
            message("lost"),
        )
        .unwrap();
    let Outcome::Unknown(wasmail_core::smtp::Unconfirmed { error, recipients }) = &outcome else {
        panic!("expected an unknown outcome: {outcome:?}")
    };
    assert_eq!(
        error,
        &SessionError::ConnectionClosed {
            phase: Phase::DataEnd
        }
    );
    // The RCPT replies received before the loss are still reported.
    assert_eq!(recipients.len(), 1);
    assert!(recipients[0].accepted(), "{recipients:?}");
    assert!(!session.is_open());
    let again = session.send(
        envelope("a@example.com", &["b@example.org"]),
        message("again"),
    );
    assert!(matches!(again, Err(NetError::Usage(_))), "{again:?}");
    session.quit().unwrap();
    assert_eq!(peer.log().messages, [message("lost")]);
}

#[test]
fn a_malformed_host_is_the_callers_mistake_under_every_policy() {
    for policy in [
        TlsPolicy::StartTlsRequired,
        TlsPolicy::Implicit,
        TlsPolicy::Opportunistic,
        TlsPolicy::None,
    ] {
        let options = wasmail_net::ConnectOptions::new("not a host", 25).tls(policy);
        let err = Session::connect(&options).unwrap_err();
        assert!(
            matches!(err, NetError::InvalidHost { .. }),
            "{policy:?}: {err:?}"
        );
        assert_eq!(err.fault(), Fault::Caller);
        assert!(!err.is_transient());
    }
}

#[test]
fn nothing_listening_is_a_connect_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let options = wasmail_net::ConnectOptions::new("127.0.0.1", port).tls(TlsPolicy::None);
    let err = Session::connect(&options).unwrap_err();
    assert!(matches!(err, NetError::Connect { .. }), "{err:?}");
    assert!(err.to_string().contains("refused the connection"), "{err}");
    // A zero connect limit still tries the address: a connect error, not "no address".
    let err = Session::connect(&options.connect_timeout(Duration::ZERO)).unwrap_err();
    assert!(matches!(err, NetError::Connect { .. }), "{err:?}");
    assert!(err.is_transient());
}

#[test]
fn bytes_injected_behind_the_220_to_starttls_end_the_session() {
    let pki = support::certs::pki();
    let peer = Peer::start(PeerConfig {
        tls: PeerTls::StartTls(&pki.good),
        auth: true,
        behaviour: Behaviour::InjectAfterStartTls,
        ..Default::default()
    });
    let options = options_for(&peer).credentials(wasmail_net::Credentials::password("a", "b"));
    let err = Session::connect(&options).unwrap_err();
    // Read together with the 220 (the usual case on loopback), the forged lines are caught by
    // the session; read later, they reach the TLS handshake as garbage. Either way it ends.
    assert!(
        matches!(
            err,
            NetError::Session(SessionError::StartTlsInjection) | NetError::Tls(_)
        ),
        "{err:?}"
    );
    assert_eq!(err.fault(), Fault::Peer);
    let log = peer.log();
    assert!(!log.saw("AUTH") && !log.saw("MAIL"), "{:?}", log.commands);
}

#[test]
fn a_dripping_server_still_meets_the_deadline() {
    // A byte every 300 ms would keep an idle timer happy forever; the deadline does not move.
    assert_greeting_times_out(Behaviour::DripGreeting, Duration::from_secs(4));
}
