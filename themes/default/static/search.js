/* dossier's search client. The index is JavaScript files that hand their data to
 * `dossierSearch`, loaded by <script> tags, so search works over http:// and from
 * file:// alike. Words are normalised exactly as the build does
 * (src/search/normalize.rs): Unicode words, lower case, stemmed by the Snowball
 * algorithm of their text's language (English here, the others in static/stemmers/),
 * then without diacritics. A query word is looked up in each language the archive's
 * texts are in. A Node test compares the builder and the client over word lists. */
(function (global) {
  "use strict";

  /* ---------- Normalising words, as src/search.rs does ---------- */

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var LETTERS = { "đ": "d", "ø": "o", "ł": "l", "ß": "s", "æ": "a", "œ": "o", "ı": "i", "\u2019": "'", "\u02bc": "'" };

  function fold(word) {
    var stripped = word.normalize("NFD").replace(MARKS, "").toLowerCase();
    var out = "";
    for (var c of stripped) out += LETTERS[c] || c;
    return out;
  }

  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("en", { granularity: "word" }) : null;

  /* Scripts written without spaces between words, cut into overlapping pairs of
   * characters as the builder does (src/search/normalize.rs, is_unspaced): Han,
   * Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar. */
  var UNSPACED = /[\u0E00-\u0EFF\u1000-\u109F\u1100-\u11FF\u1780-\u17FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\u{20000}-\u{3134F}]/u;
  var UNSPACED_RUN = new RegExp(UNSPACED.source + "+", "gu");

  /* The words of a text with where each is: [word, start, end]. */
  function tokens(text) {
    if (!UNSPACED.test(text)) return spacedTokens(text, 0);
    var found = [];
    var piece = /[^\t\n\f\r ]+/g, p;
    while ((p = piece.exec(text))) {
      var at = p.index, whole = p[0];
      if (!UNSPACED.test(whole)) { found.push.apply(found, spacedTokens(whole, at)); continue; }
      var last = 0, run;
      UNSPACED_RUN.lastIndex = 0;
      while ((run = UNSPACED_RUN.exec(whole))) {
        found.push.apply(found, spacedTokens(whole.slice(last, run.index), at + last));
        var chars = Array.from(run[0]), offset = at + run.index;
        if (chars.length === 1) found.push([chars[0], offset, offset + chars[0].length]);
        for (var i = 0; i + 1 < chars.length; i++) {
          found.push([chars[i] + chars[i + 1], offset, offset + chars[i].length + chars[i + 1].length]);
          offset += chars[i].length;
        }
        last = run.index + run[0].length;
      }
      found.push.apply(found, spacedTokens(whole.slice(last), at + last));
    }
    return found;
  }

  function spacedTokens(text, at) {
    var found = [];
    if (segmenter) {
      for (var s of segmenter.segment(text)) if (s.isWordLike) found.push([s.segment, at + s.index, at + s.index + s.segment.length]);
    } else {
      var re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’ʼ._]*/gu, m;
      while ((m = re.exec(text))) found.push([m[0], at + m.index, at + m.index + m[0].length]);
    }
    return found;
  }

  function words(text) {
    return tokens(text).map(function (t) { return t[0]; });
  }

  /* The terms of a text in the language of `stemmer` (a Snowball stemmer's name, as
   * src/search/normalize.rs writes it: "english", "russian"; none for words matched
   * whole). */
  function terms(text, stemmer) {
    return words(text).map(function (w) { return term(w, stemmer); }).filter(function (t) { return t.length > 0; });
  }

  /* A word's term, as the builder makes it: lower case, stemmed, then folded. */
  function term(word, stemmer) {
    var stemmed = stemmerOf(stemmer);
    return stemmed ? fold(stemmed(lower(word))) : fold(word);
  }

  function lower(word) {
    return word.toLowerCase().replace(/[\u2019\u02bc]/g, "'").replace(/ё/g, "е");
  }

  /* The stemming function of a name: English is this file's own; the others are
   * static/stemmers/<name>.js (Snowball's, compiled to JavaScript), loaded when an
   * archive's texts need them. */
  function stemmerOf(name) {
    if (!name) return null;
    if (name === "english") return stem;
    var loaded = global.dossierStemmers && global.dossierStemmers[name];
    return loaded || null;
  }

  /* The stemmings a query word is looked up in: each stemmer the archive's texts were
   * indexed with (its language's first), and unstemmed where some text is. */
  function stemmings(stemming) {
    if (Array.isArray(stemming)) return stemming.length ? stemming : [null];
    return [stemming || null];
  }

  /* A word's terms in each stemming, without repeats: one for a word every language
   * makes the same term of. */
  function candidates(word, stemming) {
    var out = [];
    stemmings(stemming).forEach(function (s) {
      var t = term(word, s);
      if (t.length && out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }

  /* ---------- The Snowball English (Porter2) stemmer ---------- */

  var EXCEPTIONS = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes" };
  var AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };

  function vowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  /* The index after the first non-vowel that follows a vowel, from `start`. */
  function region(w, start) {
    for (var i = start; i < w.length - 1; i++) {
      if (vowel(w[i]) && !vowel(w[i + 1])) return i + 2;
    }
    return w.length;
  }

  function shortSyllableAt(w, end) {
    // The syllable ending at index end (exclusive).
    if (end === 2) return vowel(w[0]) && !vowel(w[1]);
    if (end < 3) return false;
    var c = w[end - 1];
    return !vowel(w[end - 3]) && vowel(w[end - 2]) && !vowel(c) && c !== "w" && c !== "x" && c !== "Y";
  }

  function endsWith(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  /* The longest of `suffixes` that `w` ends with. */
  function longest(w, suffixes) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      if (endsWith(w, suffixes[i]) && (best === null || suffixes[i].length > best.length)) best = suffixes[i];
    }
    return best;
  }

  function hasVowel(s) { for (var i = 0; i < s.length; i++) if (vowel(s[i])) return true; return false; }

  function stem(word) {
    if (EXCEPTIONS[word] !== undefined) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word;
    if (w[0] === "'") w = w.slice(1);
    if (w[0] === "y") w = "Y" + w.slice(1);
    for (var i = 1; i < w.length; i++) {
      if (w[i] === "y" && vowel(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    }
    var p1;
    var prefix = longest2(w, ["gener", "commun", "arsen"]);
    p1 = prefix ? prefix.length : region(w, 0);
    var p2 = region(w, p1);

    // Step 0
    var s = longest(w, ["'s'", "'s", "'"]);
    if (s) w = w.slice(0, w.length - s.length);

    // Step 1a
    s = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (s === "sses") w = w.slice(0, -2);
    else if (s === "ied" || s === "ies") w = w.length - 3 > 1 ? w.slice(0, -2) : w.slice(0, -1);
    else if (s === "s") { if (hasVowel(w.slice(0, -2))) w = w.slice(0, -1); }

    if (AFTER_1A[w]) return w;

    // Step 1b
    s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= p1) w = w.slice(0, w.length - s.length) + "ee";
    } else if (s) {
      var before = w.slice(0, w.length - s.length);
      if (hasVowel(before)) {
        w = before;
        if (endsWith(w, "at") || endsWith(w, "bl") || endsWith(w, "iz")) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
        else if (p1 >= w.length && shortSyllableAt(w, w.length)) w += "e";
      }
    }

    // Step 1c
    if (w.length > 2 && (endsWith(w, "y") || endsWith(w, "Y")) && !vowel(w[w.length - 2])) {
      w = w.slice(0, -1) + "i";
    }

    // Step 2
    var step2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
      ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous",
      ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less",
      li: "" };
    s = longest(w, Object.keys(step2));
    if (s && w.length - s.length >= p1) {
      var stemPart = w.slice(0, w.length - s.length);
      if (s === "ogi") { if (endsWith(stemPart, "l")) w = stemPart + "og"; }
      else if (s === "li") { if (/[cdeghkmnrt]$/.test(stemPart)) w = stemPart; }
      else w = stemPart + step2[s];
    }

    // Step 3
    var step3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
    s = longest(w, Object.keys(step3));
    if (s && w.length - s.length >= p1) {
      if (s === "ative") { if (w.length - s.length >= p2) w = w.slice(0, -5); }
      else w = w.slice(0, w.length - s.length) + step3[s];
    }

    // Step 4
    s = longest(w, ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
      "iti", "ous", "ive", "ize", "ion"]);
    if (s && w.length - s.length >= p2) {
      var rest = w.slice(0, w.length - s.length);
      if (s === "ion") { if (endsWith(rest, "s") || endsWith(rest, "t")) w = rest; }
      else w = rest;
    }

    // Step 5
    if (endsWith(w, "e")) {
      var at = w.length - 1;
      if (at >= p2 || (at >= p1 && !shortSyllableAt(w, at))) w = w.slice(0, -1);
    } else if (endsWith(w, "l")) {
      if (w.length - 1 >= p2 && w[w.length - 2] === "l") w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  }

  function longest2(w, prefixes) {
    for (var i = 0; i < prefixes.length; i++) if (w.indexOf(prefixes[i]) === 0) return prefixes[i];
    return null;
  }

  /* ---------- Loading the index ---------- */

  var VERSION = 6;
  var data = { manifest: null, shards: {}, positions: {}, big: {}, bigPositions: {}, docs: {}, texts: {}, more: {},
    facets: {}, names: {} };
  var decodedPostings = {};
  var loading = {};
  /* What a file's data still has to be inflated into, by file. */
  var decoding = {};
  var base = "";

  /* Each document of chunk c, the ith of list, as into[n]. */
  function spread(into, c, list) {
    var first = c * data.manifest.documents_per_chunk;
    for (var i = 0; i < list.length; i++) into[first + i] = list[i];
  }

  function load(file) {
    if (loading[file]) return loading[file];
    loading[file] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + file;
      // A file of compressed data is loaded when its data is inflated.
      script.onload = function () { resolve(decoding[file]); };
      script.onerror = function () { reject(new Error("cannot load " + file)); };
      document.head.appendChild(script);
    });
    return loading[file];
  }

  /* JSON compressed with zlib and written in base64, as the builder writes the
   * texts and the positions; an empty list where the browser has no
   * DecompressionStream (results then show without snippets, and phrases find
   * nothing). */
  function inflate(base64) {
    if (typeof base64 !== "string") return Promise.resolve(base64 || []);
    try {
      var bytes = Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
      return new Response(stream).text().then(JSON.parse, function () { return []; });
    } catch (error) {
      return Promise.resolve([]);
    }
  }

  function loadManifest() {
    return load("manifest.js").then(function () {
      if (!data.manifest || data.manifest.version !== VERSION) {
        throw new Error("the search index was built by another version of dossier; rebuild the archive");
      }
      return loadStemmers(data.manifest.stemming, base + "../static/stemmers/");
    });
  }

  /* The archive's stemmings: its texts' stemmers, and unstemmed where some text is. */
  function archiveStemmings() {
    var m = data.manifest;
    return (m.stemming || []).concat(m.unstemmed || !(m.stemming || []).length ? [null] : []);
  }

  /* Loads the stemmers `names` whose scripts are in `folder` (English is built in). */
  function loadStemmers(names, folder) {
    return Promise.all((names || []).filter(function (name) { return !stemmerOf(name); }).map(function (name) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = folder + name + ".js";
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("cannot load the " + name + " stemmer")); };
        document.head.appendChild(script);
      });
    }));
  }

  /* The interface's words (static/interface.js), or the key where a page has none. */
  function T(key, args) {
    var words = global.dossierInterface;
    return words ? words.t(key, args) : key;
  }

  var api = {
    manifest: function (m) { data.manifest = m; },
    shard: function (n, d) { data.shards[n] = d; },
    positions: function (n, d) { decoding["pos-" + n + ".js"] = inflate(d).then(function (p) { data.positions[n] = p; }); },
    big: function (n, d) { data.big[n] = d; },
    bigPositions: function (n, d) { data.bigPositions[n] = d; },
    docs: function (n, d) { data.docs[n] = d; },
    // A chunk of documents' texts a file, as docs-N.js groups them.
    // The texts come compressed (zlib, in base64): inflated before the file counts
    // as loaded. Where the browser cannot, results are shown without snippets.
    text: function (c, d) { decoding["text-" + c + ".js"] = inflate(d).then(function (list) { spread(data.texts, c, list); }); },
    more: function (c, d) { decoding["more-" + c + ".js"] = inflate(d).then(function (list) { spread(data.more, c, list); }); },
    facet: function (d) { data.facets[d[0]] = { lists: d[1], labels: d[2] }; },
    spans: function (d) { data.spans = d; },
    names: function (n, d) { data.names[n] = d; },
    terms: terms, stem: stem, fold: fold, tokens: tokens, term: term, parse: parse, candidates: candidates,
    loadStemmers: loadStemmers,
    markToken: markToken, escapeHtml: escapeHtml,
    /* For Node: point the client at an index folder and run queries without a page. */
    open: function (folder) { base = folder; return loadManifest(); },
    query: function (q) { return run(q); },
    entityNames: function (q) { return namesFor(q); },
    present: function (results, parsed, from, count) { return present(results, parsed, from, count); },
    decode: function (s) { var r = new Reader(s), out = []; while (r.more()) out.push(r.next()); return out; },
  };

  /* ---------- Reading the index's numbers (src/search/encode.rs) ---------- */

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyzWXYZ-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var a = 0; a < 64; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  /* Numbers of five bits a character, most significant first; 32 and above continue. */
  function Reader(s) { this.s = s; this.at = 0; }
  Reader.prototype.more = function () { return this.at < this.s.length; };
  Reader.prototype.next = function () {
    var value = 0;
    for (;;) {
      var d = DIGIT[this.s.charCodeAt(this.at++)];
      if (d === undefined || d < 0) throw new Error("the search index is damaged");
      value = value * 32 + (d & 31);
      if (d < 32) return value;
    }
  };

  /* A term's documents and weights: its entry holds the number of documents, then for
   * each impact level, best first, the level, the count and the ascending documents. */
  function decodePostings(encoded) {
    var r = new Reader(encoded), count = r.next(), docs = new Uint32Array(count), weights = new Float32Array(count), k = 0;
    while (r.more() && k < count) {
      var level = r.next(), n = r.next(), doc = 0;
      for (var i = 0; i < n && k < count; i++) { doc += r.next(); docs[k] = doc; weights[k] = level / 10; k++; }
    }
    return { docs: docs.subarray(0, k), weights: weights.subarray(0, k) };
  }

  /* Positions of the documents in `wanted` (a Uint8Array by document): for each
   * document, its number (as a difference), the count, and the ascending positions. */
  function decodePositions(encoded, wanted) {
    var r = new Reader(encoded), doc = 0, found = new Map();
    while (r.more()) {
      doc += r.next();
      var n = r.next(), keep = wanted[doc], list = keep ? new Array(n) : null, p = 0;
      for (var i = 0; i < n; i++) { p += r.next(); if (keep) list[i] = p; }
      if (keep) found.set(doc, list);
    }
    return found;
  }

  /* ---------- Queries ---------- */

  /* "quoted phrases", -excluded words, plain words AND-ed; the last word is a prefix
   * while it is being typed. */
  function parse(query, stemming) {
    var parsed = { words: [], phrases: [], excluded: [], prefix: null, alternatives: [], wildcards: [], corrected: [] };
    // A phrase's words are in one language: the archive's first.
    var primary = stemmings(stemming)[0];
    // A word is each term it is in the archive's languages: one term, or any of them.
    var add = function (word) {
      var c = candidates(word, stemming);
      if (c.length === 1) parsed.words.push(c[0]);
      else if (c.length > 1) parsed.alternatives.push(c);
    };
    var rest = query.replace(/"([^"]*)"?/g, function (_, phrase) {
      var t = terms(phrase, primary);
      if (t.length === 1) parsed.words.push(t[0]);
      else if (t.length > 1) parsed.phrases.push(t);
      return " ";
    });
    var parts = rest.split(/\s+/).filter(Boolean);
    var typing = query.length > 0 && !/[\s"]$/.test(query);
    // "a OR b OR c": one group, any of whose words a document may hold.
    for (var o = parts.length - 2; o >= 1; o--) {
      if (parts[o] !== "OR") continue;
      var left = parts[o - 1], right = parts[o + 1];
      var choices = [].concat(Array.isArray(left) ? left : [left], Array.isArray(right) ? right : [right]);
      parts.splice(o - 1, 3, choices);
    }
    parts.forEach(function (part, i) {
      if (Array.isArray(part)) {
        var any = [];
        part.forEach(function (p) {
          words(p).forEach(function (w) { candidates(w, stemming).forEach(function (t) { if (any.indexOf(t) < 0) any.push(t); }); });
        });
        if (any.length) parsed.alternatives.push(any);
        return;
      }
      if (part.length > 1 && part[part.length - 1] === "*") {
        // word*: every word that begins so.
        var begun = words(part.slice(0, -1)).map(fold);
        if (begun.length) parsed.wildcards.push(begun[begun.length - 1]);
        return;
      }
      if (part[0] === "-" && part.length > 1) {
        words(part.slice(1)).forEach(function (w) { candidates(w, stemming).forEach(function (t) { parsed.excluded.push(t); }); });
      } else if (UNSPACED.test(part)) {
        // 外交部 is the pairs 外交 交部, one after the other: a phrase.
        var t = terms(part, primary);
        if (t.length === 1) parsed.words.push(t[0]);
        else if (t.length > 1) parsed.phrases.push(t);
      } else if (typing && i === parts.length - 1) {
        var typed = words(part);
        typed.slice(0, -1).forEach(add);
        if (typed.length) parsed.prefix = fold(typed[typed.length - 1]);
      } else {
        words(part).forEach(add);
      }
    });
    return parsed;
  }

  /* The last of the sorted first keys `starts` that is at most `key`. */
  function lastAtMost(starts, key) {
    var lo = 0, hi = starts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function shardOf(t) {
    return lastAtMost(data.manifest.shards, t);
  }

  /* The shard of a pair's key: the pairs' shards are numbered after the words'. */
  function pairShardOf(key) {
    return data.manifest.shards.length + lastAtMost(data.manifest.pairs, key);
  }

  /* A term's entry: its shard and what the shard says of it (its postings, or
   * [documents, file, position blocks] for a term with files of its own). */
  function entryOf(t) {
    return entryIn(shardOf(t), t);
  }

  /* The entry of a pair of words, `null` where they never stand together. */
  function pairOf(first, second) {
    if (!(data.manifest.pairs || []).length) return Promise.resolve(null);
    var key = first + PAIR_JOINER + second;
    return entryIn(pairShardOf(key), key);
  }

  function entryIn(n, t) {
    return load("terms-" + n + ".js").then(function () {
      var entry = (data.shards[n] || {})[t];
      return entry === undefined ? null : { term: t, shard: n, entry: entry };
    });
  }

  function documentCount(found) {
    if (!found) return 0;
    return typeof found.entry === "string" ? new Reader(found.entry).next() : found.entry[0];
  }

  /* A word nearly every document holds narrows nothing: a plain word held by more
   * than half the documents is passed over instead of loaded. */
  function tooCommon(found) {
    return found && typeof found.entry !== "string" && found.entry[0] > data.manifest.documents / 2;
  }

  var EMPTY = { docs: new Uint32Array(0), weights: new Float32Array(0) };

  function postingsOf(found) {
    if (!found) return Promise.resolve(EMPTY);
    if (decodedPostings[found.term]) return Promise.resolve(decodedPostings[found.term]);
    var ready = typeof found.entry === "string" ? Promise.resolve(found.entry)
      : load("big-" + found.entry[1] + ".js").then(function () { return data.big[found.entry[1]]; });
    return ready.then(function (encoded) {
      var decoded = decodePostings(encoded || "0");
      decodedPostings[found.term] = decoded;
      return decoded;
    });
  }

  /* The position files `positionsOf(found, wanted)` would load. */
  function positionFiles(found, wanted) {
    if (!found) return [];
    if (typeof found.entry === "string") return ["pos-" + found.shard];
    var big = found.entry[1], starts = [0].concat(found.entry[2] || []), blocks = [];
    starts.forEach(function (start, b) {
      var end = b + 1 < starts.length ? starts[b + 1] : data.manifest.documents;
      for (var d = start; d < end; d++) if (wanted[d]) { blocks.push(big + "-" + b); return; }
    });
    return blocks;
  }

  function positionsOf(found, wanted) {
    if (!found) return Promise.resolve(new Map());
    if (typeof found.entry === "string") {
      return load("pos-" + found.shard + ".js").then(function () {
        return decodePositions((data.positions[found.shard] || {})[found.term] || "", wanted);
      });
    }
    // A big term's positions come in blocks by document range: only the blocks
    // holding a wanted document are loaded.
    return Promise.all(positionFiles(found, wanted).map(function (name) {
      return load("bigpos-" + name + ".js").then(function () { return decodePositions(data.bigPositions[name] || "", wanted); });
    })).then(function (maps) {
      var all = new Map();
      maps.forEach(function (m) { m.forEach(function (v, k) { all.set(k, v); }); });
      return all;
    });
  }

  /* Every term starting with `prefix` (at most 64, the rarer first), with the
   * unstemmed prefix's stem too: their documents, each with its best weight. */
  function prefixPostings(prefix, stemming) {
    var first = shardOf(prefix), shards = data.manifest.shards, wanted = [first];
    for (var i = first + 1; i < shards.length && shards[i].indexOf(prefix) === 0; i++) wanted.push(i);
    return Promise.all(wanted.map(function (n) { return load("terms-" + n + ".js"); })).then(function () {
      var expansions = [];
      wanted.forEach(function (n) {
        var shard = data.shards[n] || {};
        Object.keys(shard).forEach(function (t) {
          if (t.indexOf(prefix) === 0) expansions.push({ term: t, shard: n, entry: shard[t] });
        });
      });
      expansions = expansions.filter(function (e) { return !tooCommon(e); });
      expansions.sort(function (a, b) { return documentCount(a) - documentCount(b); });
      expansions = expansions.slice(0, 64);
      // The word as typed may already be whole: its own terms count even if common.
      return Promise.all(candidates(prefix, stemming).map(entryOf)).then(function (own) {
        own.forEach(function (o) { if (o) expansions.push(o); });
        return Promise.all(expansions.map(postingsOf));
      });
    }).then(function (lists) { return union(lists); });
  }

  function union(lists) {
    var best = new Float32Array(data.manifest.documents), docs = [];
    lists.forEach(function (p) {
      for (var i = 0; i < p.docs.length; i++) {
        var d = p.docs[i];
        if (best[d] === 0) docs.push(d);
        if (p.weights[i] > best[d]) best[d] = p.weights[i];
      }
    });
    var weights = new Float32Array(docs.length);
    for (var i = 0; i < docs.length; i++) weights[i] = best[docs[i]];
    return { docs: Uint32Array.from(docs), weights: weights };
  }

  function idf(count) {
    var n = data.manifest.documents;
    return Math.log(1 + (n - count + 0.5) / (count + 0.5));
  }

  /* What joins a pair of common words in its key ("econom assist"): a space, which no
   * word holds. */
  var PAIR_JOINER = " ";

  /* Whether the index holds a common word's pairs with the common words beside it:
   * its entry ends in 1 (`[documents, big, starts, 1]`). */
  function paired(found) {
    return !!found && typeof found.entry !== "string" && found.entry[3] === 1;
  }

  /* Documents holding the phrase: each word at the position after the one before.
   * Two common words side by side are looked up as their pair, whose documents and
   * positions are far fewer than theirs: a phrase of two common words loads no
   * positions at all. A pair the index lacks stands together nowhere. */
  function phrase(phraseTerms) {
    return Promise.all(phraseTerms.map(entryOf)).then(function (found) {
      if (found.some(function (f) { return !f; })) return EMPTY;
      var lookups = [], offsets = [], covered = [];
      for (var i = 0; i + 1 < found.length; i++) {
        if (paired(found[i]) && paired(found[i + 1])) {
          lookups.push(pairOf(phraseTerms[i], phraseTerms[i + 1]));
          offsets.push(i);
          covered[i] = covered[i + 1] = true;
        }
      }
      return Promise.all(lookups).then(function (pairs) {
        if (pairs.some(function (p) { return !p; })) return EMPTY;
        var parts = pairs.map(function (p, k) { return { found: p, offset: offsets[k] }; });
        found.forEach(function (f, k) { if (!covered[k]) parts.push({ found: f, offset: k }); });
        return inSequence(parts);
      });
    });
  }

  /* Documents holding every part (a word or a pair) at its offset from the first. */
  function inSequence(parts) {
    return Promise.all(parts.map(function (part) { return postingsOf(part.found); })).then(function (lists) {
      if (lists.length === 1) return lists[0];
      var n = data.manifest.documents, hits = new Uint8Array(n), sum = new Float32Array(n);
      lists.forEach(function (p, k) {
        for (var i = 0; i < p.docs.length; i++) {
          if (hits[p.docs[i]] === k) { hits[p.docs[i]] = k + 1; sum[p.docs[i]] += p.weights[i]; }
        }
      });
      var candidates = new Uint8Array(n), any = false;
      for (var d = 0; d < n; d++) if (hits[d] === lists.length) { candidates[d] = 1; any = true; }
      if (!any) return EMPTY;
      return Promise.all(parts.map(function (part) { return positionsOf(part.found, candidates); })).then(function (maps) {
        var docs = [], weights = [], first = parts[0].offset;
        maps[0].forEach(function (starts, doc) {
          var others = maps.slice(1).map(function (m) { return new Set(m.get(doc) || []); });
          var ok = starts.some(function (p) {
            return others.every(function (set, k) { return set.has(p - first + parts[k + 1].offset); });
          });
          if (ok) { docs.push(doc); weights.push(sum[doc]); }
        });
        return { docs: Uint32Array.from(docs), weights: Float32Array.from(weights) };
      });
    });
  }

  /* A word found in fewer documents than this is looked at for typos. */
  var FEW = 3;
  /* Words (their stems) of at least this many letters are; one edit for them, two
   * from TYPO_LONG. */
  var TYPO_LENGTH = 5;
  var TYPO_LONG = 8;

  /* The words of the index one edit from `t` (two for a long one), or a stem `t`
   * begins with, the most used first, at most five: from the shard `t` falls in, so
   * a typo in the first letters is not forgiven, but no more of the index is loaded
   * than `t` needs. */
  function nearTerms(t) {
    var n = shardOf(t), chars = Array.from(t), most = chars.length >= TYPO_LONG ? 2 : 1;
    return load("terms-" + n + ".js").then(function () {
      var shard = data.shards[n] || {}, near = [];
      Object.keys(shard).forEach(function (other) {
        if (other === t) return;
        var length = Array.from(other).length;
        // A stem the typed word begins with, half of it or more ("negoti" in a misspelt
        // "negotiatons", whose own stem the typo changed), is the word meant.
        var begins = length >= TYPO_LENGTH && length * 2 >= chars.length && t.indexOf(other) === 0;
        if (!begins && (Math.abs(length - chars.length) > most || edits(chars, Array.from(other), most) > most)) return;
        near.push({ term: other, shard: n, entry: shard[other] });
      });
      // A common word is often the word meant: it counts, though a query would
      // pass it over as typed.
      near.sort(function (a, b) { return documentCount(b) - documentCount(a) || (a.term < b.term ? -1 : 1); });
      return near.slice(0, 5);
    });
  }

  /* Levenshtein distance, with a transposition as one edit, stopping past `most`. */
  function edits(a, b, most) {
    var previous2 = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var rowBest = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var d = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost);
        if (previous2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) d = Math.min(d, previous2[k - 2] + 1);
        current.push(d);
        if (d < rowBest) rowBest = d;
      }
      if (rowBest > most) return most + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* More than any archive's number of documents, and a power of two. */
  var DOCUMENT_SPAN = 1 << 24;

  /* Runs a query: { results: the document numbers, best first (a Uint32Array), parsed }. */
  function run(query) {
    var stemming = archiveStemmings();
    var parsed = parse(query, stemming);
    var groups = [];
    var passedOver = [];
    var lookups = [];
    parsed.words.forEach(function (t) {
      lookups.push(entryOf(t).then(function (found) {
        if (tooCommon(found)) { passedOver.push(found); return; }
        // A long word that finds few documents may be misspelt: the words one edit
        // away (two for long ones) count too, and the page says so.
        if (documentCount(found) < FEW && Array.from(t).length >= TYPO_LENGTH) {
          return nearTerms(t).then(function (near) {
            if (near.length) parsed.corrected.push([t, near.map(function (e) { return e.term; })]);
            var all = (found ? [found] : []).concat(near);
            return Promise.all(all.map(postingsOf)).then(function (lists) {
              var p = union(lists);
              groups.push({ postings: p, weight: idf(p.docs.length) });
            });
          });
        }
        return postingsOf(found).then(function (p) { groups.push({ postings: p, weight: idf(p.docs.length) }); });
      }));
    });
    parsed.alternatives.forEach(function (any) {
      lookups.push(Promise.all(any.map(entryOf)).then(function (found) {
        return Promise.all(found.filter(Boolean).map(postingsOf)).then(function (lists) {
          var p = union(lists);
          groups.push({ postings: p, weight: idf(p.docs.length) });
        });
      }));
    });
    parsed.wildcards.forEach(function (begun) {
      lookups.push(prefixPostings(begun, stemming).then(function (p) {
        groups.push({ postings: p, weight: idf(p.docs.length) });
      }));
    });
    parsed.phrases.forEach(function (t) {
      lookups.push(phrase(t).then(function (p) { groups.push({ postings: p, weight: idf(p.docs.length) * t.length }); }));
    });
    if (parsed.prefix) {
      lookups.push(prefixPostings(parsed.prefix, stemming).then(function (p) {
        groups.push({ postings: p, weight: idf(p.docs.length) });
      }));
    }
    var excludedLists = [];
    parsed.excluded.forEach(function (t) {
      lookups.push(entryOf(t).then(postingsOf).then(function (p) { excludedLists.push(p); }));
    });
    return Promise.all(lookups).then(function () {
      // A query of nothing but common words still needs them.
      if (!groups.length && passedOver.length) {
        return Promise.all(passedOver.map(postingsOf)).then(function (lists) {
          lists.forEach(function (p) { groups.push({ postings: p, weight: idf(p.docs.length) }); });
        });
      }
    }).then(function () {
      if (!groups.length) return { results: new Uint32Array(0), parsed: parsed };
      var n = data.manifest.documents, hits = new Uint8Array(n), score = new Float64Array(n);
      parsed.excluded.length && excludedLists.forEach(function (p) {
        for (var i = 0; i < p.docs.length; i++) hits[p.docs[i]] = 255;
      });
      groups.sort(function (a, b) { return a.postings.docs.length - b.postings.docs.length; });
      groups.forEach(function (g, k) {
        var p = g.postings;
        for (var i = 0; i < p.docs.length; i++) {
          var d = p.docs[i];
          if (hits[d] === k) { hits[d] = k + 1; score[d] += g.weight * p.weights[i]; }
        }
      });
      // Best first, ties by date: each result becomes one number, the score's
      // distance from the best above the document's number, so a typed array's
      // numeric sort (much faster than a comparison function over 100,000 results)
      // puts them in order.
      var smallest = groups[0].postings.docs, keys = new Float64Array(smallest.length), found = 0, best = 0;
      for (var i = 0; i < smallest.length; i++) {
        if (hits[smallest[i]] === groups.length && score[smallest[i]] > best) best = score[smallest[i]];
      }
      for (var j = 0; j < smallest.length; j++) {
        var d = smallest[j];
        if (hits[d] === groups.length) keys[found++] = Math.round((best - score[d]) * 1e5) * DOCUMENT_SPAN + d;
      }
      keys = keys.subarray(0, found).sort();
      var results = new Uint32Array(found);
      for (var k = 0; k < found; k++) results[k] = keys[k] % DOCUMENT_SPAN;
      return nearFirst(parsed, results).then(function (ordered) { return { results: ordered, parsed: parsed }; });
    });
  }

  /* How many of the best results an unquoted query of several words looks into for
   * its words side by side. */
  var PROXIMITY_CANDIDATES = 20;
  /* At most this many position files (each at most 64 KB) are loaded for it: two
   * for a query of two words, whose budget is the tightest (300 KB at 100,000
   * documents), six for a sentence, which a quoted phrase would cost more. */
  var PROXIMITY_FILES = 2;
  var PROXIMITY_FILES_SENTENCE = 6;

  /* An unquoted query of several words ranks first, among its best results, those
   * where its words stand side by side in the order typed, as if quoted: a famous
   * sentence typed without quotes finds its speech. A word too common to rank by
   * ("for") is not loaded but leaves its gap: "struggle for existence" asks for
   * `existence` two words after `struggle`. Positions are loaded only for those
   * results. */
  function nearFirst(parsed, results) {
    // The word being typed counts as the word it is so far.
    var sequence = parsed.words.slice();
    if (parsed.prefix) sequence.push(term(parsed.prefix, archiveStemmings()[0]));
    if (sequence.length < 2 || parsed.phrases.length || results.length < 2) return Promise.resolve(results);
    return Promise.all(sequence.map(entryOf)).then(function (entries) {
      // The rarest words, each at its place in the query, say whether the words
      // stand together.
      var rare = [], common = [];
      entries.forEach(function (e, i) { if (e) (tooCommon(e) ? common : rare).push([e, i]); });
      var byCount = function (a, b) { return documentCount(a[0]) - documentCount(b[0]); };
      // Words too common to rank by count for a sentence (three words or more),
      // not for two words, whose budget is the tightest.
      var ranked = rare.sort(byCount).concat(sequence.length >= 3 ? common.sort(byCount) : []);
      var wanted = function (list) {
        var mask = new Uint8Array(data.manifest.documents);
        list.forEach(function (d) { mask[d] = 1; });
        return mask;
      };
      // As many of the words as few files hold the positions of (files shared by
      // words count once), the rarest first; at least two.
      var limit = sequence.length >= 3 ? PROXIMITY_FILES_SENTENCE : PROXIMITY_FILES;
      var choose = function (mask) {
        var chosen = [], names = new Set();
        for (var i = 0; i < ranked.length; i++) {
          var more = positionFiles(ranked[i][0], mask).filter(function (f) { return !names.has(f); });
          if (names.size + more.length > limit) break;
          more.forEach(function (f) { names.add(f); });
          chosen.push(ranked[i]);
        }
        return chosen.length >= 2 ? chosen.sort(function (a, b) { return a[1] - b[1]; }) : null;
      };
      // Every result is looked into where that is so for them all; else the best
      // PROXIMITY_CANDIDATES; else none: the ranking's budget (300 KB at 100,000
      // documents) is kept.
      var top = results, candidates = wanted(results), used = choose(candidates);
      if (!used) {
        top = results.subarray(0, Math.min(PROXIMITY_CANDIDATES, results.length));
        candidates = wanted(top);
        used = choose(candidates);
        if (!used) return results;
      }
      return Promise.all(used.map(function (u) { return positionsOf(u[0], candidates); })).then(function (maps) {
        var near = new Set();
        maps[0].forEach(function (starts, doc) {
          var others = maps.slice(1).map(function (m) { return new Set(m.get(doc) || []); });
          var together = starts.some(function (p) {
            return others.every(function (set, k) { return set.has(p + used[k + 1][1] - used[0][1]); });
          });
          if (together) near.add(doc);
        });
        if (!near.size) return results;
        var order = Array.from(top);
        var ordered = Uint32Array.from(results);
        ordered.set(order.filter(function (d) { return near.has(d); }).concat(order.filter(function (d) { return !near.has(d); })), 0);
        return ordered;
      });
    });
  }

  /* ---------- What a result shows ---------- */

  function docRow(n) {
    var chunk = Math.floor(n / data.manifest.documents_per_chunk);
    return load("docs-" + chunk + ".js").then(function () {
      var row = data.docs[chunk][n - chunk * data.manifest.documents_per_chunk];
      return { number: n, title: row[0], href: row[1], date: row[2], type: row[3], label: row[4] || null };
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Adds a found token to the marked ranges of a text, merging it with the last
   * where they overlap (pairs of unspaced script do). */
  function markToken(ranges, token) {
    var last = ranges[ranges.length - 1];
    if (last && token[1] <= last[1]) last[1] = Math.max(last[1], token[2]);
    else ranges.push([token[1], token[2]]);
  }

  /* How many passages a result shows. */
  var PASSAGES = 3;

  /* The passages of `paragraphs` where the query's words are, best first: the
   * paragraphs holding the most of its words, then those where they stand side by
   * side in the query's order, then those holding them most often; at most
   * PASSAGES, each [score, anchor, html, every word found]. Marks are ranges of the
   * text, merged where pairs of unspaced script overlap. */
  function passages(paragraphs, parsed, stemming) {
    var wanted = parsed.words.concat(parsed.phrases.flat(), parsed.alternatives.flat(),
      parsed.corrected.map(function (c) { return c[1]; }).flat());
    var prefixes = parsed.wildcards.concat(parsed.prefix ? [parsed.prefix] : []);
    var kinds = parsed.words.length + parsed.phrases.flat().length + parsed.alternatives.length + prefixes.length;
    // The word being typed is found as it begins and as a whole word in another form.
    var typed = parsed.prefix ? candidates(parsed.prefix, stemming) : [];
    // Each word is stemmed once however often the paragraphs repeat it.
    var termsOf = Object.create(null);
    var found = [];
    for (var i = 0; i < paragraphs.length; i++) {
      var text = paragraphs[i][1];
      var ranges = [], distinct = {}, count = 0, adjacent = 0, previous = -2, previousAt = -2, at = 0;
      tokens(text).forEach(function (token) {
        var f = fold(token[0]), which = -1;
        // The token is found as any of the archive's languages makes it.
        var terms = termsOf[token[0]] || (termsOf[token[0]] = candidates(token[0], stemming));
        terms.some(function (t) { which = wanted.indexOf(t); return which >= 0; });
        if (which < 0 && (prefixes.some(function (p) { return f.indexOf(p) === 0; }) ||
          terms.some(function (t) { return typed.indexOf(t) >= 0; }))) which = wanted.length;
        if (which >= 0) {
          distinct[which] = true;
          count++;
          if (previousAt === at - 1 && which === previous + 1) adjacent++;
          previous = which;
          previousAt = at;
          markToken(ranges, token);
        }
        at++;
      });
      if (!ranges.length) continue;
      var words = Object.keys(distinct).length;
      var html = "", from = 0;
      ranges.forEach(function (r) {
        html += escapeHtml(text.slice(from, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
        from = r[1];
      });
      html += escapeHtml(text.slice(from));
      found.push([words * 10000 + adjacent * 100 + Math.min(count, 99), paragraphs[i][0], trim(html), words === kinds, i]);
    }
    found.sort(function (a, b) { return b[0] - a[0] || a[4] - b[4]; });
    return found.slice(0, PASSAGES);
  }

  /* Which of a document's texts a passage is in, said before it when it is not the
   * main one: its paragraphs are `original-p2`, `de-p3` (a translation's language). */
  function inText(anchor) {
    var other = /^(.+)-p\d+$/.exec(anchor || "");
    if (!other) return "";
    var key = other[1].replace(/-\d+$/, "");
    var label = key === "original" ? T("search.in_the_original") : T("search.in_the_translation", { language: languageName(key) });
    return "<span class=\"snippet-text\">" + escapeHtml(label) + ":</span> ";
  }

  /* A language's name in the interface's language, from the language facet's labels
   * where the archive has it, else its code. */
  function languageName(code) {
    var labels = (data.facets.language || {}).labels || {};
    return labels[code] || code;
  }

  /* The best passage, as { anchor, html }; null if no paragraph has a query word. */
  function snippet(paragraphs, parsed, stemming) {
    var best = passages(paragraphs, parsed, stemming)[0];
    return best ? { anchor: best[1], html: best[2] } : null;
  }

  function trim(html) {
    var at = html.indexOf("<mark>");
    if (at > 160) html = "…" + html.slice(html.indexOf(" ", at - 140) + 1);
    return html.length > 600 ? html.slice(0, html.lastIndexOf(" ", 600)) + "…" : html;
  }

  /* A result's passages (keyword in context), best first, and the best as its
   * snippet: from the first part of its text, or from the rest when the first part
   * has none of the query's words; the opening lines when neither part has one. */
  function snippetOf(n, parsed) {
    var stemming = archiveStemmings();
    function shown(list, first) {
      if (!list.length) {
        var open = opening(first);
        return open ? { anchor: open.anchor, html: open.html, passages: [open] } : null;
      }
      var all = list.map(function (p) { return { anchor: p[1], html: p[2] }; });
      return { anchor: all[0].anchor, html: all[0].html, passages: all };
    }
    var chunk = Math.floor(n / data.manifest.documents_per_chunk);
    return load("text-" + chunk + ".js").then(function () {
      var first = data.texts[n] || [[], false];
      var found = passages(first[0], parsed, stemming);
      // The rest is loaded only when the first part has none of the words: a better
      // passage further on is not worth its bytes for every result shown.
      if (!first[1] || found.length) return shown(found, first[0]);
      return load("more-" + chunk + ".js").then(function () {
        var more = passages(data.more[n] || [], parsed, stemming);
        var both = found.concat(more).sort(function (a, b) { return b[0] - a[0]; }).slice(0, PASSAGES);
        return shown(both, first[0]);
      });
    });
  }

  function opening(paragraphs) {
    return paragraphs.length ? { anchor: paragraphs[0][0], html: escapeHtml(paragraphs[0][1].slice(0, 240)) } : null;
  }

  /* Rows and snippets of results[from .. from + count]. */
  function present(results, parsed, from, count) {
    return Promise.all(Array.from(results.slice(from, from + count)).map(function (n) {
      return Promise.all([docRow(n), snippetOf(n, parsed)]).then(function (pair) {
        pair[0].snippet = pair[1];
        return pair[0];
      });
    }));
  }

  /* ---------- Facets ---------- */

  /* Each facet value's documents, decoded once. */
  function facetDocs(facet, value) {
    var f = data.facets[facet];
    if (!f) return new Uint32Array(0);
    var key = "\u0000" + value;
    if (!f[key]) {
      var r = new Reader(f.lists[value] || ""), docs = [], d = 0;
      while (r.more()) { d += r.next(); docs.push(d); }
      f[key] = Uint32Array.from(docs);
    }
    return f[key];
  }

  /* Decades, as ranges of document numbers (documents are in date order). */
  function decades() {
    var years = data.manifest.years, out = [];
    years.starts.forEach(function (s, i) {
      var end = i + 1 < years.starts.length ? years.starts[i + 1][1] : years.undated;
      var name = Math.floor(s[0] / 10) * 10 + "s";
      var last = out[out.length - 1];
      if (last && last.name === name) last.end = end; else out.push({ name: name, start: s[1], end: end });
    });
    return out;
  }

  /* ---------- The page ---------- */

  var PAGE = 20;

  /* The entities whose name or alias begins with the query (or one of its words
   * does), the most named first, at most five. */
  function namesFor(query) {
    var wanted = fold(query.trim());
    // The bucket of the longest first letters that has one (a large bucket is split
    // by a third and a fourth letter).
    var letters = Array.from(wanted), bucket;
    for (var n = Math.min(4, letters.length); n >= 2 && bucket === undefined; n--) {
      bucket = data.manifest.names[letters.slice(0, n).join("")];
    }
    if (bucket === undefined) return Promise.resolve([]);
    return load("names-" + bucket + ".js").then(function () {
      var hits = (data.names[bucket] || []).filter(function (e) {
        return [e.name].concat(e.aliases).some(function (n) {
          var folded = fold(n);
          return folded.indexOf(wanted) === 0 || folded.split(/\s+/).some(function (part) { return part.indexOf(wanted) === 0; });
        });
      });
      hits.sort(function (a, b) { return b.documents - a.documents; });
      return hits.slice(0, 5);
    });
  }

  function start(form) {
    var root = form.getAttribute("data-root") || "";
    base = root + "search/";
    var input = form.querySelector("input[type=search]");
    var output = document.getElementById("search-results");
    var facetBox = document.getElementById("search-facets");
    var status = document.getElementById("search-status");
    var moreButton = document.getElementById("search-more");
    var sortBox = form.querySelector("select[name=sort]");
    var fromBox = form.querySelector("input[name=from]");
    var toBox = form.querySelector("input[name=to]");
    var chosen = {};
    /* The search in the address: the query, the date range, the order, and each
     * facet value ticked (`type=Letter&entity=kim`), so a search can be linked,
     * bookmarked, and gone back to. */
    var OWN = { q: 1, from: 1, to: 1, sort: 1 };
    function restore(params) {
      input.value = params.get("q") || "";
      if (fromBox) fromBox.value = params.get("from") || "";
      if (toBox) toBox.value = params.get("to") || "";
      if (sortBox) sortBox.value = params.get("sort") || "relevance";
      chosen = {};
      params.forEach(function (value, key) { if (!OWN[key]) chosen[key + "\n" + value] = true; });
    }
    restore(new URLSearchParams(global.location.search));
    var generation = 0;
    var current = null;

    /* The results whose dates overlap the year range: a document dated within it,
     * and one whose date spans years (1960s, 1962-11/1963-02) any of which is in it
     * (static spans.js, loaded for a range); undated documents are left out. */
    function yearRange(results) {
      var from = parseInt(fromBox && fromBox.value, 10), to = parseInt(toBox && toBox.value, 10);
      if (isNaN(from) && isNaN(to)) return Promise.resolve(results);
      return load("spans.js").then(function () {
        var years = data.manifest.years, lo = 0, hi = years.undated;
        years.starts.forEach(function (s, i) {
          if (!isNaN(from) && s[0] < from) lo = i + 1 < years.starts.length ? years.starts[i + 1][1] : years.undated;
          if (!isNaN(to) && s[0] > to && hi === years.undated) hi = s[1];
        });
        var wide = new Map();
        (data.spans || []).forEach(function (s) { wide.set(s[0], s); });
        return results.filter(function (d) {
          var span = wide.get(d);
          if (span) return (isNaN(to) || span[1] <= to) && (isNaN(from) || span[2] >= from);
          return d >= lo && d < hi;
        });
      });
    }

    function narrowed(results) {
      Object.keys(chosen).forEach(function (key) {
        var cut = key.indexOf("\n"), facet = key.slice(0, cut), value = key.slice(cut + 1);
        if (facet === "decade") {
          var range = decades().find(function (d) { return d.name === value; }) || { start: 0, end: 0 };
          results = results.filter(function (d) { return d >= range.start && d < range.end; });
          return;
        }
        var set = new Set(facetDocs(facet, value));
        results = results.filter(function (d) { return set.has(d); });
      });
      return results;
    }

    /* Shows the search the page holds; `remember` makes it a step Back returns from
     * (a facet ticked, a range or order chosen, Enter), where typing only replaces
     * the address. */
    function update(remember) {
      var mine = ++generation;
      var query = input.value;
      // An address may carry parameters that are no facet of this archive.
      Object.keys(chosen).forEach(function (key) {
        var facet = key.slice(0, key.indexOf("\n"));
        if (facet !== "decade" && data.manifest.facets.indexOf(facet) < 0) delete chosen[key];
      });
      var url = new URL(global.location.href);
      url.search = "";
      url.searchParams.set("q", query);
      [fromBox, toBox, sortBox].forEach(function (box) {
        if (box && box.value && !(box === sortBox && box.value === "relevance")) url.searchParams.set(box.name, box.value);
      });
      Object.keys(chosen).sort().forEach(function (key) {
        var cut = key.indexOf("\n");
        url.searchParams.append(key.slice(0, cut), key.slice(cut + 1));
      });
      if (url.toString() !== global.location.href) {
        try {
          if (remember === true) global.history.pushState(null, "", url.toString());
          else global.history.replaceState(null, "", url.toString());
        } catch (e) { /* file:// may refuse */ }
      }
      var names = showEntities(query);
      // Tests wait for this mark: the query's results, facets and names are shown.
      function done() { if (mine === generation) status.dataset.done = query; }
      if (!query.trim()) {
        output.innerHTML = ""; facetBox.innerHTML = ""; status.textContent = ""; if (moreButton) moreButton.hidden = true;
        names.then(done);
        return;
      }
      run(query).then(function (found) {
        return yearRange(found.results).then(function (ranged) { return { found: found, ranged: ranged }; });
      }).then(function (both) {
        if (!both || mine !== generation) return;
        var found = both.found, results = both.ranged;
        var needed = Object.keys(chosen).map(function (k) { return k.slice(0, k.indexOf("\n")); })
          .filter(function (f) { return f !== "decade"; });
        return Promise.all(needed.map(function (f) { return load("facet-" + f + ".js"); })).then(function () {
          if (mine !== generation) return;
          results = narrowed(results);
          // Document numbers are in date order.
          if (sortBox && sortBox.value === "date") results = results.slice().sort();
          current = { results: results, parsed: found.parsed, shown: 0, query: query };
          output.innerHTML = "";
          var ranged = (fromBox && fromBox.value) || (toBox && toBox.value);
          status.textContent = T("count.documents", { n: results.length }) +
            found.parsed.corrected.map(function (c) { return T("search.also_matching", { words: c[1].join(", "), word: c[0] }); }).join("") +
            (ranged ? T("search.range_note") : "");
          return showMore(mine).then(function () {
            // Facet lists load after the first results are on the page.
            return Promise.all(data.manifest.facets.map(function (f) { return load("facet-" + f + ".js"); }));
          }).then(function () { if (mine === generation) showFacets(results); });
        });
      }).catch(function (e) {
        status.textContent = T("search.failed", { error: e.message });
      }).then(function () { return names; }).then(done);
    }

    function showMore(mine) {
      var from = current.shown;
      current.shown += PAGE;
      if (moreButton) moreButton.hidden = current.shown >= current.results.length;
      return present(current.results, current.parsed, from, PAGE).then(function (rows) {
        if (mine !== generation) return;
        output.insertAdjacentHTML("beforeend", rows.map(function (doc) {
          var href = root + doc.href, found = doc.snippet;
          return "<li><a class=\"document-title\" href=\"" + escapeHtml(href) + "\">" +
            (doc.label ? "<span class=\"document-number\">" + escapeHtml(doc.label) + ".</span> " : "") + escapeHtml(doc.title) + "</a>" +
            "<span class=\"document-facts\">" + escapeHtml(doc.date || T("dates.undated")) + (doc.type ? " · " + escapeHtml(doc.type) : "") + "</span>" +
            (found ? found.passages.map(function (p) {
              // The page opened marks the query's words (static/find.js).
              var at = href + "?q=" + encodeURIComponent(current.query) + (p.anchor ? "#" + p.anchor : "");
              return "<a class=\"snippet\" href=\"" + escapeHtml(at) + "\">" + inText(p.anchor) + p.html + "</a>";
            }).join("") : "") +
            "</li>";
        }).join(""));
      });
    }

    function showFacets(results) {
      var inResults = new Uint8Array(data.manifest.documents);
      results.forEach(function (d) { inResults[d] = 1; });
      var html = "";
      var facets = data.manifest.facets.slice();
      facets.push("decade");
      facets.forEach(function (facet) {
        var counts;
        if (facet === "decade") {
          counts = decades().map(function (d) {
            var c = 0;
            for (var i = d.start; i < d.end; i++) c += inResults[i];
            return [d.name, c];
          });
        } else {
          var values = (data.facets[facet] || { lists: {} }).lists;
          counts = Object.keys(values).map(function (v) {
            var docs = facetDocs(facet, v), c = 0;
            for (var i = 0; i < docs.length; i++) c += inResults[docs[i]];
            return [v, c];
          });
        }
        counts = counts.filter(function (c) { return c[1] > 0 || chosen[facet + "\n" + c[0]]; });
        if (!counts.length) return;
        if (facet !== "decade") counts.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
        html += "<fieldset class=\"facet\"><legend>" + escapeHtml(facetLabel(facet)) + "</legend>";
        counts.slice(0, 12).forEach(function (c) {
          var key = facet + "\n" + c[0];
          html += "<label><input type=\"checkbox\" data-facet=\"" + escapeHtml(facet) + "\" data-value=\"" + escapeHtml(c[0]) + "\"" + (chosen[key] ? " checked" : "") +
            "> " + escapeHtml(valueLabel(facet, c[0])) + " <span class=\"count\">" + c[1] + "</span></label>";
        });
        html += "</fieldset>";
      });
      facetBox.innerHTML = html;
    }

    function facetLabel(facet) {
      var known = { type: 1, author: 1, recipient: 1, collection: 1, subject: 1, language: 1, entity: 1, decade: 1 };
      return known[facet] ? T("search.facet_" + facet) : facet;
    }

    function valueLabel(facet, value) {
      // A decade is named "1960s" in the address; the page writes it in its language.
      if (facet === "decade") return T("dates.decade", { year: value.replace(/s$/, "") });
      var labels = (data.facets[facet] || {}).labels || {};
      return labels[value] || value;
    }

    function showEntities(query) {
      var box = document.getElementById("search-entities");
      if (!box) return Promise.resolve();
      var wanted = fold(query.trim());
      return namesFor(query).then(function (hits) {
        if (fold(input.value.trim()) !== wanted) return;
        box.innerHTML = hits.map(function (e) {
          return "<li><a href=\"" + escapeHtml(root + e.href) + "\">" + escapeHtml(e.name) + "</a> <span class=\"count\">" +
            escapeHtml(T("count.documents", { n: e.documents })) + "</span></li>";
        }).join("");
      });
    }

    var timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(function () { update(false); }, 120); }
    input.addEventListener("input", later);
    [sortBox, fromBox, toBox].forEach(function (el) { if (el) el.addEventListener("change", function () { update(true); }); });
    if (moreButton) moreButton.addEventListener("click", function () { if (current) showMore(generation); });
    facetBox.addEventListener("change", function (event) {
      var facet = event.target.getAttribute("data-facet");
      if (!facet) return;
      var key = facet + "\n" + event.target.getAttribute("data-value");
      if (event.target.checked) chosen[key] = true; else delete chosen[key];
      update(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    // Back and Forward bring the search of that address back.
    global.addEventListener("popstate", function () {
      restore(new URLSearchParams(global.location.search));
      update(false);
    });
    loadManifest().then(function () {
      document.documentElement.classList.add("search-ready");
      if (input.value) update();
    }).catch(function (e) { status.textContent = T("search.unavailable", { error: e.message }); });
  }

  global.dossierSearch = api;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", function () {
      var form = document.getElementById("search-form");
      if (form) start(form);
    });
  }
})(typeof window !== "undefined" ? window : globalThis);
