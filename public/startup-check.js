// Runs before the app, as a plain (not module) script, so that it runs where the app cannot: it
// says plainly why Headroom cannot start instead of leaving a blank page. Old syntax on purpose.
(function () {
  var box = document.getElementById('startup-message');
  if (!box) return;
  function show(reason) {
    // the app removes the box when it starts; an error after that is not a start-up failure
    if (box.parentNode) box.setAttribute('data-reason', reason);
  }
  var single = document.documentElement.getAttribute('data-edition') === 'single';
  // the hosted edition's module scripts and workers are separate files, which browsers do not load
  // for a page opened from a disk
  if (!single && location.protocol === 'file:') return show('file');
  var ok =
    typeof Worker === 'function' &&
    typeof Promise === 'function' &&
    typeof indexedDB === 'object' &&
    typeof Blob === 'function' &&
    typeof URL === 'function' &&
    typeof URL.createObjectURL === 'function' &&
    typeof MessageChannel === 'function' &&
    typeof structuredClone === 'function' &&
    typeof TextEncoder === 'function' &&
    'noModule' in document.createElement('script');
  if (!ok) return show('browser');
  window.addEventListener('error', function () {
    show('browser');
  });
})();
