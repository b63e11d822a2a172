// Trunk's inline loader awaits at the top level of a module script, which needs Chrome 89 /
// Safari 15 / Firefox 89. The same start-up as a promise chain runs wherever ES modules do.
import { replaceOne, scripts } from './util.mjs';

/**
 * Rewrites the loader in `html`; returns the new page and the names of the JS glue and the wasm
 * (relative URLs as Trunk wrote them, e.g. `./qingdan-<hash>.js`).
 */
export function rewriteLoader(html) {
  const loader = scripts(html).find((s) => s.attrs.type === 'module' && /import\s+init\b/.test(s.text));
  if (!loader) throw new Error('postbuild: cannot find the Trunk loader (module script importing init)');
  const js = loader.text.match(/from\s+['"]([^'"]+\.js)['"]/)?.[1];
  const wasm = loader.text.match(/module_or_path:\s*['"]([^'"]+\.wasm)['"]/)?.[1];
  if (!js || !wasm) throw new Error(`postbuild: unexpected Trunk loader:\n${loader.text}`);
  // public/boot.js sets window.qingdanLeaving when it sends the browser to another page
  // (compat.html, or the other entry page for the hash): no wasm is started on a page being left.
  const text =
    `import init, * as bindings from '${js}';` +
    `window.qingdanLeaving || init({ module_or_path: '${wasm}' }).then(function (wasm) {` +
    `window.wasmBindings = bindings;` +
    `dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));` +
    `});`;
  const out = replaceOne(html, loader.whole, `<script type=module>${text}</script>`, 'the Trunk loader');
  return { html: out, js, wasm };
}
