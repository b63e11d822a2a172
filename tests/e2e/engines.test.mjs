// The journeys field staff depend on, in Chromium, Firefox and WebKit, on the release dist: the
// first screen, search, a town page with its own numbers, a note kept over a reload, export then
// import into a fresh profile, the one-file HTML from file://, and offline after the first visit.
// Any uncaught error, unhandled rejection, CSP violation, console error, failed resource or request
// for a missing file fails the journey in every engine (see engines.mjs for how each is observed).
// QINGDAN_ENGINES=firefox,webkit picks engines.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ds } from './harness.mjs';
import { engineNames, engineSuite, startServer, waitForApp } from './engines.mjs';
import { matches, townGroups, assignmentSummary } from './model.mjs';
import { KEY } from './share-seed.mjs';
import { SINGLE_FILE } from '../../scripts/build/sw.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const TOWN = 'zhujiajiao';
// No journey may hang command B: each has a hard limit (a typical one takes 1–4 s).
const LIMIT = { timeout: 120000 };
const town = ds.units.find((u) => u.id === TOWN);
const ownAlloc = (t) => t.allocations.find((a) => a.unit === TOWN);
/** The examples, found in the JSON: 粮食 21500亩, and 道路 8公里 · 桥梁 8座 in one task. */
const grainTask = ds.tasks.find((t) => ownAlloc(t)?.items.some((i) => i.metric.startsWith('粮食')));
const roadTask = ds.tasks.find((t) => ownAlloc(t)?.items.some((i) => i.metric === '道路') && ownAlloc(t).items.some((i) => i.metric === '桥梁'));

const sel = {
  app: '[data-testid="app"]',
  rows: '[data-testid="task-row"]',
  editor: (unit) => `[data-testid="progress-editor"][data-unit="${unit}"]`,
};

/** The task rows on screen: id and text, in order. */
async function rows(s, scope = 'body') {
  return s.evaluate((sc) => [...document.querySelector(sc)?.querySelectorAll('[data-testid="task-row"]') ?? []]
    .map((el) => ({ id: Number(el.dataset.taskId), text: el.textContent })), scope);
}

/** Waits until `scope` shows exactly `n` task rows (lists render in slices). */
async function waitForRowCount(s, n, scope = 'body') {
  await s.waitFor((c, sc) => document.querySelector(sc)?.querySelectorAll('[data-testid="task-row"]').length === c,
    [n, scope], `${n} task rows in ${scope}`);
}

async function text(s, css) {
  return s.evaluate((c) => document.querySelector(c)?.textContent ?? null, css);
}

/** Opens the progress editor of `task` for `unit` on the task page. */
async function openEditor(s, base, task, unit) {
  await s.goto(`${base}#/task/${task.id}`);
  await waitForApp(s);
  await s.select('[data-testid="progress-unit"]', unit);
  await s.waitForSelector(sel.editor(unit));
  return sel.editor(unit);
}

/** Records a note through the editor and waits until it is listed. */
async function addNote(s, editor, note) {
  await s.type(`${editor} [data-testid="note-input"]`, note);
  await s.click(`${editor} [data-testid="note-save"]`);
  await waitForNote(s, editor, note);
}

async function waitForNote(s, editor, note) {
  await s.waitFor((e, n) => [...document.querySelectorAll(`${e} [data-testid="note-text"]`)].some((el) => el.textContent === n),
    [editor, note], `the note "${note}"`);
}

/** The page's date in China time (UTC+8), as the app names export files whatever the time zone. */
async function pageToday(s) {
  return s.evaluate(() => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10));
}

test('the expectations are the issue\'s own examples', () => {
  assert.equal(assignmentSummary(ownAlloc(grainTask)), '粮食任务 21500亩');
  assert.equal(assignmentSummary(ownAlloc(roadTask)), '道路 8公里 · 桥梁 8座');
});

