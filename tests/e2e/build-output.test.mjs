// The release dist as files: CSP hashes match the inline code they allow, the loader has no
// top-level await, sw.js precaches exactly the build's files and is reproducible, the manifest and
// its icons are complete, and the pre-rendered list escapes whatever the data holds. The second
// entry page, tools.html, loads its own wasm and not the app's, with integrity hashes, and no
// other page loads the tools.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DIST, loadDataset } from './harness.mjs';
import { inlineScriptHashes, inlineStyleHashes } from '../../scripts/build/csp.mjs';
import { compactLines } from '../../scripts/build/glue.mjs';
import { taskRows } from '../../scripts/build/prerender.mjs';
import { pageAssets } from '../../scripts/build/sizes.mjs';
import { precacheList, writeServiceWorker, SINGLE_FILE } from '../../scripts/build/sw.mjs';
import { TOOLS, TOOLS_COMPAT } from '../../scripts/build/tools-page.mjs';
import { links, localFile, scripts } from '../../scripts/build/util.mjs';

const read = (name) => fs.readFile(path.join(DIST, name), 'utf8');
const csp = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];

for (const name of ['index.html', TOOLS, SINGLE_FILE]) {
  test(`${name}: the CSP allows exactly its inline scripts and styles, by hash`, async () => {
    const html = await read(name);
    const policy = csp(html);
    assert.ok(policy, 'has a CSP meta');
    assert.ok(html.indexOf(policy) < html.indexOf('<script'), 'the CSP comes before every script');
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '));
    const allowed = scriptSrc.match(/'sha256-[^']+'/g) || [];
    assert.deepEqual(allowed.sort(), inlineScriptHashes(html).sort());
    assert.ok(allowed.length > 0);
    const styleSrc = policy.split('; ').find((d) => d.startsWith('style-src '));
    for (const h of inlineStyleHashes(html)) assert.ok(styleSrc.includes(h), `style ${h} allowed`);
    assert.doesNotMatch(html, /\sstyle=/i, 'no style attribute (style-src has no unsafe-inline)');
    assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
    assert.match(policy, /'wasm-unsafe-eval'/);
  });
}

