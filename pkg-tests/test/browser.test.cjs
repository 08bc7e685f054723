// The composer page end to end in headless Chromium (Debian's, driven by playwright-core), served
// by `python3 -m http.server` on a free loopback port, as the README says to run it: fill the
// form, see validation and the live preview, attach files by picker and drag-and-drop, add an
// inline image, download the .eml and parse it; open an .eml, reply, download and check the
// threading and the quote. No console errors and no request leaving the page's origin.
// Screenshots go to target/browser-tests/screenshots/.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");
const {
  paths, fixture, solidPng, parseMail, assertWellFormed, header, outputDir, CHROMIUM, CHROMIUM_ARGS, freePort,
} = require("./support.cjs");


let server;
let base;
let context;
let page;
let profile;
const problems = [];
const shots = outputDir("screenshots");
const downloads = outputDir("downloads");


function get(url) {
  return new Promise((resolve) => {
    http.get(url, (res) => { res.resume(); resolve(res.statusCode); }).on("error", () => resolve(0));
  });
}

async function startServer() {
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", paths.www],
      { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    child.stderr.on("data", (chunk) => { log += chunk; });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      if (await get(`${url}/index.html`) === 200) return { child, url };
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
    if (attempt === 2) throw new Error(`the static server did not start: ${log}`);
  }
}

/**
 * A screenshot of the whole page. The viewport is made as tall as the page first: Chromium does
 * not paint cross-origin (sandboxed) frames outside the viewport, so a plain full-page capture
 * shows them empty.
 */
async function shot(name) {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(height, size.height) });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.setViewportSize(size);
}

async function download(name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const target = path.join(downloads, name);
  await file.saveAs(target);
  return { bytes: new Uint8Array(fs.readFileSync(target)), suggested: file.suggestedFilename() };
}

async function previewHeader(name) {
  return page.locator("#preview-headers dt", { hasText: new RegExp(`^${name}$`) })
    .locator("xpath=following-sibling::dd[1]").textContent();
}

