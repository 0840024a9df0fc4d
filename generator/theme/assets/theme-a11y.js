// Keyboard repairs for the theme's header. On narrow screens the theme opens its menu
// with a <label> for a hidden checkbox, which a keyboard cannot reach, and a label may
// not take the role of a button. So a real <button> takes its place, with its icon,
// name, state and keys; the label stays in the page for readers without this file,
// where a tap on it still opens the menu.
(function () {
  "use strict";

  function asButton(label, toggle, name, onKeyboardOpen) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " tx-menu-button";
    button.innerHTML = label.innerHTML; // the theme's icon
    button.setAttribute("aria-label", name);
    var drawer = document.querySelector(".md-sidebar--primary");
    if (drawer) {
      drawer.id = drawer.id || "tx-drawer";
      button.setAttribute("aria-controls", drawer.id);
    }
    label.parentNode.insertBefore(button, label);
    label.classList.add("tx-menu-label");
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    var keyboard = false;
    button.addEventListener("keydown", function (event) {
      keyboard = event.key === "Enter" || event.key === " ";
    });
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
      if (toggle.checked && keyboard) onKeyboardOpen();
      keyboard = false;
    });
    return button;
  }

  function setUpDrawer() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector(".md-header label[for='__drawer']");
    var drawer = document.querySelector(".md-sidebar--primary");
    var nav = document.querySelector(".md-nav--primary");
    if (!toggle || !label || !drawer || !nav) return;
    // Opened from the keyboard, focus moves into the drawer: the next stop in the
    // page's order would be the search field behind it.
    var button = asButton(label, toggle, nav.getAttribute("aria-label") || "Navigation", function () {
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

  // On a phone the theme fixes the page in place while its search is open, and frees it
  // only a moment after the search closes (100 ms, longer on a busy phone). A keyboard
  // that moves on within that moment focuses a link the page cannot scroll to, and the
  // link stays out of sight. So the page is freed as soon as focus lands elsewhere.
  function freePageOnFocus() {
    var search = document.getElementById("__search");
    if (!search) return;
    document.addEventListener("focusin", function (event) {
      var body = document.body;
      if (search.checked || !body.hasAttribute("data-md-scrolllock")) return;
      var y = -parseInt(body.style.top, 10) || 0;
      body.removeAttribute("data-md-scrolllock");
      body.style.top = ""; // the theme's own late release then finds nothing to undo
      window.scrollTo(0, y);
      // Where the page stood; then the focused element, if it is not in sight there (the
      // next stop after the search field is often above it), clear of the sticky header.
      var target = event.target;
      if (!target.getBoundingClientRect) return;
      var box = target.getBoundingClientRect();
      var header = document.querySelector(".md-header");
      var top = header ? header.getBoundingClientRect().bottom : 0;
      if (box.top < top || box.bottom > window.innerHeight) target.scrollIntoView({ block: "center" });
    });
  }

  setUpDrawer();
  nameSearch();
  freePageOnFocus();
})();
