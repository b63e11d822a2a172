// Progress documents for the specs (first written for the share links; now share, rollup,
// progress, a11y, layout and the one-file version use them), built from the dataset the app
// embeds in the stored format of src/domain/progress.rs; ways to put one into a profile's
// localStorage before the app reads it and to read it back; and files to import.
import { waitForApp, visible } from './harness.mjs';

export const KEY = 'qingdan.progress.v1';

/** The tasks `unit` reports on, as `summary::tasks_for_unit` finds them (named, or by scope). */
export function tasksForUnit(ds, unit) {
  return ds.tasks.filter(
    (t) => t.allocations.some((a) => a.unit === unit) || t.scope === 'all_towns' || t.scope === 'all_towns_and_park',
  );
}

const STATUSES = ['in_progress', 'done', 'blocked'];

/**
 * A unit's progress on every one of its tasks: a status, and for each metric the unit has a
 * target for, a completed amount; with `note(task, i)`, also that note (text) on each task it
 * returns one for. Stamps are spread over a week of working sessions from 2022-11-21.
 */
export function unitProgress(ds, unit, { note = () => null, records = [] } = {}) {
  let t = Date.UTC(2022, 10, 21, 1, 0, 0);
  const out = [...records];
  tasksForUnit(ds, unit).forEach((task, i) => {
    t += 20_000 + ((i * 7919) % 120_000);
    const rec = {
      task: task.id,
      unit,
      status: STATUSES[i % STATUSES.length],
      status_updated_at: t,
      amounts: {},
      notes: [],
      updated_at: t,
    };
    for (const item of task.allocations.find((a) => a.unit === unit)?.items ?? []) {
      t += 3_000 + ((i * 104729) % 15_000);
      rec.amounts[item.metric] = { value: Math.round(item.value * ((i * 37) % 101)) / 100, updated_at: t };
      rec.updated_at = t;
    }
    const text = note(task, i);
    if (text) {
      t += 10_000;
      rec.notes.push({ id: `${t.toString(36)}-${(i + 1).toString(36)}`, created_at: t, updated_at: t, text });
      rec.updated_at = t;
    }
    out.push(rec);
  });
  return doc(ds, out, t);
}

/** A stored document holding `records`; with `exportInfo` ({ exported_at, unit }), an export file's. */
export function doc(ds, records, savedAt = Date.UTC(2022, 10, 20), exportInfo = null) {
  const d = {
    app: 'qingdan',
    schema: 1,
    dataset_id: ds.meta.id,
    dataset_hash: ds.meta.content_hash,
    revision: 3,
    saved_at: savedAt,
    records,
  };
  if (exportInfo) d.export = exportInfo;
  return d;
}

/** A file to hand to an `<input type=file>` (setInputFiles): `body` is an object or raw text. */
export function jsonFile(name, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { name, mimeType: 'application/json', buffer: Buffer.from(text) };
}

/**
 * Stores `document` (an object, or raw text) in the profile of `page` while the field app is
 * open, then leaves for about:blank, so the next page loaded reads it.
 */
export async function seed(page, baseUrl, document) {
  await page.goto(`${baseUrl}index.html#/data`);
  await waitForApp(page);
  await store(page, document);
  await page.goto('about:blank');
}

/** Writes `document` (an object, or raw text) as the stored progress of the page's profile. */
export async function store(page, document) {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, text]);
}

/** On a page already open: stores `document`, reloads, and waits until the app has mounted again. */
export async function storeAndReload(page, document) {
  await store(page, document);
  await page.reload();
  await waitForApp(page);
}

/** The stored progress of the profile of `page`, as text (null when there is none). */
export async function storedText(page) {
  return page.evaluate((k) => localStorage.getItem(k), KEY);
}

/** The stored progress document of the profile of `page` (parsed), or null. */
export async function stored(page) {
  const text = await storedText(page);
  return text === null ? null : JSON.parse(text);
}

/**
 * On the share page of 朱家角镇 (already open in `p`): stores its progress on every task, with a
 * note on a few, and reloads, so the page shows a link and its QR code.
 */
export async function seedSharePage(p, ds) {
  const note = (task, i) => (i % 10 === 0 ? `第${i + 1}项进展：${task.name.slice(0, 20)}` : null);
  // A reload before the page's icon has loaded would abort its request (a failed request).
  await p.waitForLoadState('networkidle');
  await storeAndReload(p, unitProgress(ds, 'zhujiajiao', { note }));
  await visible(p, '[data-testid="share-qr"]');
}

/**
 * After `seedSharePage`: opens the link the page made in the same profile, emptied of its
 * progress, so the receive page previews every record as new.
 */
export async function openSharedLink(p) {
  const link = await p.getByTestId('share-url').inputValue();
  await p.evaluate((k) => localStorage.removeItem(k), KEY);
  await p.goto(link);
  await p.waitForLoadState('networkidle');
  await p.reload();
  await waitForApp(p);
  await visible(p, '[data-testid="receive-preview"]');
}
