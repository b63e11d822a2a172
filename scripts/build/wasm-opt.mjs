// Release builds: wasm-opt 132 -Oz on the wasm. Trunk's own wasm-opt step is off because the
// feature flags depend on how std was built: where std is built from source with
// `-C target-cpu=mvp` (Debian's toolchain) the module is WebAssembly 1.0 and must stay so —
// enabling e.g. sign-ext would let wasm-opt introduce those instructions and lock out old
// browsers; rustup's prebuilt std carries Rust's default features, which wasm-opt must accept.
// The module itself tells which case this is.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const RUST_DEFAULT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-multivalue',
  '--enable-reference-types',
];

function wasmOptBinary(root) {
  const local = path.join(root, 'node_modules', '.bin', 'wasm-opt');
  return fs.existsSync(local) ? local : 'wasm-opt';
}

function isMvp(wasmOpt, file, scratch) {
  try {
    execFileSync(wasmOpt, ['--mvp-features', file, '-o', scratch], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

/** Optimises every wasm in `dir`; returns the names of the files it changed. */
export function optimizeWasm(root, dir) {
  const wasmOpt = wasmOptBinary(root);
  const version = execFileSync(wasmOpt, ['--version']).toString().trim();
  if (!version.includes('version 132')) {
    throw new Error(`postbuild: need wasm-opt 132 (Debian's 108 breaks the app at start-up), found: ${version}`);
  }
  const changed = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.wasm'))) {
    const file = path.join(dir, name);
    const mvp = isMvp(wasmOpt, file, path.join(dir, '.mvp-check.wasm'));
    const before = fs.statSync(file).size;
    const args = ['-Oz', ...(mvp ? ['--mvp-features'] : RUST_DEFAULT_FEATURES), file, '-o', file];
    execFileSync(wasmOpt, args, { stdio: 'inherit' });
    const after = fs.statSync(file).size;
    console.log(`postbuild: wasm-opt -Oz (${mvp ? 'WebAssembly 1.0 / MVP' : 'Rust default features'}) ${name}: ${before} -> ${after} bytes`);
    changed.push(name);
  }
  return changed;
}
