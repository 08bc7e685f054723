// The package's API in Node: composing, validation findings, the preview model, import, reply
// threading and quoting, forwarding, determinism, and errors for misuse. Every message produced
// is also parsed by postal-mime, an independent parser, and checked for its structure.
"use strict";
const { test, describe } = require("node:test");
const assert = require("node:assert/strict");
const {
  wasmail, FIXED, fixture, PNG, parseMail, assertWellFormed, header, headerOf,
} = require("./support.cjs");

const { Draft, importEml } = wasmail();

function basicDraft() {
  const draft = new Draft();
  draft.from = "Jane Doe <jane@example.com>";
  draft.to = "bob@example.org, \"Smith, Carol\" <carol@example.net>";
  draft.subject = "Lunch?";
  draft.text = "Noon at the usual place?";
  return draft;
}

describe("composing", () => {
  test("a plain message: headers, CRLF, body with a final line break", async () => {
    const eml = basicDraft().toEml(FIXED);
    assert.ok(eml instanceof Uint8Array);
    assertWellFormed(eml);
    assert.equal(header(eml, "From"), "\"Jane Doe\" <jane@example.com>");
    assert.equal(header(eml, "Date"), "Mon, 23 Nov 2026 01:42:54 +0100");
    assert.match(header(eml, "Message-ID"), /^<[0-9a-f]+\.[0-9a-f]{32}@example\.com>$/);
    const mail = await parseMail(eml);
    assert.equal(mail.subject, "Lunch?");
    assert.deepEqual(mail.to.map((a) => a.address), ["bob@example.org", "carol@example.net"]);
    assert.equal(mail.to[1].name, "Smith, Carol");
    assert.equal(mail.text, "Noon at the usual place?\n");
    assert.equal(mail.html, undefined);
  });

  test("text, HTML, an inline image and attachments make the Gmail structure", async () => {
    const draft = basicDraft();
    draft.cc = "Dave <dave@example.org>";
    draft.bcc = "secret@example.org";
    draft.subject = "Figures — résumé";
    draft.html = "<p>Noon?</p><img src=\"cid:logo@example.com\" alt=\"logo\">";
    draft.addInlineImage("logo@example.com", "logo.png", "", PNG);
    assert.equal(draft.addAttachment("report.pdf", "", Uint8Array.of(37, 80, 68, 70)), 1);
    assert.equal(draft.addAttachment("notes.txt", "text/plain", Buffer.from("line 1\nline 2\n")), 2);
    draft.setHeader("X-Campaign", "spring");
    assert.deepEqual(draft.validate(), []);
    assert.deepEqual(draft.attachments.map((a) => [a.filename, a.contentType, a.size]), [
      ["report.pdf", "application/pdf", 4], ["notes.txt", "text/plain", 14],
    ]);
    assert.deepEqual(draft.inlineImages.map((i) => [i.contentId, i.contentType]), [["logo@example.com", "image/png"]]);

    const eml = draft.toEml(FIXED);
    assertWellFormed(eml);
    assert.equal(header(eml, "Bcc"), undefined, "Bcc is never written into the message");
    assert.equal(header(eml, "X-Campaign"), "spring");
    assert.match(header(eml, "Subject"), /^=\?utf-8\?/i);

    const mail = await parseMail(eml);
    assert.equal(mail.subject, "Figures — résumé");
    // postal-mime keeps the line break that belongs to the boundary delimiter in multiparts.
    assert.equal(mail.text.trimEnd(), "Noon at the usual place?");
    assert.match(mail.html, /<p>Noon\?<\/p><img src="cid:logo@example.com"/);
    assert.deepEqual(mail.cc.map((a) => a.address), ["dave@example.org"]);
    const files = mail.attachments.map((a) => [a.filename, a.mimeType, a.disposition, a.contentId ?? null]);
    assert.deepEqual(files, [
      ["logo.png", "image/png", "inline", "<logo@example.com>"],
      ["report.pdf", "application/pdf", "attachment", null],
      ["notes.txt", "text/plain", "attachment", null],
    ]);
    assert.deepEqual(new Uint8Array(mail.attachments[0].content), PNG);

    const tree = draft.preview(FIXED).tree;
    const shape = (node) => node.children.length
      ? `${node.contentType}[${node.children.map(shape).join(",")}]` : node.contentType;
    assert.equal(shape(tree),
      "multipart/mixed[multipart/alternative[text/plain,multipart/related[text/html,image/png]],application/pdf,text/plain]");
  });

  test("the same draft and context compose to the same bytes; the clock and entropy change them", () => {
    const draft = basicDraft();
    assert.deepEqual(draft.toEml(FIXED), draft.toEml(FIXED));
    assert.deepEqual(draft.toEml(FIXED), basicDraft().toEml(FIXED));
    const live = draft.toEml();
    assert.notDeepEqual(live, draft.toEml(FIXED));
    // A draft keeps its entropy: the Message-ID is stable while it is edited.
    assert.equal(header(draft.toEml({ unixTime: 0 }), "Message-ID").split(".")[1],
      header(draft.toEml({ unixTime: 0 }), "Message-ID").split(".")[1]);
    assert.notEqual(header(basicDraft().toEml({ unixTime: 0 }), "Message-ID"),
      header(basicDraft().toEml({ unixTime: 0 }), "Message-ID"), "fresh entropy per draft");
    // The Date is the host's clock and zone unless fixed.
    const now = Date.now() / 1000;
    const date = Date.parse(header(live, "Date")) / 1000;
    assert.ok(Math.abs(date - now) < 120, `${header(live, "Date")} is now`);
    // The Message-ID domain defaults to the From domain.
    assert.match(header(live, "Message-ID"), /@example\.com>$/);
  });

  test("extra headers: setHeader replaces one of the same name, addHeader adds another", () => {
    const draft = basicDraft();
    draft.setHeader("X-Tag", "one");
    draft.setHeader("x-tag", "two");
    draft.addHeader("X-Tag", "three");
    assert.deepEqual(draft.headers.map((h) => [h.name, h.value]), [["x-tag", "two"], ["X-Tag", "three"]]);
    const text = Buffer.from(draft.toEml(FIXED)).toString("latin1");
    assert.match(text, /\r\nx-tag: two\r\nX-Tag: three\r\n/);
    assert.equal(draft.removeHeader("X-TAG"), true);
    assert.deepEqual(draft.headers, []);
  });
});

