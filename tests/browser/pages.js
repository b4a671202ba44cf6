// Opens each page of a built archive in the system's Chromium or Firefox and reports, as JSON,
// what a reader would meet: console errors, failed requests and every request made,
// and the page's width in a 320 px window. With a screenshot folder (over http; axe
// reads stylesheets with requests that file:// refuses) also axe-core's WCAG 2.x
// A/AA violations in the light and the dark scheme, screenshots at 390 and 1280 px
// wide, list entries whose facts break across lines and words broken inside at 1280 px,
// and on a document page the name cards with the keyboard and what the print
// stylesheet leaves. tests/integration/theme_browser.rs makes the assertions.
//
//   node tests/browser/pages.js ENGINE:BROWSER SCREENSHOT_DIR|"" NAME=URL...
"use strict";
const path = require("path");
const launch = require("./launch");
const axe = require("./axe");

const [browserSpec, screenshots, ...targets] = process.argv.slice(2);
const WIDTHS = [390, 1280];

/* Tabs to the first name in the text: its card must show, name the entity, and be the
 * link's description; Escape must hide it. */
async function cards(page) {
  const found = await page.evaluate(() => {
    const link = document.querySelector(".text a.entity");
    if (!link) return null;
    link.focus();
    const card = document.getElementById("entity-card-shown");
    return {
      name: link.textContent,
      shown: !!card && !card.hidden,
      text: card ? card.textContent : "",
      describedBy: link.getAttribute("aria-describedby"),
    };
  });
  if (!found) return null;
  await page.keyboard.press("Escape");
  found.hiddenByEscape = await page.evaluate(() => document.getElementById("entity-card-shown").hidden);
  return found;
}

/* Entries of a document list whose date and type do not share a line: the "·" between
 * them left dangling at the end of one line. */
async function splitFacts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".document-facts")]
      .filter((facts) => {
        const date = facts.querySelector("time, .undated");
        const type = facts.querySelector(".document-type");
        return date && type && Math.abs(date.getBoundingClientRect().top - type.getBoundingClientRect().top) > 2;
      })
      .map((facts) => facts.textContent.trim())
      .slice(0, 3),
  );
}

/* Words broken inside at 1280 px, as a too narrow column breaks them ("Novembe r"): a
 * word of the metadata panel, a list entry or a heading that takes two lines. A token
 * longer than any word (a checksum, an address) may break. */
async function brokenWords(page) {
  return page.evaluate(() => {
    const broken = [];
    const range = document.createRange();
    for (const element of document.querySelectorAll(".metadata, .document-list, main h1, main h2")) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node && broken.length < 5; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/\S{2,24}(?!\S)/g)) {
          if (word.index > 0 && /\S/.test(node.data[word.index - 1])) continue;
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  });
}

/* What print leaves visible. Where the engine cannot emulate print media (Firefox over
 * BiDi), the stylesheets' print rules are switched on for the screen instead: the same
 * rules, applied by the same engine. */
async function print(page) {
  await page.emulateMedia({ media: "print" });
  const emulated = await page.evaluate(() => matchMedia("print").matches);
  const switchPrintRules = (on) => {
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSMediaRule && rule.media.mediaText === (on ? "print" : "all")) {
          rule.media.mediaText = on ? "all" : "print";
        }
      }
    }
  };
  if (!emulated) await page.evaluate(switchPrintRules, true);
  const visible = await page.evaluate(() => {
    const shown = (selector) => {
      const element = document.querySelector(selector);
      return !!element && getComputedStyle(element).display !== "none";
    };
    return {
      navigation: shown(".site-header"),
      metadata: shown(".metadata"),
      text: shown(".text"),
      citation: shown(".cite"),
      related: shown(".related"),
    };
  });
  if (!emulated) await page.evaluate(switchPrintRules, false);
  await page.emulateMedia({ media: "screen" });
  visible.emulated = emulated;
  return visible;
}

const prefersDark = (page) => page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);

/* The browser whose pages prefer the dark scheme, for engines that cannot switch it. */
let darkBrowser = null;

/* `page` in the dark scheme at 1280 px: switched where the engine can, else the same
 * address opened in a browser launched dark. `done` goes back to the light page. */
async function inDark(page, url, name) {
  await page.emulateMedia({ colorScheme: "dark" });
  if (await prefersDark(page)) {
    return { page, done: () => page.emulateMedia({ colorScheme: "light" }) };
  }
  darkBrowser = darkBrowser || (await launch(browserSpec, { dark: true }));
  const context = await darkBrowser.newContext({ viewport: { width: 1280, height: 900 } });
  const dark = await context.newPage();
  await dark.goto(url, { waitUntil: "load" });
  if (name.startsWith("search")) {
    await dark.waitForSelector("html.search-ready", { timeout: 10000 });
  }
  return { page: dark, done: () => context.close() };
}

(async () => {
  const browser = await launch(browserSpec);
  const report = {};
  for (const target of targets) {
    const split = target.indexOf("=");
    const name = target.slice(0, split);
    const url = target.slice(split + 1);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
    page.on("pageerror", (e) => problems.push("error: " + e.message));
    page.on("requestfailed", (r) => problems.push("failed request: " + r.url()));
    page.on("request", (r) => requests.push(r.url()));
    page.on("response", (r) => { if (r.status() >= 400) problems.push(r.status() + ": " + r.url()); });
    await page.goto(url, { waitUntil: "load" });
    if (name.startsWith("search")) {
      await page.waitForSelector("html.search-ready", { timeout: 10000 });
    }
    const entry = { url, problems, requests };
    if (screenshots) {
      entry.axe = { light: await axe(page) };
      const dark = await inDark(page, url, name);
      entry.axe.dark = await axe(dark.page);
      entry.axe.darkApplied = await prefersDark(dark.page);
      await dark.page.screenshot({ path: path.join(screenshots, `${name}-1280-dark.png`) });
      await dark.done();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`) });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      entry.splitFacts = await splitFacts(page);
      entry.brokenWords = await brokenWords(page);
      if (name.startsWith("document")) {
        entry.cards = await cards(page);
        entry.print = await print(page);
      }
    }
    // At 320 px the page must reflow, not scroll sideways (WCAG 1.4.10).
    await page.setViewportSize({ width: 320, height: 800 });
    entry.widthAt320 = await page.evaluate(() => document.documentElement.scrollWidth);
    report[name] = entry;
    await context.close();
  }
  await browser.close();
  if (darkBrowser) await darkBrowser.close();
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
