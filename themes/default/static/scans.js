/* The scans of the original as a viewer beside the transcription: one page at a time,
 * the page the reader is at in the text (or whose number they follow), zoomed and
 * panned by mouse, touch and keyboard. Without scripts every scan is on the page, in
 * order, each linked to its full-size master. Works from file:// as over http://:
 * nothing is fetched but the images. */
(function () {
  "use strict";
  /* The interface's words (static/interface.js). */
  function T(key, args) { var w = window.dossierInterface; return w ? w.t(key, args) : key; }
  var MIN = 1, MAX = 8, STEP = 1.25;

  function button(label, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var pane = document.querySelector(".scan-pane");
    if (!pane) return;
    var figures = Array.prototype.slice.call(pane.querySelectorAll("figure.scan"));
    if (!figures.length) return;
    var byPage = {};
    figures.forEach(function (figure, at) { byPage[figure.getAttribute("data-page")] = at; });

    var current = 0, scale = 1, x = 0, y = 0;
    var status = document.createElement("span");
    status.className = "scan-status";
    status.setAttribute("aria-live", "polite");
    var previous = button(T("scans.previous"), "‹", function () { show(current - 1, true); });
    var next = button(T("scans.next"), "›", function () { show(current + 1, true); });
    var tools = document.createElement("div");
    tools.className = "scan-tools";
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", T("scans.viewer"));
    tools.appendChild(previous);
    tools.appendChild(status);
    tools.appendChild(next);
    tools.appendChild(button(T("scans.zoom_out"), "−", function () { zoom(1 / STEP); }));
    tools.appendChild(button(T("scans.zoom_in"), "+", function () { zoom(STEP); }));
    tools.appendChild(button(T("scans.fit"), T("scans.fit_short"), function () { reset(); }));
    pane.querySelector(".scans").insertAdjacentElement("beforebegin", tools);
    pane.classList.add("scan-viewer");

    figures.forEach(function (figure) {
      var link = figure.querySelector(".scan-image");
      // The image is a place to zoom and pan, not a link: the caption links the master.
      var frame = document.createElement("div");
      frame.className = "scan-frame";
      frame.tabIndex = 0;
      frame.setAttribute("role", "img");
      frame.setAttribute("aria-label", (link.querySelector("img").alt || "Scan") +
        ": + and − zoom, arrow keys move, 0 fits");
      while (link.firstChild) frame.appendChild(link.firstChild);
      link.replaceWith(frame);
      listen(frame);
    });

    function image() { return figures[current].querySelector("img"); }

    function place() {
      var img = image();
      var frame = img.parentNode;
      // Keep some of the page in view whatever the pan.
      var limitX = frame.clientWidth * (scale - 1) / 2 + frame.clientWidth * 0.4;
      var limitY = frame.clientHeight * (scale - 1) / 2 + frame.clientHeight * 0.4;
      x = Math.max(-limitX, Math.min(limitX, x));
      y = Math.max(-limitY, Math.min(limitY, y));
      img.style.transform = scale === 1 && !x && !y ? "" :
        "translate(" + x + "px, " + y + "px) scale(" + scale + ")";
      frame.classList.toggle("zoomed", scale > 1);
    }

    function zoom(factor) {
      scale = Math.max(MIN, Math.min(MAX, scale * factor));
      if (scale === MIN) { x = 0; y = 0; }
      place();
    }

    function reset() { scale = 1; x = 0; y = 0; place(); }

    function show(at, focus) {
      if (at < 0 || at >= figures.length) return;
      if (at !== current) {
        image().style.transform = "";
        scale = 1; x = 0; y = 0;
      }
      current = at;
      figures.forEach(function (figure, i) { figure.hidden = i !== at; });
      var page = figures[at].getAttribute("data-page");
      status.textContent = T("scans.status", { page: page, at: at + 1, n: figures.length });
      previous.disabled = at === 0;
      next.disabled = at === figures.length - 1;
      pane.setAttribute("data-page", page);
      if (focus) figures[at].querySelector(".scan-frame").focus({ preventScroll: true });
    }

    function listen(frame) {
      frame.addEventListener("keydown", function (event) {
        var step = 60;
        switch (event.key) {
          case "+": case "=": zoom(STEP); break;
          case "-": case "_": zoom(1 / STEP); break;
          case "0": reset(); break;
          case "ArrowLeft": if (scale > 1) { x += step; place(); } else show(current - 1, true); break;
          case "ArrowRight": if (scale > 1) { x -= step; place(); } else show(current + 1, true); break;
          case "ArrowUp": if (scale > 1) { y += step; place(); } else return; break;
          case "ArrowDown": if (scale > 1) { y -= step; place(); } else return; break;
          case "PageUp": show(current - 1, true); break;
          case "PageDown": show(current + 1, true); break;
          default: return;
        }
        event.preventDefault();
      });
      frame.addEventListener("wheel", function (event) {
        // The wheel scrolls the page unless the reader asks to zoom (Ctrl, or a pinch
        // on a touchpad, which browsers report as Ctrl + wheel).
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        zoom(event.deltaY < 0 ? STEP : 1 / STEP);
      }, { passive: false });
      frame.addEventListener("dblclick", function () { if (scale > 1) reset(); else zoom(2); });
      // Dragging pans; two fingers pinch.
      var pointers = {}, spread = 0;
      function distance() {
        var p = Object.keys(pointers).map(function (k) { return pointers[k]; });
        return p.length < 2 ? 0 : Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      }
      frame.addEventListener("pointerdown", function (event) {
        pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
        spread = distance();
        frame.setPointerCapture(event.pointerId);
      });
      frame.addEventListener("pointermove", function (event) {
        var last = pointers[event.pointerId];
        if (!last) return;
        var now = { x: event.clientX, y: event.clientY };
        pointers[event.pointerId] = now;
        if (Object.keys(pointers).length > 1) {
          var d = distance();
          if (spread && d) zoom(d / spread);
          spread = d;
        } else if (scale > 1) {
          x += now.x - last.x;
          y += now.y - last.y;
          place();
        }
      });
      function up(event) { delete pointers[event.pointerId]; spread = distance(); }
      frame.addEventListener("pointerup", up);
      frame.addEventListener("pointercancel", up);
    }

    // The text leads: a page number followed, in the main text or in the original's
    // or a translation's (`original-page-44`), or scrolled past, shows its scan.
    function pageOf(marker) { return (marker.id || "").replace(/^.*?page-/, "").replace(/-\d+$/, ""); }
    document.querySelectorAll(".reading a.page-number, #text-body a.page-number").forEach(function (marker) {
      marker.addEventListener("click", function () {
        var page = pageOf(marker);
        if (page in byPage) show(byPage[page], false);
      });
    });
    var markers = Array.prototype.slice.call(document.querySelectorAll("#text-body a.page-number"));
    if ("IntersectionObserver" in window && markers.length) {
      var observer = new IntersectionObserver(function () {
        // The page the reader is in: the last marker above the middle of the window.
        var middle = window.innerHeight / 2, page = null;
        markers.forEach(function (marker) {
          if (marker.getBoundingClientRect().top < middle) page = pageOf(marker);
        });
        var at = page !== null && page in byPage ? byPage[page] : 0;
        if (at !== current) show(at, false);
      }, { rootMargin: "0px 0px -50% 0px" });
      markers.forEach(function (marker) { observer.observe(marker); });
    }

    var wanted = (location.hash || "").replace(/^#(scan|page)-/, "");
    show(wanted in byPage ? byPage[wanted] : 0, false);
  });
})();
