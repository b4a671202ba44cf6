/* A document's panes (its text, its original or translations, its scans): the reader
 * picks which to show, and the choice is kept for the next page; on a narrow screen
 * the panes are tabs. Texts side by side are aligned: paragraph by paragraph where
 * they have the same paragraphs, else at the page numbers of the original they share.
 * Without scripts every pane is on the page, one after the other. */
(function () {
  "use strict";
  /* The interface's words (static/interface.js). */
  function T(key, args) { var w = window.dossierInterface; return w ? w.t(key, args) : key; }
  var KEY = "dossier-hidden-panes";
  var WIDE = "(min-width: 64rem)";

  function hiddenKinds() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function keep(kinds) {
    try { localStorage.setItem(KEY, JSON.stringify(kinds)); } catch (e) { /* a browser that keeps nothing */ }
  }
  /* What a pane is, for the choice kept across pages: every document has a "main"
   * text, and "original", "scans" or a translation's language. */
  function kind(pane) { return pane.getAttribute("data-pane"); }
  function label(pane) {
    if (pane.hasAttribute("data-label")) return pane.getAttribute("data-label");
    var heading = pane.querySelector(".pane-heading, h3");
    return kind(pane) === "scans" ? "Scans" : (heading ? heading.textContent : kind(pane));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var reading = document.querySelector(".reading");
    if (!reading) return;
    var panes = Array.prototype.slice.call(reading.children).filter(function (child) {
      return child.hasAttribute("data-pane");
    });
    // A document with only its text and no pane markup has nothing to choose.
    if (panes.length < 2) return;
    var wide = window.matchMedia(WIDE);
    // What names each pane on a wide screen; a tab names it on a narrow one.
    var names = panes.map(function (pane) { return pane.getAttribute("aria-labelledby"); });

    var tools = document.createElement("fieldset");
    tools.className = "pane-tools";
    var legend = document.createElement("legend");
    legend.textContent = T("panes.show");
    tools.appendChild(legend);
    var boxes = panes.map(function (pane) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = hiddenKinds().indexOf(kind(pane)) < 0;
      var wrap = document.createElement("label");
      wrap.appendChild(box);
      wrap.appendChild(document.createTextNode(" " + label(pane)));
      tools.appendChild(wrap);
      box.addEventListener("change", function () {
        // At least one pane stays.
        if (!boxes.some(function (b) { return b.checked; })) box.checked = true;
        var hidden = hiddenKinds().filter(function (k) { return k !== kind(pane); });
        if (!box.checked) hidden.push(kind(pane));
        keep(hidden);
        layout();
      });
      return box;
    });
    if (!boxes.some(function (b) { return b.checked; })) boxes[0].checked = true;

    var tabs = document.createElement("div");
    tabs.className = "pane-tabs";
    tabs.setAttribute("role", "tablist");
    tabs.setAttribute("aria-label", T("panes.tabs"));
    var current = 0;
    var buttons = panes.map(function (pane, at) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      if (!pane.id) pane.id = "pane-" + kind(pane);
      tab.id = "tab-" + pane.id;
      tab.setAttribute("aria-controls", pane.id);
      tab.textContent = label(pane);
      tab.addEventListener("click", function () { current = at; layout(); tab.focus(); });
      tab.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        current = (current + step + panes.length) % panes.length;
        layout();
        buttons[current].focus();
      });
      tabs.appendChild(tab);
      return tab;
    });
    reading.insertAdjacentElement("beforebegin", tools);
    reading.insertAdjacentElement("beforebegin", tabs);

    function layout() {
      var tabbed = !wide.matches;
      tools.hidden = tabbed;
      tabs.hidden = !tabbed;
      reading.classList.toggle("tabbed", tabbed);
      panes.forEach(function (pane, at) {
        if (tabbed) {
          pane.hidden = at !== current;
          pane.setAttribute("role", "tabpanel");
          pane.setAttribute("aria-labelledby", buttons[at].id);
          buttons[at].setAttribute("aria-selected", String(at === current));
          buttons[at].tabIndex = at === current ? 0 : -1;
        } else {
          pane.hidden = !boxes[at].checked;
          pane.removeAttribute("role");
          if (names[at]) pane.setAttribute("aria-labelledby", names[at]);
          else pane.removeAttribute("aria-labelledby");
        }
      });
      align(tabbed);
    }

    /* The blocks of a text pane, in order: what aligns with the same block of another. */
    function blocks(pane) {
      var body = pane.querySelector("#text-body, .parallel-body");
      return body ? Array.prototype.slice.call(body.children) : [];
    }
    /* Where an element's text begins: a block's padding (what aligning gave it) is
     * above its text. */
    function top(element) {
      return element.getBoundingClientRect().top + (parseFloat(getComputedStyle(element).paddingTop) || 0);
    }
    function pageOf(marker) { return marker.id.replace(/^.*?page-/, "").replace(/-\d+$/, ""); }

    function align(tabbed) {
      var texts = panes.filter(function (pane) { return kind(pane) !== "scans"; });
      texts.forEach(function (pane) { blocks(pane).forEach(function (b) { b.style.paddingTop = ""; }); });
      var shown = texts.filter(function (pane) { return !pane.hidden; });
      if (tabbed || shown.length < 2) return;
      var lists = shown.map(blocks);
      var sameParagraphs = lists.every(function (list) { return list.length === lists[0].length; });
      var rows = [];
      if (sameParagraphs) {
        for (var i = 0; i < lists[0].length; i++) rows.push(lists.map(function (list) { return list[i]; }));
      } else {
        // The page numbers every shown text marks, in the first text's order.
        var markers = shown.map(function (pane) {
          var byPage = {};
          pane.querySelectorAll("a.page-number").forEach(function (m) {
            if (!(pageOf(m) in byPage)) byPage[pageOf(m)] = m;
          });
          return byPage;
        });
        Object.keys(markers[0]).forEach(function (page) {
          if (markers.every(function (m) { return page in m; })) {
            rows.push(markers.map(function (m) { return m[page]; }));
          }
        });
      }
      rows.forEach(function (row) {
        var lowest = Math.max.apply(null, row.map(top));
        row.forEach(function (element, at) {
          var gap = lowest - top(element);
          if (gap < 1) return;
          // The block holding the element moves down, and the element with it (by
          // padding: a margin would collapse into the block before).
          var block = lists[at].filter(function (b) { return b.contains(element); })[0];
          if (block) block.style.paddingTop = (parseFloat(getComputedStyle(block).paddingTop) + gap) + "px";
        });
      });
    }

    var waiting = null;
    window.addEventListener("resize", function () {
      clearTimeout(waiting);
      waiting = setTimeout(layout, 150);
    });
    if (wide.addEventListener) wide.addEventListener("change", layout);
    layout();
    // Fonts and images change heights after the first layout.
    window.addEventListener("load", function () { align(!wide.matches); });
  });
})();
