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
import { DIST, chromiumSuite, copyOfDist, refuseWasm } from './harness.mjs';
import { engineNames, engineSuite } from './engines.mjs';

const LIMIT = { timeout: 120000 };
const STILL_LOADING = /仍在加载/;

describe('start-up messages (Chromium, fake clock)', { concurrency: 1 }, () => {
  const web = chromiumSuite();

  test('a failed start stays a failure, with what to do next, after the 15-second timer', LIMIT, async () => {
    const s = await web.session();
    await s.page.clock.install();
    await s.page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await s.page.goto(s.server.url, { waitUntil: 'domcontentloaded' });
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
  });

  test('a slow start says "仍在加载" after 15 s, as a status rather than an alert', LIMIT, async () => {
    const s = await web.session();
    // The wasm response never arrives (the request stays pending until the context closes).
    let held = 0;
    await s.page.clock.install();
    await s.page.route('**/*.wasm', () => { held += 1; });
    await s.page.goto(s.server.url, { waitUntil: 'domcontentloaded' });
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

describe('a CSP that refuses WebAssembly leads to compat.html', { concurrency: 1 }, () => {
  // A copy of the dist whose index.html's CSP lacks 'wasm-unsafe-eval': what a browser from before
  // that source sees (it refuses to compile wasm under index.html's policy). compat.html is as built.
  let dir;
  before(async () => { dir = await refuseWasm(await copyOfDist('qingdan-boot-csp-')); });
  after(async () => { if (dir) await fs.rm(dir, { recursive: true, force: true }); });

  for (const name of engineNames()) {
    describe(name, { concurrency: 1 }, () => {
      // `server` serves that copy, `asBuilt` the dist itself.
      const run = engineSuite(name, { server: () => dir, asBuilt: DIST }, LIMIT);

      test('index.html goes to compat.html, keeping the view, and the app starts there (and not as built)', LIMIT, async (t) => {
        t.diagnostic(run.engine.version);
        const s = await run.engine.openSession({ width: 390, height: 844 });
        try {
          await s.goto(run.server.url);
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
          await s.goto(`${run.server.url}#/towns`);
          await s.waitFor(() => /(^|\/)compat\.html$/.test(location.pathname) && !!document.querySelector('[data-testid="app"]'),
            [], 'the app on compat.html');
          assert.equal(await s.evaluate(() => location.hash), '#/towns', 'the view is kept');
          assert.ok(run.server.state.requests.includes('/'), 'index.html was served');
          assert.ok(run.server.state.requests.includes('/compat.html'), 'compat.html was served');
          assert.deepEqual(run.server.problems(), [], 'no request for a missing file');
          // The control: under index.html's policy as built, the app starts on index.html itself.
          await s.goto(`${run.asBuilt.url}#/towns`);
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
