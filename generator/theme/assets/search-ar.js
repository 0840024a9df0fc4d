// Search in Arabic, loaded only on Arabic pages, after theme-setup.js and before the
// theme's bundle. Arabic writes the article, and "and", "with", "for" before it, as part
// of the word: "الصحفيين", "والصحفيين", "للصحفيين". The theme's search matches the start
// of each word (it stems no language), so a reader who types "صحفيين" would not find
// "الصحفيين", nor one who types "بالتشفير" find "التشفير". Each Arabic word of a query is
// looked for as typed, without those prefixes, and with the article; the search box
// still shows what the reader typed. Without this file, search works as the theme made it.
// (Turning on lunr's Arabic stemmer does not help: the theme's queries end in "*", and
// lunr does not stem a query with a wildcard, so stemmed pages stop matching at all.)
(function () {
  "use strict";

  var Inner = window.Worker;
  if (typeof Inner !== "function") return;
  var SEARCH = /\/workers\/search\.[^/]*\.js(?:$|[?#])/;
  var WORD = /[\u0621-\u064a]{3,}/g;
  // و ف ب ك before the article, the article itself, or ل with the article's alef dropped.
  var PREFIX = /^(?:[\u0648\u0641\u0628\u0643]?\u0627\u0644|\u0644\u0644)(?=[\u0621-\u064a]{2})/;

  function forms(query) {
    return query.replace(WORD, function (word) {
      var core = word.replace(PREFIX, "");
      var all = [word, core, "\u0627\u0644" + core];
      return all.filter(function (form, i) { return all.indexOf(form) === i; }).join(" ");
    });
  }

  // Each result would list as "missing" the forms it was not found under, often the very
  // word the reader typed: the list says nothing true here, so it is not shown.
  var style = document.createElement("style");
  style.textContent = ".md-search-result__terms{display:none}";
  document.head.appendChild(style);

  // The theme's worker gets each query as { type: 2, data: "the words" }.
  window.Worker = function (url, options) {
    var worker = new Inner(url, options);
    if (!SEARCH.test(String(url))) return worker;
    var post = worker.postMessage;
    worker.postMessage = function (message, transfer) {
      if (message && message.type === 2 && typeof message.data === "string") {
        message = { type: 2, data: forms(message.data) };
      }
      return post.call(worker, message, transfer);
    };
    return worker;
  };
})();
