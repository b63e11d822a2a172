// The one-file offline version: dist/qingdan-offline.html opened from a file:// URL runs the
// whole app with no server and no network at all, under its own CSP, and keeps data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, openPage, waitForApp, cspViolations, screenshot, loadDataset } from './harness.mjs';
import { SINGLE_FILE } from '../../scripts/build/sw.mjs';

let browser;
let ds;

before(async () => {
  ds = await loadDataset();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the one-file version works from file:// with no request at all', async () => {
  const file = path.join(DIST, SINGLE_FILE);
  const html = await fs.readFile(file, 'utf8');
  assert.doesNotMatch(html, /<script[^>]*\bsrc=/i, 'no external script');
  assert.doesNotMatch(html, /<link[^>]*rel=["']?(stylesheet|modulepreload|preload|manifest)/i, 'no external file');

  const s = await openPage(browser, null);
  const requests = [];
  s.context.on('request', (req) => requests.push(req.url()));
  try {
    const url = pathToFileURL(file).href;
    await s.page.goto(url);
    await waitForApp(s.page);
    const rows = s.page.getByTestId('task-row');
    assert.equal(await rows.count(), ds.tasks.length);
    await s.page.goto(`${url}#/task/${ds.tasks[1].id}`);
    await s.page.getByRole('heading', { name: ds.tasks[1].name }).first().waitFor();
    assert.equal(await s.page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);

    await s.page.evaluate(() => localStorage.setItem('qingdan.e2e-marker', 'kept'));
    await s.page.reload();
    await waitForApp(s.page);
    assert.equal(await s.page.evaluate(() => localStorage.getItem('qingdan.e2e-marker')), 'kept');

    const offFile = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
    assert.deepEqual(offFile, [], 'no network request');
    assert.deepEqual(requests.filter((u) => u.startsWith('file:')).map((u) => u.split('#')[0]).filter((u) => u !== url), []);
    assert.deepEqual(await cspViolations(s.page), []);
    await screenshot(s.page, 'single-file');
    s.assertClean();
  } finally {
    await s.context.close();
  }
});
