// Formats CSL-JSON records with citeproc-js (the CSL processor of Zotero and
// Mendeley) in the style files dossier formats them with, for the comparison in
// tests/integration/citeproc.rs.
//
//   node tests/node/citeproc.js INPUT.json
//
// INPUT is {"locale": XML, "styles": {name: XML}, "items": [CSL-JSON item], "page": "43"};
// prints {name: {id: {"entry": text, "note": text, "at_page": text}}}: the
// bibliography entry, the citation without a locator, and the citation at the page.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require(path.resolve(__dirname, "../browser/node_modules/citeproc"));

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const items = Object.fromEntries(input.items.map((item) => [item.id, item]));
const sys = { retrieveLocale: () => input.locale, retrieveItem: (id) => items[id] };

const answers = {};
for (const [name, xml] of Object.entries(input.styles)) {
  answers[name] = {};
  // One engine a style (making one parses the style: half a second); each record
  // on its own, as dossier formats each document: makeCitationCluster keeps no
  // "ibid." state, and updateItems leaves only that record in the bibliography.
  const engine = new CSL.Engine(sys, xml, "en-US", true);
  engine.setOutputFormat("text");
  for (const id of Object.keys(items)) {
    engine.updateItems([id]);
    const bibliography = engine.makeBibliography();
    answers[name][id] = {
      entry: bibliography ? bibliography[1].join("").trim() : null,
      note: engine.makeCitationCluster([{ id }]),
      at_page: engine.makeCitationCluster([{ id, locator: input.page, label: "page" }]),
    };
  }
}
process.stdout.write(JSON.stringify(answers));
