// Offline and everywhere: the release dist keeps working with no network after the first visit,
// under any sub-path, offers a new deployment with "有新版本，点击更新" (progress kept), and reads
// without JavaScript; all with zero CSP violations and zero requests off the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromiumSuite, ds, refuseWasm, waitForApp, waitForServiceWorker, cspViolations, screenshot } from './harness.mjs';
import { App } from './app.mjs';
import { writeServiceWorker } from '../../scripts/build/sw.mjs';

const UPDATE_LABEL = '有新版本，点击更新';
const MARKER_KEY = 'qingdan.e2e-marker';

// Each test serves the dist (or a copy) itself, under a base of its own.
const web = chromiumSuite({ serve: false });

/** Every task row of the mounted app matches the dataset, in order. */
async function assertAllTasks(page) {
  const rows = page.getByTestId('task-row');
  assert.equal(await rows.count(), ds.tasks.length);
  assert.deepEqual(await new App({ page }).taskIds(), ds.tasks.map((t) => t.id));
}

/** The marker left in localStorage, to see that data is kept. */
const marker = (page) => page.evaluate((k) => localStorage.getItem(k), MARKER_KEY);
const setMarker = (page) => page.evaluate((k) => localStorage.setItem(k, 'kept'), MARKER_KEY);

for (const base of ['/', '/any/sub/path/']) {
  test(`works offline after the first visit, data kept (served under ${base})`, async () => {
    const s = await web.session({ base });
    const { page, server } = s;
    await s.open();
    await waitForServiceWorker(page);
    const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
    assert.equal(scope, server.url, 'the worker covers exactly the app folder');
    await setMarker(page);

    await s.context.setOffline(true);
    const seen = server.requests.length;
    await page.reload();
    await waitForApp(page);
    await assertAllTasks(page);
    assert.equal(await marker(page), 'kept');
    // A view reached through the hash works offline too.
    await page.goto(`${server.url}#/task/${ds.tasks[0].id}`);
    await page.getByRole('heading', { name: ds.tasks[0].name }).first().waitFor();
    assert.equal(server.requests.length, seen, 'nothing reached the server while offline');
    assert.deepEqual(await cspViolations(page), []);
    s.assertClean();
  });
}

test('a new deployment is offered as 有新版本，点击更新 and loads with progress intact', async () => {
  const dir = await web.copyOfDist('qingdan-deploy-');
  const s = await web.session({ base: '/qingdan/', dir });
  const { page, server } = s;
  // Records that the app was asked to flush, and in which version of the page.
  await s.context.addInitScript(() => {
    window.addEventListener('qingdan:flush', () => {
      sessionStorage.setItem('flushed-in', document.documentElement.dataset.build || 'v1');
    });
  });
  await s.open();
  await waitForServiceWorker(page);
  await setMarker(page);
  assert.equal(await page.getByRole('button', { name: UPDATE_LABEL }).count(), 0, 'no prompt without a new version');

  // Deploy: the page changes, and the build regenerates sw.js (new version, new precache).
  const index = path.join(dir, 'index.html');
  const html = await fs.readFile(index, 'utf8');
  await fs.writeFile(index, html.replace('<html lang=zh-CN>', '<html data-build=v2 lang=zh-CN>'));
  const { version } = writeServiceWorker(dir);

  // The browser checks sw.js on the next navigation; the old version keeps serving meanwhile.
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.build), undefined);
  const button = page.getByRole('button', { name: UPDATE_LABEL });
  await button.waitFor({ timeout: 30000 });
  await screenshot(page, 'update-prompt');

  await Promise.all([page.waitForEvent('load', { timeout: 30000 }), button.click()]);
  await waitForApp(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.build), 'v2');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('flushed-in')), 'v1', 'flushed before the reload');
  assert.equal(await marker(page), 'kept');
  await assertAllTasks(page);
  assert.equal(await page.getByRole('button', { name: UPDATE_LABEL }).count(), 0);
  // Only the new version's cache is left for this scope.
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches.filter((n) => n.startsWith(`qingdan:${server.url}:`)), [
    `qingdan:${server.url}:${version}`,
  ]);
  assert.deepEqual(await cspViolations(page), []);
  s.assertClean();
});

test("a browser that predates 'wasm-unsafe-eval' is sent to compat.html and runs there", async () => {
  // Such a browser ignores the keyword it does not know: index.html's policy then reads as if
  // the keyword were absent, and Chromium refuses the wasm exactly as Chrome 96 would.
  const dir = await refuseWasm(await web.copyOfDist('qingdan-deploy-'));
  const s = await web.session({ base: '/app/', dir });
  const { page, server } = s;
  s.allowConsoleError(/Content Security Policy|WebAssembly|unsafe-eval/i);
  const task = ds.tasks[2];
  await page.goto(`${server.url}#/task/${task.id}`);
  await page.waitForURL(`${server.url}compat.html#/task/${task.id}`, { timeout: 30000 });
  await waitForApp(page);
  await page.getByRole('heading', { name: task.name }).first().waitFor();
  assert.deepEqual(await cspViolations(page), []);
  // Leaving index.html aborts its remaining downloads (the preloaded wasm, the icon): expected.
  s.assertClean(/net::ERR_ABORTED/);
});

test('a scripted session causes no CSP violation and no request off the origin', async () => {
  const s = await web.session({ base: '/', width: 1280, height: 800 });
  const { page } = s;
  await s.open();
  for (const hash of ['#/towns', '#/depts', `#/task/${ds.tasks[ds.tasks.length - 1].id}`, '#/data', '#/']) {
    await s.open(hash);
  }
  const search = page.getByRole('searchbox').first();
  if (await search.count()) await search.fill(ds.tasks[0].name.slice(0, 2));
  await page.locator('.task-row-name').first().click();
  await waitForServiceWorker(page);
  assert.deepEqual(await cspViolations(page), []);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  s.assertClean();
});

test('without JavaScript the pre-rendered task list is readable', async () => {
  const s = await web.session({ base: '/', javaScriptEnabled: false });
  const { page } = s;
  await page.goto(s.server.url);
  await assert.doesNotReject(page.getByRole('heading', { name: ds.meta.title }).first().waitFor());
  const rows = page.locator('#boot .task-row');
  assert.equal(await rows.count(), ds.tasks.length);
  const texts = await rows.evaluateAll((els) => els.map((el) => el.textContent));
  ds.tasks.forEach((task, i) => {
    for (const part of [String(task.id), task.name, task.lead_text, task.deadline_text]) {
      assert.ok(texts[i].includes(part), `task ${task.id} shows ${part}`);
    }
  });
  assert.ok(await rows.first().isVisible());
  // (Playwright disables script execution, not the parser's scripting flag, so <noscript> is
  // not rendered here as it is in a browser with JavaScript switched off: check it is there.)
  assert.match(await page.locator('noscript').first().textContent(), /需要启用 JavaScript/);
  assert.equal(await page.locator('#boot-msg').textContent(), '', 'no "loading" claim without JavaScript');
  await screenshot(page, 'no-javascript');
});
