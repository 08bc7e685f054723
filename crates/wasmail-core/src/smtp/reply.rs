//! Server replies: the reply type, enhanced status codes, and an incremental parser.
//!
//! The parser is fed whatever bytes the transport produced, in any chunking. It scans each byte
//! once (linear time) and enforces its caps while reading, so a hostile server cannot make it
//! buffer a 4 MiB line or an endless `250-` reply: memory stays bounded by [`ReplyLimits`].

use std::fmt;

/// A three-digit SMTP reply code such as `250` or `354`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReplyCode(u16);

impl ReplyCode {
    /// A code from its numeric value; `None` unless it is 200..=599 with digits RFC 5321 allows
    /// (second digit 0-5).
    pub fn new(value: u16) -> Option<Self> {
        let valid = (200..=599).contains(&value) && (value / 10) % 10 <= 5;
        valid.then_some(Self(value))
    }

    /// The numeric value.
    pub fn get(self) -> u16 {
        self.0
    }

    /// The reply class: the first digit.
    pub fn class(self) -> ReplyClass {
        match self.0 / 100 {
            2 => ReplyClass::Positive,
            3 => ReplyClass::Intermediate,
            4 => ReplyClass::TransientNegative,
            _ => ReplyClass::PermanentNegative,
        }
    }

    /// `2xx`.
    pub fn is_positive(self) -> bool {
        self.class() == ReplyClass::Positive
    }
}

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The meaning of a reply code's first digit (RFC 5321 section 4.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReplyClass {
    /// `2xx`: the command succeeded.
    Positive,
    /// `3xx`: send more (354 to DATA, 334 to AUTH).
    Intermediate,
    /// `4xx`: failed for now; trying again later may work.
    TransientNegative,
    /// `5xx`: failed; trying the same again will fail again.
    PermanentNegative,
}

/// An enhanced status code `class.subject.detail` (RFC 3463), such as `5.1.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnhancedCode {
    /// 2, 4 or 5.
    pub class: u8,
    /// 0..=999.
    pub subject: u16,
    /// 0..=999.
    pub detail: u16,
}

impl EnhancedCode {
    /// Reads an enhanced code at the start of `text` (followed by a space or the end).
    pub fn parse_prefix(text: &str) -> Option<(Self, &str)> {
        let end = text.find(' ').unwrap_or(text.len());
        let mut parts = text[..end].split('.');
        let class: u8 = parse_digits(parts.next()?, 1)?;
        let subject: u16 = parse_digits(parts.next()?, 3)?;
        let detail: u16 = parse_digits(parts.next()?, 3)?;
        if parts.next().is_some() || !matches!(class, 2 | 4 | 5) {
            return None;
        }
        let rest = text[end..].strip_prefix(' ').unwrap_or(&text[end..]);
        Some((
            Self {
                class,
                subject,
                detail,
            },
            rest,
        ))
    }
}

fn parse_digits<T: std::str::FromStr>(s: &str, max_len: usize) -> Option<T> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

/// One complete server reply, single- or multi-line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    code: ReplyCode,
    enhanced: Option<EnhancedCode>,
    lines: Vec<String>,
}

impl Reply {
    /// Builds a reply; `lines` are the texts after the code and separator.
    pub fn new(code: ReplyCode, lines: Vec<String>) -> Self {
        let enhanced = lines
            .first()
            .and_then(|l| EnhancedCode::parse_prefix(l))
            .map(|(e, _)| e)
            .filter(|e| u16::from(e.class) == code.get() / 100);
        Self {
            code,
            enhanced,
            lines,
        }
    }

    /// The reply code.
    pub fn code(&self) -> ReplyCode {
        self.code
    }

    /// The enhanced status code of the first line, when the server sent one that agrees with
    /// the reply code's class.
    pub fn enhanced_code(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// The text of each line, as received (lossily decoded as UTF-8), without code or separator.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The text of all lines joined with a space, without the enhanced codes: the server's words.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            let stripped = match (self.enhanced, EnhancedCode::parse_prefix(line)) {
                (Some(_), Some((_, rest))) => rest,
                _ => line.as_str(),
            };
            if !out.is_empty() && !stripped.is_empty() {
                out.push(' ');
            }
            out.push_str(stripped);
        }
        out
    }

    /// `2xx`.
    pub fn is_positive(&self) -> bool {
        self.code.is_positive()
    }

    /// `4xx`.
    pub fn is_transient(&self) -> bool {
        self.code.class() == ReplyClass::TransientNegative
    }
}

