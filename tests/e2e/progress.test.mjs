// Progress: status, amounts and notes per task and unit; stored safely; exported and imported
// without loss; user text shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, download, ds, screenshot, VIEWPORTS } from './harness.mjs';
import { App, appSession } from './app.mjs';
import { chinaDate } from './model.mjs';
import { KEY, jsonFile, seed, stored, storedText } from './share-seed.mjs';

const web = chromiumSuite();
const session = (vp = VIEWPORTS[0]) => appSession(web, vp);

/** A task that names 朱家角 with at least one quantified item. */
function roadTask() {
  return ds.tasks.find((t) => t.allocations.some((a) => a.unit === 'zhujiajiao' && a.items.length > 0));
}

/** Opens the task page with the progress editor for `unit`. */
async function openEditor(app, task, unit) {
  await app.open(`#/task/${task.id}`);
  await app.page.getByTestId('progress-unit').selectOption(unit);
  const editor = app.page.locator(`[data-testid="progress-editor"][data-unit="${unit}"]`);
  await editor.waitFor();
  return editor;
}

async function addNote(editor, text) {
  await editor.getByTestId('note-input').fill(text);
  await editor.getByTestId('note-save').click();
  await editor.getByTestId('note-text').filter({ hasText: text.slice(0, 20) }).first().waitFor();
}

test('status, amounts and notes survive a reload and show on the town page', async () => {
  const { s, app } = await session(VIEWPORTS[1]);
  const task = roadTask();
  const item = task.allocations.find((a) => a.unit === 'zhujiajiao').items[0];
  let editor = await openEditor(app, task, 'zhujiajiao');
  await editor.getByTestId('status-doing').click();
  const half = item.value / 2;
  const input = editor.getByTestId('amount-input').first();
  await input.fill(String(half));
  await input.press('Tab');
  await editor.getByTestId('amount-line').first().filter({ hasText: '50%' }).waitFor();
  await addNote(editor, '已完成一半，剩余路段 12 月初开工');
  await screenshot(s.page, 'task-progress');
  await s.page.reload();
  await s.page.getByTestId('progress-unit').selectOption('zhujiajiao');
  editor = s.page.locator('[data-testid="progress-editor"][data-unit="zhujiajiao"]');
  await editor.getByTestId('note-text').filter({ hasText: '已完成一半' }).waitFor();
  assert.equal(await editor.getByTestId('status-doing').getAttribute('aria-pressed'), 'true');
  assert.equal(await editor.getByTestId('amount-input').first().inputValue(), String(half));
  // The town page shows the status and the amount against the target.
  await app.open('#/town/zhujiajiao');
  const row = s.page.getByTestId('group-named').locator(`[data-task-id="${task.id}"]`);
  assert.match(await row.locator('.status').textContent(), /推进中/);
  assert.match(await row.getByTestId('progress-line').textContent(), new RegExp(`${item.metric} ${half} / ${item.value}${item.measure}（50%）`));
  assert.match(await s.page.getByTestId('sum-doing').textContent(), /^1/);
  await screenshot(s.page, 'town-progress');
  s.assertClean();
});

test('notes can be edited, deleted and the deletion undone', async () => {
  const { s, app } = await session();
  const editor = await openEditor(app, ds.tasks[0], 'district');
  await addNote(editor, '第一条');
  await editor.getByTestId('note-edit').click();
  await editor.getByTestId('note-edit-input').fill('第一条（已改）');
  await editor.getByTestId('note-update').click();
  await editor.getByTestId('note-text').filter({ hasText: '第一条（已改）' }).waitFor();
  await editor.getByTestId('note-delete').click();
  await editor.locator('details.deleted-notes summary').click();
  await editor.getByTestId('note-undo').click();
  await editor.getByTestId('note-text').filter({ hasText: '第一条（已改）' }).waitFor();
  assert.equal(await editor.getByTestId('note').count(), 1);
  s.assertClean();
});

