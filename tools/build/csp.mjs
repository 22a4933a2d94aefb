// Post-build step 3: the Content-Security-Policy of the built page. Scripts
// run only from this origin, plus the page's own inline scripts (the static
// shell's, and the loader Trunk writes) allowed by their SHA-256 hashes, so
// no 'unsafe-inline' for scripts; 'wasm-unsafe-eval' lets the wasm compile.
// `connect-src` is this origin plus the data and API origins configured in
// index.html. The policy goes into the page as a <meta http-equiv> (it
// changes with every build) and into dist/csp.txt for servers that prefer a
// header; servers add frame-ancestors and the other headers (docs/deploy.md).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;
const EXECUTABLE = (attrs) => {
  if (/\ssrc=/.test(attrs)) return false;
  const type = /\stype="([^"]*)"/.exec(attrs)?.[1];
  return !type || type === 'module' || type === 'text/javascript';
};

function origins(html) {
  const out = new Set();
  for (const name of ['sportello:data-base', 'sportello:api-base']) {
    const content = new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1] ?? '';
    if (/^https?:\/\//.test(content)) out.add(new URL(content).origin);
  }
  return [...out];
}

export function policyFor(html) {
  const hashes = [];
  for (const m of html.matchAll(SCRIPT)) {
    if (!EXECUTABLE(m[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${origins(html).join(' ')}`.trim(),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export async function writeCsp(staging) {
  const indexPath = path.join(staging, 'index.html');
  const html = await fs.readFile(indexPath, 'utf8');
  if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error('csp: index.html already has a CSP meta');
  const policy = policyFor(html);
  // Before any script: right after the charset.
  const out = html.replace(/<meta charset="utf-8">/, `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  if (out === html) throw new Error('csp: no <meta charset="utf-8"> in index.html');
  await fs.writeFile(indexPath, out);
  await fs.writeFile(path.join(staging, 'csp.txt'), `${policy}\n`);
  process.stderr.write(`csp: ${policy.length} characters, ${(policy.match(/sha256-/g) || []).length} inline script hashes\n`);
}
