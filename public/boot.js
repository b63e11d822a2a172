// Loaded before the app as a classic script, written for old browsers (no modules, no arrow
// functions): if the browser has no WebAssembly, or the app fails to start, say so in Chinese
// instead of leaving a blank page.
(function () {
  'use strict';
  var started = false;
  // This script runs in <head>, before the placeholder exists: wait for the document when needed.
  function whenReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }
  function setMessage(text) {
    whenReady(function () {
      var msg = document.getElementById('boot-msg');
      if (msg) {
        msg.textContent = text;
        msg.className = 'boot-msg boot-error';
        msg.setAttribute('role', 'alert');
      }
    });
  }
  function fatal(text) {
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
    setMessage(text);
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    setMessage('您的浏览器不支持 WebAssembly，无法运行本应用。请使用较新版本的 Chrome、Edge、Firefox、Safari 或手机自带浏览器打开。');
    return;
  }
  // The app is an ES module: a browser without modules would wait forever. The pre-rendered task
  // list below stays readable.
  if (!('noModule' in document.createElement('script'))) {
    setMessage('您的浏览器版本过旧，无法运行本应用（下面的任务清单仍可浏览）。请使用较新版本的 Chrome、Edge、Firefox、Safari 或手机自带浏览器打开。');
    return;
  }
  // The placeholder is empty in the HTML so that a browser without JavaScript does not claim to
  // be loading; the task list the build pre-rendered below it is readable meanwhile.
  whenReady(function () {
    var msg = document.getElementById('boot-msg');
    if (msg && !msg.textContent) msg.textContent = '正在加载……';
  });
  window.addEventListener('TrunkApplicationStarted', function () { started = true; });
  window.addEventListener('error', function (event) {
    var target = event && event.target;
    if (target && target !== window && (target.tagName === 'SCRIPT' || target.tagName === 'LINK')) {
      fatal('应用文件加载失败，请检查网络后刷新页面。');
    } else {
      fatal('应用启动失败：' + ((event && event.message) || '未知错误') + '。请刷新页面重试。');
    }
  }, true);
  // Browsers from before CSP's 'wasm-unsafe-eval' (Chrome/Edge/WebView < 97, Safari < 16) refuse
  // to compile the wasm under index.html's policy. compat.html is the same page whose policy also
  // names 'unsafe-eval', which those browsers require for WebAssembly: go there, keeping the view.
  function blockedByCsp(reason) {
    if (!reason || started) return false;
    var name = reason.name || '';
    var text = String(reason.message || '');
    return (name === 'CompileError' || name === 'EvalError' || name === 'LinkError') &&
      /Content.Security.Policy|unsafe-eval|disallowed by embedder/i.test(text);
  }
  function toCompat() {
    if (/(^|\/)compat\.html$/.test(window.location.pathname)) return false;
    if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return false;
    window.location.replace('compat.html' + window.location.hash);
    return true;
  }
  window.addEventListener('unhandledrejection', function (event) {
    var reason = event && event.reason;
    if (blockedByCsp(reason) && toCompat()) {
      // Handled: the page is on its way to compat.html.
      if (event.preventDefault) event.preventDefault();
      return;
    }
    fatal('应用启动失败：' + ((reason && reason.message) || String(reason)) + '。请刷新页面重试。');
  });
  setTimeout(function () {
    if (!started) setMessage('仍在加载……网络较慢时请稍候；如长时间无响应，请刷新页面。');
  }, 15000);
})();
