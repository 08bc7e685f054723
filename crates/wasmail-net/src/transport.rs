//! The one stream the session runs over, plain or TLS, with every read and write bounded by a
//! deadline. One stream only: WASI cannot clone sockets, and STARTTLS needs the stream back.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use crate::tls::TlsStream;

/// How long a closing TLS alert may take to leave: closing must never hang.
const CLOSE_LIMIT: Duration = Duration::from_secs(1);

/// The connection under the session.
#[derive(Debug)]
pub(crate) enum Transport {
    /// Plaintext TCP (before STARTTLS, or with TLS off).
    Plain(TcpStream),
    /// TLS over TCP.
    Tls(Box<TlsStream>),
    /// Taken for a handshake that failed, or closed.
    Closed,
}

impl Transport {
    /// The TCP socket underneath, if still open.
    pub(crate) fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Self::Plain(tcp) => Some(tcp),
            Self::Tls(tls) => Some(tls.get_ref()),
            Self::Closed => None,
        }
    }

    /// Takes the plaintext stream out for a TLS handshake, leaving `Closed` behind.
    pub(crate) fn take_plain(&mut self) -> Option<TcpStream> {
        match std::mem::replace(self, Self::Closed) {
            Self::Plain(tcp) => Some(tcp),
            other => {
                *self = other;
                None
            }
        }
    }

    /// Reads what is available, waiting at most until `deadline`. A passed deadline is a
    /// `TimedOut` error; end of stream is `Ok(0)`.
    pub(crate) fn read_before(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize> {
        self.arm(deadline)?;
        match self {
            Self::Plain(tcp) => tcp.read(buf),
            // Reading may also flush queued TLS records (alerts, key updates): armed above.
            Self::Tls(tls) => tls.read(buf),
            Self::Closed => Err(io::ErrorKind::NotConnected.into()),
        }
    }

    /// Writes all of `bytes` by `deadline`, checking it between system calls so a peer that
    /// reads a trickle cannot stretch the deadline.
    pub(crate) fn write_all_before(&mut self, bytes: &[u8], deadline: Instant) -> io::Result<()> {
        let mut rest = bytes;
        while !rest.is_empty() {
            self.arm(deadline)?;
            let written = match self {
                Self::Plain(tcp) => tcp.write(rest)?,
                Self::Tls(tls) => tls.conn.writer().write(rest)?,
                Self::Closed => return Err(io::ErrorKind::NotConnected.into()),
            };
            rest = &rest[written..];
            // TLS: rustls took the plaintext into its buffer; push the records out.
            let mut drained = false;
            if let Self::Tls(tls) = self {
                while tls.conn.wants_write() {
                    Self::arm_tcp(&tls.sock, deadline)?;
                    if tls.conn.write_tls(&mut tls.sock)? == 0 {
                        return Err(io::ErrorKind::WriteZero.into());
                    }
                    drained = true;
                }
            }
            if written == 0 && !drained {
                return Err(io::ErrorKind::WriteZero.into());
            }
        }
        Ok(())
    }

    /// Closes the connection: a TLS close_notify if possible, then a TCP shutdown. Best effort.
    pub(crate) fn close(&mut self) {
        let deadline = Instant::now() + CLOSE_LIMIT;
        match std::mem::replace(self, Self::Closed) {
            Self::Plain(tcp) => {
                let _ = tcp.shutdown(Shutdown::Both);
            }
            Self::Tls(mut tls) => {
                tls.conn.send_close_notify();
                while tls.conn.wants_write() && Self::arm_tcp(&tls.sock, deadline).is_ok() {
                    if tls.conn.write_tls(&mut tls.sock).is_err() {
                        break;
                    }
                }
                let _ = tls.sock.shutdown(Shutdown::Both);
            }
            Self::Closed => {}
        }
    }

    fn arm(&self, deadline: Instant) -> io::Result<()> {
        match self.tcp() {
            Some(tcp) => Self::arm_tcp(tcp, deadline),
            None => Err(io::ErrorKind::NotConnected.into()),
        }
    }

    /// Sets both socket timeouts to the time left before `deadline`.
    fn arm_tcp(tcp: &TcpStream, deadline: Instant) -> io::Result<()> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        tcp.set_read_timeout(Some(left))?;
        tcp.set_write_timeout(Some(left))
    }
}
