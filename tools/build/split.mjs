// Post-build step 2: place the route modules made of the chunks that the
// wasm-bindgen wrapper (tools/build/bin/wasm-bindgen) split off, next to
// Trunk's staged files.
//
// wasm-split makes one chunk per feature plus one shared chunk per set of
// features that use a piece of code (125 files; a route needed up to 82, each
// its own fetch and instantiation, which cost a long task at start). This
// step optimises every chunk with the same wasm-opt settings as the main
// module (index.html), then merges each feature's chunk and every shared
// chunk it needs into one module (binaryen's wasm-merge), `<feature>.wasm`,
// and writes a loader of its own, `__wasm_split.js`, with the entry points
// the main module imports: one request and one instantiation per route.
// Everything goes into `split-<hash>/`, named by the main module's content
// hash so that two versions never mix (a route module of one build cannot
// link against another build's main module). It points the main glue at the
// loader, refreshes the glue's SRI hash in index.html and preloads the loader.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

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
 * `data-wasm-opt-params`), as binaryen API settings for the chunks; `flags`
 * are the feature flags for the wasm-merge command line.
 */
async function optSettings() {
  const html = await fs.readFile(path.join(root, 'index.html'), 'utf8');
  const level = /data-wasm-opt="([^"]+)"/.exec(html)?.[1] ?? 'z';
  const params = /data-wasm-opt-params="([^"]*)"/.exec(html)?.[1] ?? '';
  const { default: binaryen } = await import('binaryen');
  let features = binaryen.Features.MVP;
  const flags = params.split(/\s+/).filter(Boolean);
  for (const flag of flags) {
    const name = FEATURES[flag];
    if (!name) fail(`unknown wasm-opt flag ${flag} in index.html (add it to FEATURES in split.mjs)`);
    features |= binaryen.Features[name];
  }
  const [optimize, shrink] = { z: [2, 2], s: [2, 1], 1: [1, 0], 2: [2, 0], 3: [3, 0], 4: [4, 0] }[level] ?? fail(`unknown wasm-opt level ${level}`);
  return { binaryen, features, flags, optimize, shrink };
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

/**
 * What wasm-split's loader says: for each feature (`__wasm_split_load_<name>`),
 * its own chunk file (none when empty) and the shared chunk files it needs.
 */
export function parseSplitLoader(loaderSrc) {
  const fileOf = {};
  for (const m of loaderSrc.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{[^}]*?"\.\/([^"]+\.wasm)"/g)) fileOf[m[1]] = m[2];
  const features = [];
  const entry = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n?,\s*\[([^\]]*)\]\)\);/g;
  for (const m of loaderSrc.matchAll(entry)) {
    const own = /"\.\/([^"]+\.wasm)"/.exec(m[2])?.[1] ?? null;
    if (!own && !/async \(_imp\) => \(\{\}\)/.test(m[2])) fail(`cannot read the chunk file of ${m[1]}`);
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => fileOf[d] ?? fail(`${m[1]}: unknown chunk ${d}`));
    features.push({ name: m[1], files: own ? [own, ...deps] : deps });
  }
  if (features.length === 0) fail('no __wasm_split_load_* entry point in the loader: has wasm-split changed its output?');
  const exported = [...loaderSrc.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
  if (exported.length !== features.length) fail(`read ${features.length} of the loader's ${exported.length} exports`);
  return features;
}

/**
 * The module that stands for the main module in a merge: every import the
 * chunks take from `__wasm_split` (memory, function table, stack pointer …),
 * imported once from `__wasm_split_host` and exported under the same name, so
 * that the merged module imports each of them once. Returns its text and the
 * names the loader must pass.
 */
function hostModule(binaryen, chunkBytes) {
  const imports = new Map();
  for (const bytes of chunkBytes) {
    const module = binaryen.readBinary(bytes);
    try {
      const text = module.emitText();
      for (const m of text.matchAll(/^ \(import "__wasm_split" "([^"]+)" \((memory|table|global|func) \$[^\s)]+ ?(.*)\)\)$/gm)) {
        imports.set(m[1], [m[2], m[3]]);
      }
      if (/^ \(import "(?!__wasm_split")/m.test(text)) fail('a chunk imports from a module other than __wasm_split');
    } finally {
      module.dispose();
    }
  }
  const lines = [];
  for (const [name, [kind, desc]] of imports) {
    lines.push(` (import "__wasm_split_host" "${name}" (${kind} $${name} ${desc}))`);
    lines.push(` (export "${name}" (${kind} $${name}))`);
  }
  return { text: `(module\n${lines.join('\n')}\n)\n`, names: [...imports.keys()] };
}

