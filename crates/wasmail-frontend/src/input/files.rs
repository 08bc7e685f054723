//! Bodies, attachments, inline images and CA files read from the paths the flags name.
//!
//! Under WASI a file is visible only inside a directory the host preopened, so there a failed
//! read says so.

use std::fs;
use std::io::Read;
use std::path::Path;

use wasmail_core::message::{Attachment, InlineImage, MediaType};

use crate::failure::{Failure, RunResult};

/// What to add to a file error when the runtime may simply not have granted the directory.
const PREOPEN_HINT: &str = if cfg!(target_os = "wasi") {
    " (under WASI its directory must be preopened: wasmtime run --dir HOST::GUEST, and --dir . \
     for relative paths)"
} else {
    ""
};

/// Reads a file's bytes; `flag` names the flag in the error.
pub fn read_bytes(flag: &str, path: &Path) -> RunResult<Vec<u8>> {
    fs::read(path).map_err(|error| cannot_read(flag, path, &error))
}

/// Reads a UTF-8 text file, or standard input for `-`.
pub fn read_text(flag: &str, path: &Path) -> RunResult<String> {
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

/// `--attach PATH[;type=TYPE]`: the file, named after the path's last component.
pub fn read_attachment(spec: &str) -> RunResult<Attachment> {
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
    let filename = file_name(path);
    match content_type {
        Some(kind) => Attachment::with_content_type(filename, kind, bytes),
        None => Attachment::new(filename, bytes),
    }
    .map_err(|e| bad(&e))
}

/// `--inline CID=PATH`: an image the HTML shows through `cid:CID`.
pub fn read_inline_image(spec: &str) -> RunResult<InlineImage> {
    let Some((content_id, path)) = spec.split_once('=') else {
        return Err(Failure::usage(format!(
            "--inline {spec:?} needs the form CID=PATH, e.g. logo@example.com=logo.png"
        )));
    };
    let path = Path::new(path);
    let bytes = read_bytes("--inline", path)?;
    let filename = file_name(path);
    let kind = MediaType::guess_from_filename(&filename);
    InlineImage::new(content_id, kind, bytes)
        .and_then(|image| image.with_filename(filename))
        .map_err(|error| Failure::usage(format!("--inline {spec:?}: {error}")))
}

/// Checks that a file the driver reads later (`--ca-file`) is there, so the error names the
/// flag rather than surfacing mid-connection.
pub fn check_readable(flag: &str, path: &Path) -> RunResult<()> {
    let meta = fs::metadata(path).map_err(|error| cannot_read(flag, path, &error))?;
    match meta.is_file() {
        true => Ok(()),
        false => Err(Failure::usage(format!(
            "{flag}: {} is not a file",
            path.display()
        ))),
    }
}

fn cannot_read(flag: &str, path: &Path, error: &std::io::Error) -> Failure {
    // A directory that can be read was preopened: the file itself is the trouble.
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let hint = match fs::metadata(directory) {
        Ok(_) => "",
        Err(_) => PREOPEN_HINT,
    };
    Failure::usage(format!(
        "{flag}: cannot read {}: {error}{hint}",
        path.display()
    ))
}

/// The name the reader sees: the path's last component.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_spec_names_the_flag() {
        let error = read_attachment("x.bin;type=bad").unwrap_err();
        assert!(
            error.message().starts_with("--attach \"x.bin;type=bad\":"),
            "{error}"
        );
        let missing = read_attachment("no-such-file.bin").unwrap_err();
        assert!(missing.message().contains("no-such-file.bin"), "{missing}");
        assert!(read_inline_image("no-equals-sign").is_err());
    }

    #[test]
    fn readable_files() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(check_readable("--ca-file", &manifest.join("Cargo.toml")).is_ok());
        let dir = check_readable("--ca-file", manifest).unwrap_err();
        assert!(dir.message().ends_with("is not a file"), "{dir}");
        let attachment = read_attachment(&format!(
            "{};type=text/plain",
            manifest.join("Cargo.toml").display()
        ));
        assert!(attachment.is_ok());
    }
}
