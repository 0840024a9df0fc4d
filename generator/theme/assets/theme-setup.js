// What the theme's script needs before it runs, loaded just before it on every page (one
// file, one request): its storage helpers, which store nothing, then search on demand.

// The theme's storage helpers, without storage: a reader's visit leaves nothing behind.
(function () {
  var script = document.currentScript;
  window.__md_scope = new URL(script.getAttribute("data-scope") || ".", location);
  window.__md_hash = function (value) {
    return [].reduce.call(value, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function () { return null; };
  window.__md_set = function () {};
})();

// Search, loaded when a reader opens it. The theme starts its search worker and downloads
// the whole search index on every page view, which is half of what a page weighs and
// most readers never search. This file, run just before the theme's bundle, holds both
// back until the search box is opened or focused, or the page was opened from a search
// result; the theme then works as it always does. Without this file, nothing else changes.
// It also keeps the theme from fetching sitemap.xml on every page (see below).
// Both engines' themes are served: Material for MkDocs (index search/search_index.json,
// its worker started at once) and Zensical (index search.json; its worker, and its search
// dialog, made only once the index has arrived).
(function () {
  "use strict";

  var INDEX = /\/(?:search\/search_index|search)\.json(?:$|[?#])/;
  var SITEMAP = /\/sitemap\.xml(?:$|[?#])/;
  var WORKER = /\/workers\/search\.[^/]*\.js(?:$|[?#])/;
  var wanted = false;
  var waiting = [];

  function start() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function later(go) {
    if (wanted) go();
    else waiting.push(go);
  }

  // The theme fetches the index with XMLHttpRequest: let it prepare the request, and send
  // it once search is wanted.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.txSearchIndex = INDEX.test(String(url));
    this.txSitemap = SITEMAP.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    // The theme fetches "sitemap.xml" beside every <link rel="alternate"> to keep a reader
    // on the same page when switching languages through such a link. Our only one is the
    // feed's, which no link on the page points into, and the language menu already links
    // each page's own translation: the request (its sitemap lists every page) is never
    // needed, unless a campaign's theme adds language alternates (hreflang) to the page.
    if (request.txSitemap && !document.querySelector("link[rel=alternate][hreflang]")) return;
    if (!request.txSearchIndex) return send.apply(request, args);
    later(function () { send.apply(request, args); });
  };

  // The theme talks to its worker only by messages, and sends the first one when the index
  // has arrived: a stand-in that starts the real worker on that first message is enough.
  var RealWorker = window.Worker;
  if (typeof RealWorker !== "function" || typeof EventTarget !== "function") return;
  function OnDemandWorker(url, options) {
    // Once search is wanted there is nothing to hold back (Zensical starts it only then).
    if (wanted || !WORKER.test(String(url))) return new RealWorker(url, options);
    var target = new EventTarget();
    var worker = null;
    var relay = function (event) {
      target.dispatchEvent(new MessageEvent(event.type, { data: event.data }));
    };
    target.postMessage = function (message, transfer) {
      if (!worker) {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", relay);
        worker.addEventListener("messageerror", relay);
        worker.addEventListener("error", function () {
          target.dispatchEvent(new Event("error"));
        });
      }
      worker.postMessage(message, transfer);
    };
    target.terminate = function () {
      if (worker) worker.terminate();
    };
    return target;
  }
  window.Worker = OnDemandWorker;

  // What opens search: the toggle (a click, the "/" or "s" key, a ?q= link), focus in
  // Material's search box, or a click on Zensical's search button (which "/" clicks too).
  // Zensical draws its dialog only once the index has arrived, and remembers that it was
  // asked to open. A page opened from a search result (?h=words) needs the index to mark
  // the words.
  var toggle = document.querySelector("[data-md-toggle=search]");
  if (!toggle || toggle.checked || new URLSearchParams(location.search).get("h")) start();
  if (!toggle) return;
  toggle.addEventListener("change", function () { if (toggle.checked) start(); });
  document.addEventListener("focusin", function (event) {
    var query = event.target;
    if (query && query.matches && query.matches("[data-md-component=search-query]")) start();
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-md-component=search]")) start();
  }, true);
  // Zensical's dialog answers Ctrl+K (Cmd+K) once drawn; until then, its button does.
  document.addEventListener("keydown", function (event) {
    if (wanted || event.key !== "k" || !(event.ctrlKey || event.metaKey)) return;
    var button = document.querySelector(".md-search__button");
    if (!button) return;
    event.preventDefault();
    button.click();
  });
})();

// A result's page link carries the words to mark (?h=) only when the start of the page
// matched; when only its sections did, the link has none and the page opens unmarked.
// Give it the words its sections carry.
(function () {
  "use strict";

  var list = document.querySelector(".md-search-result__list");
  if (!list || typeof MutationObserver !== "function" || typeof URL !== "function") return;
  function fill() {
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__item"), function (item) {
      var links = item.querySelectorAll("a[href]");
      if (!links.length) return;
      var page = new URL(links[0].href);
      if (page.searchParams.get("h")) return;
      for (var i = 1; i < links.length; i++) {
        var words = new URL(links[i].href).searchParams.get("h");
        if (words) {
          page.searchParams.set("h", words);
          links[0].href = page.toString();
          return;
        }
      }
    });
  }
  new MutationObserver(fill).observe(list, { childList: true, subtree: true });
})();
