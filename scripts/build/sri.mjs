// Subresource Integrity: Trunk hashes every file it links before the post-build hook runs, so
// each file a post-build step rewrites (wasm-opt) needs its `integrity` attribute recomputed.
import fs from 'node:fs';
import path from 'node:path';
import { digest, reEscape } from './util.mjs';

/** Recomputes the sha384 `integrity` of the links to `names` (files in `dir`) in `html`. */
export function refreshIntegrity(html, dir, names) {
  for (const name of names) {
    const re = new RegExp(`(href=\\.?/?${reEscape(name)}[^>]*?integrity=)(sha384-[A-Za-z0-9+/=]+)`, 'g');
    html = html.replace(re, (_, head) => head + digest('sha384', fs.readFileSync(path.join(dir, name))));
  }
  return html;
}
