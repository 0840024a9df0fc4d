// Progressive enhancement only: every page works without this file. One file, loaded after
// the theme's script on every page with either engine (one request, not one per part):
// copy buttons, the country tracker's loader, and keyboard repairs for the theme's header.
// Copy buttons: every element marked data-tx-copy (citations, letters, permanent links) gets
// a button that copies its text, and every section heading of a concern page gets one that
// copies the section's permanent link. Each button reports "Copied" in a live region next
// to it, which screen readers announce. A citation's access date becomes the reader's day,
// and the days left to sign are counted from it.
(function () {
  "use strict";

  // fn(element) for each element `selector` finds.
  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function fallbackCopy(text) {
    // For browsers without the asynchronous clipboard (or pages not served securely).
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "tx-offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Button words in the page's language: the templates print them on [data-tx-labels].
  var labels = document.querySelector("[data-tx-labels]");
  function word(name, fallback) {
    return (labels && labels.getAttribute("data-" + name)) || fallback;
  }

  function makeButton(label, container, getText, source) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tx-copy";
    button.textContent = label;
    var status = document.createElement("span");
    status.className = "tx-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      status.textContent = "";
      copy(getText()).then(
        function () {
          status.textContent = word("copied", "Copied");
          button.focus();
        },
        function () {
          if (source) {
            select(source);
          }
          // Every page with copy buttons prints the sentence in its own language.
          status.textContent = word("failed", "Could not copy.");
        }
      );
    });
    container.appendChild(button);
    container.appendChild(status);
  }

  function addTextButtons() {
    each("[data-tx-copy]", function (target) {
      var inline = window.getComputedStyle(target).display === "inline";
      var row = document.createElement(inline ? "span" : "div");
      row.className = "tx-copy-row";
      target.insertAdjacentElement("afterend", row);
      makeButton(target.getAttribute("data-tx-copy"), row, function () {
        return target.textContent.trim();
      }, target);
      // Several alike on a page (the letters): each button named by what it copies.
      var about = target.getAttribute("data-tx-copy-about");
      if (about) {
        row.querySelector("button").setAttribute(
          "aria-label", target.getAttribute("data-tx-copy") + ": " + about
        );
      }
    });
  }

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : window.location.href).split("#")[0];
  }

  function addSectionButtons() {
    if (!document.querySelector("[data-tx-deeplinks]")) {
      return;
    }
    each(".md-content h2[id]", function (heading) {
      var row = document.createElement("span");
      row.className = "tx-copy-row tx-copy-row--heading";
      heading.appendChild(row);
      makeButton(word("copy-link", "Copy link"), row, function () {
        return pageAddress() + "#" + heading.id;
      }, null);
    });
  }

  // The date by the reader's clock, YYYY-MM-DD: in their own time zone, or in `zone`
  // (where the treaty is signed, whose day decides when signature closes).
  function isoToday(zone) {
    var day = {};
    new Intl.DateTimeFormat("en", { timeZone: zone || undefined, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).forEach(function (part) { day[part.type] = part.value; });
    return day.year + "-" + day.month + "-" + day.day;
  }

  // A citation gives the day its reader read the page; the page was built on an earlier
  // day when the reader's clock has moved on. Only then does the date change: the page's
  // own wording of a date stays where it is right.
  function readersDay() {
    var now = new Date();
    var iso;
    var lang = document.documentElement.lang || "en";
    try {
      iso = isoToday();
    } catch (e) {
      return; // a browser without Intl keeps the build's date
    }
    each("time[data-tx-accessed]", function (time) {
      var built = time.getAttribute("datetime");
      if (!built || built >= iso) {
        return;
      }
      var text;
      try {
        // "7 May 2031" as the English pages write dates; Latin digits as the pages use.
        text = new Intl.DateTimeFormat((lang === "en" ? "en-GB" : lang) + "-u-nu-latn", {
          day: "numeric", month: "long", year: "numeric"
        }).format(now);
      } catch (e) {
        return;
      }
      time.setAttribute("datetime", iso);
      time.textContent = text;
      each(".tx-cite__bibtex code", function (code) {
        code.textContent = code.textContent.replace("urldate = {" + built + "}", "urldate = {" + iso + "}");
      });
    });
  }

  // "Signature closes in 12 days" was counted on the day the page was built; counted
  // again on the reader's day, it stays true on a page read later (from a cache, or
  // before the next rebuild). Each language's plural forms come with the sentence.
  function countdown() {
    if (!window.Intl || !Intl.PluralRules) return; // an old browser keeps the build's count
    var lang = document.documentElement.lang || "en";
    each("[data-tx-closes]", function (el) {
      var today;
      try {
        today = isoToday(el.getAttribute("data-tz"));
      } catch (e) {
        return; // a browser without that time zone keeps the build's count
      }
      if (today <= el.getAttribute("data-built")) return;
      // Both dates are midnight UTC to Date.parse: a whole number of days apart.
      var days = (Date.parse(el.getAttribute("data-tx-closes")) - Date.parse(today)) / 864e5;
      var form = days < 0 ? "closed" : days ? "count-" + new Intl.PluralRules(lang).select(days) : "today";
      var text = el.getAttribute("data-" + form) || el.getAttribute("data-count-other");
      el.textContent = text.replace("{count}", days);
    });
  }

  // The engine's "#" after each heading is named by its text alone; its title says what
  // it is, which a screen reader reads only as its name.
  function nameSectionLinks() {
    each("a.headerlink[title]", function (link) {
      if (!link.hasAttribute("aria-label")) link.setAttribute("aria-label", link.title);
    });
  }

  readersDay();
  addTextButtons();
  addSectionButtons();
  nameSectionLinks();
  countdown();
})();

// The country tracker's enhancements (assets/countries.js) load only on the pages that have
// its table or its picker, not on every page a reader opens.
(function () {
  "use strict";

  var me = document.currentScript;
  if (!me || !document.querySelector("[data-tx-table-tools], [data-tx-picker]")) {
    return;
  }
  var script = document.createElement("script");
  script.src = new URL("countries.js", me.src).href;
  document.body.appendChild(script);
})();

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
