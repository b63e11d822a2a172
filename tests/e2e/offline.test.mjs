// Offline and everywhere: the release dist keeps working with no network after the first visit,
// under any sub-path, offers a new deployment with "有新版本，点击更新" (progress kept), and reads
// without JavaScript; all with zero CSP violations and zero requests off the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DIST,
  serveDir,
  launch,
  openPage,
  waitForApp,
  waitForServiceWorker,
  cspViolations,
  screenshot,
  loadDataset,
} from './harness.mjs';
import { writeServiceWorker } from '../../scripts/build/sw.mjs';

const UPDATE_LABEL = '有新版本，点击更新';
const MARKER_KEY = 'qingdan.e2e-marker';

let browser;
let ds;

before(async () => {
  ds = await loadDataset();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Every task row of the mounted app matches the dataset, in order. */
async function assertAllTasks(page) {
  const rows = page.getByTestId('task-row');
  assert.equal(await rows.count(), ds.tasks.length);
  const ids = await rows.evaluateAll((els) => els.map((el) => Number(el.dataset.taskId)));
  assert.deepEqual(ids, ds.tasks.map((t) => t.id));
}

/** A private copy of the dist to deploy changes into. */
async function copyOfDist() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qingdan-deploy-'));
  await fs.cp(DIST, dir, { recursive: true });
  return dir;
}

for (const base of ['/', '/any/sub/path/']) {
  test(`works offline after the first visit, data kept (served under ${base})`, async () => {
    const server = await serveDir(DIST, base);
    const s = await openPage(browser, server.origin);
    try {
      await s.page.goto(server.url);
      await waitForApp(s.page);
      await waitForServiceWorker(s.page);
      const scope = await s.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
      assert.equal(scope, server.url, 'the worker covers exactly the app folder');
      await s.page.evaluate((k) => localStorage.setItem(k, 'kept'), MARKER_KEY);

      await s.context.setOffline(true);
      const seen = server.requests.length;
      await s.page.reload();
      await waitForApp(s.page);
      await assertAllTasks(s.page);
      assert.equal(await s.page.evaluate((k) => localStorage.getItem(k), MARKER_KEY), 'kept');
      // A view reached through the hash works offline too.
      await s.page.goto(`${server.url}#/task/${ds.tasks[0].id}`);
      await s.page.getByRole('heading', { name: ds.tasks[0].name }).first().waitFor();
      assert.equal(server.requests.length, seen, 'nothing reached the server while offline');
      assert.deepEqual(await cspViolations(s.page), []);
      s.assertClean();
    } finally {
      await s.context.close();
      await server.close();
    }
  });
}

test('a new deployment is offered as 有新版本，点击更新 and loads with progress intact', async () => {
  const dir = await copyOfDist();
  const server = await serveDir(dir, '/qingdan/');
  const s = await openPage(browser, server.origin);
  try {
    // Records that the app was asked to flush, and in which version of the page.
    await s.context.addInitScript(() => {
      window.addEventListener('qingdan:flush', () => {
        sessionStorage.setItem('flushed-in', document.documentElement.dataset.build || 'v1');
      });
    });
    await s.page.goto(server.url);
    await waitForApp(s.page);
    await waitForServiceWorker(s.page);
    await s.page.evaluate((k) => localStorage.setItem(k, 'kept'), MARKER_KEY);
    assert.equal(await s.page.getByRole('button', { name: UPDATE_LABEL }).count(), 0, 'no prompt without a new version');

    // Deploy: the page changes, and the build regenerates sw.js (new version, new precache).
    const index = path.join(dir, 'index.html');
    const html = await fs.readFile(index, 'utf8');
    await fs.writeFile(index, html.replace('<html lang=zh-CN>', '<html data-build=v2 lang=zh-CN>'));
    const { version } = writeServiceWorker(dir);

    // The browser checks sw.js on the next navigation; the old version keeps serving meanwhile.
    await s.page.reload();
    await waitForApp(s.page);
    assert.equal(await s.page.evaluate(() => document.documentElement.dataset.build), undefined);
    const button = s.page.getByRole('button', { name: UPDATE_LABEL });
    await button.waitFor({ timeout: 30000 });
    await screenshot(s.page, 'update-prompt');

    await Promise.all([s.page.waitForEvent('load', { timeout: 30000 }), button.click()]);
    await waitForApp(s.page);
    assert.equal(await s.page.evaluate(() => document.documentElement.dataset.build), 'v2');
    assert.equal(await s.page.evaluate(() => sessionStorage.getItem('flushed-in')), 'v1', 'flushed before the reload');
    assert.equal(await s.page.evaluate((k) => localStorage.getItem(k), MARKER_KEY), 'kept');
    await assertAllTasks(s.page);
    assert.equal(await s.page.getByRole('button', { name: UPDATE_LABEL }).count(), 0);
    // Only the new version's cache is left for this scope.
    const caches = await s.page.evaluate(() => caches.keys());
    assert.deepEqual(caches.filter((n) => n.startsWith(`qingdan:${server.url}:`)), [
      `qingdan:${server.url}:${version}`,
    ]);
    assert.deepEqual(await cspViolations(s.page), []);
    s.assertClean();
  } finally {
    await s.context.close();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("a browser that predates 'wasm-unsafe-eval' is sent to compat.html and runs there", async () => {
  // Such a browser ignores the keyword it does not know: index.html's policy then reads as if
  // the keyword were absent, and Chromium refuses the wasm exactly as Chrome 96 would.
  const dir = await copyOfDist();
  const index = path.join(dir, 'index.html');
  await fs.writeFile(index, (await fs.readFile(index, 'utf8')).replace(" 'wasm-unsafe-eval'", ''));
  writeServiceWorker(dir);
  const server = await serveDir(dir, '/app/');
  const s = await openPage(browser, server.origin);
  s.allowConsoleError(/Content Security Policy|WebAssembly|unsafe-eval/i);
  try {
    const task = ds.tasks[2];
    await s.page.goto(`${server.url}#/task/${task.id}`);
    await s.page.waitForURL(`${server.url}compat.html#/task/${task.id}`, { timeout: 30000 });
    await waitForApp(s.page);
    await s.page.getByRole('heading', { name: task.name }).first().waitFor();
    assert.deepEqual(await cspViolations(s.page), []);
    // Leaving index.html aborts its remaining downloads (the preloaded wasm, the icon): expected.
    assert.deepEqual(s.problems.filter((p) => !/net::ERR_ABORTED/.test(p)), []);
  } finally {
    await s.context.close();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a scripted session causes no CSP violation and no request off the origin', async () => {
  const server = await serveDir(DIST, '/');
  const s = await openPage(browser, server.origin, { width: 1280, height: 800 });
  try {
    await s.page.goto(server.url);
    await waitForApp(s.page);
    for (const hash of ['#/towns', '#/depts', `#/task/${ds.tasks[ds.tasks.length - 1].id}`, '#/data', '#/']) {
      await s.page.goto(server.url + hash);
      await waitForApp(s.page);
    }
    const search = s.page.getByRole('searchbox').first();
    if (await search.count()) await search.fill(ds.tasks[0].name.slice(0, 2));
    await s.page.locator('.task-row-name').first().click();
    await waitForServiceWorker(s.page);
    assert.deepEqual(await cspViolations(s.page), []);
    const csp = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    s.assertClean();
  } finally {
    await s.context.close();
    await server.close();
  }
});

test('without JavaScript the pre-rendered task list is readable', async () => {
  const server = await serveDir(DIST, '/');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
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
  } finally {
    await context.close();
    await server.close();
  }
});
