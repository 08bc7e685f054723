//! Which deadline applies while the end of the data is written and its reply awaited.

use std::time::Duration;

use wasmail_core::address::Address;
use wasmail_core::smtp::{Client, ClientConfig, ClientName, Envelope, Time, Timeouts, TlsPolicy};

#[test]
fn the_last_block_gets_a_block_deadline_then_the_final_reply_its_own() {
    let timeouts = Timeouts {
        data_block: Duration::from_secs(180),
        data_end: Duration::from_secs(600),
        ..Timeouts::default()
    };
    let config = ClientConfig::new(ClientName::new("c.example").unwrap())
        .with_tls(TlsPolicy::None)
        .with_timeouts(timeouts);
    let mut client = Client::new(config, Time::ZERO);
    let to = vec![Address::parse("b@x.example").unwrap()];
    let envelope = Envelope::new(Some(Address::parse("a@x.example").unwrap()), to);
    client
        .send(envelope, b"Subject: x\r\n\r\nhi\r\n".to_vec())
        .unwrap();
    let at = |s| Time::from_duration(Duration::from_secs(s));
    for reply in ["220 mx", "250 mx", "250 ok", "250 ok", "354 go"] {
        while client.poll_transmit(at(0)).is_some() {}
        client.handle_input(at(0), format!("{reply}\r\n").as_bytes());
    }
    let last = client
        .poll_transmit(at(10))
        .expect("the data with its final dot");
    assert!(last.ends_with(b"\r\n.\r\n"));
    // Handed out, not yet written: the write gets a block's time.
    assert_eq!(client.poll_timeout(), Some(at(10 + 180)));
    // The driver polls again after writing it: now the final reply's ten minutes start.
    assert!(client.poll_transmit(at(20)).is_none());
    assert_eq!(client.poll_timeout(), Some(at(20 + 600)));
}
