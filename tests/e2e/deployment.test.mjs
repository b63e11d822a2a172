// A deployment, whatever list it embeds: the smoke test `scripts/build-list.sh` runs against the
// dist it builds for another list, and command B against the default one.
//
// The list is the dataset JSON the dist embeds: `QINGDAN_DATASET` (as for the build: absolute, or
// relative to the repository; unset, the default list), the dist `QINGDAN_DIST` (unset, dist/).
// Every expectation comes from that JSON: the titles, the tasks shown, the first and the last
// task's pages, a town's own numbers, a note kept over a reload. And the pre-rendered top bar and
// rows (src/prerender.rs, from the app's own components) are the live app's, element for element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, ROOT, launch, openPage, serveDir, waitForApp } from './harness.mjs';
import { App } from './app.mjs';
import { assignmentSummary, townGroups } from './model.mjs';
import { pageAssets } from '../../scripts/build/sizes.mjs';
import { TOOLS } from '../../scripts/build/tools-page.mjs';
import { esc } from '../../scripts/build/util.mjs';

const DEFAULT_LIST = 'src/data/qingpu-2022.json';
const DATASET = path.resolve(ROOT, process.env.QINGDAN_DATASET || DEFAULT_LIST);
/** How many results the list page shows before "显示更多" (`PAGE` in src/pages/tasks.rs). */
const PAGE = 100;
/** The app's short name (src/text.rs `APP_NAME`). */
const APP_NAME = '清单';

