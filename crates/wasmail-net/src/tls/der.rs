//! Just enough DER to walk a certificate: tag, length, contents. Every read is bounds-checked
//! and returns `None` on anything unexpected, since the bytes come from the network.

/// One DER element: its (single-byte) tag and its contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Element<'a> {
    pub(super) tag: u8,
    pub(super) contents: &'a [u8],
}

impl<'a> Element<'a> {
    /// A reader over this element's contents (for SEQUENCE, SET and explicit tags).
    pub(super) fn children(self) -> Reader<'a> {
        Reader::new(self.contents)
    }
}

/// Reads consecutive DER elements from a byte slice.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// The next element, or `None` at the end or on malformed input.
    pub(super) fn next_element(&mut self) -> Option<Element<'a>> {
        let (&tag, rest) = self.rest.split_first()?;
        if tag & 0x1f == 0x1f {
            return None; // multi-byte tags never occur in the fields read here
        }
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = if first < 0x80 {
            (usize::from(first), rest)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return None;
            }
            let len = rest[..count]
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            (len, &rest[count..])
        };
        if rest.len() < len {
            return None;
        }
        let (contents, rest) = rest.split_at(len);
        self.rest = rest;
        Some(Element { tag, contents })
    }

    /// The next element if it has this tag; otherwise nothing is consumed.
    pub(super) fn next_if(&mut self, tag: u8) -> Option<Element<'a>> {
        let mut ahead = *self;
        let element = ahead.next_element().filter(|e| e.tag == tag)?;
        *self = ahead;
        Some(element)
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Element<'a>;

    fn next(&mut self) -> Option<Element<'a>> {
        self.next_element()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths() {
        let mut long = vec![0x04, 0x81, 200];
        long.extend(std::iter::repeat_n(7u8, 200));
        let mut reader = Reader::new(&long);
        assert_eq!(reader.next_element().map(|e| e.contents.len()), Some(200));
        let short = [0x30, 0x03, 0x02, 0x01, 0x05];
        let seq = Reader::new(&short).next_element().unwrap();
        assert_eq!(
            seq.children().next_if(0x02).map(|e| e.contents),
            Some(&[5u8][..])
        );
    }

    #[test]
    fn truncated_input_is_rejected() {
        assert_eq!(Reader::new(&[0x30, 0x05, 0x01]).next_element(), None);
        assert_eq!(Reader::new(&[0x30, 0x84, 0xff]).next_element(), None);
        assert_eq!(Reader::new(&[0x1f, 0x01, 0x00]).next_element(), None);
    }
}
