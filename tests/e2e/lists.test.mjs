// Task lists beside the built-in one: paste next year's table, read the report, save, open it,
// record progress in each list and find both after a reload; a link to a list this browser does
// not have names it; bad tables are refused with nothing stored; removing a list offers its
// progress first. The second list is tests/fixtures/list-2023.* (written for the tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromiumSuite, download, ds, ROOT, screenshot, VIEWPORTS } from './harness.mjs';

const web = chromiumSuite();
const TSV = await fs.readFile(path.join(ROOT, 'tests/fixtures/list-2023.tsv'), 'utf8');
const TXT = await fs.readFile(path.join(ROOT, 'tests/fixtures/list-2023.txt'), 'utf8');
const ID = 'qingpu-2023';
const TITLE = '2023年青浦区乡村振兴重点任务清单';

/** The lists page of a fresh profile (or of `s`). */
async function listsPage(s, viewport = VIEWPORTS[1]) {
  s ??= await web.session(viewport);
  await s.open('tools.html#/lists');
  await s.page.getByTestId('lists-page').waitFor();
  return s;
}

/** Pastes `text`, reads it and waits for the report. */
async function readPasted(page, text) {
  await page.getByTestId('list-paste').fill(text);
  await page.getByTestId('list-read').click();
}

/** Adds the 2023 list from its spreadsheet copy. */
async function add2023(s) {
  await readPasted(s.page, TSV);
  await s.page.getByTestId('list-report').waitFor();
  await s.page.getByTestId('list-save').click();
  await s.page.getByTestId('list-open-saved').waitFor();
}

/** Adds a note to the first task of the open list for the first unit its editor offers. */
async function noteOnFirstTask(s, text) {
  await s.page.getByTestId('task-row').first().locator('a').first().click();
  const unit = s.page.getByTestId('progress-unit');
  await unit.waitFor();
  const value = await unit.locator('option').nth(0).getAttribute('value');
  await unit.selectOption(value);
  const editor = s.page.locator(`[data-testid="progress-editor"][data-unit="${value}"]`);
  await editor.getByTestId('note-input').fill(text);
  await editor.getByTestId('note-save').click();
  await editor.getByTestId('note-text').filter({ hasText: text }).waitFor();
  return { hash: new URL(s.page.url()).hash, unit: value };
}

async function notesOn(s, hash, unit) {
  await s.open(hash);
  await s.page.getByTestId('progress-unit').selectOption(unit);
  return s.page
    .locator(`[data-testid="progress-editor"][data-unit="${unit}"]`)
    .getByTestId('note-text')
    .allTextContents();
}

const title = (page) => page.locator('.topbar-title').textContent();

