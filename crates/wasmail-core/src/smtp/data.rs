//! The message-data encoder: canonical CRLF line endings and dot-stuffing, streamed.
//!
//! Its state persists across calls, so the result is the same however the payload is chunked:
//! a CR at the end of one chunk and an LF at the start of the next are one line break, and a dot
//! that begins a line is stuffed even when the line began in the previous chunk.

/// How the encoded data will be framed on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// `DATA`: lines starting with `.` are stuffed and `CRLF . CRLF` ends the data.
    Dot,
    /// `BDAT`: chunks are counted, so nothing is stuffed and nothing terminates the data.
    Chunked,
}

/// Streaming encoder for message data. Feed the payload with [`encode`](Self::encode) in any
/// chunking, then call [`finish`](Self::finish) once.
///
/// Bare CR and bare LF become CRLF; with [`Framing::Dot`] a leading `.` is doubled and the
/// terminator is added exactly once. The data always ends with a line break, so both framings
/// deliver the same message.
#[derive(Clone, Debug)]
pub struct DataEncoder {
    framing: Framing,
    at_line_start: bool,
    pending_cr: bool,
    finished: bool,
}

impl DataEncoder {
    /// A new encoder for the given framing, positioned at the start of a line.
    pub fn new(framing: Framing) -> Self {
        Self {
            framing,
            at_line_start: true,
            pending_cr: false,
            finished: false,
        }
    }

    /// Encodes `input`, appending the wire bytes to `out`.
    ///
    /// # Panics
    /// If called after [`finish`](Self::finish): that would corrupt the framing.
    pub fn encode(&mut self, input: &[u8], out: &mut Vec<u8>) {
        assert!(!self.finished, "DataEncoder::encode called after finish");
        out.reserve(input.len() + input.len() / 64 + 4);
        let mut rest = input;
        while !rest.is_empty() {
            if self.pending_cr {
                // A CR followed by anything: one line break, LF or not.
                self.pending_cr = false;
                out.extend_from_slice(b"\r\n");
                self.at_line_start = true;
                if rest[0] == b'\n' {
                    rest = &rest[1..];
                    continue;
                }
            }
            if self.at_line_start && rest[0] == b'.' && self.framing == Framing::Dot {
                out.push(b'.');
            }
            let run = rest
                .iter()
                .position(|&b| b == b'\r' || b == b'\n')
                .unwrap_or(rest.len());
            if run > 0 {
                out.extend_from_slice(&rest[..run]);
                self.at_line_start = false;
            }
            match rest.get(run) {
                Some(b'\r') => self.pending_cr = true,
                Some(_) => {
                    out.extend_from_slice(b"\r\n");
                    self.at_line_start = true;
                }
                None => {}
            }
            rest = &rest[(run + 1).min(rest.len())..];
        }
    }

    /// Ends the data: completes the last line and, with [`Framing::Dot`], appends `.CRLF`.
    /// Calling it again appends nothing.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.finished {
            return;
        }
        if self.pending_cr || !self.at_line_start {
            out.extend_from_slice(b"\r\n");
        }
        if self.framing == Framing::Dot {
            out.extend_from_slice(b".\r\n");
        }
        self.pending_cr = false;
        self.at_line_start = true;
        self.finished = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_all(framing: Framing, chunks: &[&[u8]]) -> Vec<u8> {
        let mut enc = DataEncoder::new(framing);
        let mut out = Vec::new();
        for c in chunks {
            enc.encode(c, &mut out);
        }
        enc.finish(&mut out);
        out
    }

    #[test]
    fn normalises_and_stuffs() {
        let out = encode_all(Framing::Dot, &[b".a\nb\r.c\r\n..d"]);
        assert_eq!(out, b"..a\r\nb\r\n..c\r\n...d\r\n.\r\n");
    }

    #[test]
    fn cr_and_lf_split_across_chunks_are_one_break() {
        let out = encode_all(Framing::Dot, &[b"a\r", b"\n.b\r", b"", b"\n"]);
        assert_eq!(out, b"a\r\n..b\r\n.\r\n");
    }

    #[test]
    fn lone_dot_and_empty_payload() {
        assert_eq!(encode_all(Framing::Dot, &[b"."]), b"..\r\n.\r\n");
        assert_eq!(encode_all(Framing::Dot, &[]), b".\r\n");
        assert_eq!(encode_all(Framing::Chunked, &[b".x"]), b".x\r\n");
    }
}
