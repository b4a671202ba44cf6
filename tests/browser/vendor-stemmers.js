/* Writes themes/default/static/stemmers/<algorithm>.js from @orama/stemmers (the
 * Snowball algorithms compiled to JavaScript, Apache-2.0), as classic scripts that
 * work from file://: each registers its stemmer in window.dossierStemmers under its
 * Snowball name, for static/search.js. The builder stems with rust-stemmers (the
 * same Snowball algorithms); tests/integration/search_client.rs holds the two to the
 * same terms, and that the files here are this script's output.
 *
 *   node tests/browser/vendor-stemmers.js [--check]
 */
"use strict";
const fs = require("fs");
const path = require("path");

const DIST = path.join(__dirname, "node_modules/@orama/stemmers/dist");
const OUT = path.join(__dirname, "../../themes/default/static/stemmers");
/* rust-stemmers' algorithms (English is search.js's own), by Orama's file. */
const FILES = {
  arabic: "ar", danish: "dk", dutch: "nl", finnish: "fi", french: "fr", german: "de",
  greek: "gr", hungarian: "hu", italian: "it", norwegian: "no", portuguese: "pt",
  romanian: "ro", russian: "ru", spanish: "es", swedish: "se", tamil: "ta", turkish: "tr",
};

function convert(name, source) {
  if ((source.match(/\bexport\b/g) || []).length !== 2 || !/export function stemmer\(/.test(source)) {
    throw new Error(name + ": not the module shape this script knows (two exports, stemmer and language)");
  }
  const body = source
    .replace(/export function stemmer\(/, "function stemmer(")
    .replace(/export const language=/, "var language=");
  return "/* Snowball's " + name + " stemmer, from @orama/stemmers " + version() +
    " (Apache-2.0; Snowball: BSD), made a classic script by tests/browser/vendor-stemmers.js. */\n" +
    "(function (global) {\n" + body + "\n" +
    "(global.dossierStemmers = global.dossierStemmers || {})[" + JSON.stringify(name) + "] = stemmer;\n" +
    "})(typeof window !== \"undefined\" ? window : globalThis);\n";
}

function version() {
  return JSON.parse(fs.readFileSync(path.join(DIST, "../package.json"), "utf8")).version;
}

const check = process.argv.includes("--check");
const stale = [];
fs.mkdirSync(OUT, { recursive: true });
for (const [name, file] of Object.entries(FILES)) {
  const made = convert(name, fs.readFileSync(path.join(DIST, file + ".js"), "utf8"));
  const target = path.join(OUT, name + ".js");
  if (check) {
    if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== made) stale.push(name);
  } else {
    fs.writeFileSync(target, made);
  }
}
if (!check) fs.copyFileSync(path.join(DIST, "../LICENSE.md"), path.join(OUT, "LICENSE.md"));
if (stale.length) {
  console.error("stale: " + stale.join(", ") + " (run node tests/browser/vendor-stemmers.js)");
  process.exit(1);
}
