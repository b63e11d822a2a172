// The district roll-up (tools.html#/rollup): twelve unit export files (and a correction, a copy
// and a broken file) collected in one batch, every matrix cell, total, chart number and silent
// flag checked against a model computed here from the same files, the .xlsx and CSV read back,
// one-click undo of the whole batch, and the phone views.
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumSuite, download, ds, nextFrames, screenshot, visible, ROOT, SCREENSHOTS, VIEWPORTS } from './harness.mjs';
import { appliesTo, matches } from './model.mjs';
import {
  CLASS,
  DISTRICT,
  MARK,
  ORDER,
  barSummary,
  cellAmounts,
  cellLabel,
  fixed,
  fmtNum,
  mergeRecords,
  parseCsv,
  rollup,
  stamp,
  total,
} from './rollup-model.mjs';
import { doc as progressDoc, jsonFile, storeAndReload, stored } from './share-seed.mjs';

const web = chromiumSuite();

const AS_OF = '2022-11-30';
const HOUR = 3600000;
const DAY = 24 * HOUR;
/** Noon in China on a date of 2022 (month 1-based). */
const noon = (month, day) => Date.UTC(2022, month - 1, day, 4, 0, 0);

/** A small deterministic random generator (mulberry32). */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A record as the app writes it. */
function record(task, unit, status, at, amounts = {}, notes = []) {
  const a = {};
  for (const [metric, value] of Object.entries(amounts)) a[metric] = { value, updated_at: at };
  return { task, unit, status, status_updated_at: at, amounts: a, notes, updated_at: at };
}

/** A stored document (or, with `exportInfo`, an export file) saved on 1 November. */
const doc = (records, exportInfo) => progressDoc(ds, records, noon(11, 1), exportInfo);

/**
 * The scenario: what this browser holds before the batch, and the batch. Unit i's newest record
 * is 3·i days before the as-of date (the park exported an empty file: it never reported).
 * 朱家角's file holds an older version of a record this browser has (counted 较旧), and a record
 * that a later correction file holds in a newer version (a conflict the correction wins).
 */
