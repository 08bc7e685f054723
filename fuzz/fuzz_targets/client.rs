//! A client fed arbitrary server bytes, under the policies the first byte picks, with writes
//! that may fail: it must never panic, and once the connection ends every queued message has
//! exactly one outcome and the session exactly one `Closed`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasmail_core::address::Address;
use wasmail_core::smtp::{
    Client, ClientConfig, ClientName, Credentials, Envelope, Event, Time, TlsPolicy,
};

/// A chunk starting with this byte is no input: the next write the driver tries fails.
const WRITE_FAILS: u8 = 0xFF;

fuzz_target!(|data: &[u8]| {
    let Some((&setup, data)) = data.split_first() else {
        return;
    };
    let tls = [
        TlsPolicy::None,
        TlsPolicy::Opportunistic,
        TlsPolicy::StartTlsRequired,
        TlsPolicy::Implicit,
    ][usize::from(setup & 3)];
    let mut config = ClientConfig::new(ClientName::new("c.example").unwrap()).with_tls(tls);
    if setup & 4 != 0 {
        config = config
            .with_credentials(Credentials::password("alice", "secret"))
            .allow_auth_without_tls(setup & 8 != 0);
    }
    let mut client = Client::new(config, Time::ZERO);
    let to = vec![Address::parse("b@x.example").unwrap()];
    let envelope = Envelope::new(Some(Address::parse("a@x.example").unwrap()), to);
    client.send(envelope.clone(), b"Subject: x\r\n\r\nhi\r\n".to_vec()).unwrap();
    client.send(envelope, b".\r\n".to_vec()).unwrap();
    client.quit();
    let (mut done, mut closed) = (0, 0);
    let mut now = Time::ZERO;
    // Armed by a marker chunk, fired by the next transmit: whatever it holds (a command, the
    // last data block) never reaches the server.
    let mut fail_next_write = false;
    for chunk in data.chunks(7) {
        now = now + std::time::Duration::from_millis(10);
        if chunk[0] == WRITE_FAILS {
            fail_next_write = true;
            continue;
        }
        client.handle_input(now, chunk);
        while client.poll_transmit(now).is_some() {
            if std::mem::take(&mut fail_next_write) {
                client.handle_write_failed(now);
            }
        }
        drain(&mut client, now, &mut done, &mut closed);
    }
    client.handle_eof(now);
    drain(&mut client, now, &mut done, &mut closed);
    assert!(client.is_closed());
    assert_eq!(done, 2);
    assert_eq!(closed, 1);
});

/// Handles the events: counts outcomes and closes, and finishes any TLS handshake asked for.
fn drain(client: &mut Client, now: Time, done: &mut usize, closed: &mut usize) {
    while let Some(event) = client.poll_event() {
        match event {
            Event::MessageDone { .. } => *done += 1,
            Event::Closed(_) => *closed += 1,
            Event::StartTls => client.handle_tls_established(now),
            _ => {}
        }
    }
}
