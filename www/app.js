// The composer page: a form over a wasmail Draft, a live preview of the composed message, .eml
// download, and .eml import to reply or forward. Everything runs here, on this origin; the HTML
// of messages is shown only after the core's sanitizer, in sandboxed frames without scripts.
import init, { Draft, importEml } from "./pkg/wasmail_wasm.js";

const $ = (id) => document.getElementById(id);
const TEXT_FIELDS = ["from", "to", "cc", "bcc", "replyTo", "subject", "text", "html"];
const FINDING_FIELDS = [...TEXT_FIELDS, "headers", "attachments", "inlineImages", "message"];
/** Inside the preview frames: nothing loads but the message's own images (data: URLs). */
const FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const FRAME_STYLE = `
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
         margin: 14px 16px; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  pre.text { white-space: pre-wrap; font: 14px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; margin: 0; }
  blockquote { margin: 0 0 0 .8ex; border-left: 2px solid #c8c8c8; padding-left: 1ex; color: #444; }
  .empty { color: #777; font-style: italic; }`;

let draft = null;
let imported = null;
/** Who wrote the opened message, its subject and remote images, for notes that name them. */
let importedFacts = { subject: "", from: "", remoteImages: 0 };
/**
 * While replying or forwarding: the opened message and how it is answered. The text and HTML
 * editors then hold only the user's own words; the core lays them out above the quoted
 * original in both parts on every change.
 */
let answering = null;
/** Fields whose findings are shown: those the user has been in, or all after "Download". */
const touched = new Set();
/** Fields the user has typed into since the draft was made (not just visited). */
const edited = new Set();
/** Whether the user added or removed files since the draft was made. */
let filesChanged = false;
let refreshTimer = 0;
/** Whether the draft holds work the user has not downloaded yet (typed text, added files). */
let unsaved = false;
/** Extra header lines the page could not read, from the last sync. */
let headerProblems = [];
/** The size of the message at the last preview (0 before one). */
let lastMessageSize = 0;
/** The size warning was said in the status line, and the message has stayed over the limit. */
let sizeAnnounced = false;
/**
 * How long the last refresh took (ms). Typing waits for a pause of at least twice that before
 * the next one, so a message with big files never freezes the fields between keystrokes.
 */
let lastRefreshMs = 0;
const MIN_REFRESH_DELAY_MS = 120;
const MAX_REFRESH_DELAY_MS = 1500;
const PLACEHOLDER = `<p class="empty">The message appears here as its recipients will see it.</p>`;

const status = (message) => {
  $("status").textContent = message;
  downloadRefused = false;
};

/** The status line reports a refused download, to be cleared once nothing blocks it. */
let downloadRefused = false;

/** Findings sorted as their fields stand on the page, top to bottom. */
function inPageOrder(findings) {
  const order = [...document.querySelectorAll("[id^='findings-']")].map((box) => box.id.slice(9));
  const rank = (field) => {
    const index = order.indexOf(field);
    return index < 0 ? order.length : index;
  };
  return [...findings].sort((a, b) => rank(a.field) - rank(b.field));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function frameDocument(view) {
  const body = view.html !== null
    ? view.html
    : view.text
      ? `<pre class="text" dir="auto">${escapeHtml(view.text)}</pre>`
      : `<p class="empty">(no body)</p>`;
  // Links open in a new tab (the frames allow popups, never scripts): followed inside the
  // frame, they would replace the message with a page the frame may not show.
  return `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<meta name="referrer" content="no-referrer"><base target="_blank">` +
    `<style>${FRAME_STYLE}</style></head><body>${body}</body></html>`;
}

function setFrame(frame, html) {
  if (frame.srcdoc !== html) frame.srcdoc = html;
}

function formatSize(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

// ---- the draft and the form ----

function syncDraftFromForm() {
  for (const field of TEXT_FIELDS) draft[field] = $(field).value;
  // An empty editor means no such part (null), not an empty part.
  if (!draft.text) draft.text = null;
  if (!draft.html) draft.html = null;
  if (answering) {
    const fresh = answerDraft($("text").value, $("html").value);
    draft.text = fresh.text;
    draft.html = fresh.html;
    // Until the user edits them, the recipients follow From: a reply all typed before the
    // sender's own address still leaves that address out.
    for (const field of ["to", "cc"]) {
      if (!edited.has(field) && draft[field] !== fresh[field]) {
        draft[field] = fresh[field];
        $(field).value = fresh[field];
      }
    }
    fresh.free();
  }
  for (const header of draft.headers) draft.removeHeader(header.name);
  const { headers, problems } = readHeaderLines($("headers").value);
  for (const [name, value] of headers) draft.addHeader(name, value);
  headerProblems = problems;
}

/**
 * The extra headers as typed: one "Name: value" per line, a line that starts with a space or
 * tab continuing the one before (as a pasted folded header does); a name may repeat. Lines
 * without a colon are problems, not headers.
 */
function readHeaderLines(text) {
  const headers = [];
  const problems = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1][1] += ` ${line.trim()}`;
      return;
    }
    const colon = line.indexOf(":");
    if (colon < 0) {
      problems.push(`Extra headers: line ${index + 1} (“${line.trim().slice(0, 40)}”) has no colon; write “Name: value”`);
      return;
    }
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return { headers, problems };
}

