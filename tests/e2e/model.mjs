// Expectations computed from the dataset JSON the app embeds (never hard-coded counts): the
// same rules the app's domain implements, written independently here.

/** Search terms: split on any whitespace (including U+3000), ASCII lower-cased. */
export function terms(q) {
  return q.split(/[\s\u3000]+/).filter(Boolean).map((t) => t.toLowerCase());
}

/**
 * The texts pinyin search covers (name, lead departments, category name, the full and short names of
 * the units the allocation names). Pinyin itself is checked natively (tests/pinyin.rs); the e2e
 * suite checks the words a query spells, found in these texts by plain character search.
 */
export function pinyinTexts(ds, task) {
  const out = [task.name, ...task.leads];
  for (const c of ds.categories) if (c.id === task.category) out.push(c.name);
  for (const a of task.allocations) {
    for (const u of ds.units) if (u.id === a.unit) out.push(u.name, ...u.short_names);
  }
  return out;
}

/** Whether every term occurs in the task's name, requirements, allocation or lead text (characters
 * only: the queries the e2e suite types with `matches` are Chinese). */
export function matches(task, q) {
  const hay = [task.name, task.requirements, task.allocation_text, task.lead_text].map((s) => s.toLowerCase());
  return terms(q).every((t) => hay.some((h) => h.includes(t)));
}

/** Whether a task concerns a unit (named, or covered by its scope). */
export function appliesTo(ds, task, unitId) {
  const unit = ds.units.find((u) => u.id === unitId);
  if (task.allocations.some((a) => a.unit === unitId)) return true;
  if (task.scope === 'all_towns') return unit.kind !== 'park';
  return task.scope === 'all_towns_and_park';
}

/** Deadline order: tasks without a deadline last, then by id. */
export function byDeadline(a, b) {
  const da = a.deadline ?? '9999-99-99';
  const db = b.deadline ?? '9999-99-99';
  return da < db ? -1 : da > db ? 1 : a.id - b.id;
}

/** The three groups of a town page. */
export function townGroups(ds, unitId) {
  const named = ds.tasks.filter((t) => t.allocations.some((a) => a.unit === unitId)).sort(byDeadline);
  const shared = ds.tasks
    .filter((t) => !t.allocations.some((a) => a.unit === unitId) && appliesTo(ds, t, unitId))
    .sort(byDeadline);
  const district = ds.tasks.filter((t) => t.scope === 'district' && !named.includes(t)).sort(byDeadline);
  return { named, shared, district };
}

/** "8" for 8.0, "5.54" for 5.54: how the app prints quantities. */
export function formatValue(v) {
  return String(v);
}

/** The unit's own assignment line, e.g. "道路 8公里 · 桥梁 8座". */
export function assignmentSummary(alloc) {
  let s = alloc.items.map((i) => `${i.metric} ${formatValue(i.value)}${i.measure}`).join(' · ');
  if (alloc.villages?.length) s += `（${alloc.villages.join('、')}）`;
  return s;
}

/** Days from `asOf` to `deadline` (ISO dates); negative when overdue. */
export function daysLeft(deadline, asOf) {
  return Math.round((Date.parse(deadline) - Date.parse(asOf)) / 86400000);
}

/** China's calendar date (UTC+8) of a time in ms, as `YYYY-MM-DD`: how the app dates things, whatever the time zone. */
export function chinaDate(ms) {
  return new Date(ms + 8 * 3600000).toISOString().slice(0, 10);
}