describe("validation", () => {
  const fieldsOf = (findings) => findings.map((f) => `${f.field}:${f.severity}`);

  test("an empty draft needs a From and a recipient", () => {
    const findings = new Draft().validate();
    assert.deepEqual(fieldsOf(findings), ["from:error", "to:error"]);
    for (const finding of findings) assert.equal(typeof finding.message, "string");
    // Only the missing recipient lets the draft still be previewed and saved.
    assert.deepEqual(findings.map((f) => f.sendOnly), [false, true]);
  });

  test("user mistakes are findings next to their field, never exceptions", () => {
    const draft = new Draft();
    draft.from = "Jane <jane@>";
    draft.to = "bob@example.org, <carol";
    draft.cc = "dave at example.org";
    draft.subject = "two\nlines";
    draft.setHeader("Bad Name", "x");
    draft.setHeader("Subject", "owned by the message");
    draft.addAttachment("a.bin", "not a type", Uint8Array.of(1));
    draft.addAttachment("", "", Uint8Array.of(1));
    draft.html = "<img src=\"cid:nowhere@x\">";
    draft.addInlineImage("unused@x", "u.png", "", PNG);
    draft.addInlineImage("bad id@x", "b.png", "", PNG);
    const findings = draft.validate();
    assert.deepEqual(fieldsOf(findings), [
      "from:error", "to:error", "cc:error", "headers:error", "headers:error",
      "attachments:error", "attachments:error", "inlineImages:error", "subject:error",
      "html:error", "inlineImages:warning",
    ]);
    const message = (field) => findings.find((f) => f.field === field).message;
    assert.match(message("from"), /^From: .*domain/);
    assert.match(message("to"), /^To: /);
    assert.match(message("subject"), /control character/);
    assert.match(message("html"), /cid:nowhere@x/);
    assert.throws(() => draft.toEml(FIXED), (error) =>
      error instanceof Error && /^toEml: the draft cannot be composed: From: /.test(error.message));
    assert.throws(() => draft.preview(FIXED), /^Error: preview: the draft cannot be composed/);
    // inspect() reports the same findings and no view, without throwing.
    const inspection = draft.inspect(FIXED);
    assert.deepEqual(inspection.findings, findings);
    assert.equal(inspection.view, null);
  });

  test("a draft without recipients is reported but can still be saved", async () => {
    const draft = basicDraft();
    draft.to = "";
    assert.deepEqual(fieldsOf(draft.validate()), ["to:error"]);
    const mail = await parseMail(draft.toEml(FIXED));
    assert.equal(mail.to, undefined);
  });
});

