//! Opening the TCP connection: resolve, then try the addresses within one deadline.
//!
//! A host with IPv6 and IPv4 addresses whose IPv6 route silently drops packets would otherwise
//! cost a whole timeout per address before IPv4 is tried. So the families alternate (as RFC
//! 8305 section 4 orders them), and the connect limit bounds all attempts together. Natively
//! the attempts race (Happy Eyeballs: the next starts 250 ms after the previous, or as soon as
//! it fails). WASI has no threads, so there each attempt in turn gets an equal share of what is
//! left, and the last one all of it.
//!
//! Resolving counts against the same limit. The system resolver has no timeout of its own to
//! set (glibc retries each name server for up to half a minute), so on platforms with threads
//! it runs on a helper thread that is left behind if the limit passes first.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::error::{ConnectAttempt, NetError};
use crate::options::ConnectOptions;

/// No attempt is cut shorter than this while time is left: a handshake over a slow link
/// takes a few round trips. (The WASI path and its unit test use the sharing.)
#[cfg_attr(not(target_os = "wasi"), allow(dead_code))]
const MIN_ATTEMPT: Duration = Duration::from_secs(2);

/// Connects to the first address of the host that answers, with Nagle's algorithm off.
pub(crate) fn open_tcp(options: &ConnectOptions) -> Result<TcpStream, NetError> {
    let port = options.effective_port();
    // The host is checked as TLS checks it, whatever the policy: a typo is the caller's
    // mistake to report before any lookup, not a name server's answer.
    if !is_valid_host(options.bare_host()) {
        return Err(NetError::InvalidHost {
            host: options.host.clone(),
        });
    }
    let deadline = Instant::now() + options.effective_connect_timeout();
    let resolved =
        resolve(options.bare_host(), port, deadline).map_err(|source| NetError::Resolve {
            host: options.host.clone(),
            source,
        })?;
    let addresses = interleave_families(resolved);
    let attempts = match connect_any(&addresses, deadline) {
        Ok(stream) => {
            // SMTP is request-reply with small writes: Nagle plus delayed ACKs would stall
            // each pipelined group for ~40 ms. Best effort: a platform without the option
            // still sends mail, only slower.
            let _ = stream.set_nodelay(true);
            return Ok(stream);
        }
        Err(attempts) => attempts,
    };
    if attempts.is_empty() {
        let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no addresses found");
        return Err(NetError::Resolve {
            host: options.host.clone(),
            source,
        });
    }
    Err(NetError::Connect {
        host: options.host.clone(),
        port,
        attempts,
    })
}

/// A DNS name or an IP address, as TLS checks them; or a scoped IPv6 address (`fe80::1%eth0`),
/// which the resolver takes and which only plaintext can use.
fn is_valid_host(host: &str) -> bool {
    let scoped = host.split_once('%').is_some_and(|(address, zone)| {
        address.parse::<std::net::Ipv6Addr>().is_ok() && !zone.is_empty()
    });
    scoped || rustls::pki_types::ServerName::try_from(host).is_ok()
}

/// The host's addresses, or a `TimedOut` error once `deadline` passes.
#[cfg(not(target_os = "wasi"))]
fn resolve(host: &str, port: u16, deadline: Instant) -> std::io::Result<Vec<SocketAddr>> {
    // An address literal needs no resolver, and so no thread.
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let owned = host.to_owned();
    within(deadline, move || {
        (owned.as_str(), port)
            .to_socket_addrs()
            .map(Iterator::collect)
    })
}

/// Lookups still running on helper threads, abandoned ones included.
#[cfg(not(target_os = "wasi"))]
static RESOLVING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// At most this many lookups run on helper threads: a program retrying against a dead name
/// server must not pile up threads. Past it, a lookup fails at once as a timeout would.
#[cfg(not(target_os = "wasi"))]
const MAX_RESOLVING: usize = 16;