/** Over this, Gmail and many other providers refuse a message. */
const PROVIDER_SIZE_LIMIT = 25_000_000;

/** What the size warning says: files grow by a third in base64, which surprises people. */
function sizeWarning() {
  return `The message is ${formatSize(lastMessageSize)} (files grow by a third in a message); Gmail and many other providers refuse messages over 25 MB: share big files by a link instead`;
}

/**
 * The page's own findings, beside the draft's: extra header lines it could not read, a message
 * too big for most providers (from the last preview), Bcc recipients a saved file cannot keep.
 */
function pageFindings() {
  const own = headerProblems.map((message) => ({ field: "headers", severity: "error", message, sendOnly: false }));
  if (lastMessageSize > PROVIDER_SIZE_LIMIT) {
    own.push({
      field: "attachments", severity: "warning", sendOnly: false,
      message: sizeWarning(),
    });
  }
  if (draft.bcc.trim() && !draft.to.trim() && !draft.cc.trim()) {
    own.push({
      field: "bcc", severity: "warning", sendOnly: false,
      message: "Bcc only: a downloaded .eml has no envelope, so the file names no recipient at all",
    });
  }
  return own;
}

function fillFormFromDraft() {
  for (const field of TEXT_FIELDS) $(field).value = draft[field] ?? "";
  if (answering) {
    $("text").value = "";
    $("html").value = "";
  }
  $("text-label").textContent = answering ? "Your text" : "Text";
  $("text-hint").hidden = !answering;
  $("headers").value = draft.headers.map((h) => `${h.name}: ${h.value}`).join("\n");
  renderFiles();
  const inReplyTo = draft.inReplyTo;
  const references = draft.references;
  const note = $("thread-note");
  if (answering) {
    note.hidden = false;
    const refs = references.length === 1 ? "1 reference" : `${references.length} references`;
    const { subject, from } = answering.facts;
    const what = `“${subject}”${from ? ` from ${from}` : ""}`;
    if (answering.kind === "forward") {
      note.textContent = `Forward of ${what}: no In-Reply-To, and References (${refs}) let your mail program keep it with the thread.`;
    } else if (inReplyTo.length) {
      note.textContent = `Reply to ${what} (In-Reply-To ${inReplyTo.join(" ")}; ${refs} in References).`;
    } else {
      note.textContent = "Reply: the opened message has no Message-ID, so mail programs may not show this reply in its thread.";
    }
    // The quote leaves remote images out: they would tell their sender who reads it, and when.
    const remote = answering.facts.remoteImages;
    if (remote) {
      const which = remote === 1 ? "remote image is" : `${remote} remote images are`;
      note.textContent += ` Its ${which} left out of the quote: ${remote === 1 ? "it" : "they"} could track its readers.`;
    }
  } else {
    note.hidden = true;
  }
}

