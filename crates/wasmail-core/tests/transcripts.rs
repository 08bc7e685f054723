//! Replays `C:`/`S:` transcripts from `tests/transcripts/` against the client.
//!
//! Each file is a script: `S:` lines are fed to the client, `C:` lines are what it must have
//! written by then, `E:` lines the events it must have reported (matched by prefix), `!` lines
//! configure or command the client and `T:` lines act on time and the transport. Every script
//! runs once whole and then once for each split offset, with every block of server bytes cut in
//! two at that offset: the client must behave identically however the input is chunked.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use wasmail_core::address::Address;
use wasmail_core::smtp::{
    Client, ClientConfig, ClientName, Credentials, Envelope, Event, Outcome, ReplyLimits, Time,
    Timeouts, TlsPolicy,
};

#[derive(Debug)]
enum Step {
    Server(Vec<u8>),
    Client(Vec<u8>),
    Event(String),
    OptionalEvent(String),
    Transmit(usize),
    /// Server bytes fed without first checking the client's output: a server that speaks
    /// while the client is still sending.
    Inject(Vec<u8>),
    Send {
        from: Option<Address>,
        to: Vec<Address>,
        body: Vec<u8>,
    },
    Quit,
    Tls,
    Eof,
    /// The driver takes the next transmit and cannot write it: the peer resets the
    /// connection at once, or stops reading until the given time has passed.
    TransmitFails(Duration),
    Advance(Duration),
    Drip {
        bytes: Vec<u8>,
        every: Duration,
    },
    Flood {
        unit: Vec<u8>,
        total: usize,
    },
}

struct Script {
    config: ClientConfig,
    steps: Vec<Step>,
}

fn unescape(s: &str) -> Vec<u8> {
    s.replace("\\s", " ")
        .replace("\\r", "\r")
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .into_bytes()
}

fn parse_script(text: &str) -> Script {
    let mut config = ClientConfig::new(ClientName::new("client.example").unwrap());
    let mut steps: Vec<Step> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (tag, rest) = line.split_at(2.min(line.len()));
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        match tag {
            "S:" => match steps.last_mut() {
                Some(Step::Server(buf)) => buf.extend(format!("{rest}\r\n").bytes()),
                _ => steps.push(Step::Server(format!("{rest}\r\n").into_bytes())),
            },
            "C:" => match steps.last_mut() {
                Some(Step::Client(buf)) => buf.extend(format!("{rest}\r\n").bytes()),
                _ => steps.push(Step::Client(format!("{rest}\r\n").into_bytes())),
            },
            "E:" => steps.push(Step::Event(rest.to_owned())),
            "E?" => steps.push(Step::OptionalEvent(
                rest.trim_start_matches(": ").to_owned(),
            )),
            "T:" => steps.push(parse_transport(rest)),
            "! " => {
                let mut words = rest.splitn(2, ' ');
                let verb = words.next().unwrap();
                let arg = words.next().unwrap_or("");
                match verb {
                    "send" => steps.push(parse_send(arg)),
                    "quit" => steps.push(Step::Quit),
                    _ => config = configure(config, verb, arg),
                }
            }
            _ => panic!("unknown script line: {line}"),
        }
    }
    Script { config, steps }
}

fn configure(config: ClientConfig, verb: &str, arg: &str) -> ClientConfig {
    let words: Vec<&str> = arg.split_whitespace().collect();
    match verb {
        "name" => ClientConfig::new(ClientName::new(arg).unwrap()),
        "tls" => config.with_tls(match arg {
            "required" => TlsPolicy::StartTlsRequired,
            "implicit" => TlsPolicy::Implicit,
            "opportunistic" => TlsPolicy::Opportunistic,
            "none" => TlsPolicy::None,
            _ => panic!("tls {arg}"),
        }),
        "password" => config.with_credentials(Credentials::password(words[0], words[1])),
        "oauth2" => config.with_credentials(Credentials::oauth2(words[0], words[1])),
        "auth-without-tls" => config.allow_auth_without_tls(true),
        "no-pipelining" => config.use_pipelining(false),
        "no-chunking" => config.use_chunking(false),
        "timeout" => {
            config.with_timeouts(Timeouts::uniform(Duration::from_secs(arg.parse().unwrap())))
        }
        "max-line" => config.with_reply_limits(ReplyLimits {
            max_line: arg.parse().unwrap(),
            ..ReplyLimits::default()
        }),
        _ => panic!("unknown directive {verb}"),
    }
}

