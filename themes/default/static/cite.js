/* "Copy" buttons for citations, made here: without scripts the citation text is
 * there to select, and a button that could do nothing would be noise. A theme's own buttons (button[data-copy]) are used as they are. */
(function () {
  "use strict";
  // The interface's words (static/interface.js).
  function T(key, args) { var w = window.dossierInterface; return w ? w.t(key, args) : key; }
  function copied(button) {
    var label = button.textContent;
    button.textContent = T("cite.copied");
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  document.addEventListener("DOMContentLoaded", function () {
    // A page number's "cite" link puts its page in the page citations.
    document.querySelectorAll("a.cite-page[data-page]").forEach(function (link) {
      link.addEventListener("click", function () {
        var page = link.getAttribute("data-page");
        document.querySelectorAll("#cite-page .page-slot").forEach(function (slot) { slot.textContent = page; });
        var heading = document.querySelector("#cite-page h3");
        if (heading) heading.textContent = T("cite.cite_page", { page: page });
      });
    });
    var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-copy]"));
    var given = {};
    buttons.forEach(function (button) { given[button.getAttribute("data-copy")] = true; });
    document.querySelectorAll(".cite .citation-text[id]").forEach(function (text) {
      if (given[text.id]) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.setAttribute("data-copy", text.id);
      button.textContent = T("cite.copy");
      text.insertAdjacentElement("afterend", button);
      buttons.push(button);
    });
    buttons.forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = target.textContent;
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { copied(button); }, function () { select(target); });
        } else {
          select(target);
        }
      });
    });
  });
  /* Where the clipboard is refused (file:// in some browsers), the text is selected
   * for the reader to copy. */
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
