// Synthetic task lists for the benchmark: `node bench/gen-dataset.mjs N [OUT]` writes a Dataset
// JSON (schema 1, the types of src/domain/task.rs) with N tasks, default bench/out/dataset-N.json.
//
// Everything is drawn from the real 2022 list with a fixed seed, so the same N gives the same bytes:
// - name and requirements: lengths drawn from the real lengths, text from an order-2 character
//   Markov chain trained on the real names / requirements (real characters, real phrases, real
//   punctuation, so the JSON compresses like the real one);
// - category, leads, deadline: each copied from an independently drawn real task;
// - scope, allocation text and per-unit allocations: copied together from one drawn real task, so
//   unit ids, numbers and the text stay consistent with each other;
// - categories and units: the real ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REAL = path.join(ROOT, 'src/data/qingpu-2022.json');

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An order-2 character Markov chain over `texts`. */
function markov(texts) {
  const next = new Map();
  const starts = [];
  for (const text of texts) {
    const chars = [...text];
    if (chars.length < 3) continue;
    starts.push(chars[0] + chars[1]);
    for (let i = 0; i + 2 < chars.length; i++) {
      const key = chars[i] + chars[i + 1];
      if (!next.has(key)) next.set(key, []);
      next.get(key).push(chars[i + 2]);
    }
  }
  return (rand, length) => {
    let out = [];
    while (out.length < length) {
      let key = starts[Math.floor(rand() * starts.length)];
      const seq = [...key];
      while (out.length + seq.length < length) {
        const options = next.get(key);
        if (!options) break;
        const c = options[Math.floor(rand() * options.length)];
        seq.push(c);
        key = seq[seq.length - 2] + c;
      }
      out = out.concat(seq);
    }
    return out.slice(0, length).join('');
  };
}

/** The synthetic dataset with `n` tasks, as a JS object. */
export function generate(n, real = JSON.parse(fs.readFileSync(REAL, 'utf8')), seed = 20220101 + n) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const names = markov(real.tasks.map((t) => t.name));
  const reqs = markov(real.tasks.map((t) => t.requirements));
  const nameLengths = real.tasks.map((t) => [...t.name].length);
  const reqLengths = real.tasks.map((t) => [...t.requirements].length);
  const tasks = [];
  for (let id = 1; id <= n; id++) {
    const cat = pick(real.tasks);
    const lead = pick(real.tasks);
    const due = pick(real.tasks);
    const alloc = pick(real.tasks);
    tasks.push({
      id,
      city_no: 1 + Math.floor(rand() * Math.max(n, 100)),
      category: cat.category,
      name: names(rand, pick(nameLengths)),
      requirements: reqs(rand, pick(reqLengths)),
      lead_text: lead.lead_text,
      leads: lead.leads,
      allocation_text: alloc.allocation_text,
      deadline_text: due.deadline_text,
      deadline: due.deadline,
      scope: alloc.scope,
      allocations: alloc.allocations,
    });
  }
  // Tasks stay grouped by category in id order, like the source document.
  tasks.sort((a, b) => a.category - b.category || a.id - b.id);
  tasks.forEach((t, i) => { t.id = i + 1; });
  return {
    schema: real.schema,
    meta: {
      ...real.meta,
      id: `synthetic-${n}`,
      title: `${real.meta.title}（合成数据 ${n} 项）`,
      source_file: `synthetic-${n}`,
      content_hash: (seed >>> 0).toString(16).padStart(16, '0'),
    },
    categories: real.categories,
    units: real.units,
    tasks,
  };
}

/** The layout of the real file: top-level keys on their own lines, one array item per line. */
export function toText(ds) {
  const lines = Object.entries(ds).map(([k, v]) =>
    Array.isArray(v)
      ? `  ${JSON.stringify(k)}: [\n${v.map((x) => '    ' + JSON.stringify(x)).join(',\n')}\n  ]`
      : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error('usage: node bench/gen-dataset.mjs N [OUT]   (1 <= N <= 65535: ids are u16)');
    process.exit(2);
  }
  const out = process.argv[3] || path.join(ROOT, 'bench/out', `dataset-${n}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, toText(generate(n)));
  console.log(`wrote ${out} (${n} tasks, ${fs.statSync(out).size} bytes)`);
}
