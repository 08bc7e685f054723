//! Opening the TCP connection: resolve, then try each address in turn with a timeout.

use std::net::{TcpStream, ToSocketAddrs};

use crate::error::{ConnectAttempt, NetError};
use crate::options::ConnectOptions;

/// Connects to the first address of the host that answers, with Nagle's algorithm off.
pub(crate) fn open_tcp(options: &ConnectOptions) -> Result<TcpStream, NetError> {
    let port = options.effective_port();
    let addresses: Vec<_> = (options.bare_host(), port)
        .to_socket_addrs()
        .map_err(|source| NetError::Resolve {
            host: options.host.clone(),
            source,
        })?
        .collect();
    let limit = options.effective_connect_timeout();
    let mut attempts = Vec::new();
    for address in addresses {
        match TcpStream::connect_timeout(&address, limit) {
            Ok(stream) => {
                // SMTP is request-reply with small writes: Nagle plus delayed ACKs would stall
                // each pipelined group for ~40 ms. Best effort: a platform without the option
                // still sends mail, only slower.
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(error) => attempts.push(ConnectAttempt { address, error }),
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
