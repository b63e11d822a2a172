// Every page of the app in a state worth checking, for the specs that go over all of them (axe in
// a11y.test.mjs, the layout measurements in layout.test.mjs): where it is (`hash`, relative to
// the dist's folder) and what to do once it has mounted so that it shows that state
// (`ready(page)`, which waits until it does).
import { ds, visible } from './harness.mjs';
import { doc, jsonFile, openSharedLink, seedSharePage } from './share-seed.mjs';

/** A small valid progress file for this dataset: one record for task 9 at the district level. */
function importFile() {
  const now = Date.now();
  const records = [{ task: 9, unit: 'district', status: 'in_progress', status_updated_at: now, updated_at: now }];
  return jsonFile('progress.json', { ...doc(ds, records, now), revision: 1 });
}

/** An export file of `unit` holding `records`, as the roll-up collects them. */
function unitFile(unit, records) {
  const { revision, saved_at, ...file } = doc(ds, records, 0, { exported_at: Date.UTC(2022, 10, 30, 4), unit });
  return jsonFile(`清单进度-${unit}-2022-11-30.json`, file);
}

/** The task list (one row at least is shown). */
const listReady = (p) => visible(p, '[data-testid="task-row"]');
/** A town page whose cards can record progress. */
const townReady = (p) => visible(p, '[data-testid="record-progress"]');

export const PAGES = {
  list: { hash: '#/', ready: listReady },
  search: {
    hash: `#/?q=${encodeURIComponent('道路')}`,
    ready: (p) => visible(p, '[data-testid="task-row"] mark.hl'),
  },
  facets: {
    hash: '#/',
    ready: async (p) => {
      await listReady(p);
      // Open on wide screens from the start; folded on phones until the summary is tapped.
      if (!(await p.locator('details.facets').evaluate((d) => d.open))) await p.locator('.facets-summary').click();
      await visible(p, 'details.facets a.facet-link');
    },
  },
  town: { hash: '#/town/zhujiajiao', ready: townReady },
  /** With one card's progress editor open. */
  'town-editing': {
    hash: '#/town/zhujiajiao',
    ready: async (p) => {
      await townReady(p);
      await p.getByTestId('record-progress').first().click();
      await visible(p, '[data-testid="task-row"] [data-testid="progress-editor"]');
    },
  },
  towns: { hash: '#/towns', ready: (p) => visible(p, '[data-testid="town-card"]') },
  depts: { hash: '#/depts', ready: (p) => visible(p, '[data-testid="dept-card"]') },
  dept: {
    hash: `#/dept/${encodeURIComponent(ds.tasks[0].leads[0])}`,
    ready: (p) => visible(p, '[data-testid="dept-page"] [data-testid="task-row"]'),
  },
  task: { hash: '#/task/9', ready: (p) => visible(p, '[data-testid="progress-editor"]') },
  /** The editor with a status and a note recorded (edit and delete buttons showing). */
  'task-noted': {
    hash: '#/task/9',
    ready: async (p) => {
      const editor = p.getByTestId('progress-editor');
      await editor.waitFor();
      await editor.getByTestId('status-doing').click();
      await editor.getByTestId('note-input').fill('已完成一半');
      await editor.getByTestId('note-save').click();
      await editor.getByTestId('note-text').first().waitFor();
    },
  },
  data: { hash: '#/data', ready: (p) => visible(p, '[data-testid="import"]') },
  /** One unit chosen (its brief shows) and an import preview waiting for a choice. */
  'data-importing': {
    hash: '#/data',
    ready: async (p) => {
      await p.getByTestId('export-unit').selectOption('zhujiajiao');
      await visible(p, '[data-testid="brief"]');
      await p.getByTestId('import-file').setInputFiles(importFile());
      await visible(p, '[data-testid="import-preview"]');
    },
  },
  print: { hash: '#/print/zhujiajiao', ready: (p) => visible(p, '[data-testid="print-row"]') },
  // The district tools' entry page: the roll-up's matrix (a table from 600 px, a list below).
  rollup: {
    hash: 'tools.html#/rollup',
    ready: (p) => visible(p, '[data-testid="rollup-matrix"], [data-testid="rollup-unit-list"]'),
  },
  /** A batch of files read and waiting for a choice: two units' (one empty) and a broken one. */
  'rollup-batch': {
    hash: 'tools.html#/rollup',
    ready: async (p) => {
      const rec = (task, unit) => ({ task, unit, status: 'done', status_updated_at: 1, updated_at: 1 });
      await p.getByTestId('rollup-files').setInputFiles([
        unitFile('zhujiajiao', [rec(9, 'zhujiajiao')]),
        unitFile('nongye-yuanqu', []),
        jsonFile('broken.json', '{'),
      ]);
      await visible(p, '[data-testid="collect-batch"]');
    },
  },
  /** One task's row, with the charts' data tables shown. */
  'rollup-tables': {
    hash: 'tools.html#/rollup?row=9',
    ready: async (p) => {
      await visible(p, '[data-testid="rollup-matrix"], [data-testid="rollup-task-list"]');
      await p.getByTestId('toggle-tables').click();
      await visible(p, '.rollup-chart-data:not(.visually-hidden)');
    },
  },
  // The district tools' share page with a link and its QR code, and that link's preview.
  share: { hash: 'tools.html#/share/zhujiajiao', ready: (p) => seedSharePage(p, ds) },
  receive: {
    hash: 'tools.html#/share/zhujiajiao',
    ready: async (p) => {
      await seedSharePage(p, ds);
      await openSharedLink(p);
    },
  },
};

/** The pages named in `names` as a list of { name, hash, ready }; `[name, as]` lists page `as` under `name`. */
export function pages(names) {
  return names.map((n) => {
    const [name, key] = Array.isArray(n) ? n : [n, n];
    if (!PAGES[key]) throw new Error(`no page ${key} in pages.mjs`);
    return { name, ...PAGES[key] };
  });
}
