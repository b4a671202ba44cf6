// axe-core's WCAG 2.x A and AA violations on an open page, for the browser drivers:
// each rule broken, with its first few elements and what fails there.
"use strict";
const AXE = require.resolve("axe-core/axe.min.js");

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary),
    }));
  });
}

module.exports = axe;
