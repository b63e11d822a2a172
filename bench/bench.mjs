// The benchmark (issue 7): builds the release app for the real 74 tasks and for synthetic lists of
// 1 000 and 10 000 tasks, builds the minimal Leptos reference page for each list, then reports
// bytes, load metrics and interaction latencies, each as a ratio to the reference. It reports and
// never fails on a number; it exits non-zero only if it could not measure.
//
//   node bench/bench.mjs [--runs 5] [--sizes 74,1000,10000] [--no-build] [--no-twiggy]
//                        [--no-lighthouse] [--out DIR] [--app-dist DIR] [--strict]
//
// Writes results.json and results.md to --out (default bench/out, with the dists it builds) and
// prints the Markdown. See bench/README.md for what each figure means and for the options.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { fileBytes, pageAssets, sizes, walk } from '../scripts/build/sizes.mjs';
import { generate, toText } from './gen-dataset.mjs';
import { summarize } from './twiggy-summary.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => (p.startsWith(ROOT + path.sep) ? path.relative(ROOT, p) : p);
const REAL = path.join(ROOT, 'src/data/qingpu-2022.json');
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('--runs', 5));
const SIZES = opt('--sizes', '74,1000,10000').split(',').map(Number);
const BUILD = !args.includes('--no-build');
const TWIGGY = !args.includes('--no-twiggy');
// One Lighthouse run (mobile preset) on the 74-task app page, when 74 is among --sizes.
const LIGHTHOUSE = !args.includes('--no-lighthouse');
// Where the dists, results and twiggy output go (the tests' short pass uses its own folder).
const OUT = path.resolve(opt('--out', path.join(ROOT, 'bench/out')));
// Measure this already-built release app dist (it must embed the one list of --sizes) instead of
// building one; the reference is still built.
const APP_DIST = opt('--app-dist', null) && path.resolve(opt('--app-dist'));
// Exit non-zero when anything could not be measured (a load or an interaction step failed), not
// only when nothing could: for the tests' short pass. Slow figures and step timeouts never fail.
const STRICT = args.includes('--strict');
if (APP_DIST && SIZES.length !== 1) {
  console.error('bench: --app-dist measures one list: give exactly one --sizes');
  process.exit(2);
}
// Per-step ceiling: a step that takes longer is recorded as a timeout, and the run goes on.
const STEP_TIMEOUT = Number(opt('--step-timeout', 30)) * 1000;
// Wall-clock allowance per list for its runs: a list whose runs are slow (10 000 tasks) stops
// starting new runs when the next one would overrun it, after at least MIN_RUNS. The run count is
// printed with the results, so fewer runs than --runs is never hidden.
const LIST_BUDGET = Number(opt('--list-budget', 300)) * 1000;
const MIN_RUNS = Math.min(RUNS, Number(opt('--min-runs', 3)));
const T_START = Date.now();

// Lighthouse's "Slow 4G" (mobile) values and its 4x CPU slowdown.
const NETWORK = {
  offline: false,
  latency: 150, // ms round trip
  downloadThroughput: (1.6 * 1024 * 1024) / 8, // 1.6 Mbps in bytes/s
  uploadThroughput: (750 * 1024) / 8, // 750 kbps in bytes/s
};
const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 390, height: 844 }; // the project's phone viewport
const QUERY = '农村'; // typed one character at a time

const log = (...a) => console.error(`[bench ${((Date.now() - T_START) / 1000).toFixed(0)}s]`, ...a);

// ---------------------------------------------------------------------------------------------
// Datasets and builds

function datasetFile(n) {
  if (n === 74) return REAL;
  const file = path.join(OUT, `dataset-${n}.json`);
  fs.mkdirSync(OUT, { recursive: true });
  // One task per line, like the real file, so bytes per task compare.
  const text = toText(generate(n));
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return file;
}

