// Three browser engines behind one small driver interface, for the journeys of engines.test.mjs:
//   chromium  headless Chromium through playwright-core (the same launch as harness.mjs);
//   firefox   Firefox ESR through puppeteer-core over WebDriver BiDi, headless;
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver classic over HTTP,
//             a tiny fetch-based client below) on an Xvfb display this module starts and stops.
//
// A Session is one fresh profile with one page:
//   goto(url) reload() evaluate(fn, ...args) waitFor(fn, args, what) click(css) type(css, text)
//   select(css, value) upload(css, file) screenshot(name) setOffline(on) takeDownloads()
//   problems() close()
// Every session collects the page's problems through tests/e2e/engines-hook.js (uncaught errors,
// unhandled rejections, failed resources, CSP violations, console.error) plus whatever the engine's
// automation reports natively (console and page errors in Chromium and Firefox), and the test
// server below reports any request for a file that does not exist and any request while offline.
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import fs from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { before, after } from 'node:test';
import { DIST, MIME, ROOT, SCREENSHOTS, appMounted, cancelledByLeaving, launch as launchChromium } from './harness.mjs';
import { TOOLS_VIEWS } from '../../scripts/build/tools-page.mjs';

const HOOK_FILE = 'e2e-hook.js';
export const HOOK_SOURCE = readFileSync(path.join(ROOT, 'tests/e2e/engines-hook.js'), 'utf8');

/**
 * In the page: once the hook has caught at least `n` downloads and read each one's text, takes
 * them all (name, type, size, text); null until then. For a wait on it in any engine.
 */
export function takeHookDownloads(n) {
  const d = window.__e2e && window.__e2e.downloads;
  if (!d || d.length < n || d.some((x) => x.text === null)) return null;
  return d.splice(0);
}

const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const XVFB = process.env.XVFB_BIN || '/usr/bin/Xvfb';

/** MiniBrowser ships inside libwebkit2gtk-4.1-0 under the multiarch folder. */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  for (const dir of safeReaddir('/usr/lib')) {
    const file = `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`;
    if (existsSync(file)) return file;
  }
  return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}
function safeReaddir(dir) {
  try { return readdirSync(dir); } catch { return []; }
}