test('paste a second list, switch to it, record notes in both lists, both kept after reload', async () => {
  const s = await listsPage();
  await readPasted(s.page, TSV);
  const report = s.page.getByTestId('list-report');
  await report.waitFor();
  assert.match(await s.page.getByTestId('list-report-tasks').textContent(), /读到 10 项任务，2023年度，清单编号 qingpu-2023/);
  // A name that looks like a unit but is none of the 12 is shown for the user to decide.
  assert.match(await s.page.getByTestId('list-report-unknown').textContent(), /青浦工业园区/);
  await screenshot(s.page, 'lists-report');
  // Nothing is stored before 保存清单.
  assert.equal(await s.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qingdan.list.')).length), 0);
  await s.page.getByTestId('list-save').click();
  await s.page.getByTestId('list-open-saved').waitFor();
  assert.equal(await s.page.locator(`[data-testid="list-item"][data-list-id="${ID}"]`).count(), 1);
  await screenshot(s.page, 'lists-page');

  await s.page.getByTestId('list-open-saved').click();
  await s.page.waitForURL(/index\.html#\/\?l=qingpu-2023$/);
  await s.page.getByTestId('task-row').first().waitFor();
  assert.equal(await title(s.page), TITLE);
  assert.equal(await s.page.getByTestId('task-row').count(), 10);
  const n23 = await noteOnFirstTask(s, '2023年的备注');
  assert.match(n23.hash, /l=qingpu-2023/, 'links keep the list');

  // Back to the built-in list from the top bar.
  await s.page.getByTestId('list-switch').selectOption({ index: 0 });
  await s.page.waitForURL((u) => !u.hash.includes('l='));
  await s.page.getByTestId('task-row').first().waitFor();
  assert.equal(await title(s.page), ds.meta.title);
  const n22 = await noteOnFirstTask(s, '2022年的备注');
  assert.doesNotMatch(n22.hash, /l=/);

  await s.page.reload();
  assert.deepEqual(await notesOn(s, n22.hash, n22.unit), ['2022年的备注']);
  assert.deepEqual(await notesOn(s, n23.hash, n23.unit), ['2023年的备注']);
  assert.equal(await title(s.page), TITLE);
  const keys = await s.page.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(keys.includes('qingdan.progress.v1') && keys.includes(`qingdan.l.${ID}.progress.v1`), keys.join(' '));
  s.assertClean();
});

test('a shared link to the second list, opened in a fresh profile, names the missing list', async () => {
  const s = await listsPage();
  await add2023(s);
  await s.open(`index.html#/?l=${ID}`);
  const { unit } = await noteOnFirstTask(s, '分享的进度');
  await s.open(`tools.html#/share/${unit}?l=${ID}`);
  const link = await s.page.getByTestId('share-url').inputValue();
  assert.match(link, /tools\.html#\/receive\/[^?]+\?l=qingpu-2023$/);
  // The sender's own browser has the list: the link opens its import preview.
  await s.page.goto(link);
  await s.page.getByTestId('receive-page').waitFor();

  const fresh = await web.session(VIEWPORTS[0]);
  await fresh.page.goto(link);
  const missing = fresh.page.getByTestId('list-missing');
  await missing.waitFor();
  const message = await missing.textContent();
  assert.match(message, /青浦区2023年清单/);
  assert.match(message, /qingpu-2023/);
  await screenshot(fresh.page, 'lists-missing');
  // Its way out: the lists page, where the list can be added.
  await missing.getByRole('link', { name: '添加或切换清单' }).click();
  await fresh.page.getByTestId('lists-page').waitFor();
  fresh.assertClean();
  s.assertClean();
});

test('the source document shape reads the same; text that is no task table is refused and nothing is stored', async () => {
  const s = await listsPage();
  await readPasted(s.page, TXT);
  await s.page.getByTestId('list-report').waitFor();
  assert.match(await s.page.getByTestId('list-report-tasks').textContent(), /读到 10 项任务/);

  await readPasted(s.page, '这不是任务表\n只是两行字');
  const refused = s.page.getByTestId('list-refused');
  await refused.waitFor();
  assert.ok((await refused.textContent()).length > 10);
  assert.equal(await s.page.getByTestId('list-report').count(), 0);

  // A row with a cell missing is reported with its line; the other rows are read.
  const lines = TSV.split('\r\n');
  const row = lines.findIndex((l) => /^\t?\d+\t/.test(l) || /^[^\t]*\t\d+\t\d+\t/.test(l));
  assert.ok(row > 0, 'a task row in the fixture');
  lines[row] = lines[row].split('\t').slice(0, 4).join('\t');
  await readPasted(s.page, lines.join('\r\n'));
  const errors = s.page.getByTestId('list-report-errors');
  await errors.waitFor();
  // Line numbers count physical lines: the header's quoted cell holds a line break of its own.
  const line = (lines.slice(0, row).join('\r\n') + '\r\n').split('\n').length;
  assert.match(await errors.textContent(), new RegExp(`第 ${line} 行：这一行有 4 个单元格`));
  assert.equal(await s.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qingdan.list.')).length), 0);
  s.assertClean();
});

test('removing a list offers its progress as a file first, then removes it and its progress', async () => {
  const s = await listsPage(undefined, VIEWPORTS[0]);
  await add2023(s);
  await s.open(`index.html#/?l=${ID}`);
  await s.page.getByTestId('list-switch').waitFor();
  await screenshot(s.page, 'lists-switch');
  await noteOnFirstTask(s, '删除前的备注');
  await listsPage(s);
  await screenshot(s.page, 'lists-page');
  const item = s.page.locator(`[data-testid="list-item"][data-list-id="${ID}"]`);
  await item.getByTestId('list-remove').click();
  const confirm = item.getByTestId('list-confirm');
  await confirm.waitFor();
  assert.match(await confirm.textContent(), /1 条进度/);
  const file = await download(s.page, () => confirm.getByTestId('list-export').click());
  const body = JSON.parse(file.text);
  assert.equal(body.dataset_id, ID);
  assert.equal(body.dataset_title, TITLE);
  await confirm.getByTestId('list-remove-confirm').click();
  await s.page.getByTestId('lists-message').filter({ hasText: '已删除' }).waitFor();
  assert.equal(await item.count(), 0);
  const keys = await s.page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys.filter((k) => k.includes(ID)), []);
  s.assertClean();
});
