// One clock and a finished plan (issue 13, part 2): after the plan's year the app opens as of the
// plan's last deadline and says so; every date follows China time (UTC+8) whatever the browser's
// time zone, so a brief copied at 01:25 Beijing time is dated that Beijing day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, ds, screenshot, visible, VIEWPORTS } from './harness.mjs';
import { appSession } from './app.mjs';
import { chinaDate, daysLeft } from './model.mjs';

const web = chromiumSuite();

/** The plan's last deadline, computed from the embedded list as the app must. */
function planEnd() {
  const latest = ds.tasks.map((t) => t.deadline).filter(Boolean).sort().at(-1);
  const yearEnd = `${ds.meta.year}-12-31`;
  return latest > yearEnd ? latest : yearEnd;
}

test('after the plan year the list opens as of its last deadline, with a banner; a date in the URL removes it', async () => {
  const today = chinaDate(Date.now());
  assert.ok(today.slice(0, 4) > String(ds.meta.year), 'this test runs after the plan year');
  const end = planEnd();
  const [y, m, d] = end.split('-').map(Number);
  for (const vp of VIEWPORTS) {
    const { s, app } = await appSession(web, vp);
    await app.open('#/task/9');
    const banner = s.page.getByTestId('plan-banner');
    await visible(s.page, '[data-testid="plan-banner"]');
    assert.equal(
      (await banner.textContent()).trim(),
      `本清单为${ds.meta.year}年度任务，按${y}年${m}月${d}日显示完成情况；切换到今天`,
    );
    // Deadlines count from the plan's end, not from today.
    const task = ds.tasks.find((t) => t.id === 9);
    const left = daysLeft(task.deadline, end);
    const badge = s.page.locator('[data-testid="task-detail"] [data-testid="deadline"]');
    const expected = left < 0 ? `已逾期 ${-left} 天` : left === 0 ? '今天到期' : `还剩 ${left} 天`;
    assert.match(await badge.textContent(), new RegExp(expected));

    // The list's as-of field shows the plan's end.
    await app.open('#/');
    await visible(s.page, '[data-testid="plan-banner"]');
    assert.equal(await s.page.getByTestId('asof').inputValue(), end);
    await screenshot(s.page, 'plan-banner');

    // "切换到今天" puts today's (China) date in the URL; the banner goes.
    await s.page.getByTestId('plan-today').click();
    await s.page.waitForFunction(() => !document.querySelector('[data-testid="plan-banner"]'));
    assert.match(await app.hash(), new RegExp(`asof=${today}`));
    assert.equal(await s.page.getByTestId('asof').inputValue(), today);
    // …and the as-of field offers the way back to the plan's end.
    await s.page.getByTestId('asof-plan-end').click();
    await visible(s.page, '[data-testid="plan-banner"]');
    assert.doesNotMatch(await app.hash(), /asof=/);

    // Any date in the URL is the user's choice: no banner.
    await app.open('#/?asof=2022-10-01');
    await visible(s.page, '[data-testid="task-row"]');
    assert.equal(await s.page.getByTestId('plan-banner').count(), 0);
    s.assertClean();
    await s.context.close();
  }
});

test('a browser in UTC at 17:25 (01:25 the next day in Beijing) dates today, the brief, notes and file names in China time', async () => {
  // 2026-11-29 17:25 UTC = 2026-11-30 01:25 China time.
  const at = Date.UTC(2026, 10, 29, 17, 25);
  const { s, app } = await appSession(web, VIEWPORTS[1], { timezoneId: 'UTC' });
  await s.page.clock.setFixedTime(at);
  assert.equal(await s.page.evaluate(() => new Date().getDate()), 29, 'the browser itself says the 29th');

  // A note written now is dated 2026-11-30 01:25.
  await app.open('#/task/9?asof=2026-11-30');
  const select = s.page.getByTestId('progress-unit');
  const unit = await select.locator('option').first().getAttribute('value');
  await select.selectOption(unit);
  const editor = s.page.locator(`[data-testid="progress-editor"][data-unit="${unit}"]`);
  await editor.waitFor();
  await editor.getByTestId('note-input').fill('凌晨记录');
  await editor.getByTestId('note-save').click();
  const note = editor.getByTestId('note').filter({ hasText: '凌晨记录' });
  await note.waitFor();
  assert.match(await note.locator('time').textContent(), /2026-11-30 01:25/);

  // The brief and the file name carry the Beijing day too.
  await app.open('#/data?asof=2026-11-30');
  await s.page.getByTestId('export-unit').selectOption(unit);
  const brief = s.page.getByTestId('brief');
  await brief.waitFor();
  const briefText = await brief.textContent();
  assert.match(briefText, /日期：2026-11-30/);
  assert.match(briefText, /｜11-30 凌晨记录/);
  await s.page.evaluate(() => {
    window.__downloads = [];
    HTMLAnchorElement.prototype.click = function () {
      window.__downloads.push(this.download);
    };
  });
  await s.page.getByTestId('export-json').click();
  await s.page.waitForFunction(() => window.__downloads.length === 1);
  assert.match(await s.page.evaluate(() => window.__downloads[0]), /-2026-11-30\.json$/);

  // "Today" is the 30th: the plan banner's link names it.
  await app.open('#/');
  await visible(s.page, '[data-testid="plan-today"]');
  assert.match(await s.page.getByTestId('plan-today').getAttribute('href'), /asof=2026-11-30/);
  s.assertClean();
});
