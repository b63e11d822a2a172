// The second entry page, tools.html (data, print and the district's tools, their own wasm), in
// Chromium: it mounts
// with no console error, CSP violation or request for the field app's files, under / and a
// sub-path; links to a view of the other entry page go there before any wasm starts, both ways,
// at load and on a hash change; it opens offline after a first visit to the app; and a browser
// that predates 'wasm-unsafe-eval' is sent to tools-compat.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, refuseWasm, waitForApp, waitForServiceWorker, cspViolations, screenshot } from './harness.mjs';
import { TOOLS, TOOLS_COMPAT } from '../../scripts/build/tools-page.mjs';

const LIMIT = { timeout: 120000 };
// Each test serves the dist (or a copy) itself, under a base of its own.
const web = chromiumSuite({ serve: false });

/** Waits until the tools have mounted (the boot placeholder replaced by the tools' root). */
async function waitForTools(page) {
  await page.locator('[data-entry="tools"]').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('#boot').count(), 0, 'the boot placeholder is gone');
  // Every page of the tools opens with its heading (汇总 for the home).
  await page.locator('#main h2').first().waitFor();
}

/** The app's own files (qingdan-<hash>.js / _bg.wasm) among `urls`. */
const appFiles = (urls) => urls.filter((u) => /\/qingdan-[0-9a-f]+(_bg)?\.(js|wasm)$/.test(u));

/** Whether `where` (relative to the base) is a page of the tools, which `waitForTools` waits for. */
const toolsPage = (where) => where.startsWith(TOOLS) || where.startsWith(TOOLS_COMPAT);

/**
 * Waits until the browser is at `to` (relative to the server's base) and its page has mounted:
 * the tools on tools.html and tools-compat.html, the field app elsewhere.
 */
async function arrive({ page, server }, to) {
  await page.waitForURL(server.url + to, { timeout: 30000 });
  await (toolsPage(to) ? waitForTools(page) : waitForApp(page));
}

/**
 * Opens `from` (relative to the server's base) and waits until it has mounted; with `to`, until
 * the browser has been sent on there and that page has mounted.
 */
async function go(s, from, to = null) {
  await s.page.goto(s.server.url + from);
  if (to === null) await (toolsPage(from) ? waitForTools(s.page) : waitForApp(s.page));
  else await arrive(s, to);
}

/** Sets the hash of the open page to `hash` and waits until the browser is at `to`. */
async function hashTo(s, hash, to) {
  await s.page.evaluate((h) => { location.hash = h; }, hash);
  await arrive(s, to);
}

/**
 * No CSP violation, and no problem but the downloads a page aborts when it is left for another
 * one (its preloaded wasm, its icon).
 */
async function assertCleanLeaving(s) {
  assert.deepEqual(await cspViolations(s.page), []);
  s.assertClean(/net::ERR_ABORTED/);
}

for (const base of ['/', '/any/sub/path/']) {
  test(`tools.html mounts its own wasm, cleanly (served under ${base})`, LIMIT, async () => {
    const s = await web.session({ base });
    const { page } = s;
    // What the page itself asks for (the service worker, once installed, precaches the whole
    // build for offline use, the app's files included: that is not the page's load).
    const loaded = [];
    page.on('request', (req) => loaded.push(new URL(req.url()).pathname));
    await go(s, TOOLS);
    assert.equal(await page.title(), '汇总 · 清单');
    // The top bar leads back to the field app.
    const home = page.locator('.topbar-brand');
    assert.equal(await home.getAttribute('href'), 'index.html#/');
    assert.ok(loaded.some((p) => /\/tools-[0-9a-f]{16}_bg\.wasm$/.test(p)), `its own wasm was loaded: ${loaded}`);
    assert.deepEqual(appFiles(loaded), [], "the page asked for none of the field app's files");
    assert.deepEqual(await cspViolations(page), []);
    await screenshot(page, 'tools');
    s.assertClean();
    // And back: the brand link opens the field app.
    await home.click();
    await arrive(s, 'index.html#/');
    s.assertClean();
  });
}

test('index.html sends the views of the tools to tools.html, keeping the hash (at load)', LIMIT, async () => {
  const s = await web.session({ base: '/qingdan/' });
  for (const hash of ['#/rollup?cat=2', '#/receive/AbC-_9', '#/share', '#/data?asof=2022-10-01', '#/print/zhujiajiao']) {
    await go(s, hash, `${TOOLS}${hash}`);
    assert.equal(await s.page.evaluate(() => location.hash), hash);
  }
  // From index.html by name, too.
  await go(s, 'index.html#/rollup', `${TOOLS}#/rollup`);
  await assertCleanLeaving(s);
});

