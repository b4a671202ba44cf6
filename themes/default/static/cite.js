/* "Copy" buttons for citations: shown only where scripts run (the citation text is
 * selectable without them). */
(function () {
  "use strict";
  function copied(button) {
    var label = button.textContent;
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  document.addEventListener("DOMContentLoaded", function () {
    // A page number's "cite" link puts its page in the page citations.
    document.querySelectorAll("a.cite-page[data-page]").forEach(function (link) {
      link.addEventListener("click", function () {
        var page = link.getAttribute("data-page");
        document.querySelectorAll("#cite-page .page-slot").forEach(function (slot) { slot.textContent = page; });
        var heading = document.querySelector("#cite-page h3");
        if (heading) heading.textContent = "Cite page " + page + " of the original";
      });
    });
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
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