function scenario() {
  const rand = random(2022);
  const zjj = ds.units.find((u) => u.id === 'zhujiajiao');
  const quantTasks = ds.tasks.filter((t) => t.allocations.some((a) => a.unit === 'zhujiajiao' && a.items.length));
  const taskA = quantTasks.find((t) => t.id === 9);
  const taskB = quantTasks.find((t) => t.id !== 9);
  const itemsOf = (t, unit) => t.allocations.find((a) => a.unit === unit)?.items ?? [];
  const districtTask = ds.tasks.find((t) => t.scope === 'district');

  const current = [
    record(taskA.id, 'zhujiajiao', 'done', noon(11, 29), Object.fromEntries(itemsOf(taskA, 'zhujiajiao').map((i) => [i.metric, i.value]))),
    record(districtTask.id, DISTRICT, 'in_progress', noon(11, 20)),
    record(taskA.id, DISTRICT, 'not_started', noon(11, 20), { [itemsOf(taskA, 'zhujiajiao')[0].metric]: 50 }),
    // In the order the app stores records: by task, then unit key.
  ].sort((a, b) => a.task - b.task || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));

  const files = [];
  const unitFiles = [];
  ds.units.forEach((u, i) => {
    const base = noon(11, 30) - i * 3 * DAY;
    let records = [];
    if (u.id !== 'nongye-yuanqu') {
      const tasks = ds.tasks.filter((t) => appliesTo(ds, t, u.id));
      const picked = tasks.filter(() => rand() < 0.6);
      picked.forEach((t, k) => {
        const at = base - k * HOUR;
        const roll = rand();
        const status = roll < 0.3 ? 'done' : roll < 0.6 ? 'in_progress' : roll < 0.75 ? 'blocked' : 'not_started';
        const amounts = {};
        const seen = new Set();
        for (const item of itemsOf(t, u.id)) {
          if (seen.has(item.metric) || status === 'not_started' || rand() < 0.2) continue;
          seen.add(item.metric);
          const frac = status === 'done' ? 1 : [0.25, 0.5, 0.75][Math.floor(rand() * 3)];
          amounts[item.metric] = Math.round(item.value * frac * 100) / 100;
        }
        const notes = rand() < 0.3 ? [{ id: `n${i}-${t.id}`, created_at: at, updated_at: at, text: `${u.name}第${t.id}项：按计划推进` }] : [];
        records.push(record(t.id, u.id, status, at, amounts, notes));
      });
    }
    if (u.id === 'zhujiajiao') {
      records = records.filter((r) => r.task !== taskA.id && r.task !== taskB.id);
      const [first] = itemsOf(taskA, 'zhujiajiao');
      records.push(record(taskA.id, 'zhujiajiao', 'in_progress', noon(11, 1), { [first.metric]: first.value / 2 }));
      records.push(
        record(taskB.id, 'zhujiajiao', 'in_progress', noon(11, 10), Object.fromEntries(itemsOf(taskB, 'zhujiajiao').map((i) => [i.metric, 0]))),
      );
    }
    const name = `清单进度-${u.name}-${new Date(base + 8 * HOUR).toISOString().slice(0, 10)}.json`;
    const exported = base + HOUR;
    const d = doc(records, { exported_at: exported, unit: u.id });
    unitFiles.push({ name, unit: u, records, exported });
    files.push(jsonFile(name, JSON.stringify(d, null, 2)));
  });
  // A correction from 朱家角: a newer version of one record of its file.
  const fix = record(taskB.id, 'zhujiajiao', 'done', noon(11, 25), Object.fromEntries(itemsOf(taskB, 'zhujiajiao').map((i) => [i.metric, i.value])));
  const fixName = '朱家角镇-更正.json';
  files.push(jsonFile(fixName, JSON.stringify(doc([fix], { exported_at: noon(11, 25) + HOUR, unit: 'zhujiajiao' }))));
  // The same file twice, under another name.
  const copyName = '徐泾镇-副本.json';
  files.push(jsonFile(copyName, files[1].buffer.toString()));
  // A file cut off while being sent.
  const brokenName = '损坏的文件.json';
  files.push(jsonFile(brokenName, '{"app":"qingdan","schema":1,"records":['));

  const incoming = mergeRecords(...unitFiles.map((f) => f.records), [fix]);
  const merged = mergeRecords(current, incoming);
  return { current, files, unitFiles, fix, fixName, copyName, brokenName, taskA, taskB, zjj, merged, incoming };
}

/**
 * A fresh profile at `vp` on the roll-up as of AS_OF; with `document` (an object, or raw text),
 * that progress is stored, and the page reloaded to read it.
 */
async function openRollup(vp, document = null) {
  const s = await web.open(`tools.html#/rollup?asof=${AS_OF}`, vp);
  await visible(s.page, '[data-testid="rollup-page"]');
  if (document !== null) {
    await storeAndReload(s.page, document);
    await visible(s.page, '[data-testid="rollup-page"]');
  }
  return s;
}

/** Everything the matrix table shows, per task row and unit column. */
async function readMatrix(page) {
  return page.getByTestId('rollup-matrix').evaluate((table) =>
    [...table.querySelectorAll('tbody tr[data-task-id]')].map((tr) => ({
      id: Number(tr.dataset.taskId),
      cells: [...tr.querySelectorAll('td')].map((td) => ({
        unit: td.dataset.unit,
        status: td.dataset.status,
        overdue: td.dataset.overdue === 'true',
        mark: td.querySelector('.rollup-mark')?.textContent ?? null,
        od: td.querySelector('.rollup-od')?.textContent ?? null,
        amounts: [...td.querySelectorAll('.rollup-amt')].map((e) => e.textContent),
        na: td.querySelector('.rollup-na-mark')?.textContent ?? null,
        href: td.querySelector('a')?.getAttribute('href') ?? null,
        text: td.textContent,
      })),
    })),
  );
}

