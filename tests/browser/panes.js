// Opens a document page with an original, a translation and scans in the system's
// Chromium or Firefox, does what a reader does with its panes, and reports as JSON what
// the page showed; tests/integration/panes_browser.rs makes the assertions.
//
//   node tests/browser/panes.js ENGINE:BROWSER URL
//
// At 1280 px: where each pane stands; following the text's page number 44 (which page
// the scan viewer then shows); "+" pressed in the viewer (its image's transform); a
// pane hidden by its checkbox, and whether it is still hidden on the next page load.
// At 390 px: the tabs, which panes are visible before and after a tab is chosen, and
// the page's width. Without JavaScript: which texts and scans are on the page. And
// every console error and failed request.
"use strict";
const launch = require("./launch");

const [browserSpec, url] = process.argv.slice(2);

(async () => {
  const browser = await launch(browserSpec);
  const problems = [];
  const watch = (page) => {
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  };
  const report = {};

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const wide = await context.newPage();
  watch(wide);
  await wide.goto(url, { waitUntil: "load" });
  await wide.waitForTimeout(200);
  report.wide = await wide.evaluate(() => {
    const box = (selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const r = element.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top + scrollY, visible: r.width > 0 && r.height > 0 };
    };
    // Where an element's text begins, below any padding.
    const top = (selector) => {
      const element = document.querySelector(selector);
      return element ? element.getBoundingClientRect().top + scrollY + parseFloat(getComputedStyle(element).paddingTop) : null;
    };
    return {
      main: box(".pane.main-text"),
      original: box("#text-original"),
      scans: box(".scan-pane"),
      // Aligned: the same paragraph of both texts starts at the same height.
      mainP3: top("#text-body #p3"),
      originalP3: top("#text-original #original-p3"),
      toolsShown: !document.querySelector(".pane-tools").hidden,
      tabsShown: !document.querySelector(".pane-tabs").hidden,
      scanPage: document.querySelector(".scan-pane").getAttribute("data-page"),
    };
  });
  await wide.click("#text-body a.page-number");
  await wide.waitForTimeout(100);
  report.wide.scanPageAfterFollowing = await wide.evaluate(() => document.querySelector(".scan-pane").getAttribute("data-page"));
  // The original's page number leads there too.
  await wide.locator(".scan-tools button[aria-label='Previous page']").click();
  await wide.click("#text-original a.page-number");
  await wide.waitForTimeout(100);
  report.wide.scanPageAfterFollowingTheOriginal = await wide.evaluate(() => document.querySelector(".scan-pane").getAttribute("data-page"));
  const frame = wide.locator(".scan:not([hidden]) .scan-frame");
  await frame.focus();
  await wide.keyboard.press("+");
  await wide.keyboard.press("+");
  await wide.waitForTimeout(150);
  report.wide.transformAfterZoom = await wide.evaluate(() => document.querySelector(".scan:not([hidden]) img").style.transform);
  await wide.keyboard.press("0");
  report.wide.transformAfterReset = await wide.evaluate(() => document.querySelector(".scan:not([hidden]) img").style.transform);
  // Hiding the original is kept for the next page.
  await wide.locator(".pane-tools label", { hasText: "Original" }).locator("input").uncheck();
  report.wide.originalHiddenAfterUncheck = await wide.evaluate(() => document.querySelector("#text-original").hidden);
  await wide.reload({ waitUntil: "load" });
  report.wide.originalHiddenAfterReload = await wide.evaluate(() => document.querySelector("#text-original").hidden);
  await wide.locator(".pane-tools label", { hasText: "Original" }).locator("input").check();
  await context.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const narrow = await phone.newPage();
  watch(narrow);
  await narrow.goto(url, { waitUntil: "load" });
  const shown = () => narrow.evaluate(() =>
    [...document.querySelectorAll(".reading > [data-pane]")].filter((p) => !p.hidden).map((p) => p.getAttribute("data-pane")));
  report.narrow = {
    tabs: await narrow.evaluate(() => document.querySelector(".pane-tabs").hidden ? [] :
      [...document.querySelectorAll(".pane-tabs [role=tab]")].map((t) => t.textContent)),
    shownFirst: await shown(),
  };
  await narrow.click(".pane-tabs [role=tab]:nth-child(2)");
  report.narrow.shownAfterTab = await shown();
  report.narrow.width = await narrow.evaluate(() => document.documentElement.scrollWidth);
  await phone.close();

  const noScript = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(url, { waitUntil: "load" });
  // Firefox driven over BiDi may run scripts whatever the context says: the report
  // says whether they ran.
  report.withoutScripts = await plain.evaluate(() => ({
    scriptsRan: !!document.querySelector(".scan-tools, .pane-tools"),
    panes: [...document.querySelectorAll(".reading > [data-pane]")]
      .filter((p) => p.getBoundingClientRect().height > 0).map((p) => p.getAttribute("data-pane")),
    scans: [...document.querySelectorAll("figure.scan")].filter((f) => f.getBoundingClientRect().height > 0).length,
  }));
  await noScript.close();
  await browser.close();
  report.problems = problems;
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
