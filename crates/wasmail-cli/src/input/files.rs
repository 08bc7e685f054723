//! Bodies, attachments and inline images read from files.

use std::fs;
use std::io::Read;
use std::path::Path;

use wasmail_core::message::{Attachment, InlineImage, MediaType};

use crate::exit::{CliError, CliResult};

/// Reads a file's bytes; `flag` names the flag in the error.
pub fn read_bytes(flag: &str, path: &Path) -> CliResult<Vec<u8>> {
    fs::read(path).map_err(|error| {
        CliError::usage(format!("{flag}: cannot read {}: {error}", path.display()))
    })
}

/// Reads a UTF-8 text file, or standard input for `-`.
pub fn read_text(flag: &str, path: &Path) -> CliResult<String> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|error| {
            CliError::usage(format!("{flag}: cannot read standard input: {error}"))
        })?;
        bytes
    } else {
        read_bytes(flag, path)?
    };
    String::from_utf8(bytes)
        .map_err(|_| CliError::usage(format!("{flag}: {} is not UTF-8 text", path.display())))
}

/// `--attach PATH[;type=TYPE]`: the file, named after the path's last component.
pub fn read_attachment(spec: &str) -> CliResult<Attachment> {
    let (path, content_type) = match spec.rsplit_once(";type=") {
        Some((path, kind)) => {
            let kind = MediaType::parse(kind.trim())
                .map_err(|error| CliError::usage(format!("--attach {spec:?}: {error}")))?;
            (path, Some(kind))
        }
        None => (spec, None),
    };
    let path = Path::new(path);
    let bytes = read_bytes("--attach", path)?;
    let filename = file_name(path);
    let attachment = match content_type {
        Some(kind) => Attachment::with_content_type(filename, kind, bytes),
        None => Attachment::new(filename, bytes),
    };
    attachment.map_err(|error| CliError::usage(format!("--attach {spec:?}: {error}")))
}

/// `--inline CID=PATH`: an image the HTML shows through `cid:CID`.
pub fn read_inline_image(spec: &str) -> CliResult<InlineImage> {
    let Some((content_id, path)) = spec.split_once('=') else {
        return Err(CliError::usage(format!(
            "--inline {spec:?} needs the form CID=PATH, e.g. logo@example.com=logo.png"
        )));
    };
    let path = Path::new(path);
    let bytes = read_bytes("--inline", path)?;
    let filename = file_name(path);
    let kind = MediaType::guess_from_filename(&filename);
    InlineImage::new(content_id, kind, bytes)
        .and_then(|image| image.with_filename(filename))
        .map_err(|error| CliError::usage(format!("--inline {spec:?}: {error}")))
}

/// The name the reader sees: the path's last component.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