before(async () => {
  assert.ok(fs.existsSync(path.join(paths.www, "pkg", "wasmail_wasm_bg.wasm")), "www/pkg holds the web build");
  server = await startServer();
  base = server.url;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "wasmail-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
    // The Date header takes the offset from the page's clock: in Paris in November, +0100.
    timezoneId: "Europe/Paris",
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${base}/`) && !/^(data|blob|about):/.test(url)) problems.push(`request outside the origin: ${url}`);
  });
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
});

after(async () => {
  await context?.close();
  server?.child.kill();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

test("compose in the page: validation, live preview, files, download", { timeout: 120_000 }, async () => {
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator("#status").textContent(), "Ready.");
  assert.equal(await page.locator(".findings:not(:empty)").count(), 0, "no findings before the user types");
  await shot("01-empty");

  // Every control has a label.
  for (const id of ["from", "to", "cc", "bcc", "subject", "text", "html", "attach-input", "inline-input", "open-eml"]) {
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `a label for #${id}`);
  }

  await page.fill("#from", "Jane Doe <jane@example.com>");
  await page.fill("#to", "bob@");
  await page.press("#to", "Tab");
  await page.waitForSelector("#findings-to .error");
  assert.match(await page.locator("#findings-to").textContent(), /^To: .*domain/);
  assert.equal(await page.getAttribute("#to", "aria-invalid"), "true");
  assert.match(await page.locator("#preview-note").textContent(), /preview appears once/);
  await shot("02-validation");

  await page.fill("#to", "Bob <bob@example.org>");
  await page.fill("#cc", "carol@example.net");
  await page.fill("#bcc", "secret@example.org");
  await page.fill("#text", "Hello Bob,\n\nthe figures are attached.\n\nJane");
  await page.waitForFunction(() => !document.querySelector("#findings-to .error"));
  await page.waitForFunction(() => document.querySelector("#preview-note").hidden);
  const before = await previewHeader("Subject");
  assert.equal(before, "(no subject)");
  await page.fill("#subject", "Quarterly figures");
  await page.waitForFunction(() => document.querySelector("#preview-headers").textContent.includes("Quarterly figures"));
  assert.equal(await previewHeader("Subject"), "Quarterly figures", "the preview follows the form");
  assert.equal(await previewHeader("Bcc \\(envelope only\\)"), "secret@example.org");
  const date = await previewHeader("Date");
  assert.match(date, / \+0100$/, "the Date header has the browser's UTC offset");
  assert.ok(Math.abs(Date.parse(date) - Date.now()) < 120_000, `${date} is now`);
  await page.fill("#html", "<p>Hello <b>Bob</b>,</p><p>the figures are attached.</p><script>alert(1)</script>");

  // A file by the picker, one by drag-and-drop, an inline image.
  await page.setInputFiles("#attach-input", { name: "report.csv", mimeType: "text/csv", buffer: Buffer.from("q,revenue\nQ3,12\n") });
  await page.waitForSelector("#attachment-list li");
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(["some notes\n"], "notes.txt", { type: "text/plain" }));
    return data;
  });
  await page.dispatchEvent("#dropzone", "dragover", { dataTransfer: dropped });
  await page.dispatchEvent("#dropzone", "drop", { dataTransfer: dropped });
  await page.waitForFunction(() => document.querySelectorAll("#attachment-list li").length === 2);
  const logo = solidPng(96, 32, [31, 95, 191]);
  await page.setInputFiles("#inline-input", { name: "logo.png", mimeType: "image/png", buffer: Buffer.from(logo) });
  await page.waitForSelector("#inline-list li");
  assert.match(await page.inputValue("#html"), /<img src="cid:logo\.png@wasmail\.invalid" alt="logo\.png">/);
  await page.waitForFunction(() => document.querySelector("#preview-parts").textContent.includes("notes.txt"));

  // The HTML as recipients see it: sandboxed, no script, the inline image from the message.
  const frame = page.locator("#preview-frame");
  assert.equal(await frame.getAttribute("sandbox"), "allow-popups allow-popups-to-escape-sandbox", "links may open a tab; no allow-scripts, no allow-same-origin");
  const srcdoc = await frame.getAttribute("srcdoc");
  assert.match(srcdoc, /Content-Security-Policy" content="default-src 'none'; img-src data:/);
  assert.doesNotMatch(srcdoc, /<script|alert/);
  const body = page.frameLocator("#preview-frame");
  await body.locator("b", { hasText: "Bob" }).waitFor();
  assert.match(await body.locator("img").getAttribute("src"), /^data:image\/png;base64,iVBORw0KGgo/);
  // What the safe preview leaves out is said, not hidden.
  assert.equal(await page.locator("#preview-unshown").textContent(),
    "The preview does not show 1 script, event handler or script link (no mail program runs them; better left out).");
  await shot("03-composed");

  // The other views.
  await page.click("#tab-tree");
  const tree = await page.locator("#preview-tree").textContent();
  for (const part of ["multipart/mixed", "multipart/alternative", "multipart/related", "text/html", "image/png", "text/csv", "text/plain"]) {
    assert.ok(tree.includes(part), `${part} in the MIME tree`);
  }
  await shot("04-mime-tree");
  // Keyboard: arrows move between tabs.
  await page.focus("#tab-tree");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-message", "aria-selected"), "true");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute("#tab-tree", "aria-selected"), "true");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute("#tab-source", "aria-selected"), "true");
  assert.match(await page.locator("#preview-source").textContent(), /^From: "Jane Doe" <jane@example\.com>\r?\n/);
  await shot("05-source");
  await page.click("#tab-text");
  assert.match(await page.locator("#preview-text").textContent(), /the figures are attached/);
  await page.click("#tab-message");

  const { bytes, suggested } = await download("composed.eml");
  assert.equal(suggested, "Quarterly figures.eml");
  assertWellFormed(bytes);
  assert.equal(header(bytes, "Bcc"), undefined);
  const mail = await parseMail(bytes);
  assert.equal(mail.subject, "Quarterly figures");
  assert.deepEqual(mail.from, { address: "jane@example.com", name: "Jane Doe" });
  assert.deepEqual(mail.to.map((a) => a.address), ["bob@example.org"]);
  assert.deepEqual(mail.cc.map((a) => a.address), ["carol@example.net"]);
  assert.match(mail.text, /^Hello Bob,\n\nthe figures are attached\.\n\nJane\n/);
  assert.match(mail.html, /<p>Hello <b>Bob<\/b>,<\/p>.*<img src="cid:logo\.png@wasmail\.invalid"/s);
  assert.deepEqual(mail.attachments.map((a) => [a.filename, a.mimeType, a.disposition]), [
    ["logo.png", "image/png", "inline"], ["report.csv", "text/csv", "attachment"], ["notes.txt", "text/plain", "attachment"],
  ]);
  // (postal-mime keeps the delimiter's line break at the end of a 7bit part; Python's email
  // package reads "some notes\n" exactly.)
  assert.equal(Buffer.from(mail.attachments[2].content).toString().trimEnd(), "some notes");
  assert.match(await page.locator("#status").textContent(), /^Downloaded Quarterly figures\.eml/);
});

