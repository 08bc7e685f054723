// Shared by the tests: where the builds are, a fixed composition context, an independent MIME
// parser (postal-mime) and checks every produced message must pass.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const paths = {
  root: ROOT,
  node: process.env.WASMAIL_PKG_NODE ?? path.join(ROOT, "target", "wasm-pkg", "node"),
  npm: process.env.WASMAIL_PKG_NPM ?? path.join(ROOT, "target", "wasm-pkg", "npm"),
  www: process.env.WASMAIL_WWW ?? path.join(ROOT, "www"),
  cli: process.env.WASMAIL_CLI ?? path.join(ROOT, "target", "debug", "wasmail"),
  output: process.env.WASMAIL_TEST_OUTPUT ?? path.join(ROOT, "target", "browser-tests"),
  fixtures: path.join(__dirname, "..", "fixtures"),
};

/** The package as Node loads it (the --target nodejs build, CommonJS). */
function wasmail() {
  return require(path.join(paths.node, "wasmail_wasm.js"));
}

/** 2026-11-23T01:42:54+01:00, fixed entropy, Message-IDs @example.com. */
const FIXED = Object.freeze({
  unixTime: 1795394574,
  utcOffsetMinutes: 60,
  entropyHex: "07".repeat(32),
  messageIdDomain: "example.com",
});

/** The same context as `wasmail compose` flags. */
const FIXED_FLAGS = [
  "--date", String(FIXED.unixTime),
  "--utc-offset", "+01:00",
  "--seed", FIXED.entropyHex,
  "--message-id-domain", FIXED.messageIdDomain,
];

function fixture(name) {
  return new Uint8Array(fs.readFileSync(path.join(paths.fixtures, name)));
}

/** A 1x1 PNG. */
const PNG = Uint8Array.from(Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH+L2AoXgAAAABJRU5ErkJggg==",
  "base64",
));

/** A width x height PNG of one colour, for screenshots where a 1x1 image would not show. */
function solidPng(width, height, [r, g, b]) {
  const zlib = require("node:zlib");
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.of(0), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0)),
  ]));
}

let parser;
/** Parses a message with postal-mime, an independent JavaScript MIME parser. */
async function parseMail(bytes) {
  parser ??= require("postal-mime").default;
  return parser.parse(Buffer.from(bytes));
}

/** Every line ends in CRLF, no line is over 998 octets, the header ends with a blank line. */
function assertWellFormed(bytes) {
  const text = Buffer.from(bytes).toString("latin1");
  assert.ok(text.includes("\r\n\r\n"), "a blank line ends the header");
  assert.doesNotMatch(text, /[^\r]\n/, "no bare LF");
  assert.doesNotMatch(text, /\r(?!\n)/, "no bare CR");
  for (const line of text.split("\r\n")) assert.ok(line.length <= 998, `line over 998: ${line.slice(0, 40)}`);
  assert.ok(text.endsWith("\r\n"), "ends with CRLF");
}

/** The header section, unfolded, as [name, value] pairs. */
function headerOf(bytes) {
  const text = Buffer.from(bytes).toString("utf8");
  const head = text.slice(0, text.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  return head.split("\r\n").map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
}

function header(bytes, name) {
  const found = headerOf(bytes).filter(([n]) => n.toLowerCase() === name.toLowerCase());
  return found.length ? found.map(([, v]) => v).join(", ") : undefined;
}

function outputDir(...parts) {
  const dir = path.join(paths.output, ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const CHROMIUM = process.env.WASMAIL_CHROMIUM || "/usr/bin/chromium";
/** Headless Debian Chromium as this machine allows it: no sandbox as root, no calls home. */
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** A loopback port free right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

module.exports = {
  paths, wasmail, FIXED, FIXED_FLAGS, fixture, PNG, solidPng, parseMail, assertWellFormed, headerOf, header,
  outputDir, CHROMIUM, CHROMIUM_ARGS, freePort,
};
