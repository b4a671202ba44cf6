// Runs queries against a built archive's search index the way the search page does,
// and prints for each how many bytes of index it loaded (and in how many files), how
// many documents matched, and how long ranking took after the last file arrived.
//
//   node bench/query-bytes.js OUTPUT_FOLDER "first query" "second query" ...
//
// The bytes include what the page loads to show the first 20 results (their rows of
// the document table and their paragraphs), not the facet lists, which load after.
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

function size(file) {
  try { return fs.statSync(folder + file).size; } catch (e) { return 0; }
}

async function measure(query) {
  delete require.cache[client];
  const search = require(client);
  await search.open(folder);
  bytes = 0;
  files = 0;
  const found = await search.query(query);
  const ranked = performance.now() - lastArrival;
  const manifest = global.dossierSearch && JSON.parse(fs.readFileSync(folder + "manifest.js", "utf8")
    .replace(/^dossierSearch\.manifest\(/, "").replace(/\);\s*$/, ""));
  const shown = new Set();
  for (const [doc] of found.results.slice(0, 20)) {
    shown.add("docs-" + Math.floor(doc / manifest.documents_per_chunk) + ".js");
    shown.add("text-" + Math.floor(doc / manifest.texts_per_chunk) + ".js");
  }
  let shownBytes = 0;
  for (const file of shown) shownBytes += size(file);
  return { query, indexBytes: bytes, indexFiles: files, shownBytes, shownFiles: shown.size, results: found.results.length, ranked };
}

(async () => {
  for (const query of queries) {
    const m = await measure(query);
    const kb = (n) => (n / 1024).toFixed(1) + " KB";
    console.log(
      `${JSON.stringify(m.query).padEnd(32)} ${String(m.results).padStart(7)} results  ` +
      `index ${kb(m.indexBytes).padStart(10)} in ${m.indexFiles} files, ` +
      `first 20 shown ${kb(m.shownBytes).padStart(10)} in ${m.shownFiles} files, ` +
      `total ${kb(m.indexBytes + m.shownBytes)}, ranked ${m.ranked.toFixed(1)} ms after the last file`
    );
  }
})();
