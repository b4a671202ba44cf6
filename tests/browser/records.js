// Opens a document page in the system's Chromium or Firefox, clicks each of its record
// links (BibTeX, RIS, CSL-JSON, `data:` URLs with `download`), and reports as JSON
// what the browser saved: the file's name and its text; and for each citation, the
// citation its Copy button copies. tests/integration/theme_browser.rs makes the
// assertions.
//
//   node tests/browser/records.js ENGINE:BROWSER URL
"use strict";
const fs = require("fs");
const launch = require("./launch");

const [browserSpec, url] = process.argv.slice(2);

(async () => {
  const browser = await launch(browserSpec);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  // The script makes a Copy button after each citation.
  const copies = await page.evaluate(() =>
    [...document.querySelectorAll(".cite .citation-text[id]")].map((text) => {
      const button = text.nextElementSibling;
      return button && button.matches("button.copy") && !button.hidden ? button.getAttribute("data-copy") : null;
    })
  );
  const saved = [];
  for (const link of await page.locator(".records a[download]").all()) {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }), link.click()]);
    const file = await download.path();
    saved.push({ name: download.suggestedFilename(), text: fs.readFileSync(file, "utf8") });
  }
  await browser.close();
  process.stdout.write(JSON.stringify({ saved, copies }));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
