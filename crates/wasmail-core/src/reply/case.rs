//! Lower-casing for comparisons of reply prefixes and local parts, for the scripts they are
//! written in (Latin-1, Greek, Cyrillic; CJK has no case). `str::to_lowercase` would do all
//! of Unicode but links the standard library's case tables: about 6 kB of a gzipped browser
//! module for two comparisons.

/// `ch` in lower case when it is an upper-case letter of ASCII, Latin-1, Latin Extended-A,
/// Greek or Cyrillic; final sigma becomes σ, so that `ΟΔΟΣ` and `οδος` compare equal.
pub(crate) fn fold_char(ch: char) -> char {
    let code = u32::from(ch);
    let shifted = |offset: u32| char::from_u32(code + offset).unwrap_or(ch);
    match ch {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'Α'..='Ρ' | 'Σ'..='Ϋ' | 'А'..='Я' => {
            shifted(0x20)
        }
        'Ѐ'..='Џ' => shifted(0x50),
        'Ά' => 'ά',
        'Έ'..='Ί' => shifted(0x25),
        'Ό' => 'ό',
        'Ύ' | 'Ώ' => shifted(0x3F),
        'ς' => 'σ',
        // Latin Extended-A pairs upper and lower case on neighbouring code points.
        '\u{100}'..='\u{137}' | '\u{14A}'..='\u{177}' if code % 2 == 0 => shifted(1),
        '\u{139}'..='\u{148}' | '\u{179}'..='\u{17E}' if code % 2 == 1 => shifted(1),
        'Ÿ' => 'ÿ',
        _ => ch,
    }
}

/// Whether `a` and `b` are equal after [`fold_char`].
pub(crate) fn eq_folded(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_over_the_scripts_it_covers() {
        let ranges = [0x41..0x5B, 0xC0..0x17F, 0x386..0x3CF, 0x400..0x460];
        for code in ranges.into_iter().flatten() {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            let std: Vec<char> = ch.to_lowercase().collect();
            // 'İ' lower-cases to two characters; final sigma is folded on purpose.
            if std.len() != 1 || ch == 'ς' || ch == 'ı' {
                continue;
            }
            assert_eq!(fold_char(ch), std[0], "U+{code:04X} {ch}");
        }
    }

    #[test]
    fn compares_prefixes_and_local_parts() {
        for ch in ['a', 'é', 'ß', '×', '÷', 'я', '回', '1', ':'] {
            assert_eq!(fold_char(ch), ch, "{ch} stays");
        }
        assert!(eq_folded("RÉF.", "réf."));
        assert!(eq_folded("ОТВ", "отв"));
        assert!(eq_folded("ΟΔΟΣ", "οδος"));
        assert!(eq_folded("ΆΝΝΑ", "άννα"));
        assert!(eq_folded("ŁUKASZ", "łukasz"));
        assert!(!eq_folded("re", "res"));
    }
}