function sh(cmd, cwd, env = {}) {
  execFileSync('bash', ['-c', `source "${ROOT}/scripts/lib.sh" && ${cmd}`], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Whether the wasm of the dist's index.html embeds the dataset whose meta id is `id` (the JSON is stored verbatim). */
function embeds(dist, id) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return false;
  const wasm = pageAssets(dist, 'index.html').wasm;
  return wasm.length > 0 && wasm.every((f) => fs.readFileSync(path.join(dist, f)).includes(Buffer.from(`"id":${JSON.stringify(id)}`)));
}

function build(n) {
  const dataset = datasetFile(n);
  const ds = JSON.parse(fs.readFileSync(dataset, 'utf8'));
  const app = APP_DIST || path.join(OUT, `dist-${n}`);
  const ref = path.join(OUT, `dist-ref-${n}`);
  const jobs = [
    ['app', app, ROOT, BUILD && !APP_DIST],
    ['reference', ref, path.join(ROOT, 'bench/reference'), BUILD],
  ];
  for (const [what, dist, cwd, build] of jobs) {
    if (!build) log(`${what}, ${n} tasks: measuring the dist already in ${rel(dist)}`);
    // The target dir is shared with every other build on the machine: another build can replace
    // target/…/qingdan.wasm between Cargo and wasm-bindgen. Check what was embedded; retry.
    for (let attempt = 1; build && attempt <= 3; attempt++) {
      log(`build ${what}, ${n} tasks -> ${rel(dist)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      sh(`with_release_env trunk build --release --dist "${dist}"`, cwd, { QINGDAN_DATASET: dataset });
      if (embeds(dist, ds.meta.id)) break;
      log(`${rel(dist)} does not embed ${ds.meta.id} (a concurrent build in the shared target dir?)`);
    }
    if (!embeds(dist, ds.meta.id)) throw new Error(`${dist} does not embed the ${n}-task list ${ds.meta.id}`);
  }
  return { n, app, ref, ds };
}

// ---------------------------------------------------------------------------------------------
// Bytes

// Entry pages and their first-load bytes: scripts/build/sizes.mjs (shared with the budget test).

// ---------------------------------------------------------------------------------------------
// Static server on 127.0.0.1 that compresses like a real static host (br or gzip, as accepted).

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

async function serve(dist) {
  const files = new Map();
  for (const name of walk(dist)) {
    const raw = fs.readFileSync(path.join(dist, name));
    files.set('/' + name.split('/').map(encodeURIComponent).join('/'), {
      type: MIME[path.extname(name)] || 'application/octet-stream',
      raw,
      gzip: zlib.gzipSync(raw, { level: 9 }),
      br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    });
  }
  const encodings = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const f = files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    // No favicon is part of either build: answer the browser's automatic request without an error.
    if (!f) return res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    const accept = String(req.headers['accept-encoding'] || '');
    const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    encodings.add(enc || 'identity');
    const headers = { 'content-type': f.type, 'cache-control': 'no-cache' };
    if (enc) headers['content-encoding'] = enc;
    res.writeHead(200, headers).end(enc ? f[enc] : f.raw);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, encodings, close: () => new Promise((r) => server.close(r)) };
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation (installed before any page script runs)

function instrument() {
  const B = (window.__bench = { longtasks: [], events: [], lcp: null, rowsAt: null, interactiveAt: null });
  const observe = (type, fn, extra = {}) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra });
    } catch (e) {
      B[`no_${type}`] = String(e);
    }
  };
  observe('longtask', (e) => B.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe('largest-contentful-paint', (e) => {
    const el = e.element;
    B.lcp = { time: e.startTime, size: e.size, element: el ? el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') : null };
  });
  observe('event', (e) => B.events.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId }), { durationThreshold: 16 });

  // Interactive: the first frame in which a task row exists has been painted and the main thread is
  // free again (a rAF poll sees the rows, then a 0 ms timeout runs after that frame's paint).
  const poll = () => {
    if (document.querySelector('[data-testid="task-row"]')) {
      B.rowsAt = performance.now();
      setTimeout(() => { B.interactiveAt = performance.now(); }, 0);
    } else {
      requestAnimationFrame(poll);
    }
  };
  requestAnimationFrame(poll);

  // Interaction latency, the fallback to Event Timing: from the input event's timestamp until the
  // frame in which an element matching `selector` exists (if one is given) has been painted (rAF
  // poll, then a 0 ms timeout after the paint). A selector, not code: the app's CSP forbids eval.
  B.arm = (selector) => {
    const cond = selector ? () => !!document.querySelector(selector) : () => true;
    const types = ['pointerdown', 'mousedown', 'keydown', 'beforeinput', 'input', 'click'];
    B.pending = new Promise((resolve) => {
      const onEvent = (e) => {
        types.forEach((t) => window.removeEventListener(t, onEvent, true));
        const t0 = e.timeStamp;
        const check = () => {
          if (cond()) setTimeout(() => resolve({ t0, t1: performance.now(), first: e.type }), 0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      };
      types.forEach((t) => window.addEventListener(t, onEvent, true));
    });
  };
  // The Event Timing entries of the interaction that started at t0 (all >= 16 ms by the threshold).
  B.eventsSince = (t0) => B.events.filter((e) => e.start >= t0 - 1);
  B.frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

// ---------------------------------------------------------------------------------------------
// Measuring one page load (and, for the app, the interactions after it)

// The timer is cleared once `p` settles: a pending one would keep the process alive for up to `ms`.
const withTimeout = (p, ms, what) => {
  let timer;
  const expired = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timeout: ${what}`)), ms); });
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
};

async function openThrottled(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(instrument);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, errors };
}

/**
 * Checks the page embeds the list it should: the reference renders every task; the app may render
 * a first page of a long list, so its count text ("显示 N / N 项") or footer ("（N项）") must name it.
 */
