// Keyboard repairs for the theme's header. On narrow screens the theme opens its menu
// with a <label> for a hidden checkbox, which a keyboard cannot reach: give it the
// role, name, state and keys of a button. Without this file every page still reads
// and every link works; only the phone menu needs it.
(function () {
  "use strict";

  function asButton(label, toggle, name, onKeyboardOpen) {
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
        // The theme clicks focused labels on Enter too; twice would toggle back.
        event.preventDefault();
        event.stopPropagation();
        label.click();
        if (toggle.checked) onKeyboardOpen();
      }
    });
  }

  function setUpDrawer() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header label[for='__drawer']");
    var drawer = document.querySelector(".md-sidebar--primary");
    var nav = document.querySelector(".md-nav--primary");
    if (!toggle || !button || !drawer || !nav) return;
    // Opened from the keyboard, focus moves into the drawer: the next stop in the
    // page's order would be the search field behind it.
    asButton(button, toggle, nav.getAttribute("aria-label") || "Navigation", function () {
      var first = drawer.querySelector("a[href]");
      if (first) first.focus();
    });
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

  // The search field itself is the keyboard's way in: focusing it opens the search.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }

  setUpDrawer();
  nameSearch();
})();