/// Runs `lookup` on a helper thread and waits for it until `deadline`.
#[cfg(not(target_os = "wasi"))]
fn within<F>(deadline: Instant, lookup: F) -> std::io::Result<Vec<SocketAddr>>
where
    F: FnOnce() -> std::io::Result<Vec<SocketAddr>> + Send + 'static,
{
    use std::sync::atomic::Ordering;
    if RESOLVING.fetch_add(1, Ordering::AcqRel) >= MAX_RESOLVING {
        RESOLVING.fetch_sub(1, Ordering::AcqRel);
        return Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "earlier lookups are still waiting for the name server",
        ));
    }
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("wasmail-resolve".into())
        .spawn(move || {
            let result = lookup();
            RESOLVING.fetch_sub(1, Ordering::AcqRel);
            // The receiver is gone when the caller gave up waiting: nothing to tell.
            drop(sender.send(result));
        });
    if let Err(error) = spawned {
        RESOLVING.fetch_sub(1, Ordering::AcqRel);
        return Err(std::io::Error::new(
            error.kind(),
            format!("no thread could be started to resolve the host: {error}"),
        ));
    }
    let wait = deadline.saturating_duration_since(Instant::now());
    receiver.recv_timeout(wait).unwrap_or_else(|_| {
        Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            format!("the name server gave no answer within the connect limit ({wait:.1?})"),
        ))
    })
}

/// The host's addresses: WASI has no threads, so the runtime's resolver sets the limit.
#[cfg(target_os = "wasi")]
fn resolve(host: &str, port: u16, _deadline: Instant) -> std::io::Result<Vec<SocketAddr>> {
    (host, port).to_socket_addrs().map(Iterator::collect)
}

/// Tries the addresses in turn, each with an equal share of the time left: WASI has no
/// threads to race them.
#[cfg(target_os = "wasi")]
fn connect_any(
    addresses: &[SocketAddr],
    deadline: Instant,
) -> Result<TcpStream, Vec<ConnectAttempt>> {
    let mut attempts = Vec::new();
    for (index, address) in addresses.iter().enumerate() {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() && !attempts.is_empty() {
            break;
        }
        // The first address is always tried (a zero limit is an error to `connect_timeout`),
        // so a tiny limit reads as the connect failure it is, not as "no address".
        let limit = attempt_limit(remaining, addresses.len() - index).max(Duration::from_millis(1));
        match TcpStream::connect_timeout(address, limit).and_then(verified) {
            Ok(stream) => return Ok(stream),
            Err(error) => attempts.push(ConnectAttempt {
                address: *address,
                error,
            }),
        }
    }
    Err(attempts)
}

/// Races the addresses as RFC 8305 (Happy Eyeballs) does: the next attempt starts when the
/// previous one fails or after a short delay, whichever comes first, and the first connection
/// wins. The losers' threads close what they get and end with their own connect.
#[cfg(not(target_os = "wasi"))]
fn connect_any(
    addresses: &[SocketAddr],
    deadline: Instant,
) -> Result<TcpStream, Vec<ConnectAttempt>> {
    use std::sync::mpsc;
    let (sender, receiver) = mpsc::channel();
    let mut results: Vec<Option<std::io::Error>> = Vec::new();
    let mut started = 0;
    let mut finished = 0;
    loop {
        if started < addresses.len() {
            let address = addresses[started];
            let index = started;
            // The first attempt always runs, so a tiny limit reads as a connect failure.
            let limit = deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1));
            let sender = sender.clone();
            let spawned = std::thread::Builder::new()
                .name("wasmail-connect".into())
                .spawn(move || {
                    let result = TcpStream::connect_timeout(&address, limit).and_then(verified);
                    // A receiver that is gone took another connection: this one just closes.
                    let _ = sender.send((index, result));
                });
            results.push(None);
            started += 1;
            if let Err(error) = spawned {
                results[index] = Some(error);
                finished += 1;
                continue;
            }
        }
        if finished == started && started == addresses.len() {
            break;
        }
        let wait = match started < addresses.len() {
            true => ATTEMPT_DELAY.min(deadline.saturating_duration_since(Instant::now())),
            false => deadline.saturating_duration_since(Instant::now()),
        };
        match receiver.recv_timeout(wait) {
            Ok((_, Ok(stream))) => return Ok(stream),
            Ok((index, Err(error))) => {
                results[index] = Some(error);
                finished += 1;
            }
            // The delay passed: start the next address, unless the deadline passed too.
            Err(_) if Instant::now() < deadline && started < addresses.len() => {}
            Err(_) => break,
        }
    }
    Err(addresses
        .iter()
        .zip(results.into_iter().chain(std::iter::repeat_with(|| None)))
        .map(|(address, error)| ConnectAttempt {
            address: *address,
            error: error.unwrap_or_else(|| std::io::ErrorKind::TimedOut.into()),
        })
        .collect())
}