test("tools.html sends the field app's views to index.html, and keeps its own (at load)", LIMIT, async () => {
  const s = await web.session({ base: '/qingdan/' });
  await go(s, `${TOOLS}#/towns`, 'index.html#/towns');
  await s.page.getByRole('heading', { name: '街镇' }).first().waitFor();
  await go(s, `${TOOLS}#/task/3?asof=2022-10-01`, 'index.html#/task/3?asof=2022-10-01');
  // A hash without a view, or a view of the tools, stays on tools.html.
  for (const hash of ['', '#', '#/', '#/rollup', '#/receive/x', '#/data', '#/print/district']) {
    await go(s, `${TOOLS}${hash}`);
    assert.equal(new URL(s.page.url()).pathname, `/qingdan/${TOOLS}`, `${hash || '(no hash)'} stays`);
  }
  await assertCleanLeaving(s);
});

test('a hash change to the other page\'s view goes there too, both ways', LIMIT, async () => {
  const s = await web.session({ base: '/' });
  await go(s, '');
  await hashTo(s, '#/rollup?cat=2', `${TOOLS}#/rollup?cat=2`);
  await hashTo(s, '#/depts', 'index.html#/depts');
  await s.page.getByRole('heading', { name: '牵头部门' }).first().waitFor();
  await assertCleanLeaving(s);
});

test("the field app's 数据 leads to tools.html#/data, its print link stays there, and the nav leads back", LIMIT, async () => {
  const s = await web.session({ base: '/any/sub/path/' });
  const { page } = s;
  await go(s, '#/towns?asof=2022-10-01');
  const data = page.locator('nav a.nav-link', { hasText: '数据' });
  assert.equal(await data.getAttribute('href'), 'tools.html#/data?asof=2022-10-01');
  await data.click();
  await arrive(s, `${TOOLS}#/data?asof=2022-10-01`);
  await page.getByTestId('data-page').waitFor();
  assert.equal(await data.getAttribute('aria-current'), 'page');
  assert.equal(await page.title(), '数据 · 清单');
  const print = page.getByTestId('print-link');
  assert.equal(await print.getAttribute('href'), '#/print/district?asof=2022-10-01');
  await print.click();
  await page.getByTestId('print-row').first().waitFor();
  assert.equal(new URL(page.url()).pathname, `/any/sub/path/${TOOLS}`);
  const tasks = page.locator('nav a.nav-link', { hasText: '全部任务' });
  assert.equal(await tasks.getAttribute('href'), 'index.html#/?asof=2022-10-01');
  await tasks.click();
  await arrive(s, 'index.html#/?asof=2022-10-01');
  await assertCleanLeaving(s);
});

test('tools.html opens offline after a first visit to the app, and the redirect works offline', LIMIT, async () => {
  const s = await web.session({ base: '/app/' });
  const { page, server } = s;
  await go(s, '');
  await waitForServiceWorker(page);
  await s.context.setOffline(true);
  const seen = server.requests.length;
  await go(s, TOOLS);
  await go(s, '#/rollup', `${TOOLS}#/rollup`);
  await go(s, 'index.html#/data', `${TOOLS}#/data`);
  await page.getByTestId('data-page').waitFor();
  await go(s, `${TOOLS}#/towns`, 'index.html#/towns');
  assert.equal(server.requests.length, seen, 'nothing reached the server while offline');
  await assertCleanLeaving(s);
});

test("a browser that predates 'wasm-unsafe-eval' is sent from tools.html to tools-compat.html", LIMIT, async () => {
  // As in offline.test.mjs: without the keyword, Chromium refuses the wasm as Chrome 96 would.
  const dir = await refuseWasm(await web.copyOfDist('qingdan-tools-'), ['index.html', TOOLS]);
  const s = await web.session({ base: '/app/', dir });
  s.allowConsoleError(/Content Security Policy|WebAssembly|unsafe-eval/i);
  await go(s, `${TOOLS}#/rollup`, `${TOOLS_COMPAT}#/rollup`);
  // The compat pages pass links on among themselves.
  await go(s, `${TOOLS_COMPAT}#/towns`, 'compat.html#/towns');
  await go(s, 'compat.html#/share', `${TOOLS_COMPAT}#/share`);
  // index.html under the same old-browser policy: to compat.html, then on to tools-compat.html.
  await go(s, '#/rollup', `${TOOLS_COMPAT}#/rollup`);
  await assertCleanLeaving(s);
});
