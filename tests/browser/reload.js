// Opens a page served by `dossier serve` in the system's Chromium or Firefox, edits a file of
// the collection, and waits for the page to reload itself with the change: the live
// reload as an editor sees it. Prints JSON: whether the page reloaded on its own, its
// title after, and every console error and failed request.
//
//   node tests/browser/reload.js ENGINE:BROWSER URL FILE FROM TO EXPECTED_TITLE
"use strict";
const fs = require("fs");
const launch = require("./launch");

const [browserSpec, url, file, from, to, expected] = process.argv.slice(2);

(async () => {
  const browser = await launch(browserSpec);
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => {
      // The reload channel is cut when the page reloads; that is not a failure.
      if (!r.url().includes("/__dossier/events")) problems.push(`request failed: ${r.url()}`);
    });
    // The server answers the reload channel once it has taken the page as a listener:
    // the edit is saved only after that.
    const listening = page.waitForResponse((r) => r.url().includes("/__dossier/events"), { timeout: 10000 });
    await page.goto(url, { waitUntil: "load" });
    await listening;
    // A mark that only this load of the page carries: gone after a reload.
    await page.evaluate(() => { window.__beforeEdit = true; });
    const reloaded = page.waitForEvent("load", { timeout: 30000 });
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace(from, to));
    await reloaded;
    const after = await page.evaluate(() => ({ title: document.title, mark: window.__beforeEdit === true }));
    process.stdout.write(JSON.stringify({
      reloaded: !after.mark,
      title: after.title,
      expected: after.title.includes(expected),
      problems,
    }));
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
