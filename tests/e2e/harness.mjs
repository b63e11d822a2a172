// Shared end-to-end harness: a static server for the release dist, headless Chromium through
// playwright-core, guards that fail a test on any console error, page error, failed request or
// request that leaves the origin, the fixture every Chromium spec starts from (`chromiumSuite`),
// private copies of the dist to change, and downloads read back.
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import { writeServiceWorker } from '../../scripts/build/sw.mjs';
import { TOOLS_VIEWS } from '../../scripts/build/tools-page.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.QINGDAN_DIST || path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'screenshots');

/** The dataset exactly as the app embeds it: every expectation is computed from it. */
export async function loadDataset() {
  const text = await fs.readFile(path.join(ROOT, 'src/data/qingpu-2022.json'), 'utf8');
  return JSON.parse(text);
}

/** The dataset (`loadDataset()`), read once for every spec that imports it. */
export const ds = await loadDataset();

/** Content types by file extension, for the test servers (this one and engines.mjs's). */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` under the URL prefix `base` (e.g. "/" or "/qingdan/") on 127.0.0.1 with a free port,
 * like a plain static host: no rewrite rules, 404 for anything else.
 */
export async function serveDir(dir = DIST, base = '/') {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    rel = rel.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + base,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

/** Launches headless Chromium with the flags that keep it quiet on a closed network. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROME,
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Whether a failed request was cancelled by the browser because the page that made it was left:
 * a link to a view of the other entry page (index.html#/data, tools.html#/towns) leaves the page
 * at once, before or after load (public/boot.js, or the wasm on a hash change), cutting short what
 * it was still fetching (its preloaded wasm, the icon Chromium fetches again after a hash change).
 * Nothing failed to load: a missing file is a 404 response, not a cancelled request, and requests
 * off the origin are reported on their own.
 */
export function cancelledByLeaving(errorText = '') {
  return /^(net::ERR_ABORTED|NS_BINDING_ABORTED)$/.test(errorText);
}

/**
 * A fresh browser context (a new profile) with a page whose console errors, page errors, failed
 * requests and off-origin requests are collected; `assertClean()` fails the test if any happened.
 */
export async function openPage(browser, origin, { width = 390, height = 844, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', ...options });
  // Every Content-Security-Policy violation of any page of the context, for `cspViolations()`.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  const allowedConsole = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowedConsole.some((re) => re.test(msg.text()))) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (!cancelledByLeaving(req.failure()?.errorText)) problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (origin && new URL(url).origin !== origin) problems.push(`off-origin request: ${url}`);
  });
  return {
    context,
    page,
    problems,
    /** Lets an expected console error (matched by `re`) through, for tests that provoke one. */
    allowConsoleError: (re) => allowedConsole.push(re),
    /** Fails if any problem was collected (but those matching `except`, a RegExp, when given). */
    assertClean(except) {
      const left = except ? problems.filter((p) => !except.test(p)) : problems;
      if (left.length) throw new Error(`browser problems:\n${left.join('\n')}`);
    },
  };
}

/** The Content-Security-Policy violations the current document has reported so far. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations || ['(violation recorder missing)']);
}

/** Waits until a service worker controls the page (first visit: after install and activate). */
export async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
}

/**
 * Whether the hash names a view of the tools' page (tools.html: data, print, roll-up, share),
 * as public/boot.js decides; every other view is the field app's (index.html).
 */
export function isToolsView(hash) {
  const view = /^#?\/*([^/?]*)/.exec(hash)[1];
  return TOOLS_VIEWS.includes(view);
}

/**
 * In the page: whether the app has mounted (the boot placeholder is replaced by the app root) and
 * is the entry page the hash names (the tools' for a hash naming one of `views`, TOOLS_VIEWS).
 */
export function appMounted(views) {
  const root = document.querySelector('[data-testid="app"]');
  if (!root || document.getElementById('boot')) return false;
  const view = /^#?\/*([^/?]*)/.exec(location.hash)[1];
  return views.includes(view) === (root.dataset.entry === 'tools');
}

/**
 * Waits until the app has mounted (the boot placeholder is replaced by the app root), and it is
 * the entry page the current hash names: a link to #/data from index.html lands on tools.html, and
 * in the one-file version the other wasm starts after a reload; the page being left does not count.
 */
export async function waitForApp(page) {
  const until = Date.now() + 30000;
  for (;;) {
    try {
      await page.waitForFunction(appMounted, TOOLS_VIEWS, { timeout: Math.max(1, until - Date.now()) });
      return;
    } catch (e) {
      // A navigation under way destroys the context the check ran in: check the new page.
      if (Date.now() >= until || !/context was destroyed|navigat/i.test(e.message)) throw e;
    }
  }
}

/**
 * Saves what the user sees as screenshots/<name>-<width>.png (the viewport, like a phone screen),
 * and the whole page up to 4000 px tall as <name>-<width>-full.png.
 */
export async function screenshot(page, name) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const { width } = page.viewportSize();
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}-${width}-full.png`),
    clip: { x: 0, y: 0, width, height: Math.min(height, 4000) },
    fullPage: true,
  });
}

