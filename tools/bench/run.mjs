// Prints size and first-visit figures for the release build in dist/.
// Later benchmarks (vacancy search) add their sections here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, launch } from '../../tests/e2e/harness.mjs';
import { runVacanciesBench } from './vacancies.mjs';

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

const wasm = readdirSync(dist).find((f) => f.endsWith('.wasm'));
const js = readdirSync(dist).find((f) => f.endsWith('.js'));
console.log('# Sportello Lavoro benchmark');
for (const [label, f] of [['wasm', wasm], ['js glue', js]]) {
  const s = sizes(join(dist, f));
  console.log(`${label.padEnd(10)} raw ${kb(s.raw).padStart(10)}   gzip ${kb(s.gzip).padStart(10)}   brotli ${kb(s.brotli).padStart(10)}`);
}
// Offer shards are summed into one line (with the largest).
const shards = { n: 0, raw: 0, gzip: 0, brotli: 0, max: 0 };
for (const f of readdirSync(join(dist, 'data'), { recursive: true }).sort()) {
  if (statSync(join(dist, 'data', f)).isDirectory()) continue;
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

// First visit: every byte the browser transfers to show the home page.
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
  const t0 = Date.now();
  await page.goto(server.url + '/');
  await page.waitForSelector('header.site-header');
  const interactive = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  console.log(`first visit: ${kb(total)} transferred (gzip where the server compresses), shell rendered in ${interactive} ms`);
  for (const [t, n] of Object.entries(byType).sort((a, b) => b[1] - a[1])) console.log(`  ${t.padEnd(12)} ${kb(n)}`);
} finally {
  await browser.close();
  server.stop();
}

// Vacancy search on 100,000 offers (and 1,000,000 with --million).
await runVacanciesBench({ million: process.argv.includes('--million') });