function expectMatrix(got, model, label) {
  assert.deepEqual(got.map((r) => r.id), model.rows.map((r) => r.task.id), `${label}: rows`);
  got.forEach((row, r) => {
    const mrow = model.rows[r];
    row.cells.forEach((c, i) => {
      const col = model.cols[i];
      const m = mrow.cells[i];
      const where = `${label}: task ${row.id} × ${col.name}`;
      assert.equal(c.unit, col.key, where);
      if (!m) {
        assert.deepEqual([c.status, c.na, c.href], ['na', '—', null], where);
        assert.match(c.text, /不适用/, where);
        return;
      }
      assert.equal(c.status, CLASS[m.status], where);
      assert.equal(c.mark, MARK[m.status], where);
      assert.equal(c.overdue, m.overdue, where);
      assert.equal(c.od, m.overdue ? '⚠' : null, where);
      assert.deepEqual(c.amounts, cellAmounts(m), where);
      assert.equal(c.href, `index.html#/task/${row.id}?unit=${col.key}&asof=${AS_OF}`, where);
    });
  });
}

async function readTotals(page) {
  return page.getByTestId('rollup-totals-table').evaluate((table) =>
    [...table.querySelectorAll('tbody[data-task-id] tr')].map((tr) => ({
      task: Number(tr.closest('tbody').dataset.taskId),
      metric: tr.dataset.metric,
      ...Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, td.textContent])),
    })),
  );
}

function expectTotals(got, model) {
  const want = model.totals.flatMap((t) =>
    t.metrics.map((m) => ({
      task: t.task.id,
      metric: m.metric,
      'district-total': `${fmtNum(m.districtTotal)}${m.measure}`,
      'units-target': `${fmtNum(m.unitsTarget)}${m.measure}`,
      'units-done': `${fmtNum(m.unitsDone)}${m.measure}`,
      percent: m.percent == null ? '—' : `${fixed(m.percent, 1)}%`,
      'district-done': m.districtDone == null ? '—' : `${fmtNum(m.districtDone)}${m.measure}`,
    })),
  );
  // A total the list states (清单列明) equals the units' sum up to float rounding, so its rounded
  // percentage may differ in the last digit from the one of the sum.
  const pct = (t) => Number(t.replace('%', ''));
  assert.deepEqual(
    got.map(({ basis, ...rest }, i) => {
      assert.ok(['清单列明', '各单位目标合计'].includes(basis), basis);
      if (basis === '清单列明' && rest.percent !== want[i]?.percent) {
        assert.ok(Math.abs(pct(rest.percent) - pct(want[i].percent)) <= 0.1 + 1e-9, `${rest.task} ${rest.metric}`);
        return { ...rest, percent: want[i].percent };
      }
      return rest;
    }),
    want,
  );
  return got.map((r) => r.basis);
}

async function readCharts(page) {
  return page.getByTestId('rollup-charts').evaluate((root) => {
    const out = {};
    for (const fig of root.querySelectorAll('figure')) {
      out[fig.dataset.testid] = {
        bars: [...fig.querySelectorAll('svg g.rollup-bar')].map((g) => ({
          key: g.dataset.key,
          summary: g.dataset.summary ?? null,
          value: g.querySelector('.rollup-bar-value')?.textContent ?? null,
          label: g.querySelector('.rollup-bar-label').textContent,
          segments: [...g.querySelectorAll('rect')].map((r) => [r.dataset.status ?? r.getAttribute('class'), Number(r.dataset.count)]),
          numbers: [...g.querySelectorAll('.rollup-seg-label, .rollup-pair-value')].map((t) => t.textContent),
        })),
        table: [...fig.querySelectorAll('table tbody tr')].map((tr) => [tr.dataset.key, ...[...tr.children].map((c) => c.textContent)]),
        label: fig.querySelector('svg').getAttribute('aria-label'),
      };
    }
    return out;
  });
}

