#!/usr/bin/env node
// Long tasks on the main thread while the place data loads, measured in
// Chromium with a PerformanceObserver('longtask') (tasks over 50 ms).
// Prints, for each moment of the journey, the number of long tasks, the
// longest, and the blocking time (the sum of each task's time over 50 ms,
// as Total Blocking Time counts it). It asserts nothing: a benchmark.
//
//   node tools/longtasks.mjs [--dist dist] [--cpu 4]
//
// --cpu slows the CPU down as Lighthouse's mobile profile does (4×; 1 = off).
// --trace also records a Chromium trace and adds the longest task by what
// started it: a timer (a slice of sliced work: decoding, storing), an input
// event (a click and the render it causes), or anything else (network and
// IndexedDB answers, the wasm compile, rendering).
// Moments: opening /did (first visit), the personal step until the
// birthplace picker answers (belfiore), the residence step until the comune
// picker answers (comuni), a reload on the residence step (return visit:
// from IndexedDB), and the vacancy search's comune field.
import { startServer, launch, ready } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const dist = opt('dist', process.env.DIST_DIR || 'dist');
const cpu = Number(opt('cpu', '4'));
const trace = args.includes('--trace');

const OBSERVER = () => {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const server = await startServer({ dist });
const { browser, context, page } = await launch();
const cdp = await context.newCDPSession(page);
await page.addInitScript(OBSERVER);

/**
 * Run `fn`, then report the long tasks that started meanwhile (all of the
 * new page's when `fn` navigates: its clock starts again).
 */
const rows = [];
async function moment(label, fn, { navigates = false } = {}) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  if (trace) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8', 'blink'] });
  const since = navigates ? 0 : await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await fn();
  await page.waitForTimeout(1500); // let late tasks finish
  const wall = Date.now() - t0 - 1500;
  const tasks = await page.evaluate((s) => window.__longtasks.filter((t) => t.start >= s), since);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const blocking = tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  const row = { moment: label, 'long tasks': tasks.length, 'longest ms': Math.round(longest), 'blocking ms': Math.round(blocking), 'until ready ms': wall };
  if (trace) Object.assign(row, byCause(JSON.parse((await browser.stopTracing()).toString())));
  rows.push(row);
}

/**
 * The longest main-thread task of a trace by what started it: a timer (the
 * slices of sliced work: decoding, storing), an input event (a click and the
 * render it causes), or anything else (network and IndexedDB answers, wasm
 * compile, rendering). Tasks run for DevTools (this script's own calls) are
 * left out.
 */
function byCause({ traceEvents }) {
  const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const out = { 'timer max ms': 0, 'input max ms': 0, 'other max ms': 0 };
  if (!main) return out;
  const onMain = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  for (const t of tasks) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const has = (re) => inside.some((e) => re.test(e.name));
    const devtools = inside.some((e) => e.args?.chrome_mojo_event_info?.mojo_interface_tag?.includes('DevTools'));
    if (devtools) continue;
    const key = has(/^TimerFire$/) ? 'timer max ms' : has(/^EventDispatch$|^EventHandler::/) ? 'input max ms' : 'other max ms';
    out[key] = Math.max(out[key], Math.round(t.dur / 1000));
  }
  return out;
}

const heading = (t) => page.waitForFunction((x) => document.querySelector('#did-step-heading')?.textContent === x, t, { timeout: 60_000 });
const option = (id, code) => page.waitForSelector(`#${id}-list button[data-code="${code}"]`, { timeout: 60_000 });

try {
  await moment('open /did (first visit)', async () => {
    await page.goto(server.url + '/did');
    await ready(page);
    await page.waitForSelector('#did-step-heading', { timeout: 60_000 });
  }, { navigates: true });
  await moment('personal step: birthplace list (belfiore)', async () => {
    await page.check('#did-naspi');
    await page.click('.did-nav button:has-text("Continua")');
    await heading('Dati personali');
    await page.check('#did-birth-country');
    await page.fill('#did-birthplace', 'Torin');
    await option('did-birthplace', 'L219');
  });
  await page.fill('#did-cf', 'CCCFBA85D03L219P');
  await page.fill('#did-surname', 'Caccamo');
  await page.fill('#did-name', 'Fabio');
  await page.check('#did-sex-1');
  await page.fill('#did-birth-date', '3');
  await page.fill('#did-birth-date-month', '4');
  await page.fill('#did-birth-date-year', '1985');
  await page.click('#did-birthplace-list button[data-code="L219"]');
  await page.check('#did-citizenship');
  await moment('residence step: comune list (comuni)', async () => {
    await page.click('.did-nav button:has-text("Continua")');
    await heading('Residenza e domicilio');
    await page.fill('#did-res-comune', 'Bologna');
    await option('did-res-comune', '037006');
  });
  await page.waitForSelector('.draft-state[data-state="saved"]');
  await moment('reload on the residence step (return visit, IndexedDB)', async () => {
    await page.reload();
    await ready(page);
    await heading('Residenza e domicilio');
    await page.fill('#did-res-comune', 'Modena');
    await option('did-res-comune', '036023');
  }, { navigates: true });
  await moment('vacancy search: comune field', async () => {
    await page.goto(server.url + '/offerte');
    await ready(page);
    await page.waitForSelector('#vac-comune', { timeout: 60_000 });
    await page.focus('#vac-comune');
    await page.fill('#vac-comune', 'Bolog');
    await page.waitForFunction(() => document.querySelectorAll('#vac-comuni-list option').length > 0, null, { timeout: 60_000 });
  }, { navigates: true });
  process.stdout.write(`Long tasks (dist ${dist}, CPU slowdown ${cpu}×)\n`);
  console.table(rows);
} finally {
  await browser.close();
  server.stop();
}
