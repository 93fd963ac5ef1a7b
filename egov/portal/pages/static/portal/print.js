// "In / lưu bài viết": the browser's print dialog, which also saves as PDF
// (Decree 42/2022/NĐ-CP art. 7: print and save of each article). A file, not
// an inline handler, so the platform's Content-Security-Policy allows it; the
// button stays hidden without JavaScript, where it could do nothing.
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