test('a note with HTML is shown as text and never runs', async () => {
  const { s, app } = await session();
  let dialogs = 0;
  s.page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  const editor = await openEditor(app, ds.tasks[1], 'district');
  const evil = '<img src=x onerror=alert(1)>';
  await addNote(editor, evil);
  assert.equal(await editor.getByTestId('note-text').first().textContent(), evil);
  assert.equal(await s.page.locator('.notes img').count(), 0);
  await s.page.reload();
  await s.page.getByTestId('note-text').first().waitFor();
  assert.equal(dialogs, 0);
  s.assertClean();
});

test('an edit in one tab appears in another without reload, and neither overwrites the other', async () => {
  const { s, app } = await session();
  const pageB = await s.context.newPage();
  const appB = new App({ page: pageB }, web.server.url);
  const task = ds.tasks[2];
  const editorA = await openEditor(app, task, 'district');
  const editorB = await openEditor(appB, task, 'district');
  await addNote(editorA, '甲窗口的备注');
  await editorB.getByTestId('note-text').filter({ hasText: '甲窗口的备注' }).waitFor();
  await addNote(editorB, '乙窗口的备注');
  await editorA.getByTestId('note-text').filter({ hasText: '乙窗口的备注' }).waitFor();
  const rec = (await stored(s.page)).records.find((r) => r.task === task.id && r.unit === 'district');
  assert.deepEqual(rec.notes.map((n) => n.text).sort(), ['乙窗口的备注', '甲窗口的备注'].sort());
  s.assertClean();
});

test('export JSON, then import it into a fresh profile: everything is back', async () => {
  const { s, app } = await session(VIEWPORTS[1]);
  const task = roadTask();
  const editor = await openEditor(app, task, 'zhujiajiao');
  await editor.getByTestId('status-done').click();
  await addNote(editor, '逗号,引号"和换行\n第二行 🚜 =SUM(A1)');
  await app.open('#/data');
  await s.page.getByTestId('export-unit').selectOption('zhujiajiao');
  const file = await download(s.page, s.page.getByTestId('export-json'));
  // The app dates files in China time (UTC+8), whatever the browser's time zone.
  assert.equal(file.name, `清单进度-朱家角镇-${chinaDate(Date.now())}.json`);
  const exported = JSON.parse(file.text);
  assert.equal(exported.app, 'qingdan');
  assert.equal(exported.dataset_hash, ds.meta.content_hash);
  assert.equal(exported.export.unit, 'zhujiajiao');
  // CSV for Excel: BOM, CRLF, the risky note guarded.
  const { text: csv } = await download(s.page, s.page.getByTestId('export-csv'));
  assert.ok(csv.startsWith('\uFEFF'));
  assert.ok(csv.includes('\r\n'));
  assert.ok(csv.includes('"'), 'quoted cells');
  // The brief for the chat group.
  assert.match(await s.page.getByTestId('brief').textContent(), /朱家角镇/);
  await screenshot(s.page, 'data');
  s.assertClean();
  // Downloads vanish with their context: the file's text is kept for the fresh profile.
  await s.context.close();

  const fresh = await session(VIEWPORTS[0]);
  await fresh.app.open('#/data');
  await fresh.s.page.getByTestId('import-file').setInputFiles(jsonFile(file.name, file.text));
  const preview = fresh.s.page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /新增 1 条/);
  await fresh.s.page.getByTestId('import-merge').click();
  await fresh.s.page.getByTestId('import-message').filter({ hasText: '导入完成' }).waitFor();
  assert.deepEqual((await stored(fresh.s.page)).records, exported.records);
  const ed = await openEditor(fresh.app, task, 'zhujiajiao');
  await ed.getByTestId('note-text').filter({ hasText: '第二行' }).waitFor();
  assert.equal(await ed.getByTestId('status-done').getAttribute('aria-pressed'), 'true');
  // Undo restores the state before the import.
  await fresh.app.open('#/data');
  await fresh.s.page.getByTestId('import-undo').click();
  await fresh.s.page.getByTestId('import-message').filter({ hasText: '已恢复' }).waitFor();
  assert.match(await fresh.s.page.getByTestId('record-count').textContent(), /共有 0 条/);
  fresh.s.assertClean();
});

