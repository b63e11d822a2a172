// The byte budget (issue 14): the release first load of every entry page, gzip -9, must stay
// within bench/budget.json. Bytes are deterministic, so this is a test; timings are not, and stay in
// the benchmark. The budget is set to what the app reaches, so nothing added later can quietly
// grow it: to raise it, change the file in the same commit and say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './harness.mjs';
import { sizes } from '../../scripts/build/sizes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const budget = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/budget.json'), 'utf8'));
const measured = sizes(DIST);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// Every entry page of the build (index.html, tools.html, …; compat variants load the same files)
// and every page the budget names, each its own test.
const names = [...new Set([...measured.pages.map((p) => p.page), ...Object.keys(budget.first_load_gzip_bytes)])];

for (const name of names) {
  test(`${name}: first load within the gzip budget`, () => {
    const page = measured.pages.find((p) => p.page === name);
    assert.ok(page, `bench/budget.json budgets ${name}, which the build has no longer (or which loads no wasm file)`);
    const limit = budget.first_load_gzip_bytes[name];
    assert.ok(Number.isInteger(limit), `bench/budget.json has no budget for the entry page ${name}`);
    const parts = ['html', 'css', 'js', 'wasm'].map((k) => `${k} ${kb(page[k].gzip)}`).join(', ');
    console.log(`${page.page}: first load ${page.total.gzip} bytes gzip (${kb(page.total.gzip)}: ${parts}); budget ${limit} (${kb(limit)})`);
    assert.ok(
      page.total.gzip <= limit,
      `${page.page}: first load is ${page.total.gzip} bytes gzip, over the budget of ${limit} by ${page.total.gzip - limit}`,
    );
  });
}

test('the field app and the tools are separate entry pages, each loading its own wasm', () => {
  const pages = measured.pages.map((p) => p.page);
  for (const name of ['index.html', 'tools.html']) assert.ok(pages.includes(name), `${name} is an entry page: ${pages}`);
  const wasm = measured.pages.flatMap((p) => p.files.wasm);
  assert.equal(new Set(wasm).size, wasm.length, `no wasm file is loaded by two entry pages: ${wasm}`);
});
