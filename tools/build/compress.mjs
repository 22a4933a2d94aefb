// Precompression step of the post_build hook (./post-build.mjs): writes
// `<file>.br` and `<file>.gz` next to every text and wasm file Trunk staged,
// so a static server (the demo server, nginx `gzip_static`/`brotli_static`,
// Caddy `precompressed`) sends them as they are, without compressing on each
// request. See docs/deploy.md.
//
//   node tools/build/compress.mjs <dir> [--dev]   (by hand; normally Trunk runs it)
//
// Only node:zlib: no npm package. Release builds use the strongest settings
// (brotli quality 11, gzip level 9; brotli 9 above 8 MB); dev builds
// (`trunk build`/`trunk serve`) use fast ones so a rebuild stays quick. Same
// files either way.
import fs from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Extensions that are compressed. */
export const COMPRESSED_EXTENSIONS = new Set([
  '.wasm', '.js', '.mjs', '.css', '.json', '.html', '.svg', '.slix', '.webmanifest', '.txt',
]);
/** Binary formats: brotli's generic mode. Everything else is text. */
const BINARY_EXTENSIONS = new Set(['.wasm', '.slix']);
/**
 * Below this a file gains too little. Low, because precompressing costs
 * nothing at serve time and a route loads dozens of small wasm chunks of
 * 300-800 bytes, which brotli halves.
 */
export const MIN_BYTES = 256;
/**
 * Brotli 11 runs at about 0.3 MB/s here (11 s for the 3.7 MB demo feed): a
 * region's real feed of 100 MB would hold the build for minutes. Files above
 * this size get quality 9 (100x faster, about 10 % larger).
 */
export const MAX_QUALITY_11_BYTES = 8 * 1024 * 1024;

/** Every file under `dir` (recursively) that should be compressed. */
async function candidates(dir) {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    if (!COMPRESSED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
    // `parentPath` is Node >= 20.12; `path` is the older (deprecated) name.
    out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

/** Write `file` only if the variant is smaller than the original; otherwise remove any stale one. */
async function writeVariant(file, buf, originalSize) {
  if (buf.length < originalSize) {
    await fs.writeFile(file, buf);
    return buf.length;
  }
  await fs.rm(file, { force: true });
  return undefined;
}

async function compressOne(file, { release }) {
  const raw = await fs.readFile(file);
  const result = { file, raw: raw.length, br: undefined, gz: undefined };
  if (raw.length < MIN_BYTES) {
    await Promise.all([fs.rm(`${file}.br`, { force: true }), fs.rm(`${file}.gz`, { force: true })]);
    return result;
  }
  const binary = BINARY_EXTENSIONS.has(path.extname(file).toLowerCase());
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: binary ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: !release ? 5 : raw.length > MAX_QUALITY_11_BYTES ? 9 : zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip(raw, { level: release ? 9 : 6 }),
  ]);
  result.br = await writeVariant(`${file}.br`, br, raw.length);
  result.gz = await writeVariant(`${file}.gz`, gz, raw.length);
  return result;
}

/**
 * Precompress every matching file under `stagingDir`.
 * @param {string} stagingDir
 * @param {{release?: boolean, concurrency?: number, quiet?: boolean}} [opts]
 * @returns {Promise<{files: number, raw: number, br: number, gz: number, results: object[]}>}
 *   `raw`, `br`, `gz`: total bytes of the compressed files, original and each encoding
 *   (an encoding that saved nothing counts its original size).
 */
export async function precompress(stagingDir, { release = false, concurrency, quiet = false } = {}) {
  const started = Date.now();
  const files = await candidates(stagingDir);
  // Largest first, so the 4 MB feed and the wasm do not end up last in a lane.
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await fs.stat(f)).size })));
  sized.sort((a, b) => b.size - a.size);
  // Each file runs brotli and gzip at once on libuv's pool (4 threads by default).
  const lanes = concurrency ?? Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
  const queue = sized.map((s) => s.f);
  const results = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        results.push(await compressOne(file, { release }));
      }
    }),
  );
  const done = results.filter((r) => r.br !== undefined || r.gz !== undefined);
  const sum = (key) => done.reduce((n, r) => n + (r[key] ?? r.raw), 0);
  const summary = { files: done.length, raw: sum('raw'), br: sum('br'), gz: sum('gz'), results };
  if (!quiet) {
    process.stderr.write(
      `compress: ${summary.files} files, ${kb(summary.raw)} → brotli ${kb(summary.br)}, gzip ${kb(summary.gz)}` +
        ` (${release ? 'release' : 'dev'} settings, ${Date.now() - started} ms)\n`,
    );
  }
  return summary;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// By hand: node tools/build/compress.mjs <dir> [--dev]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('Uso: node tools/build/compress.mjs <cartella> [--dev]\n');
    process.exit(2);
  }
  await precompress(dir, { release: !process.argv.includes('--dev') });
}
