// Release: the wasm-bindgen glue of an ES-module build without its comments and indentation.
// Trunk's JS minifier gives up on that glue (it cannot parse `export { …, __wbg_init as default }`;
// "WARN Failed to minify JS" in the build log) and ships it as wasm-bindgen wrote it: JSDoc blocks,
// "// Cast intrinsic for …" lines, four-space indentation. Removing those is safe line by line
// because no line of the glue is inside a multi-line string or template literal (checked: a file
// where one might be is left as it is), and every line break stays, so automatic semicolon
// insertion reads the code exactly as before. `node --check` must accept the result.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `source` without whole-line comments, blank lines and leading/trailing spaces, or null. */
export function compactLines(source) {
  const out = [];
  let inComment = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    // A template literal or a string continued onto the next line: line-wise editing is unsafe.
    if ((line.replace(/\\`/g, '').match(/`/g) || []).length % 2 || /\\$/.test(line)) return null;
    if (inComment) {
      const end = line.indexOf('*/');
      if (end >= 0 && end !== line.length - 2) return null; // code after a block comment's end
      if (end >= 0) inComment = false;
      continue;
    }
    if (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) inComment = true;
      else if (end !== line.length - 2) return null;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    out.push(line);
  }
  return inComment ? null : out.join('\n') + '\n';
}

/** Compacts the ES-module glue `name` in `dir` in place; returns whether the file changed. */
export function compactGlue(dir, name) {
  const file = path.join(dir, name);
  const before = fs.readFileSync(file, 'utf8');
  const after = compactLines(before);
  if (after === null) {
    console.log(`postbuild: ${name}: left as it is (a line may be inside a multi-line literal)`);
    return false;
  }
  if (after === before) return false;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingdan-glue-'));
  try {
    const check = path.join(tmp, 'glue.mjs');
    fs.writeFileSync(check, after);
    execFileSync(process.execPath, ['--check', check], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`postbuild: the compacted ${name} does not parse: ${err.stderr || err.message}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(file, after);
  console.log(`postbuild: ${name}: comments and indentation removed, ${before.length} -> ${after.length} bytes`);
  return true;
}
