// The task list as static HTML inside #boot, generated from the embedded dataset, so a browser
// without WebAssembly or JavaScript — or one still downloading the app — shows the tasks at once.
// The markup and classes are the app's own (src/components/task_card.rs: <ol class="task-list">
// <li class="task-row">…), so nothing jumps when the app mounts and replaces #boot.
import { esc, replaceOne } from './util.mjs';

// Column titles as in src/text.rs (COL_NO, COL_LEAD, COL_DEADLINE).
const COL_NO = '序号';
const COL_LEAD = '牵头部门';
const COL_DEADLINE = '完成时间';

export function taskRows(ds) {
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

/** Fills `#prerender-title` with the dataset's title and `<ol id="prerender">` with every task. */
export function prerender(html, ds) {
  html = replaceOne(
    html,
    /(<h1\b[^>]*\bid=["']?prerender-title["']?[^>]*>)[\s\S]*?(<\/h1>)/,
    (_, open, close) => open + esc(ds.meta.title) + close,
    'the #prerender-title heading',
  );
  html = replaceOne(
    html,
    /(<ol\b[^>]*\bid=["']?prerender["']?[^>]*>)\s*(<\/ol>)/,
    (_, open, close) => open + taskRows(ds) + close,
    'the empty <ol id="prerender">',
  );
  return html;
}
