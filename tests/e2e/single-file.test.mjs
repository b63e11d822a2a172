// The one-file offline version: dist/qingdan-offline.html opened from a file:// URL runs the
// whole app with no server and no network at all, under its own CSP, and keeps data; it holds the
// tools' page too (data, print), whose wasm it starts when the hash names one of its views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, launch, openPage, waitForApp, cspViolations, screenshot, loadDataset } from './harness.mjs';
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

/** A task with 朱家角's own numbers: its print view lists it. */
const townTask = () => ds.tasks.find((t) => t.allocations.some((a) => a.unit === 'zhujiajiao' && a.items.length > 0));

test('from file://, the data page and the print view open from the nav, export and import work, and the nav leads back', async () => {
  const file = path.join(DIST, SINGLE_FILE);
  const url = pathToFileURL(file).href;
  const html = await fs.readFile(file, 'utf8');
  assert.doesNotMatch(html, /href=["']?(index|tools)\.html/, 'no link leaves the file');
  const s = await openPage(browser, null);
  // Downloads are caught in the page (a blob clicked through <a download>), as in every engine.
  await s.context.addInitScript({ content: await fs.readFile(path.join(ROOT, 'tests/e2e/engines-hook.js'), 'utf8') });
  const requests = [];
  s.context.on('request', (req) => requests.push(req.url()));
  const hookProblems = () => s.page.evaluate(() => window.__e2e.problems.splice(0));
  const entry = () => s.page.locator('[data-testid="app"]').getAttribute('data-entry');
  try {
    const task = townTask();
    const note = '单文件版：导出后再导入 "引号", 逗号';
    await s.page.goto(`${url}#/task/${task.id}`);
    await waitForApp(s.page);
    assert.equal(await s.page.evaluate(() => window.qingdanOneFile), true);
    await s.page.getByTestId('progress-unit').selectOption('zhujiajiao');
    const editor = s.page.locator('[data-testid="progress-editor"][data-unit="zhujiajiao"]');
    await editor.getByTestId('status-doing').click();
    await editor.getByTestId('note-input').fill(note);
    await editor.getByTestId('note-save').click();
    await editor.getByTestId('note-text').filter({ hasText: '单文件版' }).waitFor();
    assert.deepEqual(await hookProblems(), []);

    // 数据: a hash of this file; the app's wasm reloads it, and the tools' wasm starts.
    const dataLink = s.page.locator('nav a.nav-link', { hasText: '数据' });
    assert.equal(await dataLink.getAttribute('href'), '#/data');
    await dataLink.click();
    await waitForApp(s.page);
    await s.page.getByTestId('data-page').waitFor();
    assert.equal(s.page.url(), `${url}#/data`);
    assert.equal(await entry(), 'tools');
    assert.equal(await s.page.locator('nav a.nav-link', { hasText: '全部任务' }).getAttribute('href'), '#/');

    // Export JSON.
    await s.page.getByTestId('export-unit').selectOption('zhujiajiao');
    await s.page.getByTestId('export-json').click();
    const [download] = await s.page.waitForFunction(() => {
      const d = window.__e2e.downloads;
      return d.length && d.every((x) => x.text !== null) && d.splice(0);
    }).then((h) => h.jsonValue());
    assert.match(download.name, /^清单进度-朱家角镇-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(download.text);
    assert.equal(exported.app, 'qingdan');
    assert.ok(exported.records.some((r) => r.task === task.id && r.notes.some((n) => n.text === note)), 'the note is in the file');
    await s.page.getByTestId('export-message').filter({ hasText: download.name }).waitFor();

    // Import it back into an emptied browser: the tools' wasm again after the reload.
    await s.page.evaluate(() => localStorage.removeItem('qingdan.progress.v1'));
    await s.page.reload();
    await waitForApp(s.page);
    await s.page.getByTestId('record-count').filter({ hasText: '共有 0 条' }).waitFor();
    await s.page.getByTestId('import-file').setInputFiles({ name: download.name, mimeType: 'application/json', buffer: Buffer.from(download.text) });
    const preview = s.page.getByTestId('import-preview');
    await preview.waitFor();
    assert.match(await preview.textContent(), /新增 1 条/);
    await s.page.getByTestId('import-merge').click();
    await s.page.getByTestId('import-message').filter({ hasText: '导入完成' }).waitFor();
    const stored = JSON.parse(await s.page.evaluate(() => localStorage.getItem('qingdan.progress.v1')));
    assert.deepEqual(stored.records, exported.records);

    // The print view: the same wasm, no reload.
    await s.page.getByTestId('export-unit').selectOption('zhujiajiao');
    const printLink = s.page.getByTestId('print-link');
    assert.equal(await printLink.getAttribute('href'), '#/print/zhujiajiao');
    await s.page.evaluate(() => { window.__samePage = true; });
    await printLink.click();
    await s.page.getByTestId('print-page').waitFor();
    assert.equal(await s.page.evaluate(() => window.__samePage), true, 'no reload within the tools');
    const row = s.page.getByTestId('print-row').filter({ hasText: task.name });
    await row.filter({ hasText: '单文件版' }).waitFor();
    assert.match(await row.textContent(), /推进中/);
    await screenshot(s.page, 'single-file-print');

    // Back to the task list from the nav: the app's wasm again, with the imported progress.
    await s.page.locator('nav a.nav-link', { hasText: '全部任务' }).click();
    await waitForApp(s.page);
    assert.equal(s.page.url(), `${url}#/`);
    assert.equal(await entry(), null);
    await s.page.getByTestId('task-row').nth(ds.tasks.length - 1).waitFor();
    assert.equal(await s.page.getByTestId('task-row').count(), ds.tasks.length);
    // And "back" returns to the print view, in the tools' wasm.
    await s.page.goBack();
    await waitForApp(s.page);
    await s.page.getByTestId('print-page').waitFor();

    const offFile = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
    assert.deepEqual(offFile, [], 'no network request');
    assert.deepEqual(requests.filter((u) => u.startsWith('file:')).map((u) => u.split('#')[0]).filter((u) => u !== url), []);
    assert.deepEqual(await cspViolations(s.page), []);
    assert.deepEqual(await hookProblems(), []);
    s.assertClean();
  } finally {
    await s.context.close();
  }
});
