// The `languages` section of the benchmark (issue 16): the main wasm module
// before and after (a base build given by BENCH_BASE_DIST, see
// tools/bench.sh --base), and the bytes each language's download adds.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The module index.html loads (the main one; feature chunks are apart). */
export function mainWasm(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const name = html.match(/[\w-]+_bg\.wasm/)?.[0]
    ?? readdirSync(dist).filter((f) => f.endsWith('.wasm')).sort()[0];
  if (!name || !existsSync(join(dist, name))) throw new Error(`no main wasm in ${dist}`);
  const raw = readFileSync(join(dist, name));
  return { name, raw: raw.length, brotli: brotli(raw) };
}

/** Each language's files under dist/locales: start texts and pages' texts. */
export function languageDownloads(dist) {
  const dir = join(dist, 'locales');
  const out = new Map();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const m = f.match(/^(.+?)(-pages)?-[0-9a-f]{16}\.json$/);
    if (!m) continue;
    const lang = m[1];
    const buf = readFileSync(join(dir, f));
    const entry = out.get(lang) ?? { start: 0, pages: 0, raw: 0 };
    entry[m[2] ? 'pages' : 'start'] += brotli(buf);
    entry.raw += buf.length;
    out.set(lang, entry);
  }
  // Fonts only a language needs (e.g. Arabic script), loaded by unicode-range.
  const fonts = join(dist, 'fonts');
  if (existsSync(fonts)) {
    for (const f of readdirSync(fonts).filter((x) => /arabic/i.test(x) && x.endsWith('.woff2'))) {
      const e = out.get('ar');
      if (e) e.font = (e.font ?? 0) + readFileSync(join(fonts, f)).length;
    }
  }
  return out;
}

export function runLanguagesBench({ dist, baseDist = process.env.BENCH_BASE_DIST, baseLabel = process.env.BENCH_BASE_REV }) {
  const after = mainWasm(dist);
  console.log('## Main wasm module (brotli 11)');
  if (baseDist) {
    const before = mainWasm(baseDist);
    const d = (a, b) => `${a - b >= 0 ? '+' : ''}${bytes(a - b)}`;
    const rows = [[`before (${baseLabel ?? baseDist})`, bytes(before.raw), bytes(before.brotli)],
      ['after (this tree)', bytes(after.raw), bytes(after.brotli)],
      ['change', d(after.raw, before.raw), d(after.brotli, before.brotli)]];
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [label, raw, br] of rows) console.log(`  ${label.padEnd(w)}  raw ${raw.padStart(12)}   brotli ${br.padStart(11)}`);
  } else {
    console.log(`  after (this tree)  raw ${bytes(after.raw)}   brotli ${bytes(after.brotli)}   (bash tools/bench.sh --base REV for before)`);
  }
  console.log('## What choosing a language downloads (brotli 11; fonts as woff2). Italian\'s texts come with the first visit');
  console.log(`  ${'language'.padEnd(10)} ${'start'.padStart(9)} ${'pages'.padStart(9)} ${'font'.padStart(9)} ${'total'.padStart(9)}`);
  for (const [lang, e] of languageDownloads(dist)) {
    const total = e.start + e.pages + (e.font ?? 0);
    console.log(`  ${lang.padEnd(10)} ${kb(e.start).padStart(9)} ${kb(e.pages).padStart(9)} ${(e.font ? kb(e.font) : '-').padStart(9)} ${kb(total).padStart(9)}`);
  }
}