/// `stream` if it is connected. wasmtime's WASI sockets can report a connect to an unreachable
/// address as done; the failure shows only on first use (ENOTCONN), too late to try the next
/// address. The pending error and the peer address tell at once.
fn verified(stream: TcpStream) -> std::io::Result<TcpStream> {
    if let Some(error) = stream.take_error()? {
        return Err(error);
    }
    stream.peer_addr()?;
    Ok(stream)
}

/// RFC 8305 section 5's recommended "Connection Attempt Delay".
#[cfg(not(target_os = "wasi"))]
const ATTEMPT_DELAY: Duration = Duration::from_millis(250);

/// The resolver's order, with the families alternating from the first one's: v6, v4, v6, ...
fn interleave_families(addresses: Vec<SocketAddr>) -> Vec<SocketAddr> {
    let Some(first) = addresses.first() else {
        return addresses;
    };
    let first_is_v6 = first.is_ipv6();
    let (mut leading, mut other): (Vec<_>, Vec<_>) = addresses
        .into_iter()
        .partition(|address| address.is_ipv6() == first_is_v6);
    let mut out = Vec::with_capacity(leading.len() + other.len());
    leading.reverse();
    other.reverse();
    loop {
        match (leading.pop(), other.pop()) {
            (None, None) => return out,
            (a, b) => out.extend(a.into_iter().chain(b)),
        }
    }
}