test("a big attachment: the source view is shortened, the download is whole", { timeout: 120_000 }, async () => {
  await page.click("#new-message");
  await page.fill("#from", "Jane Doe <jane@example.com>");
  await page.fill("#to", "bob@example.org");
  await page.fill("#subject", "The raw data");
  const data = require("node:crypto").randomBytes(6_000_000);
  await page.setInputFiles("#attach-input", { name: "data.bin", mimeType: "application/octet-stream", buffer: data });
  await page.waitForFunction(() => document.querySelector("#source-size").textContent.includes("not shown"));
  await page.click("#tab-source");
  const sizeNote = await page.locator("#source-size").textContent();
  assert.match(sizeNote, /^8\.\d MB \(\d+ bytes\)\. 8\.\d MB of base64 is not shown here; the downloaded \.eml has it all\.$/);
  const source = await page.locator("#preview-source").textContent();
  assert.ok(source.length < 5_000, `the source view holds ${source.length} characters`);
  assert.match(source, /\n\[\.\.\. 105,251 lines of base64 \([\d,]+ octets\) not shown \.\.\.\]\r?\n/);
  assert.match(source, /^From: "Jane Doe" <jane@example\.com>\r?\n/);
  await shot("05b-big-attachment-source");
  // The form still follows the user: the preview catches up with what was typed.
  await page.fill("#subject", "The raw data, again");
  await page.waitForFunction(() => document.querySelector("#preview-source").textContent.includes("Subject: The raw data, again"));
  await page.click("#tab-message");

  const { bytes } = await download("big.eml");
  assertWellFormed(bytes);
  const mail = await parseMail(bytes);
  assert.equal(mail.attachments.length, 1);
  assert.ok(Buffer.from(mail.attachments[0].content).equals(data), "the .eml carries every byte of the file");
});

