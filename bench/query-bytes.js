// Runs queries against a built archive's search index the way the search page does,
// and prints for each: how many documents matched; the bytes of index it loaded to rank
// them (and in how many files); the bytes loaded to show the first 20 (their rows of the
// document table and their snippets); and how long ranking took after the last file
// arrived. The facet lists, which the page loads once after the first results, are
// printed apart.
//
//   node bench/query-bytes.js OUTPUT_FOLDER "first query" "second query" ...
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const output = process.argv[2];
const queries = process.argv.slice(3);
const folder = path.join(output, "search") + path.sep;
const client = path.resolve(__dirname, "../themes/default/static/search.js");

let bytes = 0;
let files = 0;
let lastArrival = 0;
global.document = {
  createElement: () => ({}),
  head: {
    appendChild(script) {
      const code = fs.readFileSync(script.src, "utf8");
      bytes += Buffer.byteLength(code);
      files += 1;
      vm.runInThisContext(code, { filename: script.src });
      lastArrival = performance.now();
      setImmediate(() => script.onload());
    },
  },
};

const kb = (n) => (n / 1024).toFixed(1) + " KB";

async function measure(query) {
  delete require.cache[client];
  const search = require(client);
  await search.open(folder);
  bytes = 0;
  files = 0;
  const found = await search.query(query);
  const ranked = performance.now() - lastArrival;
  const rank = { bytes, files };
  bytes = 0;
  files = 0;
  await search.present(found.results, found.parsed, 0, 20);
  return { query, rank, show: { bytes, files }, results: found.results.length, ranked };
}

(async () => {
  for (const query of queries) {
    const m = await measure(query);
    console.log(
      `${JSON.stringify(m.query).padEnd(28)} ${String(m.results).padStart(7)} results  ` +
      `rank ${kb(m.rank.bytes).padStart(9)} in ${String(m.rank.files).padStart(2)} files, ` +
      `show 20 ${kb(m.show.bytes).padStart(9)} in ${String(m.show.files).padStart(2)} files, ` +
      `total ${kb(m.rank.bytes + m.show.bytes).padStart(9)}, ranked ${m.ranked.toFixed(1)} ms after the last file`
    );
  }
  let facetBytes = 0;
  for (const file of fs.readdirSync(folder)) {
    if (file.startsWith("facet-")) facetBytes += fs.statSync(folder + file).size;
  }
  console.log(`facet lists, loaded once a visit after the first results: ${kb(facetBytes)}`);
})();
