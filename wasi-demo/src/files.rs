//! Reading the files the flags name. Under WASI a file is only visible inside a directory the
//! host preopened, so a failed read says so.

use std::io::Read;
use std::path::Path;

use wasmail_core::message::{Attachment, MediaType};

use crate::status::{Failure, Result};

/// What to add to a file error when the runtime may simply not have granted the directory.
const PREOPEN_HINT: &str = if cfg!(target_os = "wasi") {
    " (under WASI its directory must be preopened: wasmtime run --dir HOST::GUEST)"
} else {
    ""
};

/// A file's bytes; `flag` names the flag in the error.
pub fn read_bytes(flag: &str, path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|error| {
        Failure::usage(format!(
            "{flag}: cannot read {}: {error}{PREOPEN_HINT}",
            path.display()
        ))
    })
}

/// A UTF-8 text file, or standard input for `-`.
pub fn read_text(flag: &str, path: &Path) -> Result<String> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|error| {
            Failure::usage(format!("{flag}: cannot read standard input: {error}"))
        })?;
        bytes
    } else {
        read_bytes(flag, path)?
    };
    String::from_utf8(bytes)
        .map_err(|_| Failure::usage(format!("{flag}: {} is not UTF-8 text", path.display())))
}

/// `--attach PATH[;type=TYPE]`: named after the path's last component, as `wasmail` does.
pub fn read_attachment(spec: &str) -> Result<Attachment> {
    let bad = |error: &dyn std::fmt::Display| Failure::usage(format!("--attach {spec:?}: {error}"));
    let (path, content_type) = match spec.rsplit_once(";type=") {
        Some((path, kind)) => (
            path,
            Some(MediaType::parse(kind.trim()).map_err(|e| bad(&e))?),
        ),
        None => (spec, None),
    };
    let path = Path::new(path);
    let bytes = read_bytes("--attach", path)?;
    let filename = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    match content_type {
        Some(kind) => Attachment::with_content_type(filename, kind, bytes),
        None => Attachment::new(filename, bytes),
    }
    .map_err(|e| bad(&e))
}

/// Checks that the CA file can be read before connecting, so the error names the flag.
pub fn check_readable(flag: &str, path: &Path) -> Result<()> {
    std::fs::metadata(path)
        .map_err(|error| {
            Failure::usage(format!(
                "{flag}: cannot read {}: {error}{PREOPEN_HINT}",
                path.display()
            ))
        })
        .and_then(|meta| match meta.is_file() {
            true => Ok(()),
            false => Err(Failure::usage(format!(
                "{flag}: {} is not a file",
                path.display()
            ))),
        })
}
