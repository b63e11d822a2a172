// The start-up messages of public/boot.js, on the release dist:
//   - a failure to start (the wasm does not load) stays on screen as a failure, with what to do
//     next; the 15-second "仍在加载……" note never replaces it (Playwright's fake clock);
//   - a slow start shows that note after 15 s, as a plain status, not as an alert;
//   - a page whose CSP refuses WebAssembly (a browser from before 'wasm-unsafe-eval', simulated by
//     serving index.html without that source) goes to compat.html, where the app starts, in
//     Chromium, Firefox and WebKit (engines.mjs; QINGDAN_ENGINES picks engines).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DIST, serveDir, launch, openPage } from './harness.mjs';
import { engineNames, launchEngine, startServer } from './engines.mjs';

const LIMIT = { timeout: 120000 };
const STILL_LOADING = /仍在加载/;

describe('start-up messages (Chromium, fake clock)', { concurrency: 1 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await serveDir();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a failed start stays a failure, with what to do next, after the 15-second timer', LIMIT, async () => {
    const s = await openPage(browser, server.origin);
    try {
      await s.page.clock.install();
      await s.page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await s.page.goto(server.url, { waitUntil: 'domcontentloaded' });
      const msg = s.page.locator('#boot-msg');
      await msg.and(s.page.locator('.boot-error')).waitFor({ timeout: 20000 });
      const check = async (when) => {
        const state = await msg.evaluate((el) => ({
          text: el.textContent,
          role: el.getAttribute('role'),
          error: el.classList.contains('boot-error'),
          links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
          buttons: [...el.querySelectorAll('button')].map((b) => b.textContent),
        }));
        assert.match(state.text, /失败/, `${when}: ${state.text}`);
        assert.doesNotMatch(state.text, STILL_LOADING, `${when}: ${state.text}`);
        assert.equal(state.role, 'alert', when);
        assert.ok(state.error, `${when}: styled as an error`);
        assert.ok(state.links.some((h) => /^compat\.html/.test(h)), `${when}: links to compat.html (${state.links})`);
        assert.ok(state.links.some((h) => /^qingdan-offline\.html/.test(h)), `${when}: links to qingdan-offline.html (${state.links})`);
        assert.deepEqual(state.buttons, ['刷新页面'], `${when}: a reload button`);
      };
      await check('when shown');
      await s.page.clock.runFor(20000);
      await check('20 s later');
      assert.equal(await s.page.getByTestId('app').count(), 0);
    } finally {
      await s.context.close();
    }
  });

  test('a slow start says "仍在加载" after 15 s, as a status rather than an alert', LIMIT, async () => {
    const s = await openPage(browser, server.origin);
    // The wasm response never arrives (the request stays pending until the context closes).
    let held = 0;
    try {
      await s.page.clock.install();
      await s.page.route('**/*.wasm', () => { held += 1; });
      await s.page.goto(server.url, { waitUntil: 'domcontentloaded' });
      const msg = s.page.locator('#boot-msg');
      await s.page.waitForFunction(() => document.getElementById('boot-msg')?.textContent === '正在加载……');
      assert.ok(await waitFor(() => held >= 1), 'the wasm request is held');
      await s.page.clock.runFor(14000);
      assert.equal(await msg.textContent(), '正在加载……', 'nothing changes before 15 s');
      await s.page.clock.runFor(2000);
      const state = await msg.evaluate((el) => ({
        text: el.textContent,
        role: el.getAttribute('role'),
        className: el.className,
      }));
      assert.match(state.text, STILL_LOADING);
      assert.doesNotMatch(state.text, /失败/);
      assert.equal(state.role, 'status', 'a status (as in the HTML), not an alert');
      assert.equal(state.className, 'boot-msg', 'not styled as an error');
      assert.equal(await s.page.getByTestId('app').count(), 0);
    } finally {
      await s.context.close();
    }
  });
});

