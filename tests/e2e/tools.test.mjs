// The second entry page, tools.html (the district's tools, their own wasm), in Chromium: it mounts
// with no console error, CSP violation or request for the field app's files, under / and a
// sub-path; links to a view of the other entry page go there before any wasm starts, both ways,
// at load and on a hash change; it opens offline after a first visit to the app; and a browser
// that predates 'wasm-unsafe-eval' is sent to tools-compat.html.
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
} from './harness.mjs';
import { writeServiceWorker } from '../../scripts/build/sw.mjs';
import { TOOLS, TOOLS_COMPAT } from '../../scripts/build/tools-page.mjs';

const LIMIT = { timeout: 120000 };
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits until the tools have mounted (the boot placeholder replaced by the tools' root). */
async function waitForTools(page) {
  await page.locator('[data-entry="tools"]').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('#boot').count(), 0, 'the boot placeholder is gone');
  // Every page of the tools opens with its heading (汇总 for the home).
  await page.locator('#main h2').first().waitFor();
}

/** The app's own files (qingdan-<hash>.js / _bg.wasm) among `urls`. */
const appFiles = (urls) => urls.filter((u) => /\/qingdan-[0-9a-f]+(_bg)?\.(js|wasm)$/.test(u));

for (const base of ['/', '/any/sub/path/']) {
  test(`tools.html mounts its own wasm, cleanly (served under ${base})`, LIMIT, async () => {
    const server = await serveDir(DIST, base);
    const s = await openPage(browser, server.origin);
    // What the page itself asks for (the service worker, once installed, precaches the whole
    // build for offline use, the app's files included: that is not the page's load).
    const loaded = [];
    s.page.on('request', (req) => loaded.push(new URL(req.url()).pathname));
    try {
      await s.page.goto(`${server.url}${TOOLS}`);
      await waitForTools(s.page);
      assert.equal(await s.page.title(), '汇总 · 清单');
      // The top bar leads back to the field app.
      const home = s.page.locator('.topbar-brand');
      assert.equal(await home.getAttribute('href'), 'index.html#/');
      assert.ok(loaded.some((p) => /\/tools-[0-9a-f]{16}_bg\.wasm$/.test(p)), `its own wasm was loaded: ${loaded}`);
      assert.deepEqual(appFiles(loaded), [], "the page asked for none of the field app's files");
      assert.deepEqual(await cspViolations(s.page), []);
      await screenshot(s.page, 'tools');
      s.assertClean();
      // And back: the brand link opens the field app.
      await home.click();
      await s.page.waitForURL(`${server.url}index.html#/`);
      await waitForApp(s.page);
      s.assertClean();
    } finally {
      await s.context.close();
      await server.close();
    }
  });
}

/** Problems other than the downloads a page aborts when it is left for another one. */
const unexpected = (s) => s.problems.filter((p) => !/net::ERR_ABORTED/.test(p));

test('index.html sends the views of the tools to tools.html, keeping the hash (at load)', LIMIT, async () => {
  const server = await serveDir(DIST, '/qingdan/');
  const s = await openPage(browser, server.origin);
  try {
    for (const hash of ['#/rollup?cat=2', '#/receive/AbC-_9', '#/share']) {
      await s.page.goto(`${server.url}${hash}`);
      await s.page.waitForURL(`${server.url}${TOOLS}${hash}`, { timeout: 30000 });
      await waitForTools(s.page);
      assert.equal(await s.page.evaluate(() => location.hash), hash);
    }
    // From index.html by name, too.
    await s.page.goto(`${server.url}index.html#/rollup`);
    await s.page.waitForURL(`${server.url}${TOOLS}#/rollup`);
    await waitForTools(s.page);
    assert.deepEqual(await cspViolations(s.page), []);
    assert.deepEqual(unexpected(s), []);
  } finally {
    await s.context.close();
    await server.close();
  }
});

test("tools.html sends the field app's views to index.html, and keeps its own (at load)", LIMIT, async () => {
  const server = await serveDir(DIST, '/qingdan/');
  const s = await openPage(browser, server.origin);
  try {
    await s.page.goto(`${server.url}${TOOLS}#/towns`);
    await s.page.waitForURL(`${server.url}index.html#/towns`, { timeout: 30000 });
    await waitForApp(s.page);
    await s.page.getByRole('heading', { name: '街镇' }).first().waitFor();
    await s.page.goto(`${server.url}${TOOLS}#/task/3?asof=2022-10-01`);
    await s.page.waitForURL(`${server.url}index.html#/task/3?asof=2022-10-01`);
    await waitForApp(s.page);
    // A hash without a view, or a view of the tools, stays on tools.html.
    for (const hash of ['', '#', '#/', '#/rollup', '#/receive/x']) {
      await s.page.goto(`${server.url}${TOOLS}${hash}`);
      await waitForTools(s.page);
      assert.equal(new URL(s.page.url()).pathname, `/qingdan/${TOOLS}`, `${hash || '(no hash)'} stays`);
    }
    assert.deepEqual(await cspViolations(s.page), []);
    assert.deepEqual(unexpected(s), []);
  } finally {
    await s.context.close();
    await server.close();
  }
});

