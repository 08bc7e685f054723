// Byte equality: the package and the native `wasmail` binary compose the same bytes for the same
// input and fixed context (--date, --utc-offset, --seed, --message-id-domain), for new messages,
// replies and forwards. Both run the one core; this proves the wasm build and the JS surface add
// nothing and lose nothing.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { paths, wasmail, FIXED, FIXED_FLAGS, fixture, PNG, parseMail, assertWellFormed } = require("./support.cjs");

const { Draft, importEml } = wasmail();
let dir;

before(() => {
  assert.ok(fs.existsSync(paths.cli), `the wasmail binary is built (cargo build -p wasmail-cli): ${paths.cli}`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wasmail-cli-eq-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name, bytes) {
  const target = path.join(dir, name);
  fs.writeFileSync(target, bytes);
  return target;
}

function cli(args) {
  return new Uint8Array(execFileSync(paths.cli, [...args, ...FIXED_FLAGS], { maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "pipe"] }));
}

function assertSameBytes(fromWasm, fromCli) {
  const a = Buffer.from(fromWasm).toString("utf8");
  const b = Buffer.from(fromCli).toString("utf8");
  assert.equal(a, b);
  assert.deepEqual(fromWasm, fromCli);
  assertWellFormed(fromWasm);
}

test("a plain text message", () => {
  const draft = new Draft();
  draft.from = "Jane Doe <jane@example.com>";
  draft.to = "bob@example.org, \"Smith, Carol\" <carol@example.net>";
  draft.subject = "Lunch?";
  draft.text = "Noon at the usual place?";
  assertSameBytes(draft.toEml(FIXED), cli([
    "compose", "--from", draft.from, "--to", draft.to, "--subject", draft.subject, "--text", draft.text,
  ]));
});

test("HTML with an inline image, attachments, Cc, Bcc, Reply-To, an extra header, non-ASCII", async () => {
  const html = "<p>Hello <b>Bob</b> — ünïcödé</p>\n<p><img src=\"cid:logo@example.com\" alt=\"logo\"></p>\n";
  const text = "Hello Bob — ünïcödé\nLine two\n";
  const pdf = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
  const draft = new Draft();
  draft.from = "Jäne Doe <jane@example.com>";
  draft.to = "bob@example.org";
  draft.cc = "Carol <carol@example.net>";
  draft.bcc = "secret@example.org";
  draft.replyTo = "replies@example.com";
  draft.subject = "Quarterly résumé and a very long subject line that needs folding somewhere in the middle";
  draft.text = text;
  draft.html = html;
  draft.setHeader("X-Campaign", "spring");
  draft.addInlineImage("logo@example.com", "logo.png", "", PNG);
  draft.addAttachment("report.pdf", "", pdf);
  draft.addAttachment("notes.txt", "", Buffer.from("one\ntwo\n"));

  const fromCli = cli([
    "compose", "--from", draft.from, "--to", draft.to, "--cc", draft.cc, "--bcc", draft.bcc,
    "--reply-to", draft.replyTo, "--subject", draft.subject,
    "--text-file", file("body.txt", text), "--html-file", file("body.html", html),
    "--header", "X-Campaign: spring",
    "--inline", `logo@example.com=${file("logo.png", PNG)}`,
    "--attach", file("report.pdf", pdf), "--attach", file("notes.txt", "one\ntwo\n"),
  ]);
  assertSameBytes(draft.toEml(FIXED), fromCli);
  const mail = await parseMail(fromCli);
  assert.equal(mail.attachments.length, 3);
});

// The module leaves out the idna crate's Unicode tables and asks the host's URL parser for
// UTS-46 (see crates/wasmail-wasm/src/platform.rs); the native binary uses the idna crate. The
// same domains must be accepted or refused, and accepted ones compose to the same bytes.
test("internationalised domains: the URL parser and the idna crate agree", () => {
  const cases = [
    ["Jörg <jörg@Bücher.Example>", true],
    ["info@XN--BCHER-KVA.example", true],
    ["wide@ＥＸＡＭＰＬＥ．com", true],
    ["sharp@faß.de", true],
    ["greek@βόλος.gr", true],
    ["korean@한국.example", true],
    ["joiner@a\u200db.example", false],
    ["mark@\u0301a.example", false],
    ["paren@⑴.example", false],
    ["under@a＿b.example", false],
    ["slash@ex／ample.com", false],
    ["bad@xn--zz.example", false],
    ["ascii@xn--abc-.example", false],
    [`repeat@${"ü".repeat(40)}.example`, true],
    [`long@${"a".repeat(60)}ü.example`, false],
    // A URL parser reads names ending in a number as IPv4 addresses; the core keeps them names.
    ["numeric@bücher.123", true],
    ["wide-digits@１２７.１", true],
    // The Bidi rule spans the whole name, A-labels included.
    ["bidi@xn--mgbh0fb.3com", false],
    ["bidi-unicode@مثال.3com", false],
  ];
  for (const [to, valid] of cases) {
    const draft = new Draft();
    draft.from = "jane@example.com";
    draft.to = to;
    draft.subject = "IDN";
    draft.text = "hi";
    const errors = draft.validate().filter((finding) => finding.severity === "error");
    const args = ["compose", "--from", draft.from, "--to", to, "--subject", "IDN", "--text", "hi"];
    if (valid) {
      assert.deepEqual(errors, [], to);
      assertSameBytes(draft.toEml(FIXED), cli(args));
    } else {
      assert.deepEqual(errors.map((finding) => finding.field), ["to"], to);
      assert.throws(() => cli(args), /is not a valid address/, `wasmail compose refuses ${to}`);
    }
  }
});

test("a reply and a reply-all to an imported message", () => {
  const parentPath = file("parent.eml", fixture("parent.eml"));
  const parent = importEml(fixture("parent.eml"));
  const from = "Bob <bob@example.org>";

  const reply = parent.reply({ from, text: "Friday works." });
  assertSameBytes(reply.toEml(FIXED), cli(["reply", parentPath, "--from", from, "--text", "Friday works."]));

  const all = parent.replyAll({ from, text: "All: yes." });
  assertSameBytes(all.toEml(FIXED), cli(["reply", parentPath, "--all", "--from", from, "--text", "All: yes."]));
});

test("a forward, inline and as an attachment", () => {
  const parentPath = file("parent.eml", fixture("parent.eml"));
  const parent = importEml(fixture("parent.eml"));
  const from = "Bob <bob@example.org>";

  const inline = parent.forward({ from, text: "FYI" });
  inline.to = "erin@example.org";
  assertSameBytes(inline.toEml(FIXED),
    cli(["forward", parentPath, "--from", from, "--to", "erin@example.org", "--text", "FYI"]));

  const attached = parent.forward({ from, asAttachment: true });
  attached.to = "erin@example.org";
  assertSameBytes(attached.toEml(FIXED),
    cli(["forward", parentPath, "--as-attachment", "--from", from, "--to", "erin@example.org"]));
});

// Imported messages in other charsets: the module decodes them with the host's TextDecoder,
// the binary with encoding_rs (crates/wasmail-core/src/charset.rs). Replies and forwards must
// come out byte for byte the same, quoting the parent in readable text.
test("replies to messages in Japanese, Korean, Chinese and Cyrillic charsets", async () => {
  const fixtures = path.join(__dirname, "..", "..", "crates", "wasmail-core", "tests", "fixtures");
  const cases = {
    "charset-iso-2022-jp.eml": "日本語の件名",
    "charset-shift_jis.eml": "会議の議事録について",
    "charset-euc-kr.eml": "회의 일정",
    "charset-gb2312.eml": "项目进展",
    "charset-big5.eml": "會議記錄",
    "charset-windows-1251.eml": "Отчёт за ноябрь",
  };
  const from = "Bob <bob@example.org>";
  for (const [name, subject] of Object.entries(cases)) {
    const parentPath = path.join(fixtures, name);
    const parent = importEml(new Uint8Array(fs.readFileSync(parentPath)));
    assert.equal(parent.subject, subject, name);

    const reply = parent.reply({ from, text: "OK" });
    const bytes = reply.toEml(FIXED);
    assertSameBytes(bytes, cli(["reply", parentPath, "--from", from, "--text", "OK"]));
    const mail = await parseMail(bytes);
    assert.equal(mail.subject, `Re: ${subject}`, name);
    assert.match(mail.text, /\n> \S/u, `${name}: the parent is quoted`);
    assert.doesNotMatch(mail.text, /\uFFFD/u, `${name}: no replacement characters`);

    const forward = parent.forward({ from, text: "FYI" });
    forward.to = "erin@example.org";
    assertSameBytes(forward.toEml(FIXED),
      cli(["forward", parentPath, "--from", from, "--to", "erin@example.org", "--text", "FYI"]));
  }
});
