// Moves the keyboard focus to a form's error summary when the page shows one,
// so a keyboard or screen-reader user lands on the list of what to fix
// (WCAG 2.2, 3.3.1). A file of its own: the Content-Security-Policy allows
// no inline script.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
