//! A client fed arbitrary server bytes: it must never panic, and once the connection ends every
//! queued message has exactly one outcome.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasmail_core::address::Address;
use wasmail_core::smtp::{Client, ClientConfig, ClientName, Envelope, Event, Time, TlsPolicy};

fuzz_target!(|data: &[u8]| {
    let config = ClientConfig::new(ClientName::new("c.example").unwrap()).with_tls(TlsPolicy::None);
    let mut client = Client::new(config, Time::ZERO);
    let to = vec![Address::parse("b@x.example").unwrap()];
    let envelope = Envelope::new(Some(Address::parse("a@x.example").unwrap()), to);
    client.send(envelope.clone(), b"Subject: x\r\n\r\nhi\r\n".to_vec()).unwrap();
    client.send(envelope, b".\r\n".to_vec()).unwrap();
    client.quit();
    let mut done = 0;
    let mut now = Time::ZERO;
    for chunk in data.chunks(7) {
        now = now + std::time::Duration::from_millis(10);
        client.handle_input(now, chunk);
        while client.poll_transmit(now).is_some() {}
        while let Some(event) = client.poll_event() {
            done += usize::from(matches!(event, Event::MessageDone { .. }));
        }
    }
    client.handle_eof(now);
    while let Some(event) = client.poll_event() {
        done += usize::from(matches!(event, Event::MessageDone { .. }));
    }
    assert!(client.is_closed());
    assert_eq!(done, 2);
});
