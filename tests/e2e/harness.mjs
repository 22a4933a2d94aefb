// Shared end-to-end helpers: the release build served by the demo CPI API,
// Debian Chromium driven by playwright-core, and an axe-core audit.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

/** Start the demo server on a free port over `dist/` with a fresh store. */
export async function startServer({ dist = process.env.DIST_DIR || join(root, 'dist') } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sl-e2e-'));
  const child = spawn(process.execPath, [join(root, 'tools', 'demo-server.mjs'), '--dist', dist, '--store', join(dir, 'store.jsonl'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`demo server did not start: ${stderr}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`demo server exited ${code}: ${stderr}`)));
  });
  const api = async (path, init) => {
    const res = await fetch(url + path, init);
    return res.json();
  };
  return {
    url,
    api,
    /** Everything the server stored, with attempt counters per key. */
    received: () => api('/api/v1/_demo/received'),
    stop: () => { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A fresh browser context; `errors` collects console errors and uncaught exceptions. */
/**
 * A fresh browser. Service workers are blocked unless asked for: requests a
 * service worker answers are invisible to `page.route`, which many tests use.
 */
export async function launch({ viewport = { width: 1280, height: 900 }, locale = 'it-IT', serviceWorkers = 'block', timezoneId } = {}) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport, locale, serviceWorkers, ...(timezoneId ? { timezoneId } : {}) });
  // Any Content-Security-Policy violation is an error of the page (issue 15).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, context, page, errors };
}

/**
 * Wait until the WASM app has rendered its shell. The static shell of
 * index.html has a header too: the app's is the one left once it is gone.
 */
export async function ready(page) {
  await page.waitForFunction(
    () => !document.getElementById('static-shell') && document.querySelector('header.site-header'),
    null,
    { timeout: 20_000 },
  );
}

/** Fail on any serious or critical axe violation. */
export async function axeCheck(page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    [],
    `axe violations on ${label}`,
  );
}

/** Poll `fn` until it returns a truthy value. */
export async function eventually(fn, { timeout = 15_000, interval = 200, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message}; last value: ${JSON.stringify(last)}`);
}

/**
 * Log in through the demo identity provider (tools/demo-server/idp-page.mjs)
 * as `who`, a demo citizen's id (tools/demo-server/citizens.json), coming
 * back to `path` as a real login does.
 */
export async function login(page, baseUrl, who, { path = '/', provider = 'spid' } = {}) {
  await page.goto(`${baseUrl}/api/v1/auth/login?return=${encodeURIComponent(path)}&provider=${provider}`);
  await page.check(`#${provider}-${who}`);
  await page.click(`button:has-text("Entra con ${provider.toUpperCase()}")`);
  await page.waitForURL((u) => `${u.pathname}${u.search}` === path);
  await ready(page);
  await page.waitForSelector('.account-name');
}

/**
 * A copy of the release build changed as a deployment would change it:
 * `meta` lines added to index.html (e.g. kiosk mode), `edit(dir)` for the
 * rest. Returns the directory and a `remove` to call when done.
 */
export function distCopy({ meta = {}, edit } = {}) {
  const src = process.env.DIST_DIR || join(root, 'dist');
  const dir = mkdtempSync(join(tmpdir(), 'sl-dist-'));
  cpSync(src, dir, { recursive: true });
  const lines = Object.entries(meta).map(([name, content]) => `<meta name="${name}" content="${content}">`).join('\n  ');
  if (lines) {
    const file = join(dir, 'index.html');
    const html = readFileSync(file, 'utf8');
    const anchor = '<meta name="sportello:api-base"';
    assert.ok(html.includes(anchor), 'index.html has the api-base line');
    writeFileSync(file, html.replace(anchor, `${lines}\n  ${anchor}`));
    // The precompressed copies would be served instead of the edited page.
    rmSync(`${file}.br`, { force: true });
    rmSync(`${file}.gz`, { force: true });
  }
  if (edit) edit(dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Everything personal the page's origin still holds, read in the page. */
export async function leftovers(page) {
  return page.evaluate(async () => {
    const out = { records: {}, outbox: [], local: Object.keys(localStorage), session: sessionStorage.length, caches: [] };
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('sportello-lavoro');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    for (const store of ['settings', 'drafts', 'outbox', 'personal']) {
      out.records[store] = await new Promise((resolve) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(-1);
      });
    }
    out.outbox = await new Promise((resolve) => {
      const req = db.transaction('outbox').objectStore('outbox').getAll();
      req.onsuccess = () => resolve(req.result.map((e) => (typeof e === 'string' ? JSON.parse(e) : e)));
      req.onerror = () => resolve([]);
    });
    db.close();
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const body = await (await cache.match(req)).text().catch(() => '');
        out.caches.push({ cache: name, url: req.url, personal: /Bianchi|giulia\.bianchi|BNCGLI/i.test(body) });
      }
    }
    return out;
  });
}
