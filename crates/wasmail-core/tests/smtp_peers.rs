//! The client against a small in-memory SMTP server: two peers exchanging bytes, no sockets and
//! no clock. Many messages per session, under every combination of PIPELINING and CHUNKING,
//! with refused recipients and payloads full of bare line breaks and leading dots.

use wasmail_core::address::Address;
use wasmail_core::smtp::{
    Client, ClientConfig, ClientName, Envelope, Event, Outcome, Time, TlsPolicy,
};

/// A minimal server: enough of RFC 5321, 2920 and 3030 to receive messages and record them.
struct Server {
    pipelining: bool,
    chunking: bool,
    input: Vec<u8>,
    output: Vec<u8>,
    in_data: bool,
    bdat_left: Option<(usize, bool)>,
    data: Vec<u8>,
    rcpts: Vec<String>,
    mail: bool,
    received: Vec<(Vec<String>, Vec<u8>)>,
    closed: bool,
}

impl Server {
    fn new(pipelining: bool, chunking: bool) -> Self {
        Self {
            pipelining,
            chunking,
            input: Vec::new(),
            output: b"220 mem.example ESMTP\r\n".to_vec(),
            in_data: false,
            bdat_left: None,
            data: Vec::new(),
            rcpts: Vec::new(),
            mail: false,
            received: Vec::new(),
            closed: false,
        }
    }

    fn reply(&mut self, text: &str) {
        self.output.extend_from_slice(text.as_bytes());
        self.output.extend_from_slice(b"\r\n");
    }

    fn receive(&mut self, bytes: &[u8]) {
        self.input.extend_from_slice(bytes);
        loop {
            if let Some((left, last)) = self.bdat_left {
                let take = left.min(self.input.len());
                self.data.extend(self.input.drain(..take));
                if take < left {
                    self.bdat_left = Some((left - take, last));
                    return;
                }
                self.bdat_left = None;
                if last {
                    self.deliver();
                } else {
                    self.reply("250 2.0.0 chunk ok");
                }
                continue;
            }
            let Some(lf) = self.input.iter().position(|&b| b == b'\n') else {
                return;
            };
            let line: Vec<u8> = self.input.drain(..=lf).collect();
            assert!(line.ends_with(b"\r\n"), "bare LF on the wire: {line:?}");
            let line = &line[..line.len() - 2];
            if self.in_data {
                if line == b"." {
                    self.in_data = false;
                    self.deliver();
                } else {
                    let unstuffed = line.strip_prefix(b".").unwrap_or(line);
                    self.data.extend_from_slice(unstuffed);
                    self.data.extend_from_slice(b"\r\n");
                }
                continue;
            }
            self.command(&String::from_utf8_lossy(line));
        }
    }

    fn deliver(&mut self) {
        let data = std::mem::take(&mut self.data);
        let rcpts = std::mem::take(&mut self.rcpts);
        self.mail = false;
        if rcpts.is_empty() {
            self.reply("554 5.5.1 no valid recipients");
        } else {
            self.received.push((rcpts, data));
            self.reply("250 2.0.0 queued");
        }
    }

    fn command(&mut self, line: &str) {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            self.reply("250-mem.example");
            if self.pipelining {
                self.reply("250-PIPELINING");
            }
            if self.chunking {
                self.reply("250-CHUNKING");
            }
            self.reply("250 8BITMIME");
        } else if upper.starts_with("MAIL FROM:") {
            self.mail = true;
            self.reply("250 2.1.0 ok");
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:<") {
            let addr = rest.trim_end_matches('>').to_owned();
            if !self.mail {
                self.reply("503 5.5.1 need MAIL");
            } else if addr.starts_with("REJECT") {
                self.reply("550 5.1.1 no such user");
            } else {
                self.rcpts.push(addr);
                self.reply("250 2.1.5 ok");
            }
        } else if upper == "DATA" {
            if self.rcpts.is_empty() {
                self.reply("554 5.5.1 no valid recipients");
            } else {
                self.in_data = true;
                self.reply("354 go ahead");
            }
        } else if let Some(rest) = upper.strip_prefix("BDAT ") {
            let mut words = rest.split(' ');
            let size: usize = words.next().unwrap().parse().unwrap();
            self.bdat_left = Some((size, words.next() == Some("LAST")));
        } else if upper == "RSET" {
            self.mail = false;
            self.rcpts.clear();
            self.reply("250 2.0.0 reset");
        } else if upper == "QUIT" {
            self.reply("221 2.0.0 bye");
            self.closed = true;
        } else {
            self.reply("500 5.5.2 what?");
        }
    }
}

