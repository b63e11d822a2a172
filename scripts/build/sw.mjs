// Writes dist/sw.js: the precache list is the build's own (hashed) file names, the version a hash
// of their contents, so an unchanged rebuild gives a byte-identical sw.js (no update prompt) and
// any change gives a new one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hex } from './util.mjs';

const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sw-template.js');

/** Files that are not part of the app a visitor needs offline. */
export const NOT_PRECACHED = new Set(['sw.js', 'index.html']);
export const SINGLE_FILE = 'qingdan-offline.html';

function walk(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name.startsWith('.')) return [];
    return e.isDirectory() ? walk(dir, r) : [r];
  });
}

/** The precache entries for the files in `dir`: the app page as './', then every asset. */
export function precacheList(dir) {
  const files = walk(dir)
    .filter((f) => !NOT_PRECACHED.has(f) && f !== SINGLE_FILE && !f.endsWith('.map'))
    .sort();
  return [
    { url: './', file: 'index.html', hashed: false },
    ...files.map((f) => ({ url: f.split('/').map(encodeURIComponent).join('/'), file: f, hashed: /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/.test(f) })),
  ];
}

/** Generates `dir/sw.js`; returns its version and precache list. */
export function writeServiceWorker(dir) {
  const list = precacheList(dir);
  const h = list.map((e) => e.url + '\0' + hex(fs.readFileSync(path.join(dir, e.file)), 64)).join('\n');
  const version = hex(h);
  const entries = list.map(({ url, hashed }) => ({ url, hashed }));
  const source = fs
    .readFileSync(TEMPLATE, 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace('__PRECACHE__', JSON.stringify(entries, null, 1).replace(/\n\s*/g, ' '));
  fs.writeFileSync(path.join(dir, 'sw.js'), source);
  return { version, list };
}

/**
 * Dev server builds (`trunk serve`): a worker that removes itself and its caches, so a release
 * build visited earlier on the same address does not keep answering from its cache.
 */
export function writeRetiringServiceWorker(dir) {
  fs.writeFileSync(
    path.join(dir, 'sw.js'),
    `// Development build: this worker deletes the app's caches and unregisters itself.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) {
  var prefix = 'qingdan:' + self.registration.scope + ':';
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(prefix) === 0; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.registration.unregister(); }));
});
`,
  );
}
