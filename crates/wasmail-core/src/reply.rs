//! Replying to and forwarding messages, and reading them for display.
//!
//! A [`Parent`] is a message read from its bytes (an imported `.eml`) or from a composed
//! [`Message`](crate::message::Message). A viewer shows it through its getters (with
//! [`Parent::sanitized_html`] for the body); a composer turns it into a draft with
//! [`Parent::reply`] or [`Parent::forward`], an ordinary [`Message`](crate::message::Message)
//! the user can edit with [`Message::into_builder`](crate::message::Message::into_builder).
//!
//! ```
//! use wasmail_core::mailbox::Mailbox;
//! use wasmail_core::reply::{Parent, ReplyOptions};
//!
//! let parent = Parent::parse(
//!     b"From: Jane Doe <jane@example.com>\r\nTo: bob@example.org\r\n\
//!       Subject: Lunch?\r\nMessage-ID: <1@example.com>\r\n\
//!       Date: Mon, 23 Nov 2026 01:42:54 +0100\r\n\r\nNoon?\r\n",
//! )?;
//! let reply = parent.reply(&ReplyOptions {
//!     from: Some(Mailbox::parse("Bob <bob@example.org>")?),
//!     text: "Yes!".into(),
//!     ..ReplyOptions::default()
//! })?;
//! assert_eq!(reply.subject(), Some("Re: Lunch?"));
//! assert_eq!(reply.to()[0].address().to_string(), "jane@example.com");
//! assert_eq!(reply.in_reply_to()[0].as_str(), "1@example.com");
//! assert_eq!(
//!     reply.text_body(),
//!     Some("Yes!\n\nOn Mon, 23 Nov 2026 at 01:42, Jane Doe <jane@example.com> wrote:\n\n> Noon?\n"),
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pieces are public too, for clients that lay out replies their own way:
//! [`reply_subject`], [`forward_subject`], [`quote_text`], [`strip_signature`],
//! [`thread_references`].

mod attribution;
mod carry;
mod case;
mod date;
mod draft;
mod error;
mod extract;
mod flowed;
mod layout;
mod parent;
mod quote;
mod recipients;
mod references;
mod subject;

pub use date::MessageDate;
pub use draft::{ForwardMode, ForwardOptions, ReplyOptions};
pub use error::ReplyError;
pub use parent::{Parent, ParentAttachment};
pub use quote::{quote_text, strip_signature};
pub use references::{MAX_REFERENCES, MAX_REFERENCES_OCTETS, thread_references, trim_references};
pub use subject::{base_subject, forward_subject, reply_subject};