async function checkList(page, which, n) {
  const ok = await page.evaluate(({ which, n }) => {
    const rows = document.querySelectorAll('[data-testid="task-row"]').length;
    if (which === 'ref') return rows === n;
    const text = document.body.innerText;
    return rows > 0 && (text.includes(`/ ${n} 项`) || text.includes(`（${n}项）`));
  }, { which, n });
  if (!ok) throw new Error(`the ${which} page does not show the ${n}-task list: wrong build?`);
}

async function measureLoad(page, url, which, n) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench && window.__bench.interactiveAt !== null, null, {
    timeout: Math.max(STEP_TIMEOUT * 2, 120000),
    polling: 250,
  });
  await page.waitForTimeout(300);
  const m = await page.evaluate(() => {
    const B = window.__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const tti = B.interactiveAt;
    // Total Blocking Time: the part over 50 ms of every long task between FCP and interactive.
    let tbt = 0;
    for (const t of B.longtasks) {
      const start = Math.max(t.start, fcp ?? 0);
      const end = Math.min(t.start + t.duration, tti);
      if (end - start > 50 && t.duration > 50) tbt += end - start - 50;
    }
    // The same over the whole load (from navigation start): for a page whose first paint comes
    // only after its big task (the reference), TBT is 0 by definition, this is not.
    let blocking = 0;
    for (const t of B.longtasks) {
      const end = Math.min(t.start + t.duration, tti);
      if (end - t.start > 50) blocking += end - t.start - 50;
    }
    const nav = performance.getEntriesByType('navigation')[0];
    const transfer = (nav?.transferSize || 0) + performance.getEntriesByType('resource').reduce((s, r) => s + (r.transferSize || 0), 0);
    return {
      fcp,
      lcp: B.lcp?.time ?? null,
      lcpElement: B.lcp?.element ?? null,
      rows: B.rowsAt,
      interactive: tti,
      tbt,
      blocking,
      longtasks: B.longtasks.length,
      transfer,
      rowCount: document.querySelectorAll('[data-testid="task-row"]').length,
    };
  });
  await checkList(page, which, n);
  return m;
}

/** Arms the in-page timer, runs `action`, returns { latency, eventTiming, first }; `done` is the selector of the expected change. */
async function timed(page, action, done = null) {
  await page.evaluate((c) => window.__bench.arm(c), done);
  await action();
  let r;
  try {
    r = await withTimeout(page.evaluate(() => window.__bench.pending), STEP_TIMEOUT, 'interaction');
  } catch (e) {
    if (!/^timeout/.test(e.message)) throw e;
    // Still busy: the latency is only known to exceed the step timeout.
    return { latency: Infinity, timedOut: true, eventTiming: null, rafPaint: null, events: [] };
  }
  // Event Timing entries are queued after the paint: give them a moment.
  await page.evaluate(() => window.__bench.frame());
  await page.waitForTimeout(100);
  const events = await page.evaluate((t0) => window.__bench.eventsSince(t0), r.t0);
  const et = events.length ? Math.max(...events.map((e) => e.duration)) : null;
  const raf = r.t1 - r.t0;
  return { latency: Math.max(raf, et ?? 0), eventTiming: et, rafPaint: raf, events: events.map((e) => `${e.name}:${e.duration}`) };
}

async function settle(page) {
  await page.evaluate(async () => {
    await window.__bench.frame();
    await window.__bench.frame();
  });
  await page.waitForTimeout(200);
}

const rowCount = (page) => page.evaluate(() => document.querySelectorAll('[data-testid="task-row"]').length);

