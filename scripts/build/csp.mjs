// Content Security Policy as a <meta> tag, computed after every other rewrite of the page.
import { digest, replaceOne, scripts } from './util.mjs';

/** The sha256 sources of every inline script (scripts without src) of the page. */
export function inlineScriptHashes(html) {
  return scripts(html)
    .filter((s) => !('src' in s.attrs))
    .map((s) => `'${digest('sha256', s.text)}'`);
}

/** The sha256 sources of every inline <style> element of the page. */
export function inlineStyleHashes(html) {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => `'${digest('sha256', m[1])}'`);
}

/**
 * The hosted app's policy: nothing but its own files. 'wasm-unsafe-eval' lets the page compile its
 * wasm without allowing JavaScript eval; the only inline script, the loader, is allowed by hash.
 */
export function hostedPolicy(html) {
  return [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(html).join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * compat.html's policy: the hosted one plus 'unsafe-eval', which browsers from before
 * 'wasm-unsafe-eval' (Chrome/Edge < 97, Safari < 16) require to compile WebAssembly at all.
 * public/boot.js sends only those browsers there, when the wasm is refused under index.html.
 */
export function compatPolicy(html) {
  return hostedPolicy(html).replace("'wasm-unsafe-eval'", "'unsafe-eval' 'wasm-unsafe-eval'");
}

/** The one-file version's policy: no file or connection at all, inline code by hash only. */
export function singleFilePolicy(html) {
  return [
    "default-src 'none'",
    `script-src 'wasm-unsafe-eval' ${inlineScriptHashes(html).join(' ')}`,
    `style-src ${inlineStyleHashes(html).join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Puts the policy right after <meta charset>, ahead of everything it governs. */
export function insertCsp(html, policy) {
  if (/http-equiv=["']?content-security-policy/i.test(html)) throw new Error('postbuild: the page already has a CSP');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  return replaceOne(html, /<meta charset=["']?utf-8["']?\s*\/?>/i, (m) => m + meta, '<meta charset=utf-8>');
}
