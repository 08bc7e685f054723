//! Property tests of the SMTP pieces: the data encoder, the reply parser and the whole client
//! fed arbitrary server bytes.

use proptest::prelude::*;
use wasmail_core::address::Address;
use wasmail_core::smtp::{
    Client, ClientConfig, ClientName, DataEncoder, Envelope, Event, Framing, ReplyLimits,
    ReplyParser, Time, TlsPolicy,
};

/// Splits `data` at the given cut points (taken modulo its length).
fn chunks<'a>(data: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (data.len() + 1)).collect();
    points.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for p in points {
        out.push(&data[start..p]);
        start = p;
    }
    out.push(&data[start..]);
    out
}

fn encode(framing: Framing, parts: &[&[u8]]) -> Vec<u8> {
    let mut enc = DataEncoder::new(framing);
    let mut out = Vec::new();
    for p in parts {
        enc.encode(p, &mut out);
    }
    enc.finish(&mut out);
    out
}

/// What a receiving server recovers: lines split on CRLF, one leading dot removed.
fn unstuff(wire: &[u8]) -> Vec<Vec<u8>> {
    let body = wire.strip_suffix(b".\r\n").expect("terminator at the end");
    let mut lines: Vec<Vec<u8>> = body.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    assert_eq!(
        lines.pop().as_deref(),
        Some(&b""[..]),
        "data ends with CRLF"
    );
    for line in &mut lines {
        assert_eq!(line.pop(), Some(b'\r'), "every LF is preceded by CR");
        if line.first() == Some(&b'.') {
            line.remove(0);
        }
    }
    lines
}

/// The payload's lines under any of CRLF, CR or LF as the line break.
fn logical_lines(payload: &[u8]) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut cur = Vec::new();
    let mut i = 0;
    while i < payload.len() {
        match payload[i] {
            b'\r' => {
                lines.push(std::mem::take(&mut cur));
                if payload.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => lines.push(std::mem::take(&mut cur)),
            b => cur.push(b),
        }
        i += 1;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn payload_strategy() -> impl Strategy<Value = Vec<u8>> {
    // Biased towards the interesting bytes so that CR/LF/dot patterns are dense.
    prop::collection::vec(
        prop_oneof![
            Just(b'\r'),
            Just(b'\n'),
            Just(b'.'),
            Just(b'a'),
            any::<u8>()
        ],
        0..300,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn encoder_output_is_canonical_for_any_chunking(
        payload in payload_strategy(),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let wire = encode(Framing::Dot, &chunks(&payload, &cuts));
        // No bare CR or LF anywhere.
        for (i, &b) in wire.iter().enumerate() {
            if b == b'\n' { prop_assert!(i > 0 && wire[i - 1] == b'\r'); }
            if b == b'\r' { prop_assert_eq!(wire.get(i + 1), Some(&b'\n')); }
        }
        // The terminator appears exactly once, at the end: no earlier line is a lone dot.
        let body = &wire[..wire.len() - 3];
        prop_assert!(!body.starts_with(b".\r\n"));
        prop_assert!(body.windows(5).all(|w| w != b"\r\n.\r\n"));
        // The server recovers exactly the payload's lines.
        prop_assert_eq!(unstuff(&wire), logical_lines(&payload));
        // Chunking does not matter.
        prop_assert_eq!(&wire, &encode(Framing::Dot, &[&payload]));
    }

    #[test]
    fn chunked_framing_only_normalises(payload in payload_strategy(), cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        let wire = encode(Framing::Chunked, &chunks(&payload, &cuts));
        let dotted = encode(Framing::Dot, &[&payload]);
        prop_assert_eq!(unstuff(&dotted), logical_lines(&wire));
        prop_assert_eq!(&wire, &encode(Framing::Chunked, &[&payload]));
    }

    #[test]
    fn reply_parser_is_chunking_invariant_and_bounded(
        input in prop::collection::vec(
            prop_oneof![
                Just(b"250-".to_vec()), Just(b"250 ".to_vec()), Just(b"\r\n".to_vec()),
                Just(b"\n".to_vec()), Just(b"354 ".to_vec()), Just(b"x".to_vec()),
                prop::collection::vec(any::<u8>(), 0..6),
            ],
            0..200,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..10),
    ) {
        let data: Vec<u8> = input.concat();
        let limits = ReplyLimits { max_line: 64, max_lines: 8, max_reply: 256 };
        let collect = |parts: &[&[u8]]| {
            let mut parser = ReplyParser::new(limits);
            let mut out = Vec::new();
            'outer: for p in parts {
                parser.push(p);
                while let Some(r) = parser.next_reply() {
                    let failed = r.is_err();
                    out.push(r);
                    if failed { break 'outer; }
                }
                // Bounded: a partial line never exceeds the cap and a partial reply its caps.
                assert!(parser.buffered() <= limits.max_reply + limits.max_line);
            }
            out
        };
        let whole = collect(&[&data]);
        let split = collect(&chunks(&data, &cuts));
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn client_survives_any_server_and_reports_exactly_one_outcome(
        server in prop::collection::vec(
            prop_oneof![
                Just(b"220 hi\r\n".to_vec()), Just(b"250-x\r\n".to_vec()),
                Just(b"250 PIPELINING\r\n".to_vec()), Just(b"250 ok\r\n".to_vec()),
                Just(b"354 go\r\n".to_vec()), Just(b"550 no\r\n".to_vec()),
                Just(b"421 bye\r\n".to_vec()), Just(b"334 \r\n".to_vec()),
                prop::collection::vec(any::<u8>(), 0..12),
            ],
            0..40,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..10),
        end_with_eof in any::<bool>(),
        write_fails_at in prop::option::of(0usize..12),
    ) {
        let config = ClientConfig::new(ClientName::new("c.example").unwrap()).with_tls(TlsPolicy::None);
        let mut client = Client::new(config, Time::ZERO);
        let to = vec![Address::parse("b@x.example").unwrap(), Address::parse("c@x.example").unwrap()];
        let envelope = Envelope::new(Some(Address::parse("a@x.example").unwrap()), to);
        client.send(envelope.clone(), b"Subject: x\r\n\r\nhi\r\n".to_vec()).unwrap();
        client.send(envelope, b"second".to_vec()).unwrap();
        client.quit();
        let data = server.concat();
        let mut events = Vec::new();
        let mut now = Time::ZERO;
        for (index, part) in chunks(&data, &cuts).into_iter().enumerate() {
            now = now + std::time::Duration::from_secs(1);
            client.handle_input(now, part);
            if write_fails_at == Some(index) && client.poll_transmit(now).is_some() {
                // The driver cannot write what it just took: the connection is gone.
                client.handle_write_failed(now);
            }
            while client.poll_transmit(now).is_some() {}
            events.extend(std::iter::from_fn(|| client.poll_event()));
        }
        if end_with_eof {
            client.handle_eof(now);
        } else {
            client.handle_timeout(now + std::time::Duration::from_secs(3600));
        }
        while client.poll_transmit(now).is_some() {}
        events.extend(std::iter::from_fn(|| client.poll_event()));
        prop_assert!(client.is_closed());
        let done: Vec<u64> = events.iter().filter_map(|e| match e {
            Event::MessageDone { handle, .. } => Some(handle.get()),
            _ => None,
        }).collect();
        prop_assert_eq!(done.len(), 2, "events: {:?}", events);
        prop_assert!(done.contains(&1) && done.contains(&2));
        let closed = events.iter().filter(|e| matches!(e, Event::Closed(_))).count();
        prop_assert_eq!(closed, 1);
        prop_assert!(matches!(events.last(), Some(Event::Closed(_))));
    }
}
