// A <select data-autosubmit> sends its form when chosen (the language menu).
// A file instead of an onchange attribute: the Content-Security-Policy
// (issue 16) runs no inline event handler.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });
})();
