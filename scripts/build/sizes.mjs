// First-load bytes of a dist's entry pages, shared by the benchmark (bench/bench.mjs) and the byte
// budget test (tests/e2e/budget.test.mjs), so both count exactly the same files the same way:
// an entry page is an HTML page that loads a wasm file; its first load is the page plus the CSS,
// JS and wasm it loads itself, each compressed with gzip -9 (and brotli q11).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { attrs, localFile, scripts } from './util.mjs';

const KINDS = { '.html': 'html', '.css': 'css', '.js': 'js', '.wasm': 'wasm' };

/** Every file under `dir` (paths relative to it, `/`-separated), dot files left out. */
export function walk(dir, sub = '') {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const r = sub ? `${sub}/${e.name}` : e.name;
    if (e.name.startsWith('.')) return [];
    return e.isDirectory() ? walk(dir, r) : e.isFile() ? [r] : [];
  });
}

/**
 * The CSS, JS and wasm files of the dist that the HTML page `page` loads itself: stylesheets,
 * preloads and module preloads, script sources (a no-modules glue included), and the glue and
 * wasm its inline loaders import or pass to an init call (`init({ module_or_path: '…' })`, a
 * no-modules glue's `wasm_bindgen('…')` or `wasm_bindgen({ module_or_path: '…' })`). Files the
 * app fetches later (sw.js, the manifest, icons) are not part of a page's first load.
 */
export function pageAssets(dist, page) {
  const html = fs.readFileSync(path.join(dist, page), 'utf8');
  const urls = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const a = attrs(m[0]);
    if (['stylesheet', 'preload', 'modulepreload'].includes(a.rel) && a.href) urls.push(a.href);
  }
  for (const s of scripts(html)) {
    if (s.attrs.src) urls.push(s.attrs.src);
    const loads = /(?:\bfrom|\bimport\(|\bmodule_or_path:|\bwasm_bindgen\()\s*['"]([^'"\s]+\.(?:js|wasm))['"]/g;
    for (const m of s.text.matchAll(loads)) urls.push(m[1]);
  }
  const out = { css: [], js: [], wasm: [] };
  for (const url of urls) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) continue; // data:, http:, … — not a file of the dist
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(page), localFile(url)));
    const kind = KINDS[path.extname(file)];
    if (!out[kind] || out[kind].includes(file) || !fs.existsSync(path.join(dist, file))) continue;
    out[kind].push(file);
  }
  return out;
}

const compressed = new Map(); // file -> { raw, gzip, brotli }
export function fileBytes(file) {
  const st = fs.statSync(file);
  const key = `${file}\0${st.size}\0${st.mtimeMs}`;
  if (!compressed.has(key)) {
    const body = fs.readFileSync(file);
    compressed.set(key, {
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }).length,
    });
  }
  return compressed.get(key);
}

/** The first-load bytes of one entry page: the page itself plus its own CSS, JS and wasm. */
export function pageSizes(dist, page, assets) {
  const out = { page, files: assets };
  for (const kind of ['html', 'css', 'js', 'wasm', 'total']) out[kind] = { raw: 0, gzip: 0, brotli: 0 };
  for (const [kind, files] of [['html', [page]], ['css', assets.css], ['js', assets.js], ['wasm', assets.wasm]]) {
    for (const f of files) {
      const b = fileBytes(path.join(dist, f));
      for (const k of ['raw', 'gzip', 'brotli']) {
        out[kind][k] += b[k];
        out.total[k] += b[k];
      }
    }
  }
  return out;
}

/** index.html first, then the other pages by name, the compat variants (…compat….html) last. */
function pageOrder(a, b) {
  const rank = (p) => (p === 'index.html' ? 0 : /compat/.test(p) ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Bytes of every entry page of a dist: each HTML page that loads a wasm file, with its own CSS, JS
 * and wasm (index.html first, then by name: tools.html), so a further entry page needs no change
 * here. A page that loads exactly the files of an earlier one (compat.html, tools-compat.html) is
 * a variant of it, and HTML that loads no wasm file (the one-file version, which inlines it) is
 * listed apart.
 */
export function sizes(dist) {
  const html = walk(dist)
    .filter((f) => f.endsWith('.html'))
    .sort(pageOrder);
  const pages = [];
  const variants = [];
  const others = [];
  for (const page of html) {
    const assets = pageAssets(dist, page);
    if (!assets.wasm.length) {
      others.push({ page, ...fileBytes(path.join(dist, page)) });
      continue;
    }
    const key = JSON.stringify(assets);
    const same = pages.find((p) => JSON.stringify(p.files) === key);
    if (same) variants.push({ page, same_as: same.page, html: fileBytes(path.join(dist, page)) });
    else pages.push(pageSizes(dist, page, assets));
  }
  if (!pages.length) throw new Error(`${dist}: no HTML page that loads a wasm file`);
  // `total`, `html`, … of the main page (index.html) at the top level, for the ratios and targets.
  return { ...pages[0], pages, variants, others };
}

