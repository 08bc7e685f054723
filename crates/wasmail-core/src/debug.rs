//! `Debug` output that stays readable: byte buffers show their length, not their contents.
//! A message with a 10 MB attachment would otherwise print 30 million characters.

use std::fmt;

/// Shows `<N bytes>` for a buffer in a `Debug` implementation.
pub(crate) struct ByteLen(pub(crate) usize);

impl fmt::Debug for ByteLen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn buffers_show_their_length() {
        assert_eq!(format!("{:?}", super::ByteLen(3)), "<3 bytes>");
    }
}
