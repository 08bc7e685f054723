//! Import speed: reading a message to reply to ([`Parent::parse`]: parsing, charset decoding,
//! extraction) against a bare mail-parser parse of the same bytes, in the same run so the
//! ratio can be read. The Shift_JIS message is the case that is parsed twice (its encoded
//! words are rewritten as UTF-8 ones first).
//!
//! `cargo bench -p wasmail-core --bench import`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mail_parser::MessageParser;
use wasmail_core::context::{ComposeContext, UtcOffset};
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{Attachment, Message};
use wasmail_core::reply::Parent;

fn composed(message: Message) -> Vec<u8> {
    let mut ctx = ComposeContext::new(1_795_394_574, UtcOffset::UTC, [7; 32], "example.com")
        .expect("a valid context");
    message.compose(&mut ctx).expect("composes").into_bytes()
}

fn mailbox(text: &str) -> Mailbox {
    Mailbox::parse(text).expect("a valid mailbox")
}

fn references() -> Vec<(&'static str, Vec<u8>)> {
    let utf8 = composed(
        Message::builder()
            .from(mailbox("Jäne Doe <jane@example.com>"))
            .to(mailbox("bob@example.org"))
            .subject("Grüße zum Quartalsabschluss")
            .text_body("Hallo Bob,\n\ndie Zahlen sind da.\n".repeat(20))
            .html_body("<p>Hallo <b>Bob</b>, die Zahlen sind da.</p>\n".repeat(20))
            .build()
            .expect("a valid message"),
    );
    let attachment = composed(
        Message::builder()
            .from(mailbox("jane@example.com"))
            .to(mailbox("bob@example.org"))
            .subject("The archive")
            .text_body("Attached.\n")
            .attachment(
                Attachment::new(
                    "archive.zip",
                    (0..10u32 << 20)
                        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                        .collect::<Vec<u8>>(),
                )
                .expect("a valid attachment"),
            )
            .build()
            .expect("a valid message"),
    );
    let shift_jis = include_bytes!("../tests/fixtures/charset-shift_jis.eml").to_vec();
    vec![
        ("utf8_alternative", utf8),
        ("attachment_10mib", attachment),
        ("shift_jis", shift_jis),
    ]
}

fn bench(c: &mut Criterion) {
    for (name, bytes) in references() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("wasmail", |b| {
            b.iter(|| Parent::parse(black_box(&bytes)).expect("a message"));
        });
        group.bench_function("mail_parser", |b| {
            b.iter(|| {
                MessageParser::new()
                    .parse(black_box(&bytes))
                    .expect("a message")
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