test('a hash change to the other page\'s view goes there too, both ways', LIMIT, async () => {
  const server = await serveDir(DIST, '/');
  const s = await openPage(browser, server.origin);
  try {
    await s.page.goto(server.url);
    await waitForApp(s.page);
    await s.page.evaluate(() => { location.hash = '#/rollup?cat=2'; });
    await s.page.waitForURL(`${server.url}${TOOLS}#/rollup?cat=2`, { timeout: 30000 });
    await waitForTools(s.page);
    await s.page.evaluate(() => { location.hash = '#/depts'; });
    await s.page.waitForURL(`${server.url}index.html#/depts`, { timeout: 30000 });
    await waitForApp(s.page);
    await s.page.getByRole('heading', { name: '牵头部门' }).first().waitFor();
    assert.deepEqual(await cspViolations(s.page), []);
    assert.deepEqual(unexpected(s), []);
  } finally {
    await s.context.close();
    await server.close();
  }
});

test('tools.html opens offline after a first visit to the app, and the redirect works offline', LIMIT, async () => {
  const server = await serveDir(DIST, '/app/');
  const s = await openPage(browser, server.origin);
  try {
    await s.page.goto(server.url);
    await waitForApp(s.page);
    await waitForServiceWorker(s.page);
    await s.context.setOffline(true);
    const seen = server.requests.length;
    await s.page.goto(`${server.url}${TOOLS}`);
    await waitForTools(s.page);
    await s.page.goto(`${server.url}#/rollup`);
    await s.page.waitForURL(`${server.url}${TOOLS}#/rollup`, { timeout: 30000 });
    await waitForTools(s.page);
    await s.page.goto(`${server.url}${TOOLS}#/data`);
    await s.page.waitForURL(`${server.url}index.html#/data`, { timeout: 30000 });
    await waitForApp(s.page);
    assert.equal(server.requests.length, seen, 'nothing reached the server while offline');
    assert.deepEqual(await cspViolations(s.page), []);
    assert.deepEqual(unexpected(s), []);
  } finally {
    await s.context.close();
    await server.close();
  }
});

test("a browser that predates 'wasm-unsafe-eval' is sent from tools.html to tools-compat.html", LIMIT, async () => {
  // As in offline.test.mjs: without the keyword, Chromium refuses the wasm as Chrome 96 would.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qingdan-tools-'));
  await fs.cp(DIST, dir, { recursive: true });
  for (const page of ['index.html', TOOLS]) {
    const file = path.join(dir, page);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(" 'wasm-unsafe-eval'", ''));
  }
  writeServiceWorker(dir);
  const server = await serveDir(dir, '/app/');
  const s = await openPage(browser, server.origin);
  s.allowConsoleError(/Content Security Policy|WebAssembly|unsafe-eval/i);
  try {
    await s.page.goto(`${server.url}${TOOLS}#/rollup`);
    await s.page.waitForURL(`${server.url}${TOOLS_COMPAT}#/rollup`, { timeout: 30000 });
    await waitForTools(s.page);
    // The compat pages pass links on among themselves.
    await s.page.goto(`${server.url}${TOOLS_COMPAT}#/towns`);
    await s.page.waitForURL(`${server.url}compat.html#/towns`, { timeout: 30000 });
    await waitForApp(s.page);
    await s.page.goto(`${server.url}compat.html#/share`);
    await s.page.waitForURL(`${server.url}${TOOLS_COMPAT}#/share`, { timeout: 30000 });
    await waitForTools(s.page);
    // index.html under the same old-browser policy: to compat.html, then on to tools-compat.html.
    await s.page.goto(`${server.url}#/rollup`);
    await s.page.waitForURL(`${server.url}${TOOLS_COMPAT}#/rollup`, { timeout: 30000 });
    await waitForTools(s.page);
    assert.deepEqual(await cspViolations(s.page), []);
    assert.deepEqual(unexpected(s), []);
  } finally {
    await s.context.close();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
