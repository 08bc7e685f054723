// The npm package as a user gets it: `npm pack`, install the tarball into a fresh project, load it
// from there, and type-check a TypeScript consumer of its .d.ts with `tsc --noEmit` (including
// lines that must not type-check).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { paths } = require("./support.cjs");

const TSC = require.resolve("typescript/bin/tsc");
let project;
let tarball;

function run(command, args, cwd) {
  return execFileSync(command, args, {
    cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
}

before(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "wasmail-consumer-"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", project, paths.npm], project));
  tarball = path.join(project, packed[0].filename);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
  run("npm", ["install", "--offline", "--no-save", "--loglevel=error", tarball], project);
});
after(() => fs.rmSync(project, { recursive: true, force: true }));

test("the tarball holds the module, its bindings, types, README and nothing else", () => {
  const listing = JSON.parse(run("npm", ["pack", "--dry-run", "--json", paths.npm], project))[0];
  const files = listing.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "README.md", "package.json", "wasmail_wasm.d.ts", "wasmail_wasm.js",
    "wasmail_wasm_bg.wasm", "wasmail_wasm_bg.wasm.d.ts",
  ]);
  assert.equal(listing.name, "wasmail");
});

test("the installed package loads with require() and composes", () => {
  const script = `
    const { Draft, importEml } = require("wasmail");
    const draft = new Draft();
    draft.from = "jane@example.com";
    draft.to = "bob@example.org";
    draft.text = "Hi";
    const eml = draft.toEml({ unixTime: 0, utcOffsetMinutes: 0, entropyHex: "00".repeat(32) });
    const back = importEml(eml);
    process.stdout.write(JSON.stringify({ head: Buffer.from(eml).toString().split("\\r\\n")[0], id: back.messageId }));
  `;
  const out = JSON.parse(run(process.execPath, ["-e", script], project));
  assert.equal(out.head, "From: <jane@example.com>");
  assert.match(out.id, /^<[0-9a-f]+\.0{32}@example\.com>$/);
});

test("a TypeScript consumer type-checks against the .d.ts, and misuse does not", () => {
  fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: "node16", moduleResolution: "node16", target: "es2022",
      lib: ["es2022", "esnext.disposable"], types: [], skipLibCheck: false,
    },
    files: ["consumer.ts"],
  }));
  fs.writeFileSync(path.join(project, "consumer.ts"), `
import { Draft, importEml, ImportedMessage } from "wasmail";
import type { ComposeContext, Finding, Inspection, MessageView, MimeNode, FileInfo, ReplyOptions } from "wasmail";

const context: ComposeContext = { unixTime: 1795394574, utcOffsetMinutes: 60, entropyHex: "07".repeat(32) };
const draft = new Draft();
draft.from = "Jane <jane@example.com>";
draft.to = "bob@example.org";
draft.subject = "Hello";
draft.text = "Hi";
draft.html = "<p>Hi</p>";
const count: number = draft.addAttachment("a.txt", "", new Uint8Array([104, 105]));
draft.addInlineImage("logo@x", "logo.png", "image/png", new Uint8Array(4));
draft.setHeader("X-Campaign", "spring");
const files: FileInfo[] = draft.attachments;
const findings: Finding[] = draft.validate();
const errors = findings.filter((f) => f.severity === "error").map((f) => \`\${f.field}: \${f.message}\`);
const view: MessageView = draft.preview(context);
const inspection: Inspection = draft.inspect(context);
const shown: string = inspection.view?.subject ?? inspection.findings[0].message;
const walk = (node: MimeNode): string[] => [node.contentType, ...node.children.flatMap(walk)];
const types: string[] = walk(view.tree);
const html: string | null = view.html;
const eml: Uint8Array = draft.toEml(context);
const parent: ImportedMessage = importEml(eml);
const options: ReplyOptions = { from: "Bob <bob@example.org>", text: "Yes", ownAddresses: ["bob@example.org"] };
const reply: Draft = parent.replyAll(options);
const thread: string[] = [...reply.inReplyTo, ...reply.references];
const id: string | null = parent.messageId;
const forward = parent.forward({ asAttachment: true });
forward.free();
export { count, files, errors, types, html, thread, id, shown };
`);
  run(process.execPath, [TSC, "-p", "tsconfig.json"], project);

  // Misuse the types must catch.
  fs.writeFileSync(path.join(project, "consumer.ts"), `
import { Draft, importEml } from "wasmail";
const draft = new Draft();
// @ts-expect-error a number is not an address list
draft.to = 42;
// @ts-expect-error bytes are a Uint8Array, not a string
draft.addAttachment("a.txt", "", "hi");
// @ts-expect-error attachments are read-only
draft.attachments = [];
// @ts-expect-error unknown context field
draft.toEml({ unixTim: 1 });
// @ts-expect-error a finding's severity is "error" or "warning"
const bad: "fatal" = draft.validate()[0].severity;
// @ts-expect-error importEml takes bytes
importEml("From: x");
export { bad };
`);
  run(process.execPath, [TSC, "-p", "tsconfig.json"], project);
});