/// Shows the reply as `250 2.0.0 text`, with control characters escaped so that a server cannot
/// forge lines in a terminal or log that shows it.
impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        let text = self.text();
        if let Some(e) = self.enhanced {
            write!(f, " {e}")?;
        }
        if !text.is_empty() {
            write!(f, " {}", escape_for_display(&text))?;
        }
        Ok(())
    }
}

/// Escapes control characters (other than none) so text from the network is safe to print.
pub fn escape_for_display(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Caps the parser enforces while reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyLimits {
    /// Longest line, terminator included. RFC 5321 allows 512; servers send more.
    pub max_line: usize,
    /// Most lines in one reply.
    pub max_lines: usize,
    /// Most bytes in one reply.
    pub max_reply: usize,
}

impl Default for ReplyLimits {
    fn default() -> Self {
        Self {
            max_line: 4096,
            max_lines: 128,
            max_reply: 64 * 1024,
        }
    }
}

/// Why the server's bytes are not a valid reply. Always the peer's fault.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplyError {
    /// A line longer than [`ReplyLimits::max_line`].
    LineTooLong {
        /// The cap that was exceeded.
        limit: usize,
    },
    /// A reply with more lines or bytes than the caps allow.
    ReplyTooLong {
        /// Lines read before giving up.
        lines: usize,
    },
    /// A line that does not start with a valid code and separator.
    Malformed {
        /// The offending line, escaped and shortened.
        line: String,
    },
    /// A continuation line whose code differs from the first line's.
    CodeMismatch {
        /// The first line's code.
        first: u16,
        /// The continuation's code.
        then: u16,
    },
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LineTooLong { limit } => {
                write!(f, "server sent a reply line longer than {limit} bytes")
            }
            Self::ReplyTooLong { lines } => {
                write!(
                    f,
                    "server sent a reply that did not end after {lines} lines"
                )
            }
            Self::Malformed { line } => write!(f, "server sent a malformed reply line: {line}"),
            Self::CodeMismatch { first, then } => {
                write!(
                    f,
                    "server changed the reply code from {first} to {then} mid-reply"
                )
            }
        }
    }
}

impl std::error::Error for ReplyError {}

/// Incremental reply parser: [`push`](Self::push) bytes, then take replies with
/// [`next_reply`](Self::next_reply) until it returns `None`.
#[derive(Default)]
pub struct ReplyParser {
    limits: ReplyLimits,
    buf: Vec<u8>,
    /// Bytes of `buf` before this index are already consumed; compacted lazily so that taking
    /// many small replies out of one large push stays linear.
    start: usize,
    /// Where the search for the next line feed resumes (index into `buf`): no LF before it.
    scanned: usize,
    /// Lines of the reply being assembled.
    partial: Vec<String>,
    partial_code: Option<ReplyCode>,
    partial_bytes: usize,
    failed: Option<ReplyError>,
}