function expectCharts(got, model) {
  for (const [id, bars] of [
    ['chart-unit', model.byUnit],
    ['chart-category', model.byCategory],
    ['chart-lead', model.byLead],
  ]) {
    const chart = got[id];
    assert.ok(chart.label, `${id} has an accessible name`);
    assert.deepEqual(chart.bars.map((b) => b.key), bars.map((b) => b.key), id);
    chart.bars.forEach((b, i) => {
      const c = bars[i].counts;
      assert.equal(b.label, bars[i].label, id);
      assert.equal(b.summary, barSummary(c), `${id} ${b.key}`);
      assert.equal(b.value, barSummary(c), `${id} ${b.key}`);
      assert.deepEqual(b.segments, ORDER.filter((s) => c[s] > 0).map((s) => [CLASS[s], c[s]]), `${id} ${b.key}`);
      // Numbers drawn on the segments are the counts (those too narrow for one are in the table).
      for (const n of b.numbers) assert.ok(ORDER.some((s) => n === `${MARK[s]}${c[s]}`), `${id} ${b.key}: ${n}`);
    });
    assert.deepEqual(
      chart.table,
      bars.map((b) => [b.key, b.label, ...ORDER.map((s) => String(b.counts[s])), String(total(b.counts)), String(b.counts.overdue)]),
      `${id} table`,
    );
  }
  const month = got['chart-month'];
  assert.deepEqual(
    month.bars.map((b) => [b.key, b.label, b.segments, b.numbers]),
    model.byMonth.map((b) => [
      b.key,
      b.label,
      [['rollup-seg rollup-due', total(b.counts)], ['rollup-seg rollup-s-done', b.counts.done]],
      [`□${total(b.counts)}`, `●${b.counts.done}`],
    ]),
  );
  assert.deepEqual(month.table, model.byMonth.map((b) => [b.key, b.label, String(total(b.counts)), String(b.counts.done)]));
  // The charts count the matrix's cells: by unit and by month add up to the same total.
  const sum = (bars) => bars.reduce((n, b) => n + total(b.counts), 0);
  assert.equal(sum(model.byUnit), sum(model.byMonth));
}

async function readBehind(page) {
  return page.getByTestId('rollup-behind-table').evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) => ({
      key: tr.dataset.unit,
      silent: tr.dataset.silent === 'true',
      cells: [...tr.children].map((c) => c.textContent),
    })),
  );
}

function expectBehind(got, model, stale) {
  assert.deepEqual(
    got,
    model.activity(stale).map((a) => ({
      key: a.key,
      silent: a.silent,
      cells: [
        a.name,
        a.silent ? `⚠ 超过 ${stale} 天未报送` : '✓ 按时报送',
        a.since,
        a.last,
        ...['done', 'in_progress', 'blocked', 'not_started', 'overdue'].map((k) => String(a.counts[k])),
      ],
    })),
  );
}

/** Scrolls the section `testid` to the top of the window and saves screenshots named `name`. */
async function shoot(page, testid, name) {
  await page.getByTestId(testid).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await nextFrames(page);
  await screenshot(page, name);
}

/** The stored records, for comparing documents (none when nothing is stored). */
async function storedRecords(page) {
  return (await stored(page))?.records ?? [];
}

/** The workbook as openpyxl reads it. */
function readXlsx(file) {
  const out = execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests/fixtures/read_xlsx.py'), file], { encoding: 'utf8' });
  return JSON.parse(out);
}