let ds;
let server;
let browser;
before(async () => {
  ds = JSON.parse(await fs.readFile(DATASET, 'utf8'));
  server = await serveDir(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const read = (name) => fs.readFile(path.join(DIST, name), 'utf8');

async function session() {
  const s = await openPage(browser, server.origin, { width: 1280, height: 800 });
  return { s, app: new App(s, server.url) };
}

test('the dist embeds this list, and its pages, manifest and worker name no other', async () => {
  const id = Buffer.from(`"id":${JSON.stringify(ds.meta.id)}`);
  for (const page of ['index.html', TOOLS]) {
    for (const wasm of pageAssets(DIST, page).wasm) {
      assert.ok((await fs.readFile(path.join(DIST, wasm))).includes(id), `${page}'s ${wasm} embeds ${ds.meta.id}`);
    }
  }
  const title = esc(ds.meta.title);
  const index = await read('index.html');
  assert.ok(index.includes(`<title>${title} · ${APP_NAME}</title>`), 'index.html is titled after the list');
  assert.ok(index.includes(`<meta name="description" content="${title}的`), "index.html's description");
  assert.ok(index.includes(`<h1 class="topbar-title">${title}</h1>`), "index.html's pre-rendered heading");
  const tools = await read(TOOLS);
  assert.ok(tools.includes(`<h1 class="topbar-title">${title}</h1>`), "tools.html's heading");
  assert.ok(tools.includes(`<meta name="description" content="${title}的`), "tools.html's description");
  const manifest = JSON.parse(await read('manifest.webmanifest'));
  assert.equal(manifest.name, ds.meta.title);
  assert.ok(manifest.description.startsWith(ds.meta.title), manifest.description);
  const other = JSON.parse(await fs.readFile(path.join(ROOT, DEFAULT_LIST), 'utf8')).meta.title;
  if (other !== ds.meta.title) {
    for (const file of ['index.html', 'compat.html', TOOLS, 'manifest.webmanifest', 'sw.js', 'qingdan-offline.html']) {
      assert.ok(!(await read(file)).includes(other), `${file} does not name the default list "${other}"`);
    }
  }
});

test('the list page shows the title and the tasks of the list', async () => {
  const { s, app } = await session();
  await app.open('');
  assert.equal(await s.page.locator('h1.topbar-title').textContent(), ds.meta.title);
  const shown = Math.min(ds.tasks.length, PAGE);
  await s.page.waitForFunction((n) => document.querySelectorAll('[data-testid="task-row"]').length === n, shown);
  assert.deepEqual(await app.taskIds(), ds.tasks.slice(0, shown).map((t) => t.id));
  assert.equal(await app.resultCount(), `显示 ${ds.tasks.length} / ${ds.tasks.length} 项`);
  assert.equal(await s.page.getByTestId('show-more').count(), ds.tasks.length > PAGE ? 1 : 0);
  s.assertClean();
  await s.context.close();
});

test('the first and the last task have their pages', async () => {
  const { s, app } = await session();
  for (const task of [ds.tasks[0], ds.tasks[ds.tasks.length - 1]]) {
    await app.open(`#/task/${task.id}`);
    const detail = s.page.locator(`[data-testid="task-detail"][data-task-id="${task.id}"]`);
    await detail.waitFor();
    assert.ok((await detail.locator('.detail-title').textContent()).includes(task.name), `task ${task.id}'s name`);
    assert.equal(await detail.getByTestId('requirements').textContent(), task.requirements);
    assert.equal(await detail.getByTestId('prev-task').count(), task === ds.tasks[0] ? 0 : 1);
    assert.equal(await detail.getByTestId('next-task').count(), task === ds.tasks[ds.tasks.length - 1] ? 0 : 1);
  }
  s.assertClean();
  await s.context.close();
});

test("a town page shows the town's own tasks and numbers", async () => {
  // The unit with the most quantified assignments (any unit, if the list has none).
  const quantified = (u) => ds.tasks.filter((t) => t.allocations.some((a) => a.unit === u.id && a.items.length > 0)).length;
  const unit = [...ds.units].sort((a, b) => quantified(b) - quantified(a))[0];
  const g = townGroups(ds, unit.id);
  const { s, app } = await session();
  await app.open(`#/town/${unit.id}`);
  const page = s.page.locator(`[data-testid="town-page"][data-unit="${unit.id}"]`);
  await page.waitFor();
  assert.equal(await page.locator('.town-title').textContent(), unit.name);
  const named = g.named.slice(0, PAGE);
  await s.page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="group-named"] [data-testid="task-row"]').length === n,
    named.length,
  );
  assert.deepEqual(await app.taskIds(s.page.getByTestId('group-named')), named.map((t) => t.id));
  const rows = s.page.getByTestId('group-named').getByTestId('task-row');
  let checked = 0;
  for (const [i, task] of named.entries()) {
    const want = assignmentSummary(task.allocations.find((a) => a.unit === unit.id));
    if (!want) continue;
    assert.equal(await rows.nth(i).getByTestId('assignment').textContent(), want, `task ${task.id}`);
    checked++;
  }
  assert.equal(checked > 0, quantified(unit) > 0, 'the numbers were there to check');
  s.assertClean();
  await s.context.close();
});

test('a note saved on a task survives a reload', async () => {
  const { s, app } = await session();
  const task = ds.tasks[0];
  await app.open(`#/task/${task.id}`);
  await s.page.getByTestId('progress-unit').selectOption('district');
  const editor = s.page.locator('[data-testid="progress-editor"][data-unit="district"]');
  const note = `部署检查 ${ds.meta.id}`;
  await editor.getByTestId('note-input').fill(note);
  await editor.getByTestId('note-save').click();
  await editor.getByTestId('note-text').filter({ hasText: note }).waitFor();
  await s.page.reload();
  await waitForApp(s.page);
  await s.page.getByTestId('progress-unit').selectOption('district');
  await assert.doesNotReject(
    s.page.locator('[data-testid="progress-editor"][data-unit="district"]').getByTestId('note-text').filter({ hasText: note }).waitFor(),
  );
  s.assertClean();
  await s.context.close();
});

/**
 * In the page: `el` as markup to compare, with what only the live app has taken out — comments,
 * test ids, and this browser's state, which a static page cannot know (a task's status, its
 * deadline light and days left; src/prerender.rs `BROWSER_STATE`) — and attributes in name order.
 */
function normalised(el) {
  const copy = el.cloneNode(true);
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.remove();
  copy.querySelectorAll('.status, .deadline > .deadline-dot, .deadline > .deadline-phrase, .deadline > .visually-hidden').forEach((e) => e.remove());
  for (const e of [copy, ...copy.querySelectorAll('*')]) {
    for (const c of [...e.classList]) if (c.startsWith('light-')) e.classList.remove(c);
    const attrs = [...e.attributes].filter((a) => a.name !== 'data-testid').map((a) => [a.name, a.value]);
    for (const a of [...e.attributes]) e.removeAttribute(a.name);
    for (const [k, v] of attrs.sort(([a], [b]) => (a < b ? -1 : 1))) e.setAttribute(k, v);
  }
  copy.normalize();
  return copy.outerHTML;
}

test("the pre-rendered top bar and rows are the live app's, for the same tasks", async () => {
  const html = await read('index.html');
  const { s, app } = await session();
  await app.open('');
  const shown = Math.min(ds.tasks.length, PAGE);
  await s.page.waitForFunction((n) => document.querySelectorAll('[data-testid="task-row"]').length === n, shown);
  const { pre, live } = await s.page.evaluate(
    ({ html, fn }) => {
      const norm = new Function(`return (${fn})`)();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const boot = doc.getElementById('boot');
      const app = document.querySelector('[data-testid="app"]');
      const side = (root, rows) => ({
        header: norm(root.querySelector('header.topbar')),
        rows: [...root.querySelectorAll(rows)].map(norm),
        raw: [...root.querySelectorAll(rows)].map((e) => e.outerHTML),
      });
      return { pre: side(boot, '#prerender > li'), live: side(app, '[data-testid="task-list"] > li') };
    },
    { html, fn: normalised.toString() },
  );
  assert.equal(pre.rows.length, shown, 'the pre-render holds the tasks the list page shows first');
  assert.equal(pre.header, live.header);
  for (let i = 0; i < shown; i++) assert.equal(pre.rows[i], live.rows[i], `task ${ds.tasks[i].id}`);
  // The pre-render itself carries none of what was taken out.
  assert.ok(!/<!--|data-testid|class="status|light-/.test(pre.raw.join('')), 'no comments, test ids, status or light in the pre-render');
  s.assertClean();
  await s.context.close();
});
