// Wagtail's date, time and date-time widgets call init…Chooser(id, config) from an
// inline <script>, which the platform's Content-Security-Policy refuses
// (egov/settings.py). The portal's copies of those widget templates
// (templates/wagtailadmin/widgets/) leave the call as data on a hidden marker;
// this file makes it, for the markers in the page and for those a dialog or a
// panel adds later.
(function () {
  'use strict';
  var started = new WeakSet();

  function start(marker) {
    if (started.has(marker)) return;
    var init = window[marker.dataset.egovChooser];
    if (typeof init !== 'function') return;
    started.add(marker);
    init(marker.dataset.egovFor, JSON.parse(marker.dataset.egovConfig));
  }

  // The image chooser (portal/pages/widgets.py): `new ImageChooser(id, options)`.
  function construct(marker) {
    if (started.has(marker)) return;
    var Chooser = window[marker.dataset.egovConstruct];
    if (typeof Chooser !== 'function') return;
    started.add(marker);
    new Chooser(marker.dataset.egovFor, JSON.parse(marker.dataset.egovConfig));
  }

  function startAll(root) {
    root.querySelectorAll('[data-egov-chooser]').forEach(start);
    root.querySelectorAll('[data-egov-construct]').forEach(construct);
  }

  function watch() {
    startAll(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== Node.ELEMENT_NODE) return;
          if (node.matches('[data-egov-chooser]')) start(node);
          if (node.matches('[data-egov-construct]')) construct(node);
          startAll(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watch);
  } else {
    watch();
  }
})();
