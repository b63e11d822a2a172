// Offline support, loaded as a classic script and written for old browsers (no modules, no arrow
// functions). Registers the service worker the build generates (sw.js, beside index.html) and,
// when a newer version has been installed in the background, offers "有新版本，点击更新".
//
// Update contract with the app: before the page reloads into the new version this script
// dispatches `qingdan:flush` on window, synchronously; the app writes any pending progress to
// localStorage in its listener. Only then is the new worker activated and the page reloaded.
(function () {
  'use strict';
  var proto = window.location.protocol;
  // Service workers need http(s) (and a secure context); the one-file version opened from
  // file:// has no use for one, and this script is left out of it anyway.
  if ((proto !== 'http:' && proto !== 'https:') || !('serviceWorker' in navigator)) return;
  var sw = navigator.serviceWorker;
  var reloading = false;
  var banner = null;
  var CHECK_EVERY_MS = 60 * 60 * 1000;
  var lastCheck = 0;

  function warn(what, err) {
    if (window.console && console.warn) console.warn('qingdan offline: ' + what, err);
  }

  function whenReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  // Pending progress first, then the switch: the new worker takes control, `controllerchange`
  // fires, and the page reloads into the new version.
  function applyUpdate(worker) {
    if (reloading) return;
    reloading = true;
    try {
      window.dispatchEvent(new Event('qingdan:flush'));
    } catch (err) {
      warn('flush failed', err);
    }
    if (banner) {
      var button = banner.querySelector('button');
      if (button) {
        button.disabled = true;
        button.textContent = '正在更新……';
      }
    }
    worker.postMessage({ type: 'qingdan:skip-waiting' });
    // Should the worker already be active (another tab applied it), reload anyway.
    setTimeout(function () { window.location.reload(); }, 10000);
  }

  function showUpdate(worker) {
    whenReady(function () {
      if (banner) {
        banner.worker = worker;
        return;
      }
      banner = document.createElement('div');
      banner.className = 'update-banner';
      banner.id = 'update-banner';
      banner.setAttribute('role', 'status');
      banner.setAttribute('aria-live', 'polite');
      banner.worker = worker;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'update-button';
      button.setAttribute('data-testid', 'update-button');
      button.textContent = '有新版本，点击更新';
      button.addEventListener('click', function () { applyUpdate(banner.worker); });
      banner.appendChild(button);
      document.body.appendChild(banner);
      // Room below the page's end, so the banner never hides its last lines.
      document.body.className += ' has-update-banner';
    });
  }

  // A worker that finished installing while an older one controls this page is an update.
  function watch(reg) {
    if (reg.waiting && sw.controller) showUpdate(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var installing = reg.installing;
      if (!installing) return;
      installing.addEventListener('statechange', function () {
        if (installing.state === 'installed' && sw.controller) showUpdate(installing);
      });
    });
  }

  function check(reg) {
    var now = Date.now();
    if (now - lastCheck < CHECK_EVERY_MS) return;
    lastCheck = now;
    reg.update().catch(function (err) { warn('update check failed (offline?)', err); });
  }

  sw.addEventListener('controllerchange', function () {
    // The first install also takes control (clients.claim): only reload when the user asked.
    if (reloading) window.location.reload();
  });

  // Register after load, so the worker's precache download does not compete with the app's own.
  window.addEventListener('load', function () {
    sw.register('sw.js', { scope: './', updateViaCache: 'none' }).then(function (reg) {
      lastCheck = Date.now();
      watch(reg);
      // A phone keeps the app open for days: look for a new version when it comes back to view.
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') check(reg);
      });
    }).catch(function (err) {
      warn('service worker registration failed', err);
    });
  });
})();