fn parse_send(arg: &str) -> Step {
    let mut from = None;
    let mut to = Vec::new();
    let mut body = Vec::new();
    for part in arg.split(' ') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key {
            "from" if value.is_empty() => from = None,
            "from" => from = Some(Address::parse(value).unwrap()),
            "to" => {
                to = value
                    .split(',')
                    .map(|a| Address::parse(a).unwrap())
                    .collect()
            }
            "body" => body = unescape(value),
            "fill" => {
                let n: usize = value.parse().unwrap();
                let line = format!("{}\r\n", "x".repeat(76));
                while body.len() + line.len() <= n {
                    body.extend_from_slice(line.as_bytes());
                }
                body.resize(n, b'y');
            }
            _ => panic!("send {key}"),
        }
    }
    Step::Send { from, to, body }
}

fn parse_transport(rest: &str) -> Step {
    let mut words = rest.splitn(3, ' ');
    let verb = words.next().unwrap();
    let secs = |w: Option<&str>| {
        Duration::from_secs_f64(w.unwrap().trim_end_matches('s').parse().unwrap())
    };
    match verb {
        "tls" => Step::Tls,
        "inject" => Step::Inject(unescape(words.next().unwrap())),
        "transmit" => Step::Transmit(words.next().unwrap().parse().unwrap()),
        "eof" => Step::Eof,
        "transmit-fails" => {
            Step::TransmitFails(words.next().map_or(Duration::ZERO, |w| secs(Some(w))))
        }
        "wait" => Step::Advance(secs(words.next())),
        "drip" => {
            let every = secs(words.next());
            Step::Drip {
                bytes: unescape(words.next().unwrap()),
                every,
            }
        }
        "flood" => {
            let total: usize = words.next().unwrap().parse().unwrap();
            Step::Flood {
                unit: unescape(words.next().unwrap()),
                total,
            }
        }
        _ => panic!("unknown T: {verb}"),
    }
}

/// A compact, stable rendering of an event for `E:` lines to match by prefix.
fn render(event: &Event) -> String {
    match event {
        Event::StartTls => "starttls".into(),
        Event::Ready => "ready".into(),
        Event::Authenticated(m) => format!("authenticated {}", m.name()),
        Event::Closed(None) => "closed".into(),
        Event::Closed(Some(err)) => {
            format!(
                "closed {}: {err}",
                format!("{:?}", err.fault()).to_lowercase()
            )
        }
        Event::MessageDone { handle, outcome } => {
            let mut s = format!("done {handle} ");
            match outcome {
                Outcome::Accepted(d) => {
                    s.push_str(if d.is_partial() {
                        "accepted partial"
                    } else {
                        "accepted"
                    });
                    let _ = write!(s, " {}", d.reply.code());
                }
                Outcome::Rejected(r) => {
                    let kind = if r.transient {
                        "transient"
                    } else {
                        "permanent"
                    };
                    let _ = write!(s, "rejected {kind}: {}", r.reason);
                }
                Outcome::Unknown(u) => {
                    let _ = write!(s, "unknown: {}", u.error);
                }
            }
            for r in outcome.recipients() {
                let code = r
                    .reply
                    .as_ref()
                    .map_or("-".to_owned(), |r| r.code().to_string());
                let _ = write!(s, " [{} {code}]", r.address);
            }
            s
        }
    }
}

struct Run {
    client: Client,
    now: Time,
    sent: Vec<u8>,
    events: VecDeque<String>,
    closed_after_bytes: Option<usize>,
}

impl Run {
    fn drain(&mut self) {
        while let Some(bytes) = self.client.poll_transmit(self.now) {
            self.sent.extend_from_slice(&bytes);
        }
        while let Some(event) = self.client.poll_event() {
            self.events.push_back(render(&event));
        }
    }

    /// Feeds server bytes. Only events are collected: what the client writes is checked at
    /// the next `C:` line, so a `T: eof` can cut the connection before the data went out.
    fn feed(&mut self, bytes: &[u8]) {
        self.client.handle_input(self.now, bytes);
        while let Some(event) = self.client.poll_event() {
            self.events.push_back(render(&event));
        }
    }
}

