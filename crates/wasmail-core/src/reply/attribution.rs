//! The line above a quote: `On Mon, 23 Nov 2026 at 01:42, Jane Doe <jane@example.com> wrote:`.

use crate::html::escape_text;

use super::date::MessageDate;

/// Who wrote a quoted message and when, as far as its headers tell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Attribution {
    pub(crate) date: Option<MessageDate>,
    pub(crate) name: Option<String>,
    pub(crate) address: Option<String>,
}

impl Attribution {
    /// The plain-text line. The date is the sender's local time as written in the message, so
    /// it reads the same for every recipient and in every test run.
    pub(crate) fn text(&self) -> String {
        self.wrap(&self.who_text())
    }

    /// The HTML line, escaped, with the address as a `mailto:` link as Gmail shows it.
    pub(crate) fn html(&self) -> String {
        self.wrap(&self.who_html())
    }

    /// `Jane Doe <jane@example.com>`, or what is known of it.
    pub(crate) fn who_text(&self) -> String {
        match (&self.name, &self.address) {
            (Some(name), Some(address)) => format!("{name} <{address}>"),
            (None, Some(only)) | (Some(only), None) => only.clone(),
            (None, None) => "Unknown sender".to_owned(),
        }
    }

    /// [`who_text`](Self::who_text) in HTML, the address a `mailto:` link.
    pub(crate) fn who_html(&self) -> String {
        let link = |address: &str| {
            let escaped = escape_text(address);
            format!("<a href=\"mailto:{escaped}\">{escaped}</a>")
        };
        match (&self.name, &self.address) {
            (Some(name), Some(address)) => {
                format!("{} &lt;{}&gt;", escape_text(name), link(address))
            }
            (None, Some(address)) => link(address),
            (Some(name), None) => escape_text(name),
            (None, None) => "Unknown sender".to_owned(),
        }
    }

    fn wrap(&self, who: &str) -> String {
        match &self.date {
            Some(date) => format!("On {}, {who} wrote:", date.attribution_form()),
            None => format!("{who} wrote:"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let full = Attribution {
            date: MessageDate::parse("Mon, 23 Nov 2026 01:42:54 +0100"),
            name: Some("Jane <Doe>".into()),
            address: Some("jane@example.com".into()),
        };
        assert_eq!(
            full.text(),
            "On Mon, 23 Nov 2026 at 01:42, Jane <Doe> <jane@example.com> wrote:"
        );
        assert_eq!(
            full.html(),
            "On Mon, 23 Nov 2026 at 01:42, Jane &lt;Doe&gt; &lt;<a \
             href=\"mailto:jane@example.com\">jane@example.com</a>&gt; wrote:"
        );
        assert_eq!(Attribution::default().text(), "Unknown sender wrote:");
    }
}