#[cfg_attr(not(target_os = "wasi"), allow(dead_code))]
/// The time one attempt gets when `remaining` is left for `left` attempts (this one included):
/// an equal share, at least [`MIN_ATTEMPT`] while that much is left, all of it for the last.
fn attempt_limit(remaining: Duration, left: usize) -> Duration {
    let share = remaining / u32::try_from(left.max(1)).unwrap_or(u32::MAX);
    share.max(MIN_ATTEMPT).min(remaining)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    /// The tests that leave lookups hanging share the process-wide count of them.
    static HANGING: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn a_resolver_that_hangs_is_cut_off_at_the_deadline() {
        let _one_at_a_time = HANGING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let started = Instant::now();
        let deadline = started + Duration::from_millis(200);
        let error = within(deadline, || {
            std::thread::sleep(Duration::from_secs(2));
            Ok(Vec::new())
        })
        .unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
        assert!(error.to_string().contains("connect limit"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(10));

        let answered = within(Instant::now() + Duration::from_secs(30), || {
            Ok(vec![addr("192.0.2.1:25")])
        });
        assert_eq!(answered.unwrap(), [addr("192.0.2.1:25")]);
    }

    #[test]
    fn hosts_are_checked_as_tls_checks_them_and_scoped_ipv6_passes() {
        for good in [
            "mx.example",
            "127.0.0.1",
            "::1",
            "fe80::1%lo",
            "xn--bcher-kva.example",
        ] {
            assert!(is_valid_host(good), "{good}");
        }
        for bad in ["not a host", "", "fe80::1%", "a..b", "x%lo"] {
            assert!(!is_valid_host(bad), "{bad}");
        }
    }

    #[test]
    fn hanging_lookups_do_not_pile_up_threads() {
        let _one_at_a_time = HANGING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let soon = Instant::now() + Duration::from_millis(50);
        let hang = || {
            std::thread::sleep(Duration::from_secs(2));
            Ok(Vec::new())
        };
        for _ in 0..MAX_RESOLVING {
            let _ = within(soon, hang);
        }
        let error = within(Instant::now() + Duration::from_secs(10), hang).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
        assert!(error.to_string().contains("earlier lookups"), "{error}");
        // Once they end, lookups run again.
        std::thread::sleep(Duration::from_millis(2500));
        let answered = within(Instant::now() + Duration::from_secs(10), || {
            Ok(vec![addr("192.0.2.1:25")])
        });
        assert_eq!(answered.unwrap(), [addr("192.0.2.1:25")]);
    }

    #[test]
    fn an_address_literal_resolves_to_itself() {
        let past = Instant::now();
        assert_eq!(resolve("::1", 25, past).unwrap(), [addr("[::1]:25")]);
        assert_eq!(
            resolve("192.0.2.7", 587, past).unwrap(),
            [addr("192.0.2.7:587")]
        );
    }

    #[test]
    fn a_silent_address_does_not_hold_up_the_next() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let good = listener.local_addr().unwrap();
        let closed = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        // TEST-NET-1: blackholed where a route exists, unreachable where none does.
        let silent = addr("192.0.2.1:25");
        let started = Instant::now();
        let deadline = started + Duration::from_secs(20);
        let stream = connect_any(&[silent, closed, good], deadline).unwrap();
        assert_eq!(stream.peer_addr().unwrap(), good);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );

        // When none answers, every address is reported, in order.
        let attempts =
            connect_any(&[closed, closed], Instant::now() + Duration::from_secs(5)).unwrap_err();
        assert_eq!(attempts.len(), 2);
        assert!(
            attempts
                .iter()
                .all(|a| a.error.kind() == std::io::ErrorKind::ConnectionRefused)
        );
    }

    #[test]
    fn families_alternate_from_the_first() {
        let resolved = vec![
            addr("[2001:db8::1]:25"),
            addr("[2001:db8::2]:25"),
            addr("[2001:db8::3]:25"),
            addr("192.0.2.1:25"),
            addr("192.0.2.2:25"),
        ];
        assert_eq!(
            interleave_families(resolved),
            [
                addr("[2001:db8::1]:25"),
                addr("192.0.2.1:25"),
                addr("[2001:db8::2]:25"),
                addr("192.0.2.2:25"),
                addr("[2001:db8::3]:25"),
            ]
        );
        let v4_first = vec![addr("192.0.2.1:25"), addr("[2001:db8::1]:25")];
        assert_eq!(interleave_families(v4_first.clone()), v4_first);
        assert_eq!(interleave_families(Vec::new()), []);
    }

    #[test]
    fn attempts_share_the_limit_and_the_last_gets_the_rest() {
        let secs = Duration::from_secs;
        assert_eq!(attempt_limit(secs(30), 1), secs(30));
        assert_eq!(attempt_limit(secs(30), 3), secs(10));
        // A share under the floor is raised to it, but never past what is left.
        assert_eq!(attempt_limit(secs(4), 4), secs(2));
        assert_eq!(
            attempt_limit(Duration::from_millis(1500), 4),
            Duration::from_millis(1500)
        );
        // Sum over a host with 6 blackholed addresses and a 30 s limit: within the limit.
        let mut remaining = secs(30);
        for left in (1..=6).rev() {
            remaining -= attempt_limit(remaining, left);
        }
        assert_eq!(remaining, Duration::ZERO);
    }
}
