// The one-file version: the finished index.html with every file inlined (stylesheets, boot
// script, the wasm-bindgen glue as an inline module, the wasm as base64), so it runs from file://
// with no server and no network. No service worker, no manifest; its own CSP by hashes.
import fs from 'node:fs';
import path from 'node:path';
import { insertCsp, singleFilePolicy } from './csp.mjs';
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
 * Builds the one-file page from the hosted page `html` (before its CSP is added) and the files in
 * `dir`; `js` and `wasm` are the glue and wasm URLs the loader names.
 */
export function buildSingleFile(html, dir, { js, wasm }) {
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
      const glue = read(js).toString('utf8');
      if (!glue.includes('__wbg_init as default')) throw new Error('postbuild: unexpected wasm-bindgen glue (no __wbg_init)');
      const bytes = read(wasm).toString('base64');
      const start =
        `\n;(function () {` +
        `var s = atob('${bytes}');` +
        `var bytes = new Uint8Array(s.length);` +
        `for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);` +
        `__wbg_init({ module_or_path: bytes }).then(function (wasm) {` +
        `dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));` +
        `});` +
        `})();\n`;
      html = replaceOne(html, script.whole, `<script type=module>${inlineSafe(glue, js)}${start}</script>`, 'the loader');
    }
  }
  return insertCsp(html, singleFilePolicy(html));
}
