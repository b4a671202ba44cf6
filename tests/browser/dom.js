// Opens each search address of a built archive and prints, as JSON keyed by address,
// the page's HTML once its search has finished: a search run from the address alone,
// as a link or a bookmark opens it. tests/integration/search_browser.rs makes the
// assertions.
//
//   node tests/browser/dom.js ENGINE:BROWSER URL...
"use strict";
const launch = require("./launch");

const [browserSpec, ...urls] = process.argv.slice(2);

(async () => {
  const browser = await launch(browserSpec);
  const report = {};
  for (const url of urls) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector("#search-status[data-done]", { state: "attached", timeout: 10000 });
    report[url] = await page.content();
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
