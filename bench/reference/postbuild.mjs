// The reference page's Trunk post_build hook (see Trunk.toml): the steps of the app's hook
// (scripts/postbuild.mjs) that apply to any Trunk page, so the reference's wasm and loader are
// treated exactly like the app's:
//
// 1. release: wasm-opt 132 -Oz with the module's own feature set (scripts/build/wasm-opt.mjs);
// 2. Trunk's inline loader without top-level await (scripts/build/loader.mjs); release: the glue
//    it imports without comments and indentation (scripts/build/glue.mjs);
// 3. Subresource Integrity hashes of every file steps 1 and 2 changed (scripts/build/sri.mjs).
//
// Not the app's own steps: the reference has no pre-rendered list or navigation, no service
// worker, no one-file version, no CSP and no compat.html.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactGlue } from '../../scripts/build/glue.mjs';
import { rewriteLoader } from '../../scripts/build/loader.mjs';
import { refreshIntegrity } from '../../scripts/build/sri.mjs';
import { localFile } from '../../scripts/build/util.mjs';
import { optimizeWasm } from '../../scripts/build/wasm-opt.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STAGING = process.env.TRUNK_STAGING_DIR;
const RELEASE = process.env.TRUNK_PROFILE === 'release';
if (!STAGING) {
  console.error('reference postbuild: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}

try {
  const indexFile = path.join(STAGING, 'index.html');
  const changed = RELEASE ? optimizeWasm(ROOT, STAGING) : [];
  const loader = rewriteLoader(fs.readFileSync(indexFile, 'utf8'));
  if (RELEASE && compactGlue(STAGING, localFile(loader.js))) changed.push(localFile(loader.js));
  const html = refreshIntegrity(loader.html, STAGING, changed);
  fs.writeFileSync(indexFile, html);
} catch (err) {
  console.error(err.message || err);
  process.exit(1);
}
