// The district roll-up computed in the test from the dataset and the progress records, written
// independently of the app's Rust (src/domain/rollup): the matrix cells and their labels, the
// district totals, the chart counts, who is behind, and the report sheets.
import { appliesTo, chinaDate } from './model.mjs';

export const DISTRICT = 'district';
export const LABEL = { not_started: '未开始', in_progress: '推进中', done: '已完成', blocked: '存在困难' };
export const MARK = { done: '●', in_progress: '◐', not_started: '○', blocked: '▲' };
export const CLASS = {
  not_started: 'rollup-s-todo',
  in_progress: 'rollup-s-doing',
  done: 'rollup-s-done',
  blocked: 'rollup-s-blocked',
};
/** The order of the legend, the stacked bars and the chart tables. */
export const ORDER = ['done', 'in_progress', 'blocked', 'not_started'];
const DAY = 86400000;
const CHINA = 8 * 3600000;

/**
 * `v` with `d` decimals, rounded half to even on the exact binary value (as Rust's `{:.d}`);
 * JavaScript's toFixed rounds an exact tie up.
 */
export function fixed(v, d) {
  const exact = v.toFixed(Math.min(d + 40, 100));
  const rest = exact.slice(exact.indexOf('.') + 1 + d);
  if (/^50*$/.test(rest)) {
    const down = exact.slice(0, exact.indexOf('.') + 1 + d).replace(/\.$/, '');
    const last = Number(down[down.length - 1]);
    if (last % 2 === 0) return down;
  }
  return v.toFixed(d);
}

/** A number as the app prints quantities: `8`, `5.54`, at most four decimals. */
export function fmtNum(v) {
  if (Number.isInteger(v)) return String(v);
  return fixed(v, 4).replace(/0+$/, '').replace(/\.$/, '');
}

/** Whether column `key` (a unit id or `district`) reports on `task`. */
export function taskApplies(ds, task, key) {
  if (key === DISTRICT) return task.scope === 'district' || task.allocations.some((a) => a.unit === DISTRICT);
  return appliesTo(ds, task, key);
}

export function columns(ds) {
  return [...ds.units.map((u) => ({ key: u.id, name: u.name })), { key: DISTRICT, name: '区级', district: true }];
}

export function categoryLabel(ds, id) {
  const c = ds.categories.find((c) => c.id === id);
  return c ? `${c.number}${c.name}` : String(id);
}

