/* Find in this text: on a document page, marks every word of a query in the text,
 * as search does (the same words, folded and stemmed by static/search.js, which is
 * loaded only when there is something to find, to keep the page light), and steps
 * through them. A page opened from a search result (`?q=…#p12`) marks that
 * search's words and starts at the passage the result showed. */
(function () {
  "use strict";
  var form = document.getElementById("find-form");
  var text = document.getElementById("text-body");
  if (!form || !text) return;
  var search = null;

  /* Runs `then` with the search client, loading it the first time (a script tag:
   * it works from file:// as over http://). */
  function withClient(then) {
    if (search) return then();
    var client = form.getAttribute("data-client");
    var script = document.createElement("script");
    script.src = client;
    // The text's stemmer (static/stemmers/).
    script.onload = function () {
      window.dossierSearch.loadStemmers(stemmer ? [stemmer] : [], client.replace(/search\.js$/, "stemmers/"))
        .then(function () { search = window.dossierSearch; then(); });
    };
    document.head.appendChild(script);
  }
  // The interface's words (static/interface.js).
  function T(key, args) { var w = window.dossierInterface; return w ? w.t(key, args) : key; }

  var input = form.querySelector("input[type=search]");
  var count = form.querySelector(".find-count");
  // The text's Snowball stemmer; none: words are matched whole.
  var stemmer = form.getAttribute("data-stemmer") || null;
  var hits = [];
  var at = -1;

  function clear() {
    text.querySelectorAll("mark.find-hit").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    hits = [];
    at = -1;
  }

  /* Marks the words of `query` in every text node of the transcription. */
  function mark(query) {
    clear();
    var parsed = search.parse(query + " ", stemmer);
    var wanted = parsed.words.concat(parsed.phrases.flat(), parsed.alternatives.flat());
    var begun = parsed.wildcards;
    if (!wanted.length && !begun.length) { count.textContent = ""; return; }
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var value = node.nodeValue, ranges = [];
      search.tokens(value).forEach(function (token) {
        var folded = search.fold(token[0]);
        var found = wanted.indexOf(search.term(token[0], stemmer)) >= 0 ||
          begun.some(function (b) { return folded.indexOf(b) === 0; });
        if (!found) return;
        search.markToken(ranges, token);
      });
      if (!ranges.length) return;
      var fragment = document.createDocumentFragment(), from = 0;
      ranges.forEach(function (r) {
        fragment.appendChild(document.createTextNode(value.slice(from, r[0])));
        var m = document.createElement("mark");
        m.className = "find-hit";
        m.textContent = value.slice(r[0], r[1]);
        fragment.appendChild(m);
        hits.push(m);
        from = r[1];
      });
      fragment.appendChild(document.createTextNode(value.slice(from)));
      node.parentNode.replaceChild(fragment, node);
    });
    count.textContent = hits.length ? T("find.matches", { n: hits.length }) : T("find.not_found");
  }

  function go(step) {
    if (!hits.length) return;
    if (at >= 0) hits[at].classList.remove("find-current");
    at = (at + step + hits.length) % hits.length;
    var hit = hits[at];
    hit.classList.add("find-current");
    hit.scrollIntoView({ block: "center" });
    count.textContent = T("find.position", { at: at + 1, n: hits.length });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    withClient(function () {
      mark(input.value);
      go(1);
    });
  });
  form.querySelector(".find-next").addEventListener("click", function () { go(1); });
  form.querySelector(".find-previous").addEventListener("click", function () { go(-1); });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) withClient(function () {
    input.value = query;
    mark(query);
    // Start at the passage the result showed.
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var first = target ? hits.findIndex(function (h) { return target.contains(h); }) : -1;
    if (first >= 0) {
      at = first - 1;
      go(1);
    } else if (hits.length) {
      go(1);
    }
  });
})();
