#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): finishes the files Trunk staged in
// $TRUNK_STAGING_DIR before they become dist/. The steps run in this order:
//   0. locales       (./locales.mjs)   the merged dictionaries, out of the wasm
//   1. shell titles   (./shell.mjs)     each route's title and lead in the static shell
//   2. split chunks   (./split.mjs)     the lazily loaded wasm chunks of each feature
//   3. CSP            (./csp.mjs)       the page's Content-Security-Policy, inline scripts by hash
//   4. precache list  (./precache.mjs)  every file the service worker must keep
//   5. precompress    (./compress.mjs)  .br and .gz next to every text and wasm file
// Each step is a module with one exported async function taking the staging dir.
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  process.stderr.write('post-build: TRUNK_STAGING_DIR is not set (run it from Trunk)\n');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE === 'release';

const steps = [
  ['locales', './locales.mjs', 'writeLocales'],
  ['shell', './shell.mjs', 'writeShellHeads'],
  ['split', './split.mjs', 'placeSplitChunks'],
  ['csp', './csp.mjs', 'writeCsp'],
  ['precache', './precache.mjs', 'writePrecacheList'],
  ['compress', './compress.mjs', 'precompress'],
];

for (const [name, file, fn] of steps) {
  const mod = await import(new URL(file, import.meta.url));
  const started = Date.now();
  await mod[fn](path.resolve(staging), { release });
  process.stderr.write(`post-build: ${name} done in ${Date.now() - started} ms\n`);
}
