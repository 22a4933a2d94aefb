// Lighthouse 12.8.2 (npm devDependency) in Debian Chromium, headless, against
// the demo server: performance, accessibility and best-practices scores, TBT
// and LCP for the home page and a route of each large feature, mobile and desktop.
// See docs/benchmarks.md "First visit by route".
//
//   node tools/bench/lighthouse.mjs [--dist dist] [--path /offerte ...]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, startServer } from '../../tests/e2e/harness.mjs';

const require = createRequire(import.meta.url);
export const LIGHTHOUSE_CLI = require.resolve('lighthouse/cli/index.js');
// The home page and one route of each large feature (issue 10 sets targets for every route).
export const LIGHTHOUSE_PATHS = ['/', '/offerte', '/did', '/servizi', '/cpi'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/**
 * One Lighthouse run (its own fresh Chromium profile; Lighthouse clears
 * storage before loading). Mobile is Lighthouse's default: a Moto G Power
 * class phone on slow 4G, simulated.
 * @returns {Promise<{url: string, formFactor: string, performance: number, accessibility: number,
 *   bestPractices: number, tbt: number, lcp: number, fcp: number, cls: number, warnings: string[]}>}
 */
export async function runLighthouse(url, { desktop = false, timeout = 240_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sl-lighthouse-'));
  const out = join(dir, 'report.json');
  const args = [
    LIGHTHOUSE_CLI,
    url,
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
    ...(desktop ? ['--preset=desktop'] : []),
  ];
  try {
    await new Promise((ok, fail) => {
      const child = spawn(process.execPath, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      const timer = setTimeout(() => child.kill('SIGTERM'), timeout);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) ok();
        else fail(new Error(`lighthouse ${url} exited with ${code ?? signal}: ${stderr.slice(-2000)}`));
      });
    });
    const lhr = JSON.parse(readFileSync(out, 'utf8'));
    if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
    const num = (id) => lhr.audits[id]?.numericValue ?? NaN;
    return {
      url,
      formFactor: lhr.configSettings.formFactor,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      tbt: num('total-blocking-time'),
      lcp: num('largest-contentful-paint'),
      fcp: num('first-contentful-paint'),
      cls: num('cumulative-layout-shift'),
      benchmarkIndex: lhr.environment?.benchmarkIndex,
      warnings: lhr.runWarnings ?? [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Scores for every path, mobile then desktop. */
export async function runLighthouseAll(baseUrl, paths = LIGHTHOUSE_PATHS) {
  const results = [];
  for (const p of paths) {
    for (const desktop of [false, true]) {
      results.push({ path: p, ...(await runLighthouse(baseUrl + p, { desktop })) });
    }
  }
  return results;
}

export function formatLighthouse(results) {
  const rows = [['page', 'form', 'perf', 'a11y', 'best pr.', 'TBT', 'LCP', 'FCP', 'CLS']];
  const ms = (n) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : '–');
  for (const r of results) {
    rows.push([
      r.path, r.formFactor, String(r.performance), String(r.accessibility), String(r.bestPractices),
      ms(r.tbt), ms(r.lcp), ms(r.fcp), Number.isFinite(r.cls) ? r.cls.toFixed(3) : '–',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** The benchmark section: demo server over `dist`, Lighthouse, a table. */
export async function runLighthouseBench({ dist = 'dist', paths = LIGHTHOUSE_PATHS } = {}) {
  const server = await startServer({ dist: resolve(dist) });
  try {
    const results = await runLighthouseAll(server.url, paths);
    console.log('\n## Lighthouse 12.8.2 (Debian Chromium, headless; mobile = simulated slow 4G + 4x CPU, desktop = --preset=desktop)');
    console.log(formatLighthouse(results));
    const index = results.map((r) => r.benchmarkIndex).filter(Number.isFinite);
    if (index.length) console.log(`CPU benchmark index of this machine: ${Math.min(...index)}–${Math.max(...index)} (Lighthouse's reference phone is ~1000)`);
    const warnings = new Set(results.flatMap((r) => r.warnings));
    for (const w of warnings) console.log(`  warning: ${w.replace(/\s+/g, ' ').slice(0, 200)}`);
    return results;
  } finally {
    server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => process.argv.flatMap((a, i) => (a === name ? [process.argv[i + 1]] : []));
  const paths = arg('--path');
  await runLighthouseBench({ dist: arg('--dist')[0] ?? 'dist', paths: paths.length ? paths : LIGHTHOUSE_PATHS });
}
