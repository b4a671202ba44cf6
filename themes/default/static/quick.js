/* The search box in every page's header: typing shows the first results and the
 * names that begin so, beneath the box, with a link to all results on the search
 * page; Enter goes there (the form's own action, which works without this). The
 * search client (static/search.js) is loaded on the first keystroke, so a page
 * that is only read stays light. */
(function () {
  "use strict";
  // The interface's words (static/interface.js).
  function T(key, args) { var w = window.dossierInterface; return w ? w.t(key, args) : key; }
  var form = document.querySelector("form.search-box");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var root = form.getAttribute("data-root") || "";
  var panel = document.createElement("div");
  panel.className = "search-box-panel";
  panel.id = "search-box-panel";
  panel.hidden = true;
  panel.setAttribute("aria-live", "polite");
  form.appendChild(panel);
  input.setAttribute("aria-controls", panel.id);
  var client = null, opening = null, generation = 0, timer = null;

  function withClient(then) {
    if (client) return opening.then(then);
    var script = document.createElement("script");
    script.src = root + "static/search.js";
    opening = new Promise(function (ready) {
      script.onload = function () {
        client = window.dossierSearch;
        client.open(root + "search/").then(ready);
      };
    });
    document.head.appendChild(script);
    return opening.then(then);
  }

  function show() {
    var mine = ++generation, query = input.value;
    if (!query.trim()) { panel.hidden = true; panel.innerHTML = ""; return; }
    withClient(function () {
      return Promise.all([client.query(query), client.entityNames(query)]).then(function (found) {
        var results = found[0];
        return client.present(results.results, results.parsed, 0, 5).then(function (rows) {
          if (mine !== generation) return;
          var all = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
          var html = "";
          if (rows.length) {
            html += "<ul class=\"search-box-results\">" + rows.map(function (r) {
              return "<li><a href=\"" + client.escapeHtml(root + r.href + "?q=" + encodeURIComponent(query)) + "\">" +
                (r.label ? client.escapeHtml(r.label) + ". " : "") + client.escapeHtml(r.title) + "</a></li>";
            }).join("") + "</ul>";
          }
          if (found[1].length) {
            html += "<ul class=\"search-box-names\">" + found[1].map(function (e) {
              return "<li><a href=\"" + client.escapeHtml(root + e.href) + "\">" + client.escapeHtml(e.name) + "</a></li>";
            }).join("") + "</ul>";
          }
          var n = results.results.length;
          html += "<a class=\"search-box-all\" href=\"" + client.escapeHtml(all) + "\">" +
            client.escapeHtml(n ? T("search.all_results", { n: n }) : T("search.no_results")) + "</a>";
          panel.innerHTML = html;
          panel.hidden = false;
          panel.dataset.done = query;
        });
      });
    });
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 150); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) panel.hidden = true;
  });
})();
