// Trunk post_build hook (see Trunk.toml): finishes the staged dist before Trunk publishes it.
// Each step lives in scripts/build/:
//
// 1. wasm-opt.mjs   release: wasm-opt 132 -Oz with the module's own feature set (MVP stays MVP).
// 2. loader.mjs     Trunk's inline loader without top-level await (older browsers);
//    glue.mjs       release: the glue it imports without comments and indentation (Trunk's
//                   minifier gives up on it).
// 3. prerender.mjs  the top bar and the task list as static HTML in #boot, rendered from the
//                   app's own components natively (`cargo run --bin prerender`) for the list the
//                   wasm embeds (QINGDAN_DATASET); the pages' titles, descriptions and the
//                   manifest's name follow that list.
// 4.                Subresource Integrity hashes of every file steps 1 and 2 changed.
// 5. single-file.mjs release: dist/qingdan-offline.html, everything of both entry pages inlined
//                   (both wasms; the hash picks the one to start), for file://.
// 6. csp.mjs        release: the Content-Security-Policy <meta>, hashing the final inline loader;
//                   compat.html, the same page for browsers from before 'wasm-unsafe-eval'.
// 7. sw.mjs         release: dist/sw.js with the precache list of this very build.
//
// tools-page.mjs writes the second entry page, tools.html (and release: tools-compat.html, with
// the CSP of step 6), the district's tools with their own wasm, from index.html's head and the
// template public/tools.html; sw.js precaches it with every other file.
//
// `trunk serve` (its autoreload script is in the page) gets steps 1–4 only and a service worker
// that retires itself: a dev server must never be answered from an old cache.
//
// Steps 3 and 5–7 are this app's own. The benchmark's reference page (bench/reference) has its own
// hook, bench/reference/postbuild.mjs, with steps 1, 2 and 4 only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compatPolicy, insertCsp, hostedPolicy } from './build/csp.mjs';
import { rewriteLoader } from './build/loader.mjs';
import { fillManifest, fillToolsTemplate, prerender, renderFragments } from './build/prerender.mjs';
import { compactGlue } from './build/glue.mjs';
import { buildSingleFile } from './build/single-file.mjs';
import { refreshIntegrity } from './build/sri.mjs';
import { localFile } from './build/util.mjs';
import { SINGLE_FILE, writeRetiringServiceWorker, writeServiceWorker } from './build/sw.mjs';
import { hashToolsFiles, TOOLS, TOOLS_COMPAT, TOOLS_TEMPLATE, toolsPage } from './build/tools-page.mjs';
import { optimizeWasm } from './build/wasm-opt.mjs';

const COMPAT = 'compat.html';
const MANIFEST = 'manifest.webmanifest';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAGING = process.env.TRUNK_STAGING_DIR;
const RELEASE = process.env.TRUNK_PROFILE === 'release';
if (!STAGING) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}

try {
  const indexFile = path.join(STAGING, 'index.html');
  let html = fs.readFileSync(indexFile, 'utf8');
  const devServer = html.includes('__TRUNK_ADDRESS__');

  const changed = RELEASE ? optimizeWasm(ROOT, STAGING) : [];
  const tools = hashToolsFiles(STAGING);

  const loader = rewriteLoader(html);
  html = loader.html;
  if (RELEASE && compactGlue(STAGING, localFile(loader.js))) changed.push(localFile(loader.js));

  const pre = renderFragments(ROOT);
  html = prerender(html, pre);
  const manifestFile = path.join(STAGING, MANIFEST);
  fs.writeFileSync(manifestFile, fillManifest(fs.readFileSync(manifestFile, 'utf8'), pre));
  console.log(`postbuild: pre-rendered ${pre.row_count} tasks of ${pre.title}`);

  html = refreshIntegrity(html, STAGING, changed);

  const template = fillToolsTemplate(fs.readFileSync(path.join(ROOT, TOOLS_TEMPLATE), 'utf8'), pre);
  const toolsHtml = toolsPage(html, template, tools, STAGING, loader);

  if (RELEASE && !devServer) {
    const single = buildSingleFile(html, STAGING, loader, tools);
    fs.writeFileSync(path.join(STAGING, SINGLE_FILE), single);
    console.log(`postbuild: ${SINGLE_FILE}: ${single.length} bytes`);
    fs.writeFileSync(path.join(STAGING, COMPAT), insertCsp(html, compatPolicy(html)));
    html = insertCsp(html, hostedPolicy(html));
    fs.writeFileSync(indexFile, html);
    fs.writeFileSync(path.join(STAGING, TOOLS_COMPAT), insertCsp(toolsHtml, compatPolicy(toolsHtml)));
    fs.writeFileSync(path.join(STAGING, TOOLS), insertCsp(toolsHtml, hostedPolicy(toolsHtml)));
    console.log(`postbuild: ${TOOLS} loads ${tools.js} and ${tools.wasm}`);
    const { version, list } = writeServiceWorker(STAGING);
    console.log(`postbuild: sw.js version ${version}, ${list.length} files precached`);
  } else {
    fs.writeFileSync(indexFile, html);
    fs.writeFileSync(path.join(STAGING, TOOLS), toolsHtml);
    writeRetiringServiceWorker(STAGING);
  }
} catch (err) {
  console.error(err.message || err);
  process.exit(1);
}
