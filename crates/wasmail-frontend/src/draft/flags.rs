//! The message flags as typed, before the files they name are read.

use std::path::PathBuf;

use super::{DraftSpec, HeaderFlags};
use crate::failure::RunResult;
use crate::input::{read_attachment, read_inline_image, read_text};

/// Every message flag's values: the header values as typed, bodies and files as the paths
/// or specs given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageFlags {
    /// From, recipients, subject and extra headers.
    pub headers: HeaderFlags,
    /// `--text`; it wins over `text_file`.
    pub text: Option<String>,
    /// `--text-file` (`-` for standard input).
    pub text_file: Option<PathBuf>,
    /// `--html-file`.
    pub html_file: Option<PathBuf>,
    /// `--attach PATH[;type=TYPE]`.
    pub attach: Vec<String>,
    /// `--inline CID=PATH`.
    pub inline: Vec<String>,
}

impl MessageFlags {
    /// Reads the files the flags name; errors name the flag and the path.
    pub fn read(&self) -> RunResult<DraftSpec> {
        let text = match (&self.text, &self.text_file) {
            (Some(text), _) => Some(text.clone()),
            (None, Some(path)) => Some(read_text("--text-file", path)?),
            (None, None) => None,
        };
        let html = (self.html_file.as_deref())
            .map(|path| read_text("--html-file", path))
            .transpose()?;
        Ok(DraftSpec {
            headers: self.headers.clone(),
            text,
            html,
            attachments: (self.attach.iter())
                .map(|spec| read_attachment(spec))
                .collect::<RunResult<_>>()?,
            inline_images: (self.inline.iter())
                .map(|spec| read_inline_image(spec))
                .collect::<RunResult<_>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_wins_and_files_are_read() {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let flags = MessageFlags {
            text: Some("Hi".into()),
            text_file: Some("no-such-file.txt".into()),
            html_file: Some(manifest.clone()),
            attach: vec![manifest.display().to_string()],
            ..MessageFlags::default()
        };
        let spec = flags.read().unwrap();
        assert_eq!(spec.text.as_deref(), Some("Hi"));
        assert!(spec.html.unwrap().contains("[package]"));
        assert_eq!(spec.attachments.len(), 1);
        let missing = MessageFlags {
            text_file: Some("no-such-file.txt".into()),
            ..MessageFlags::default()
        };
        let error = missing.read().unwrap_err();
        assert!(
            error.message().starts_with("--text-file: cannot read"),
            "{error}"
        );
    }
}
