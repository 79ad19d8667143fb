// The person type-ahead as an ARIA combobox (templates/timeline/timeline.html, person_suggestions.html):
// the box keeps the focus; Up/Down choose a suggestion (aria-activedescendant), Enter takes it, Escape
// closes the list; aria-expanded says whether suggestions are shown. htmx fetches the suggestions.
(function () {
  "use strict";

  function listOf(box) {
    return document.getElementById(box.getAttribute("aria-controls"));
  }

  function optionsOf(box) {
    var list = listOf(box);
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option]")) : [];
  }

  function activate(box, options, position) {
    options.forEach(function (option, n) {
      option.setAttribute("aria-selected", n === position ? "true" : "false");
      option.classList.toggle("active", n === position);
    });
    if (position >= 0) {
      box.setAttribute("aria-activedescendant", options[position].id);
      options[position].scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  function sync(box) {
    box.setAttribute("aria-expanded", optionsOf(box).length ? "true" : "false");
    box.removeAttribute("aria-activedescendant");
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[role=combobox]")) return;
    var options = optionsOf(box);
    var current = options.findIndex(function (option) { return option.id === box.getAttribute("aria-activedescendant"); });
    if (event.key === "ArrowDown" && options.length) {
      activate(box, options, (current + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      activate(box, options, current <= 0 ? options.length - 1 : current - 1);
    } else if (event.key === "Enter" && current >= 0) {
      options[current].click();
    } else if (event.key === "Escape" && options.length) {
      listOf(box).innerHTML = "";
      sync(box);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }, true);

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.id) return;
    var box = document.querySelector("input[role=combobox][aria-controls='" + target.id + "']");
    if (box) sync(box);
  });
})();
