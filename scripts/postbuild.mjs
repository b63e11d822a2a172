// Trunk post_build hook (see Trunk.toml): finishes the staged dist before Trunk publishes it.
//
// 1. Release builds: runs wasm-opt 132 -Oz on the wasm. Trunk's own wasm-opt step is off because the
//    feature flags depend on how std was built: where std is built from source with
//    `-C target-cpu=mvp` (Debian's toolchain) the module is WebAssembly 1.0 and must stay so —
//    enabling e.g. sign-ext would let wasm-opt introduce those instructions and lock out old
//    browsers; rustup's prebuilt std carries Rust's default features, which wasm-opt must accept.
//    The module itself tells which case this is.
// 2. Rewrites the Subresource Integrity hashes of every file this hook changed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAGING = process.env.TRUNK_STAGING_DIR;
const RELEASE = process.env.TRUNK_PROFILE === 'release';
if (!STAGING) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}

const RUST_DEFAULT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-multivalue',
  '--enable-reference-types',
];

function wasmOptBinary() {
  const local = path.join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  return fs.existsSync(local) ? local : 'wasm-opt';
}

function isMvp(wasmOpt, file) {
  try {
    execFileSync(wasmOpt, ['--mvp-features', file, '-o', path.join(STAGING, '.mvp-check.wasm')], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(path.join(STAGING, '.mvp-check.wasm'), { force: true });
  }
}

function sri(file) {
  return 'sha384-' + createHash('sha384').update(fs.readFileSync(file)).digest('base64');
}

const changed = [];
if (RELEASE) {
  const wasmOpt = wasmOptBinary();
  const version = execFileSync(wasmOpt, ['--version']).toString().trim();
  if (!version.includes('version 132')) {
    console.error(`postbuild: need wasm-opt 132 (Debian's 108 breaks the app at start-up), found: ${version}`);
    process.exit(1);
  }
  for (const name of fs.readdirSync(STAGING).filter((n) => n.endsWith('.wasm'))) {
    const file = path.join(STAGING, name);
    const mvp = isMvp(wasmOpt, file);
    const before = fs.statSync(file).size;
    const args = ['-Oz', ...(mvp ? ['--mvp-features'] : RUST_DEFAULT_FEATURES), file, '-o', file];
    execFileSync(wasmOpt, args, { stdio: 'inherit' });
    const after = fs.statSync(file).size;
    console.log(`postbuild: wasm-opt -Oz (${mvp ? 'WebAssembly 1.0 / MVP' : 'Rust default features'}) ${name}: ${before} -> ${after} bytes`);
    changed.push(name);
  }
}

// Keep Subresource Integrity valid for what changed.
const indexFile = path.join(STAGING, 'index.html');
let html = fs.readFileSync(indexFile, 'utf8');
for (const name of changed) {
  const re = new RegExp(`(href=\\.?/?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^>]*?integrity=)(sha384-[A-Za-z0-9+/=]+)`, 'g');
  html = html.replace(re, (_, head) => head + sri(path.join(STAGING, name)));
}
fs.writeFileSync(indexFile, html);
