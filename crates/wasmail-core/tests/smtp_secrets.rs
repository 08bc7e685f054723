//! Credentials never show: not in `Debug` of the client (even while the AUTH command waits in
//! its output queue), not in the transcript, not in errors.

use wasmail_core::smtp::{Client, ClientConfig, ClientName, Credentials, Event, Time, TlsPolicy};

const PASSWORD: &str = "hunter2-very-secret";

fn forms_of_the_secret() -> Vec<String> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    vec![
        PASSWORD.to_owned(),
        b64.encode(PASSWORD),
        b64.encode(format!("\0alice\0{PASSWORD}")),
        format!("{:?}", format!("\0alice\0{PASSWORD}").as_bytes()),
        // A byte queue shown by a derived Debug: the base64 as a list of numbers.
        format!(
            "{:?}",
            b64.encode(format!("\0alice\0{PASSWORD}")).as_bytes()
        )
        .trim_matches(['[', ']'])
        .to_owned(),
    ]
}

fn assert_hidden(text: &str, what: &str) {
    for form in forms_of_the_secret() {
        assert!(
            !text.contains(&form),
            "{what} shows the secret as {form:?}:\n{text}"
        );
    }
}

#[test]
fn auth_secrets_stay_out_of_debug_transcript_and_errors() {
    let config = ClientConfig::new(ClientName::new("c.example").unwrap())
        .with_tls(TlsPolicy::Implicit)
        .with_credentials(Credentials::password("alice", PASSWORD));
    assert_hidden(&format!("{config:?}"), "the config's Debug");
    let mut client = Client::new(config, Time::ZERO);
    client.handle_input(Time::ZERO, b"220 mx\r\n");
    while client.poll_transmit(Time::ZERO).is_some() {}
    client.handle_input(Time::ZERO, b"250-mx\r\n250 AUTH PLAIN\r\n");
    // The AUTH line is queued, not yet handed out: Debug must not show it.
    assert_hidden(&format!("{client:?}"), "the client's Debug");
    let sent = client.poll_transmit(Time::ZERO).expect("the AUTH command");
    assert!(String::from_utf8_lossy(&sent).starts_with("AUTH PLAIN "));
    client.handle_input(Time::ZERO, b"535 5.7.8 no\r\n");
    let events: Vec<Event> = std::iter::from_fn(|| client.poll_event()).collect();
    assert_hidden(&format!("{events:?}"), "the events");
    let transcript: Vec<String> = client
        .transcript()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        transcript.contains(&"C: AUTH PLAIN <redacted>".to_owned()),
        "{transcript:?}"
    );
    assert_hidden(&transcript.join("\n"), "the transcript");
}
