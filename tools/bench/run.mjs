// Prints size and first-visit figures for the release build in dist/.
//   node tools/bench/run.mjs [--only files,languages,first-visit,size,lighthouse,vacancies,chaos,fuzz,publish] [--million]
// Without --only every section runs, in that order. See docs/benchmarks.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, launch } from '../../tests/e2e/harness.mjs';
import { runVacanciesBench } from './vacancies.mjs';
import { runFirstVisitBench } from './first-visit.mjs';
import { runLighthouseBench } from './lighthouse.mjs';
import { runLanguagesBench } from './languages.mjs';
import { runChaos, describe as describeChaos } from '../chaos/run.mjs';
import { runPublishBench } from './publish.mjs';

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

// Lighthouse's mobile profile, applied for real: slow 4G (150 ms, 1.6 Mbit/s down) and a 4x slower CPU.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

/** One cold visit to the home page: bytes by type, first paint (the static shell) and mount time. */
async function homeVisit(server, { throttled }) {
  const { browser, page } = await launch({ viewport: { width: 412, height: 823 } });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
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
    await page.goto(server.url + '/', { timeout: 120_000 });
    await page.waitForFunction(() => !document.getElementById('static-shell') && document.querySelector('header.site-header'), null, { timeout: 120_000 });
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const times = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      mounted: window.__slMountedAt,
    }));
    return { total, byType, ...times };
  } finally {
    await browser.close();
  }
}

/** First visit: every byte the browser transfers to show the home page, by type, and when it shows. */
async function firstVisitSection() {
  const server = await startServer();
  try {
    const ms = (n) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : '?');
    const fast = await homeVisit(server, { throttled: false });
    console.log(`first visit: ${kb(fast.total)} transferred (as served: brotli where the build wrote a .br)`);
    for (const [t, n] of Object.entries(fast.byType).sort((a, b) => b[1] - a[1])) console.log(`  ${t.padEnd(12)} ${kb(n)}`);
    const slow = await homeVisit(server, { throttled: true });
    for (const [label, r] of [['127.0.0.1, no throttling', fast], ['slow 4G + 4x CPU (applied)', slow]]) {
      console.log(`  ${label.padEnd(27)} first paint (the static shell) ${ms(r.fcp).padStart(9)}   app mounted ${ms(r.mounted).padStart(9)}`);
    }
  } finally {
    server.stop();
  }
}

const SECTIONS = {
  files: filesSection,
  // The main module before and after (--base), the bytes of each language.
  languages: () => runLanguagesBench({ dist }),
  'first-visit': firstVisitSection,
  size: () => runFirstVisitBench({ dist }),
  lighthouse: () => runLighthouseBench({ dist }),
  // Vacancy search on 100,000 offers (and 1,000,000 with --million).
  vacancies: () => runVacanciesBench({ million: process.argv.includes('--million') }),
  // The outbox under faults: 1,000 submissions (CHAOS_SUBMISSIONS, CHAOS_SEED).
  chaos: chaosSection,
  // The parsers' property tests with ten times the test command's budget.
  fuzz: fuzzSection,
  // The publisher's tool on 80,000 JobPostings and 20,000 ClicLavoro records.
  publish: () => runPublishBench(),
};

const FUZZ_TESTS = ['fuzz_parsers', 'fuzz_index', 'fuzz_stored', 'fuzz_inputs'];

async function fuzzSection() {
  const cases = Number(process.env.FUZZ_CASES ?? 5120);
  console.log(`\n## Fuzzing (tests/fuzz_*.rs, FUZZ_CASES=${cases}, release build)`);
  const { spawnSync } = await import('node:child_process');
  const args = ['test', '--release', '--locked', ...FUZZ_TESTS.flatMap((t) => ['--test', t])];
  const build = spawnSync('cargo', [...args, '--no-run'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.log('FUZZ BUILD FAILED');
    process.exitCode = 1;
    return;
  }
  const started = Date.now();
  const run = spawnSync('cargo', args, { env: { ...process.env, FUZZ_CASES: String(cases) }, encoding: 'utf8' });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  const results = (run.stdout.match(/^test result: .*$/gm) ?? []);
  const passed = results.reduce((n, l) => n + Number(/(\d+) passed/.exec(l)?.[1] ?? 0), 0);
  const failed = results.reduce((n, l) => n + Number(/(\d+) failed/.exec(l)?.[1] ?? 0), 0);
  console.log(`${passed} properties passed, ${failed} failed, in ${secs} s (about ${cases} cases each, fewer for the dear ones)`);
  if (run.status !== 0) {
    console.log((run.stdout + run.stderr).split('\n').filter((l) => /panicked|FUZZ_SEED|failed/.test(l)).slice(0, 20).join('\n'));
    process.exitCode = 1;
  }
}

async function chaosSection() {
  const submissions = Number(process.env.CHAOS_SUBMISSIONS ?? 1000);
  console.log(`\n## Chaos run of the outbox (${submissions} submissions, tools/chaos/run.mjs)`);
  const f = await runChaos({
    submissions,
    viaForm: 20,
    seed: Number(process.env.CHAOS_SEED ?? 17),
    log: (line) => console.error(line),
  });
  for (const line of describeChaos(f)) console.log(line);
  if (f.page_errors.length) console.log(`page errors: ${f.page_errors.join(' | ')}`);
  // A benchmark prints; a run that lost or doubled a submission also fails.
  if (f.lost || f.stored_twice || f.pending_at_end || f.rejected || f.page_errors.length) {
    console.log('CHAOS RUN FAILED: see the figures above');
    process.exitCode = 1;
  }
}

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
