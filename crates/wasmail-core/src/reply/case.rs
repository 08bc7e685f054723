//! Lower-casing for comparisons of reply prefixes and local parts, for the scripts they are
//! written in (Latin-1, Greek, Cyrillic; CJK has no case). `str::to_lowercase` would do all
//! of Unicode but links the standard library's case tables: about 6 kB of a gzipped browser
//! module for two comparisons.

/// `ch` in lower case when it is an upper-case letter of ASCII, Latin-1, Greek or Cyrillic.
pub(crate) fn fold_char(ch: char) -> char {
    let shifted = |offset: u32| char::from_u32(u32::from(ch) + offset).unwrap_or(ch);
    match ch {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'Α'..='Ρ' | 'Σ'..='Ϋ' | 'А'..='Я' => {
            shifted(0x20)
        }
        'Ѐ'..='Џ' => shifted(0x50),
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
    fn folds_the_scripts_of_prefixes_and_agrees_with_std_there() {
        let upper = "ABCXYZÀÉÖØÞΑΣΩΫАЯЁЂЏ";
        let folded: String = upper.chars().map(fold_char).collect();
        assert_eq!(folded, upper.to_lowercase());
        for ch in ['a', 'é', 'ß', '×', '÷', 'ς', 'я', '回', '1', ':'] {
            assert_eq!(fold_char(ch), ch, "{ch} stays");
        }
        assert!(eq_folded("RÉF.", "réf."));
        assert!(eq_folded("ОТВ", "отв"));
        assert!(!eq_folded("re", "res"));
    }
}
