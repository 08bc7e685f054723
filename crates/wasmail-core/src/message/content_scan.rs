//! One pass over a part's content that answers every question composition asks about it.
//!
//! Each question used to be its own byte-by-byte walk, which made checking the content
//! cost more than encoding it. Here every byte pair is classified with branch-free bit
//! operations folded into one flag word, a loop the compiler vectorises.

/// Whether mail-builder can be given `text` as it is: ASCII with LF line ends, no CR and no
/// other control character (TAB aside), and not a text it would send as base64. Such text
/// it sends as 7bit or quoted-printable and turns LF into CRLF itself in both; base64 would
/// keep the LFs inside, where MIME wants canonical CRLF.
///
/// mail-builder picks base64 only when quoted-printable would be longer than base64's four
/// thirds. Quoted-printable adds at most 1 octet per LF (it becomes CRLF), 2 per `=` and per
/// space or tab ending a line (escaped), and 3 per soft break, of which a line of L octets
/// has at most (L - 1) / 75.
pub(crate) fn is_plain_ascii_text(text: &[u8]) -> bool {
    if !text.is_ascii() {
        return false;
    }
    // One pass in blocks with u8 counters (255 bytes cannot overflow them) and bitwise
    // operators only, which keeps the loop vectorised: this runs on every text part.
    let (mut newlines, mut equals) = (0usize, 0usize);
    for block in text.chunks(255) {
        let (mut lf, mut eq, mut unusual) = (0u8, 0u8, 0u8);
        for &b in block {
            lf = lf.wrapping_add(u8::from(b == b'\n'));
            eq = eq.wrapping_add(u8::from(b == b'='));
            let control = u8::from(b < b' ') & u8::from(b != b'\t') & u8::from(b != b'\n');
            unusual |= control | u8::from(b == 0x7f);
        }
        if unusual != 0 {
            return false;
        }
        newlines += usize::from(lf);
        equals += usize::from(eq);
    }
    let fixed = 3 * (text.len() / 73) + 2 * equals;
    // First as if every line ended in a blank; only if that is not enough, count them.
    if (fixed + 3 * newlines) * 3 < text.len() {
        return true;
    }
    let pairs = text.iter().zip(&text[1.min(text.len())..]);
    let blank_ends = pairs
        .filter(|&(&a, &b)| (a == b' ' || a == b'\t') && b == b'\n')
        .count();
    (fixed + newlines + 2 * blank_ends) * 3 < text.len()
}

/// What one pass over a part's content found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ContentScan {
    flags: u8,
}

const CR: u8 = 1;
const BARE_NEWLINE: u8 = 2;
const UNSAFE_CONTROL: u8 = 4;
const EIGHT_BIT: u8 = 8;
const EQUALS_UNDERSCORE: u8 = 16;

impl ContentScan {
    /// Scans `bytes`.
    pub(crate) fn of(bytes: &[u8]) -> ContentScan {
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return ContentScan::default();
        };
        let pairs = bytes.iter().zip(&bytes[1..]);
        let mut flags = pairs.fold(0u8, |flags, (&a, &b)| flags | classify(a, b));
        // Edges the pairs do not cover: an LF first, the last byte on its own.
        flags |= flag(first == b'\n', BARE_NEWLINE) | classify(last, b'x');
        ContentScan { flags }
    }

    /// Some CR at all.
    pub(crate) fn has_cr(self) -> bool {
        self.flags & CR != 0
    }

    /// Some CR not followed by LF or some LF not preceded by CR.
    pub(crate) fn has_bare_newline(self) -> bool {
        self.flags & BARE_NEWLINE != 0
    }

    /// A control character no text part may carry unencoded: below space except TAB, CR,
    /// LF and form feed, or DEL. mail-builder would send it as 7bit.
    pub(crate) fn has_unsafe_control(self) -> bool {
        self.flags & UNSAFE_CONTROL != 0
    }

    /// Some byte above 127.
    pub(crate) fn is_8bit(self) -> bool {
        self.flags & EIGHT_BIT != 0
    }

    /// `=_` occurs, so the content might hold a MIME boundary (ours all start with `=_`).
    pub(crate) fn may_hold_boundary(self) -> bool {
        self.flags & EQUALS_UNDERSCORE != 0
    }
}

/// Flags for byte `a` followed by byte `b`. Bitwise operators only: no branches.
#[inline(always)]
fn classify(a: u8, b: u8) -> u8 {
    let is_cr = a == b'\r';
    let bare = (is_cr & (b != b'\n')) | ((b == b'\n') & !is_cr);
    let control = (a < b' ') & (a != b'\t') & !is_cr & (a != b'\n') & (a != 0x0c) | (a == 0x7f);
    flag(is_cr, CR)
        | flag(bare, BARE_NEWLINE)
        | flag(control, UNSAFE_CONTROL)
        | flag(a >= 0x80, EIGHT_BIT)
        | flag((a == b'=') & (b == b'_'), EQUALS_UNDERSCORE)
}

#[inline(always)]
fn flag(condition: bool, bit: u8) -> u8 {
    u8::from(condition) * bit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        let scan = ContentScan::of(b"a\r\nb");
        assert!(scan.has_cr() && !scan.has_bare_newline() && !scan.is_8bit());
        assert!(ContentScan::of(b"\n").has_bare_newline());
        assert!(ContentScan::of(b"a\r").has_bare_newline());
        assert!(ContentScan::of(b"a\rb").has_bare_newline());
        assert!(ContentScan::of(b"a\n").has_bare_newline());
        assert!(!ContentScan::of(b"\r\n").has_bare_newline());
        assert!(ContentScan::of(b"\x00").has_unsafe_control());
        assert!(ContentScan::of(b"a\x7f").has_unsafe_control());
        assert!(!ContentScan::of(b"\t\x0c\r\n").has_unsafe_control());
        assert!(ContentScan::of("é".as_bytes()).is_8bit());
        assert!(ContentScan::of(b"x=_wm").may_hold_boundary());
        assert!(!ContentScan::of(b"x=3D_").may_hold_boundary());
        assert_eq!(ContentScan::of(b""), ContentScan::default());
        assert!(is_plain_ascii_text(
            b"Hi Bob,\n\nlunch on Friday at noon?\n\nJane\n"
        ));
        assert!(is_plain_ascii_text(
            "ordinary prose, a line of it\n".repeat(20).as_bytes()
        ));
        assert!(
            !is_plain_ascii_text("a\nb\nc\nd\n".repeat(20).as_bytes()),
            "could be base64"
        );
        assert!(is_plain_ascii_text(b"tab\there"));
        assert!(!is_plain_ascii_text(b"crlf\r\n"));
        assert!(!is_plain_ascii_text(b"nul\0"));
        assert!(!is_plain_ascii_text(b"del\x7f"));
        assert!(!is_plain_ascii_text("caf\u{e9}".as_bytes()));
        assert!(!is_plain_ascii_text(b""));
        assert!(!is_plain_ascii_text("\n\n\n\n".repeat(20).as_bytes()));
        assert!(!is_plain_ascii_text("a=b=c=".repeat(20).as_bytes()));
        assert!(!is_plain_ascii_text(" \n".repeat(20).as_bytes()));
    }
}
