// Repairs to Zensical's search dialog, loaded on sites Zensical builds (zensical_site.py).
// The dialog lives in a shadow root, out of reach of assets/site.css: its result paths are
// drawn in grey at 3.4:1 against white (WCAG 2.1 asks 4.5:1), and its scrolling list of
// results cannot be reached with Tab. Without this file search still works.
(function () {
  "use strict";

  var STYLE = "menu[id$='-path'] { color: rgb(var(--color-foreground, 0 0 0) / .7); }";

  function repair(root) {
    if (!root.querySelector("style[data-tx]")) {
      var style = document.createElement("style");
      style.setAttribute("data-tx", "");
      style.textContent = STYLE;
      root.appendChild(style);
    }
    var list = root.querySelector("dialog ol[role=listbox]");
    if (list && list.parentElement && list.parentElement.tabIndex < 0) {
      list.parentElement.tabIndex = 0;  // the scrolling region, reachable to scroll it
    }
  }

  function watch(host) {
    if (!host.shadowRoot || host.txWatched) return;
    host.txWatched = true;
    repair(host.shadowRoot);
    new MutationObserver(function () { repair(host.shadowRoot); })
      .observe(host.shadowRoot, { childList: true, subtree: true });
  }

  Array.prototype.forEach.call(document.body.children, watch);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      Array.prototype.forEach.call(change.addedNodes, function (node) {
        if (node.nodeType === 1) watch(node);
      });
    });
  }).observe(document.body, { childList: true });
})();
