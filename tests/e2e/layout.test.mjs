// Layout at every width: on each page, from a small phone to a desktop, nothing is wider than the
// window, and no link, button, summary, label or table header has its text broken into a column
// of single characters (what a grid column too narrow for its content does to Chinese text). A glance at
// 390 px misses a bug at 1280 px; these measurements do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, openPage, waitForApp, screenshot, visible } from './harness.mjs';
import { openSharedLink, seedSharePage } from './share-seed.mjs';

/** Small phone, common phone, tablet, desktop. */
const WIDTHS = [360, 390, 768, 1280];
const HEIGHT = 800;

let server;
let browser;
let ds;
chromiumSuite((s) => ({ ds, server, browser } = s));

/**
 * Every page to check: its hash, what shows that it has rendered, and what to open first. The
 * hashes are functions so that they can be computed from the dataset once it is loaded.
 */
const PAGES = [
  { name: 'list', hash: () => '#/', ready: (p) => visible(p, '[data-testid="task-row"]') },
  {
    name: 'search',
    hash: () => `#/?q=${encodeURIComponent('道路')}`,
    ready: (p) => visible(p, '[data-testid="task-row"] mark.hl'),
  },
  {
    name: 'facets',
    hash: () => '#/',
    ready: async (p) => {
      await visible(p, '[data-testid="task-row"]');
      // Open on wide screens from the start; folded on phones until the summary is tapped.
      const open = await p.locator('details.facets').evaluate((d) => d.open);
      if (!open) await p.locator('.facets-summary').click();
      await visible(p, 'details.facets a.facet-link');
    },
  },
  { name: 'towns', hash: () => '#/towns', ready: (p) => visible(p, '[data-testid="town-card"]') },
  {
    name: 'town',
    hash: () => '#/town/zhujiajiao',
    ready: (p) => visible(p, '[data-testid="record-progress"]'),
  },
  {
    name: 'town-editing',
    hash: () => '#/town/zhujiajiao',
    ready: async (p) => {
      await visible(p, '[data-testid="record-progress"]');
      await p.getByTestId('record-progress').first().click();
      await visible(p, '[data-testid="progress-editor"]');
    },
  },
  { name: 'depts', hash: () => '#/depts', ready: (p) => visible(p, '[data-testid="dept-card"]') },
  {
    name: 'dept',
    hash: () => `#/dept/${encodeURIComponent(ds.tasks[0].leads[0])}`,
    ready: (p) => visible(p, '[data-testid="dept-page"] [data-testid="task-row"]'),
  },
  { name: 'task', hash: () => '#/task/9', ready: (p) => visible(p, '[data-testid="progress-editor"]') },
  { name: 'data', hash: () => '#/data', ready: (p) => visible(p, '[data-testid="import"]') },
  { name: 'print', hash: () => '#/print/zhujiajiao', ready: (p) => visible(p, '[data-testid="print-row"]') },
  // The district tools' entry page: the roll-up's matrix (a table from 600 px, a list below).
  {
    name: 'rollup',
    hash: () => 'tools.html#/rollup',
    ready: (p) => visible(p, '[data-testid="rollup-matrix"], [data-testid="rollup-unit-list"]'),
  },
  {
    name: 'rollup-batch',
    hash: () => 'tools.html#/rollup',
    ready: async (p) => {
      const file = (unit, records) => ({
        name: `清单进度-${unit}-2022-11-30.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({
          app: 'qingdan', schema: 1, dataset_id: ds.meta.id, dataset_hash: ds.meta.content_hash,
          export: { exported_at: Date.UTC(2022, 10, 30, 4), unit }, records,
        })),
      });
      const rec = (task, unit) => ({ task, unit, status: 'done', status_updated_at: 1, updated_at: 1 });
      await p.getByTestId('rollup-files').setInputFiles([
        file('zhujiajiao', [rec(9, 'zhujiajiao')]),
        file('nongye-yuanqu', []),
        { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{') },
      ]);
      await visible(p, '[data-testid="collect-batch"]');
    },
  },
  {
    name: 'rollup-tables',
    hash: () => 'tools.html#/rollup?row=9',
    ready: async (p) => {
      await visible(p, '[data-testid="rollup-matrix"], [data-testid="rollup-task-list"]');
      await p.getByTestId('toggle-tables').click();
      await visible(p, '.rollup-chart-data:not(.visually-hidden)');
    },
  },
  {
    name: 'share',
    hash: () => 'tools.html#/share/zhujiajiao',
    ready: (p) => seedSharePage(p, ds),
  },
  {
    name: 'receive',
    hash: () => 'tools.html#/share/zhujiajiao',
    ready: async (p) => {
      await seedSharePage(p, ds);
      await openSharedLink(p);
    },
  },
];

/**
 * Measures the page as laid out now: how much wider than the window the document is (and the
 * widest elements that stick out), and every visible link, button, summary, label or table
 * header whose text stands in a column of single characters: the text is taller than 2.5 lines
 * while narrower than 2.5 characters, and has at least two characters.
 */
function measure() {
  const out = { innerWidth: window.innerWidth, scrollWidth: document.scrollingElement.scrollWidth, wide: [], columns: [] };
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const id = el.id ? `#${el.id}` : '';
    const testid = el.dataset && el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
    return `${el.tagName.toLowerCase()}${id}${cls}${testid}`;
  };
  if (out.scrollWidth > out.innerWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > out.innerWidth + 0.5) {
        out.wide.push(`${describe(el)} right=${Math.round(r.right)}`);
        if (out.wide.length >= 8) break;
      }
    }
  }
  for (const el of document.querySelectorAll('a, button, summary, label, th')) {
    const text = (el.textContent || '').replace(/\s+/g, '');
    if ([...text].length < 2) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // visually hidden (screen readers only)
    // The text's own box (children included, the <summary> marker not): a grid cell may be
    // stretched taller than its text without anything being wrong.
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    const fontSize = parseFloat(style.fontSize);
    const lineHeight = style.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(style.lineHeight);
    if (r.height > 2.5 * lineHeight && r.width < 2.5 * fontSize) {
      out.columns.push(
        `${describe(el)} "${text.slice(0, 20)}": text ${Math.round(r.width)}×${Math.round(r.height)} px ` +
          `(font ${fontSize} px, line ${Math.round(lineHeight)} px)`,
      );
    }
  }
  // One line per distinct offender (a list of 20 tasks repeats the same one 20 times).
  const counts = new Map();
  for (const c of out.columns) counts.set(c, (counts.get(c) || 0) + 1);
  out.columns = [...counts].map(([c, n]) => (n > 1 ? `${c} ×${n}` : c));
  return out;
}

for (const pg of PAGES) {
  for (const width of WIDTHS) {
    test(`${pg.name} at ${width} px: fits the window, no text in a column of characters`, async () => {
      const s = await openPage(browser, server.origin, { width, height: HEIGHT });
      try {
        await s.page.goto(server.url + pg.hash());
        await waitForApp(s.page);
        await pg.ready(s.page);
        // Let fonts and the last reactive updates settle before measuring.
        await s.page.evaluate(() => document.fonts.ready);
        await s.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await screenshot(s.page, `layout-${pg.name}`);
        const m = await s.page.evaluate(measure);
        assert.ok(
          m.scrollWidth <= m.innerWidth,
          `the page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window; sticking out:\n${m.wide.join('\n')}`,
        );
        assert.deepEqual(m.columns, [], 'text broken into a column of single characters');
        s.assertClean();
      } finally {
        await s.context.close();
      }
    });
  }
}