test("open an .eml, view it safely, reply, reply all and forward", { timeout: 120_000 }, async () => {
  await page.click("#new-message");
  await page.fill("#from", "Bob <bob@example.org>");
  await page.setInputFiles("#open-eml", { name: "parent.eml", mimeType: "message/rfc822", buffer: Buffer.from(fixture("parent.eml")) });
  await page.waitForSelector("#viewer:not([hidden])");
  assert.equal(await page.locator("#viewer-title").textContent(), "Quarterly résumé");
  assert.equal(await page.locator("#viewer-note").textContent(), "1 remote image was blocked.");
  const viewer = page.frameLocator("#viewer-frame");
  await viewer.locator("b", { hasText: "in" }).waitFor();
  assert.equal(await viewer.locator("script, [onclick], img[src]").count(), 0, "no script, handler or remote image");
  assert.equal(await viewer.locator("a").getAttribute("href"), null, "javascript: link removed");
  await shot("06-opened");

  await page.click("#reply");
  assert.equal(await page.inputValue("#to"), "\"Doe, Jane\" <jane@example.com>");
  assert.equal(await page.inputValue("#subject"), "Re: Quarterly résumé");
  assert.equal(await page.locator("#thread-note").textContent(),
    "Reply to “Quarterly résumé” from \"Doe, Jane\" <jane@example.com> (In-Reply-To <parent-2@example.com>; 2 references in References)." +
    " Its remote image is left out of the quote: it could track its readers.");
  // The editors hold the user's own words; the core quotes the original below them.
  assert.equal(await page.inputValue("#text"), "");
  assert.equal(await page.locator("#text-label").textContent(), "Your text");
  await page.fill("#text", "Friday works for me.");
  await page.waitForFunction(() => document.querySelector("#preview-headers").textContent.includes("parent-2@example.com"));
  await page.frameLocator("#preview-frame").locator("div[dir=auto]", { hasText: "Friday works for me." }).waitFor();
  assert.equal(await previewHeader("In-Reply-To"), "<parent-2@example.com>");
  assert.equal(await previewHeader("References"), "<root-1@example.com> <parent-2@example.com>");
  await page.frameLocator("#preview-frame").locator("blockquote.gmail_quote").waitFor();
  await shot("07-reply");

  const { bytes, suggested } = await download("reply.eml");
  assert.equal(suggested, "Re_ Quarterly résumé.eml");
  assertWellFormed(bytes);
  assert.equal(header(bytes, "In-Reply-To"), "<parent-2@example.com>");
  assert.equal(header(bytes, "References"), "<root-1@example.com> <parent-2@example.com>");
  const mail = await parseMail(bytes);
  assert.equal(mail.subject, "Re: Quarterly résumé");
  assert.equal(mail.inReplyTo, "<parent-2@example.com>");
  assert.deepEqual(mail.to.map((a) => a.address), ["jane@example.com"]);
  assert.match(mail.text, /^Friday works for me\.\n\nOn Mon, 23 Nov 2026 at 09:15, Doe, Jane <jane@example\.com> wrote:\n\n> Hi all,\n>\n> the figures are in\. Lunch on Friday\?\n/);
  assert.match(mail.html, /^<div dir="auto">Friday works for me\.<\/div><br><div class="gmail_quote">/);
  assert.match(mail.html, /<blockquote class="gmail_quote"[^>]*>.*the figures are <b>in<\/b>/s);
  assert.doesNotMatch(mail.html, /script|onclick|javascript:|tracker/);

  await page.click("#reply-all");
  assert.equal(await page.inputValue("#cc"), "Carol <carol@example.net>, Dave <dave@example.org>");
  assert.equal(await page.inputValue("#text"), "Friday works for me.", "switching the kind of answer keeps the user's words");
  // Reply all started before saying who one is: the recipients follow the From typed after.
  await page.fill("#from", "");
  await page.click("#reply");
  await page.click("#reply-all");
  assert.equal(await page.inputValue("#cc"), "Bob <bob@example.org>, Carol <carol@example.net>, Dave <dave@example.org>");
  await page.fill("#from", "Bob <bob@example.org>");
  await page.waitForFunction(() => document.querySelector("#cc").value === "Carol <carol@example.net>, Dave <dave@example.org>");
  // A file the user added would not come along to the forward: asked first.
  await page.setInputFiles("#attach-input", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("notes\n") });
  await page.waitForSelector("#attachment-list li");
  let question = "";
  page.once("dialog", (dialog) => { question = dialog.message(); dialog.dismiss(); });
  await page.click("#forward");
  assert.match(question, /^Forward replaces the message you are writing, which is not saved\./);
  assert.equal(await page.inputValue("#subject"), "Re: Quarterly résumé", "dismissed: still the reply");
  assert.equal(await page.locator("#attachment-list li").count(), 1);
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#forward");
  assert.equal(await page.inputValue("#subject"), "Fwd: Quarterly résumé");
  assert.equal(await page.inputValue("#to"), "");
  assert.match(await page.locator("#thread-note").textContent(), /^Forward of “Quarterly résumé” from .*: no In-Reply-To, and References \(2 references\)/);
  await page.fill("#to", "erin@example.org");
  await page.waitForFunction(() => document.querySelector("#preview-headers").textContent.includes("erin@example.org"));
  await shot("08-forward");
});

// Chromium's own TextDecoder and URL parser do the charset and IDN work in the page.
test("a Shift_JIS message and an internationalised address in the page", { timeout: 120_000 }, async () => {
  const sjis = fs.readFileSync(path.join(__dirname, "..", "..", "crates", "wasmail-core", "tests", "fixtures", "charset-shift_jis.eml"));
  // The forward above was typed into and not saved: a new message asks first.
  let asked = "";
  page.once("dialog", (dialog) => { asked = dialog.message(); dialog.dismiss(); });
  await page.click("#new-message");
  assert.match(asked, /^A new message replaces the message you are writing, which is not saved\./);
  assert.equal(await page.inputValue("#to"), "erin@example.org", "dismissed: the forward is still there");
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#new-message");
  assert.equal(await page.inputValue("#to"), "");
  assert.equal(await page.inputValue("#from"), "Bob <bob@example.org>", "the sender stays");
  await page.fill("#from", "Bob <bob@example.org>");
  await page.setInputFiles("#open-eml", { name: "sjis.eml", mimeType: "message/rfc822", buffer: sjis });
  await page.waitForSelector("#viewer:not([hidden])");
  assert.equal(await page.locator("#viewer-title").textContent(), "会議の議事録について");
  await page.frameLocator("#viewer-frame").locator("b", { hasText: "添付" }).waitFor();

  await page.click("#reply");
  assert.equal(await page.inputValue("#subject"), "Re: 会議の議事録について");
  await page.fill("#to", "鈴木 <suzuki@例え.テスト>");
  await page.fill("#text", "拝見しました。");
  await page.waitForFunction(() => document.querySelector("#preview-headers").textContent.includes("xn--r8jz45g.xn--zckzah"));
  await shot("09-shift-jis-reply");
  const { bytes } = await download("reply-sjis.eml");
  assertWellFormed(bytes);
  const mail = await parseMail(bytes);
  assert.equal(mail.subject, "Re: 会議の議事録について");
  assert.deepEqual(mail.to.map((a) => a.address), ["suzuki@xn--r8jz45g.xn--zckzah"]);
  assert.match(mail.text.replace(/\r\n/g, "\n"), /^拝見しました。\n\n.*鈴木.*\n\n> 議事録を添付します。\n> よろしくお願いします。\n/su);
});

