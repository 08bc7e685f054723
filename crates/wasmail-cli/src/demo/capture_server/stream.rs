//! The connection as lines: plaintext first, TLS after STARTTLS (or from the start).

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// Longest line accepted; SMTP allows 1000 octets, so anything near this is abuse.
const MAX_LINE: usize = 1 << 20;

enum Transport {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
}

impl Read for Transport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Transport::Plain(tcp) => tcp.read(buf),
            Transport::Tls(tls) => tls.read(buf),
        }
    }
}

impl Write for Transport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Transport::Plain(tcp) => tcp.write(buf),
            Transport::Tls(tls) => tls.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Transport::Plain(tcp) => tcp.flush(),
            Transport::Tls(tls) => tls.flush(),
        }
    }
}

/// Reads CRLF- (or LF-) terminated lines and writes replies.
pub(super) struct LineStream {
    transport: Option<Transport>,
    buffer: Vec<u8>,
}

impl LineStream {
    pub(super) fn new(tcp: TcpStream) -> LineStream {
        LineStream {
            transport: Some(Transport::Plain(tcp)),
            buffer: Vec::new(),
        }
    }

    fn transport(&mut self) -> io::Result<&mut Transport> {
        self.transport
            .as_mut()
            .ok_or_else(|| io::Error::other("the connection is gone"))
    }

    /// The next line with its line end, or `None` when the client closed the connection.
    pub(super) fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
                return Ok(Some(self.buffer.drain(..=end).collect()));
            }
            if self.buffer.len() > MAX_LINE {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
            }
            let mut chunk = [0u8; 16 * 1024];
            let read = match self.transport()?.read(&mut chunk) {
                Ok(read) => read,
                // A client that closes without TLS close_notify is common; treat it as EOF.
                Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => 0,
                Err(error) => return Err(error),
            };
            if read == 0 {
                return Ok(None);
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
    }

    pub(super) fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        let transport = self.transport()?;
        transport.write_all(bytes)?;
        transport.flush()
    }

    /// Performs the TLS handshake as server. Bytes the client sent before it are dropped: after
    /// STARTTLS nothing read in plaintext may be used (RFC 3207).
    pub(super) fn upgrade(&mut self, config: Arc<ServerConfig>) -> io::Result<()> {
        self.buffer.clear();
        let Some(Transport::Plain(mut tcp)) = self.transport.take() else {
            return Err(io::Error::other("TLS is already active"));
        };
        let mut connection = ServerConnection::new(config).map_err(io::Error::other)?;
        while connection.is_handshaking() {
            connection.complete_io(&mut tcp)?;
        }
        self.transport = Some(Transport::Tls(Box::new(StreamOwned::new(connection, tcp))));
        Ok(())
    }
}
