// The procedures kiosk (a file, not an inline script: Content-Security-Policy,
// issue 16). An unattended kiosk goes back to the start after two idle
// minutes, so the next citizen does not find the previous one's search; the
// on-screen keypad types into the search box; a filter applies when chosen.
(function () {
  "use strict";
  var home = document.body.dataset.home, timer;
  function reset() { clearTimeout(timer); timer = setTimeout(function () { location.href = home; }, 120000); }
  ["pointerdown", "keydown"].forEach(function (e) { document.addEventListener(e, reset); });
  reset();

  var input = document.getElementById("q");
  if (input) {
    document.querySelectorAll(".keypad button").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.dataset.action === "back") { input.value = input.value.slice(0, -1); }
        else if (b.dataset.action === "clear") { input.value = ""; }
        else { input.value += b.dataset.key.toLowerCase(); }
      });
    });
  }
  document.querySelectorAll(".filters select").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
})();
