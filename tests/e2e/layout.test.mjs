// Layout at every width: on each page, from a small phone to a desktop, nothing is wider than the
// window, and no link, button, summary, label or table header has its text broken into a column
// of single characters (what a grid column too narrow for its content does to Chinese text). A glance at
// 390 px misses a bug at 1280 px; these measurements do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, nextFrames, screenshot } from './harness.mjs';
import { pages } from './pages.mjs';

/** Small phone, common phone, tablet, desktop. */
const WIDTHS = [360, 390, 768, 1280];
const HEIGHT = 800;

const web = chromiumSuite();

/** Every page to check (pages.mjs), the district tools' included. */
const PAGES = pages([
  'list',
  'search',
  'facets',
  'towns',
  'town',
  'town-editing',
  'depts',
  'dept',
  'task',
  'data',
  'print',
  'rollup',
  'rollup-batch',
  'rollup-tables',
  'share',
  'receive',
]);

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
      const s = await web.open(pg.hash, { width, height: HEIGHT });
      await pg.ready(s.page);
      // Let fonts and the last reactive updates settle before measuring.
      await s.page.evaluate(() => document.fonts.ready);
      await nextFrames(s.page);
      await screenshot(s.page, `layout-${pg.name}`);
      const m = await s.page.evaluate(measure);
      assert.ok(
        m.scrollWidth <= m.innerWidth,
        `the page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window; sticking out:\n${m.wide.join('\n')}`,
      );
      assert.deepEqual(m.columns, [], 'text broken into a column of single characters');
      s.assertClean();
    });
  }
}
