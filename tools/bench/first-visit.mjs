// Bytes of a cold first visit to each route, against the demo server (which
// serves the build's precompressed .br files), in a fresh Chromium profile
// with service workers blocked. See docs/benchmarks.md "First visit by route".
//
//   node tools/bench/first-visit.mjs [--dist dist]
//
// `measureRoutes` is also meant for the budget test (issue 10 item 7):
//   const results = await measureRoutes({ baseUrl });
//   assert.deepEqual(budgetFailures(results), []);
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startServer } from '../../tests/e2e/harness.mjs';

/** 1 KB = 1024 bytes, as everywhere in the benchmark. */
export const KB = 1024;
/** The code budget of issue 10 (wasm + JS, as served with brotli). */
export const BUDGET = { home: 250 * KB, route: 450 * KB };

/**
 * Every route of the app, with a real service and offer id from the build's
 * feeds (the first item of each).
 */
export function defaultRoutes(dist = 'dist') {
  const firstId = (file, fallback) => {
    try {
      // The feeds start with their first item: no need to parse 4 MB.
      const head = readFileSync(join(dist, 'data', file), 'utf8').slice(0, 64 * KB);
      return /"items"\s*:\s*\[\s*\{\s*"id"\s*:\s*"([^"]+)"/.exec(head)?.[1] ?? fallback;
    } catch {
      return fallback;
    }
  };
  const service = firstId('catalogue.json', 'orientamento-di-base');
  const offer = firstId('vacancies.json', 'ER-DEMO-0000001');
  return [
    '/',
    '/servizi',
    `/servizi/${encodeURIComponent(service)}`,
    '/cpi',
    '/offerte',
    `/offerte/${encodeURIComponent(offer)}`,
    '/did',
    '/scrivi-al-cpi',
    '/le-mie-richieste',
    '/i-miei-dati',
  ];
}

const isWasm = (mime) => mime === 'application/wasm';
const isJs = (mime) => /javascript|ecmascript/.test(mime);

/**
 * One cold visit: a new context (empty cache, no storage, no service worker),
 * until the app has mounted and the network is idle.
 * @returns {Promise<{route: string, wasm: number, js: number, code: number, total: number,
 *   wire: number, requests: number, failed: string[], files: {url: string, mime: string, bytes: number, encoding?: string}[]}>}
 *   `wasm`, `js`, `code` (= wasm + js) and `total` are body bytes as served
 *   (Content-Length, so brotli where the server has a .br); `wire` also counts headers.
 */
export async function measureRoute(browser, baseUrl, route, { timeout = 60_000 } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 823 }, locale: 'it-IT' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const responses = new Map();
    const failed = [];
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      responses.set(requestId, {
        url: response.url,
        mime: response.mimeType,
        length: headers['content-length'] === undefined ? undefined : Number(headers['content-length']),
        encoding: headers['content-encoding'],
        wire: 0,
        done: false,
      });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const r = responses.get(requestId);
      if (r) Object.assign(r, { wire: encodedDataLength, done: true });
    });
    cdp.on('Network.loadingFailed', ({ requestId, errorText }) => failed.push(`${responses.get(requestId)?.url ?? requestId}: ${errorText}`));

    await page.goto(baseUrl + route, { timeout });
    await page.waitForFunction(
      () => !document.getElementById('static-shell') && document.querySelector('header.site-header') && document.querySelector('h1'),
      null,
      { timeout },
    );
    await page.waitForLoadState('networkidle', { timeout });

    const files = [...responses.values()]
      .filter((r) => r.done && !r.url.startsWith('data:'))
      .map((r) => ({ url: r.url.replace(baseUrl, ''), mime: r.mime, bytes: r.length ?? r.wire, encoding: r.encoding, wire: r.wire }));
    const sum = (pred) => files.filter((f) => pred(f.mime)).reduce((n, f) => n + f.bytes, 0);
    const wasm = sum(isWasm);
    const js = sum(isJs);
    return {
      route,
      wasm,
      js,
      code: wasm + js,
      total: sum(() => true),
      wire: files.reduce((n, f) => n + f.wire, 0),
      requests: files.length,
      failed,
      files,
    };
  } finally {
    await context.close();
  }
}

/**
 * Cold visits to every route. Pass `browser` to reuse one; otherwise Debian
 * Chromium is launched (and closed) here.
 */
export async function measureRoutes({ baseUrl, routes = defaultRoutes(), browser } = {}) {
  const own = !browser;
  const b = browser ?? (await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS }));
  try {
    const results = [];
    for (const route of routes) results.push(await measureRoute(b, baseUrl, route));
    return results;
  } finally {
    if (own) await b.close();
  }
}

/** What exceeds the budget, one line each (empty when it is met). */
export function budgetFailures(results, budget = BUDGET) {
  const out = [];
  for (const r of results) {
    const limit = r.route === '/' ? budget.home : budget.route;
    if (r.code > limit) out.push(`${r.route}: ${kb(r.code)} of code (wasm + JS, brotli) > ${kb(limit)}`);
  }
  return out;
}

export const kb = (n) => `${(n / KB).toFixed(1)} KB`;

/** The table the benchmark prints. */
export function formatTable(results, budget = BUDGET) {
  const rows = [['route', 'wasm', 'JS', 'code', 'budget', 'total', 'requests']];
  for (const r of results) {
    const limit = r.route === '/' ? budget.home : budget.route;
    rows.push([
      r.route,
      kb(r.wasm),
      kb(r.js),
      kb(r.code),
      `${r.code <= limit ? 'ok' : 'OVER'} ${kb(limit)}`,
      kb(r.total),
      String(r.requests),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
    .join('\n');
}

/** The benchmark section: start the demo server over `dist`, measure, print. */
export async function runFirstVisitBench({ dist = 'dist' } = {}) {
  const server = await startServer({ dist: resolve(dist) });
  try {
    const results = await measureRoutes({ baseUrl: server.url, routes: defaultRoutes(dist) });
    console.log('\n## First visit by route (cold, fresh profile, no service worker; bytes as served: brotli)');
    console.log(formatTable(results));
    const encodings = new Set(results.flatMap((r) => r.files.filter((f) => isWasm(f.mime) || isJs(f.mime)).map((f) => f.encoding ?? 'identity')));
    console.log(`code encodings seen: ${[...encodings].join(', ')}; code = wasm + JS; total = every response body`);
    for (const r of results) if (r.failed.length) console.log(`  ${r.route}: failed requests: ${r.failed.join('; ')}`);
    const over = budgetFailures(results);
    console.log(over.length ? `over budget:\n  ${over.join('\n  ')}` : 'budget met (home ≤ 250 KB, every route ≤ 450 KB)');
    return results;
  } finally {
    server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--dist');
  await runFirstVisitBench({ dist: i > 0 ? process.argv[i + 1] : 'dist' });
}