describe("preview", () => {
  test("headers as recipients see them, safe HTML, text, source and envelope-only Bcc", () => {
    const draft = basicDraft();
    draft.bcc = "Secret <secret@example.org>";
    draft.html = "<p onclick=\"x()\" style=\"color:red\">Hi <script>alert(1)</script><a href=\"javascript:y()\">there</a></p>" +
      "<img src=\"cid:logo@x\"><img src=\"https://tracker.example/p.gif\"><link rel=stylesheet href=\"https://e.example/s.css\">";
    draft.addInlineImage("logo@x", "logo.png", "image/png", PNG);
    const view = draft.preview(FIXED);
    // inspect() gives the same view and findings in one composition.
    const inspection = draft.inspect(FIXED);
    assert.deepEqual(inspection.view, view);
    assert.deepEqual(inspection.findings, draft.validate());
    assert.throws(() => draft.inspect({ unixTime: "soon" }), TypeError);
    const names = view.headers.map((h) => h.name);
    assert.deepEqual(names, ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]);
    assert.deepEqual(view.to, ["bob@example.org", "\"Smith, Carol\" <carol@example.net>"]);
    assert.deepEqual(view.bcc, ["Secret <secret@example.org>"]);
    assert.equal(view.subject, "Lunch?");
    assert.equal(view.date, "Mon, 23 Nov 2026 01:42:54 +0100");
    assert.equal(view.text, "Noon at the usual place?\r\n", "decoded, with the message's CRLF");
    assert.doesNotMatch(view.html, /script|onclick|javascript:|tracker|<link|https:/i);
    assert.match(view.html, /style="color:red"/);
    assert.match(view.html, /<img src="data:image\/png;base64,iVBORw0KGgo/);
    assert.equal(view.blockedRemoteImages, 1);
    assert.deepEqual(view.parts.map((p) => [p.filename, p.contentType, p.inline, p.contentId]),
      [["logo.png", "image/png", true, "logo@x"]]);
    assert.equal(view.source, Buffer.from(draft.toEml(FIXED)).toString("utf8"));
    assert.equal(view.sourceOmitted, 0, "a small message is shown whole");
    assert.equal(view.size, draft.toEml(FIXED).length);
  });
});