/** Rust's string order (UTF-8 bytes = code points). */
const byCodePoint = (a, b) => {
  const x = [...a].map((c) => c.codePointAt(0));
  const y = [...b].map((c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

/** Target and completed amount per metric of (task, key): assigned metrics, then recorded ones. */
export function metricProgress(task, key, rec) {
  const out = [];
  for (const a of task.allocations.filter((a) => a.unit === key)) {
    for (const item of a.items) {
      if (out.some((m) => m.metric === item.metric)) continue;
      const v = rec?.amounts?.[item.metric]?.value;
      out.push({ metric: item.metric, measure: item.measure, target: item.value, completed: v ?? null });
    }
  }
  const extra = Object.keys(rec?.amounts ?? {}).sort(byCodePoint);
  for (const metric of extra) {
    const v = rec.amounts[metric].value;
    if (v != null && !out.some((m) => m.metric === metric)) {
      out.push({ metric, measure: '', target: null, completed: v });
    }
  }
  return out;
}

export function amountText(m) {
  const num = (v) => (v == null ? '—' : fmtNum(v));
  return `${num(m.completed)}/${num(m.target)}${m.measure}`;
}

/** The cell's report label: `推进中·逾期 道路 6/8公里，桥梁 —/8座`. */
export function cellLabel(cell) {
  let s = LABEL[cell.status] + (cell.overdue ? '·逾期' : '');
  if (cell.metrics.length === 1) s += ` ${amountText(cell.metrics[0])}`;
  else if (cell.metrics.length > 1) s += ` ${cell.metrics.map((m) => `${m.metric} ${amountText(m)}`).join('，')}`;
  return s;
}

/** The amounts as the matrix cell shows them, one per line (named when several). */
export function cellAmounts(cell) {
  return cell.metrics.map((m) => (cell.metrics.length > 1 ? `${m.metric} ${amountText(m)}` : amountText(m)));
}

function emptyCounts() {
  return { done: 0, in_progress: 0, blocked: 0, not_started: 0, overdue: 0 };
}
function add(c, cell) {
  c[cell.status]++;
  if (cell.overdue) c.overdue++;
}
export const total = (c) => c.done + c.in_progress + c.blocked + c.not_started;

/** The text beside a stacked bar. */
export function barSummary(c) {
  return `完成 ${c.done}/${total(c)}${c.overdue ? `，逾期 ${c.overdue}` : ''}`;
}

/** `2022-11-28 14:03` in China time. */
export const stamp = (ms) => new Date(ms + CHINA).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The roll-up of `records` over `tasks` (dataset order) at `asOf` (`YYYY-MM-DD`): the matrix,
 * totals, charts, activity and report sheets.
 */
export function rollup(ds, records, asOf, tasks = ds.tasks) {
  const cols = columns(ds);
  const rec = new Map(records.map((r) => [`${r.task}/${r.unit}`, r]));
  const groups = [];
  for (const c of ds.categories) {
    const rows = tasks
      .filter((t) => t.category === c.id)
      .map((task) => ({
        task,
        cells: cols.map((col) => {
          if (!taskApplies(ds, task, col.key)) return null;
          const r = rec.get(`${task.id}/${col.key}`);
          const status = r?.status ?? 'not_started';
          return {
            status,
            overdue: status !== 'done' && !!task.deadline && task.deadline < asOf,
            metrics: metricProgress(task, col.key, r),
          };
        }),
      }));
    if (rows.length) groups.push({ id: c.id, label: categoryLabel(ds, c.id), rows });
  }
  const rows = groups.flatMap((g) => g.rows.map((r) => ({ ...r, category: g.label })));

  const totals = [];
  for (const row of rows) {
    const metrics = [];
    for (const item of row.task.allocations.flatMap((a) => a.items)) {
      if (!metrics.some((m) => m.metric === item.metric)) metrics.push({ metric: item.metric, measure: item.measure });
    }
    if (!metrics.length) continue;
    const district = rec.get(`${row.task.id}/${DISTRICT}`);
    totals.push({
      task: row.task,
      metrics: metrics.map(({ metric, measure }) => {
        const t = { metric, measure, unitsTarget: 0, unitsDone: 0, assigned: 0, reported: 0 };
        row.cells.forEach((cell, i) => {
          if (!cell || cols[i].district) return;
          const m = cell.metrics.find((m) => m.metric === metric);
          if (!m) return;
          if (m.target != null) {
            t.unitsTarget += m.target;
            t.assigned++;
          }
          if (m.completed != null) {
            t.unitsDone += m.completed;
            t.reported++;
          }
        });
        // The 2022 list states a district total for some metrics; each equals the units' sum.
        t.districtTotal = t.unitsTarget;
        t.percent = t.districtTotal > 0 ? (t.unitsDone / t.districtTotal) * 100 : null;
        t.districtDone = district?.amounts?.[metric]?.value ?? null;
        return t;
      }),
    });
  }

  const byUnit = cols.map((col, i) => {
    const c = emptyCounts();
    for (const row of rows) if (row.cells[i]) add(c, row.cells[i]);
    return { key: col.key, label: col.name, counts: c };
  });
  const byCategory = groups.map((g) => {
    const c = emptyCounts();
    for (const row of g.rows) for (const cell of row.cells) if (cell) add(c, cell);
    return { key: String(g.id), label: g.label, counts: c };
  });
  const leadTasks = new Map();
  for (const t of ds.tasks) for (const l of new Set(t.leads)) leadTasks.set(l, (leadTasks.get(l) ?? 0) + 1);
  const leadOrder = [...leadTasks.keys()].sort((a, b) => leadTasks.get(b) - leadTasks.get(a) || byCodePoint(a, b));
  const byLead = leadOrder
    .map((lead) => {
      const c = emptyCounts();
      let any = false;
      for (const row of rows) {
        if (!row.task.leads.includes(lead)) continue;
        any = true;
        for (const cell of row.cells) if (cell) add(c, cell);
      }
      return any ? { key: lead, label: lead, counts: c } : null;
    })
    .filter(Boolean);
  const months = new Map();
  for (const row of rows) {
    const key = row.task.deadline ? row.task.deadline.slice(0, 7) : 'none';
    if (!months.has(key)) months.set(key, emptyCounts());
    for (const cell of row.cells) if (cell) add(months.get(key), cell);
  }
  const byMonth = [...months.keys()]
    .sort((a, b) => (a === 'none') - (b === 'none') || (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const [y, m] = key.split('-').map(Number);
      const label = key === 'none' ? '无日期' : y === ds.meta.year ? `${m}月` : `${y}年${m}月`;
      return { key, label, counts: months.get(key) };
    });

  const activity = (stale) =>
    cols.map((col, i) => {
      const mine = records.filter((r) => r.unit === col.key && r.updated_at > 0);
      const last = mine.length ? Math.max(...mine.map((r) => r.updated_at)) : null;
      const days = last == null ? null : Math.round((Date.parse(asOf) - Date.parse(chinaDate(last))) / DAY);
      const since = days == null ? '从未报送' : days === 0 ? '今天有报送' : days > 0 ? `${days} 天前报送` : '截至日期后有报送';
      return {
        key: col.key,
        name: col.name,
        counts: byUnit[i].counts,
        last: last == null ? '—' : stamp(last),
        since,
        silent: days == null || days > stale,
      };
    });

  const deadline = (t) => t.deadline ?? t.deadline_text;
  const matrixSheet = [
    ['区级序号', '任务名称', '类别', '牵头部门', '完成时间', ...cols.map((c) => c.name)],
    ...rows.map((r) => [
      r.task.id,
      r.task.name,
      r.category,
      r.task.leads.join('、'),
      deadline(r.task),
      ...r.cells.map((c) => (c ? cellLabel(c) : null)),
    ]),
  ];
  const round1 = (p) => (p == null ? null : Math.round(p * 10) / 10);
  const totalsSheet = [
    ['区级序号', '任务名称', '指标', '计量单位', '区级总量', '总量来源', '各单位目标合计', '各单位完成合计', '完成率（%）', '分配单位数', '已填报单位数', '区级填报完成量'],
    ...totals.flatMap((t) =>
      t.metrics.map((m) => [
        t.task.id,
        t.task.name,
        m.metric,
        m.measure || null,
        m.districtTotal,
        'BASIS',
        m.unitsTarget,
        m.unitsDone,
        round1(m.percent),
        m.assigned,
        m.reported,
        m.districtDone,
      ]),
    ),
  ];
  return { cols, groups, rows, totals, byUnit, byCategory, byLead, byMonth, activity, matrixSheet, totalsSheet };
}

/** Merges record lists the way this test builds them: per key, the record changed last wins. */
export function mergeRecords(...lists) {
  const out = new Map();
  for (const list of lists) {
    for (const r of list) {
      const k = `${r.task}/${r.unit}`;
      if (!out.has(k) || out.get(k).updated_at < r.updated_at) out.set(k, r);
    }
  }
  return [...out.values()];
}

/** Parses a CSV text (BOM, CRLF, quoted cells). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
