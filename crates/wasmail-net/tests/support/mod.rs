//! Test support: certificates made at run time and a scripted SMTP peer on loopback.
#![allow(dead_code)] // each test file uses a different part

pub mod certs;
pub mod peer;

use std::time::Duration;

use wasmail_core::address::Address;
use wasmail_net::{ConnectOptions, Envelope, Timeouts};

/// Options for a peer on loopback: its port, its CA trusted, short deadlines, and no system
/// store (so the test does not depend on the machine's).
pub fn options_for(peer: &peer::Peer) -> ConnectOptions {
    options_for_host(peer, "localhost")
}

/// Like [`options_for`], naming the peer by `host`.
pub fn options_for_host(peer: &peer::Peer, host: &str) -> ConnectOptions {
    ConnectOptions::new(host, peer.port())
        .ca_pem(certs::pki().ca_pem.clone())
        .system_roots(false)
        .timeouts(Timeouts::uniform(Duration::from_secs(5)))
}

/// An envelope from `from` to each of `to`.
pub fn envelope(from: &str, to: &[&str]) -> Envelope {
    Envelope::new(
        Some(Address::parse(from).unwrap()),
        to.iter().map(|a| Address::parse(a).unwrap()),
    )
}

/// A small message with the given subject.
pub fn message(subject: &str) -> Vec<u8> {
    format!(
        "From: a@example.com\r\nTo: b@example.org\r\nSubject: {subject}\r\n\r\nHello.\r\n.dot line\r\n"
    )
    .into_bytes()
}
