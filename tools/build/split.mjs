// Post-build step 1: place the route chunks that the wasm-bindgen wrapper
// (tools/build/bin/wasm-bindgen) split off, next to Trunk's staged files.
//
// Trunk copies only the main module and its JS glue. This step copies the
// chunks and their loader `__wasm_split.js` into `split-<hash>/`, named by
// the main module's content hash so that two versions never mix (a chunk of
// one build cannot link against another build's main module), optimises
// each chunk with the same wasm-opt flags as the main module (index.html),
// points the main glue at the loader and refreshes its SRI hash in
// index.html, and preloads the loader.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const LOADER = '__wasm_split.js';
const OPT_MIN_BYTES = 16 * 1024;

function fail(message) {
  throw new Error(`split: ${message}`);
}

function splitDir(release) {
  const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
  return path.join(target, 'wasm-bindgen', release ? 'release' : 'debug', 'split');
}

/** The flags index.html gives wasm-opt for the main module, for the chunks too. */
async function wasmOptArgs() {
  const html = await fs.readFile(path.join(root, 'index.html'), 'utf8');
  const level = /data-wasm-opt="([^"]+)"/.exec(html)?.[1] ?? 'z';
  const params = /data-wasm-opt-params="([^"]*)"/.exec(html)?.[1] ?? '';
  return [`-O${level}`, ...params.split(/\s+/).filter(Boolean)];
}

const sizeOf = (dir, f) => statSync(path.join(dir, f)).size;
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export async function placeSplitChunks(staging, { release }) {
  const from = splitDir(release);
  const loaderSrc = await fs.readFile(path.join(from, LOADER), 'utf8').catch(() =>
    fail(`${path.join(from, LOADER)} is missing: the build did not run through tools/build/bin/wasm-bindgen (source tools/env.sh first)`));

  // The loader imports the glue as "./<out-name>.js"; Trunk staged it as "<out-name>-<hash>.js".
  const main = /import \{ initSync \} from "\.\/([^"]+)\.js"/.exec(loaderSrc)?.[1];
  if (!main) fail(`cannot find the main module import in ${LOADER}`);
  const glueName = (await fs.readdir(staging)).find((f) => new RegExp(`^${main}-[0-9a-f]{16}\\.js$`).test(f));
  if (!glueName) fail(`no staged ${main}-<hash>.js in ${staging}`);
  const hash = glueName.slice(main.length + 1, -3);

  const dirName = `split-${hash}`;
  const dest = path.join(staging, dirName);
  await fs.mkdir(dest, { recursive: true });
  const chunks = (await fs.readdir(from)).filter((f) => f.endsWith('.wasm') && f !== `${main}.wasm`);
  if (chunks.length === 0) fail('wasm-split produced no chunk: are the route_chunk! entry points gone?');
  const optArgs = await wasmOptArgs();
  // Largest first, one wasm-opt per core.
  const queue = [...chunks].sort((a, b) => sizeOf(from, b) - sizeOf(from, a));
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      const out = path.join(dest, chunk);
      // wasm-opt (npm binaryen) costs seconds to start: worth it only on larger chunks.
      if (release && sizeOf(from, chunk) >= OPT_MIN_BYTES) await run('wasm-opt', [...optArgs, path.join(from, chunk), '-o', out]);
      else await fs.copyFile(path.join(from, chunk), out);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));
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
