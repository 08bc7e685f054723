//! Golden-file comparison for composed messages.
//!
//! `assert_golden("plain", bytes)` compares `bytes` with `tests/golden/plain.eml`. On a
//! mismatch it writes what was produced next to it as `plain.eml.failed` and fails; with
//! `WASMAIL_BLESS=1` in the environment it writes the golden file instead.

use std::fs;
use std::path::PathBuf;

/// The folder holding the golden files.
pub fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
}

/// Compares `bytes` with the golden file `tests/golden/<name>.eml`.
pub fn assert_golden(name: &str, bytes: &[u8]) {
    let path = golden_dir().join(format!("{name}.eml"));
    let failed = golden_dir().join(format!("{name}.eml.failed"));
    if std::env::var_os("WASMAIL_BLESS").is_some_and(|v| v == "1") {
        fs::create_dir_all(golden_dir()).expect("create tests/golden");
        fs::write(&path, bytes).expect("write golden file");
        let _ = fs::remove_file(&failed);
        return;
    }
    let expected = fs::read(&path).unwrap_or_else(|error| {
        fs::write(&failed, bytes).expect("write .failed file");
        panic!(
            "cannot read {}: {error}; the output is in {} (run with WASMAIL_BLESS=1 to create it)",
            path.display(),
            failed.display()
        )
    });
    if expected != bytes {
        fs::write(&failed, bytes).expect("write .failed file");
        let line = first_difference(&expected, bytes);
        panic!(
            "{name}: output differs from {} from line {line}; see {} (WASMAIL_BLESS=1 accepts it)",
            path.display(),
            failed.display()
        );
    }
    let _ = fs::remove_file(&failed);
}

/// The 1-based number of the first line where the two differ.
fn first_difference(expected: &[u8], actual: &[u8]) -> usize {
    let same = expected
        .iter()
        .zip(actual)
        .take_while(|(a, b)| a == b)
        .count();
    expected[..same].iter().filter(|&&b| b == b'\n').count() + 1
}
