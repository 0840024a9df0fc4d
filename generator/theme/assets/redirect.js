// A moved concern's old address: carry the reader's #section over to the new address.
// The page's meta refresh does the redirect without JavaScript, but drops the #section.
(function () {
  "use strict";
  var target = document.currentScript && document.currentScript.getAttribute("data-target");
  if (target) {
    window.location.replace(target + window.location.hash);
  }
})();