fn run(name: &str, script: &Script, split: Option<usize>) -> Result<(), String> {
    let ctx = |msg: String| format!("{name} (split {split:?}): {msg}");
    let mut run = Run {
        client: Client::new(script.config.clone(), Time::ZERO),
        now: Time::ZERO,
        sent: Vec::new(),
        events: VecDeque::new(),
        closed_after_bytes: None,
    };
    for step in &script.steps {
        match step {
            Step::Server(bytes) => {
                run.drain();
                if !run.sent.is_empty() {
                    return Err(ctx(format!(
                        "unexpected client output before S: {:?}",
                        String::from_utf8_lossy(&run.sent)
                    )));
                }
                match split {
                    Some(k) if k < bytes.len() => {
                        run.feed(&bytes[..k]);
                        run.feed(&bytes[k..]);
                    }
                    _ => run.feed(bytes),
                }
            }
            Step::Client(expected) => {
                run.drain();
                if !run.sent.starts_with(expected) {
                    return Err(ctx(format!(
                        "client wrote {:?}\nexpected      {:?}",
                        String::from_utf8_lossy(&run.sent),
                        String::from_utf8_lossy(expected)
                    )));
                }
                run.sent.drain(..expected.len());
            }
            Step::Event(expected) => {
                run.drain();
                match run.events.pop_front() {
                    Some(got) if got.starts_with(expected.as_str()) => {}
                    got => return Err(ctx(format!("event {got:?}, expected {expected:?}"))),
                }
            }
            Step::OptionalEvent(expected) => {
                run.drain();
                if run
                    .events
                    .front()
                    .is_some_and(|got| got.starts_with(expected.as_str()))
                {
                    run.events.pop_front();
                }
            }
            Step::Transmit(blocks) => {
                for _ in 0..*blocks {
                    if run.client.poll_transmit(run.now).is_none() {
                        return Err(ctx("nothing to transmit".into()));
                    }
                }
            }
            Step::Send { from, to, body } => {
                let envelope = Envelope::new(from.clone(), to.clone());
                if let Err(e) = run.client.send(envelope, body.clone()) {
                    run.events.push_back(format!("refused: {e}"));
                }
            }
            Step::Inject(bytes) => run.feed(bytes),
            Step::Quit => run.client.quit(),
            Step::Tls => {
                run.drain();
                run.client.handle_tls_established(run.now);
            }
            Step::Eof => {
                run.client.handle_eof(run.now);
                run.drain();
            }
            Step::TransmitFails(after) => {
                let Some(bytes) = run.client.poll_transmit(run.now) else {
                    return Err(ctx("nothing to transmit".into()));
                };
                run.sent.extend_from_slice(&bytes);
                run.now = run.now + *after;
                run.client.handle_write_failed(run.now);
                run.drain();
            }
            Step::Advance(by) => {
                run.now = run.now + *by;
                run.client.handle_timeout(run.now);
                run.drain();
            }
            Step::Drip { bytes, every } => {
                for b in bytes {
                    run.now = run.now + *every;
                    run.client.handle_timeout(run.now);
                    if run.client.is_closed() {
                        break;
                    }
                    run.feed(std::slice::from_ref(b));
                }
            }
            Step::Flood { unit, total } => {
                let block: Vec<u8> = unit.iter().copied().cycle().take(64 * 1024).collect();
                let mut fed = 0;
                while fed < *total && !run.client.is_closed() {
                    run.feed(&block);
                    fed += block.len();
                }
                run.closed_after_bytes = Some(fed);
                if !run.client.is_closed() {
                    return Err(ctx(format!("still open after {fed} flooded bytes")));
                }
            }
        }
    }
    run.drain();
    if !run.sent.is_empty() {
        return Err(ctx(format!(
            "unexpected client output at end: {:?}",
            String::from_utf8_lossy(&run.sent)
        )));
    }
    if !run.events.is_empty() {
        return Err(ctx(format!("unexpected events at end: {:?}", run.events)));
    }
    if let Some(fed) = run.closed_after_bytes
        && fed > 256 * 1024
    {
        return Err(ctx(format!("the flood was only stopped after {fed} bytes")));
    }
    Ok(())
}

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "smtp"))
    {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let script = parse_script(&std::fs::read_to_string(path).unwrap());
        let longest = script
            .steps
            .iter()
            .map(|s| if let Step::Server(b) = s { b.len() } else { 0 })
            .max()
            .unwrap_or(0);
        count += 1;
        let first = run(&name, &script, None);
        if let Err(e) = first {
            failures.push(e);
            continue;
        }
        if let Some(e) = (1..longest).find_map(|k| run(&name, &script, Some(k)).err()) {
            failures.push(e);
        }
    }
    assert!(
        count >= 30,
        "only {count} transcripts found in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} transcripts failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