/** The two viewports every main page is checked and photographed at. */
export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

/**
 * The fixture every Chromium spec starts from. Before its tests: the dataset, a server for the
 * dist (unless `serve: false`, for specs that serve their own folders) and a browser. Each test
 * then takes fresh profiles with `session()` or `open()`, servers with `serve()` and copies of
 * the dist with `copyOfDist()`; all of them are closed (or removed) after that test, whether it
 * passed or not, and the browser and server after the spec.
 *
 * Returns the suite; `chromiumSuite((suite) => …)` also hands it to a callback once it is ready.
 */
export function chromiumSuite(...args) {
  const ready = typeof args[0] === 'function' ? args.shift() : null;
  const { serve = true } = args[0] ?? {};
  const closing = [];
  const suite = {
    ds: null,
    server: null,
    browser: null,
    /**
     * A fresh profile (see `openPage`) at `width`×`height` plus any other browser-context
     * `options`, on `server`: the suite's by default, or with `base` or `dir`, a server of its
     * own for `dir` (the dist by default) under `base` ('/' by default), closed after the test.
     * The session has `s.server` and `s.open(where)`.
     */
    async session({ server, base, dir, ...options } = {}) {
      if (!server) server = base || dir ? await suite.serve(dir, base) : suite.server;
      const s = await openPage(suite.browser, server?.origin ?? null, options);
      closing.push(() => s.context.close().catch(() => {}));
      s.server = server;
      /** Opens `where` (relative to the server's folder: '#/towns', 'tools.html#/rollup') and waits for the app. */
      s.open = async (where = '') => {
        await s.page.goto(server.url + where);
        await waitForApp(s.page);
      };
      return s;
    },
    /** A fresh profile (`session(options)`) with `where` open and the app mounted. */
    async open(where = '', options = {}) {
      const s = await suite.session(options);
      await s.open(where);
      return s;
    },
    /** A server for `dir` under `base` (see `serveDir`), closed after the test. */
    async serve(dir = DIST, base = '/') {
      const server = await serveDir(dir, base);
      closing.push(() => server.close());
      return server;
    },
    /** A private copy of the dist to change (see `copyOfDist`), removed after the test. */
    async copyOfDist(prefix) {
      const dir = await copyOfDist(prefix);
      closing.push(() => fs.rm(dir, { recursive: true, force: true }));
      return dir;
    },
  };
  before(async () => {
    suite.ds = ds;
    if (serve) suite.server = await serveDir();
    suite.browser = await launch();
    ready?.(suite);
  });
  // Last opened, first closed: profiles before the servers they use, servers before their folders.
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** A private copy of the dist (in the system's temporary folder), to deploy changes into. */
export async function copyOfDist(prefix = 'qingdan-dist-') {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.cp(DIST, dir, { recursive: true });
  return dir;
}

/**
 * Makes the copy of the dist in `dir` what a browser that predates 'wasm-unsafe-eval' sees: the
 * source is dropped from the CSP of `pages`, so that Chromium refuses their wasm as Chrome 96
 * would (such a browser ignores a source it does not know). The compat pages stay as built, and
 * sw.js is written again for the changed files, as a deployment would.
 */
export async function refuseWasm(dir, pages = ['index.html']) {
  const csp = /(<meta http-equiv=["']?content-security-policy["']?[^>]*content=")([^"]*)(")/i;
  for (const page of pages) {
    const file = path.join(dir, page);
    const html = await fs.readFile(file, 'utf8');
    const m = html.match(csp);
    if (!m) throw new Error(`${page} has no CSP meta`);
    if (!/'wasm-unsafe-eval'/.test(m[2])) throw new Error(`${page}'s CSP does not allow 'wasm-unsafe-eval': ${m[2]}`);
    if (/'unsafe-eval'/.test(m[2])) throw new Error(`${page}'s CSP allows eval: ${m[2]}`);
    const policy = m[2].replace(/\s*'wasm-unsafe-eval'/, '');
    await fs.writeFile(file, html.replace(csp, (_, a, __, c) => `${a}${policy}${c}`));
  }
  writeServiceWorker(dir);
  return dir;
}

/**
 * Runs `act` (a function, or a locator to click) and returns the download it starts: `name` (the
 * name the page suggested), `text` (its content as UTF-8) and `saveAs(file)` (a copy, for a tool
 * that goes by the file's extension; Playwright's own file has none and goes with the context).
 */
export async function download(page, act) {
  const [d] = await Promise.all([page.waitForEvent('download'), typeof act === 'function' ? act() : act.click()]);
  return { name: d.suggestedFilename(), text: await fs.readFile(await d.path(), 'utf8'), saveAs: (file) => d.saveAs(file) };
}

/** Waits for two animation frames: what the page shows has been laid out and painted. */
export const nextFrames = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Waits until at least one element matching `selector` is visible (30 s at most). */
export const visible = (page, selector) =>
  page.locator(selector).first().waitFor({ state: 'visible', timeout: 30000 });
