// The task list as static HTML inside #boot, so a browser without WebAssembly or JavaScript — or
// one still downloading the app — shows the tasks at once; and the pages' titles, descriptions and
// the manifest's name, all for the list the build embeds.
//
// Nothing here writes markup of its own: the fragments come from the app's components, rendered
// natively by `cargo run --bin prerender` (src/bin/prerender.rs, src/prerender.rs) for the list
// the wasm embeds (the same QINGDAN_DATASET, see build.rs). This module runs that renderer and puts
// what it prints into the pages.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { esc, replaceOne } from './util.mjs';

/**
 * The environment for a native cargo run inside a Trunk hook: Trunk runs under `with_wasm_env` /
 * `with_release_env` (scripts/lib.sh), whose std-from-source and wasm flags must not reach a host
 * build, and which may put Debian's toolchain first on PATH. The native build uses the toolchain
 * the native tests use (rustup's when there is one, as lib.sh orders PATH), so it reuses their
 * compiled library instead of building its own.
 */
export function nativeEnv(env = process.env) {
  const out = { ...env };
  for (const key of Object.keys(out)) {
    if (key === 'RUSTC_BOOTSTRAP' || key.startsWith('CARGO_UNSTABLE_') || key.startsWith('CARGO_TARGET_WASM32_')) delete out[key];
  }
  const rustup = env.HOME ? path.join(env.HOME, '.cargo', 'bin') : null;
  if (rustup && fs.existsSync(path.join(rustup, 'cargo'))) out.PATH = rustup + path.delimiter + (env.PATH || '');
  return out;
}

/**
 * What `cargo run --bin prerender` prints for the embedded list (src/prerender.rs `Prerendered`):
 * `{ title, page_title, description, tools_description, manifest_description, header, rows,
 * row_count }`.
 */
export function renderFragments(root) {
  let out;
  try {
    out = execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'prerender'], {
      cwd: root,
      env: nativeEnv(),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (err) {
    throw new Error(`postbuild: the pre-render (cargo run --bin prerender) failed: ${err.message}`);
  }
  const pre = JSON.parse(out);
  for (const key of ['title', 'page_title', 'description', 'tools_description', 'manifest_description', 'header', 'rows']) {
    if (typeof pre[key] !== 'string') throw new Error(`postbuild: the pre-render printed no ${key}`);
  }
  return pre;
}

const DESCRIPTION = /<meta\b[^>]*\bname=["']?description\b[^>]*>/i;

/** The page's <title> and description <meta> replaced (texts, escaped here). */
function titleAndDescription(html, title, description) {
  if (title !== null) html = replaceOne(html, /<title>[\s\S]*?<\/title>/i, `<title>${esc(title)}</title>`, '<title>');
  return replaceOne(html, DESCRIPTION, `<meta name="description" content="${esc(description)}">`, 'the description <meta>');
}

/**
 * index.html with the pre-render `pre` (from `renderFragments`): its <title> and description, the
 * top bar in place of `<header id="prerender-header">` and the rows in `<ol id="prerender">`.
 * `header` and `rows` are HTML as the renderer escaped it.
 */
export function prerender(html, pre) {
  html = titleAndDescription(html, pre.page_title, pre.description);
  html = replaceOne(html, /<header\b[^>]*\bid=["']?prerender-header["']?[^>]*>\s*<\/header>/, () => pre.header, 'the empty <header id="prerender-header">');
  html = replaceOne(
    html,
    /(<ol\b[^>]*\bid=["']?prerender["']?[^>]*>)\s*(<\/ol>)/,
    (_, open, close) => open + pre.rows + close,
    'the empty <ol id="prerender">',
  );
  return html;
}

/** public/tools.html (the template of tools.html) with the list's title and description. */
export function fillToolsTemplate(template, pre) {
  template = titleAndDescription(template, null, pre.tools_description);
  return replaceOne(
    template,
    /(<h1\b[^>]*\bclass=["']?topbar-title["']?[^>]*>)[\s\S]*?(<\/h1>)/,
    (_, open, close) => open + esc(pre.title) + close,
    "the template's topbar-title <h1>",
  );
}

/**
 * The web app manifest (its text) named after the list: the values of its "name" and
 * "description" replaced, the rest of the file as written.
 */
export function fillManifest(text, pre) {
  for (const [key, value] of [['name', pre.title], ['description', pre.manifest_description]]) {
    text = replaceOne(text, new RegExp(`("${key}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`), (_, head) => head + JSON.stringify(value), `the manifest's "${key}"`);
  }
  const manifest = JSON.parse(text);
  if (manifest.name !== pre.title || manifest.description !== pre.manifest_description) {
    throw new Error('postbuild: the manifest was not named after the list');
  }
  return text;
}

/**
 * @deprecated Not used by the build: the rows come from the app's TaskCard (see above). Kept only
 * because tests/e2e/build-output.test.mjs, which another change is reworking, still imports it to
 * check escaping; the pre-render's escaping is tested in src/prerender.rs. Remove both together.
 */
export function taskRows(ds) {
  return ds.tasks
    .map(
      (t) =>
        `<li class="task-row" data-task-id="${esc(t.id)}">` +
        `<span class="task-row-no" title="序号">${esc(t.id)}</span>` +
        `<a class="task-row-name" href="#/task/${esc(t.id)}">${esc(t.name)}</a>` +
        `<span class="task-row-lead" title="牵头部门">${esc(t.lead_text)}</span>` +
        `<span class="task-row-deadline" title="完成时间"><span class="deadline">` +
        `<span class="deadline-text">${esc(t.deadline_text)}</span></span></span>` +
        `</li>`,
    )
    .join('');
}
