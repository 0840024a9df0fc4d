// Repairs to Zensical's search dialog, loaded on sites Zensical builds (zensical_site.py).
// The dialog lives in a shadow root, out of reach of assets/site.css: its result paths and
// the heading of its tag filters are drawn in grey at 3.4:1 and 2.4:1 against white (WCAG
// 2.1 asks 4.5:1), its search field shows no focus but the caret, and its scrolling list
// of results cannot be reached with Tab. On a narrow screen (a phone, or a desktop zoomed to 400 %) its search button gives way to a
// magnifier that is a <label>, out of the keyboard's reach: a button takes its place.
// Its words are English in every language (placeholder, labels, the count of results, the
// filters' headings and hint): they take the page language's words, which the generator
// writes into <meta name="tx-search-dialog"> (Preact leaves alone what it did not change).
// Without this file search still works.
(function () {
  "use strict";

  var WORDS = (function () {
    var meta = document.querySelector("meta[name='tx-search-dialog']");
    try { return meta ? JSON.parse(meta.content) : null; } catch (e) { return null; }
  })();
  var COUNT = /^(\d+) results?$/;

  function say(node, text) {  // a text node's words, changed in place for Preact's sake
    if (node && node.nodeType === 3 && text && node.data !== text) node.data = text;
  }

  function translate(root) {
    if (!WORDS) return;
    Array.prototype.forEach.call(root.querySelectorAll("[aria-label], [placeholder]"), function (el) {
      ["aria-label", "placeholder"].forEach(function (name) {
        var words = WORDS[el.getAttribute(name)];
        if (words && typeof words === "string") el.setAttribute(name, words);
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll("[id$='-filters'] h3, [id$='-filters'] h4"), function (el) {
      say(el.firstChild, WORDS[el.textContent]);
    });
    say((root.querySelector("[id$='-filters'] [id$='-hint']") || {}).firstChild, WORDS.hint);
    var status = root.querySelector("dialog [role=status]");
    var text = status && status.firstChild;
    if (text && text.nodeType === 3) {
      var count = COUNT.exec(text.data);
      say(text, count ? WORDS.results.replace("#", count[1]) : WORDS[text.data]);
    }
  }

  var GREY = "rgb(var(--color-foreground, 0 0 0) / .7)";  // 8:1 on white
  var STYLE = "menu[id$='-path'] { color: " + GREY + "; }"
    + " [id$='-filters'] h4 { opacity: 1; color: " + GREY + "; }"
    + " dialog input:focus { box-shadow: inset 0 -2px 0 var(--color-highlight, #526cfe); }";

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
    translate(root);
  }

  function watch(host) {
    if (!host.shadowRoot || host.txWatched) return;
    host.txWatched = true;
    repair(host.shadowRoot);
    new MutationObserver(function () { repair(host.shadowRoot); })
      .observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
  }

  // The magnifier: a real button takes the label's place (as assets/site.js does for
  // the menu's), and clicks it; the label stays for readers without this file.
  var magnifier = document.querySelector(".md-header label[for='__search']");
  if (magnifier) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = magnifier.className + " tx-search-button";
    button.innerHTML = magnifier.innerHTML;  // the theme's icon and its hidden name
    button.addEventListener("click", function () { magnifier.click(); });
    magnifier.parentNode.insertBefore(button, magnifier);
    magnifier.classList.add("tx-search-label");
    var css = document.createElement("style");
    css.textContent = ".md-header .tx-search-label { display: none; }"
      + " @media screen and (min-width: 60em) { .md-header .tx-search-button { display: none; } }"
      + " [dir=rtl] .md-header .tx-search-button svg { transform: scaleX(-1); }";
    document.head.appendChild(css);
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
