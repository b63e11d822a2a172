// Browse: search, facets with counts, sorting, town and department pages, task detail,
// deadlines against an as-of date, and every view in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, ds, screenshot, VIEWPORTS } from './harness.mjs';
import { appSession } from './app.mjs';
import { matches, pinyinTexts, townGroups, assignmentSummary, byDeadline, appliesTo, daysLeft } from './model.mjs';

const web = chromiumSuite();
const session = (vp = VIEWPORTS[0]) => appSession(web, vp);

test('search plus two facets gives the right tasks and counts, and the URL reproduces the view', async () => {
  const { s, app } = await session(VIEWPORTS[1]);
  await app.open();
  const query = '示范 建设';
  await app.search(query);
  const bySearch = ds.tasks.filter((t) => matches(t, query));
  assert.ok(bySearch.length > 1, 'the query matches several tasks');
  await app.waitForRows(bySearch.length);
  assert.deepEqual(await app.taskIds(), bySearch.map((t) => t.id));
  assert.equal(await app.resultCount(), `显示 ${bySearch.length} / ${ds.tasks.length} 项`);
  // Search hits are highlighted.
  assert.ok((await s.page.locator('mark.hl').count()) > 0);

  // Category facet: counts are the search results per category.
  const catCounts = new Map();
  for (const t of bySearch) catCounts.set(t.category, (catCounts.get(t.category) ?? 0) + 1);
  const [catId] = [...catCounts.entries()].sort((a, b) => b[1] - a[1])[0];
  const cat = ds.categories.find((c) => c.id === catId);
  const catLink = s.page.getByTestId('facet-category').locator('a.facet-link', { hasText: cat.name });
  assert.equal(Number(await catLink.getAttribute('data-count')), catCounts.get(catId));
  await catLink.click();
  const afterCat = bySearch.filter((t) => t.category === catId);
  await app.waitForRows(afterCat.length);

  // Lead facet on top.
  const lead = afterCat[0].leads[0];
  const leadLink = s.page.getByTestId('facet-lead').locator('a.facet-link', { hasText: lead }).first();
  assert.equal(Number(await leadLink.getAttribute('data-count')), afterCat.filter((t) => t.leads.includes(lead)).length);
  await leadLink.click();
  const expected = afterCat.filter((t) => t.leads.includes(lead)).map((t) => t.id);
  await app.waitForRows(expected.length);
  assert.deepEqual(await app.taskIds(), expected);
  assert.equal(await app.resultCount(), `显示 ${expected.length} / ${ds.tasks.length} 项`);
  const url = s.page.url();
  await screenshot(s.page, 'tasks-filtered');
  s.assertClean();
  await s.context.close();

  // A fresh profile opening the copied URL sees the same view.
  const fresh = await session(VIEWPORTS[0]);
  await fresh.s.page.goto(url);
  await fresh.s.page.waitForSelector('[data-testid="task-row"]');
  assert.deepEqual(await fresh.app.taskIds(), expected);
  assert.equal(await fresh.s.page.getByLabel('搜索任务').inputValue(), query);
  assert.equal(await fresh.s.page.getByTestId('active-filters').locator('.chip').count(), 2);
  // Back removes the last facet (history entries per facet click) in the original session too.
  await fresh.s.page.reload();
  await fresh.s.page.waitForSelector('[data-testid="task-row"]');
  assert.deepEqual(await fresh.app.taskIds(), expected);
  fresh.s.assertClean();
});

test('back and forward move between facet selections; clear removes them all', async () => {
  const { s, app } = await session();
  await app.open();
  const cat = ds.categories[4];
  await s.page.locator('details.facets > summary').click();
  await app.facet('facet-category', cat.name);
  const inCat = ds.tasks.filter((t) => t.category === cat.id).map((t) => t.id);
  await app.waitForRows(inCat.length);
  await s.page.goBack();
  await app.waitForRows(ds.tasks.length);
  await s.page.goForward();
  await app.waitForRows(inCat.length);
  await s.page.getByTestId('clear-filters').click();
  await app.waitForRows(ds.tasks.length);
  assert.equal(await app.hash(), '#/');
  s.assertClean();
});

test('sorting by deadline orders by date, undated last', async () => {
  const { s, app } = await session();
  await app.open('#/?sort=deadline');
  await s.page.waitForSelector('[data-testid="task-row"]');
  assert.deepEqual(await app.taskIds(), [...ds.tasks].sort(byDeadline).map((t) => t.id));
  assert.equal(await s.page.getByLabel('排序').inputValue(), 'deadline');
  s.assertClean();
});

