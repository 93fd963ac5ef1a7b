// A large export's page: when the poll finds the file ready, the fragment
// carries the download link marked data-start-download; follow it once, so
// the leader's one click on the dashboard ends with the file (issue 17,
// item 5). A file of its own: the Content-Security-Policy allows no inline
// script.
(function () {
  "use strict";
  function start() {
    var link = document.querySelector("a[data-start-download]");
    if (link && !link.hasAttribute("data-started")) {
      link.setAttribute("data-started", "");
      link.click();
    }
  }
  document.addEventListener("htmx:afterSettle", start);
})();