test('the one-file version holds both wasms, says so before any other script, and links to no other page', async () => {
  const html = await read(SINGLE_FILE);
  for (const page of ['index.html', TOOLS]) {
    const [wasm] = pageAssets(DIST, page).wasm;
    const b64 = (await fs.readFile(path.join(DIST, wasm))).toString('base64');
    assert.ok(html.includes(`'${b64}'`), `${page}'s ${wasm} is inlined as base64`);
  }
  const all = scripts(html);
  assert.ok(all.every((s) => !s.attrs.src), 'every script is inline');
  assert.equal(all[0].text, 'window.qingdanOneFile = true', 'the first script says it is the one-file version');
  assert.ok(html.indexOf('<script') > html.indexOf('Content-Security-Policy'));
  assert.doesNotMatch(html, /href=["']?(index|tools|compat|tools-compat)\.html/, 'no link to another page');
  assert.match(html, /<a class="nav-link" href="#\/data">数据<\/a>/, 'the pre-rendered 数据 is a hash of the file');
  const start = all.find((s) => s.attrs.type === 'module');
  assert.match(start.text, /\^\(data\|print\|rollup\|share\|receive\|lists\)\$/, 'the start-up picks the tools by these views');
});

test('the pre-rendered navigation of index.html leads to the tools page for 数据 and 汇总', async () => {
  const html = await read('index.html');
  assert.match(html, /<a class="nav-link" href="tools.html#\/data">数据<\/a>/);
  assert.match(html, /<a class="nav-link" href="tools.html#\/rollup">汇总<\/a>/);
  assert.match(await read(TOOLS), /<a class="nav-link" href="tools.html#\/data">数据<\/a>/);
});

test("compat.html is index.html with 'unsafe-eval' added, for browsers before 'wasm-unsafe-eval'", async () => {
  const index = await read('index.html');
  const compat = await read('compat.html');
  assert.equal(csp(compat), csp(index).replace("'wasm-unsafe-eval'", "'unsafe-eval' 'wasm-unsafe-eval'"));
  assert.equal(compat.replace(csp(compat), ''), index.replace(csp(index), ''));
});

test("tools-compat.html is tools.html with 'unsafe-eval' added, as compat.html is index.html", async () => {
  const tools = await read(TOOLS);
  const compat = await read(TOOLS_COMPAT);
  assert.equal(csp(compat), csp(tools).replace("'wasm-unsafe-eval'", "'unsafe-eval' 'wasm-unsafe-eval'"));
  assert.equal(compat.replace(csp(compat), ''), tools.replace(csp(tools), ''));
});

test('the loader starts the app without top-level await', async () => {
  const html = await read('index.html');
  const loader = scripts(html).find((s) => s.attrs.type === 'module');
  assert.ok(loader);
  assert.doesNotMatch(loader.text, /\bawait\b/);
  assert.match(loader.text, /\.then\(function \(wasm\)/);
  assert.match(loader.text, /TrunkApplicationStarted/);
});

test("tools.html loads its own glue and wasm, content-hashed, and none of the app's", async () => {
  const app = pageAssets(DIST, 'index.html');
  const tools = pageAssets(DIST, TOOLS);
  assert.equal(tools.wasm.length, 1, `one wasm: ${tools.wasm}`);
  assert.match(tools.wasm[0], /^tools-[0-9a-f]{16}_bg\.wasm$/);
  const glue = tools.wasm[0].replace('_bg.wasm', '.js');
  assert.ok(tools.js.includes(glue), `loads its glue ${glue}: ${tools.js}`);
  for (const f of [...app.js, ...app.wasm].filter((f) => /^qingdan-/.test(f))) {
    assert.ok(!tools.js.includes(f) && !tools.wasm.includes(f), `tools.html does not load the app's ${f}`);
  }
  // The shared files are the app's own (one copy of the CSS and the boot script for both pages),
  // plus the tools' own stylesheet.
  assert.deepEqual(tools.css.slice(0, app.css.length), app.css);
  assert.deepEqual(tools.css.slice(app.css.length).map((f) => f.replace(/-[0-9a-f]{16}\.css$/, '.css')), ['tools.css']);
  for (const f of app.js.filter((f) => /^(boot|offline)-/.test(f))) assert.ok(tools.js.includes(f), f);
  // No other page loads or preloads the tools (the one-file version holds them inline, above).
  for (const page of ['index.html', 'compat.html']) {
    assert.ok(!/tools-[0-9a-f]+(_bg)?\.(js|wasm)|\btools(_bg)?\.(js|wasm)\b/.test(await read(page)), `${page} does not name the tools' files`);
  }
  // Trunk's unhashed worker files were renamed, not copied.
  const files = await fs.readdir(DIST);
  assert.ok(!files.includes('tools.js') && !files.includes('tools_bg.wasm'), `no unhashed tools files: ${files}`);
  const html = await read(TOOLS);
  assert.match(html, /<a class="nav-link" href="tools.html#\/rollup" aria-current="page">汇总<\/a>/, 'the boot placeholder names the page in its navigation');
  assert.doesNotMatch(html, /(href|src)=["']?\//, 'no root-relative URL: the page works under any sub-path');
  const loader = scripts(html).filter((s) => !s.attrs.src);
  assert.equal(loader.length, 1, 'one inline script, the loader');
  assert.equal(loader[0].attrs.type, 'module', 'the loader runs after the deferred glue');
  assert.doesNotMatch(loader[0].text, /\bawait\b/);
  assert.match(loader[0].text, new RegExp(`wasm_bindgen\\(\\{ module_or_path: '\\./${tools.wasm[0]}' \\}\\)`));
  assert.match(loader[0].text, /TrunkApplicationStarted/);
});

for (const page of ['index.html', TOOLS]) {
  test(`${page}: every script and stylesheet it loads has a matching integrity hash`, async () => {
    const html = await read(page);
    const tags = [
      ...scripts(html).filter((s) => s.attrs.src).map((s) => ({ url: s.attrs.src, integrity: s.attrs.integrity })),
      ...links(html)
        .filter((l) => ['stylesheet', 'preload', 'modulepreload'].includes(l.attrs.rel))
        .map((l) => ({ url: l.attrs.href, integrity: l.attrs.integrity })),
    ];
    assert.ok(tags.length >= 4, `${tags.length} files`);
    for (const { url, integrity } of tags) {
      const body = await fs.readFile(path.join(DIST, localFile(url)));
      assert.equal(integrity, `sha384-${createHash('sha384').update(body).digest('base64')}`, url);
    }
  });
}

test('sw.js precaches every file of the build and nothing else, reproducibly', async () => {
  const sw = await read('sw.js');
  const list = JSON.parse(sw.match(/var PRECACHE = (\[.*\]);/)[1]);
  assert.equal(list[0].url, './');
  for (const { url } of list.slice(1)) await fs.access(path.join(DIST, decodeURIComponent(url)));
  const expected = precacheList(DIST).map((e) => e.url);
  assert.deepEqual(list.map((e) => e.url), expected);
  for (const must of ['manifest.webmanifest', 'icons/icon-192.png', TOOLS, TOOLS_COMPAT, ...Object.values(pageAssets(DIST, TOOLS)).flat()]) {
    assert.ok(expected.includes(must), `precached: ${must}`);
  }
  assert.ok(expected.some((u) => u.endsWith('.wasm')) && expected.some((u) => u.endsWith('.js')));
  assert.ok(!expected.includes('sw.js') && !expected.includes(SINGLE_FILE) && !expected.includes('index.html'));
  // Regenerating from the same files gives the same bytes: an unchanged redeploy prompts nobody.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qingdan-sw-'));
  try {
    await fs.cp(DIST, dir, { recursive: true });
    writeServiceWorker(dir);
    assert.equal(await fs.readFile(path.join(dir, 'sw.js'), 'utf8'), sw);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('the manifest makes the app installable from any folder', async () => {
  const m = JSON.parse(await read('manifest.webmanifest'));
  assert.equal(m.name, (await loadDataset()).meta.title);
  assert.equal(m.short_name, '清单');
  assert.equal(m.start_url, './');
  assert.equal(m.scope, './');
  assert.equal(m.display, 'standalone');
  assert.equal(m.lang, 'zh-CN');
  assert.equal(m.theme_color, '#0b6e4f');
  for (const purpose of ['any', 'maskable']) {
    for (const size of [192, 512]) {
      const icon = m.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
      assert.ok(icon, `${purpose} ${size}`);
      const png = await fs.readFile(path.join(DIST, icon.src));
      assert.equal(png.toString('latin1', 1, 4), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size]);
    }
  }
  const html = await read('index.html');
  assert.match(html, /<link href=["']?manifest\.webmanifest["']? rel=["']?manifest/);
  assert.doesNotMatch(html, /(href|src)=["']?\//, 'no root-relative URL: the app works under any sub-path');
});

test('the pre-rendered list escapes the data', () => {
  const html = taskRows({
    tasks: [{ id: 7, name: '<script>alert(1)</script>', lead_text: 'A & B "q"', deadline_text: "'x'" }],
  });
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /A &amp; B &quot;q&quot;/);
  assert.match(html, /&#39;x&#39;/);
});

test("the app's glue is compacted line by line only where that is safe", () => {
  const glue = [
    'export class A {',
    '    /**',
    '     * @returns {number}',
    '     */',
    '    get x() {',
    '        // Cast intrinsic for `Ref(String) -> Externref`.',
    '        return 1',
    '    }',
    '}',
    '',
    "const s = `a ${1} b`; /* kept: code on the line */",
    'export { A as default };',
  ].join('\n');
  assert.equal(
    compactLines(glue),
    'export class A {\nget x() {\nreturn 1\n}\n}\nconst s = `a ${1} b`; /* kept: code on the line */\nexport { A as default };\n',
  );
  assert.equal(compactLines('const t = `one\n    two`;'), null, 'a multi-line template literal: left alone');
  assert.equal(compactLines("const s = 'one\\\n    two';"), null, 'a string continued on the next line: left alone');
  assert.equal(compactLines('/* a */ f();'), null, 'code after a comment that starts the line: left alone');
  assert.equal(compactLines('/*\n a */ f();'), null, 'code after a block comment: left alone');
});

test("an entry page's first load counts a no-modules glue and the wasm passed to its init", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qingdan-sizes-'));
  try {
    for (const f of ['a.css', 'glue.js', 'glue_bg.wasm', 'old.js', 'old_bg.wasm', 'other.wasm']) await fs.writeFile(path.join(dir, f), f);
    await fs.writeFile(
      path.join(dir, 'p.html'),
      '<link href=./a.css rel=stylesheet><script defer src=./glue.js></script>' +
        "<script type=module>wasm_bindgen({ module_or_path: './glue_bg.wasm' })</script>",
    );
    await fs.writeFile(path.join(dir, 'q.html'), "<script src=old.js></script><script>wasm_bindgen('./old_bg.wasm')</script>");
    assert.deepEqual(pageAssets(dir, 'p.html'), { css: ['a.css'], js: ['glue.js'], wasm: ['glue_bg.wasm'] });
    assert.deepEqual(pageAssets(dir, 'q.html'), { css: [], js: ['old.js'], wasm: ['old_bg.wasm'] });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
