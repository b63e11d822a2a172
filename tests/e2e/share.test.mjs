// Sharing progress as a link or QR code (tools.html#/share/<unit>) and opening it
// (tools.html#/receive/<payload>), on the release build in Chromium: profile A records 朱家角镇's
// progress; its share page shows the link, its length and its QR code (read back with zbarimg);
// the link opens in a fresh profile B with a preview, merges to exactly A's records (status and
// amounts only for the short link), leaves the address bar, is not offered again on reload, and
// is undone in one click; damaged and truncated links are refused in Chinese and change nothing;
// a link over the chat limit offers the short link and the file; read-only storage cannot merge.
// A link made for another task list is refused naming the list: the payload cannot be crafted
// from JavaScript, so tests/share.rs checks that (a_link_for_another_list_is_refused_naming_it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumSuite, download, ds, screenshot, waitForApp, VIEWPORTS } from './harness.mjs';
import { chinaDate } from './model.mjs';
import { doc, seed, stored, storedText, tasksForUnit, unitProgress } from './share-seed.mjs';

const web = chromiumSuite();

const UNIT = 'zhujiajiao';
/** zbarimg (Debian's zbar-tools, installed by scripts/setup.sh), or null. */
function zbarimg() {
  try {
    return execFileSync('sh', ['-c', 'command -v zbarimg'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
/** A note with CJK, an emoji, both kinds of quotes and a newline. */
const NOTE = '朱家角：“河道整治”已完成 🚜\n第二行 "quoted", 含逗号';
/** Longest link for a chat message (src/domain/share.rs MAX_CHAT_LINK_CHARS). */
const MAX_CHAT = 2000;

/** Profile A's stored document, and the links its share page made (filled in by `profileA`). */
const A = { doc: null, full: '', short: '' };

const zhujiajiao = (d) => d.records.filter((r) => r.unit === UNIT);
const payloadOf = (link) => link.slice(link.indexOf('#/receive/') + '#/receive/'.length);

/**
 * The browser problems these tests allow: the page icon's request, which a page left right after
 * it loaded may abort (these tests go from page to page quickly). `s.assertClean(ICON_ABORTED)`.
 */
const ICON_ABORTED = /^request failed: \S+\/icon-[0-9a-f]+\.svg net::ERR_ABORTED$/;

/**
 * A fresh profile at `vp` whose stored progress is `document` (none when it is null), with no
 * page open yet.
 */
async function profile(vp, document = null) {
  const s = await web.session(vp);
  if (document !== null) await seed(s.page, web.server.url, document);
  return s;
}

/** Opens the share page of `unit` and waits for its link (or its "nothing to share"). */
async function openShare(page, unit = UNIT) {
  await page.goto(`${web.server.url}tools.html#/share/${unit}`);
  await waitForApp(page);
  await page.getByRole('heading', { name: '分享进度' }).waitFor();
  await page.locator('[data-testid="share-url"], [data-testid="share-nothing"]').first().waitFor();
}

/** Opens a share link and waits for its preview. */
async function openLink(page, link) {
  await page.goto(link);
  await waitForApp(page);
  await page.getByTestId('receive-preview').waitFor();
}

/** The link shown, and checks that the length shown is its length. */
async function shownLink(page) {
  const link = await page.getByTestId('share-url').inputValue();
  assert.equal(await page.getByTestId('share-length').textContent(), `链接长度：${[...link].length} 字符`);
  return link;
}

/**
 * Profile A, once: 朱家角镇's status and amounts on each of its tasks, plus one note entered in
 * the editor; then the links of its share page.
 */
async function profileA() {
  if (A.doc) return A;
  const s = await profile(VIEWPORTS[0], unitProgress(ds, UNIT));
  const task = tasksForUnit(ds, UNIT)[0];
  await s.open(`index.html#/task/${task.id}`);
  await s.page.getByTestId('progress-unit').selectOption(UNIT);
  const editor = s.page.locator(`[data-testid="progress-editor"][data-unit="${UNIT}"]`);
  await editor.getByTestId('note-input').fill(NOTE);
  await editor.getByTestId('note-save').click();
  await editor.getByTestId('note-text').filter({ hasText: '第二行' }).waitFor();
  A.doc = await stored(s.page);
  assert.equal(zhujiajiao(A.doc).length, tasksForUnit(ds, UNIT).length);
  await openShare(s.page);
  A.full = await shownLink(s.page);
  await s.page.getByTestId('scope-short').check();
  await s.page.waitForFunction((full) => document.querySelector('[data-testid="share-url"]').value !== full, A.full);
  A.short = await shownLink(s.page);
  s.assertClean(ICON_ABORTED);
  await s.context.close();
  return A;
}

test('the share page shows the link, its length and a QR code that reads back as the link', async () => {
  await profileA();
  for (const vp of VIEWPORTS) {
    const s = await profile(vp, A.doc);
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.server.origin });
    await openShare(s.page);
    const page = s.page;
    // The unit from the URL is preselected; everything is shared by default.
    assert.equal(await page.getByTestId('share-unit').inputValue(), UNIT);
    assert.ok(await page.getByTestId('scope-full').isChecked());
    const link = await shownLink(page);
    // Made from this page's address: the same folder's tools.html, the payload after #/receive/.
    assert.ok(link.startsWith(`${web.server.url}tools.html#/receive/1`), link);
    assert.ok(link.length <= MAX_CHAT, `${link.length} characters`);
    assert.equal(await page.getByTestId('share-too-long').count(), 0);
    // The payload carries the export time, so each page's link differs from A's in a few
    // characters only.
    assert.ok(Math.abs(link.length - A.full.length) <= 4, `${link.length} vs ${A.full.length}`);

    // 复制链接: the clipboard holds the link, and the live region says so.
    await page.getByTestId('share-copy').click();
    await page.getByTestId('share-message').filter({ hasText: '链接已复制' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    // The QR code: an image with a name, its version and size, large and phone-readable.
    const qr = page.getByRole('img', { name: '进度链接二维码' });
    const version = Number(await qr.getAttribute('data-version'));
    const modules = 17 + 4 * version;
    assert.equal(await page.getByTestId('qr-caption').textContent(), `二维码版本 ${version}（${modules}×${modules}）`);
    assert.ok(version <= 20, `version ${version} is phone-readable`);
    assert.equal(await page.getByTestId('qr-too-dense').count(), 0);
    await qr.scrollIntoViewIfNeeded();
    const box = await qr.boundingBox();
    assert.ok(box.width >= Math.min(330, vp.width - 60) && box.width <= 361, `QR ${box.width} px wide`);
    assert.equal(Math.round(box.width), Math.round(box.height));
    // Read back from a screenshot by a real decoder.
    const zbar = zbarimg();
    assert.ok(zbar, "zbarimg is missing: scripts/setup.sh should install it (Debian's zbar-tools)");
    const file = path.join(os.tmpdir(), `qingdan-qr-${process.pid}-${vp.width}.png`);
    const m = 12;
    await page.screenshot({ path: file, clip: { x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m } });
    const read = execFileSync(zbar, ['--raw', '-q', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\n$/, '');
    assert.equal(read, link, 'the QR code reads back as the link shown');
    await fs.rm(file);
    console.log(
      `  ${vp.width} px: link ${link.length} characters (all, with 1 note), QR version ${version} (${modules}×${modules}), ${Math.round(box.width)} px`,
    );
    await screenshot(page, 'share');

    // The short link: status and amounts only, every task of the unit (the usual report).
    await page.getByTestId('scope-short').check();
    await page.waitForFunction((l) => document.querySelector('[data-testid="share-url"]').value !== l, link);
    const short = await shownLink(page);
    assert.ok(short.length < link.length);
    const shortVersion = Number(await qr.getAttribute('data-version'));
    console.log(
      `  ${vp.width} px: 朱家角镇 every task status + amount: link ${short.length} characters, QR version ${shortVersion}`,
    );

    // Another unit, chosen in the selector: the URL follows (no new history entry), and a unit
    // with no progress has no link.
    const entries = await page.evaluate(() => history.length);
    await page.getByTestId('share-unit').selectOption('baihe');
    await page.getByTestId('share-nothing').filter({ hasText: '该单位尚无进度记录' }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), '#/share/baihe');
    assert.equal(await page.evaluate(() => history.length), entries);
    assert.equal(await page.getByTestId('share-url').count(), 0);
    assert.equal(await page.getByRole('img', { name: '进度链接二维码' }).count(), 0);
    // Back to 朱家角镇 through the address bar (a hash change to the unit first shown).
    await page.evaluate(() => { location.hash = '#/share/zhujiajiao'; });
    await page.getByTestId('share-url').waitFor();
    assert.equal(await page.getByTestId('share-unit').inputValue(), UNIT);
    s.assertClean(ICON_ABORTED);
    await s.context.close();
  }
});

test('the link opens in a fresh profile: preview, merge to exactly the same records, gone from the URL, undo', async () => {
  await profileA();
  // B has its own district record and an older status of 朱家角's first task.
  const first = tasksForUnit(ds, UNIT)[0].id;
  const own = [
    { task: 9, unit: 'district', status: 'done', status_updated_at: Date.UTC(2022, 10, 1), amounts: {}, notes: [], updated_at: Date.UTC(2022, 10, 1) },
    { task: first, unit: UNIT, status: 'not_started', status_updated_at: Date.UTC(2022, 9, 1), amounts: {}, notes: [], updated_at: Date.UTC(2022, 9, 1) },
  ].sort((a, b) => a.task - b.task || a.unit.localeCompare(b.unit)); // as the app stores them
  const n = zhujiajiao(A.doc).length;
  for (const vp of VIEWPORTS) {
    const s = await profile(vp, doc(ds, own));
    const page = s.page;
    await openLink(page, A.full);
    const preview = page.getByTestId('receive-preview');
    const before = await stored(page);
    assert.deepEqual(before.records, own);
    assert.equal(await page.getByTestId('receive-unit').textContent(), '朱家角镇');
    assert.match(await page.getByTestId('receive-made').textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(await page.getByTestId('receive-contents').textContent(), `${n} 条进度记录，1 条备注`);
    assert.equal(
      await page.getByTestId('receive-counts').textContent(),
      `新增 ${n - 1} 条，更新 1 条，较旧跳过 0 条，相同 0 条，无法识别 0 条`,
    );
    await screenshot(page, 'receive');

    await page.getByTestId('receive-merge').click();
    await page.getByTestId('receive-message').filter({ hasText: `已合并：新增 ${n - 1} 条、更新 1 条` }).waitFor();
    const after = await stored(page);
    // 朱家角's records are exactly A's (the older status lost to A's); B's own record is kept.
    assert.deepEqual(zhujiajiao(after), zhujiajiao(A.doc));
    assert.deepEqual(after.records.filter((r) => r.unit === 'district'), own.filter((r) => r.unit === 'district'));
    const note = zhujiajiao(after).flatMap((r) => r.notes).map((x) => x.text);
    assert.deepEqual(note, [NOTE]);
    // The payload left the address bar: a reload or a bookmark does not offer it again.
    const hash = await page.evaluate(() => location.hash);
    assert.equal(hash, '#/receive/');
    assert.ok(!hash.includes(payloadOf(A.full).slice(0, 20)));
    // The way to the unit's own page.
    assert.equal(await page.getByTestId('receive-view').getAttribute('href'), 'index.html#/town/zhujiajiao');
    assert.equal(await page.getByTestId('receive-view').textContent(), '查看该单位进度');
    await screenshot(page, 'receive-merged');

    // 撤销合并: B's document is back as it was (records; the revision moves on).
    await page.getByTestId('receive-undo').click();
    await page.getByTestId('receive-message').filter({ hasText: '已撤销' }).waitFor();
    assert.deepEqual((await stored(page)).records, before.records);

    await page.reload();
    await waitForApp(page);
    await page.getByTestId('receive-paste').waitFor();
    assert.equal(await page.getByTestId('receive-preview').count(), 0);
    assert.deepEqual((await stored(page)).records, before.records);

    // Pasting the link into the page's box opens it again, on purpose.
    await page.getByTestId('receive-paste').fill(`  ${A.full}\n`);
    await page.getByTestId('receive-open').click();
    await preview.waitFor();
    await page.getByTestId('receive-cancel').click();
    await page.getByTestId('receive-message').filter({ hasText: '已取消' }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), '#/receive/');
    assert.deepEqual((await stored(page)).records, before.records);
    s.assertClean(ICON_ABORTED);
    await s.context.close();
  }
});

test('the short link carries status and amounts, not the notes', async () => {
  await profileA();
  const s = await profile(VIEWPORTS[0]);
  const page = s.page;
  await openLink(page, A.short);
  const n = zhujiajiao(A.doc).length;
  assert.equal(await page.getByTestId('receive-contents').textContent(), `${n} 条进度记录（不含备注）`);
  await page.getByTestId('receive-merge').click();
  await page.getByTestId('receive-message').filter({ hasText: `新增 ${n} 条` }).waitFor();
  const got = zhujiajiao(await stored(page));
  const want = zhujiajiao(A.doc);
  assert.equal(got.length, want.length);
  for (const [g, w] of got.map((g, i) => [g, want[i]])) {
    assert.equal(g.task, w.task);
    assert.equal(g.status, w.status);
    assert.equal(g.status_updated_at, w.status_updated_at);
    assert.deepEqual(g.amounts, w.amounts);
    assert.deepEqual(g.notes, []);
  }
  s.assertClean(ICON_ABORTED);
});

test('a damaged or truncated link is refused in Chinese and changes nothing', async () => {
  await profileA();
  const s = await profile(VIEWPORTS[0], doc(ds, [{ task: 3, unit: 'district', status: 'blocked', status_updated_at: 5, amounts: {}, notes: [], updated_at: 5 }]));
  const page = s.page;
  const payload = payloadOf(A.full);
  const i = Math.floor(payload.length / 2);
  const changed = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
  const cases = [
    ['one character changed', changed],
    ['truncated', payload.slice(0, -9)],
  ];
  // The first opens with a page load, the second by a hash change on the open page.
  let loaded = false;
  for (const [what, bad] of cases) {
    const url = `${web.server.url}tools.html#/receive/${bad}`;
    const before = loaded ? await stored(page) : null;
    if (loaded) {
      await page.evaluate((h) => { location.hash = h; }, `#/receive/${bad}`);
    } else {
      await page.goto(url);
      await waitForApp(page);
      loaded = true;
    }
    const error = page.getByTestId('receive-error');
    await error.waitFor();
    assert.match(await error.textContent(), /无法打开这个链接.*链接不完整或已损坏.*本机数据没有任何改动/, what);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await page.getByTestId('receive-preview').count(), 0, what);
    // The data page (file import) is on this same page, tools.html.
    assert.equal(await page.getByTestId('receive-to-data').getAttribute('href'), '#/data');
    // Kept in the address bar, to copy or retry.
    assert.equal(await page.evaluate(() => location.hash), `#/receive/${bad}`);
    const now = await stored(page);
    assert.equal(now.records.length, 1, what);
    if (before) assert.deepEqual(now, before, what);
    if (!before) await screenshot(page, 'receive-error');
  }
  s.assertClean(ICON_ABORTED);
});

test('a link over the chat limit says so and offers the short link and the file', async () => {
  await profileA();
  // A ~60-character note on every task: the whole link is far over 2 000 characters.
  const long = unitProgress(ds, UNIT, {
    note: (task, i) => `第${i + 1}项：${task.name.slice(0, 24)}，进展情况已于本周报送区农业农村委，待复核。`,
  });
  const s = await profile(VIEWPORTS[0], long);
  const page = s.page;
  await openShare(page);
  const link = await shownLink(page);
  assert.ok(link.length > MAX_CHAT, `${link.length}`);
  const warning = page.getByTestId('share-too-long');
  assert.match(await warning.textContent(), new RegExp(`链接有 ${link.length} 字符，超过 2000 字符。微信、钉钉等聊天软件可能`));
  // The QR code of so long a link is too dense for a phone (or too long for any QR code).
  await page.locator('[data-testid="qr-too-dense"], [data-testid="qr-too-long"]').first().waitFor();
  await screenshot(page, 'share-too-long');
  // The file: the data page's JSON export of the unit.
  const exported = await download(page, warning.getByTestId('share-export'));
  assert.equal(exported.name, `清单进度-朱家角镇-${chinaDate(Date.now())}.json`);
  const file = JSON.parse(exported.text);
  assert.equal(file.export.unit, UNIT);
  assert.deepEqual(file.records, zhujiajiao(await stored(page)));
  await page.getByTestId('share-message').filter({ hasText: '已生成文件' }).waitFor();
  // The short link fits.
  const offered = Number((await warning.getByTestId('share-use-shorter').textContent()).match(/^改用不含备注的链接（(\d+) 字符）$/)[1]);
  await warning.getByTestId('share-use-shorter').click();
  await page.waitForFunction((l) => document.querySelector('[data-testid="share-url"]').value !== l, link);
  const short = await shownLink(page);
  assert.equal(offered, short.length);
  assert.ok(short.length <= MAX_CHAT);
  assert.ok(await page.getByTestId('scope-short').isChecked());
  assert.equal(await page.getByTestId('share-too-long').count(), 0);
  assert.equal(await page.getByTestId('qr-too-dense').count(), 0);
  s.assertClean(ICON_ABORTED);
});

test('read-only storage (data of a newer app version) cannot merge, and says why', async () => {
  await profileA();
  const newer = { ...doc(ds, []), schema: 99 };
  const s = await profile(VIEWPORTS[0], newer);
  const page = s.page;
  await openLink(page, A.full);
  assert.ok(await page.getByTestId('receive-merge').isDisabled());
  assert.match(await page.getByTestId('receive-read-only').textContent(), /^无法合并：当前为只读模式/);
  assert.equal(await storedText(page), JSON.stringify(newer));
  s.assertClean(ICON_ABORTED);
});

test('a share page without a unit, or with one the list does not have, asks for one', async () => {
  await profileA();
  const s = await profile(VIEWPORTS[0], A.doc);
  const page = s.page;
  for (const hash of ['#/share', '#/share/nowhere']) {
    await s.open(`tools.html${hash}`);
    await page.getByText('请先选择要分享进度的单位。').waitFor();
    assert.equal(await page.getByTestId('share-unit').inputValue(), '');
    assert.equal(await page.getByTestId('share-unknown-unit').count(), hash.endsWith('nowhere') ? 1 : 0);
    assert.equal(await page.getByTestId('share-url').count(), 0);
  }
  assert.match(await page.getByTestId('share-unknown-unit').textContent(), /“nowhere”不在本清单中/);
  // Picking a unit makes its link, and the URL names it.
  await page.getByTestId('share-unit').selectOption(UNIT);
  await shownLink(page);
  assert.equal(await page.evaluate(() => location.hash), '#/share/zhujiajiao');
  assert.equal(await page.getByTestId('share-unknown-unit').count(), 0);
  // The district level is a choice too.
  await page.getByTestId('share-unit').selectOption({ label: '区级' });
  await page.getByTestId('share-nothing').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/share/district');
  s.assertClean(ICON_ABORTED);
});
