/* dossier's search client. The index is JavaScript files that hand their data to
 * `dossierSearch`, loaded by <script> tags, so search works over http:// and from
 * file:// alike. Words are normalised exactly as the build does (src/search.rs):
 * Unicode words, lower case without diacritics, and for English archives the Snowball
 * English stemmer. A Node test compares the two over a word list. */
(function (global) {
  "use strict";

  /* ---------- Normalising words, as src/search.rs does ---------- */

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var LETTERS = { "đ": "d", "ø": "o", "ł": "l", "ß": "s", "æ": "a", "œ": "o", "ı": "i", "\u2019": "'" };

  function fold(word) {
    var stripped = word.normalize("NFD").replace(MARKS, "").toLowerCase();
    var out = "";
    for (var c of stripped) out += LETTERS[c] || c;
    return out;
  }

  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("en", { granularity: "word" }) : null;

  function words(text) {
    var found = [];
    if (segmenter) {
      for (var s of segmenter.segment(text)) if (s.isWordLike) found.push(s.segment);
    } else {
      var m = text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’._]*/gu);
      if (m) found = m;
    }
    return found;
  }

  function terms(text, stemming) {
    return words(text).map(function (w) { return term(w, stemming); }).filter(function (t) { return t.length > 0; });
  }

  function term(word, stemming) {
    var folded = fold(word);
    return stemming ? stem(folded) : folded;
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

  var data = { manifest: null, shards: {}, big: {}, docs: {}, texts: {}, facets: {}, entities: null };
  var loading = {};
  var base = "";

  function load(file) {
    if (loading[file]) return loading[file];
    loading[file] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + file;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + file)); };
      document.head.appendChild(script);
    });
    return loading[file];
  }

  var api = {
    manifest: function (m) { data.manifest = m; },
    shard: function (n, d) { data.shards[n] = d; },
    big: function (n, d) { data.big[n] = d; },
    docs: function (n, d) { data.docs[n] = d; },
    text: function (n, d) { data.texts[n] = d; },
    facet: function (pair) { data.facets[pair[0]] = pair[1]; },
    entities: function (d) { data.entities = d; },
    terms: terms, stem: stem, fold: fold,
    /* For Node: point the client at an index folder and run queries without a page. */
    open: function (folder) { base = folder; return load("manifest.js"); },
    query: function (q) { return run(q); },
  };

  /* ---------- Queries ---------- */

  /* "quoted phrases", -excluded words, plain words AND-ed; the last word is a prefix
   * while it is being typed. */
  function parse(query, stemming) {
    var parsed = { words: [], phrases: [], excluded: [], prefix: null };
    var rest = query.replace(/"([^"]*)"?/g, function (_, phrase) {
      var t = terms(phrase, stemming);
      if (t.length === 1) parsed.words.push(t[0]);
      else if (t.length > 1) parsed.phrases.push(t);
      return " ";
    });
    var parts = rest.split(/\s+/).filter(Boolean);
    var typing = query.length > 0 && !/[\s"]$/.test(query);
    parts.forEach(function (part, i) {
      if (part[0] === "-" && part.length > 1) {
        terms(part.slice(1), stemming).forEach(function (t) { parsed.excluded.push(t); });
      } else if (typing && i === parts.length - 1) {
        var folded = words(part).map(fold);
        folded.slice(0, -1).forEach(function (f) { parsed.words.push(stemming ? stem(f) : f); });
        if (folded.length) parsed.prefix = folded[folded.length - 1];
      } else {
        terms(part, stemming).forEach(function (t) { parsed.words.push(t); });
      }
    });
    return parsed;
  }

  function shardOf(t) {
    var shards = data.manifest.shards, lo = 0, hi = shards.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (shards[mid] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /* Postings with their positions made absolute (the index stores differences). */
  function decoded(postings) {
    if (!postings) return [];
    if (!postings.decoded) {
      postings.forEach(function (p) {
        for (var i = 1; i < p[2].length; i++) p[2][i] += p[2][i - 1];
      });
      postings.decoded = true;
    }
    return postings;
  }

  /* A word nearly every document holds narrows nothing: a plain word held by more
   * than half the documents is passed over instead of loaded. */
  function tooCommon(entry) {
    return entry && !Array.isArray(entry) && entry.df > data.manifest.documents / 2;
  }

  /* A shard's entry for a term: its postings, or where a term of its own file is. */
  function entryOf(t) {
    var n = shardOf(t);
    return load("terms-" + n + ".js").then(function () { return (data.shards[n] || {})[t]; });
  }

  function postingsFromEntry(entry) {
    if (!entry) return Promise.resolve([]);
    if (Array.isArray(entry)) return Promise.resolve(decoded(entry));
    return load("big-" + entry.big + ".js").then(function () { return decoded(data.big[entry.big]); });
  }

  function postingsOf(t) {
    return entryOf(t).then(postingsFromEntry);
  }

  /* Every term starting with `prefix`, with the unstemmed prefix's stem too. */
  function prefixPostings(prefix, stemming) {
    var first = shardOf(prefix), shards = data.manifest.shards, wanted = [first];
    for (var i = first + 1; i < shards.length && shards[i].indexOf(prefix) === 0; i++) wanted.push(i);
    return Promise.all(wanted.map(function (n) { return load("terms-" + n + ".js"); })).then(function () {
      var merged = {};
      var matched = 0;
      var expansions = [];
      wanted.forEach(function (n) {
        var shard = data.shards[n] || {};
        Object.keys(shard).forEach(function (t) {
          if (t.indexOf(prefix) === 0 && matched < 64 && !tooCommon(shard[t])) { matched++; expansions.push(shard[t]); }
        });
      });
      // The word as typed may already be whole: its own term counts even if common.
      var stemmed = stemming ? stem(prefix) : prefix;
      var extra = postingsOf(stemmed);
      return Promise.all(expansions.map(postingsFromEntry).concat([extra])).then(function (lists) {
        lists.forEach(function (p) { addAll(merged, p); });
        return merged;
      });
    });
  }

  function addAll(merged, postings) {
    postings.forEach(function (p) {
      var e = merged[p[0]];
      if (!e) merged[p[0]] = [p[0], p[1], p[2].slice()];
      else { e[1] = Math.max(e[1], p[1]); e[2] = e[2].concat(p[2]); }
    });
  }

  function asMap(postings) {
    var map = {};
    postings.forEach(function (p) { map[p[0]] = p; });
    return map;
  }

  function idf(count) {
    var n = data.manifest.documents;
    return Math.log(1 + (n - count + 0.5) / (count + 0.5));
  }

  /* Documents holding the phrase: each term at the position after the one before. */
  function phraseMatches(maps) {
    var result = {};
    Object.keys(maps[0]).forEach(function (doc) {
      if (!maps.every(function (m) { return m[doc]; })) return;
      var starts = maps[0][doc][2];
      var ok = starts.some(function (p) {
        return maps.every(function (m, k) { return m[doc][2].indexOf(p + k) >= 0; });
      });
      if (ok) {
        var weight = maps.reduce(function (sum, m) { return sum + m[doc][1]; }, 0);
        result[doc] = [Number(doc), weight, starts];
      }
    });
    return result;
  }

  /* Runs a query: a list of [document number, score, matched terms], best first. */
  function run(query) {
    var stemming = data.manifest.stemming;
    var parsed = parse(query, stemming);
    var groups = [];
    var lookups = [];
    var passedOver = [];
    parsed.words.forEach(function (t) {
      lookups.push(entryOf(t).then(function (entry) {
        if (tooCommon(entry)) { passedOver.push(entry); return; }
        return postingsFromEntry(entry).then(function (p) {
          groups.push({ terms: [t], map: asMap(p), weight: idf(p.length) });
        });
      }));
    });
    parsed.phrases.forEach(function (phrase) {
      lookups.push(Promise.all(phrase.map(postingsOf)).then(function (lists) {
        var map = phraseMatches(lists.map(asMap));
        groups.push({ terms: phrase, map: map, weight: idf(Object.keys(map).length) * phrase.length });
      }));
    });
    if (parsed.prefix) {
      lookups.push(prefixPostings(parsed.prefix, stemming).then(function (map) {
        groups.push({ terms: [parsed.prefix], prefix: true, map: map, weight: idf(Object.keys(map).length) });
      }));
    }
    var excluded = {};
    parsed.excluded.forEach(function (t) {
      lookups.push(postingsOf(t).then(function (p) { p.forEach(function (x) { excluded[x[0]] = true; }); }));
    });
    return Promise.all(lookups).then(function () {
      // A query of nothing but common words still needs them.
      if (!groups.length && passedOver.length) {
        return Promise.all(passedOver.map(postingsFromEntry)).then(function (lists) {
          lists.forEach(function (p) { groups.push({ terms: [], map: asMap(p), weight: idf(p.length) }); });
        });
      }
    }).then(function () {
      if (!groups.length) return { results: [], parsed: parsed };
      groups.sort(function (a, b) { return Object.keys(a.map).length - Object.keys(b.map).length; });
      var results = [];
      Object.keys(groups[0].map).forEach(function (doc) {
        if (excluded[doc]) return;
        var score = 0;
        for (var i = 0; i < groups.length; i++) {
          var hit = groups[i].map[doc];
          if (!hit) return;
          score += groups[i].weight * hit[1];
        }
        results.push([Number(doc), score]);
      });
      results.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { results: results, parsed: parsed };
    });
  }

  /* ---------- The page ---------- */

  function docRow(n) {
    var chunk = Math.floor(n / data.manifest.documents_per_chunk);
    return load("docs-" + chunk + ".js").then(function () {
      return data.docs[chunk][n - chunk * data.manifest.documents_per_chunk];
    });
  }

  function textOf(n) {
    var chunk = Math.floor(n / data.manifest.texts_per_chunk);
    return load("text-" + chunk + ".js").then(function () {
      return data.texts[chunk][n - chunk * data.manifest.texts_per_chunk];
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The first paragraph with a query word, the words marked. */
  function snippet(paragraphs, parsed, stemming) {
    var wanted = parsed.words.concat(parsed.phrases.flat());
    for (var i = 0; i < paragraphs.length; i++) {
      var text = paragraphs[i][1];
      var hit = false;
      var html = "";
      var last = 0;
      var re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu, m;
      while ((m = re.exec(text))) {
        var t = term(m[0], stemming), f = fold(m[0]);
        if (wanted.indexOf(t) >= 0 || (parsed.prefix && f.indexOf(parsed.prefix) === 0)) {
          html += escapeHtml(text.slice(last, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
          last = m.index + m[0].length;
          hit = true;
        }
      }
      if (hit) {
        html += escapeHtml(text.slice(last));
        return { anchor: paragraphs[i][0], html: trim(html) };
      }
    }
    return paragraphs.length ? { anchor: paragraphs[0][0], html: escapeHtml(paragraphs[0][1].slice(0, 240)) } : null;
  }

  function trim(html) {
    var at = html.indexOf("<mark>");
    if (at > 160) html = "…" + html.slice(html.indexOf(" ", at - 140) + 1);
    return html.length > 600 ? html.slice(0, html.lastIndexOf(" ", 600)) + "…" : html;
  }

  function start(form) {
    var root = form.getAttribute("data-root") || "";
    base = root + "search/";
    var input = form.querySelector("input[type=search]");
    var output = document.getElementById("search-results");
    var facetBox = document.getElementById("search-facets");
    var status = document.getElementById("search-status");
    var sortBox = form.querySelector("select[name=sort]");
    var fromBox = form.querySelector("input[name=from]");
    var toBox = form.querySelector("input[name=to]");
    var chosen = {};
    var params = new URLSearchParams(global.location.search);
    input.value = params.get("q") || "";
    if (fromBox) fromBox.value = params.get("from") || "";
    if (toBox) toBox.value = params.get("to") || "";
    if (sortBox && params.get("sort")) sortBox.value = params.get("sort");
    var generation = 0;

    function yearRange(results) {
      var from = parseInt(fromBox && fromBox.value, 10), to = parseInt(toBox && toBox.value, 10);
      if (isNaN(from) && isNaN(to)) return results;
      var years = data.manifest.years, lo = 0, hi = years.undated;
      years.starts.forEach(function (s, i) {
        if (!isNaN(from) && s[0] < from) lo = i + 1 < years.starts.length ? years.starts[i + 1][1] : years.undated;
        if (!isNaN(to) && s[0] > to && hi === years.undated) hi = s[1];
      });
      return results.filter(function (r) { return r[0] >= lo && r[0] < hi; });
    }

    function update() {
      var mine = ++generation;
      var query = input.value;
      var url = new URL(global.location.href);
      url.searchParams.set("q", query);
      [fromBox, toBox, sortBox].forEach(function (box) {
        if (box && box.value && !(box === sortBox && box.value === "relevance")) url.searchParams.set(box.name, box.value);
        else if (box) url.searchParams.delete(box.name);
      });
      try { global.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// may refuse */ }
      if (!query.trim()) { output.innerHTML = ""; facetBox.innerHTML = ""; status.textContent = ""; return; }
      run(query).then(function (found) {
        if (mine !== generation) return;
        var results = yearRange(found.results);
        return Promise.all(data.manifest.facets.map(function (f) { return load("facet-" + f + ".js"); })).then(function () {
          if (mine !== generation) return;
          Object.keys(chosen).forEach(function (key) {
            var cut = key.indexOf("\n"), list = (data.facets[key.slice(0, cut)] || {})[key.slice(cut + 1)] || [];
            var set = {};
            list.forEach(function (d) { set[d] = true; });
            results = results.filter(function (r) { return set[r[0]]; });
          });
          if (sortBox && sortBox.value === "date") results.sort(function (a, b) { return a[0] - b[0]; });
          showFacets(results);
          return showResults(results, found.parsed, mine);
        });
      }).catch(function (e) { status.textContent = "The search index could not be loaded (" + e.message + ")."; });
      showEntities(query);
    }

    function showFacets(results) {
      var inResults = {};
      results.forEach(function (r) { inResults[r[0]] = true; });
      var html = "";
      data.manifest.facets.forEach(function (facet) {
        var values = data.facets[facet] || {};
        var counts = Object.keys(values).map(function (v) {
          return [v, values[v].filter(function (d) { return inResults[d]; }).length];
        }).filter(function (c) { return c[1] > 0 || chosen[facet + "\n" + c[0]]; });
        if (!counts.length) return;
        counts.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
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
      return { type: "Type", collection: "Collection", subject: "Subject", language: "Language", entity: "Names" }[facet] || facet;
    }

    function valueLabel(facet, value) {
      if (facet === "collection") return data.manifest.collections[value] || value;
      if (facet === "entity" && data.entities) {
        var e = data.entities.find(function (x) { return x.href === "entities/" + value + "/index.html"; });
        return e ? e.name : value;
      }
      return value;
    }

    function showResults(results, parsed, mine) {
      status.textContent = results.length === 1 ? "1 document" : results.length + " documents";
      var shown = results.slice(0, 50);
      return Promise.all(shown.map(function (r) {
        return Promise.all([docRow(r[0]), textOf(r[0])]);
      })).then(function (rows) {
        if (mine !== generation) return;
        output.innerHTML = rows.map(function (pair) {
          var doc = pair[0], found = snippet(pair[1] || [], parsed, data.manifest.stemming);
          var href = root + doc.href;
          return "<li><a class=\"document-title\" href=\"" + escapeHtml(href) + "\">" + escapeHtml(doc.title) + "</a>" +
            "<span class=\"document-facts\">" + escapeHtml(doc.date || "Undated") + (doc.type ? " · " + escapeHtml(doc.type) : "") + "</span>" +
            (found ? "<a class=\"snippet\" href=\"" + escapeHtml(href + (found.anchor ? "#" + found.anchor : "")) + "\">" + found.html + "</a>" : "") +
            "</li>";
        }).join("");
      });
    }

    function showEntities(query) {
      var box = document.getElementById("search-entities");
      if (!box) return;
      var wanted = fold(query.trim());
      if (wanted.length < 2) { box.innerHTML = ""; return; }
      load("entities.js").then(function () {
        var hits = data.entities.filter(function (e) {
          return [e.name].concat(e.aliases).some(function (n) {
            return fold(n).split(/\s+/).some(function (part) { return part.indexOf(wanted) === 0; }) || fold(n).indexOf(wanted) === 0;
          });
        }).slice(0, 5);
        box.innerHTML = hits.map(function (e) {
          return "<li><a href=\"" + escapeHtml(root + e.href) + "\">" + escapeHtml(e.name) + "</a> <span class=\"count\">" +
            e.documents + " document" + (e.documents === 1 ? "" : "s") + "</span></li>";
        }).join("");
      });
    }

    var timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(update, 120); }
    input.addEventListener("input", later);
    [sortBox, fromBox, toBox].forEach(function (el) { if (el) el.addEventListener("change", update); });
    facetBox.addEventListener("change", function (event) {
      var facet = event.target.getAttribute("data-facet");
      if (!facet) return;
      var key = facet + "\n" + event.target.getAttribute("data-value");
      if (event.target.checked) chosen[key] = true; else delete chosen[key];
      update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    load("manifest.js").then(function () {
      document.documentElement.classList.add("search-ready");
      if (input.value) update();
    });
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