/** Polls `fn` (in Node) for up to 10 s. */
async function waitFor(fn, ms = 10000) {
  const until = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * A copy of the dist whose index.html's CSP lacks 'wasm-unsafe-eval': what a browser from before
 * that source sees (it refuses to compile wasm under index.html's policy). compat.html is as built.
 */
async function distRefusingWasm() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qingdan-boot-csp-'));
  await fs.cp(DIST, dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  const html = await fs.readFile(file, 'utf8');
  const csp = /(<meta http-equiv=["']?content-security-policy["']?[^>]*content=")([^"]*)(")/i;
  const m = html.match(csp);
  assert.ok(m, 'index.html has a CSP meta');
  assert.match(m[2], /'wasm-unsafe-eval'/);
  assert.doesNotMatch(m[2], /'unsafe-eval'/, 'index.html does not allow eval');
  const policy = m[2].replace(/\s*'wasm-unsafe-eval'/, '');
  await fs.writeFile(file, html.replace(csp, (_, a, __, c) => `${a}${policy}${c}`));
  return dir;
}

describe('a CSP that refuses WebAssembly leads to compat.html', { concurrency: 1 }, () => {
  let dir;
  before(async () => { dir = await distRefusingWasm(); });
  after(async () => { if (dir) await fs.rm(dir, { recursive: true, force: true }); });

  for (const name of engineNames()) {
    describe(name, { concurrency: 1 }, () => {
      let engine;
      let server;
      let asBuilt;
      before(async () => {
        engine = await launchEngine(name);
        server = await startServer(dir, { hookTag: engine.hookTag });
        asBuilt = await startServer(DIST, { hookTag: engine.hookTag });
      }, LIMIT);
      after(async () => {
        await server?.close();
        await asBuilt?.close();
        await engine?.close();
      }, LIMIT);

      test('index.html goes to compat.html, keeping the view, and the app starts there (and not as built)', LIMIT, async (t) => {
        t.diagnostic(engine.version);
        const s = await engine.openSession({ width: 390, height: 844 });
        try {
          await s.goto(server.url);
          await s.waitFor(() => /(^|\/)compat\.html$/.test(location.pathname), [], 'the move to compat.html');
          // The app runs there (its wasm compiled under compat.html's policy): a task list.
          await s.waitFor(
            () => !document.getElementById('boot')
              && document.querySelectorAll('[data-testid="app"] [data-testid="task-row"]').length > 0,
            [], 'the app with task rows on compat.html');
          assert.equal(await s.evaluate(() => location.pathname), '/compat.html');
          // compat.html's own document saw no error, rejection or CSP violation.
          const own = await s.evaluate(() => (window.__e2e ? window.__e2e.problems.slice() : ['the test hook is missing']));
          assert.deepEqual(own, [], `${name}: compat.html reported problems`);
          // A link to a view keeps the view on the way.
          await s.goto(`${server.url}#/towns`);
          await s.waitFor(() => /(^|\/)compat\.html$/.test(location.pathname) && !!document.querySelector('[data-testid="app"]'),
            [], 'the app on compat.html');
          assert.equal(await s.evaluate(() => location.hash), '#/towns', 'the view is kept');
          assert.ok(server.state.requests.includes('/'), 'index.html was served');
          assert.ok(server.state.requests.includes('/compat.html'), 'compat.html was served');
          assert.deepEqual(server.problems(), [], 'no request for a missing file');
          // The control: under index.html's policy as built, the app starts on index.html itself.
          await s.goto(`${asBuilt.url}#/towns`);
          await s.waitFor(() => !!document.querySelector('[data-testid="app"]') && !document.getElementById('boot'),
            [], 'the app on index.html as built');
          assert.deepEqual(await s.evaluate(() => [location.pathname, location.hash]), ['/', '#/towns'], 'stays on index.html');
        } finally {
          await s.close();
        }
      });
    });
  }
});