test('twelve unit files collected in one batch: summary, matrix, totals, charts, who is behind, exports, undo', async () => {
  const sc = scenario();
  const s = await openRollup(VIEWPORTS[1], doc(sc.current));
  const { page } = s;
  await visible(page, '[data-testid="rollup-matrix"]');
  assert.equal(await page.getByTestId('rollup-asof').textContent(), '统计截至 2022年11月30日');

  // Before the batch: the matrix shows this browser's records only.
  expectMatrix(await readMatrix(page), rollup(ds, sc.current, AS_OF), 'before');
  const before = await storedRecords(page);

  // Import every file at once, at 4× CPU slowdown, timed until the summary and then the matrix.
  const cdp = await s.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('rollup-files').setInputFiles(sc.files);
  await visible(page, '[data-testid="collect-batch"]');
  const t1 = await page.evaluate(() => performance.now());

  // Per file: units, export time and counts, or why it was refused.
  const lines = await page.getByTestId('collect-file').evaluateAll((trs) =>
    trs.map((tr) => ({ state: tr.dataset.state, cells: [...tr.children].map((c) => c.textContent) })),
  );
  assert.equal(lines.length, sc.files.length);
  const currentKeys = new Set(sc.current.map((r) => `${r.task}/${r.unit}`));
  sc.unitFiles.forEach((f, i) => {
    const older = f.records.filter((r) => currentKeys.has(`${r.task}/${r.unit}`)).length;
    assert.deepEqual(
      lines[i],
      {
        state: 'accepted',
        cells: [f.name, f.unit.name, stamp(f.exported), String(f.records.length - older), '0', String(older), '0', '0', ''],
      },
      f.name,
    );
  });
  const n = sc.unitFiles.length;
  assert.deepEqual(lines[n].cells.slice(0, 4), [sc.fixName, '朱家角镇', stamp(noon(11, 25) + HOUR), '1']);
  assert.deepEqual(lines[n + 1].cells.slice(1, 9), lines[1].cells.slice(1, 8).concat([`与“${sc.unitFiles[1].name}”内容相同，不会重复计入。`]));
  assert.equal(lines[n + 2].state, 'refused');
  assert.equal(lines[n + 2].cells[0], sc.brokenName);
  assert.equal(lines[n + 2].cells[1], '已拒绝');
  assert.match(lines[n + 2].cells[2], /文件不完整/);
  const newKeys = sc.incoming.filter((r) => !currentKeys.has(`${r.task}/${r.unit}`)).length;
  assert.equal(
    await page.getByTestId('collect-totals').textContent(),
    `合计：新增 ${newKeys} 条，更新 0 条，较旧跳过 1 条，相同 0 条，无法识别 0 条`,
  );
  assert.deepEqual(await page.getByTestId('collect-conflicts').locator('li').allTextContents(), [
    `第 ${sc.taskB.id} 号任务（朱家角镇）：“${sc.unitFiles[5].name}”、“${sc.fixName}” 中的记录不同，采用较新的“${sc.fixName}”。`,
  ]);
  assert.match(await page.getByTestId('collect-message').textContent(), new RegExp(`已读取 ${sc.files.length} 个文件：可导入 ${n + 2} 个，已拒绝 1 个`));
  // Nothing is applied before 确认导入.
  assert.deepEqual(await storedRecords(page), before);
  expectMatrix(await readMatrix(page), rollup(ds, sc.current, AS_OF), 'not yet applied');

  const model = rollup(ds, sc.merged, AS_OF);
  const probe = model.rows.find((r) => r.task.id === sc.taskB.id);
  const zjjCol = model.cols.findIndex((c) => c.key === 'zhujiajiao');
  const t2 = await page.evaluate(() => performance.now());
  await page.getByTestId('collect-confirm').click();
  await page.locator(`tr[data-task-id="${sc.taskB.id}"] td[data-unit="zhujiajiao"][data-status="${CLASS[probe.cells[zjjCol].status]}"]`).waitFor();
  await nextFrames(page);
  const t3 = await page.evaluate(() => performance.now());
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  console.log(
    `# import of ${sc.files.length} files at 4× CPU slowdown: read and checked in ${Math.round(t1 - t0)} ms, ` +
      `applied and matrix rendered in ${Math.round(t3 - t2)} ms (total ${Math.round(t1 - t0 + t3 - t2)} ms)`,
  );
  assert.match(await page.getByTestId('collect-message').textContent(), /已导入本批文件/);

  // Stored: this browser's records merged with the files (the correction wins, the older loses).
  const stored = await storedRecords(page);
  const brief = (rs) => rs.map((r) => [r.task, r.unit, r.status, JSON.stringify(Object.entries(r.amounts).map(([k, v]) => [k, v.value]).sort())]).sort();
  assert.deepEqual(brief(stored), brief(sc.merged));

  // Every cell, every total, every chart number.
  expectMatrix(await readMatrix(page), model, 'after');
  const bases = expectTotals(await readTotals(page), model);
  expectCharts(await readCharts(page), model);
  assert.equal(await page.getByTestId('result-count').textContent(), `显示 74 / 74 项`);

  // Who is behind at the as-of date, 14 days and then 30.
  expectBehind(await readBehind(page), model, 14);
  assert.ok((await readBehind(page)).some((r) => r.silent) && (await readBehind(page)).some((r) => !r.silent));
  await page.getByTestId('rollup-stale').fill('30');
  await page.waitForFunction(() => location.hash.includes('stale=30'));
  expectBehind(await readBehind(page), model, 30);

  // Screenshots of the matrix and the charts.
  await shoot(page, 'rollup-matrix-section', 'rollup-matrix');
  await shoot(page, 'rollup-totals', 'rollup-totals');
  await shoot(page, 'rollup-charts', 'rollup-charts');
  await page.getByTestId('toggle-tables').click();
  assert.equal(await page.getByTestId('toggle-tables').getAttribute('aria-pressed'), 'true');
  await shoot(page, 'chart-month', 'rollup-chart-tables');
  await page.getByTestId('toggle-tables').click();

  // The .xlsx: every sheet read back by openpyxl holds the matrix's and the totals' values.
  const xlsx = await download(page, page.getByTestId('export-rollup-xlsx'));
  assert.equal(xlsx.name, `清单汇总-${AS_OF}.xlsx`);
  const xlsxFile = path.join(os.tmpdir(), `qingdan-rollup-${process.pid}.xlsx`);
  await xlsx.saveAs(xlsxFile);
  const book = readXlsx(xlsxFile);
  assert.deepEqual(
    book.sheets.map((sh) => sh.title),
    ['汇总矩阵', '任务量合计', ...model.cols.map((c) => c.name)],
  );
  const [matrixSheet, totalsSheet] = book.sheets;
  assert.equal(matrixSheet.freeze, 'A2');
  assert.deepEqual(matrixSheet.rows, model.matrixSheet);
  assert.deepEqual(totalsSheet.rows.slice(1).map((r) => r[5]), bases);
  // A stated total is the list's number (equal to the units' sum up to float rounding), and the
  // percentage is of it.
  const wantTotals = model.totalsSheet.map((row, i) => {
    const got = totalsSheet.rows[i];
    if (i === 0 || got?.[5] !== '清单列明') return row;
    assert.ok(Math.abs(got[4] - row[4]) <= 1e-9 * Math.max(1, row[4]), `stated total of ${row[0]} ${row[2]}: ${got[4]} vs ${row[4]}`);
    const pct = got[4] > 0 ? Math.round((row[7] / got[4]) * 100 * 10) / 10 : null;
    return row.map((v, j) => (j === 4 ? got[4] : j === 8 ? pct : v));
  });
  assert.deepEqual(
    totalsSheet.rows.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 5 ? 'BASIS' : v)))),
    wantTotals,
  );
  // A unit's sheet lists exactly its tasks.
  const zjjSheet = book.sheets.find((sh) => sh.title === '朱家角镇');
  assert.deepEqual(
    zjjSheet.rows.slice(1).map((r) => r[0]),
    model.rows.filter((r) => r.cells[zjjCol]).map((r) => r.task.id),
  );
  await fs.rm(xlsxFile, { force: true });

  // The CSV: the matrix sheet as text.
  const { name: csvName, text: csv } = await download(page, page.getByTestId('export-rollup-csv'));
  assert.equal(csvName, `清单汇总-${AS_OF}.csv`);
  assert.ok(csv.startsWith('\uFEFF'));
  assert.deepEqual(
    parseCsv(csv),
    model.matrixSheet.map((r) => r.map((v) => (v == null ? '' : typeof v === 'number' ? fmtNum(v) : v))),
  );

  // Printing: A4 landscape, the tables without the page's controls.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    nav: getComputedStyle(document.querySelector('.topbar')).display,
    collect: getComputedStyle(document.querySelector('[data-testid="rollup-collect"]')).display,
    chart: getComputedStyle(document.querySelector('svg.rollup-chart')).display,
    table: document.querySelector('.rollup-chart-data').getBoundingClientRect().width,
  }));
  assert.deepEqual([printed.nav, printed.collect, printed.chart], ['none', 'none', 'none']);
  assert.ok(printed.table > 100, 'the chart tables are printed');
  await screenshot(page, 'rollup-print');
  const pdfBytes = await page.pdf({ preferCSSPageSize: true });
  await fs.writeFile(path.join(SCREENSHOTS, 'rollup-print.pdf'), pdfBytes);
  const pdf = pdfBytes.toString('latin1');
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box && Number(box[1]) > Number(box[2]), `landscape page: ${box?.[0]}`);
  await page.emulateMedia({ media: 'screen' });

  // A search filters the matrix like the task list.
  await page.getByLabel('搜索任务').fill('道路');
  const hits = ds.tasks.filter((t) => matches(t, '道路'));
  await page.getByTestId('result-count').filter({ hasText: `显示 ${hits.length} / 74 项` }).waitFor();
  expectMatrix(await readMatrix(page), rollup(ds, sc.merged, AS_OF, hits), 'search');
  expectTotals(await readTotals(page), rollup(ds, sc.merged, AS_OF, hits));
  await page.getByLabel('搜索任务').fill('');

  // One click undoes the whole batch.
  await page.getByTestId('collect-undo').click();
  await page.getByTestId('collect-message').filter({ hasText: '已恢复' }).waitFor();
  assert.deepEqual(await storedRecords(page), before);
  expectMatrix(await readMatrix(page), rollup(ds, sc.current, AS_OF), 'undone');
  s.assertClean();
});