for (const name of engineNames()) {
  describe(name, { concurrency: 1 }, () => {
    const run = engineSuite(name);
    const tmp = [];
    after(async () => {
      for (const dir of tmp) await fs.rm(dir, { recursive: true, force: true });
    });

    // Limits of this engine's automation, said once (not once per journey).
    const said = new Set();
    function diagnose(t, s) {
      for (const note of s.notes) {
        if (!said.has(note)) t.diagnostic(note);
        said.add(note);
      }
    }

    /** One journey in a fresh profile; the session is closed even when the journey fails. */
    function journey(title, size, fn) {
      test(title, LIMIT, async (t) => {
        const s = await run.engine.openSession(size);
        try {
          await fn(s, t);
          const problems = [...(await s.problems()), ...run.server.problems()];
          assert.deepEqual(problems, [], `${name}: the page reported problems`);
          diagnose(t, s);
        } finally {
          await s.close();
        }
      });
    }

    test('starts', (t) => {
      assert.ok(run.engine.version);
      t.diagnostic(run.engine.version);
    });

    // The guard every journey ends with must not be vacuous: provoke each kind of problem once.
    test('the error channel sees uncaught errors, rejections, CSP violations, failed files, console.error', LIMIT, async () => {
      const s = await run.engine.openSession(PHONE);
      try {
        await s.goto(run.server.url);
        await waitForApp(s);
        await s.evaluate(() => {
          setTimeout(() => { throw new Error('e2e-uncaught'); });
          Promise.reject(new Error('e2e-rejected'));
          console.error('e2e-console');
          const script = document.createElement('script');
          script.src = 'https://example.invalid/e2e-csp.js';
          document.head.append(script);
          const img = document.createElement('img');
          img.src = 'e2e-missing.png';
          document.body.append(img);
        });
        // The events arrive asynchronously: collect for up to 5 s, until each marker is in.
        const seen = [];
        const markers = ['e2e-uncaught', 'e2e-rejected', 'e2e-console', 'e2e-csp', 'e2e-missing.png'];
        for (let i = 0; i < 50 && !markers.every((m) => seen.some((p) => p.includes(m))); i++) {
          await new Promise((r) => setTimeout(r, 100));
          seen.push(...(await s.problems()), ...run.server.problems());
        }
        for (const what of ['uncaught error: .*e2e-uncaught', 'unhandled rejection: .*e2e-rejected', 'console.error: e2e-console',
          'CSP violation: script-src.* blocked https://example.invalid/e2e-csp.js', 'request for a missing file: /e2e-missing.png']) {
          assert.ok(seen.some((p) => new RegExp(what).test(p)), `${name} reports ${what}; saw:\n${seen.join('\n')}`);
        }
      } finally {
        await s.close();
      }
    });

    journey('first screen: every task with number, name, lead and deadline', PHONE, async (s) => {
      await s.goto(run.server.url);
      await waitForApp(s);
      // Long lists render in slices (src/components/progressive.rs): wait for the last one.
      await waitForRowCount(s, ds.tasks.length);
      const headings = await s.evaluate(() => [...document.querySelectorAll('h1, h2')].map((h) => h.textContent));
      assert.ok(headings.some((h) => h.includes(ds.meta.title)), `a heading names the list: ${headings}`);
      const got = await rows(s);
      assert.equal(got.length, ds.tasks.length);
      ds.tasks.forEach((task, i) => {
        assert.equal(got[i].id, task.id);
        for (const part of [String(task.id), task.name, task.lead_text, task.deadline_text]) {
          assert.ok(got[i].text.includes(part), `task ${task.id} shows ${part}`);
        }
      });
      assert.equal(await text(s, '[data-testid="result-count"]'), `显示 ${ds.tasks.length} / ${ds.tasks.length} 项`);
      await s.screenshot('tasks');
    });

    journey('search: typed terms filter the list, count and highlight', DESKTOP, async (s) => {
      await s.goto(run.server.url);
      await waitForApp(s);
      const query = '示范 建设';
      const expected = ds.tasks.filter((t) => matches(t, query)).map((t) => t.id);
      assert.ok(expected.length > 1 && expected.length < ds.tasks.length);
      await s.type('[data-testid="search"]', query);
      await waitForRowCount(s, expected.length);
      assert.deepEqual((await rows(s)).map((r) => r.id), expected);
      assert.equal(await text(s, '[data-testid="result-count"]'), `显示 ${expected.length} / ${ds.tasks.length} 项`);
      assert.ok(await s.evaluate(() => document.querySelectorAll('mark.hl').length > 0), 'hits are highlighted');
      // The view is in the URL: a reload shows the same list.
      assert.match(decodeURIComponent(await s.evaluate(() => location.hash)), /示范/);
      await s.screenshot('search');
      await s.reload();
      await waitForApp(s);
      await waitForRowCount(s, expected.length);
      assert.equal(await s.evaluate(() => document.querySelector('[data-testid="search"]').value), query);
    });

    journey(`town page: ${town.name} sees its own tasks and numbers`, PHONE, async (s) => {
      await s.goto(`${run.server.url}#/town/${TOWN}`);
      await waitForApp(s);
      await s.waitForSelector(`[data-testid="town-page"][data-unit="${TOWN}"]`);
      const g = townGroups(ds, TOWN);
      for (const [testid, want] of [['group-named', g.named], ['group-shared', g.shared], ['group-district', g.district]]) {
        await waitForRowCount(s, want.length, `[data-testid="${testid}"]`);
        assert.deepEqual((await rows(s, `[data-testid="${testid}"]`)).map((r) => r.id), want.map((t) => t.id), testid);
      }
      const shown = await s.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid="group-named"] [data-testid="task-row"]')]
        .map((row) => [row.dataset.taskId, row.querySelector('[data-testid="assignment"]')?.textContent ?? null])));
      for (const task of g.named) {
        const want = assignmentSummary(ownAlloc(task));
        if (want) assert.equal(shown[task.id], want, `task ${task.id}`);
      }
      assert.equal(shown[grainTask.id], '粮食任务 21500亩');
      assert.equal(shown[roadTask.id], '道路 8公里 · 桥梁 8座');
      await s.screenshot('town');
    });

    journey('a note recorded on a task is still there after a reload', DESKTOP, async (s) => {
      const note = `第3段路面已完工，剩余桥梁12月开工 <b>${name}</b>`;
      const editor = await openEditor(s, run.server.url, roadTask, TOWN);
      await s.click(`${editor} [data-testid="status-doing"]`);
      await addNote(s, editor, note);
      await s.waitFor((k, n) => (localStorage.getItem(k) || '').includes(n), [KEY, note], 'the note in localStorage');
      await s.evaluate((e) => document.querySelector(e).scrollIntoView({ block: 'start' }), editor);
      await s.screenshot('task-progress');
      await s.reload();
      await waitForApp(s);
      await s.select('[data-testid="progress-unit"]', TOWN);
      await waitForNote(s, editor, note);
      assert.equal(await s.evaluate((c) => document.querySelector(c).getAttribute('aria-pressed'), `${editor} [data-testid="status-doing"]`), 'true');
      assert.equal(await s.evaluate(() => document.querySelectorAll('.notes b').length), 0, 'the note is text, not markup');
      // The town page shows the task in progress.
      await s.goto(`${run.server.url}#/town/${TOWN}`);
      await waitForApp(s);
      const status = await s.waitFor((id) => document.querySelector(`[data-testid="group-named"] [data-task-id="${id}"] .status`)?.textContent, [roadTask.id], 'the status on the town page');
      assert.match(status, /推进中/);
    });

    journey('export JSON, then import it into a fresh profile', DESKTOP, async (s, t) => {
      const note = `导出导入：引号"逗号,和<尖括号> ${name}`;
      const editor = await openEditor(s, run.server.url, roadTask, TOWN);
      await s.click(`${editor} [data-testid="status-done"]`);
      await addNote(s, editor, note);
      await s.goto(`${run.server.url}#/data`);
      await waitForApp(s);
      await s.select('[data-testid="export-unit"]', TOWN);
      await s.click('[data-testid="export-json"]');
      const [file] = await s.takeDownloads(1);
      assert.equal(file.name, `清单进度-${town.name}-${await pageToday(s)}.json`);
      assert.match(file.type, /^application\/json/);
      const exported = JSON.parse(file.text);
      assert.equal(exported.app, 'qingdan');
      assert.equal(exported.dataset_hash, ds.meta.content_hash);
      assert.equal(exported.export.unit, TOWN);
      assert.ok(JSON.stringify(exported.records).includes(JSON.stringify(note).slice(1, -1)), 'the note is in the file');
      const message = await s.waitFor(() => document.querySelector('[data-testid="export-message"]')?.textContent, [], 'the export message');
      assert.ok(message.includes(file.name), message);
      await s.screenshot('data');

      const dir = await fs.mkdtemp(path.join(os.tmpdir(), `qingdan-engines-${name}-`));
      tmp.push(dir);
      const saved = path.join(dir, file.name);
      await fs.writeFile(saved, file.text);

      const fresh = await run.engine.openSession(PHONE);
      try {
        await fresh.goto(`${run.server.url}#/data`);
        await waitForApp(fresh);
        assert.equal(await fresh.evaluate((k) => localStorage.getItem(k), KEY), null, 'a fresh profile has no data');
        await fresh.upload('[data-testid="import-file"]', saved);
        const preview = await fresh.waitFor(() => document.querySelector('[data-testid="import-preview"]')?.textContent, [], 'the import preview');
        assert.match(preview, /新增 1 条/);
        await fresh.click('[data-testid="import-merge"]');
        await fresh.waitFor(() => /导入完成/.test(document.querySelector('[data-testid="import-message"]')?.textContent), [], 'import done');
        const stored = JSON.parse(await fresh.evaluate((k) => localStorage.getItem(k), KEY));
        assert.deepEqual(stored.records, exported.records);
        const ed = await openEditor(fresh, run.server.url, roadTask, TOWN);
        await waitForNote(fresh, ed, note);
        assert.equal(await fresh.evaluate((c) => document.querySelector(c).getAttribute('aria-pressed'), `${ed} [data-testid="status-done"]`), 'true');
        await fresh.screenshot('imported');
        assert.deepEqual([...(await fresh.problems()), ...run.server.problems()], [], `${name}: the fresh profile reported problems`);
        diagnose(t, fresh);
      } finally {
        await fresh.close();
      }
    });

    journey('the one-file HTML works from file:// with no request at all', PHONE, async (s, t) => {
      const url = pathToFileURL(path.join(DIST, SINGLE_FILE)).href;
      await s.goto(url);
      await waitForApp(s);
      await waitForRowCount(s, ds.tasks.length);
      await s.goto(`${url}#/task/${ds.tasks[1].id}`);
      await s.waitFor((n) => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent.includes(n)), [ds.tasks[1].name], 'the task heading');
      assert.equal(await s.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
      await s.evaluate(() => localStorage.setItem('qingdan.e2e-marker', 'kept'));
      await s.reload();
      await waitForApp(s);
      assert.equal(await s.evaluate(() => localStorage.getItem('qingdan.e2e-marker')), 'kept');
      // Every resource the page loaded is the file itself or inline data.
      const loaded = await s.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      assert.deepEqual(loaded.filter((u) => !/^(file|data|blob):/.test(u)), [], 'no network request');
      await s.screenshot('single-file');
      // 数据 is a hash of the file: the app's wasm reloads it and the tools' wasm starts; 全部任务
      // leads back the same way. (WebKit: the hook comes again after each of these loads.)
      for (const [href, ready] of [['#/data', '[data-testid="data-page"]'], ['#/', '[data-testid="task-row"]']]) {
        await s.click(`nav a.nav-link[href="${href}"]`);
        await waitForApp(s);
        if (s.afterLoad) await s.afterLoad();
        await s.waitForSelector(ready);
        assert.equal(await s.evaluate(() => location.href), `${url}${href}`);
      }
      assert.equal(await s.evaluate(() => localStorage.getItem('qingdan.e2e-marker')), 'kept');
      if (s.lateHook) t.diagnostic(`${name} on file://: the error hook is injected after each load (no init scripts in WebDriver classic), so errors during the load itself are seen only as an app that does not mount`);
    });

    journey('works offline after the first visit, data kept', PHONE, async (s, t) => {
      // Its own server, so going offline leaves the other journeys' server alone.
      const own = await startServer(DIST, { hookTag: run.engine.hookTag });
      try {
        await s.goto(own.url);
        await waitForApp(s);
        if (!(await s.evaluate(() => 'serviceWorker' in navigator))) {
          t.skip(`${name}: no service worker in this automation`);
          return;
        }
        const controlled = await s.waitFor(
          () => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller),
          [], 'a service worker controlling the page', 30000,
        ).catch(() => false);
        if (!controlled) {
          t.skip(`${name}: the service worker never took control under automation`);
          return;
        }
        assert.equal(await s.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope)), own.url);
        await s.evaluate(() => localStorage.setItem('qingdan.e2e-marker', 'kept'));
        const browserOffline = await s.setOffline(true);
        own.state.offline = true;
        t.diagnostic(browserOffline ? 'offline: the browser is offline and the server drops every request'
          : 'offline: the server drops every request but the test hook\'s (no network emulation in WebDriver classic)');
        await s.reload();
        await waitForApp(s);
        await waitForRowCount(s, ds.tasks.length);
        assert.equal(await s.evaluate(() => localStorage.getItem('qingdan.e2e-marker')), 'kept');
        await s.goto(`${own.url}#/task/${ds.tasks[0].id}`);
        await s.waitFor((n) => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent.includes(n)), [ds.tasks[0].name], 'the task heading offline');
        await s.screenshot('offline');
        assert.deepEqual(own.state.offlineHits, [], 'nothing reached the server while offline');
        assert.deepEqual(own.problems(), []);
        await s.setOffline(false);
      } finally {
        await own.close();
      }
    });
  });
}
