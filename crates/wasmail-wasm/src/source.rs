//! A message's source as a viewer shows it: the bytes as text, with the middle of each long
//! base64 body left out. A 10 MB attachment is 180,000 lines of base64 that nobody reads, and a
//! page that lays them out on every keystroke of a live preview stops answering for seconds.
//! The whole message is what `toEml()` (or the imported file) holds.

/// A run of base64 lines longer than this is shortened.
const MAX_RUN_LINES: usize = 100;
/// How many lines of a shortened run are shown before the note...
const HEAD_LINES: usize = 10;
/// ...and after it (the padding, and where the part ends).
const TAIL_LINES: usize = 2;

/// The source to show, and how many octets of it were left out (0: `text` is the message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplaySource {
    pub text: String,
    pub omitted: usize,
}

/// `raw` as text (invalid UTF-8 shown as U+FFFD) with every run of more than
/// [`MAX_RUN_LINES`] base64 lines cut to its first and last lines around a bracketed note
/// saying how much is left out.
pub fn display_source(raw: &[u8]) -> DisplaySource {
    let mut kept: Vec<u8> = Vec::new();
    let mut omitted = 0;
    let mut run: Vec<&[u8]> = Vec::new();
    for line in raw.split_inclusive(|&b| b == b'\n') {
        if is_base64_line(line) {
            run.push(line);
            continue;
        }
        omitted += flush_run(&mut run, &mut kept);
        kept.extend_from_slice(line);
    }
    omitted += flush_run(&mut run, &mut kept);
    DisplaySource {
        text: String::from_utf8_lossy(&kept).into_owned(),
        omitted,
    }
}

/// Writes `run` to `out`, shortened when it is long; returns the octets left out.
fn flush_run(run: &mut Vec<&[u8]>, out: &mut Vec<u8>) -> usize {
    if run.len() <= MAX_RUN_LINES {
        run.drain(..).for_each(|line| out.extend_from_slice(line));
        return 0;
    }
    let left_out = &run[HEAD_LINES..run.len() - TAIL_LINES];
    let octets: usize = left_out.iter().map(|line| line.len()).sum();
    let line_end: &[u8] = if run[0].ends_with(b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    run[..HEAD_LINES]
        .iter()
        .for_each(|line| out.extend_from_slice(line));
    out.extend_from_slice(
        format!(
            "[... {} lines of base64 ({} octets) not shown ...]",
            group_digits(left_out.len()),
            group_digits(octets)
        )
        .as_bytes(),
    );
    out.extend_from_slice(line_end);
    run[run.len() - TAIL_LINES..]
        .iter()
        .for_each(|line| out.extend_from_slice(line));
    run.clear();
    octets
}

/// A line of a base64 body: only the alphabet, `=` only as padding at its end, and not so
/// short that ordinary words pass.
fn is_base64_line(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let data = line.trim_ascii_end();
    let body = data.strip_suffix(b"==").or_else(|| data.strip_suffix(b"="));
    let body = body.unwrap_or(data);
    data.len() >= 16
        && data.len().is_multiple_of(4)
        && body
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_lines_and_others() {
        for line in [
            &b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n"[..],
            b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpB\n",
            b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWQ==",
            b"++//++//++//++//",
        ] {
            assert!(is_base64_line(line), "{}", String::from_utf8_lossy(line));
        }
        for line in [
            &b"AAAA\r\n"[..],                               // too short to tell from a word
            b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVp\r\n",     // not a multiple of 4
            b"QUJDREVGR0hJ=ktMTU5PUFFSU1RVVldYWVo=\r\n",    // padding inside
            b"Content-Type: text/plain; charset=utf-8\r\n", // a header
            b"QUJDREVGR0hJSktMTU5PUFFSU1RV VldYWVpB\r\n",   // a space
            b"\r\n",
        ] {
            assert!(!is_base64_line(line), "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn runs_of_up_to_the_limit_stay_whole_and_longer_ones_are_cut() {
        let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpB\n";
        let at_limit = format!("Subject: x\n\n{}--b--\n", line.repeat(MAX_RUN_LINES));
        let shown = display_source(at_limit.as_bytes());
        assert_eq!((shown.text.as_str(), shown.omitted), (at_limit.as_str(), 0));

        let over = format!(
            "Subject: x\n\n{}AAA=\n--b--\n",
            line.repeat(MAX_RUN_LINES + 1)
        );
        let shown = display_source(over.as_bytes());
        let left_out = MAX_RUN_LINES + 1 - HEAD_LINES - TAIL_LINES;
        assert_eq!(shown.omitted, left_out * line.len());
        assert_eq!(
            shown.text,
            format!(
                "Subject: x\n\n{}[... {left_out} lines of base64 ({} octets) not shown ...]\n{}AAA=\n--b--\n",
                line.repeat(HEAD_LINES),
                group_digits(left_out * line.len()),
                line.repeat(TAIL_LINES)
            )
        );
    }

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(group_digits(13_333_320), "13,333,320");
    }
}
