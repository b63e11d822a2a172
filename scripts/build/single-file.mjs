// The one-file version: the finished index.html with every file inlined, so it runs from file://
// with no server and no network. It holds both entry pages' code: the field app (its wasm-bindgen
// glue as an inline module) and the tools' page (data, print, roll-up, share: tools.html's
// no-modules glue as an inline classic script, and its stylesheet), each wasm as base64. The
// start-up script starts one of them, chosen by the hash as public/boot.js chooses the hosted
// page (a tools view: the tools' wasm; else the app's). `window.qingdanOneFile = true`, set
// before anything else runs, tells boot.js and both wasms (src/router.rs `running_entry`) that
// every view is a hash of this one file: links name no other page, and a wasm that finds the hash
// naming the other one's view reloads the file, which then starts that one.
// No service worker, no manifest; its own CSP by hashes.
import fs from 'node:fs';
import path from 'node:path';
import { insertCsp, singleFilePolicy } from './csp.mjs';
import { TOOLS_VIEWS } from './tools-page.mjs';
import { links, localFile, replaceOne, scripts } from './util.mjs';

/** Text that may sit inside a <script> or <style> element without ending it early. */
function inlineSafe(text, what) {
  if (/<\/(script|style)/i.test(text) || /<!--/.test(text)) {
    throw new Error(`postbuild: ${what} contains text that would end its inline element`);
  }
  return text;
}

const MIME = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/**
 * The start-up: decodes the wasm the hash names and calls its glue's init (`__wbg_init`, the
 * app's module glue, in scope; `wasm_bindgen`, the tools' no-modules glue, a global).
 */
function startScript(appWasm, toolsWasm) {
  return (
    `\n;(function () {` +
    `var view = /^#?\\/*([^\\/?]*)/.exec(location.hash)[1];` +
    `var tools = /^(${TOOLS_VIEWS.join('|')})$/.test(view);` +
    `var s = atob(tools ? '${toolsWasm}' : '${appWasm}');` +
    `var bytes = new Uint8Array(s.length);` +
    `for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);` +
    `(tools ? wasm_bindgen : __wbg_init)({ module_or_path: bytes }).then(function (wasm) {` +
    `dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));` +
    `});` +
    `})();\n`
  );
}

/**
 * Builds the one-file page from the hosted page `html` (before its CSP is added) and the files in
 * `dir`; `app` ({ js, wasm }) are the glue and wasm URLs the app's loader names, `tools`
 * ({ js, wasm, css }) the tools' page's files (tools-page.mjs `hashToolsFiles`).
 */
export function buildSingleFile(html, dir, app, tools) {
  const read = (url) => fs.readFileSync(path.join(dir, localFile(url)));
  for (const link of links(html)) {
    const { rel = '', href = '' } = link.attrs;
    let replacement;
    if (rel === 'stylesheet') {
      replacement = `<style>${inlineSafe(read(href).toString('utf8'), href)}</style>`;
    } else if (rel === 'icon') {
      const type = MIME[path.extname(localFile(href))] || 'application/octet-stream';
      replacement = `<link rel=icon href="data:${type};base64,${read(href).toString('base64')}">`;
    } else if (['modulepreload', 'preload', 'manifest', 'apple-touch-icon'].includes(rel)) {
      replacement = '';
    } else {
      throw new Error(`postbuild: the one-file version does not know what to do with ${link.whole}`);
    }
    html = replaceOne(html, link.whole, replacement, link.whole);
  }
  for (const script of scripts(html)) {
    const src = script.attrs.src;
    if (src && /(^|\/)offline-[^/]*\.js$/.test(src)) {
      html = replaceOne(html, script.whole, '', src);
    } else if (src) {
      html = replaceOne(html, script.whole, `<script>${inlineSafe(read(src).toString('utf8'), src)}</script>`, src);
    } else if (script.attrs.type === 'module') {
      const glue = read(app.js).toString('utf8');
      if (!glue.includes('__wbg_init as default')) throw new Error('postbuild: unexpected wasm-bindgen glue (no __wbg_init)');
      const toolsGlue = read(tools.js).toString('utf8');
      if (!/^\s*(let|var) wasm_bindgen\b/.test(toolsGlue)) throw new Error(`postbuild: unexpected no-modules glue in ${tools.js} (no wasm_bindgen)`);
      const start = startScript(read(app.wasm).toString('base64'), read(tools.wasm).toString('base64'));
      html = replaceOne(
        html,
        script.whole,
        // The classic script runs at once and defines `wasm_bindgen`; the module runs after the
        // document is parsed, so both glues are there when it chooses.
        `<script>${inlineSafe(toolsGlue, tools.js)}</script><script type=module>${inlineSafe(glue, app.js)}${start}</script>`,
        'the loader',
      );
    }
  }
  // The tools' stylesheet, after the app's, as tools.html has it.
  html = replaceOne(html, /<\/head>/i, (m) => `<style>${inlineSafe(read(tools.css).toString('utf8'), tools.css)}</style>${m}`, '</head>');
  // Before every other script: boot.js and both wasms read it.
  html = replaceOne(html, /<meta charset=["']?utf-8["']?\s*\/?>/i, (m) => `${m}<script>window.qingdanOneFile = true</script>`, '<meta charset=utf-8>');
  // Links of the pre-rendered page to the other entry page stay within the file.
  html = html.replace(/(\bhref=["']?)(?:index|tools)\.html#/g, '$1#');
  const stray = html.match(/\bhref=["']?[^"'\s>]*\b(?:index|tools|compat|tools-compat)\.html/);
  if (stray) throw new Error(`postbuild: the one-file version would still link to another page: ${stray[0]}`);
  return insertCsp(html, singleFilePolicy(html));
}