/** The engines to run, from QINGDAN_ENGINES (comma-separated), all three by default. */
export function engineNames() {
  return (process.env.QINGDAN_ENGINES || 'chromium,firefox,webkit').split(',').map((s) => s.trim()).filter(Boolean);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` with `what` in the message: no await in this module hangs forever. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// Child processes this module started, killed on exit even when a test run dies half-way.
const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
process.once('exit', () => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});
async function stop(child, ms = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(ms).then(() => false)])) return;
  child.kill('SIGKILL');
  await Promise.race([exited, sleep(ms)]);
}

// --- The test server -----------------------------------------------------------------------------

/** Puts `<script src=e2e-hook.js>` right after the page's CSP, ahead of every other script. */
export function withHookTag(html) {
  const csp = /<meta http-equiv=["']?content-security-policy["']?[^>]*>/i;
  if (!csp.test(html)) throw new Error('engines: the page has no CSP meta to put the hook after');
  return html.replace(csp, (m) => `${m}<script src="${HOOK_FILE}"></script>`);
}

/**
 * Serves `dir` at http://127.0.0.1:<free port>/ like a plain static host. With `hookTag`, HTML
 * pages carry the test hook (for engines without init scripts). `offline = true` makes it refuse
 * every request but the hook's by dropping the connection, as a network that is gone would; such
 * requests are recorded in `offlineHits`. Requests for missing files are recorded in `missing`.
 */
export async function startServer(dir, { hookTag = false } = {}) {
  const state = { offline: false, offlineHits: [], missing: [], requests: [] };
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const rel = pathname.slice(1) || 'index.html';
    if (rel === HOOK_FILE) {
      res.writeHead(200, { 'content-type': MIME['.js'], 'cache-control': 'no-store' }).end(HOOK_SOURCE);
      return;
    }
    if (state.offline) {
      state.offlineHits.push(pathname);
      req.socket.destroy();
      return;
    }
    state.requests.push(pathname);
    const file = path.join(dir, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    let body;
    try {
      body = await fs.readFile(file);
    } catch {
      // The browser asks for a favicon on its own in some engines: that is not the app's request.
      if (pathname !== '/favicon.ico') state.missing.push(pathname);
      res.writeHead(404).end('not found');
      return;
    }
    try {
      if (hookTag && file.endsWith('.html')) body = withHookTag(body.toString('utf8'));
    } catch (e) {
      state.missing.push(`${pathname} (${e.message})`);
      res.writeHead(500).end(e.message);
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    state,
    /** Problems seen by the server: files that do not exist. */
    problems: () => state.missing.splice(0).map((p) => `request for a missing file: ${p}`),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// --- The common session code ---------------------------------------------------------------------

/** JavaScript source that calls `fn` with JSON-serialisable `args` (awaited by every driver). */
function call(fn, args) {
  return `(${fn.toString()}).apply(null, ${JSON.stringify(args)})`;
}

class Session {
  constructor(engine, { width, height }) {
    this.engine = engine;
    this.width = width;
    this.height = height;
    this.native = [];
    this.notes = [];
  }

  /** Polls `fn(...args)` in the page until it returns a truthy value, which it returns. */
  async waitFor(fn, args = [], what = String(fn), timeout = 30000) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const v = await this.evaluate(fn, ...args);
        if (v) return v;
        last = v;
      } catch (e) {
        // A navigation in progress destroys the context the script ran in: try again.
        last = e;
      }
      if (Date.now() > until) throw new Error(`${this.engine}: timed out waiting for ${what} (last: ${last})`);
      await sleep(100);
    }
  }

  /** Waits until the element exists and is shown. */
  async waitForSelector(css, timeout = 30000) {
    await this.waitFor((s) => {
      const el = document.querySelector(s);
      return !!el && el.getClientRects().length > 0;
    }, [css], `selector ${css}`, timeout);
  }

  /** Sets a <select> the way a user's choice does: value, then input and change events. */
  async select(css, value) {
    await this.waitForSelector(css);
    const ok = await this.evaluate((s, v) => {
      const el = document.querySelector(s);
      if (![...el.options].some((o) => o.value === v)) return false;
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, css, value);
    if (!ok) throw new Error(`${this.engine}: ${css} has no option ${value}`);
  }

  /** The files the page "downloaded" since the last call (captured by the hook), with their text. */
  async takeDownloads(count = 1) {
    return this.waitFor(takeHookDownloads, [count], `${count} download(s)`, 15000);
  }

  /** Drains what the page hook recorded in the current document. */
  async harvest() {
    try {
      const found = await this.evaluate(() => {
        if (location.protocol === 'about:') return [];
        if (!window.__e2e) return ['the test hook is missing: this page was not observed'];
        return window.__e2e.problems.splice(0);
      });
      this.native.push(...found.map((p) => `${p}`));
    } catch (e) {
      this.native.push(`could not read the page's problems: ${e.message}`);
    }
  }

  /** Every problem since the last call (page hook and native channels). */
  async problems() {
    await this.harvest();
    return this.native.splice(0);
  }

  /**
   * Saves the viewport as screenshots/engine-<engine>-<name>-<width>.png. A screenshot shows the
   * last painted frame (in WebKit, the UI process's copy), which on a busy machine can lag behind
   * the DOM the test just checked: wait for two frames first.
   */
  async screenshot(name) {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    await this.evaluate(() => new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
      setTimeout(() => resolve(false), 3000);
    }));
    await sleep(100);
    const file = path.join(SCREENSHOTS, `engine-${this.engine}-${name}-${this.width}.png`);
    await this.saveScreenshot(file);
    return file;
  }
}

// --- Chromium (playwright-core) ------------------------------------------------------------------

