// Accessibility: axe-core on every page at phone and desktop width (no serious or critical
// violation), and a keyboard-only journey (Tab, Shift+Tab, Enter, Space and typing only) from the
// first screen to a search, a task, a status and a note in the progress editor, and an export —
// with a visible focus ring on every element that takes focus, focus on the new page's heading
// after each navigation, and the live regions announcing the search count and the save results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromiumSuite, download, ds, waitForApp, VIEWPORTS } from './harness.mjs';
import { matches } from './model.mjs';
import { pages } from './pages.mjs';
import { storedText } from './share-seed.mjs';

const web = chromiumSuite();

/**
 * Waits until the DOM has not changed for `ms` (lists render in slices, one task after another),
 * at most 10 s, so the audit sees the whole page.
 */
async function settle(page, ms = 300) {
  await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        let timer;
        const done = () => {
          observer.disconnect();
          resolve();
        };
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, ms);
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        timer = setTimeout(done, ms);
        setTimeout(done, 10000);
      }),
    ms,
  );
}

/**
 * Every page, in the state to audit (pages.mjs): the town page with an editor open, the task
 * with a status and a note recorded, the data page with an import waiting.
 */
const PAGES = pages([
  'list',
  'search',
  'facets',
  ['town', 'town-editing'],
  'towns',
  'depts',
  'dept',
  ['task', 'task-noted'],
  ['data', 'data-importing'],
  'print',
  'share',
  'receive',
]);

/** One line per violation: rule id, impact, how many nodes, the first target selectors. */
function summary(violations) {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ');
      const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
      return `  ${v.id} [${v.impact}] ×${v.nodes.length}: ${targets}${more}\n    ${v.help}`;
    })
    .join('\n');
}

