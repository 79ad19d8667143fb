// The time brush (templates/timeline/_brush.html): drag across the chart's bars (mouse, touch, pen), or
// move along them with the arrow keys and extend with Shift + arrows, then Enter, to set the form's From and
// To; the form then updates the page through htmx like any other filter. Without this script every bar is
// still a link to its own period. No inline script or style: the page's Content-Security-Policy stays strict.
(function () {
  "use strict";

  var BAR_WIDTH = 10; // user units per bar in the SVG (timeline/brush.py)
  var drag = null; // {figure, anchor, current, startX, moved}
  var swallowClick = false;

  function figureOf(node) {
    return node && node.closest ? node.closest("[data-brush]") : null;
  }

  function barsOf(figure) {
    return Array.prototype.slice.call(figure.querySelectorAll("svg a[data-from]"));
  }

  function barAt(figure, clientX) {
    var box = figure.querySelector("svg").getBoundingClientRect();
    var count = barsOf(figure).length;
    var position = Math.floor(((clientX - box.left) / box.width) * count);
    return Math.max(0, Math.min(count - 1, position));
  }

  function selectionRect(figure) {
    var svg = figure.querySelector("svg");
    var rect = svg.querySelector("rect.brush-selection");
    if (!rect) {
      rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("class", "brush-selection");
      rect.setAttribute("y", "0");
      rect.setAttribute("height", "62");
      svg.insertBefore(rect, svg.firstChild);
    }
    return rect;
  }

  function show(figure, anchor, current) {
    var low = Math.min(anchor, current);
    var high = Math.max(anchor, current);
    var rect = selectionRect(figure);
    rect.setAttribute("x", String(low * BAR_WIDTH));
    rect.setAttribute("width", String((high - low + 1) * BAR_WIDTH));
    figure.classList.add("brushing");
    var bars = barsOf(figure);
    var status = figure.querySelector(".brush-status");
    if (status) {
      status.textContent = (figure.dataset.selectedText || "%(from)s – %(to)s")
        .replace("%(from)s", bars[low].dataset.label)
        .replace("%(to)s", bars[high].dataset.label);
    }
  }

  function clear(figure) {
    var rect = figure.querySelector("rect.brush-selection");
    if (rect) rect.remove();
    figure.classList.remove("brushing");
    delete figure.dataset.anchor;
    var status = figure.querySelector(".brush-status");
    if (status) status.textContent = "";
  }

  // Fill From and To with the first day of the first bar and the last day of the last, then let the form
  // do what it does on any change (htmx request, or a plain GET when htmx is missing).
  function apply(figure, anchor, current) {
    var bars = barsOf(figure);
    var from = document.getElementById("from");
    var to = document.getElementById("to");
    if (!from || !to) return;
    from.value = bars[Math.min(anchor, current)].dataset.from;
    to.value = bars[Math.max(anchor, current)].dataset.to;
    if (window.htmx) {
      to.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (to.form) {
      to.form.submit();
    }
  }

  // Only one bar in the tab order: the arrow keys move between them (a roving tab stop).
  function prepare(root) {
    var figures = root.querySelectorAll ? root.querySelectorAll("[data-brush]") : [];
    if (root.matches && root.matches("[data-brush]")) figures = [root];
    Array.prototype.forEach.call(figures, function (figure) {
      barsOf(figure).forEach(function (bar, position, bars) {
        bar.setAttribute("tabindex", position === bars.length - 1 ? "0" : "-1");
      });
    });
  }

  document.addEventListener("pointerdown", function (event) {
    var figure = figureOf(event.target);
    if (!figure || event.button !== 0 || !event.target.closest("svg")) return;
    var position = barAt(figure, event.clientX);
    drag = { figure: figure, anchor: position, current: position, startX: event.clientX, moved: false };
  });

  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var position = barAt(drag.figure, event.clientX);
    if (Math.abs(event.clientX - drag.startX) > 4) drag.moved = true;
    if (drag.moved) {
      drag.current = position;
      show(drag.figure, drag.anchor, drag.current);
      event.preventDefault();
    }
  });

  function endDrag() {
    if (!drag) return;
    var done = drag;
    drag = null;
    if (done.moved && done.current !== done.anchor) {
      swallowClick = true; // the click that ends a drag is not a click on a bar
      window.setTimeout(function () { swallowClick = false; }, 0);
      apply(done.figure, done.anchor, done.current);
    } else if (done.moved) {
      clear(done.figure);
    }
  }

  document.addEventListener("pointerup", endDrag);
  document.addEventListener("pointercancel", function () {
    if (drag) clear(drag.figure);
    drag = null;
  });

  document.addEventListener("click", function (event) {
    if (swallowClick && figureOf(event.target)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  // Links are draggable by default; a drag on the chart selects a period instead.
  document.addEventListener("dragstart", function (event) {
    if (figureOf(event.target)) event.preventDefault();
  });

  document.addEventListener("keydown", function (event) {
    var bar = event.target.closest ? event.target.closest("[data-brush] svg a[data-from]") : null;
    if (!bar) return;
    var figure = figureOf(bar);
    var bars = barsOf(figure);
    var position = bars.indexOf(bar);
    var next = position;
    if (event.key === "ArrowRight" || event.key === "ArrowUp") next = Math.min(bars.length - 1, position + 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowDown") next = Math.max(0, position - 1);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = bars.length - 1;
    else if (event.key === "Escape") { clear(figure); return; }
    else if (event.key === "Enter" && figure.dataset.anchor !== undefined) {
      var anchor = Number(figure.dataset.anchor);
      if (anchor !== position) {
        event.preventDefault();
        event.stopPropagation();
        apply(figure, anchor, position);
      }
      return;
    } else return;
    event.preventDefault();
    if (event.shiftKey) {
      if (figure.dataset.anchor === undefined) figure.dataset.anchor = String(position);
      show(figure, Number(figure.dataset.anchor), next);
    } else {
      clear(figure);
    }
    bar.setAttribute("tabindex", "-1");
    bars[next].setAttribute("tabindex", "0");
    bars[next].focus();
  }, true);

  document.addEventListener("htmx:load", function (event) { prepare(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  } else {
    prepare(document);
  }
})();
