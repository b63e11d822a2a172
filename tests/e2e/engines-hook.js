// Test-only page hook for the cross-engine journeys (tests/e2e/engines.mjs). It runs in the page
// before the app where the engine allows (an init script in Chromium and Firefox; a same-origin
// <script src> that the test server adds to the HTML pages for WebKit, which CSP 'self' allows),
// or right after load (WebKit on file://). WebDriver classic has no console channel, so the page
// itself records what would fail a test: uncaught errors, unhandled rejections, resources that
// failed to load, Content-Security-Policy violations and console.error calls. It also captures
// downloads (a blob URL clicked through <a download>) instead of saving them, so a test can read
// the exported file in any engine. Plain ES5-style script: it must run before anything else.
(function () {
  'use strict';
  if (window.__e2e) return;
  var problems = [];
  var downloads = [];
  var blobs = {};
  window.__e2e = {
    problems: problems,
    downloads: downloads,
    // false when the hook came after the page had loaded (earlier errors were not observed).
    early: document.readyState === 'loading',
  };
  function text(v) {
    if (v instanceof Error) return v.name + ': ' + v.message;
    if (typeof v === 'string') return v;
    try { return JSON.stringify(v); } catch (e) { return String(v); }
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.nodeType === 1) {
      problems.push('resource failed to load: <' + t.localName + '> ' + (t.src || t.href || ''));
    } else {
      problems.push('uncaught error: ' + (e.error ? text(e.error) : e.message) + ' at ' + e.filename + ':' + e.lineno);
    }
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    problems.push('unhandled rejection: ' + text(e.reason));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    problems.push('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  });
  var consoleError = console.error;
  console.error = function () {
    problems.push('console.error: ' + Array.prototype.map.call(arguments, text).join(' '));
    return consoleError.apply(console, arguments);
  };
  var createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (obj) {
    var url = createObjectURL.call(URL, obj);
    if (obj instanceof Blob) blobs[url] = obj;
    return url;
  };
  var click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    var blob = this.hasAttribute('download') ? blobs[this.href] : undefined;
    if (!blob) return click.call(this);
    var record = { name: this.download, type: blob.type, size: blob.size, text: null };
    downloads.push(record);
    blob.text().then(function (t) { record.text = t; });
  };
})();
