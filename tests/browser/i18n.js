// Opens pages of an archive in another language than English in the system's
// Chromium or Firefox and reports, as JSON, what a reader meets there: every text the
// page shows and every label a screen reader or a pointer gives (after its scripts
// ran: a search page with a query typed shows its results and facets, a document
// page the count of a word found in it), axe-core's WCAG 2.x A/AA violations, where
// the page's parts stand (for a right-to-left page), and a screenshot of each page in
// SCREENSHOT_DIR. tests/integration/i18n_browser.rs makes the assertions.
//
//   node tests/browser/i18n.js ENGINE:BROWSER SCREENSHOT_DIR NAME=URL[#QUERY]...
"use strict";
const path = require("path");
const launch = require("./launch");
const axe = require("./axe");

const [browserSpec, screenshots, ...targets] = process.argv.slice(2);

(async () => {
  const browser = await launch(browserSpec);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const report = {};
  for (const target of targets) {
    const split = target.indexOf("=");
    const name = target.slice(0, split);
    const [url, query] = target.slice(split + 1).split("#");
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    await page.goto(url, { waitUntil: "load" });
    if (query && (await page.$("#search-input"))) {
      await page.fill("#search-input", query);
      await page.press("#search-input", "Enter");
      await page.waitForFunction((q) => document.getElementById("search-status").dataset.done === q, query, { timeout: 15000 });
    } else if (query && (await page.$("#find-input"))) {
      await page.fill("#find-input", query);
      await page.press("#find-input", "Enter");
      await page.waitForFunction(() => document.querySelector(".find-count").textContent !== "", null, { timeout: 15000 });
    }
    await page.waitForTimeout(150);
    const shown = await page.evaluate(() => {
      // Text a reader sees, and the labels the page gives its parts; a citation
      // style's full title (its CSL name) and code are the styles' and the files'.
      const texts = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, code, [hidden], noscript")) continue;
        if (node.nodeValue.trim()) texts.push(node.nodeValue.trim());
      }
      for (const element of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
        if (element.closest("[hidden]") || element.tagName === "ABBR") continue;
        for (const attribute of ["title", "aria-label", "placeholder", "alt"]) {
          const value = element.getAttribute(attribute);
          if (value) texts.push(value);
        }
      }
      texts.push(document.title);
      const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element) return null;
        const r = element.getBoundingClientRect();
        return { left: r.left, right: r.right };
      };
      return {
        texts,
        lang: document.documentElement.lang,
        dir: getComputedStyle(document.documentElement).direction,
        metadata: box(".metadata"),
        text: box("#text-body"),
        pageNumber: box("#text-body a.page-number"),
        navFirst: box(".site-header nav li"),
        width: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
    shown.axe = (await axe(page)).map((v) => `${v.id}: ${v.help} (${v.nodes.join("; ")})`);
    shown.problems = problems;
    await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: false });
    report[name] = shown;
    await page.close();
  }
  await browser.close();
  console.log(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