test("a link in a message opens a new tab and the message stays; a refused download shows its first problem", { timeout: 120_000 }, async () => {
  await page.click("#new-message");
  const target = `${base}/index.html?opened-from-a-message`;
  const logo = Buffer.from(solidPng(24, 8, [200, 40, 40])).toString("base64");
  const eml = [
    "From: Jane <jane@example.com>", "To: Bob <bob@example.org>", "Subject: The document",
    "Message-ID: <doc-1@example.com>", "MIME-Version: 1.0", 'Content-Type: multipart/related; boundary="rel"', "",
    "--rel", "Content-Type: text/html; charset=utf-8", "",
    `<p>The <a href="${target}">document</a> is ready. <img src="cid:missing@x" alt="(logo)"> <img src="cid:logo@x" alt="logo"></p>`,
    "--rel", "Content-Type: image/png", "Content-ID: <logo@x>", "Content-Transfer-Encoding: base64", "", logo,
    "--rel--", "",
  ].join("\r\n");
  await page.setInputFiles("#open-eml", { name: "doc.eml", mimeType: "message/rfc822", buffer: Buffer.from(eml) });
  await page.waitForSelector("#viewer:not([hidden])");
  const viewer = page.frameLocator("#viewer-frame");
  const [tab] = await Promise.all([context.waitForEvent("page"), viewer.locator("a", { hasText: "document" }).click()]);
  await tab.waitForLoadState();
  assert.equal(tab.url(), target);
  await tab.close();
  assert.match(await viewer.locator("p").textContent(), /is ready/, "the message is still shown in its frame");
  assert.equal(await viewer.locator("img[alt='(logo)']").getAttribute("src"), null, "an image the message lacks is not asked for");
  assert.match(await viewer.locator("img[alt=logo]").getAttribute("src"), /^data:image\/png;base64,/);

  // Forwarding it: the quoted logo comes along and stays (the quote shows it); the missing
  // image is no error the user would have to fix.
  await page.click("#forward");
  await page.fill("#from", "Bob <bob@example.org>");
  await page.fill("#to", "carol@example.net");
  await page.waitForFunction(() => document.querySelector("#preview-note").hidden);
  assert.equal(await page.locator("#inline-list li").textContent(), `logo@x as cid:logo@x (image/png, ${solidPng(24, 8, [200, 40, 40]).length} B), shown in the quoted message`);
  assert.equal(await page.locator("#inline-list li button").count(), 0);
  assert.equal(await page.locator(".findings .error").count(), 0);

  // A problem in the folded section: the download opens it and focuses the field.
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#new-message");
  await page.fill("#from", "Jane <jane@example.com>");
  await page.fill("#to", "bob@example.org");
  await page.evaluate(() => { document.querySelector("details.more").open = false; });
  await page.evaluate(() => { const f = document.getElementById("replyTo"); f.value = "not an address"; f.dispatchEvent(new Event("input")); });
  await page.click("#download");
  assert.match(await page.locator("#status").textContent(), /^Not downloaded: 1 problem to fix, shown next to the fields\. First: Reply-To: /);
  assert.equal(await page.evaluate(() => document.querySelector("details.more").open), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "replyTo");
  await page.fill("#replyTo", "");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Nothing blocks the download any more.");

  // With several problems the first on the page is shown first, whatever order they come in.
  await page.fill("#from", "jane@");
  await page.evaluate(() => { document.querySelector("details.more").open = true; });
  await page.fill("#headers", "NoColonHere");
  await page.fill("#cc", "carol@");
  await page.click("#download");
  assert.match(await page.locator("#status").textContent(), /^Not downloaded: 3 problems to fix, shown next to the fields\. First: From: /);
  assert.equal(await page.evaluate(() => document.activeElement.id), "from");
  await page.fill("#from", "Jane <jane@example.com>");
  await page.fill("#cc", "");
  await page.fill("#headers", "");

  // Removing an inline image removes the tag that shows it, and the focus stays in the list.
  const dot = Buffer.from(solidPng(4, 4, [0, 0, 0]));
  await page.setInputFiles("#inline-input", [
    { name: "a.png", mimeType: "image/png", buffer: dot },
    { name: "b.png", mimeType: "image/png", buffer: dot },
  ]);
  await page.waitForFunction(() => document.querySelectorAll("#inline-list li").length === 2);
  await page.locator("#inline-list button").first().press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#inline-list li").length === 1);
  const html = await page.inputValue("#html");
  assert.doesNotMatch(html, /cid:a\.png@/);
  assert.match(html, /<img src="cid:b\.png@wasmail\.invalid" alt="b\.png">/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Remove inline image b.png");
  // A file that is no picture, offered as an inline image, is attached instead.
  await page.setInputFiles("#inline-input", { name: "terms.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") });
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Not pictures"));
  assert.match(await page.locator("#attachment-list").textContent(), /terms\.pdf/);
  assert.doesNotMatch(await page.inputValue("#html"), /terms/);
  await page.waitForFunction(() => document.querySelector("#preview-note").hidden, null, { timeout: 5000 });
});