async function measureInteractions(page, ds) {
  const out = {};
  const failures = [];
  // A failed step is recorded and the next one still runs (each sets up its own page).
  let stuck = null;
  const step = async (name, fn) => {
    const t = Date.now();
    if (stuck) {
      // The page is still working on a timed-out interaction: anything measured now would be
      // that backlog, so the rest of this run is skipped.
      out[name] = { skipped: `after the ${stuck} step timed out` };
      failures.push(`${name}: skipped after the ${stuck} step timed out (> ${STEP_TIMEOUT / 1000} s)`);
      return;
    }
    try {
      await fn();
      if (Date.now() - t > 20000) log(`  ${ds.tasks.length} tasks: ${name} step took ${Math.round((Date.now() - t) / 1000)} s`);
      if (out[name]?.timedOut) stuck = name;
    } catch (e) {
      out[name] = { failure: String(e.message || e).split('\n')[0] };
      failures.push(`${name}: ${out[name].failure}`);
    }
  };
  const search = page.locator('[data-testid="search"]');

  // 1. Typing a query, one character at a time: the slowest keystroke counts.
  await step('type', async () => {
    await search.focus();
    await settle(page);
    const keys = [];
    for (const ch of QUERY) {
      keys.push(await timed(page, () => page.keyboard.type(ch)));
      if (keys[keys.length - 1].timedOut) break;
      await settle(page);
    }
    const worst = keys.reduce((a, b) => (b.latency > a.latency ? b : a));
    out.type = { ...worst, perKey: keys.map((k) => k.latency) };
    if (!worst.timedOut) out.type.rowsAfter = await rowCount(page);
  });

  // 2. Clearing it: select all (not timed), Backspace (timed); every task is back.
  await step('clear', async () => {
    await search.focus();
    await page.keyboard.press('Control+A');
    await settle(page);
    out.clear = await timed(page, () => page.keyboard.press('Backspace'));
    if (out.clear.timedOut) return;
    out.clear.rowsAfter = await rowCount(page);
    const all = await page.evaluate((n) => document.body.innerText.includes(`${n} / ${n} 项`), ds.tasks.length);
    if (!all) out.clear.warning = `the count does not show all ${ds.tasks.length} tasks after clearing`;
    await settle(page);
  });

  // 3. A facet: the first category link (the facet panel is opened first on a phone, not timed).
  await step('facet', async () => {
    await page.evaluate(() => {
      const d = document.querySelector('details.facets');
      if (d) d.open = true;
    });
    await settle(page);
    const facet = page.locator('[data-testid="facet-category"] .facet-link').first();
    const pressed = '[data-testid="facet-category"] .facet-link[aria-pressed="true"]';
    out.facet = await timed(page, () => facet.click(), pressed);
    if (out.facet.timedOut) return;
    out.facet.rowsAfter = await rowCount(page);
    await settle(page);
  });

  // 4. Switching town: on one town's page, follow a link to another town's page.
  await step('town', async () => {
    const [a, b] = ds.units;
    await page.evaluate((id) => { location.hash = `#/town/${id}`; }, a.id);
    await page.waitForSelector(`[data-testid="town-page"][data-unit="${a.id}"]`, { timeout: STEP_TIMEOUT });
    await settle(page);
    // An in-app link to another town if the page has one; else a plain link added for the
    // benchmark (a click on either is the same hashchange navigation).
    let link = page.locator(`a[href^="#/town/"]:not([href^="#/town/${a.id}"])`).first();
    let via = 'app link';
    if ((await link.count()) === 0) {
      await page.evaluate((id) => {
        const el = document.createElement('a');
        el.href = `#/town/${id}`;
        el.id = 'bench-town-link';
        el.textContent = 'bench: next town';
        el.style.cssText = 'position:fixed;top:0;left:0;z-index:99999;background:#ff0;padding:8px';
        document.body.appendChild(el);
      }, b.id);
      link = page.locator('#bench-town-link');
      via = 'link added by the benchmark';
    }
    const href = await link.getAttribute('href');
    const target = decodeURIComponent(href.replace(/^#\/town\//, '').split('?')[0]);
    const shown = `[data-testid="town-page"][data-unit=${JSON.stringify(target)}]`;
    out.town = { via, ...(await timed(page, () => link.click(), shown)) };
    if (out.town.timedOut) return;
    out.town.rowsAfter = await rowCount(page);
    await settle(page);
  });

  // 5. Saving a note on a task's page, if the progress UI exists in this build.
  await step('note', async () => {
    await page.evaluate(() => { location.hash = '#/task/1'; });
    await page.waitForSelector('[data-testid="task-detail"]', { timeout: STEP_TIMEOUT });
    await settle(page);
    const note = page.locator('[data-testid="note-input"]');
    const save = page.locator('[data-testid="note-save"]');
    if ((await note.count()) && (await save.count())) {
      await note.first().fill('基准测试备注：已完成现场核查。');
      await settle(page);
      out.note = await timed(page, () => save.first().click());
    } else {
      out.note = null; // n/a: no progress UI in this build
    }
  });
  out.failures = failures;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Statistics and report

const median = (xs) => {
  // Infinity = timed out: it sorts last, and is the median when half the runs or more timed out.
  const v = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const kb = (b) => (b == null ? 'n/a' : `${(b / 1024).toFixed(1)} KB`);
const ms = (x) => (x == null ? 'n/a' : x === Infinity ? `> ${STEP_TIMEOUT / 1000} s (timeout)` : `${Math.round(x)} ms`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

/** "10 000" or "10 000 (3 runs)" when fewer runs than asked for. */
const listLabel = (r, runs) => `${r.n.toLocaleString('en').replace(/,/g, ' ')}${r.runs < runs ? ` (${r.runs} runs)` : ''}`;

// The targets of issue 14 (README "Performance").
const TARGETS = {
  firstLoadGzip: 150 * 1024,
  tbt: 150,
  interactiveRatio: 1.3,
  // Per list size: the limit of each interaction, ms.
  interaction: {
    74: { type: 100, clear: 100, facet: 100, town: 100, note: 100 },
    10000: { type: 150, clear: 150, facet: 150, town: 300, note: null },
  },
};

function markdown(results) {
  const L = [];
  const env = results.environment;
  L.push(`Measured ${results.date} · ${env.runs} runs each, medians · Chromium ${env.chromium} headless, ${env.viewport}, ` +
    `CPU ${CPU_SLOWDOWN}× slowdown, Slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), served ${env.encodings.join('/')} from 127.0.0.1 · ` +
    `ratios are to the minimal Leptos reference page built with the same list.`);
  L.push('');
  L.push('**Bytes** (first load of each entry page = the page + the CSS, JS and wasm it loads; gzip -9, brotli q11)');
  L.push('');
  L.push('| tasks | build | HTML gz | CSS gz | JS gz | wasm raw | wasm gz | wasm br | first load raw | **first load gz** | first load br | gz vs reference |');
  L.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.lists) {
    for (const [build, b] of [['app', r.app.bytes], ['reference', r.ref.bytes]]) {
      for (const s of b.pages) {
        const label = s.page === 'index.html' ? build : `${build}: ${s.page}`;
        L.push(`| ${listLabel(r, env.runs)} | ${label} | ${kb(s.html.gzip)} | ${kb(s.css.gzip)} | ${kb(s.js.gzip)} | ${kb(s.wasm.raw)} | ${kb(s.wasm.gzip)} | ${kb(s.wasm.brotli)} | ${kb(s.total.raw)} | **${kb(s.total.gzip)}** | ${kb(s.total.brotli)} | ${build === 'reference' ? '1.00×' : s.page === 'index.html' ? ratio(s.total.gzip, r.ref.bytes.total.gzip) : '—'} |`);
      }
    }
  }
  L.push('');
  L.push('**Load** (medians; interactive = a task row painted and the main thread free; TBT = long-task time over 50 ms between FCP and interactive; "blocking, whole load" = the same from navigation start)');
  L.push('');
  L.push('| tasks | build | transferred | FCP | LCP | interactive | TBT | blocking, whole load |');
  L.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.lists) {
    const a = r.app.load;
    const f = r.ref.load;
    L.push(`| ${listLabel(r, env.runs)} | app | ${kb(a.transfer)} (${ratio(a.transfer, f.transfer)}) | ${ms(a.fcp)} (${ratio(a.fcp, f.fcp)}) | ${ms(a.lcp)} (${ratio(a.lcp, f.lcp)}) | ${ms(a.interactive)} (${ratio(a.interactive, f.interactive)}) | ${ms(a.tbt)} (${ratio(a.tbt, f.tbt)}) | ${ms(a.blocking)} (${ratio(a.blocking, f.blocking)}) |`);
    L.push(`| ${listLabel(r, env.runs)} | reference | ${kb(f.transfer)} | ${ms(f.fcp)} | ${ms(f.lcp)} | ${ms(f.interactive)} | ${ms(f.tbt)} | ${ms(f.blocking)} |`);
  }
  L.push('');
  L.push('**Interactions** (app only: the reference has no UI to interact with; medians of the input-to-painted-update latency, see bench/README.md)');
  L.push('');
  L.push('| tasks | type a query (worst key) | clear it | apply a facet | switch town | save a note |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.lists) {
    const i = r.app.interactions;
    L.push(`| ${listLabel(r, env.runs)} | ${ms(i.type)} | ${ms(i.clear)} | ${ms(i.facet)} | ${ms(i.town)} | ${i.note == null ? 'n/a' : ms(i.note)} |`);
  }
  L.push('');
  L.push('Event Timing alone (max duration of the interaction\'s events, ≥ 16 ms reported; "<16" = none reported):');
  L.push('');
  L.push('| tasks | type | clear | facet | town | note |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.lists) {
    const e = r.app.eventTiming;
    const f = (x, present = true) => (!present ? 'n/a' : x == null ? '<16' : ms(x));
    L.push(`| ${listLabel(r, env.runs)} | ${f(e.type)} | ${f(e.clear)} | ${f(e.facet)} | ${f(e.town)} | ${f(e.note, r.app.interactions.note != null)} |`);
  }
  L.push('');
  if (results.lighthouse) {
    const lh = results.lighthouse;
    L.push(`**Lighthouse** ${lh.version} (74 tasks, app; ${lh.preset} preset, ${lh.throttling} throttling, one run; full report: lighthouse.json)`);
    L.push('');
    L.push('| category | score | held below 100 by |');
    L.push('| --- | ---: | --- |');
    for (const c of Object.values(lh.categories)) {
      const why = c.below.map((b) => (b.value ? `${b.title} (${b.value})` : b.title)).join('; ');
      L.push(`| ${c.title} | ${c.score ?? 'n/a'} | ${why.replaceAll('|', '\\|') || '—'} |`);
    }
    L.push('');
  }
  L.push('**Targets**');
  L.push('');
  L.push('| target | measured | verdict |');
  L.push('| --- | ---: | --- |');
  for (const t of results.targets) L.push(`| ${t.target} | ${t.measured} | ${t.verdict} |`);
  if (results.notes.length) {
    L.push('');
    for (const n of results.notes) L.push(`- ${n}`);
  }
  return L.join('\n');
}

function targets(results) {
  const out = [];
  const by = Object.fromEntries(results.lists.map((r) => [r.n, r]));
  const verdict = (value, limit, unit) =>
    value == null ? 'not measured' : value === Infinity ? `**missed**: over the ${STEP_TIMEOUT / 1000} s step timeout (> ${Math.round(STEP_TIMEOUT / limit)}× the target)` : value <= limit ? `met (${Math.round(((limit - value) / limit) * 100)}% under)` : `**missed by ${unit(value - limit)}** (${(value / limit).toFixed(1)}× the target)`;
  const times = (x) => `${x.toFixed(2)}×`;
  if (by[74]) {
    for (const p of by[74].app.bytes.pages) {
      const g = p.total.gzip;
      out.push({ target: `first load ≤ 150 KB gzip (74 tasks, ${p.page})`, measured: kb(g), verdict: verdict(g, TARGETS.firstLoadGzip, kb) });
    }
    const tbt = by[74].app.load.tbt;
    out.push({ target: 'TBT ≤ 150 ms (74 tasks)', measured: ms(tbt), verdict: verdict(tbt, TARGETS.tbt, ms) });
    const a = by[74].app.load.interactive;
    const f = by[74].ref.load.interactive;
    if (a != null && f) {
      out.push({ target: 'interactive ≤ 1.3× the reference (74 tasks)', measured: times(a / f), verdict: verdict(a / f, TARGETS.interactiveRatio, times) });
    }
  }
  for (const n of [74, 10000]) {
    if (!by[n]) continue;
    for (const [k, label] of [['type', 'typing'], ['clear', 'clearing'], ['facet', 'facet'], ['town', 'town switch'], ['note', 'note save']]) {
      const limit = TARGETS.interaction[n][k];
      if (limit == null) continue;
      const v = by[n].app.interactions[k];
      if (k === 'note' && v == null) {
        out.push({ target: `note save ≤ ${limit} ms (${n} tasks)`, measured: 'n/a', verdict: 'no progress UI in this build' });
        continue;
      }
      out.push({ target: `${label} ≤ ${limit} ms (${n} tasks)`, measured: ms(v), verdict: verdict(v, limit, ms) });
    }
  }
  if (by[10000]) {
    const tbt = by[10000].app.load.tbt;
    out.push({ target: 'TBT (10 000 tasks, for reference; no target)', measured: ms(tbt), verdict: '—' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Twiggy: what the wasm is made of, before wasm-opt strips the names

// ---------------------------------------------------------------------------------------------
// Lighthouse (one run, its mobile preset: Moto G Power screen, simulated Slow 4G and 4x CPU)

const LH_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * Runs the Lighthouse CLI (its own headless Chromium) on `url` and returns the four category
 * scores (0–100) and, per category, the audits that hold it below 100: those that count towards
 * the score (weight > 0) and did not pass, worst first. The whole report is kept as
 * lighthouse.json in --out.
 */
async function lighthouseReport(url) {
  const file = path.join(OUT, 'lighthouse.json');
  const cli = path.join(ROOT, 'node_modules/lighthouse/cli/index.js');
  const started = Date.now();
  // Asynchronous: the page is served by this process.
  await promisify(execFile)(process.execPath, [
    cli, url, '--quiet', '--output=json', `--output-path=${file}`,
    `--only-categories=${LH_CATEGORIES.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
  ], { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 << 20, timeout: 300000 });
  const lhr = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const categories = {};
  for (const id of LH_CATEGORIES) {
    const c = lhr.categories[id];
    const below = c.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => ({ ref, a: lhr.audits[ref.id] }))
      .filter(({ a }) => a.score != null && a.score < 1)
      .sort((x, y) => x.a.score * x.ref.weight - y.a.score * y.ref.weight || y.ref.weight - x.ref.weight)
      .map(({ ref, a }) => ({ id: ref.id, title: a.title, score: a.score, weight: ref.weight, value: a.displayValue || null }));
    categories[id] = { title: c.title, score: c.score == null ? null : Math.round(c.score * 100), below };
  }
  return {
    url,
    version: lhr.lighthouseVersion,
    preset: lhr.configSettings.formFactor,
    throttling: lhr.configSettings.throttlingMethod,
    chrome: lhr.environment?.hostUserAgent?.match(/Chrome\/([\d.]+)/)?.[1] || null,
    seconds: Math.round((Date.now() - started) / 1000),
    categories,
    warnings: lhr.runWarnings || [],
  };
}

function twiggyReport() {
  const target = process.env.CARGO_TARGET_DIR || path.join(process.env.HOME, '.cache/qingdan/target');
  const dir = path.join(OUT, 'twiggy');
  fs.mkdirSync(dir, { recursive: true });
  log('twiggy: build with names kept (CARGO_PROFILE_RELEASE_STRIP=false, real dataset)');
  sh('with_release_env cargo build --release --locked --target wasm32-unknown-unknown --bin qingdan', ROOT, {
    CARGO_PROFILE_RELEASE_STRIP: 'false',
    QINGDAN_DATASET: '',
  });
  // Copied at once: the shared target dir's qingdan.wasm is overwritten by any other build.
  const raw = path.join(dir, 'qingdan-names.wasm');
  fs.copyFileSync(path.join(target, 'wasm32-unknown-unknown/release/qingdan.wasm'), raw);
  sh(`wasm-bindgen --target web --out-dir "${dir}" --out-name bindgen "${raw}"`, ROOT);
  const bg = path.join(dir, 'bindgen_bg.wasm');
  const opt = path.join(dir, 'opt-names.wasm');
  // The shipped optimisation, but keeping the name section (-g) so twiggy can attribute it.
  // The feature set as scripts/postbuild.mjs picks it: WebAssembly 1.0 where std is built with
  // target-cpu=mvp, else Rust's default features.
  try {
    sh(`wasm-opt -Oz --mvp-features -g "${bg}" -o "${opt}" 2>/dev/null`, ROOT);
  } catch {
    const features = '--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types';
    sh(`wasm-opt -Oz ${features} -g "${bg}" -o "${opt}"`, ROOT);
  }
  const run = (a) => execFileSync('twiggy', a, { maxBuffer: 64 << 20 }).toString();
  const report = {
    before_opt_bytes: fs.statSync(bg).size,
    after_opt_bytes: fs.statSync(opt).size,
    top_before_opt: run(['top', '-n', '30', bg]),
    top_after_opt: run(['top', '-n', '30', opt]),
    dominators_before_opt: run(['dominators', '-d', '4', '-r', '60', bg]),
    garbage_before_opt: run(['garbage', '-n', '10', bg]),
    summary_after_opt: summarize(opt, 30).markdown,
  };
  for (const [k, v] of Object.entries(report)) if (typeof v === 'string') fs.writeFileSync(path.join(dir, `${k}.${k.startsWith('summary') ? 'md' : 'txt'}`), v);
  return report;
}

// ---------------------------------------------------------------------------------------------

/** The reference lists the app's dependencies verbatim so the shared target dir is reused. */
function checkReferenceDeps(notes) {
  const block = (file) => (fs.readFileSync(file, 'utf8').match(/\[dependencies\]\n([\s\S]*?)\n\n/) || [])[1];
  if (block(path.join(ROOT, 'Cargo.toml')) !== block(path.join(ROOT, 'bench/reference/Cargo.toml'))) {
    notes.push('bench/reference/Cargo.toml [dependencies] differ from the app\'s: copy them over, or the reference compiles its own Leptos');
  }
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const lists = SIZES.map(build);

  const browser = await chromium.launch({
    executablePath: CHROME,
    headless: true,
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const encodings = new Set();
  const notes = [];
  checkReferenceDeps(notes);
  const results = { lists: [] };
  try {
    for (const L of lists) {
      const appServer = await serve(L.app);
      const refServer = await serve(L.ref);
      const runs = { app: [], ref: [] };
      const listStart = Date.now();
      let slowest = 0;
      for (let i = 0; i < RUNS; i++) {
        const elapsed = Date.now() - listStart;
        if (i >= MIN_RUNS && elapsed + slowest > LIST_BUDGET) {
          notes.push(`${L.n} tasks: ${i} runs, not ${RUNS}: one run takes up to ${Math.round(slowest / 1000)} s and the list's allowance is ${LIST_BUDGET / 1000} s (--list-budget)`);
          break;
        }
        const runStart = Date.now();
        // Reference and app alternate, so a change in machine load hits both alike.
        for (const which of ['ref', 'app']) {
          const srv = which === 'app' ? appServer : refServer;
          const s = await openThrottled(browser);
          const run = { errors: s.errors };
          try {
            run.load = await measureLoad(s.page, srv.url, which, L.ds.tasks.length);
            if (Date.now() - runStart > 20000) log(`  ${L.n} tasks ${which}: load step took ${Math.round((Date.now() - runStart) / 1000)} s`);
            if (which === 'app') {
              run.interactions = await measureInteractions(s.page, L.ds);
              for (const f of run.interactions.failures) notes.push(`${L.n} tasks, app, run ${i + 1}: ${f}`);
            }
          } catch (e) {
            run.failure = String(e.message || e);
            notes.push(`${L.n} tasks, ${which}, run ${i + 1}: ${run.failure}`);
          }
          await s.context.close();
          runs[which].push(run);
          log(`${L.n} tasks ${which} run ${i + 1}/${RUNS}: ` + (run.failure ? `FAILED ${run.failure}` :
            `interactive ${Math.round(run.load.interactive)} ms, TBT ${Math.round(run.load.tbt)} ms` +
            (run.interactions ? ', ' + ['type', 'clear', 'facet', 'town', 'note'].map((k) => `${k} ${run.interactions[k]?.latency == null ? '-' : Math.round(run.interactions[k].latency)}`).join(' ') + ' ms' : '')));
        }
        slowest = Math.max(slowest, Date.now() - runStart);
      }
      if (LIGHTHOUSE && L.n === 74) {
        log('lighthouse: 74 tasks, app, mobile preset');
        try {
          results.lighthouse = await lighthouseReport(appServer.url);
          log(`lighthouse: ${LH_CATEGORIES.map((c) => `${c} ${results.lighthouse.categories[c].score}`).join(', ')}`);
        } catch (e) {
          notes.push(`lighthouse: could not run: ${String(e.message || e).split('\n')[0]}`);
        }
      }
      for (const e of appServer.encodings) encodings.add(e);
      for (const e of refServer.encodings) encodings.add(e);
      await appServer.close();
      await refServer.close();

      const loadMedians = (rs) => {
        const ok = rs.filter((r) => r.load);
        const keys = ['fcp', 'lcp', 'interactive', 'tbt', 'blocking', 'transfer', 'rows'];
        return Object.fromEntries(keys.map((k) => [k, median(ok.map((r) => r.load[k]))]));
      };
      const ints = runs.app.filter((r) => r.interactions).map((r) => r.interactions);
      const kinds = ['type', 'clear', 'facet', 'town', 'note'];
      const hasNote = ints.some((x) => x.note);
      results.lists.push({
        n: L.n,
        runs: runs.app.length,
        app: {
          bytes: sizes(L.app),
          load: loadMedians(runs.app),
          interactions: Object.fromEntries(kinds.map((k) => [k, k === 'note' && !hasNote ? null : median(ints.map((x) => x[k]?.latency))])),
          eventTiming: Object.fromEntries(kinds.map((k) => [k, median(ints.map((x) => x[k]?.eventTiming))])),
          runs: runs.app,
        },
        ref: { bytes: sizes(L.ref), load: loadMedians(runs.ref), runs: runs.ref },
      });
      for (const r of runs.app) for (const k of kinds) if (r.interactions?.[k]?.warning) notes.push(`${L.n} tasks: ${k}: ${r.interactions[k].warning}`);
      const { bytes } = results.lists[results.lists.length - 1].app;
      const extra = [
        ...bytes.variants.map((v) => `${v.page} (loads the same files as ${v.same_as}; its HTML ${kb(v.html.gzip)} gz)`),
        ...bytes.others.map((o) => `${o.page} (loads no wasm file, not an entry page: ${kb(o.raw)} raw, ${kb(o.gzip)} gz, ${kb(o.brotli)} br)`),
      ];
      if (extra.length) notes.push(`${L.n} tasks, app: bytes not in the table: ${extra.join('; ')}`);
      const town = ints.find((x) => x.town)?.town?.via;
      if (town && L.n === SIZES[0]) notes.push(`town switch: clicked ${town}`);
      const errs = [...new Set(runs.app.concat(runs.ref).flatMap((r) => r.errors))];
      if (errs.length) notes.push(`${L.n} tasks: console/page errors: ${errs.slice(0, 3).join(' | ')}`);
    }
    results.environment = {
      runs: RUNS,
      chromium: browser.version(),
      viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
      encodings: [...encodings],
      cpu_slowdown: CPU_SLOWDOWN,
      network: NETWORK,
      cores: (await import('node:os')).cpus().length,
      loadavg: (await import('node:os')).loadavg(),
    };
  } finally {
    await browser.close();
  }
  if (LIGHTHOUSE && !SIZES.includes(74)) notes.push('lighthouse: not run (it measures the 74-task list, not among --sizes)');
  results.date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  results.notes = notes;
  results.targets = targets(results);
  if (TWIGGY) {
    try {
      results.twiggy = twiggyReport();
    } catch (e) {
      notes.push(`twiggy: ${e.message}`);
    }
  }
  results.seconds = Math.round((Date.now() - T_START) / 1000);
  const md = markdown(results);
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(OUT, 'results.md'), md + '\n');
  console.log(md);
  if (results.twiggy) {
    console.log('\n**Wasm size breakdown** (real list; twiggy on the wasm after wasm-opt -Oz, names kept with -g)\n');
    console.log(results.twiggy.summary_after_opt);
    console.log(`full twiggy output: ${rel(path.join(OUT, 'twiggy'))}/`);
  }
  log(`done in ${results.seconds} s: ${rel(path.join(OUT, 'results.md'))}, ${rel(path.join(OUT, 'results.json'))}`);
  if (STRICT) {
    // A step that could not be measured, as opposed to a slow one (timeouts are figures).
    const broken = [];
    for (const r of results.lists) {
      for (const which of ['app', 'ref']) {
        r[which].runs.forEach((run, i) => {
          if (run.failure) broken.push(`${r.n} tasks, ${which}, run ${i + 1}: load: ${run.failure}`);
          for (const [k, v] of Object.entries(run.interactions || {})) {
            if (v?.failure) broken.push(`${r.n} tasks, ${which}, run ${i + 1}: ${k}: ${v.failure}`);
          }
        });
      }
    }
    if (broken.length) {
      console.error(`bench --strict: ${broken.length} measurement(s) failed:\n  ${broken.join('\n  ')}`);
      process.exit(1);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
