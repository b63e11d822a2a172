// Small helpers shared by the post-build steps: hashing, HTML escaping, and exact, loud string
// surgery on the (minified) HTML Trunk writes.
import { createHash } from 'node:crypto';

/** `sha256-<base64>` / `sha384-<base64>` of a string or buffer (UTF-8 for strings). */
export function digest(alg, data) {
  return `${alg}-` + createHash(alg).update(data).digest('base64');
}

export function hex(data, len = 16) {
  return createHash('sha256').update(data).digest('hex').slice(0, len);
}

/** Escapes text for an HTML text node or a quoted attribute value. */
export function esc(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function reEscape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces the first match of `re` (a string, or a non-global RegExp) and fails the build when there is none:
 * a silent no-op after a Trunk upgrade would ship a page without its CSP or loader fix.
 */
export function replaceOne(html, re, fn, what) {
  let m;
  if (typeof re === 'string') {
    const at = html.indexOf(re);
    m = at < 0 ? null : Object.assign([re], { index: at });
  } else {
    m = html.match(re);
  }
  if (!m) throw new Error(`postbuild: cannot find ${what} in the page`);
  return html.slice(0, m.index) + (typeof fn === 'function' ? fn(...m) : fn) + html.slice(m.index + m[0].length);
}

/** Attributes of one start tag (quoted or unquoted values, as html minifiers write them). */
export function attrs(tag) {
  const out = {};
  const body = tag.replace(/^<[a-zA-Z0-9-]+/, '').replace(/\/?>$/, '');
  const re = /([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m;
  while ((m = re.exec(body))) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

/** Every `<script …>…</script>` in the page: the whole match, its attributes and its text. */
export function scripts(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    whole: m[0],
    attrs: attrs(`<script${m[1]}>`),
    text: m[2],
  }));
}

/** Every `<link …>` in the page with its attributes. */
export function links(html) {
  return [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => ({ whole: m[0], attrs: attrs(m[0]) }));
}

/** A relative URL of the page (`./x.js`, `x.js`) as a file name inside the dist folder. */
export function localFile(url) {
  return decodeURIComponent(url.replace(/^\.\//, '').split(/[?#]/)[0]);
}
