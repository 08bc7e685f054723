//! Composition speed: four reference messages, each composed by wasmail and by raw
//! mail-builder building the equivalent message, in the same run so the ratio can be read.
//!
//! `cargo bench -p wasmail-core --bench compose`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address as RawAddress;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use wasmail_core::context::{ComposeContext, UtcOffset};
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{Attachment, Message, MessageId};

const TIME: i64 = 1_795_394_574;

/// One reference message, as a wasmail [`Message`] and as a recipe for raw mail-builder.
struct Reference {
    name: &'static str,
    message: Message,
    raw: fn(&Message) -> MessageBuilder<'_>,
}

fn mailbox(text: &str) -> Mailbox {
    Mailbox::parse(text).expect("a valid mailbox")
}

fn short_text() -> Reference {
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .subject("Lunch on Friday")
        .text_body("Hi Bob,\n\nlunch on Friday at noon?\n\nJane\n")
        .build()
        .expect("a valid message");
    Reference {
        name: "short_text",
        message,
        raw: raw_equivalent,
    }
}

/// An HTML reply of about 6 kB: a short answer on top of a quoted parent.
fn html_reply() -> Reference {
    let parent = MessageId::parse("<parent.1@example.org>").expect("a valid id");
    let quoted_text: String = (0..40)
        .map(|i| format!("> Line {i} of the parent message, with some ordinary words in it.\n"))
        .collect();
    let quoted_html: String = (0..40)
        .map(|i| format!("<div>Line {i} of the parent message, with <b>some</b> words.</div>\n"))
        .collect();
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("Bob Smith <bob@example.org>"))
        .cc(mailbox("Carol <carol@example.net>"))
        .subject("Re: Quarterly figures")
        .in_reply_to(parent.clone())
        .references([
            MessageId::parse("<root.0@example.org>").expect("a valid id"),
            parent,
        ])
        .text_body(format!(
            "Thanks, looks good.\n\nOn Mon, Bob wrote:\n{quoted_text}"
        ))
        .html_body(format!(
            "<div>Thanks, looks good.</div><div class=\"quote\">On Mon, Bob wrote:<br>\
             <blockquote style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">\
             {quoted_html}</blockquote></div>"
        ))
        .build()
        .expect("a valid message");
    Reference {
        name: "html_reply_6k",
        message,
        raw: raw_equivalent,
    }
}

fn big_attachment() -> Reference {
    let bytes: Vec<u8> = (0..10 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let message = Message::builder()
        .from(mailbox("Jane Doe <jane@example.com>"))
        .to(mailbox("bob@example.org"))
        .subject("The archive")
        .text_body("Attached.\n")
        .attachment(Attachment::new("archive.zip", bytes).expect("a valid attachment"))
        .build()
        .expect("a valid message");
    Reference {
        name: "attachment_10mib",
        message,
        raw: raw_equivalent,
    }
}

fn non_ascii() -> Reference {
    let message = Message::builder()
        .from(mailbox("Jérôme Dupont <jerome@bücher.example>"))
        .to(mailbox("Zoë Ångström <zoe@example.org>"))
        .cc(mailbox("\"山田, 太郎\" <taro@例え.jp>"))
        .subject("Résumé — 会議の議事録 ✓")
        .text_body("Bonjour Zoë,\n\nvoici le compte rendu : 会議は金曜日です。\n\n— Jérôme\n")
        .html_body("<p>Bonjour Zoë,</p><p>会議は金曜日です。</p>\n")
        .attachment(
            Attachment::new("Übersicht 2026 — 日本語.pdf", b"%PDF-1.4\n".to_vec()).expect("valid"),
        )
        .build()
        .expect("a valid message");
    Reference {
        name: "non_ascii",
        message,
        raw: raw_equivalent,
    }
}

/// The same message written with mail-builder alone, the way a caller would without wasmail:
/// its own builder calls, date and Message-ID given so neither reads the clock.
fn raw_equivalent(message: &Message) -> MessageBuilder<'_> {
    let mut raw = MessageBuilder::new()
        .from(raw_mailbox(message.from().expect("a From")))
        .to(raw_list(message.to()))
        .subject(message.subject().unwrap_or_default())
        .date(Date::new(TIME))
        .message_id("6b038c0e.07070707070707070707070707070707@example.com");
    if !message.cc().is_empty() {
        raw = raw.cc(raw_list(message.cc()));
    }
    if !message.in_reply_to().is_empty() {
        raw = raw
            .in_reply_to(
                message
                    .in_reply_to()
                    .iter()
                    .map(MessageId::as_str)
                    .collect::<Vec<_>>(),
            )
            .references(
                message
                    .references()
                    .iter()
                    .map(MessageId::as_str)
                    .collect::<Vec<_>>(),
            );
    }
    if let Some(text) = message.text_body() {
        raw = raw.text_body(text);
    }
    if let Some(html) = message.html_body() {
        raw = raw.html_body(html);
    }
    for attachment in message.attachments() {
        // wasmail names the file in Content-Type too, as Gmail and Thunderbird do.
        let content_type = ContentType::new(attachment.content_type().as_str())
            .attribute("name", attachment.filename());
        raw = raw.attachment(content_type, attachment.filename(), attachment.bytes());
    }
    raw
}

fn raw_mailbox(mailbox: &Mailbox) -> RawAddress<'_> {
    let address = mailbox.address();
    let email = address
        .as_ascii_str()
        .map_or_else(|| address.to_string(), str::to_owned);
    RawAddress::new_address(mailbox.name(), email)
}

fn raw_list(list: &[Mailbox]) -> RawAddress<'_> {
    RawAddress::new_list(list.iter().map(raw_mailbox).collect())
}

fn compose(c: &mut Criterion) {
    let offset = UtcOffset::from_minutes(60).expect("a valid offset");
    let mut ctx =
        ComposeContext::new(TIME, offset, [7; 32], "example.com").expect("a valid context");
    for reference in [short_text(), html_reply(), big_attachment(), non_ascii()] {
        let size = reference
            .message
            .compose(&mut ctx)
            .expect("composes")
            .bytes()
            .len();
        let mut group = c.benchmark_group(reference.name);
        group.throughput(Throughput::Bytes(size as u64));
        if size > 1 << 20 {
            group.sample_size(20);
        }
        group.bench_function("wasmail", |b| {
            b.iter(|| {
                black_box(&reference.message)
                    .compose(&mut ctx)
                    .expect("composes")
            })
        });
        group.bench_function("mail-builder", |b| {
            b.iter(|| {
                let mut out = Vec::new();
                (reference.raw)(black_box(&reference.message)).serialize(&mut out);
                out
            })
        });
        group.finish();
    }
}

criterion_group!(benches, compose);
criterion_main!(benches);
