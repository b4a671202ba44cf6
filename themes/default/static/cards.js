/* A card for each name in the text: who or what it is, shown while the pointer rests
 * on the name or the keyboard's focus is on it, hidden again by Escape (WCAG 1.4.13).
 * The cards are in the page as JSON (script#entity-cards: id -> [name, kind, note]),
 * or, from a theme of its own, as elements (div.entity-cards > #card-ID); without
 * scripts a name written otherwise than the registry writes it has a title with
 * that name, and every link leads to the entity's page. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var data = null;
    var json = document.getElementById("entity-cards");
    if (json) {
      try { data = JSON.parse(json.textContent); } catch (error) { data = null; }
    }
    if (!data && !document.querySelector(".entity-cards")) return;
    var shown = document.createElement("div");
    shown.className = "entity-card entity-card-shown";
    shown.id = "entity-card-shown";
    shown.setAttribute("role", "tooltip");
    shown.hidden = true;
    document.body.appendChild(shown);
    var owner = null;
    var hideTimer = 0;

    /* The card's content, made with text nodes only (a note is never markup). */
    function cardFor(link) {
      var match = /entities\/([^/]+)\/index\.html$/.exec(link.getAttribute("href") || "");
      if (!match) return null;
      var id = decodeURIComponent(match[1]);
      var content = document.createDocumentFragment();
      if (data) {
        var card = Object.prototype.hasOwnProperty.call(data, id) ? data[id] : null;
        if (!card) return null;
        var name = document.createElement("strong");
        name.textContent = card[0];
        var kind = document.createElement("span");
        kind.className = "entity-card-kind";
        kind.textContent = card[1];
        content.append(name, " ", kind);
        if (card[2]) {
          var note = document.createElement("span");
          note.className = "entity-card-note";
          note.textContent = card[2];
          content.append(note);
        }
        return content;
      }
      var element = document.getElementById("card-" + id);
      if (!element) return null;
      element.childNodes.forEach(function (node) { content.append(node.cloneNode(true)); });
      return content;
    }
    function show(link) {
      var card = cardFor(link);
      if (!card) return;
      clearTimeout(hideTimer);
      if (owner && owner !== link) owner.removeAttribute("aria-describedby");
      owner = link;
      shown.replaceChildren(card);
      shown.hidden = false;
      link.setAttribute("aria-describedby", shown.id);
      var box = link.getBoundingClientRect();
      var width = Math.min(shown.offsetWidth, document.documentElement.clientWidth - 16);
      var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
      shown.style.left = left + window.scrollX + "px";
      shown.style.top = box.bottom + window.scrollY + 6 + "px";
    }
    function hide() {
      shown.hidden = true;
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
    }
    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 300);
    }
    function entityLink(target) {
      return target && target.closest ? target.closest("a.entity") : null;
    }
    document.addEventListener("mouseover", function (event) {
      var link = entityLink(event.target);
      if (link) show(link);
      else if (shown.contains(event.target)) clearTimeout(hideTimer);
    });
    document.addEventListener("mouseout", function (event) {
      if (entityLink(event.target) || shown.contains(event.target)) hideSoon();
    });
    document.addEventListener("focusin", function (event) {
      var link = entityLink(event.target);
      if (link) show(link);
    });
    document.addEventListener("focusout", function (event) {
      if (entityLink(event.target)) hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !shown.hidden) hide();
    });
  });
})();