test('a cell opens the task page with that unit\'s progress', async () => {
  const sc = scenario();
  const s = await openRollup(VIEWPORTS[1], doc(sc.current));
  const { page } = s;
  await page.locator(`tr[data-task-id="${sc.taskA.id}"] td[data-unit="zhujiajiao"] a`).click();
  await page.waitForURL(/index\.html#\/task\//);
  await visible(page, '[data-testid="progress-editor"][data-unit="zhujiajiao"]');
  assert.equal(await page.getByTestId('progress-unit').inputValue(), 'zhujiajiao');
  s.assertClean();
});

test('on a phone: one unit at a time, or one task with every unit', async () => {
  const sc = scenario();
  const s = await openRollup(VIEWPORTS[0], doc(sc.merged));
  const { page } = s;
  await visible(page, '[data-testid="rollup-phone"]');
  assert.equal(await page.getByTestId('rollup-matrix').count(), 0, 'no wide table on a phone');
  const model = rollup(ds, sc.merged, AS_OF);

  const readList = () =>
    page.getByTestId('rollup-unit-list').locator('li').evaluateAll((lis) =>
      lis.map((li) => ({
        id: Number(li.dataset.taskId),
        status: li.dataset.status,
        mark: li.querySelector('.rollup-mark').textContent,
        words: li.querySelector('.rollup-item-status').textContent,
        overdue: !!li.querySelector('.rollup-od-tag'),
        amounts: [...li.querySelectorAll('.rollup-amt')].map((e) => e.textContent),
      })),
    );
  const expectUnit = async (key) => {
    const i = model.cols.findIndex((c) => c.key === key);
    assert.equal(await page.getByTestId('rollup-unit-list').getAttribute('data-unit'), key);
    assert.deepEqual(
      await readList(),
      model.rows
        .filter((r) => r.cells[i])
        .map((r) => {
          const c = r.cells[i];
          return { id: r.task.id, status: CLASS[c.status], mark: MARK[c.status], words: `${MARK[c.status]}${cellLabel({ ...c, overdue: false, metrics: [] })}`, overdue: c.overdue, amounts: cellAmounts(c) };
        }),
      key,
    );
  };
  // The first unit by default, then the one picked (kept in the URL).
  await expectUnit(ds.units[0].id);
  await page.getByTestId('rollup-col').selectOption('zhujiajiao');
  await page.waitForFunction(() => location.hash.includes('col=zhujiajiao'));
  await page.getByTestId('rollup-unit-list').and(page.locator('[data-unit="zhujiajiao"]')).waitFor();
  await expectUnit('zhujiajiao');
  await shoot(page, 'rollup-matrix-section', 'rollup-phone');
  await shoot(page, 'rollup-totals', 'rollup-phone-totals');
  await shoot(page, 'rollup-behind', 'rollup-phone-behind');
  await shoot(page, 'rollup-charts', 'rollup-phone-charts');
  await page.getByTestId('toggle-tables').click();
  await shoot(page, 'chart-unit', 'rollup-phone-chart-tables');
  await page.getByTestId('toggle-tables').click();

  // One task, every unit.
  await page.getByTestId('rollup-by-task').click();
  await page.getByTestId('rollup-task-list').waitFor();
  await page.getByTestId('rollup-row').selectOption(String(sc.taskA.id));
  await page.waitForFunction((id) => location.hash.includes(`row=${id}`), sc.taskA.id);
  await page.locator(`[data-testid="rollup-task-list"][data-task-id="${sc.taskA.id}"]`).waitFor();
  const row = model.rows.find((r) => r.task.id === sc.taskA.id);
  const units = await page.getByTestId('rollup-task-list').locator(':scope > li').evaluateAll((lis) =>
    lis.map((li) => [li.dataset.unit, li.dataset.status, [...li.querySelectorAll('.rollup-amt')].map((e) => e.textContent)]),
  );
  assert.deepEqual(
    units,
    model.cols.map((c, i) => [c.key, row.cells[i] ? CLASS[row.cells[i].status] : 'na', row.cells[i] ? cellAmounts(row.cells[i]) : []]),
  );
  await shoot(page, 'rollup-matrix-section', 'rollup-phone-task');
  s.assertClean();
});

test('files dropped on the drop zone are collected like picked ones', async () => {
  const sc = scenario();
  const s = await openRollup(VIEWPORTS[1]);
  const { page } = s;
  const files = [sc.files[0], sc.files[5]].map((f) => ({ name: f.name, text: f.buffer.toString() }));
  await page.getByTestId('rollup-drop').evaluate((zone, files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await visible(page, '[data-testid="collect-batch"]');
  const names = await page.getByTestId('collect-file').evaluateAll((trs) => trs.map((tr) => tr.children[0].textContent));
  assert.deepEqual(names, files.map((f) => f.name));
  await page.getByTestId('collect-cancel').click();
  await page.getByTestId('collect-message').filter({ hasText: '已取消' }).waitFor();
  assert.equal(await page.getByTestId('collect-batch').count(), 0);
  assert.equal(await stored(page), null, 'nothing was applied');
  s.assertClean();
});

test('read-only data cannot be imported into', async () => {
  const newer = JSON.stringify({ app: 'qingdan', schema: 99, dataset_id: ds.meta.id, dataset_hash: ds.meta.content_hash, records: [] });
  const s = await openRollup(VIEWPORTS[0], newer);
  const { page } = s;
  assert.equal(await page.getByTestId('rollup-files').isDisabled(), true);
  s.assertClean();
});

test('no serious or critical accessibility problem, on a phone and a desktop, data tables shown', async () => {
  const sc = scenario();
  for (const vp of VIEWPORTS) {
    const s = await openRollup(vp, doc(sc.merged));
    const { page } = s;
    await visible(page, '[data-testid="rollup-matrix"], [data-testid="rollup-unit-list"]');
    await page.getByTestId('rollup-files').setInputFiles(sc.files.slice(0, 3));
    await visible(page, '[data-testid="collect-batch"]');
    await shoot(page, 'collect-batch', 'rollup-batch');
    await page.getByTestId('toggle-tables').click();
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id} [${v.impact}] ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `${vp.name}`,
    );
    s.assertClean();
    await s.context.close();
  }
});
