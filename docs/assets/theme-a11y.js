// Keyboard repairs for the theme's header. The theme opens its menu and its search
// with <label>s for hidden checkboxes, which a keyboard cannot reach: give them the
// role, name, state and keys of a button. Without this file every page still reads
// and every link works; only the menu and search need it, and search needs script anyway.
(function () {
  "use strict";

  function asButton(label, toggle, name) {
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    var sync = function () {
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    label.addEventListener("click", function () { setTimeout(sync, 0); });
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  }

  function setUpDrawer() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header label[for='__drawer']");
    var drawer = document.querySelector(".md-sidebar--primary");
    var nav = document.querySelector(".md-nav--primary");
    if (!toggle || !button || !drawer || !nav) return;
    asButton(button, toggle, nav.getAttribute("aria-label") || "Navigation");
    var close = function (refocus) {
      if (!toggle.checked) return;
      button.click();
      if (refocus) button.focus();
    };
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(drawer.contains(document.activeElement));
    });
    // The open drawer covers the page: close it once focus moves on, so that the
    // focused element is never hidden behind it.
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && next !== button && !drawer.contains(next)) close(false);
    });
  }

  function setUpSearch() {
    var toggle = document.getElementById("__search");
    var button = document.querySelector(".md-header label[for='__search']");
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !button || !dialog || !input) return;
    var name = input.getAttribute("aria-label") || "Search";
    dialog.setAttribute("aria-label", name);
    asButton(button, toggle, name);
  }

  setUpDrawer();
  setUpSearch();
})();