/** The answer draft the core makes for the user's own words (text, optional HTML). */
function answerDraft(text, html) {
  const options = { from: $("from").value, text, html: html.trim() ? html : undefined };
  const { kind, message } = answering;
  if (kind === "forward") return message.forward(options);
  return kind === "replyAll" ? message.replyAll(options) : message.reply(options);
}

function replaceDraft(next) {
  if (draft) draft.free();
  draft = next;
  unsaved = false;
  lastMessageSize = 0;
  sizeAnnounced = false;
  touched.clear();
  edited.clear();
  filesChanged = false;
  fillFormFromDraft();
  refresh();
}

function renderFiles() {
  const list = $("attachment-list");
  list.replaceChildren(
    ...draft.attachments.map((file, index) => fileItem(
      `${file.filename} (${file.contentType}, ${formatSize(file.size)})`,
      `Remove ${file.filename}`,
      (button) => {
        const position = buttonPosition("attachment-list", button);
        draft.removeAttachment(index);
        touched.add("attachments");
        filesChanged = unsaved = true;
        renderFiles();
        refresh();
        focusAfterRemoval("attachment-list", position, "attach-input");
      },
    )),
  );
  $("inline-list").replaceChildren(
    ...draft.inlineImages.map((image) => {
      const label = `${image.filename || image.contentId} as cid:${image.contentId} (${image.contentType}, ${formatSize(image.size)})`;
      // The quote is rebuilt from the opened message on every change: an image it shows stays.
      if (answering?.quotedImages.has(image.contentId)) return fileItem(`${label}, shown in the quoted message`);
      return fileItem(label, `Remove inline image ${image.filename || image.contentId}`, (button) => {
        // Images the quote shows have no Remove button: count the buttons, not the images.
        const position = buttonPosition("inline-list", button);
        draft.removeInlineImage(image.contentId);
        // The tag added with the image goes with it: left behind, it would name a missing part.
        const html = $("html");
        html.value = withoutCidImages(html.value, image.contentId);
        touched.add("inlineImages");
        filesChanged = unsaved = true;
        renderFiles();
        refresh();
        focusAfterRemoval("inline-list", position, "inline-input");
      });
    }),
  );
}

/**
 * `html` without the `<img>` tags that show `cid:contentId` (the Content-ID compared exactly,
 * `cid:` and the tag name in any case), and the `<p>` that held nothing but such a tag.
 */
function withoutCidImages(html, contentId) {
  const id = contentId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const image = `<[iI][mM][gG]\\b[^>]*\\b[sS][rR][cC]\\s*=\\s*["']?[cC][iI][dD]:${id}(?=["'\\s>])[^>]*>`;
  return html
    .replace(new RegExp(`<p>\\s*${image}\\s*</p>\\n?`, "g"), "")
    .replace(new RegExp(image, "g"), "");
}

/** Where `button` stands among the Remove buttons of a list. */
function buttonPosition(listId, button) {
  return [...$(listId).querySelectorAll("button")].indexOf(button);
}

/** After a Remove, focus the Remove button now at `index` (or the one before), else `fallback`. */
function focusAfterRemoval(listId, index, fallback) {
  const buttons = $(listId).querySelectorAll("button");
  const next = buttons[Math.min(index, buttons.length - 1)];
  (next ?? $(fallback)).focus();
}

/** A list entry; with a Remove button when `onRemove` is given. */
function fileItem(label, removeLabel, onRemove) {
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.textContent = label;
  item.append(name);
  if (!onRemove) return item;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "small";
  remove.textContent = "Remove";
  remove.setAttribute("aria-label", removeLabel);
  remove.addEventListener("click", () => onRemove(remove));
  item.append(remove);
  return item;
}

