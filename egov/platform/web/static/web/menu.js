// The phone menu: a button shows or hides the links (no inline script, CSP-safe).
(function () {
  "use strict";
  function setUp() {
    var button = document.getElementById("menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!button || !nav) { return; }
    button.hidden = false;
    nav.classList.add("collapsible");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("open", !open);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