for (const vp of VIEWPORTS) {
  for (const pg of PAGES) {
    test(`axe: ${pg.name} at ${vp.width}×${vp.height} has no serious or critical violation`, async (t) => {
      const s = await web.open(pg.hash, vp);
      await pg.ready(s.page);
      await settle(s.page);
      const result = await new AxeBuilder({ page: s.page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const rest = result.violations.filter((v) => !bad.includes(v));
      if (rest.length) t.diagnostic(`minor/moderate on ${pg.name}:\n${summary(rest)}`);
      assert.equal(bad.length, 0, `${pg.name} at ${vp.width} px:\n${summary(bad)}`);
      s.assertClean();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Keyboard-only journey

/**
 * Records what screen readers would announce: text changes of live regions (aria-live, role
 * status/alert/log) that were already in the document before the change, and alerts when they
 * appear. A region inserted together with its text is not counted (screen readers do not
 * reliably announce it).
 */
function recordAnnouncements() {
  window.__announced = [];
  const SEL = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
  const known = new WeakSet();
  const last = new WeakMap();
  const text = (el) => el.textContent.replace(/\s+/g, ' ').trim();
  const scan = () => {
    for (const el of document.querySelectorAll(SEL)) {
      if (known.has(el)) continue;
      known.add(el);
      last.set(el, text(el));
      if (el.getAttribute('role') === 'alert' && text(el)) window.__announced.push(text(el));
    }
  };
  const start = () => {
    scan();
    new MutationObserver((mutations) => {
      const regions = new Set();
      for (const m of mutations) {
        const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const region = node?.closest(SEL);
        if (region && known.has(region)) regions.add(region);
      }
      for (const region of regions) {
        const now = text(region);
        if (now && now !== last.get(region)) window.__announced.push(now);
        last.set(region, now);
      }
      scan();
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

/**
 * What the focused element shows: whether `:focus-visible` matches, its outline or box-shadow,
 * the contrast of the outline against what is behind it (WCAG 1.4.11 asks 3:1), and on how many of
 * its four sides the ring is actually painted (not cut off by a scrolling ancestor or the window).
 */
function focusReport() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const cs = getComputedStyle(el);
  const testid = el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : '';
  const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
  const desc = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${testid} "${(el.textContent || el.value || '').trim().slice(0, 24)}"`;
  const width = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth) || 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none' ? cs.boxShadow : null;
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const r = el.getBoundingClientRect();
  const offset = parseFloat(cs.outlineOffset) || 0;
  const ring = width / 2 + offset;
  // The middle of the ring on each side.
  const sides = [
    [r.left - ring, r.top + r.height / 2],
    [r.right + ring, r.top + r.height / 2],
    [r.left + r.width / 2, r.top - ring],
    [r.left + r.width / 2, r.bottom + ring],
  ];
  const clippers = [];
  for (let a = el.parentElement; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') clippers.push(a.getBoundingClientRect());
  }
  const inside = ([x, y], b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
  const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const painted = sides.filter((p) => inside(p, view) && clippers.every((b) => inside(p, b)));
  // What is behind the ring: the first opaque background under a painted side, outside the element.
  let behind = [255, 255, 255];
  const probe = painted[0];
  if (probe) {
    const under = document.elementsFromPoint(probe[0], probe[1]).find((e) => e !== el && !el.contains(e));
    for (let a = under; a; a = a.parentElement) {
      const c = rgb(getComputedStyle(a).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] >= 0.5)) {
        behind = c.slice(0, 3);
        break;
      }
    }
  }
  const color = rgb(cs.outlineColor).slice(0, 3);
  const [hi, lo] = [lum(color), lum(behind)].sort((a, b) => b - a);
  return {
    desc,
    focusVisible: el.matches(':focus-visible'),
    outline: width > 0 ? `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}` : null,
    shadow,
    contrast: Math.round(((hi + 0.05) / (lo + 0.05)) * 10) / 10,
    behind: `rgb(${behind.join(', ')})`,
    paintedSides: painted.length,
  };
}

/** Fails unless the focused element shows a focus ring that can be seen. */
async function assertVisibleFocus(page, where) {
  const f = await page.evaluate(focusReport);
  assert.ok(!f.none, `${where}: nothing has focus`);
  const detail = `${where}: ${f.desc} — ${JSON.stringify(f)}`;
  assert.ok(f.outline || f.shadow, `no outline or box-shadow on ${detail}`);
  if (f.outline) {
    assert.ok(f.contrast >= 3, `focus ring contrast ${f.contrast}:1 against ${f.behind} on ${detail}`);
    assert.ok(f.paintedSides >= 3, `focus ring cut off (${f.paintedSides}/4 sides painted) on ${detail}`);
  }
  return f;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, checking the focus
 * ring of every element passed on the way; returns how many presses it took.
 */
async function tabTo(page, selector, { back = false, max = 150 } = {}) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await assertVisibleFocus(page, `${back ? 'Shift+Tab' : 'Tab'} ×${n} towards ${selector}`);
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return n;
  }
  assert.fail(`${selector} not reached in ${max} ${back ? 'Shift+Tab' : 'Tab'} presses`);
}

/** Waits until the focus is on the page's heading (the first h1/h2 in <main>) and it shows. */
async function assertFocusOnHeading(page, where) {
  await page.waitForFunction(() => document.activeElement?.matches('#main h1, #main h2'), null, { timeout: 5000 }).catch(() => {});
  const active = await page.evaluate(() => {
    const a = document.activeElement;
    const heading = document.querySelector('#main h1, #main h2');
    return { same: a === heading, active: a?.outerHTML.slice(0, 120), heading: heading?.outerHTML.slice(0, 120) };
  });
  assert.ok(active.same, `${where}: focus is on ${active.active}, not on the page heading ${active.heading}`);
  await assertVisibleFocus(page, where);
}

/** Waits until the live regions have announced something matching `re`. */
async function assertAnnounced(page, re, where) {
  try {
    await page.waitForFunction((src) => window.__announced.some((a) => new RegExp(src).test(a)), re.source, { timeout: 5000 });
  } catch {
    const said = await page.evaluate(() => window.__announced);
    assert.fail(`${where}: nothing announced matches ${re}; announced: ${JSON.stringify(said)}`);
  }
}

for (const vp of VIEWPORTS) {
  test(`keyboard only at ${vp.width}×${vp.height}: search, open a task, record status and note, export`, async (t) => {
    const s = await web.session(vp);
    const { page } = s;
    await page.addInitScript(recordAnnouncements);
    const log = [];
    await s.open();
    await settle(page);

    // The first Tab reaches the skip link; following it lands on the page heading, and the
    // route (in the hash) stays what it was.
    await page.keyboard.press('Tab');
    const skip = await assertVisibleFocus(page, 'first Tab');
    assert.match(skip.desc, /skip-link/);
    const hash = await page.evaluate(() => location.hash);
    await page.keyboard.press('Enter');
    await assertFocusOnHeading(page, 'after the skip link');
    assert.equal(await page.evaluate(() => location.hash), hash, 'the skip link must not change the route');

    // Search: the count is announced by the live region.
    log.push(`Tab ×${await tabTo(page, '#search')} to the search box`);
    const countEl = page.getByTestId('result-count');
    assert.equal(await countEl.getAttribute('aria-live'), 'polite');
    await page.keyboard.type('道路');
    const n = ds.tasks.filter((task) => matches(task, '道路')).length;
    const expected = `${n} / ${ds.tasks.length}`;
    await countEl.filter({ hasText: expected }).waitFor({ timeout: 10000 });
    await assertAnnounced(page, new RegExp(expected), 'search count');

    // The first result, opened with Enter: focus moves to the task's heading.
    const steps = await tabTo(page, '[data-testid="task-list"] a.task-row-name');
    log.push(`Tab ×${steps} from the search box to the first result`);
    const id = await page.evaluate(() => document.activeElement.closest('[data-task-id]').dataset.taskId);
    assert.ok(ds.tasks.some((task) => String(task.id) === id && matches(task, '道路')));
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => location.hash.startsWith(`#/task/${id}`), id);
    await assertFocusOnHeading(page, `task ${id} opened`);
    assert.match(await page.locator('#main h2').textContent(), new RegExp(`^${id}`));

    // A status with Space, announced as saved.
    log.push(`Tab ×${await tabTo(page, '[data-testid="status-doing"]')} from the heading to 推进中`);
    await page.keyboard.press('Space');
    const editor = page.getByTestId('progress-editor');
    assert.equal(await editor.getByTestId('status-doing').getAttribute('aria-pressed'), 'true');
    await assertAnnounced(page, /已保存/, 'status saved');
    const saidBefore = await page.evaluate(() => window.__announced.length);
    const savedAt = await page.evaluate(() => Date.now());

    // A note, typed and saved with Enter, announced as saved again.
    log.push(`Tab ×${await tabTo(page, '[data-testid="note-input"]')} to the note`);
    await page.keyboard.type('键盘录入的备注');
    log.push(`Tab ×${await tabTo(page, '[data-testid="note-save"]')} to 保存备注`);
    // The saved line carries the time to the second; a person takes longer than that between
    // two saves (two saves within one second read the same and are announced once).
    await page.waitForFunction((k) => Date.now() - k >= 1000, savedAt);
    await page.keyboard.press('Enter');
    await editor.getByTestId('note-text').filter({ hasText: '键盘录入的备注' }).waitFor();
    await page.waitForFunction((k) => window.__announced.slice(k).some((a) => /已保存/.test(a)), saidBefore, { timeout: 5000 }).catch(async () => {
      assert.fail(`note save not announced; announced: ${JSON.stringify(await page.evaluate(() => window.__announced))}`);
    });
    assert.match(await storedText(page), /键盘录入的备注/);

    // Back up to the navigation, to 数据: the tools' page (tools.html, its own wasm), a new page
    // that starts at its top like any page load: the first Tab reaches its skip link, which
    // leads to the page heading.
    log.push(`Shift+Tab ×${await tabTo(page, 'a.nav-link[href^="tools.html#/data"]', { back: true })} back to 数据`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tools\.html#\/data$/);
    await waitForApp(page);
    await settle(page);
    assert.equal(await page.title(), '数据 · 清单');
    await page.keyboard.press('Tab');
    assert.match((await assertVisibleFocus(page, 'first Tab on the data page')).desc, /skip-link/);
    await page.keyboard.press('Enter');
    await assertFocusOnHeading(page, 'data page opened');

    // Export with Enter: a download, and the result announced.
    log.push(`Tab ×${await tabTo(page, '[data-testid="export-json"]')} to 导出 JSON`);
    const file = await download(page, () => page.keyboard.press('Enter'));
    assert.match(file.name, /^清单进度-.*\.json$/);
    await assertAnnounced(page, /已生成文件/, 'export');
    t.diagnostic(log.join('; '));
    s.assertClean();
  });
}