/// A payload with bare CR, bare LF, CRLF, leading dots and lone-dot lines, varied by `seed`.
fn payload(seed: usize) -> Vec<u8> {
    let pieces: [&[u8]; 7] = [
        b"line",
        b"\n",
        b"\r",
        b"\r\n",
        b".",
        b".\r\n",
        b"text with spaces",
    ];
    let mut out = format!("Subject: message {seed}\r\n\r\n").into_bytes();
    let mut x = seed.wrapping_mul(2_654_435_761) | 1;
    for _ in 0..(seed % 40 + 5) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(pieces[x % pieces.len()]);
    }
    out
}

/// What the server should store for a payload: every line break CRLF, a final CRLF.
fn canonical(payload: &[u8]) -> Vec<u8> {
    let mut enc = wasmail_core::smtp::DataEncoder::new(wasmail_core::smtp::Framing::Chunked);
    let mut out = Vec::new();
    enc.encode(payload, &mut out);
    enc.finish(&mut out);
    out
}

fn run_session(pipelining: bool, chunking: bool) {
    let config =
        ClientConfig::new(ClientName::new("client.example").unwrap()).with_tls(TlsPolicy::None);
    let mut client = Client::new(config, Time::ZERO);
    let mut server = Server::new(pipelining, chunking);
    let mut expected = Vec::new();
    for i in 0..40 {
        let mut to = vec![Address::parse(&format!("user{i}@mem.example")).unwrap()];
        if i % 3 == 0 {
            to.push(Address::parse(&format!("reject{i}@mem.example")).unwrap());
        }
        if i % 7 == 0 {
            to = vec![Address::parse(&format!("reject-all{i}@mem.example")).unwrap()];
        }
        let all_rejected = i % 7 == 0;
        let body = payload(i);
        let envelope = Envelope::new(Some(Address::parse("me@client.example").unwrap()), to);
        let handle = client.send(envelope, body.clone()).unwrap();
        expected.push((handle, all_rejected, i % 3 == 0 && !all_rejected, body));
    }
    client.quit();

    let mut events = Vec::new();
    for _ in 0..10_000 {
        let to_client = std::mem::take(&mut server.output);
        if !to_client.is_empty() {
            client.handle_input(Time::ZERO, &to_client);
        }
        let mut progressed = !to_client.is_empty();
        while let Some(bytes) = client.poll_transmit(Time::ZERO) {
            server.receive(&bytes);
            progressed = true;
        }
        events.extend(std::iter::from_fn(|| client.poll_event()));
        if client.is_closed() || !progressed {
            break;
        }
    }
    assert!(
        client.is_closed(),
        "session did not finish (pipelining {pipelining}, chunking {chunking})"
    );
    assert!(server.closed, "the server never saw QUIT");
    assert!(
        matches!(events.last(), Some(Event::Closed(None))),
        "{:?}",
        events.last()
    );

    let mut stored = server.received.iter();
    for (handle, all_rejected, partial, body) in expected {
        let outcome = events
            .iter()
            .find_map(|e| match e {
                Event::MessageDone { handle: h, outcome } if *h == handle => Some(outcome),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no outcome for {handle}"));
        match outcome {
            Outcome::Accepted(delivery) => {
                assert!(!all_rejected, "{handle} accepted");
                assert_eq!(delivery.is_partial(), partial, "{handle}");
                let (rcpts, data) = stored.next().expect("server stored the message");
                assert_eq!(rcpts.len(), 1);
                assert_eq!(data, &canonical(&body), "{handle}: stored bytes differ");
            }
            Outcome::Rejected(r) => assert!(all_rejected && !r.transient, "{handle}: {outcome:?}"),
            Outcome::Unknown(u) => panic!("{handle}: unknown: {}", u.error),
        }
    }
    assert!(
        stored.next().is_none(),
        "the server stored more messages than were accepted"
    );
}

#[test]
fn many_messages_plain() {
    run_session(false, false);
}

#[test]
fn many_messages_pipelined() {
    run_session(true, false);
}

#[test]
fn many_messages_chunked() {
    run_session(false, true);
}

#[test]
fn many_messages_pipelined_and_chunked() {
    run_session(true, true);
}
