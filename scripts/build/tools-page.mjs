// The district's tools page, dist/tools.html: a second entry page with its own wasm
// (src/bin/tools.rs, `qingdan::tools`), so the tools cost the field app's first load nothing.
//
// Trunk builds the tools binary in the same run as the app, as a "worker" (index.html:
// <link data-trunk rel="rust" data-bin="tools" data-type="worker">): the same cargo profile and
// flags, wasm-bindgen --target no-modules, files tools.js and tools_bg.wasm, not loaded by
// index.html. wasm-opt.mjs optimises every wasm of the staging dir, this one included. Trunk names
// a worker's files without a hash; `hashToolsFiles` renames them after their content (after
// wasm-opt), like the app's files, so a host may cache them forever.
//
// The page is index.html's built head (meta, icon, manifest, stylesheets, boot.js, offline.js, with
// their hashed names and integrity hashes) without the app's loader and preloads, with the title,
// description and body of public/tools.html, and a loader for the tools: the no-modules glue as a
// deferred classic script with its integrity hash, then an inline module (deferred as well, so it
// runs after the glue) that calls the glue's init without top-level await.
import fs from 'node:fs';
import path from 'node:path';
import { digest, hex, links, localFile, replaceOne, scripts } from './util.mjs';

export const TOOLS = 'tools.html';
/**
 * The views (the hash's first path segment) that are the tools' page's, as in
 * src/domain/route.rs (`Page::entry`) and public/boot.js (tests/entry_views.rs checks all three
 * agree); every other view is index.html's.
 */
export const TOOLS_VIEWS = ['data', 'print', 'rollup', 'share', 'receive', 'lists'];
/** tools.html for browsers from before CSP's 'wasm-unsafe-eval', as compat.html is index.html's. */
export const TOOLS_COMPAT = 'tools-compat.html';
/** The template, relative to the repository root. */
export const TOOLS_TEMPLATE = 'public/tools.html';
const BIN = 'tools';

/**
 * Renames Trunk's tools.js and tools_bg.wasm in `dir` to tools-<hash>.js and tools-<hash>_bg.wasm,
 * the hash being of both files' final bytes; returns the new names.
 */
export function hashToolsFiles(dir) {
  const js = path.join(dir, `${BIN}.js`);
  const wasm = path.join(dir, `${BIN}_bg.wasm`);
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) {
    throw new Error(`postbuild: Trunk emitted no ${BIN}.js and ${BIN}_bg.wasm (index.html's data-bin="${BIN}" link)`);
  }
  const h = hex(Buffer.concat([fs.readFileSync(js), fs.readFileSync(wasm)]), 16);
  const names = { js: `${BIN}-${h}.js`, wasm: `${BIN}-${h}_bg.wasm` };
  fs.renameSync(js, path.join(dir, names.js));
  fs.renameSync(wasm, path.join(dir, names.wasm));
  // The tools' own stylesheet (index.html copies style/tools.css without loading it): only
  // tools.html pays for the roll-up's and the share page's rules.
  const css = path.join(dir, `${BIN}.css`);
  if (!fs.existsSync(css)) throw new Error(`postbuild: Trunk copied no ${BIN}.css (index.html's copy-file link of style/tools.css)`);
  names.css = `${BIN}-${hex(fs.readFileSync(css), 16)}.css`;
  fs.renameSync(css, path.join(dir, names.css));
  return names;
}

/** The start-up of the tools: the no-modules glue defines `wasm_bindgen`, its init. */
export function toolsLoader(wasm) {
  return (
    `window.qingdanLeaving || wasm_bindgen({ module_or_path: './${wasm}' }).then(function (wasm) {` +
    `dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));` +
    `});`
  );
}

/** The first match of `re` in the template, or a loud failure. */
function part(template, re, what) {
  const m = template.match(re);
  if (!m) throw new Error(`postbuild: ${TOOLS_TEMPLATE} has no ${what}`);
  return m[0];
}

/**
 * tools.html from the finished index.html `indexHtml` (loader rewritten, before its CSP), the
 * template's text, the tools files `names` in `dir` and the app's own glue and wasm `app`
 * (`{ js, wasm }` as the app's loader names them).
 */
export function toolsPage(indexHtml, template, names, dir, app) {
  const bodyAt = indexHtml.search(/<body\b/i);
  if (bodyAt < 0) throw new Error('postbuild: index.html has no <body>');
  let head = indexHtml.slice(0, bodyAt);

  // Without the app: its loader, the module preload of its glue and the preload of its wasm.
  const loader = scripts(head).find((s) => s.attrs.type === 'module' && /import\s+init\b/.test(s.text));
  if (!loader) throw new Error("postbuild: cannot find the app's loader in index.html");
  head = replaceOne(head, loader.whole, '', "the app's loader");
  const appFiles = new Set([localFile(app.js), localFile(app.wasm)]);
  for (const link of links(head)) {
    const { rel = '', href = '' } = link.attrs;
    if (['modulepreload', 'preload'].includes(rel) && (appFiles.has(localFile(href)) || localFile(href).startsWith('snippets/'))) {
      head = replaceOne(head, link.whole, '', link.whole);
    }
  }
  for (const f of appFiles) if (head.includes(f)) throw new Error(`postbuild: tools.html would still load the app's ${f}`);

  head = replaceOne(head, /<title>[\s\S]*?<\/title>/i, part(template, /<title>[\s\S]*?<\/title>/i, '<title>'), '<title>');
  const description = /<meta\b[^>]*\bname=["']?description\b[^>]*>/i;
  head = replaceOne(head, description, part(template, description, 'description <meta>'), 'the description <meta>');

  const sri = (name) => digest('sha384', fs.readFileSync(path.join(dir, name)));
  const tools =
    `<link rel=stylesheet href=./${names.css} integrity=${sri(names.css)}>` +
    `<link as=fetch crossorigin href=./${names.wasm} integrity=${sri(names.wasm)} rel=preload type=application/wasm>` +
    `<script defer integrity=${sri(names.js)} src=./${names.js}></script>` +
    `<script type=module>${toolsLoader(names.wasm)}</script>`;
  const headEnd = head.search(/<\/head>/i);
  head = headEnd < 0 ? head + tools : head.slice(0, headEnd) + tools + head.slice(headEnd);

  let body = part(template, /<body\b[^>]*>[\s\S]*<\/body>/i, '<body>')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><');
  // `trunk serve`: its live-reload script, which it appends to index.html's body.
  const devScripts = scripts(indexHtml.slice(bodyAt)).filter((s) => s.text.includes('__TRUNK_ADDRESS__'));
  if (devScripts.length) body = body.replace(/<\/body>/i, devScripts.map((s) => s.whole).join('') + '</body>');
  return `${head}${body}</html>`;
}