test("extra headers as typed, a Bcc-only draft, a message too big for most providers", { timeout: 120_000 }, async () => {
  page.once("dialog", (dialog) => dialog.accept()); // the draft above was typed into
  await page.click("#new-message");
  await page.fill("#from", "Jane <jane@example.com>");
  await page.fill("#bcc", "secret@example.org");
  await page.fill("#subject", "Headers");
  await page.evaluate(() => { document.querySelector("details.more").open = true; });
  await page.fill("#headers", "X-Tag: one\nX-Tag: two\nX-Long: first part,\n  folded second part\nNoColonHere");
  await page.press("#headers", "Tab");
  await page.waitForSelector("#findings-headers .error");
  assert.equal(await page.locator("#findings-headers").textContent(),
    "Extra headers: line 5 (“NoColonHere”) has no colon; write “Name: value”");
  assert.match(await page.locator("#findings-bcc").textContent(), /^Bcc only: a downloaded \.eml has no envelope/);
  await page.fill("#headers", "X-Tag: one\nX-Tag: two\nX-Long: first part,\n  folded second part");
  await page.waitForFunction(() => !document.querySelector("#findings-headers .error"));
  // Right-to-left text is laid out by its own direction, in the form and in the preview.
  await page.fill("#subject", "שלום, זה בסדר!");
  await page.waitForFunction(() => document.querySelector("#preview-headers").textContent.includes("שלום"));
  assert.equal(await page.getAttribute("#subject", "dir"), "auto");
  assert.equal(await page.locator("#preview-headers dd", { hasText: "שלום" }).getAttribute("dir"), "auto");
  await page.fill("#subject", "Headers");
  const { bytes } = await download("headers.eml");
  const text = Buffer.from(bytes).toString("latin1");
  assert.match(text, /\r\nX-Tag: one\r\nX-Tag: two\r\nX-Long: first part, folded second part\r\n/);
  assert.equal(header(bytes, "Bcc"), undefined);

  // Over 25 MB encoded: a warning as soon as the files are in (before any download), and the
  // message can still be saved.
  await page.click("#new-message"); // saved: nothing to ask
  assert.equal(await page.inputValue("#subject"), "");
  await page.fill("#from", "Jane <jane@example.com>");
  await page.fill("#to", "bob@example.org");
  await page.setInputFiles("#attach-input", ["a", "b", "c", "d"].map((name) => ({
    name: `${name}.bin`, mimeType: "application/octet-stream", buffer: require("node:crypto").randomBytes(5_000_000),
  })));
  // Next to the files, and said in the status line, which is announced.
  await page.waitForSelector("#findings-attachments .warning");
  assert.match(await page.locator("#findings-attachments").textContent(),
    /^The message is 27\.\d MB \(files grow by a third in a message\); Gmail and many other providers refuse messages over 25 MB/);
  assert.match(await page.locator("#status").textContent(), /^Attached a\.bin, b\.bin, c\.bin, d\.bin\. The message is 27\.\d MB/);
  await page.click("#attachment-list li button");
  await page.waitForFunction(() => !document.querySelector("#findings-attachments .warning"));
});

test("no console errors or warnings, and nothing loaded from outside the page's origin", () => {
  assert.deepEqual(problems, []);
});