describe("import, reply and forward", () => {
  test("character references decode the same as natively (no double escaping)", () => {
    const parent = new TextEncoder().encode(
      "From: \"Doe, Jane\" <jane@example.com>\r\nTo: bob@example.org\r\nSubject: hi\r\n" +
        "Message-ID: <p1@example.com>\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: text/html; charset=utf-8\r\n\r\n<p>a &lt;b &amp; c &gt; d &eacute;</p>\r\n",
    );
    const imported = importEml(parent);
    assert.match(imported.view().html, /<p>a &lt;b &amp; c &gt; d \u00e9<\/p>/);
    const reply = imported.reply({ from: "bob@example.org", text: "ok" });
    const html = reply.preview(FIXED).html;
    assert.ok(html.includes("Doe, Jane &lt;<a href=\"mailto:jane@example.com\">"), html);
    assert.ok(html.includes("<p>a &lt;b &amp; c &gt; d \u00e9</p>"), html);
    // The quoted text of an HTML-only parent is converted with the same decoding.
    const text = reply.preview(FIXED).text;
    assert.ok(text.includes("> a <b & c > d \u00e9"), text);
  });

  const parent = () => importEml(fixture("parent.eml"));

  test("an imported message is viewed decoded and sanitised", () => {
    const message = parent();
    assert.equal(message.subject, "Quarterly résumé");
    assert.equal(message.messageId, "<parent-2@example.com>");
    const view = message.view();
    assert.deepEqual(view.from, ["\"Doe, Jane\" <jane@example.com>"]);
    assert.deepEqual(view.references, ["<root-1@example.com>"]);
    assert.equal(view.date, "Mon, 23 Nov 2026 09:15:00 +0100");
    assert.match(view.text, /the figures are in/);
    assert.doesNotMatch(view.html, /script|onclick|javascript:|tracker/i);
    assert.match(view.html, /the figures are <b>in<\/b>/);
    assert.equal(view.blockedRemoteImages, 1);
    assert.equal(view.tree.contentType, "multipart/alternative");
    assert.deepEqual(view.tree.children.map((n) => n.contentType), ["text/plain", "text/html"]);
    const shown = (name) => view.headers.find((h) => h.name === name).value;
    assert.equal(shown("Subject"), "Quarterly résumé");
    assert.equal(shown("From"), "\"Doe, Jane\" <jane@example.com>");
    assert.equal(shown("To"), "Bob <bob@example.org>, Carol <carol@example.net>");
  });

  test("reply: recipient, Re: subject, In-Reply-To, References and the quoted parent", async () => {
    const reply = parent().reply({ from: "Bob <bob@example.org>", text: "Friday works." });
    assert.equal(reply.to, "\"Doe, Jane\" <jane@example.com>");
    assert.equal(reply.cc, "");
    assert.equal(reply.subject, "Re: Quarterly résumé");
    assert.deepEqual(reply.inReplyTo, ["<parent-2@example.com>"]);
    assert.deepEqual(reply.references, ["<root-1@example.com>", "<parent-2@example.com>"]);
    assert.deepEqual(reply.validate(), []);
    const eml = reply.toEml(FIXED);
    assertWellFormed(eml);
    assert.equal(header(eml, "In-Reply-To"), "<parent-2@example.com>");
    assert.equal(header(eml, "References"), "<root-1@example.com> <parent-2@example.com>");
    const mail = await parseMail(eml);
    assert.equal(mail.inReplyTo, "<parent-2@example.com>");
    assert.equal(mail.subject, "Re: Quarterly résumé");
    assert.match(mail.text, /^Friday works\.\n\nOn Mon, 23 Nov 2026 at 09:15, Doe, Jane <jane@example.com> wrote:\n\n> Hi all,\n>\n> the figures are in\. Lunch on Friday\?\n/);
    assert.match(mail.text, />\n> Jane\n/, "a sign-off without a \"-- \" separator is quoted too");
    assert.match(mail.html, /<div dir="auto">Friday works\.<\/div><br><div class="gmail_quote">/);
    assert.match(mail.html, /<blockquote class="gmail_quote"[^>]*>.*the figures are <b>in<\/b>/s);
    assert.doesNotMatch(mail.html, /script|onclick|javascript:|tracker/i);
  });

  test("reply all: the other recipients in Cc, without the sender's own address", async () => {
    const reply = parent().replyAll({ from: "Bob <bob@example.org>", text: "All: yes." });
    assert.equal(reply.to, "\"Doe, Jane\" <jane@example.com>");
    assert.equal(reply.cc, "Carol <carol@example.net>, Dave <dave@example.org>");
    const mail = await parseMail(reply.toEml(FIXED));
    assert.deepEqual(mail.cc.map((a) => a.address), ["carol@example.net", "dave@example.org"]);
  });

  test("forward inline and as an attachment", async () => {
    const inline = parent().forward({ from: "Bob <bob@example.org>", text: "FYI" });
    assert.equal(inline.subject, "Fwd: Quarterly résumé");
    assert.equal(inline.to, "");
    assert.deepEqual(inline.inReplyTo, []);
    assert.deepEqual(inline.references, ["<root-1@example.com>", "<parent-2@example.com>"]);
    inline.to = "erin@example.org";
    const mail = await parseMail(inline.toEml(FIXED));
    assert.match(mail.text, /^FYI\n\n---------- Forwarded message ---------\nFrom: Doe, Jane <jane@example.com>\n/);

    const attached = parent().forward({ from: "Bob <bob@example.org>", asAttachment: true });
    attached.to = "erin@example.org";
    const eml = attached.toEml(FIXED);
    assertWellFormed(eml);
    const parsed = await parseMail(eml);
    assert.equal(parsed.attachments.length, 1);
    assert.equal(parsed.attachments[0].mimeType, "message/rfc822");
    assert.equal(parsed.attachments[0].filename, "Quarterly résumé.eml");
  });

  test("a From the core cannot take is kept in the draft and reported by validate()", () => {
    const reply = parent().reply({ from: "not an address" });
    assert.equal(reply.from, "not an address");
    assert.deepEqual(reply.validate().map((f) => f.field), ["from"]);
  });
});

