// Prints size and first-visit figures for the release build in dist/.
//   node tools/bench/run.mjs [--only files,first-visit,size,lighthouse,vacancies] [--million]
// Without --only every section runs, in that order. See docs/benchmarks.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, launch, ready } from '../../tests/e2e/harness.mjs';
import { runVacanciesBench } from './vacancies.mjs';
import { runFirstVisitBench } from './first-visit.mjs';
import { runLighthouseBench } from './lighthouse.mjs';

const dist = 'dist';
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function sizes(file) {
  const raw = readFileSync(file);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The wasm module(s), JS glue and every data feed: raw, gzip -9, brotli 11. */
function filesSection() {
  const top = readdirSync(dist);
  for (const [label, ext] of [['wasm', '.wasm'], ['js glue', '.js']]) {
    for (const f of top.filter((x) => x.endsWith(ext)).sort()) {
      const s = sizes(join(dist, f));
      console.log(`${label.padEnd(10)} raw ${kb(s.raw).padStart(10)}   gzip ${kb(s.gzip).padStart(10)}   brotli ${kb(s.brotli).padStart(10)}   ${f}`);
    }
  }
  // Offer shards are summed into one line (with the largest).
  const shards = { n: 0, raw: 0, gzip: 0, brotli: 0, max: 0 };
  for (const f of readdirSync(join(dist, 'data'), { recursive: true }).sort()) {
    if (statSync(join(dist, 'data', f)).isDirectory() || /\.(br|gz)$/.test(f)) continue;
    const s = sizes(join(dist, 'data', f));
    if (f.startsWith('vacancies-offers/')) {
      shards.n++; shards.raw += s.raw; shards.gzip += s.gzip; shards.brotli += s.brotli; shards.max = Math.max(shards.max, s.raw);
      continue;
    }
    console.log(`data/${f.padEnd(16)} raw ${kb(s.raw).padStart(10)}   gzip ${kb(s.gzip).padStart(10)}   brotli ${kb(s.brotli).padStart(10)}`);
  }
  if (shards.n) {
    console.log(`data/vacancies-offers/ (${shards.n} shards, largest ${kb(shards.max)}) raw ${kb(shards.raw)}   gzip ${kb(shards.gzip)}   brotli ${kb(shards.brotli)}`);
  }
}

/** First visit: every byte the browser transfers to show the home page, by type. */
async function firstVisitSection() {
  const server = await startServer();
  const { browser, page } = await launch();
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let total = 0;
    const byType = {};
    const types = new Map();
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      total += e.encodedDataLength;
      const t = types.get(e.requestId) || 'Other';
      byType[t] = (byType[t] || 0) + e.encodedDataLength;
    });
    // When the app removes the static shell (src/main.rs), in the page's clock.
    await page.addInitScript(() => {
      new MutationObserver((records, observer) => {
        for (const r of records) {
          for (const n of r.removedNodes) {
            if (n.id === 'static-shell') { window.__slMountedAt = performance.now(); observer.disconnect(); }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url + '/');
    await ready(page);
    await page.waitForLoadState('networkidle');
    const { fcp, mounted } = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      mounted: window.__slMountedAt,
    }));
    const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '?');
    console.log(`first visit: ${kb(total)} transferred (as served: brotli where the build wrote a .br); first paint (the static shell) at ${ms(fcp)}, app mounted at ${ms(mounted)} (127.0.0.1, no throttling)`);
    for (const [t, n] of Object.entries(byType).sort((a, b) => b[1] - a[1])) console.log(`  ${t.padEnd(12)} ${kb(n)}`);
  } finally {
    await browser.close();
    server.stop();
  }
}

const SECTIONS = {
  files: filesSection,
  'first-visit': firstVisitSection,
  size: () => runFirstVisitBench({ dist }),
  lighthouse: () => runLighthouseBench({ dist }),
  // Vacancy search on 100,000 offers (and 1,000,000 with --million).
  vacancies: () => runVacanciesBench({ million: process.argv.includes('--million') }),
};

function selected() {
  const i = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return Object.keys(SECTIONS);
  const value = process.argv[i].includes('=') ? process.argv[i].split('=')[1] : process.argv[i + 1];
  const names = String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (!names.length || unknown.length) {
    console.error(`bench: --only takes a comma-separated list of: ${Object.keys(SECTIONS).join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    process.exit(2);
  }
  return Object.keys(SECTIONS).filter((n) => names.includes(n));
}

const run = selected();
console.log('# Sportello Lavoro benchmark');
for (const name of run) await SECTIONS[name]();
