// How the composer page answers typing while a big file is attached, in headless Chromium:
// the main thread's long tasks (over 50 ms) while a word is typed into the Subject, once with
// the Message tab shown and once with the Source tab. A benchmark to read, not a test.
//
//   .ci/test-browser --build-only && node pkg-tests/bench/typing.cjs [MEGABYTES ...]
"use strict";
const { spawn } = require("node:child_process");
const crypto = require("node:crypto");
const { chromium } = require("playwright-core");
const { paths, CHROMIUM, CHROMIUM_ARGS, freePort } = require("../test/support.cjs");

const WORD = "figures";
const KEY_GAP_MS = 150; // a steady typist


async function typeAndWatch(page, tab) {
  await page.click(tab);
  await page.waitForTimeout(1500);
  await page.evaluate(() => { window.longTasks = []; });
  await page.focus("#subject");
  for (const key of WORD) {
    await page.keyboard.type(key);
    await page.waitForTimeout(KEY_GAP_MS);
  }
  await page.waitForFunction((word) => document.querySelector("#preview-headers").textContent.includes(word), WORD);
  await page.waitForTimeout(2000);
  const tasks = await page.evaluate(() => window.longTasks);
  await page.fill("#subject", "Data");
  return tasks;
}

(async () => {
  const sizes = process.argv.slice(2).map(Number);
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", paths.www], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 700));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    console.log(`typing "${WORD}" into Subject, ${KEY_GAP_MS} ms between keys; long tasks in ms`);
    for (const megabytes of sizes.length ? sizes : [1, 10, 25]) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.evaluate(() => {
        window.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
        }).observe({ type: "longtask" });
      });
      await page.fill("#from", "Jane <jane@example.com>");
      await page.fill("#to", "bob@example.org");
      await page.fill("#subject", "Data");
      await page.fill("#text", "Attached.");
      await page.setInputFiles("#attach-input", { name: "data.bin", mimeType: "application/octet-stream",
        buffer: crypto.randomBytes(megabytes * 1_000_000) });
      await page.waitForFunction(() => document.querySelector("#preview-parts").textContent.includes("data.bin"), null, { timeout: 120_000 });
      for (const tab of ["#tab-message", "#tab-source"]) {
        const tasks = await typeAndWatch(page, tab);
        const total = tasks.reduce((a, b) => a + b, 0);
        console.log(`${String(megabytes).padStart(3)} MB  ${tab.slice(5).padEnd(7)}  ` +
          `${tasks.length} long tasks, ${total} ms blocked, longest ${Math.max(0, ...tasks)}: [${tasks.join(", ")}]`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
})();