class ChromiumSession extends Session {
  static async open(browser, size) {
    const s = new ChromiumSession('chromium', size);
    s.context = await browser.newContext({ viewport: size, locale: 'zh-CN' });
    await s.context.addInitScript(HOOK_SOURCE);
    s.page = await s.context.newPage();
    s.page.setDefaultTimeout(30000);
    s.page.on('console', (m) => { if (m.type() === 'error') s.native.push(`console error: ${m.text()}`); });
    s.page.on('pageerror', (e) => s.native.push(`page error: ${e.message}`));
    s.page.on('requestfailed', (r) => {
      if (!cancelledByLeaving(r.failure()?.errorText)) s.native.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    return s;
  }
  async goto(url) { await this.harvest(); await this.page.goto(url); }
  async reload() { await this.harvest(); await this.page.reload(); }
  async evaluate(fn, ...args) { return this.page.evaluate(call(fn, args)); }
  async click(css) { await this.page.click(css); }
  async type(css, text) { await this.page.fill(css, ''); await this.page.type(css, text); }
  async upload(css, file) { await this.page.setInputFiles(css, file); }
  async saveScreenshot(file) { await this.page.screenshot({ path: file }); }
  async setOffline(on) { await this.context.setOffline(on); return true; }
  async close() { await this.context.close().catch(() => {}); }
}

async function chromiumEngine() {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()} (playwright-core, headless)`,
    hookTag: false,
    openSession: (size) => ChromiumSession.open(browser, size),
    close: () => browser.close(),
  };
}

// --- Firefox (puppeteer-core over WebDriver BiDi) ------------------------------------------------

class FirefoxSession extends Session {
  static async open(browser, size) {
    const s = new FirefoxSession('firefox', size);
    s.context = await browser.createBrowserContext();
    s.page = await s.context.newPage();
    s.page.setDefaultTimeout(30000);
    try {
      await s.page.setViewport(size);
    } catch (e) {
      // Older Firefox ESR (140) refuses setViewport: the window size from the launch flags stays.
      s.notes.push(`setViewport failed (${e.message.split('\n')[0]}); window size from launch flags`);
    }
    await s.page.evaluateOnNewDocument(HOOK_SOURCE);
    s.page.on('console', (m) => { if (m.type() === 'error') s.native.push(`console error: ${m.text()}`); });
    s.page.on('pageerror', (e) => s.native.push(`page error: ${e.message}`));
    s.page.on('requestfailed', (r) => {
      if (!cancelledByLeaving(r.failure()?.errorText)) s.native.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    return s;
  }
  async goto(url) { await this.harvest(); await this.page.goto(url); }
  async reload() { await this.harvest(); await this.page.reload(); }
  async evaluate(fn, ...args) { return this.page.evaluate(call(fn, args)); }
  async click(css) { await this.waitForSelector(css); await this.page.click(css); }
  async type(css, text) {
    await this.waitForSelector(css);
    await this.page.$eval(css, (el) => { el.value = ''; });
    await this.page.type(css, text);
  }
  async upload(css, file) {
    await this.waitForSelector(css);
    const input = await this.page.$(css);
    await input.uploadFile(file);
    await input.dispose();
  }
  async saveScreenshot(file) { await this.page.screenshot({ path: file }); }
  async setOffline(on) { await this.page.setOfflineMode(on); return true; }
  async close() { await this.context.close().catch(() => {}); }
}

async function firefoxEngine() {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX} (scripts/setup.sh installs firefox-esr)`);
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await withTimeout(
    puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: null,
      // The window size used where setViewport is refused (Firefox ESR 140).
      args: ['--width=1280', '--height=800'],
      // Quiet on a closed network; the temporary profile is removed by browser.close().
      extraPrefsFirefox: {
        'app.update.auto': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'intl.accept_languages': 'zh-CN',
      },
    }),
    60000,
    'Firefox launch',
  );
  return {
    name: 'firefox',
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')} (puppeteer-core ${puppeteerVersion()}, WebDriver BiDi, headless)`,
    hookTag: false,
    openSession: (size) => FirefoxSession.open(browser, size),
    close: () => withTimeout(browser.close(), 20000, 'Firefox close').catch(() => browser.process()?.kill('SIGKILL')),
  };
}

function puppeteerVersion() {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules/puppeteer-core/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// --- WebKit (WebKitWebDriver + MiniBrowser on Xvfb) ----------------------------------------------

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Starts Xvfb on a free display (it picks the number and writes it to fd 3). */
async function startXvfb() {
  if (!existsSync(XVFB)) throw new Error(`Xvfb not found at ${XVFB} (scripts/setup.sh installs xvfb)`);
  const child = track(spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  }));
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const display = await withTimeout(new Promise((resolve, reject) => {
    let buf = '';
    child.stdio[3].on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(`:${buf.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.slice(-500)}`)));
  }), 15000, 'Xvfb start').catch(async (e) => { await stop(child); throw e; });
  return { display, stop: () => stop(child) };
}

/** A W3C WebDriver session on its own WebKitWebDriver process (one session per driver). */
class WebKitSession extends Session {
  /** Opens a session; a MiniBrowser that does not come up in time gets one more try. */
  static async open(env, size) {
    try {
      return await WebKitSession.start(env, size);
    } catch (e) {
      if (!/timed out/.test(e.message)) throw e;
      return WebKitSession.start(env, size);
    }
  }