test('pinyin and its initials find names, units and departments, and the spelled characters are marked', async () => {
  const { s, app } = await session();
  await app.open();
  const showing = (ids) =>
    s.page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('[data-testid="task-row"]')].map((r) => Number(r.dataset.taskId))) === want,
      JSON.stringify(ids),
    );
  // Each query with the Chinese words it spells in the list (dl: 道路, and 定粮 in 稳定粮食生产).
  for (const [query, words] of [
    ['zhujiajiao', ['朱家角']],
    ['nyncw', ['农业农村委']],
    ['dl', ['道路', '定粮']],
  ]) {
    const expected = ds.tasks
      .filter((t) => pinyinTexts(ds, t).some((f) => words.some((w) => f.includes(w))))
      .map((t) => t.id);
    assert.ok(expected.length > 0, query);
    await app.search(query);
    await showing(expected);
    assert.equal(await app.resultCount(), `显示 ${expected.length} / ${ds.tasks.length} 项`);
  }
  const marked = async (id) => s.page.locator(`[data-task-id="${id}"] .task-row-name mark.hl`).allTextContents();
  const road = ds.tasks.find((t) => t.name.includes('道路')).id;
  assert.deepEqual(await marked(road), ['道路']);
  await screenshot(s.page, 'tasks-pinyin');
  // A pinyin term and a character term combine.
  const both = ds.tasks
    .filter((t) => pinyinTexts(ds, t).some((f) => f.includes('朱家角')) && matches(t, '道路'))
    .map((t) => t.id);
  await app.search('zhujiajiao 道路');
  await showing(both);
  assert.ok(both.includes(road));
  s.assertClean();
});

test('an empty result explains itself', async () => {
  const { s, app } = await session();
  await app.open('#/?q=' + encodeURIComponent('没有这个词'));
  await assert.doesNotReject(s.page.getByTestId('empty').waitFor());
  assert.match(await s.page.getByTestId('empty').textContent(), /没有符合条件的任务/);
  s.assertClean();
});

test('every town page lists exactly the tasks the source assigns to it, with its own numbers', async () => {
  const { s, app } = await session();
  for (const unit of ds.units) {
    await app.open(`#/town/${unit.id}`);
    const page = s.page.getByTestId('town-page');
    await page.waitFor();
    assert.equal(await page.getAttribute('data-unit'), unit.id);
    const g = townGroups(ds, unit.id);
    const ids = async (testid) => app.taskIds(s.page.getByTestId(testid));
    assert.deepEqual(await ids('group-named'), g.named.map((t) => t.id), `${unit.name} named`);
    assert.deepEqual(await ids('group-shared'), g.shared.map((t) => t.id), `${unit.name} shared`);
    assert.deepEqual(await ids('group-district'), g.district.map((t) => t.id), `${unit.name} district`);
    // Each named task shows this unit's own assignment.
    const rows = s.page.getByTestId('group-named').getByTestId('task-row');
    for (let i = 0; i < g.named.length; i++) {
      const alloc = g.named[i].allocations.find((a) => a.unit === unit.id);
      const want = assignmentSummary(alloc);
      if (want) assert.equal(await rows.nth(i).getByTestId('assignment').textContent(), want);
    }
  }
  // The user's example: 朱家角 has 道路 8公里 and 桥梁 8座 in one task.
  await app.open('#/town/zhujiajiao');
  const road = ds.tasks.find((t) => t.allocations.some((a) => a.unit === 'zhujiajiao' && a.items.length === 2 && a.items[0].measure === '公里'));
  const row = s.page.getByTestId('group-named').locator(`[data-task-id="${road.id}"]`);
  assert.match(await row.getByTestId('assignment').textContent(), /道路 8公里 · 桥梁 8座/);
  for (const vp of VIEWPORTS) {
    await s.page.setViewportSize(vp);
    await screenshot(s.page, 'town');
  }
  s.assertClean();
});

test('the town index shows each unit with its counts; "我的街镇" is remembered and opens next time', async () => {
  const { s, app } = await session();
  await app.open('#/towns');
  const cards = s.page.getByTestId('town-card');
  assert.equal(await cards.count(), ds.units.length);
  for (const [i, unit] of ds.units.entries()) {
    const g = townGroups(ds, unit.id);
    assert.match(await cards.nth(i).textContent(), new RegExp(`${unit.name}点名 ${g.named.length} 项 · 共同 ${g.shared.length} 项 · 区级 ${g.district.length} 项`));
  }
  await screenshot(s.page, 'towns');
  await cards.nth(5).click();
  await s.page.getByTestId('set-my-unit').click();
  await assert.doesNotReject(s.page.getByTestId('nav-my-unit').waitFor());
  // Next visit to the bare link opens on the chosen unit.
  await s.page.goto(web.server.url);
  await s.page.getByTestId('town-page').waitFor();
  assert.equal(await s.page.getByTestId('town-page').getAttribute('data-unit'), ds.units[5].id);
  // Switching is one tap: the nav link is always there.
  await s.page.getByRole('link', { name: '街镇', exact: true }).click();
  await s.page.getByTestId('town-card').nth(0).click();
  await s.page.getByTestId('set-my-unit').click();
  await assert.doesNotReject(s.page.getByTestId('nav-my-unit').filter({ hasText: ds.units[0].name }).waitFor());
  s.assertClean();
});

