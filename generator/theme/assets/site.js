// Progressive enhancement only: every page works without this file.
// Copy buttons: every element marked data-tx-copy (citations, letters, permanent links) gets
// a button that copies its text, and every section heading of a concern page gets one that
// copies the section's permanent link. Each button reports "Copied" in a live region next
// to it, which screen readers announce. A citation's access date becomes the reader's day.
(function () {
  "use strict";

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
          status.textContent = word(
            "failed",
            "Could not copy: the text is selected, copy it with your keyboard."
          );
        }
      );
    });
    container.appendChild(button);
    container.appendChild(status);
  }

  function addTextButtons() {
    var targets = document.querySelectorAll("[data-tx-copy]");
    Array.prototype.forEach.call(targets, function (target) {
      var inline = window.getComputedStyle(target).display === "inline";
      var row = document.createElement(inline ? "span" : "div");
      row.className = "tx-copy-row";
      target.insertAdjacentElement("afterend", row);
      makeButton(target.getAttribute("data-tx-copy"), row, function () {
        return target.textContent.trim();
      }, target);
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
    var headings = document.querySelectorAll(".md-content h2[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      var row = document.createElement("span");
      row.className = "tx-copy-row tx-copy-row--heading";
      heading.appendChild(row);
      makeButton(word("copy-link", "Copy link"), row, function () {
        return pageAddress() + "#" + heading.id;
      }, null);
    });
  }

  // A citation gives the day its reader read the page; the page was built on an earlier
  // day when the reader's clock has moved on. Only then does the date change: the page's
  // own wording of a date stays where it is right.
  function readersDay() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    var lang = document.documentElement.lang || "en";
    Array.prototype.forEach.call(document.querySelectorAll("time[data-tx-accessed]"), function (time) {
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
      Array.prototype.forEach.call(document.querySelectorAll(".tx-cite__bibtex code"), function (code) {
        code.textContent = code.textContent.replace("urldate = {" + built + "}", "urldate = {" + iso + "}");
      });
    });
  }

  readersDay();
  addTextButtons();
  addSectionButtons();
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
