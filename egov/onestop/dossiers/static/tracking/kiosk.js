// The tracking kiosk: back to an empty form after the idle time, so the next
// citizen does not see the previous one's dossier. A file, not an inline
// script, for the Content-Security-Policy (issue 16); the idle time and the
// start page come from the body's data attributes.
(function () {
  "use strict";
  var body = document.body;
  var idle = Number(body.dataset.idleSeconds) * 1000, home = body.dataset.home, timer;
  function reset() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (location.pathname + location.search !== home) { location.replace(home); }
      else { var box = document.getElementById("id_ma"); if (box) { box.value = ""; box.focus(); } }
    }, idle);
  }
  ["click", "keydown", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, reset, true);
  });
  var box = document.getElementById("id_ma");
  if (box && !box.value) { box.focus(); }
  reset();
}());
