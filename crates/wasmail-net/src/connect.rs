//! Opening the TCP connection: resolve, then try the addresses in turn within one deadline.
//!
//! A host with IPv6 and IPv4 addresses whose IPv6 route silently drops packets would otherwise
//! cost a whole timeout per address before IPv4 is tried. So the families alternate (as RFC
//! 8305 section 4 orders them), and the connect limit bounds all attempts together: each gets an
//! equal share of what is left, and the last one all of it. Attempts are sequential, because
//! WASI has no threads to race them.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::error::{ConnectAttempt, NetError};
use crate::options::ConnectOptions;

/// No attempt is cut shorter than this while time is left: a handshake over a slow link
/// takes a few round trips.
const MIN_ATTEMPT: Duration = Duration::from_secs(2);

/// Connects to the first address of the host that answers, with Nagle's algorithm off.
pub(crate) fn open_tcp(options: &ConnectOptions) -> Result<TcpStream, NetError> {
    let port = options.effective_port();
    let resolved: Vec<_> = (options.bare_host(), port)
        .to_socket_addrs()
        .map_err(|source| NetError::Resolve {
            host: options.host.clone(),
            source,
        })?
        .collect();
    let addresses = interleave_families(resolved);
    let deadline = Instant::now() + options.effective_connect_timeout();
    let mut attempts = Vec::new();
    for (index, address) in addresses.iter().enumerate() {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() && !attempts.is_empty() {
            break;
        }
        // The first address is always tried (a zero limit is an error to `connect_timeout`),
        // so a tiny limit reads as the connect failure it is, not as "no address".
        let limit = attempt_limit(remaining, addresses.len() - index).max(Duration::from_millis(1));
        match TcpStream::connect_timeout(address, limit) {
            Ok(stream) => {
                // SMTP is request-reply with small writes: Nagle plus delayed ACKs would stall
                // each pipelined group for ~40 ms. Best effort: a platform without the option
                // still sends mail, only slower.
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(error) => attempts.push(ConnectAttempt {
                address: *address,
                error,
            }),
        }
    }
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
