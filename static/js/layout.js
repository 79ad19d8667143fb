// Two things the server cannot do for the timeline page:
// - announce the new number of results after an htmx swap, in a live region that stays in the page
//   (a live region swapped in with the content is not announced by screen readers);
// - fold the filters into their "Filters (n)" panel on a narrow screen, and keep the panel as the reader
//   left it across swaps (the server renders it open, which is right without JavaScript).
(function () {
  "use strict";

  var NARROW = "(max-width: 52rem)"; // as static/css/phone.css
  var panelOpen = null; // the reader's choice, once made; null: the default for the screen

  function fold(root) {
    var panel = (root || document).querySelector ? (root || document).querySelector(".filters-panel") : null;
    if (!panel) return;
    var narrow = window.matchMedia(NARROW).matches;
    panel.open = panelOpen === null ? !narrow : panelOpen || !narrow;
    panel.addEventListener("toggle", function () {
      if (window.matchMedia(NARROW).matches) panelOpen = panel.open;
    });
  }

  document.documentElement.classList.add("js");

  document.addEventListener("htmx:afterSwap", function (event) {
    // Only a new view (the whole region swapped), not a page of "load more" cards.
    var target = event.detail && event.detail.target;
    var region = document.getElementById("timeline-region");
    if (!region || !target || target.id !== "timeline-region") return;
    fold(document);
    var summary = region.querySelector(".summary");
    var announcer = document.getElementById("results-announcer");
    if (summary && announcer) {
      var count = summary.cloneNode(true);
      var loading = count.querySelector(".htmx-indicator");
      if (loading) loading.remove();
      announcer.textContent = count.textContent.replace(/\s+/g, " ").trim();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fold(document); });
  } else {
    fold(document);
  }
})();