  static async start(env, size) {
    const s = new WebKitSession('webkit', size);
    s.env = env;
    s.port = await freePort();
    s.driver = track(spawn(WEBKIT_DRIVER, [`--port=${s.port}`], { env: env.vars, stdio: ['ignore', 'ignore', 'pipe'] }));
    s.driverLog = '';
    s.driver.stderr.on('data', (d) => { s.driverLog = (s.driverLog + d).slice(-2000); });
    try {
      s.base = `http://127.0.0.1:${s.port}`;
      await s.waitForDriver();
      const created = await s.cmd('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: env.miniBrowser, args: ['--automation'] },
          },
        },
      }, 30000);
      s.id = created.sessionId;
      s.capabilities = created.capabilities;
      await s.cmd('POST', `/session/${s.id}/timeouts`, { script: 30000, pageLoad: 60000, implicit: 0 });
      await s.resize(size);
    } catch (e) {
      await s.close();
      throw e;
    }
    return s;
  }

  async waitForDriver() {
    const until = Date.now() + 15000;
    for (;;) {
      try {
        const res = await fetch(`${this.base}/status`);
        if (res.ok) return;
      } catch { /* not listening yet */ }
      if (this.driver.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${this.driverLog}`);
      if (Date.now() > until) throw new Error(`WebKitWebDriver did not start: ${this.driverLog}`);
      await sleep(50);
    }
  }

  async cmd(method, url, body, timeout = 45000) {
    const res = await withTimeout(fetch(this.base + url, {
      method,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }), timeout, `WebDriver ${method} ${url}`);
    const json = await res.json();
    if (!res.ok || json.value?.error) {
      const err = new Error(`WebDriver ${method} ${url}: ${json.value?.error}: ${json.value?.message}`);
      err.code = json.value?.error;
      throw err;
    }
    return json.value;
  }

  /** Sizes the window so the viewport is `size`, as far as MiniBrowser's window allows. */
  async resize({ width, height }) {
    const sid = this.id;
    let rect = { width, height };
    for (let i = 0; i < 3; i++) {
      await this.cmd('POST', `/session/${sid}/window/rect`, rect);
      const [iw, ih] = await this.evaluate(() => [innerWidth, innerHeight]);
      if (iw === width && ih === height) break;
      rect = { width: rect.width + (width - iw), height: rect.height + (height - ih) };
    }
    const [iw, ih] = await this.evaluate(() => [innerWidth, innerHeight]);
    if (iw !== width || ih !== height) this.notes.push(`viewport ${iw}×${ih} (asked for ${width}×${height}; MiniBrowser's window has a minimum size)`);
    this.width = iw;
    this.height = ih;
  }

  /**
   * On file:// there is no test server to add the hook's tag: it comes right after load, so errors
   * during that page's load are not observed (the journeys check the app mounted instead).
   */
  async afterLoad() {
    if (await this.evaluate(() => location.protocol === 'file:' && !window.__e2e)) {
      await this.evaluate(new Function(HOOK_SOURCE));
      this.lateHook = true;
    }
  }

  async goto(url) {
    await this.harvest();
    await this.cmd('POST', `/session/${this.id}/url`, { url }, 90000);
    await this.afterLoad();
  }

  async reload() {
    await this.harvest();
    await this.cmd('POST', `/session/${this.id}/refresh`, {}, 90000);
    await this.afterLoad();
  }

  async evaluate(fn, ...args) {
    const script = `const done = arguments[0];
      Promise.resolve().then(() => ${call(fn, args)}).then(
        (v) => done({ ok: v === undefined ? null : v }),
        (e) => done({ err: String(e && e.stack || e) }));`;
    const r = await this.cmd('POST', `/session/${this.id}/execute/async`, { script, args: [] });
    if (r && 'err' in r) throw new Error(`in page: ${r.err}`);
    return r?.ok;
  }

  async element(css) {
    await this.waitForSelector(css);
    const el = await this.cmd('POST', `/session/${this.id}/element`, { using: 'css selector', value: css });
    return el[ELEMENT];
  }

  /** A real click (WebDriver scrolls the element into view and checks it can be clicked). */
  async click(css) {
    const until = Date.now() + 15000;
    for (;;) {
      try {
        await this.cmd('POST', `/session/${this.id}/element/${await this.element(css)}/click`, {});
        return;
      } catch (e) {
        const retry = ['element not interactable', 'element click intercepted', 'stale element reference'].includes(e.code);
        if (!retry || Date.now() > until) throw e;
        // WebKitWebDriver scrolls the element to the edge of the viewport, where a sticky bar
        // may cover it: bring it to the middle and click again.
        await this.evaluate((c) => document.querySelector(c)?.scrollIntoView({ block: 'center' }), css).catch(() => {});
        await sleep(100);
      }
    }
  }

  async type(css, text) {
    const el = await this.element(css);
    await this.cmd('POST', `/session/${this.id}/element/${el}/clear`, {});
    await this.cmd('POST', `/session/${this.id}/element/${el}/value`, { text });
  }

  async upload(css, file) {
    const el = await this.element(css);
    await this.cmd('POST', `/session/${this.id}/element/${el}/value`, { text: file });
  }

  async saveScreenshot(file) {
    const png = await this.cmd('GET', `/session/${this.id}/screenshot`);
    await fs.writeFile(file, Buffer.from(png, 'base64'));
  }

  /** WebDriver classic has no network emulation: the test server goes offline instead. */
  async setOffline() { return false; }

  async close() {
    if (this.id) {
      await this.cmd('DELETE', `/session/${this.id}`, undefined, 15000).catch(() => {});
      this.id = null;
    }
    await stop(this.driver);
  }
}

async function webkitEngine() {
  for (const file of [WEBKIT_DRIVER, miniBrowser()]) {
    if (!existsSync(file)) throw new Error(`${file} not found (scripts/setup.sh installs webkit2gtk-driver)`);
  }
  const xvfb = await startXvfb();
  // MiniBrowser's automation sessions are ephemeral; its caches still get a private home.
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'qingdan-webkit-'));
  const env = {
    miniBrowser: miniBrowser(),
    vars: {
      ...process.env,
      DISPLAY: xvfb.display,
      XDG_CACHE_HOME: path.join(home, 'cache'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      // No accessibility bus on a CI machine: GTK would otherwise wait for it at start-up.
      NO_AT_BRIDGE: '1',
      GTK_A11Y: 'none',
      GDK_BACKEND: 'x11',
      LANG: 'zh_CN.UTF-8',
    },
  };
  let version = 'WebKitGTK ?';
  try {
    // The version comes from a first session (capabilities.browserVersion is WebKitGTK's).
    const probe = await WebKitSession.open(env, { width: 1280, height: 800 });
    version = `WebKitGTK ${probe.capabilities.browserVersion} (MiniBrowser via WebKitWebDriver, Xvfb)`;
    await probe.close();
  } catch (e) {
    await xvfb.stop();
    await fs.rm(home, { recursive: true, force: true });
    throw e;
  }
  return {
    name: 'webkit',
    version,
    hookTag: true,
    openSession: (size) => WebKitSession.open(env, size),
    async close() {
      await xvfb.stop();
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}

/**
 * Waits in session `s` for the mounted app (the boot placeholder replaced by the app root) of the
 * entry page the hash names (a link to #/data from index.html lands on tools.html).
 */
export async function waitForApp(s) {
  await s.waitFor(appMounted, [TOOLS_VIEWS], 'the app to mount');
}

/**
 * The fixture of one engine's describe block: before its tests, the engine and a test server
 * (with the engine's hook) for each entry of `dirs` (a name → a folder, or a function giving the
 * folder once the tests start); after them, all closed. Returns { engine, [name]: server }.
 */
export function engineSuite(name, dirs = { server: DIST }, limit = { timeout: 120000 }) {
  const suite = { engine: null };
  before(async () => {
    suite.engine = await launchEngine(name);
    for (const [key, dir] of Object.entries(dirs)) {
      suite[key] = await startServer(typeof dir === 'function' ? dir() : dir, { hookTag: suite.engine.hookTag });
    }
  }, limit);
  after(async () => {
    for (const key of Object.keys(dirs)) await suite[key]?.close();
    await suite.engine?.close();
  }, limit);
  return suite;
}

/** Starts an engine: { name, version, hookTag, openSession(size), close() }. */
export async function launchEngine(name) {
  switch (name) {
    case 'chromium': return chromiumEngine();
    case 'firefox': return firefoxEngine();
    case 'webkit': return webkitEngine();
    default: throw new Error(`unknown engine ${name}`);
  }
}
