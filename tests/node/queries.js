// Runs the search client under Node on a built archive's index, as the search page
// does, and prints for each query its results: [title, date, snippet anchor, the
// document's number, the passages shown as [anchor, html]] in order.
//
//   node tests/node/queries.js OUTPUT_FOLDER "query" ...
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const folder = path.join(process.argv[2], "search") + path.sep;
global.document = {
  createElement: () => ({}),
  head: {
    appendChild(script) {
      vm.runInThisContext(fs.readFileSync(script.src, "utf8"), { filename: script.src });
      setImmediate(() => script.onload());
    },
  },
};
const search = require(path.resolve(__dirname, "../../themes/default/static/search.js"));

(async () => {
  await search.open(folder);
  const answers = [];
  for (const query of process.argv.slice(3)) {
    const found = await search.query(query);
    const rows = await search.present(found.results, found.parsed, 0, 50);
    answers.push(rows.map((r) => [
      r.title,
      r.date,
      r.snippet ? r.snippet.anchor : null,
      r.label,
      r.snippet ? r.snippet.passages.map((p) => [p.anchor, p.html]) : [],
    ]));
  }
  console.log(JSON.stringify(answers));
})().catch((e) => { console.error(e); process.exit(1); });
