// Loaded before the app as a classic script, written for old browsers (ES5: no modules, no arrow
// functions, no let/const), on both entry pages: index.html (the field app) and tools.html (the
// district's tools, their own wasm), and their compat variants. First it sends a link meant for
// the other entry page there, before any wasm starts; then, if the browser has no WebAssembly, or
// the app fails to start, it says so in Chinese, with what to do next, instead of leaving a blank
// page.
(function () {
  'use strict';
  var started = false;
  // Once a failure is on screen it stays: nothing later ("仍在加载……") may replace it.
  var failed = false;
  // On the way to another page: whatever fails meanwhile is not worth reporting.
  var leaving = false;
  var slowTimer = null;
  var proto = window.location.protocol;
  var hosted = proto === 'http:' || proto === 'https:';
  var path = window.location.pathname;
  var onTools = /(^|\/)tools(-compat)?\.html$/.test(path);
  var onCompat = /(^|\/)(tools-)?compat\.html$/.test(path);
  // The one-file version says so before this script runs (it may have been saved under any name).
  var onSingleFile = window.qingdanOneFile === true;

  // The entry pages: the field app or the district's tools, each as built or its compat variant.
  function entryPage(tools, compat) {
    return tools ? (compat ? 'tools-compat.html' : 'tools.html') : compat ? 'compat.html' : 'index.html';
  }
  var compatPage = entryPage(onTools, true);

  // Leaves for `page` (relative: any sub-path works), keeping the view; the page's loader starts
  // no wasm once window.qingdanLeaving is set.
  function leave(page) {
    leaving = true;
    window.qingdanLeaving = true;
    stopSlowTimer();
    window.location.replace(page + window.location.hash);
  }

  // Views live in the hash (the first path segment names the view, as in src/domain/route.rs),
  // and each entry page has its own: the tools' page (tools.html) answers #/data, #/print/…,
  // #/rollup…, #/share… and #/receive/…, the field app (index.html) every other view. A link to
  // the other page's view goes there at once; a hash without a view (#, #/) stays. Not in the
  // one-file version: it holds both wasms and starts the one the hash names (when the view
  // changes to the other one's, the running wasm reloads the file).
  function otherEntryPage() {
    var view = /^#?\/*([^\/?]*)/.exec(window.location.hash)[1];
    var tools = /^(data|print|rollup|share|receive|lists)$/.test(view);
    return view && !onSingleFile && tools !== onTools ? entryPage(tools, onCompat) : '';
  }
  if (otherEntryPage()) {
    leave(otherEntryPage());
    return;
  }
  // A view of the other page reached from this one (an edited URL, a link to #/data).
  window.addEventListener('hashchange', function () {
    if (otherEntryPage() && !leaving) leave(otherEntryPage());
  });

  // This script runs in <head>, before the placeholder exists: wait for the document when needed.
  function whenReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }
  function stopSlowTimer() {
    if (slowTimer !== null) {
      clearTimeout(slowTimer);
      slowTimer = null;
    }
  }
  // A progress note ("正在加载……"): never over a failure.
  function setStatus(text) {
    whenReady(function () {
      var msg = document.getElementById('boot-msg');
      if (msg && !failed) msg.textContent = text;
    });
  }
  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }
  // What the user can do next: reload; where the page is hosted, the compat page (same app under
  // a policy old browsers accept) and the one-file version (everything in one HTML file, no
  // separate wasm download, can be saved and opened from the phone's files).
  function nextSteps(msg) {
    msg.appendChild(document.createTextNode(' 您可以：'));
    var reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'boot-action';
    reload.textContent = '刷新页面';
    reload.addEventListener('click', function () { window.location.reload(); });
    msg.appendChild(reload);
    if (hosted && !onCompat) {
      msg.appendChild(document.createTextNode('；或打开'));
      msg.appendChild(link(compatPage + window.location.hash, '兼容版（' + compatPage + '）'));
    }
    // The one-file version (both pages' wasms, started by the hash).
    if (hosted && !onSingleFile) {
      msg.appendChild(document.createTextNode('；或打开'));
      msg.appendChild(link('qingdan-offline.html' + window.location.hash, '单文件版（qingdan-offline.html，可保存到本机后直接打开）'));
    }
    if (!hosted || onCompat) {
      msg.appendChild(document.createTextNode('；如仍无法使用，请改用较新版本的 Chrome、Edge、Firefox、Safari 打开'));
    }
    msg.appendChild(document.createTextNode('。已保存的进度仍在本机浏览器中。'));
  }
  // Shows a failure in the placeholder, for good; `steps` adds what to do next.
  function showFailure(text, steps) {
    failed = true;
    stopSlowTimer();
    whenReady(function () {
      var msg = document.getElementById('boot-msg');
      if (!msg) return;
      msg.textContent = text;
      msg.className = 'boot-msg boot-error';
      msg.setAttribute('role', 'alert');
      if (steps) nextSteps(msg);
    });
  }
  function fatal(text) {
    if (leaving) return;
    if (started) {
      // The app had mounted and then died (a panic aborts the wasm): keep what is on screen and
      // tell the user how to recover; progress already saved stays in this browser.
      if (document.getElementById('app-crash') || !document.body) return;
      var bar = document.createElement('div');
      bar.id = 'app-crash';
      bar.className = 'crash-banner';
      bar.setAttribute('role', 'alert');
      bar.textContent = '应用出现错误，请刷新页面。已保存的进度仍在本机浏览器中。';
      document.body.appendChild(bar);
      return;
    }
    // The first failure is the cause; what fails after it is a consequence.
    if (failed) return;
    showFailure(text, true);
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    showFailure('您的浏览器不支持 WebAssembly，无法运行本应用。请使用较新版本的 Chrome、Edge、Firefox、Safari 或手机自带浏览器打开。');
    return;
  }
  // The app is an ES module: a browser without modules would wait forever. The pre-rendered task
  // list below stays readable.
  if (!('noModule' in document.createElement('script'))) {
    showFailure('您的浏览器版本过旧，无法运行本应用（下面的任务清单仍可浏览）。请使用较新版本的 Chrome、Edge、Firefox、Safari 或手机自带浏览器打开。');
    return;
  }

  // Browsers from before CSP's 'wasm-unsafe-eval' (Chrome/Edge/WebView < 97, Safari < 16) refuse
  // to compile any wasm under index.html's policy. compat.html is the same page whose policy also
  // names 'unsafe-eval', which those browsers require for WebAssembly: go there, keeping the view
  // (from tools.html, to tools-compat.html).
  function toCompat() {
    if (onCompat || !hosted) return false;
    leave(compatPage);
    return true;
  }
  // Feature detection, whatever the engine's wording: the smallest valid module (the 8-byte
  // header) is valid by definition, so a refusal to compile it is the page's policy (or the
  // embedder) refusing WebAssembly, never the bytes. Compiling it costs microseconds, and is
  // allowed, and reports nothing, wherever the app itself may compile.
  function wasmRefused() {
    var bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    try {
      if (typeof WebAssembly.validate === 'function' && !WebAssembly.validate(bytes)) return false;
    } catch (e) {
      return false;
    }
    try {
      var module = new WebAssembly.Module(bytes);
      return !module;
    } catch (e) {
      return true;
    }
  }
  // Decided before the app's files download; the handlers below still go in, so that what fails
  // while the browser leaves for compat.html is swallowed rather than shown.
  if (wasmRefused()) toCompat();

  // The policy's own report, as a second signal: a refused eval of wasm (Chromium and Firefox
  // report the blocked URI 'wasm-eval', WebKit 'eval') under script-src.
  var cspRefusedWasm = false;
  document.addEventListener('securitypolicyviolation', function (e) {
    var directive = String(e.effectiveDirective || e.violatedDirective || '');
    var blocked = String(e.blockedURI || '');
    if (/^script-src/.test(directive) && (blocked === 'wasm-eval' || blocked === 'eval')) cspRefusedWasm = true;
  });
  // Last resort, the engines' wordings: Chromium "…Wasm code generation disallowed by embedder"
  // or "…'unsafe-eval' is not an allowed source…"; Firefox "call to
  // WebAssembly.instantiateStreaming() blocked by CSP"; WebKit "Refused to create a WebAssembly
  // object because 'unsafe-eval' or 'wasm-unsafe-eval' is not an allowed source".
  var CSP_WORDING = /Content.Security.Policy|blocked by CSP|unsafe-eval|disallowed by embedder/i;
  function blockedByCsp(reason) {
    if (started) return false;
    if (cspRefusedWasm || wasmRefused()) return true;
    return !!reason && CSP_WORDING.test(String(reason.message || reason));
  }

  // The placeholder is empty in the HTML so that a browser without JavaScript does not claim to
  // be loading; the task list the build pre-rendered below it is readable meanwhile.
  whenReady(function () {
    var msg = document.getElementById('boot-msg');
    if (msg && !msg.textContent && !failed) msg.textContent = '正在加载……';
  });
  window.addEventListener('TrunkApplicationStarted', function () {
    started = true;
    stopSlowTimer();
  });
  window.addEventListener('error', function (event) {
    var target = event && event.target;
    if (target && target !== window && target.tagName) {
      // A file of the app itself (the glue, a stylesheet): images and the like do not matter.
      if (target.tagName === 'SCRIPT' || target.tagName === 'LINK') {
        fatal('应用文件加载失败，请检查网络。');
      }
      return;
    }
    fatal('应用启动失败：' + ((event && event.message) || '未知错误') + '。');
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    var reason = event && event.reason;
    if (leaving || (blockedByCsp(reason) && toCompat())) {
      // Handled: the page is on its way to compat.html.
      if (event.preventDefault) event.preventDefault();
      return;
    }
    fatal('应用启动失败：' + ((reason && reason.message) || String(reason)) + '。');
  });
  slowTimer = setTimeout(function () {
    slowTimer = null;
    if (!started && !failed) setStatus('仍在加载……网络较慢时请稍候；如长时间无响应，请刷新页面。');
  }, 15000);
})();
