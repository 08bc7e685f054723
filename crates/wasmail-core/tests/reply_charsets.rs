//! Imported messages in the charsets mail is sent in: subjects, display names, file names
//! and bodies come out as the sender wrote them, not as mojibake.
#![cfg(feature = "charsets")]

mod reply_support;
mod support;

use reply_support::{compose_and_read, mailbox, parent};
use wasmail_core::reply::ReplyOptions;

/// (fixture, subject, From display name, the text starts with)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "charset-iso-2022-jp.eml",
        "日本語の件名",
        "山田太郎",
        "こんにちは、世界。\n返信を",
    ),
    (
        "charset-shift_jis.eml",
        "会議の議事録について",
        "鈴木",
        "議事録を添付します。\n",
    ),
    (
        "charset-euc-kr.eml",
        "회의 일정",
        "김민수",
        "안녕하세요. 회의는 내일입니다.",
    ),
    (
        "charset-gb2312.eml",
        "项目进展",
        "王伟",
        "项目进展顺利。\n谢谢！",
    ),
    (
        "charset-big5.eml",
        "會議記錄",
        "陳大文",
        "會議記錄已經更新。",
    ),
    (
        "charset-windows-1251.eml",
        "Отчёт за ноябрь",
        "Иван Петров",
        "Добрый день! Отчёт готов.",
    ),
];

#[test]
fn headers_and_bodies_are_decoded_from_their_charsets() {
    for &(fixture, subject, name, text) in CASES {
        let parent = parent(fixture);
        assert_eq!(parent.subject(), subject, "{fixture}");
        assert_eq!(parent.from()[0].name(), Some(name), "{fixture}");
        let body = parent.text().unwrap().replace("\r\n", "\n");
        assert!(body.starts_with(text), "{fixture}: {body:?}");
    }
}

#[test]
fn html_parts_and_attachment_names_too() {
    let parent = parent("charset-shift_jis.eml");
    assert_eq!(
        parent.raw_html().unwrap().trim(),
        "<p>議事録を<b>添付</b>します。</p>"
    );
    let names: Vec<Option<&str>> = parent.attachments().iter().map(|a| a.filename()).collect();
    assert_eq!(names, [Some("議事録.csv")]);
}

#[test]
fn a_reply_quotes_the_parent_in_utf8() {
    let parent = parent("charset-iso-2022-jp.eml");
    let draft = parent
        .reply(&ReplyOptions {
            from: Some(mailbox("me@example.com")),
            text: "了解です。\n".into(),
            ..ReplyOptions::default()
        })
        .unwrap();
    let got = compose_and_read(&draft, 1);
    assert_eq!(got.subject, "Re: 日本語の件名");
    assert!(got.text.contains("> こんにちは、世界。"), "{}", got.text);
    assert!(got.text.contains("山田太郎"), "{}", got.text);
}