test('a malformed import file is rejected in Chinese and changes nothing', async () => {
  const { s, app } = await session();
  const editor = await openEditor(app, ds.tasks[3], 'district');
  await addNote(editor, '导入前的数据');
  const before = await storedText(s.page);
  await app.open('#/data');
  for (const [name, body, pattern] of [
    ['bad.json', '{"app":"qingdan", "schema": 1, "records": [', /JSON|截断|不完整/],
    ['other.json', JSON.stringify({ app: 'something-else', schema: 1 }), /清单/],
    ['newer.json', JSON.stringify({ app: 'qingdan', schema: 99, dataset_id: ds.meta.id, dataset_hash: ds.meta.content_hash, records: [] }), /版本/],
  ]) {
    await s.page.getByTestId('import-file').setInputFiles(jsonFile(name, body));
    const msg = s.page.getByTestId('import-message');
    await msg.waitFor();
    assert.match(await msg.textContent(), pattern, name);
    assert.equal(await msg.getAttribute('role'), 'alert');
    assert.equal(await s.page.getByTestId('import-preview').count(), 0);
  }
  assert.equal(await storedText(s.page), before);
  s.assertClean();
});

test('corrupt stored data is kept verbatim under a backup key and the user is told', async () => {
  const { s, app } = await session();
  await s.page.addInitScript((k) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, '{"app":"qingdan", broken');
      sessionStorage.setItem('seeded', '1');
    }
  }, KEY);
  await app.open();
  const notice = s.page.getByTestId('notice').first();
  await notice.waitFor();
  assert.match(await notice.textContent(), /损坏/);
  const backups = await s.page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('qingdan.backup.corrupt.')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(backups, ['{"app":"qingdan", broken']);
  // The app keeps working and the next edit is saved.
  const editor = await openEditor(app, ds.tasks[4], 'district');
  await addNote(editor, '损坏之后的新备注');
  assert.match(await storedText(s.page), /损坏之后的新备注/);
  s.assertClean();
});

test('a full storage keeps the edit on screen, says so, and retry saves it', async () => {
  const { s, app } = await session();
  await s.page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    window.__failWrites = true;
    Storage.prototype.setItem = function (k, v) {
      if (window.__failWrites && k === 'qingdan.progress.v1') {
        throw new DOMException('quota', 'QuotaExceededError');
      }
      return real.call(this, k, v);
    };
  });
  const editor = await openEditor(app, ds.tasks[5], 'district');
  await addNote(editor, '空间不足时写的备注');
  const notice = s.page.getByTestId('notice').filter({ hasText: '空间' });
  await notice.waitFor();
  assert.equal(await editor.getByTestId('note-text').first().textContent(), '空间不足时写的备注');
  assert.equal(await storedText(s.page), null);
  await s.page.evaluate(() => { window.__failWrites = false; });
  await s.page.getByTestId('retry-save').click();
  await notice.waitFor({ state: 'detached' });
  assert.match(await storedText(s.page), /空间不足时写的备注/);
  s.assertClean();
});

test('data from a newer app version opens read-only and is never overwritten', async () => {
  const { s, app } = await session();
  const newer = JSON.stringify({ app: 'qingdan', schema: 99, dataset_id: ds.meta.id, dataset_hash: ds.meta.content_hash, records: [], future_field: true });
  await seed(s.page, web.server.url, newer);
  await app.open(`#/task/${ds.tasks[0].id}`);
  await s.page.getByTestId('notice').first().waitFor();
  assert.match(await s.page.getByTestId('notice').first().textContent(), /新版本|版本/);
  const editor = s.page.getByTestId('progress-editor');
  assert.equal(await editor.getByTestId('status-done').isDisabled(), true);
  assert.equal(await editor.getByTestId('note-input').isDisabled(), true);
  assert.equal(await storedText(s.page), newer);
  s.assertClean();
});