/// What is buffered, by size: the server's bytes can be anything, and many.
impl std::fmt::Debug for ReplyParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReplyParser")
            .field("limits", &self.limits)
            .field(
                "unread",
                &crate::debug::ByteLen(self.buf.len() - self.start),
            )
            .field("partial_lines", &self.partial.len())
            .field("partial_code", &self.partial_code)
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl ReplyParser {
    /// A parser with the given caps.
    pub fn new(limits: ReplyLimits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// Appends bytes received from the server.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.failed.is_none() {
            self.buf.extend_from_slice(bytes);
        }
    }

    /// Bytes received but not yet part of a returned reply.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start + self.partial_bytes
    }

    /// Forgets everything buffered (used when the transport changes under the session).
    pub fn clear(&mut self) {
        self.buf.clear();
        self.start = 0;
        self.scanned = 0;
        self.partial.clear();
        self.partial_code = None;
        self.partial_bytes = 0;
    }

    /// The next complete reply, an error (after which the parser stays failed), or `None` when
    /// more bytes are needed.
    pub fn next_reply(&mut self) -> Option<Result<Reply, ReplyError>> {
        if let Some(err) = &self.failed {
            return Some(Err(err.clone()));
        }
        let result = self.parse_next();
        if let Some(Err(err)) = &result {
            self.failed = Some(err.clone());
            self.buf = Vec::new();
        }
        result
    }

    fn parse_next(&mut self) -> Option<Result<Reply, ReplyError>> {
        let result = loop {
            let from = self.scanned.max(self.start);
            let Some(lf) = self.buf[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|p| p + from)
            else {
                self.scanned = self.buf.len();
                if self.buf.len() - self.start > self.limits.max_line {
                    break Some(Err(ReplyError::LineTooLong {
                        limit: self.limits.max_line,
                    }));
                }
                break None;
            };
            let line_len = lf + 1 - self.start;
            if line_len > self.limits.max_line {
                break Some(Err(ReplyError::LineTooLong {
                    limit: self.limits.max_line,
                }));
            }
            let line = &self.buf[self.start..lf];
            let line = line.strip_suffix(b"\r").unwrap_or(line).to_vec();
            self.start = lf + 1;
            self.scanned = self.start;
            match self.take_line(&line, line_len) {
                Ok(Some(reply)) => break Some(Ok(reply)),
                Ok(None) => continue,
                Err(err) => break Some(Err(err)),
            }
        };
        self.compact();
        result
    }

    fn compact(&mut self) {
        if self.start == self.buf.len() {
            self.buf.clear();
            (self.start, self.scanned) = (0, 0);
        } else if self.start > 4096 && self.start * 2 > self.buf.len() {
            self.buf.drain(..self.start);
            self.scanned -= self.start;
            self.start = 0;
        }
    }

    /// Adds one line (without terminator) to the reply being assembled: the same code for the
    /// first and every continuation line.
    fn take_line(&mut self, line: &[u8], raw_len: usize) -> Result<Option<Reply>, ReplyError> {
        let malformed = || ReplyError::Malformed {
            line: escape_for_display(&String::from_utf8_lossy(&line[..line.len().min(80)])),
        };
        if line.len() < 3 || !line[..3].iter().all(u8::is_ascii_digit) {
            return Err(malformed());
        }
        let value = line[..3]
            .iter()
            .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        let code = ReplyCode::new(value).ok_or_else(malformed)?;
        let last = match line.get(3) {
            None | Some(b' ') => true,
            Some(b'-') => false,
            Some(_) => return Err(malformed()),
        };
        if let Some(first) = self.partial_code
            && first != code
        {
            return Err(ReplyError::CodeMismatch {
                first: first.get(),
                then: code.get(),
            });
        }
        self.partial_code = Some(code);
        self.partial_bytes += raw_len;
        let text = line.get(4..).unwrap_or_default();
        self.partial
            .push(String::from_utf8_lossy(text).into_owned());
        if self.partial.len() > self.limits.max_lines || self.partial_bytes > self.limits.max_reply
        {
            return Err(ReplyError::ReplyTooLong {
                lines: self.partial.len(),
            });
        }
        if !last {
            return Ok(None);
        }
        let lines = std::mem::take(&mut self.partial);
        self.partial_code = None;
        self.partial_bytes = 0;
        Ok(Some(Reply::new(code, lines)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(bytes: &[u8]) -> Vec<Result<Reply, ReplyError>> {
        let mut parser = ReplyParser::new(ReplyLimits::default());
        parser.push(bytes);
        std::iter::from_fn(|| parser.next_reply())
            .take(10)
            .collect()
    }

    #[test]
    fn multiline_reply_with_enhanced_code() {
        let replies = parse_all(b"550-5.1.1 The email account\r\n550 5.1.1 does not exist\r\n");
        let reply = replies[0].as_ref().unwrap();
        assert_eq!(reply.code().get(), 550);
        assert_eq!(
            reply.enhanced_code().map(|e| e.to_string()).as_deref(),
            Some("5.1.1")
        );
        assert_eq!(reply.text(), "The email account does not exist");
        assert!(!reply.is_transient());
    }

    #[test]
    fn enhanced_code_of_the_wrong_class_is_ignored() {
        let replies = parse_all(b"250 5.0.0 odd\r\n");
        assert_eq!(replies[0].as_ref().unwrap().enhanced_code(), None);
    }

    #[test]
    fn display_escapes_control_characters() {
        let replies = parse_all(b"250 ok\x1b[31m red\r\n");
        let shown = replies[0].as_ref().unwrap().to_string();
        assert_eq!(shown, "250 ok\\u{1b}[31m red");
    }

    #[test]
    fn bare_lf_terminators_and_codes_without_text() {
        let replies = parse_all(b"220\n250-a\n250 b\n");
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[1].as_ref().unwrap().lines(), ["a", "b"]);
    }

    #[test]
    fn invalid_codes_are_malformed() {
        for bad in [&b"099 x\r\n"[..], b"2x0 x\r\n", b"250x\r\n", b"670 x\r\n"] {
            assert!(
                matches!(parse_all(bad)[0], Err(ReplyError::Malformed { .. })),
                "{bad:?}"
            );
        }
    }
}
