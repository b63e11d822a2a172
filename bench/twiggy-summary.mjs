// Groups `twiggy top` of a wasm that still has its names into who the bytes belong to:
//   node bench/twiggy-summary.mjs FILE.wasm [--top 25]
// Prints Markdown: bytes by crate (the crate of the function itself; for a generic function, the
// crate that defines it — so Leptos/tachys code instantiated for the app's views counts as
// tachys/leptos, and is counted once more in "instantiated for qingdan types"), by theme (fmt,
// serde_json, chrono, …) and the largest single items. The name section itself is left out.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function summarize(file, top = 25) {
  const items = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'json', file], { maxBuffer: 512 << 20 }).toString());
  const rows = items.filter((i) => !/^"function names" subsection|^"\w+ names" subsection|^custom section 'name'/.test(i.name) && !/^Σ|^\.\.\. and/.test(i.name));
  const total = rows.reduce((s, r) => s + r.shallow_size, 0);
  const crateOf = (name) => {
    if (/^data segment/.test(name)) return '(data: strings, tables, the embedded JSON)';
    if (/^(code section headers|type\[|import |export |elem\[|table\[|global\[|memory\[|"|custom section|wasm magic)/.test(name)) return '(wasm structure: types, imports, exports, tables)';
    // The first crate named in the symbol (rustc writes each path as crate[hash]::…).
    const h = name.match(/([A-Za-z_][A-Za-z0-9_]*)\[[0-9a-f]{16}\]::/);
    if (h) return h[1];
    const m = name.replace(/^(<|_ as |&|mut |\*const |\*mut |dyn )+/g, '').match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
    if (m) return m[1];
    if (/^(__wbg|__wbindgen|wasm_bindgen)/.test(name)) return 'wasm_bindgen';
    if (/^(memcpy|memset|memmove|memcmp|__rust|rust_|dlmalloc|__rdl|__rg)/.test(name)) return 'core/alloc (libc-like)';
    if (/^(func\[|code\[)/.test(name)) return '(unnamed functions)';
    return '(other)';
  };
  const themes = [
    ['core::fmt (format!, Display/Debug, panics messages)', /core(\[\w+\])?::fmt|alloc(\[\w+\])?::fmt|::fmt::|Formatter|fmt::Write/],
    ['serde_json / serde (parsing the dataset)', /serde_json|serde(\[\w+\])?::de|_serde::|Deserialize|Visitor/],
    ['chrono (dates, formatting)', /chrono/],
    ['float parsing/printing (lexical, dtoa, ryu, f64 fmt)', /float|dec2flt|flt2dec|ryu|lexical|grisu|dragon/i],
    ['reactive_graph (signals, memos, effects)', /reactive_graph/],
    ['tachys / leptos (views, generics)', /tachys|leptos/],
    ['instantiated for qingdan types (any crate)', /qingdan\[/],
    ['qingdan domain (search, facets, query, routes)', /^<?qingdan(\[\w+\])?::domain/],
    ['web-sys / js-sys / wasm-bindgen glue', /web_sys|js_sys|wasm_bindgen|__wbg/],
    ['slice sorting (one copy per element type and comparator)', /core(\[\w+\])?::slice::sort|::sort_by|::sort::</],
    ['drop glue (core::ptr::drop_in_place)', /drop_in_place/],
    ['std collections / alloc / hashing', /hashbrown|BTreeMap|btree|RawVec|alloc::vec|alloc::string|hash::|sip/i],
  ];
  const byCrate = new Map();
  for (const r of rows) {
    const c = crateOf(r.name);
    byCrate.set(c, (byCrate.get(c) || 0) + r.shallow_size);
  }
  const pct = (n) => `${((n / total) * 100).toFixed(1)}%`;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const short = (name) => {
    const s = name.replace(/\[[0-9a-f]{16}\]/g, '');
    return s.length > 160 ? s.slice(0, 157) + '…' : s;
  };
  const L = [];
  L.push(`${file.split('/').pop()}: ${kb(total)} of code and data (name section excluded)`);
  L.push('');
  L.push('| crate (of the function) | bytes | share |');
  L.push('| --- | ---: | ---: |');
  for (const [c, n] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 18)) L.push(`| ${c} | ${kb(n)} | ${pct(n)} |`);
  L.push('');
  L.push('| theme (a function can be in several) | bytes | share |');
  L.push('| --- | ---: | ---: |');
  for (const [label, re] of themes) {
    const n = rows.filter((r) => re.test(r.name)).reduce((s, r) => s + r.shallow_size, 0);
    L.push(`| ${label} | ${kb(n)} | ${pct(n)} |`);
  }
  L.push('');
  L.push(`| largest items (top ${top}) | bytes |`);
  L.push('| --- | ---: |');
  for (const r of rows.slice().sort((a, b) => b.shallow_size - a.shallow_size).slice(0, top)) L.push(`| \`${short(r.name).replace(/\|/g, '\\|')}\` | ${r.shallow_size} |`);
  return { total, byCrate: Object.fromEntries(byCrate), markdown: L.join('\n') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  const i = process.argv.indexOf('--top');
  console.log(summarize(file, i > 0 ? Number(process.argv[i + 1]) : 25).markdown);
}
