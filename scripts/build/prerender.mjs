// The task list as static HTML inside #boot, generated from the embedded dataset, so a browser
// without WebAssembly or JavaScript — or one still downloading the app — shows the tasks at once.
// The markup and classes are the app's own (src/components/task_card.rs: <ol class="task-list">
// <li class="task-row">…), so nothing jumps when the app mounts and replaces #boot.
import { esc, replaceOne } from './util.mjs';

/** The app's UI strings: `pub const NAME: &str = "…";` lines of src/text.rs. */
export function uiText(rustSource) {
  const out = {};
  for (const m of rustSource.matchAll(/pub const ([A-Z0-9_]+): &str = "((?:[^"\\]|\\.)*)";/g)) out[m[1]] = m[2];
  return out;
}

function need(text, key) {
  if (typeof text[key] !== 'string') throw new Error(`postbuild: src/text.rs has no ${key}`);
  return text[key];
}

/**
 * The main navigation as src/components/nav.rs renders it on the task list: 数据 and 汇总 are the
 * tools' page's (the one-file version turns these links into hashes of itself).
 */
export function navLinks(text) {
  return [
    ['#/', 'NAV_TASKS'],
    ['#/towns', 'NAV_TOWNS'],
    ['#/depts', 'NAV_DEPTS'],
    ['tools.html#/data', 'NAV_DATA'],
    ['tools.html#/rollup', 'NAV_ROLLUP'],
  ]
    .map(([href, key], i) => `<a class="nav-link" href="${href}"${i === 0 ? ' aria-current="page"' : ''}>${esc(need(text, key))}</a>`)
    .join('');
}

export function taskRows(ds, text = { COL_NO: '序号', COL_LEAD: '牵头部门', COL_DEADLINE: '完成时间' }) {
  const COL_NO = esc(need(text, 'COL_NO'));
  const COL_LEAD = esc(need(text, 'COL_LEAD'));
  const COL_DEADLINE = esc(need(text, 'COL_DEADLINE'));
  return ds.tasks
    .map(
      (t) =>
        `<li class="task-row" data-task-id="${esc(t.id)}">` +
        `<span class="task-row-no" title="${COL_NO}">${esc(t.id)}</span>` +
        `<a class="task-row-name" href="#/task/${esc(t.id)}">${esc(t.name)}</a>` +
        `<span class="task-row-lead" title="${COL_LEAD}">${esc(t.lead_text)}</span>` +
        `<span class="task-row-deadline" title="${COL_DEADLINE}"><span class="deadline">` +
        `<span class="deadline-text">${esc(t.deadline_text)}</span></span></span>` +
        `</li>`,
    )
    .join('');
}

/**
 * Fills `#prerender-title` with the dataset's title, `<nav id="prerender-nav">` with the main
 * navigation and `<ol id="prerender">` with every task; `text` is src/text.rs as `uiText` reads it.
 */
export function prerender(html, ds, text) {
  html = replaceOne(
    html,
    /(<nav\b[^>]*\bid=["']?prerender-nav["']?[^>]*>)\s*(<\/nav>)/,
    (_, open, close) => open + navLinks(text) + close,
    'the empty <nav id="prerender-nav">',
  );
  html = replaceOne(
    html,
    /(<h1\b[^>]*\bid=["']?prerender-title["']?[^>]*>)[\s\S]*?(<\/h1>)/,
    (_, open, close) => open + esc(ds.meta.title) + close,
    'the #prerender-title heading',
  );
  html = replaceOne(
    html,
    /(<ol\b[^>]*\bid=["']?prerender["']?[^>]*>)\s*(<\/ol>)/,
    (_, open, close) => open + taskRows(ds, text) + close,
    'the empty <ol id="prerender">',
  );
  return html;
}
