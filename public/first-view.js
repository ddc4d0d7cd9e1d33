// A first visit's figures before the app's JavaScript has loaded: the build put the app's first view
// of the embedded sample in a <template> (scripts/vite/first-view.ts). It is shown only when the app
// is certain to open that very view: a profile that has never kept anything of Headroom's, the main
// window (not a projector's), and the same financial year ("this year" on screen). It cannot be
// used until the app replaces it with its own (src/ui/first-paint.ts). Old syntax on purpose.
(function () {
  var template = document.getElementById('first-view-template');
  var box = document.getElementById('startup-message');
  var app = document.getElementById('app');
  if (!template || !template.content || !app || !box || box.hasAttribute('data-reason')) return;
  if (/[?&]audience=/.test(location.search)) return;
  try {
    // any note of Headroom's (src/storage/local.ts, last-resort.ts, page-exit.ts): not a first visit
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key && key.indexOf('headroom-') === 0) return;
    }
  } catch (_blocked) {
    // storage blocked: the app works from memory, and may not open the sample as drawn
    return;
  }
  var now = new Date();
  var first = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  if (template.getAttribute('data-fy') !== first + '/' + ('0' + ((first + 1) % 100)).slice(-2)) return;

  var view = document.createElement('div');
  view.id = 'first-view';
  // a picture of the app until the app takes over: no clicks, no focus, and said to be loading
  view.setAttribute('inert', '');
  view.setAttribute('aria-busy', 'true');
  view.appendChild(document.importNode(template.content, true));
  app.parentNode.insertBefore(view, app.nextSibling);
  document.documentElement.setAttribute('data-first-view', '');
  // an app that cannot start shows why (public/startup-check.js), not a picture of itself
  function giveWay() {
    if (view.parentNode) view.parentNode.removeChild(view);
    document.documentElement.removeAttribute('data-first-view');
  }
  window.addEventListener('error', function () {
    if (document.getElementById('startup-message')) giveWay();
  });
  setTimeout(giveWay, 12000);
})();
