// The one-file offline version: dist/qingdan-offline.html opened from a file:// URL runs the
// whole app with no server and no network at all, under its own CSP, and keeps data; it holds the
// tools' page too (data, print), whose wasm it starts when the hash names one of its views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, chromiumSuite, ds, waitForApp, cspViolations, screenshot } from './harness.mjs';
import { HOOK_SOURCE, takeHookDownloads } from './engines.mjs';
import { KEY, jsonFile, stored } from './share-seed.mjs';
import { SINGLE_FILE } from '../../scripts/build/sw.mjs';

// No server: the file is opened from disk.
const web = chromiumSuite({ serve: false });

const FILE = path.join(DIST, SINGLE_FILE);
const FILE_URL = pathToFileURL(FILE).href;

/**
 * A fresh profile with no origin (any http request is off it) and every URL it requested, for
 * `assertOnlyTheFile`.
 */
async function fileSession() {
  const s = await web.session();
  s.requests = [];
  s.context.on('request', (req) => s.requests.push(req.url()));
  return s;
}

/** Nothing but the file itself (at any hash) and inline data was requested, and no CSP violation. */
async function assertOnlyTheFile(s) {
  const offFile = s.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
  assert.deepEqual(offFile, [], 'no network request');
  assert.deepEqual(s.requests.filter((u) => u.startsWith('file:')).map((u) => u.split('#')[0]).filter((u) => u !== FILE_URL), []);
  assert.deepEqual(await cspViolations(s.page), []);
}

test('the one-file version works from file:// with no request at all', async () => {
  const html = await fs.readFile(FILE, 'utf8');
  assert.doesNotMatch(html, /<script[^>]*\bsrc=/i, 'no external script');
  assert.doesNotMatch(html, /<link[^>]*rel=["']?(stylesheet|modulepreload|preload|manifest)/i, 'no external file');

  const s = await fileSession();
  await s.page.goto(FILE_URL);
  await waitForApp(s.page);
  const rows = s.page.getByTestId('task-row');
  assert.equal(await rows.count(), ds.tasks.length);
  await s.page.goto(`${FILE_URL}#/task/${ds.tasks[1].id}`);
  await s.page.getByRole('heading', { name: ds.tasks[1].name }).first().waitFor();
  assert.equal(await s.page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);

  await s.page.evaluate(() => localStorage.setItem('qingdan.e2e-marker', 'kept'));
  await s.page.reload();
  await waitForApp(s.page);
  assert.equal(await s.page.evaluate(() => localStorage.getItem('qingdan.e2e-marker')), 'kept');

  await assertOnlyTheFile(s);
  await screenshot(s.page, 'single-file');
  s.assertClean();
});

/** A task with 朱家角's own numbers: its print view lists it. */
const townTask = () => ds.tasks.find((t) => t.allocations.some((a) => a.unit === 'zhujiajiao' && a.items.length > 0));

test('from file://, the data page and the print view open from the nav, export and import work, and the nav leads back', async () => {
  const html = await fs.readFile(FILE, 'utf8');
  assert.doesNotMatch(html, /href=["']?(index|tools)\.html/, 'no link leaves the file');
  const s = await fileSession();
  // Downloads are caught in the page (a blob clicked through <a download>), as in every engine.
  await s.context.addInitScript({ content: HOOK_SOURCE });
  const hookProblems = () => s.page.evaluate(() => window.__e2e.problems.splice(0));
  const entry = () => s.page.locator('[data-testid="app"]').getAttribute('data-entry');
  const task = townTask();
  const note = '单文件版：导出后再导入 "引号", 逗号';
  await s.page.goto(`${FILE_URL}#/task/${task.id}`);
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
  assert.equal(s.page.url(), `${FILE_URL}#/data`);
  assert.equal(await entry(), 'tools');
  assert.equal(await s.page.locator('nav a.nav-link', { hasText: '全部任务' }).getAttribute('href'), '#/');

  // Export JSON.
  await s.page.getByTestId('export-unit').selectOption('zhujiajiao');
  await s.page.getByTestId('export-json').click();
  const [download] = await s.page.waitForFunction(takeHookDownloads, 1).then((h) => h.jsonValue());
  assert.match(download.name, /^清单进度-朱家角镇-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(download.text);
  assert.equal(exported.app, 'qingdan');
  assert.ok(exported.records.some((r) => r.task === task.id && r.notes.some((n) => n.text === note)), 'the note is in the file');
  await s.page.getByTestId('export-message').filter({ hasText: download.name }).waitFor();

  // Import it back into an emptied browser: the tools' wasm again after the reload.
  await s.page.evaluate((k) => localStorage.removeItem(k), KEY);
  await s.page.reload();
  await waitForApp(s.page);
  await s.page.getByTestId('record-count').filter({ hasText: '共有 0 条' }).waitFor();
  await s.page.getByTestId('import-file').setInputFiles(jsonFile(download.name, download.text));
  const preview = s.page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /新增 1 条/);
  await s.page.getByTestId('import-merge').click();
  await s.page.getByTestId('import-message').filter({ hasText: '导入完成' }).waitFor();
  assert.deepEqual((await stored(s.page)).records, exported.records);

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
  assert.equal(s.page.url(), `${FILE_URL}#/`);
  assert.equal(await entry(), null);
  await s.page.getByTestId('task-row').nth(ds.tasks.length - 1).waitFor();
  assert.equal(await s.page.getByTestId('task-row').count(), ds.tasks.length);
  // And "back" returns to the print view, in the tools' wasm.
  await s.page.goBack();
  await waitForApp(s.page);
  await s.page.getByTestId('print-page').waitFor();

  await assertOnlyTheFile(s);
  assert.deepEqual(await hookProblems(), []);
  s.assertClean();
});