test('department pages list the tasks each department leads, a shared task under both', async () => {
  const { s, app } = await session();
  await app.open('#/depts');
  const leads = new Map();
  for (const t of ds.tasks) for (const l of t.leads) leads.set(l, [...(leads.get(l) ?? []), t.id]);
  assert.equal(await s.page.getByTestId('dept-card').count(), leads.size);
  await screenshot(s.page, 'depts');
  const shared = ds.tasks.find((t) => t.leads.length > 1);
  for (const lead of shared.leads) {
    await app.open(`#/dept/${encodeURIComponent(lead)}`);
    await s.page.getByTestId('dept-page').waitFor();
    const ids = await app.taskIds();
    assert.deepEqual(ids, leads.get(lead));
    assert.ok(ids.includes(shared.id));
  }
  s.assertClean();
});

test('task detail shows every field, the allocation table, the scope and previous / next', async () => {
  const { s, app } = await session(VIEWPORTS[1]);
  const task = ds.tasks.find((t) => t.allocations.length > 3);
  await app.open(`#/task/${task.id}`);
  const d = s.page.getByTestId('task-detail');
  await d.waitFor();
  const text = await d.textContent();
  for (const part of [task.name, ...task.leads, task.deadline_text, String(task.city_no)]) {
    assert.ok(text.includes(part), `shows ${part}`);
  }
  assert.equal(await s.page.getByTestId('requirements').textContent(), task.requirements);
  assert.equal(await s.page.getByTestId('allocation-text').textContent(), task.allocation_text);
  const table = s.page.getByTestId('allocation-table');
  assert.equal(await table.locator('tbody tr').count(), task.allocations.length);
  await screenshot(s.page, 'task');
  await s.page.getByTestId('next-task').click();
  await s.page.waitForFunction((id) => document.querySelector('[data-testid="task-detail"]')?.dataset.taskId === String(id), task.id + 1);
  await s.page.getByTestId('prev-task').click();
  await s.page.waitForFunction((id) => document.querySelector('[data-testid="task-detail"]')?.dataset.taskId === String(id), task.id);
  s.assertClean();
});

test('deadlines count from the as-of date in the URL: yellow within 14 days, red when overdue', async () => {
  const { s, app } = await session();
  const task = ds.tasks.find((t) => t.deadline);
  const soon = new Date(Date.parse(task.deadline) - 10 * 86400000).toISOString().slice(0, 10);
  await app.open(`#/task/${task.id}?asof=${soon}`);
  const badge = s.page.getByTestId('task-detail').getByTestId('deadline');
  await badge.waitFor();
  assert.match(await badge.getAttribute('class'), /light-yellow/);
  assert.match(await badge.textContent(), new RegExp(`还剩 ${daysLeft(task.deadline, soon)} 天`));
  assert.equal(await s.page.getByTestId('task-detail').count(), 1);
  const late = new Date(Date.parse(task.deadline) + 3 * 86400000).toISOString().slice(0, 10);
  await app.open(`#/task/${task.id}?asof=${late}`);
  await s.page.waitForFunction(() => /已逾期 3 天/.test(document.querySelector('[data-testid="task-detail"] [data-testid="deadline"]')?.textContent ?? ''));
  assert.match(await badge.getAttribute('class'), /light-red/);
  const early = new Date(Date.parse(task.deadline) - 60 * 86400000).toISOString().slice(0, 10);
  await app.open(`#/?asof=${early}`);
  await s.page.waitForSelector('[data-testid="task-row"]');
  assert.equal(await s.page.getByLabel('截至日期').inputValue(), early);
  const greens = await s.page.locator('[data-testid="task-row"] .light-green').count();
  assert.equal(greens, ds.tasks.filter((t) => t.deadline && daysLeft(t.deadline, early) > 14).length);
  s.assertClean();
});

test('at 360 px nothing overflows sideways and tap targets are at least 44 px', async () => {
  const { s, app } = await session({ width: 360, height: 740 });
  for (const hash of ['#/', '#/town/zhujiajiao', `#/task/${ds.tasks[8].id}`, '#/towns', '#/depts', '#/data']) {
    await app.open(hash);
    await s.page.waitForTimeout(100);
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${hash} overflows by ${overflow}px`);
    const small = await s.page.evaluate(() =>
      [...document.querySelectorAll('.main a, .main button, .main select, .main input, .nav a')]
        .filter((el) => el.offsetParent !== null && !el.closest('table, .pre, p, .task-row-name, .chip'))
        .map((el) => [el.textContent.trim().slice(0, 10), el.getBoundingClientRect().height])
        .filter(([, h]) => h < 43.5),
    );
    assert.deepEqual(small, [], `${hash} small tap targets`);
  }
  s.assertClean();
});

test('a unit filter on the list keeps the tasks that apply to the unit', async () => {
  const { s, app } = await session();
  const unit = ds.units.find((u) => u.kind === 'park');
  await app.open(`#/?unit=${unit.id}`);
  await s.page.waitForSelector('[data-testid="task-row"]');
  assert.deepEqual(await app.taskIds(), ds.tasks.filter((t) => appliesTo(ds, t, unit.id)).map((t) => t.id));
  s.assertClean();
});