async function addAttachments(files) {
  const before = new Set(draft.attachments.map((f) => `${f.filename}\u0000${f.size}`));
  const again = [...files].filter((file) => before.has(`${file.name}\u0000${file.size}`)).map((f) => f.name);
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    draft.addAttachment(file.name, file.type, bytes);
  }
  touched.add("attachments");
  touched.add("message"); // a message too big for providers is said at once
  unsaved = true;
  filesChanged = true;
  renderFiles();
  refresh();
  const over = lastMessageSize > PROVIDER_SIZE_LIMIT ? ` ${sizeWarning()}.` : "";
  const twice = again.length ? ` Attached before too: ${again.join(", ")} (Remove one if that was a slip).` : "";
  const said = `Attached ${[...files].map((f) => f.name).join(", ")}.${twice}${over}`;
  status(said);
  return said;
}

function contentIdFor(filename) {
  const base = (filename || "image").replace(/[^A-Za-z0-9!#$&'*+\-./=?^_`{|}~]/g, "-");
  const taken = new Set(draft.inlineImages.map((i) => i.contentId));
  let id = `${base}@wasmail.invalid`;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}@wasmail.invalid`;
  return id;
}

async function addInlineImages(files) {
  // Only a picture can show inside the text: anything else goes to the attachments.
  const pictures = [...files].filter((file) => file.type.startsWith("image/"));
  const others = [...files].filter((file) => !file.type.startsWith("image/"));
  const attached = others.length ? await addAttachments(others) : "";
  for (const file of pictures) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const id = contentIdFor(file.name);
    draft.addInlineImage(id, file.name, file.type, bytes);
    const html = $("html");
    const tag = `<p><img src="cid:${id}" alt="${escapeHtml(file.name)}"></p>`;
    html.value = html.value.trim() ? `${html.value.trimEnd()}\n${tag}\n` : `${tag}\n`;
  }
  // What addAttachments said (a file attached twice, the size) stays in what is said.
  const attachedInstead = others.length
    ? `Not pictures, so attached instead of shown inline: ${others.map((f) => f.name).join(", ")}.${attached.replace(/^Attached [^.]*\./, "")}`
    : "";
  if (!pictures.length) {
    status(attachedInstead);
    return;
  }
  touched.add("inlineImages");
  touched.add("html");
  touched.add("message");
  unsaved = true;
  filesChanged = true;
  renderFiles();
  refresh();
  if (attachedInstead) status(attachedInstead);
}

// ---- findings and preview ----

function showFindings(findings) {
  const byField = new Map(FINDING_FIELDS.map((f) => [f, []]));
  for (const finding of findings) {
    if (touched.has(finding.field) || touched.has("*")) byField.get(finding.field)?.push(finding);
  }
  for (const [field, list] of byField) {
    const box = $(`findings-${field}`);
    if (!box) continue;
    box.replaceChildren(...list.map((finding) => {
      const line = document.createElement("span");
      // A draft without recipients is saved all the same: for the page that is a warning.
      line.className = finding.sendOnly ? "warning" : finding.severity;
      line.textContent = finding.sendOnly ? `Before sending: ${finding.message}` : finding.message;
      return line;
    }));
    const input = $(field);
    if (input && "value" in input) {
      if (list.some((f) => f.severity === "error" && !f.sendOnly)) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
}

function headerList(target, rows) {
  target.replaceChildren();
  for (const [name, value] of rows) {
    if (!value) continue;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.dir = "auto"; // a Hebrew or Arabic subject or name reads right to left
    dd.textContent = value;
    target.append(dt, dd);
  }
}

function visibleHeaders(view) {
  const pick = (name) => view.headers.filter((h) => h.name.toLowerCase() === name.toLowerCase())
    .map((h) => h.value).join(", ");
  return [
    ["From", pick("From")],
    ["To", pick("To")],
    ["Cc", pick("Cc")],
    ["Reply-To", pick("Reply-To")],
    ["Subject", pick("Subject") || "(no subject)"],
    ["Date", pick("Date")],
    ["In-Reply-To", pick("In-Reply-To")],
    ["References", pick("References")],
  ];
}

function partsList(target, parts) {
  target.replaceChildren(...parts.map((part) => {
    const item = document.createElement("li");
    const kind = part.inline ? "inline" : "attachment";
    item.textContent = `${part.filename ?? part.contentId ?? "(unnamed)"}: ${part.contentType}, ${formatSize(part.size)}, ${kind}`;
    return item;
  }));
}

function treeItems(node) {
  const item = document.createElement("li");
  const label = document.createElement("span");
  label.className = "node";
  const multipart = node.contentType.startsWith("multipart/");
  const facts = multipart ? [] : [node.transferEncoding];
  if (node.charset) facts.push(`charset=${node.charset}`);
  if (node.disposition) facts.push(node.disposition);
  if (node.filename) facts.push(`“${node.filename}”`);
  if (node.contentId) facts.push(`cid:${node.contentId}`);
  if (!multipart) facts.push(formatSize(node.size));
  label.innerHTML = `<b></b> <span class="facts"></span>`;
  label.firstChild.textContent = node.contentType;
  label.lastChild.textContent = facts.join(" · ");
  item.append(label);
  if (node.children.length) {
    const list = document.createElement("ul");
    list.append(...node.children.map(treeItems));
    item.append(list);
  }
  return item;
}

/** What the safe preview leaves out of the HTML that recipients' mail programs may show. */
function unshownNote(view) {
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const parts = [];
  if (view.blockedRemoteImages) {
    parts.push(`${plural(view.blockedRemoteImages, "remote image", "remote images")} (nothing is loaded from elsewhere here; mail programs load them or ask first)`);
  }
  if (view.removedStyles) {
    parts.push(`${plural(view.removedStyles, "style sheet", "style sheets")} (many mail programs apply them to the whole message)`);
  }
  if (view.removedActive) {
    parts.push(`${plural(view.removedActive, "script, event handler or script link", "scripts, event handlers or script links")} (no mail program runs them; better left out)`);
  }
  const note = $("preview-unshown");
  note.hidden = parts.length === 0;
  note.textContent = parts.length ? `The preview does not show ${parts.join("; ")}.` : "";
}

function renderPreview(view) {
  lastMessageSize = view.size;
  const rows = visibleHeaders(view);
  if (view.bcc.length) rows.push(["Bcc (envelope only)", view.bcc.join(", ")]);
  headerList($("preview-headers"), rows);
  setFrame($("preview-frame"), frameDocument(view));
  unshownNote(view);
  partsList($("preview-parts"), view.parts);
  $("preview-text").textContent = view.text ?? "(no text part)";
  $("preview-source").textContent = view.source;
  const omitted = view.sourceOmitted
    ? ` ${formatSize(view.sourceOmitted)} of base64 is not shown here; the downloaded .eml has it all.`
    : "";
  $("source-size").textContent = `${formatSize(view.size)} (${view.size} bytes).${omitted}`;
  $("preview-tree").replaceChildren(treeItems(view.tree));
}

/** Syncs the draft from the form, shows its findings and preview; returns the findings. */
function refresh() {
  const started = performance.now();
  try {
    return refreshNow();
  } finally {
    lastRefreshMs = performance.now() - started;
  }
}

function refreshNow() {
  clearTimeout(refreshTimer);
  refreshTimer = 0;
  syncDraftFromForm();
  // One composition gives both the findings and the preview.
  const { findings: draftFindings, view } = draft.inspect();
  const findings = [...pageFindings(), ...draftFindings];
  showFindings(findings);
  const errors = findings.filter((f) => f.severity === "error");
  const note = $("preview-note");
  const blocking = errors.filter((f) => !f.sendOnly);
  if (downloadRefused && !blocking.length) status("Nothing blocks the download any more.");
  if (blocking.length) {
    if (!$("preview-frame").srcdoc) setFrame($("preview-frame"), frameDocument({ html: PLACEHOLDER, text: null }));
    note.hidden = false;
    note.textContent = `The preview appears once the draft can be composed: ${inPageOrder(blocking)[0].message}.`;
    document.querySelector(".preview").classList.add("stale");
    lastMessageSize = 0;
    return findings;
  }
  try {
    const before = lastMessageSize > PROVIDER_SIZE_LIMIT;
    if (!view) throw new Error("The preview could not be composed.");
    renderPreview(view);
    // The size is known only now: show or drop its warning.
    if (before !== lastMessageSize > PROVIDER_SIZE_LIMIT) {
      showFindings([...pageFindings(), ...draftFindings]);
      // The status line is announced; the warning sits by the files, maybe out of sight.
      // Said once per crossing: a draft that was briefly invalid has not crossed again.
      if (!before && !sizeAnnounced) status(sizeWarning());
    }
    sizeAnnounced = lastMessageSize > PROVIDER_SIZE_LIMIT;
    note.hidden = true;
    document.querySelector(".preview").classList.remove("stale");
  } catch (error) {
    note.hidden = false;
    note.textContent = String(error.message ?? error);
  }
  return [...pageFindings(), ...draftFindings];
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const delay = Math.min(MAX_REFRESH_DELAY_MS, Math.max(MIN_REFRESH_DELAY_MS, 2 * lastRefreshMs));
  refreshTimer = setTimeout(refresh, delay);
}

// ---- download and import ----

function emlName(subject) {
  // Cut by characters, not UTF-16 units, so that no emoji is split in half.
  const stem = Array.from(subject.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").trim()).slice(0, 80).join("");
  return `${stem || "message"}.eml`;
}

/** Opens the section that holds a field's findings and moves the focus there. */
function revealFinding(field) {
  const box = $(`findings-${field}`);
  box?.closest("details")?.setAttribute("open", "");
  const input = $(field);
  // Fields without an input of their own (files, the message as a whole): the findings.
  const target = input && "value" in input ? input : box;
  if (!target) return;
  if (target === box) box.tabIndex = -1;
  target.focus();
  target.scrollIntoView({ block: "center" });
}

function download() {
  const findings = refresh();
  touched.add("*");
  showFindings(findings);
  const errors = inPageOrder(findings.filter((f) => f.severity === "error" && !f.sendOnly));
  if (errors.length) {
    const count = `${errors.length} problem${errors.length === 1 ? "" : "s"}`;
    status(`Not downloaded: ${count} to fix, shown next to the fields. First: ${errors[0].message}`);
    downloadRefused = true;
    revealFinding(errors[0].field);
    return;
  }
  const bytes = draft.toEml();
  const name = emlName(draft.subject);
  const url = URL.createObjectURL(new Blob([bytes], { type: "message/rfc822" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  unsaved = false;
  status(`Downloaded ${name} (${formatSize(bytes.length)}).`);
}

async function openEml(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let message;
  try {
    message = importEml(bytes);
  } catch (error) {
    // The API names itself in its errors; the page speaks of the file.
    status(`Cannot open ${file.name}: ${String(error.message).replace(/^importEml: /, "")}`);
    return;
  }
  if (imported && imported !== answering?.message) imported.free();
  imported = message;
  const view = imported.view();
  headerList($("viewer-headers"), visibleHeaders(view));
  $("viewer-title").textContent = view.subject || "(no subject)";
  setFrame($("viewer-frame"), frameDocument(view));
  partsList($("viewer-parts"), view.parts);
  const note = $("viewer-note");
  note.hidden = view.blockedRemoteImages === 0;
  note.textContent = `${view.blockedRemoteImages} remote image${view.blockedRemoteImages === 1 ? " was" : "s were"} blocked.`;
  $("viewer").hidden = false;
  $("reply").focus();
  importedFacts = {
    subject: view.subject || "(no subject)",
    from: view.from[0] ?? "",
    remoteImages: view.blockedRemoteImages,
  };
  // The draft goes on answering the message it was made from until the user answers this one.
  const still = answering && answering.message !== imported
    ? ` The draft still answers “${answering.facts.subject}”; Reply, Reply all or Forward answers this one instead.`
    : "";
  status(`Opened ${file.name}.${still}`);
}

// Closing or reloading the tab asks too, when there is unsaved work.
window.addEventListener("beforeunload", (event) => {
  if (unsaved) event.preventDefault();
});

/** Asks before throwing away what the user wrote; true when there is nothing to lose. */
function mayDiscard(what) {
  return !unsaved || window.confirm(`${what} replaces the message you are writing, which is not saved. Go on?`);
}

function answer(kind) {
  if (!imported) return;
  // Switching between reply, reply all and forward of the same message keeps the user's own
  // words and Bcc; the recipients, subject and quote are the new kind's.
  const switching = answering?.message === imported;
  const kept = switching ? { text: $("text").value, html: $("html").value, bcc: $("bcc").value } : null;
  const label = { reply: "Reply", replyAll: "Reply all", forward: "Forward" }[kind];
  // Files, the subject, Reply-To or extra headers the user changed do not come along.
  const onlyWords = !filesChanged && [...edited].every((field) => ["text", "html", "bcc", "from"].includes(field));
  if (!(switching && onlyWords) && !mayDiscard(label)) return;
  const previous = answering?.message;
  answering = { kind, message: imported, quotedImages: new Set(), facts: importedFacts };
  const next = answerDraft(kept?.text ?? "", kept?.html ?? "");
  answering.quotedImages = new Set(next.inlineImages.map((image) => image.contentId));
  replaceDraft(next);
  // A message answered before the one now open is no longer needed.
  if (previous && previous !== imported) previous.free();
  if (kept) {
    $("text").value = kept.text;
    $("html").value = kept.html;
    $("bcc").value = kept.bcc;
    unsaved = Boolean(kept.text || kept.html || kept.bcc);
    refresh();
  }
  const verb = { reply: "Replying to", replyAll: "Replying to all on", forward: "Forwarding" }[kind];
  status(`${verb} “${imported.subject}”.`);
  $(kind === "forward" ? "to" : "text").focus();
}

// ---- tabs ----

function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const index = tabs.indexOf(tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      selectTab(target);
      target.focus();
    });
  }
}

// ---- start ----

function wire() {
  for (const id of [...TEXT_FIELDS, "headers"]) {
    const input = $(id);
    input.addEventListener("input", () => {
      touched.add(id);
      edited.add(id);
      if (id !== "from") unsaved = true;
      scheduleRefresh();
    });
    input.addEventListener("blur", () => { if (input.value) { touched.add(id); refresh(); } });
  }
  $("attach-input").addEventListener("change", async (event) => {
    await addAttachments([...event.target.files]);
    event.target.value = "";
  });
  $("inline-input").addEventListener("change", async (event) => {
    await addInlineImages([...event.target.files]);
    event.target.value = "";
  });
  const zone = $("dropzone");
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) await addAttachments(files);
  });
  // A file dropped anywhere else must not replace the page.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());

  $("download").addEventListener("click", download);
  $("new-message").addEventListener("click", () => {
    if (!mayDiscard("A new message")) return;
    if (answering && answering.message !== imported) answering.message.free();
    answering = null;
    // The sender stays: it is who the user is, not part of the message they drop.
    const from = $("from").value;
    replaceDraft(new Draft());
    $("from").value = from;
    if (from) refresh();
    status("New message.");
    $("from").focus();
  });
  $("open-eml").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (file) await openEml(file);
    event.target.value = "";
  });
  $("reply").addEventListener("click", () => answer("reply"));
  $("reply-all").addEventListener("click", () => answer("replyAll"));
  $("forward").addEventListener("click", () => answer("forward"));
  $("close-viewer").addEventListener("click", () => {
    $("viewer").hidden = true;
    $("open-eml").focus();
  });
  wireTabs();
}

async function main() {
  try {
    await init();
  } catch (error) {
    status(`The mail module could not be loaded: ${error.message}`);
    throw error;
  }
  draft = new Draft();
  wire();
  refresh();
  $("download").disabled = false;
  document.body.dataset.ready = "true";
  status("Ready.");
}

main();