/** The loader of the route modules: the same entry points as wasm-split's. */
function routeLoader(glueName, hostNames, features) {
  const entries = features.map(({ name, file }) =>
    `export const __wasm_split_load_${name} = entry(${file ? `load(${JSON.stringify(`./${file}`)})` : 'async () => {}'});`);
  return `// Written by tools/build/split.mjs: each feature is one module (its chunk and
// every shared chunk it needs, merged), fetched and instantiated once.
import { initSync } from "../${glueName}";

const HOST = ${JSON.stringify(hostNames)};
let shared;
function sharedImports() {
    if (shared === undefined) {
        const main = initSync(undefined, undefined);
        shared = { __wasm_split_host: Object.fromEntries(HOST.map((n) => [n, main[n]])) };
    }
    return shared;
}
// A successful load is kept; a failed one is forgotten, so a retry fetches again.
function load(file) {
    let loading;
    return () => {
        if (loading === undefined) {
            const attempt = (async () => {
                const response = await fetch(new URL(file, import.meta.url));
                if (!response.ok) throw new Error(\`\${file}: HTTP \${response.status}\`);
                await WebAssembly.instantiateStreaming(response, sharedImports());
            })();
            attempt.catch(() => { if (loading === attempt) loading = undefined; });
            loading = attempt;
        }
        return loading;
    };
}
// The main module calls an entry point with a callback in its function table.
function entry(loader) {
    return async (callbackIndex, callbackData) => {
        let success = false;
        try {
            await loader();
            success = true;
        } catch (e) {
            console.error(e);
        } finally {
            sharedImports().__wasm_split_host.__indirect_function_table.get(callbackIndex)(callbackData, success);
        }
    };
}
${entries.join('\n')}
`;
}

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
  const features = parseSplitLoader(loaderSrc);
  const chunks = [...new Set(features.flatMap((f) => f.files))];
  if (chunks.length === 0) fail('wasm-split produced no chunk: are the route_chunk! entry points gone?');

  // 1. Each chunk optimised, in this process with binaryen's API (npm
  //    binaryen, the same wasm-opt Trunk runs): the CLI costs seconds a chunk.
  const opt = await optSettings();
  opt.binaryen.setOptimizeLevel(opt.optimize);
  opt.binaryen.setShrinkLevel(opt.shrink);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sl-split-'));
  try {
    const optimised = [];
    for (const chunk of chunks) {
      const bytes = await fs.readFile(path.join(from, chunk));
      if (!release) {
        optimised.push(bytes);
        await fs.writeFile(path.join(work, chunk), bytes);
        continue;
      }
      const module = opt.binaryen.readBinary(bytes);
      try {
        module.setFeatures(opt.features);
        module.optimize();
        if (!module.validate()) fail(`binaryen found ${chunk} invalid after optimising`);
        const out = module.emitBinary();
        optimised.push(out);
        await fs.writeFile(path.join(work, chunk), out);
      } finally {
        module.dispose();
      }
    }

    // 2. One module per feature: wasm-merge with the host module named
    //    `__wasm_split`, so the chunks' imports resolve to it.
    const host = hostModule(opt.binaryen, optimised);
    const hostWasm = path.join(work, '__host.wasm');
    const hostModuleObj = opt.binaryen.parseText(host.text);
    try {
      hostModuleObj.setFeatures(opt.features);
      if (!hostModuleObj.validate()) fail('the host module is invalid');
      await fs.writeFile(hostWasm, hostModuleObj.emitBinary());
    } finally {
      hostModuleObj.dispose();
    }
    const merge = path.join(root, 'node_modules', '.bin', 'wasm-merge');
    const placed = [];
    const queue = features.filter((f) => f.files.length > 0);
    const run = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const file = `${f.name}.wasm`;
        const args = [hostWasm, '__wasm_split'];
        f.files.forEach((c, i) => args.push(path.join(work, c), `chunk${i}`));
        args.push('-o', path.join(dest, file), ...opt.flags);
        await promisify(execFile)(merge, args, { maxBuffer: 64 << 20 }).catch((e) =>
          fail(`wasm-merge of ${f.name} (${f.files.length} chunks) failed: ${String(e.stderr || e.message).slice(-2000)}`));
        placed.push(`${file} ${(await fs.stat(path.join(dest, file))).size} (${f.files.length} chunks)`);
      }
    };
    await Promise.all([run(), run()]);
    for (const f of features) f.file = f.files.length > 0 ? `${f.name}.wasm` : null;
    await fs.writeFile(path.join(dest, LOADER), routeLoader(glueName, host.names, features));
    process.stderr.write(`split: ${chunks.length} chunks merged into ${placed.length} route modules in ${dirName}/: ${placed.sort().join(', ')}\n`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }

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
}