describe("misuse throws real errors with clear messages", () => {
  test("wrong argument types are TypeErrors", () => {
    const draft = new Draft();
    assert.throws(() => { draft.to = 42; }, { name: "TypeError", message: "Draft.to must be a string, not a number" });
    assert.throws(() => draft.addAttachment("a.txt", "", "text"),
      { name: "TypeError", message: "addAttachment: bytes must be a Uint8Array, not a string" });
    assert.throws(() => draft.addAttachment("a.txt", "", [1, 2]),
      { name: "TypeError", message: "addAttachment: bytes must be a Uint8Array, not an array" });
    assert.throws(() => importEml("From: x"), { name: "TypeError", message: /importEml: bytes must be a Uint8Array/ });
    assert.throws(() => draft.toEml("now"), { name: "TypeError", message: "context must be an object, not a string" });
    assert.throws(() => draft.toEml({ unixTime: 1.5 }), { name: "TypeError", message: "context.unixTime must be an integer number, not 1.5" });
    assert.throws(() => parent().reply({ ownAddresses: "me@x" }), { name: "TypeError", message: /ownAddresses must be an array of strings/ });
    assert.throws(() => parent().forward({ asAttachment: "yes" }), { name: "TypeError", message: /asAttachment must be a boolean/ });
    assert.throws(() => draft.addAttachment("a.txt", "", undefined),
      { name: "TypeError", message: "addAttachment: bytes must be a Uint8Array, not undefined" });
    assert.throws(() => draft.addAttachment("a.txt", "", {}),
      { name: "TypeError", message: "addAttachment: bytes must be a Uint8Array, not an object" });
    assert.throws(() => draft.addAttachment("a.txt", "", new Blob(["x"])),
      { name: "TypeError", message: "addAttachment: bytes must be a Uint8Array, not a Blob (pass new Uint8Array(await file.arrayBuffer()))" });
    // An index JS would quietly turn into 0 (or round) is refused, and nothing is removed.
    draft.addAttachment("keep.txt", "", new Uint8Array([1]));
    for (const [index, shown] of [[undefined, "undefined"], ["keep.txt", "a string"], [1.5, "1.5"], [-1, "-1"], [2 ** 32, "4294967296"]]) {
      assert.throws(() => draft.removeAttachment(index),
        { name: "TypeError", message: `removeAttachment: index must be a whole number from 0, not ${shown}` });
    }
    assert.deepEqual(draft.attachments.map((a) => a.filename), ["keep.txt"]);
    draft.removeAttachment(0);
    assert.equal(draft.attachments.length, 0);
    // null and undefined clear a field.
    draft.to = null;
    assert.equal(draft.to, "");
    // An ArrayBuffer is accepted where bytes are expected.
    draft.addAttachment("b.bin", "", new ArrayBuffer(3));
    assert.equal(draft.attachments[0].size, 3);
  });

  test("bad values are Errors", () => {
    const draft = basicDraft();
    assert.throws(() => draft.toEml({ ...FIXED, entropyHex: "abc" }),
      { name: "Error", message: "context.entropyHex must be 64 hex digits (32 bytes), got 3 characters" });
    assert.throws(() => draft.toEml({ ...FIXED, utcOffsetMinutes: 24 * 60 }), /context.utcOffsetMinutes: UTC offset of 1440 minutes is out of range/);
    assert.throws(() => draft.toEml({ ...FIXED, messageIdDomain: "not a domain" }), /not a valid domain name for Message-IDs/);
    assert.throws(() => draft.removeAttachment(3), { name: "Error", message: "removeAttachment: there is no attachment 3; the draft has 0" });
    assert.throws(() => importEml(new Uint8Array()), { name: "Error", message: /^importEml: the bytes are not a mail message/ });
    // A picture opened by mistake is no message either.
    assert.throws(() => importEml(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x3a, 0x0d, 0x0a])),
      { name: "Error", message: /^importEml: the bytes are not a mail message/ });
    const freed = new Draft();
    freed.free();
    assert.throws(() => freed.validate(), Error);
  });

  function parent() {
    return importEml(fixture("parent.eml"));
  }
});

test("headers of every message above stay within the header rules", () => {
  // A message whose header values are long and non-ASCII still folds within 998 octets.
  const draft = basicDraft();
  draft.subject = "é".repeat(300) + " " + "x".repeat(950);
  draft.setHeader("List-Unsubscribe", "<https://example.com/unsubscribe/" + "a".repeat(200) + ">");
  const eml = draft.toEml(FIXED);
  assertWellFormed(eml);
  assert.ok(headerOf(eml).some(([name]) => name === "List-Unsubscribe"));
});
