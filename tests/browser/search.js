// Drives the search page of a built archive in the system's Chromium or Firefox, as a reader
// would: types each query into the search box, waits for the page to finish, and
// prints what it shows as JSON. tests/integration/search_browser.rs makes the assertions.
//
//   node tests/browser/search.js ENGINE:BROWSER URL...
//
// For each URL (a search page, over http:// or file://): for each step, the result
// titles, the status line, the facet counts, the names offered, the snippets; and
// every console error and failed request of the page.
"use strict";
const launch = require("./launch");

const [browserSpec, ...pages] = process.argv.slice(2);

/* Queries typed one after another, and at the end a facet ticked. */
const STEPS = [
  { type: "phosphate" },
  { type: "struggle" },
  { type: "\"cultural revolution\"" },
  { type: "\"revolution began\"" },
  { type: "\"unity struggle\"" },
  { type: "delegation -trade" },
  { type: "delegation" },
  { type: "Beijing" },
  { type: "Zhou Ènlái " },
  { type: "Pek" },
  { type: "deleg" },
  { type: "delegation" },
  { type: "delegation", tick: ["type", "Report"] },
];

async function settled(page, query) {
  await page.waitForFunction(
    (q) => {
      const status = document.getElementById("search-status");
      return status && status.dataset.done === q;
    },
    query,
    { timeout: 10000 },
  );
}

async function shown(page) {
  return page.evaluate(() => {
    const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
    return {
      status: text(document.getElementById("search-status")),
      titles: Array.from(document.querySelectorAll("#search-results .document-title")).map(text),
      snippets: Array.from(document.querySelectorAll("#search-results .snippet")).map((a) => ({
        href: a.getAttribute("href"),
        html: a.innerHTML,
      })),
      facets: Array.from(document.querySelectorAll("#search-facets label")).map(text),
      checked: Array.from(document.querySelectorAll("#search-facets input:checked")).map((i) => i.dataset.value),
      address: location.search,
      names: Array.from(document.querySelectorAll("#search-entities a")).map(text),
    };
  });
}

(async () => {
  const browser = await launch(browserSpec);
  const report = {};
  for (const url of pages) {
    const page = await browser.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
    page.on("pageerror", (e) => problems.push("error: " + e.message));
    page.on("requestfailed", (r) => problems.push("failed request: " + r.url()));
    page.on("response", (r) => { if (r.status() >= 400) problems.push(r.status() + ": " + r.url()); });
    await page.goto(url);
    await page.waitForSelector("html.search-ready", { timeout: 10000 });
    const steps = [];
    for (const step of STEPS) {
      await page.evaluate(() => { delete document.getElementById("search-status").dataset.done; });
      if (step.tick) {
        const [facet, value] = step.tick;
        await page.check(`#search-facets input[data-facet="${facet}"][data-value="${value}"]`);
      } else {
        await page.fill("#search-input", "");
        await page.locator("#search-input").pressSequentially(step.type, { delay: 15 });
      }
      await settled(page, step.type);
      steps.push({ step, ...(await shown(page)) });
    }
    // The ticked search, opened from its address in another page: a linked search.
    const linkedPage = await browser.newPage();
    linkedPage.on("pageerror", (e) => problems.push("error: " + e.message));
    await linkedPage.goto(page.url());
    await linkedPage.waitForSelector("html.search-ready", { timeout: 10000 });
    await settled(linkedPage, STEPS[STEPS.length - 1].type);
    const linked = await shown(linkedPage);
    await linkedPage.close();
    // Untick, then Back: the ticked search again.
    await page.evaluate(() => { delete document.getElementById("search-status").dataset.done; });
    await page.click("#search-facets input:checked");
    await settled(page, STEPS[STEPS.length - 1].type);
    const unticked = await shown(page);
    await page.evaluate(() => { delete document.getElementById("search-status").dataset.done; });
    await page.goBack();
    await settled(page, STEPS[STEPS.length - 1].type);
    const back = await shown(page);
    // A result's passage opened: its page marks the search's words, starts at the
    // passage, and steps through them.
    const passage = await page.locator("#search-results .snippet").first().getAttribute("href");
    await page.click("#search-results .snippet >> nth=0");
    await page.waitForSelector("mark.find-current", { timeout: 10000 });
    const opened = await page.evaluate(() => ({
      address: location.search + location.hash,
      marks: document.querySelectorAll("#text-body mark.find-hit").length,
      currentIn: document.querySelector("mark.find-current").closest("[id]").id,
      count: document.querySelector(".find-count").textContent,
      formShown: !document.getElementById("find-form").hidden,
    }));
    await page.click(".find-next");
    const afterNext = await page.evaluate(() => document.querySelector(".find-count").textContent);
    // A search inside the page.
    await page.fill("#find-input", "trade");
    await page.press("#find-input", "Enter");
    const inside = await page.evaluate(() => ({
      marks: Array.from(document.querySelectorAll("#text-body mark.find-hit")).map((m) => m.textContent),
      count: document.querySelector(".find-count").textContent,
    }));
    // The header's box on another page: live results and names beneath it.
    await page.goto(url.replace(/search\/index\.html.*$/, "index.html"));
    await page.locator("#search-box-input").pressSequentially("Pek", { delay: 15 });
    await page.waitForSelector("#search-box-panel[data-done=\"Pek\"]", { timeout: 10000 });
    const box = await page.evaluate(() => ({
      results: Array.from(document.querySelectorAll(".search-box-results a")).map((a) => a.textContent),
      names: Array.from(document.querySelectorAll(".search-box-names a")).map((a) => a.textContent),
      all: document.querySelector(".search-box-all").getAttribute("href"),
      allText: document.querySelector(".search-box-all").textContent,
    }));
    report[url] = { steps, linked, unticked, back, passage, opened, afterNext, inside, box, problems };
    await page.close();
  }
  await browser.close();
  console.log(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
