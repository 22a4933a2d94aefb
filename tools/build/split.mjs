// Post-build step 1: place the route chunks that the wasm-bindgen wrapper
// (tools/build/bin/wasm-bindgen) split off, next to Trunk's staged files.
//
// Trunk copies only the main module and its JS glue. This step copies the
// chunks and their loader `__wasm_split.js` into `split-<hash>/`, named by
// the main module's content hash so that two versions never mix (a chunk of
// one build cannot link against another build's main module), optimises
// each chunk with the same wasm-opt settings as the main module (index.html),
// points the main glue at the loader and refreshes its SRI hash in
// index.html, and preloads the loader.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const LOADER = '__wasm_split.js';

function fail(message) {
  throw new Error(`split: ${message}`);
}

function splitDir(release) {
  const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
  return path.join(target, 'wasm-bindgen', release ? 'release' : 'debug', 'split');
}

/**
 * wasm-opt's settings for the main module (index.html: `data-wasm-opt`,
 * `data-wasm-opt-params`), as binaryen API settings for the chunks.
 */
async function optSettings() {
  const html = await fs.readFile(path.join(root, 'index.html'), 'utf8');
  const level = /data-wasm-opt="([^"]+)"/.exec(html)?.[1] ?? 'z';
  const params = /data-wasm-opt-params="([^"]*)"/.exec(html)?.[1] ?? '';
  const { default: binaryen } = await import('binaryen');
  let features = binaryen.Features.MVP;
  for (const flag of params.split(/\s+/).filter(Boolean)) {
    const name = FEATURES[flag];
    if (!name) fail(`unknown wasm-opt flag ${flag} in index.html (add it to FEATURES in split.mjs)`);
    features |= binaryen.Features[name];
  }
  const [optimize, shrink] = { z: [2, 2], s: [2, 1], 1: [1, 0], 2: [2, 0], 3: [3, 0], 4: [4, 0] }[level] ?? fail(`unknown wasm-opt level ${level}`);
  return { binaryen, features, optimize, shrink };
}

const FEATURES = {
  '--enable-bulk-memory': 'BulkMemory',
  '--enable-bulk-memory-opt': 'BulkMemoryOpt',
  '--enable-nontrapping-float-to-int': 'NontrappingFPToInt',
  '--enable-sign-ext': 'SignExt',
  '--enable-mutable-globals': 'MutableGlobals',
  '--enable-reference-types': 'ReferenceTypes',
  '--enable-multivalue': 'Multivalue',
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export async function placeSplitChunks(staging, { release }) {
  const from = splitDir(release);
  const loaderSrc = await fs.readFile(path.join(from, LOADER), 'utf8').catch(() =>
    fail(`${path.join(from, LOADER)} is missing: the build did not run through tools/build/bin/wasm-bindgen (source tools/env.sh first)`));

  // The loader imports the glue as "./<out-name>.js"; Trunk staged it as "<out-name>-<hash>.js".
  const main = /import \{ initSync \} from "\.\/([^"]+)\.js"/.exec(loaderSrc)?.[1];
  if (!main) fail(`cannot find the main module import in ${LOADER}`);
  const glueName = (await fs.readdir(staging)).find((f) => new RegExp(`^${main}-[0-9a-f]+\\.js$`).test(f));
  if (!glueName) fail(`no staged ${main}-<hash>.js in ${staging}`);
  const hash = glueName.slice(main.length + 1, -3);

  const dirName = `split-${hash}`;
  const dest = path.join(staging, dirName);
  await fs.mkdir(dest, { recursive: true });
  const chunks = (await fs.readdir(from)).filter((f) => f.endsWith('.wasm') && f !== `${main}.wasm`);
  if (chunks.length === 0) fail('wasm-split produced no chunk: are the route_chunk! entry points gone?');
  // Optimised in this process with binaryen's API (npm binaryen, the same
  // wasm-opt Trunk runs): starting the wasm-opt CLI costs seconds a chunk.
  const opt = release ? await optSettings() : null;
  if (opt) {
    opt.binaryen.setOptimizeLevel(opt.optimize);
    opt.binaryen.setShrinkLevel(opt.shrink);
  }
  for (const chunk of chunks) {
    const bytes = await fs.readFile(path.join(from, chunk));
    if (!opt) {
      await fs.writeFile(path.join(dest, chunk), bytes);
      continue;
    }
    const module = opt.binaryen.readBinary(bytes);
    try {
      module.setFeatures(opt.features);
      module.optimize();
      if (!module.validate()) fail(`binaryen found ${chunk} invalid after optimising`);
      await fs.writeFile(path.join(dest, chunk), module.emitBinary());
    } finally {
      module.dispose();
    }
  }
  await fs.writeFile(path.join(dest, LOADER),
    loaderSrc.replace(`from "./${main}.js"`, `from "../${glueName}"`));

  // The glue imports the loader as "./__wasm_split.js"; only the `import`
  // statements move, the wasm import module keeps that name.
  const gluePath = path.join(staging, glueName);
  const glue = await fs.readFile(gluePath, 'utf8');
  const loaderImport = /(from\s*)(["'])\.\/__wasm_split\.js\2/g;
  if (!loaderImport.test(glue)) fail(`${glueName} does not import ${LOADER}`);
  const newGlue = glue.replace(loaderImport, `$1$2./${dirName}/${LOADER}$2`);
  await fs.writeFile(gluePath, newGlue);

  // index.html: the glue's integrity changed; preload the loader with it.
  const htmlPath = path.join(staging, 'index.html');
  let html = await fs.readFile(htmlPath, 'utf8');
  const oldSri = sri(Buffer.from(glue));
  html = html.split(oldSri).join(sri(Buffer.from(newGlue)));
  const loaderHref = `/${dirName}/${LOADER}`;
  const preload = `<link rel="modulepreload" href="${loaderHref}" crossorigin="anonymous" integrity="${sri(await fs.readFile(path.join(dest, LOADER)))}">`;
  html = html.replace('</head>', `${preload}\n</head>`);
  await fs.writeFile(htmlPath, html);

  const sizes = await Promise.all(chunks.map(async (c) => `${c} ${(await fs.stat(path.join(dest, c))).size}`));
  process.stderr.write(`split: ${chunks.length} chunks in ${dirName}/: ${sizes.join(', ')}\n`);
}
