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

for (const page of measured.pages) {
  test(`${page.page}: first load within the gzip budget`, () => {
    const limit = budget.first_load_gzip_bytes[page.page];
    assert.ok(Number.isInteger(limit), `bench/budget.json has no budget for the entry page ${page.page}`);
    const parts = ['html', 'css', 'js', 'wasm'].map((k) => `${k} ${kb(page[k].gzip)}`).join(', ');
    console.log(`${page.page}: first load ${page.total.gzip} bytes gzip (${kb(page.total.gzip)}: ${parts}); budget ${limit} (${kb(limit)})`);
    assert.ok(
      page.total.gzip <= limit,
      `${page.page}: first load is ${page.total.gzip} bytes gzip, over the budget of ${limit} by ${page.total.gzip - limit}`,
    );
  });
}

test('every budgeted entry page exists in the build', () => {
  const pages = measured.pages.map((p) => p.page);
  for (const name of Object.keys(budget.first_load_gzip_bytes)) {
    assert.ok(pages.includes(name), `bench/budget.json budgets ${name}, which the build has no longer`);
  }
});
