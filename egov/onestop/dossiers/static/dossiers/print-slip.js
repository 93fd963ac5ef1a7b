// "Lưu và in phiếu" (issue 17 item 7): the dossier's page, reached right
// after the reception form was saved, opens the slip's PDF in a new tab,
// where the browser's viewer prints it. A browser that blocks the new
// window leaves the link, which gets the focus. A file of its own: the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function openSlip() {
    var link = document.querySelector("a[data-print-slip]");
    if (!link) {
      return;
    }
    var opened = window.open(link.href, "_blank");
    if (opened) {
      opened.opener = null;
    } else {
      link.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openSlip);
  } else {
    openSlip();
  }
})();
