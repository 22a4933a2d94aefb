import { startServer, launch, ready } from './harness.mjs';
const server = await startServer({ dist: process.env.DIST_DIR || 'dist' });
const { browser, context, page } = await launch();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(server.url + (process.argv[2] || '/offerte'));
await ready(page);
await page.waitForTimeout(8000);
const { profile } = await cdp.send('Profiler.stop');
await browser.close(); server.stop();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; const samples = profile.samples;
for (let i = 0; i < samples.length; i++) { const n = byId.get(samples[i]); const k = n.callFrame.functionName || '(anon)'; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); }
const top = [...self.entries()].filter(([k]) => !/idle|program|garbage/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45);
for (const [k, v] of top) console.log((v / 1000).toFixed(1).padStart(7), k.slice(0, 150));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
for (const name of ['fetch', '(anon)', 'decodeText', 'loader', 'wasm-to-js']) {
  const paths = new Map();
  for (let i = 0; i < samples.length; i++) {
    const n = byId.get(samples[i]); if ((n.callFrame.functionName || '(anon)') !== name) continue;
    const chain = []; let p = n.id; for (let d = 0; d < 7 && p; d++) { const q = byId.get(p); chain.push((q.callFrame.functionName || '(anon)').slice(0, 60) + (q.callFrame.url ? '@' + q.callFrame.url.split('/').pop().slice(0, 25) + ':' + q.callFrame.lineNumber : '')); p = parent.get(p); }
    const k = chain.join(' < '); paths.set(k, (paths.get(k) || 0) + (dt[i] || 0));
  }
  console.log('##', name);
  for (const [k, v] of [...paths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log((v / 1000).toFixed(1).padStart(7), k);
}
// Group consecutive non-idle samples into runs (≈ tasks); show long ones.
let t = profile.startTime, run = null; const runs = [];
const label = (id) => { const names = []; let p = id; while (p) { const q = byId.get(p); names.push(q.callFrame.functionName || '(anon)'); p = parent.get(p); } return names; };
for (let i = 0; i < samples.length; i++) {
  t += dt[i] || 0;
  const n = byId.get(samples[i]); const f = n.callFrame.functionName;
  const idle = f === '(idle)' || f === '(program)' || f === '(garbage collector)' && false;
  if (idle) { if (run) { runs.push(run); run = null; } continue; }
  if (!run) run = { start: t, end: t, agg: new Map() };
  run.end = t;
  const names = label(n.id);
  const ours = names.filter((x) => /sportello_lavoro|tachys|leptos|reactive_graph|indexed_db|__wbg|loader|fetch|serde/.test(x)).map((x) => x.replace(/17h[0-9a-f]{16}E$/, '').replace(/^_ZN\d+/, '').slice(0, 110));
  for (const k of new Set(ours.slice(0, 6))) run.agg.set(k, (run.agg.get(k) || 0) + (dt[i] || 0));
}
if (run) runs.push(run);
console.log('## runs over 50 ms');
for (const r of runs.filter((r) => r.end - r.start > 50000)) {
  console.log(`run ${((r.end - r.start) / 1000).toFixed(0)} ms at ${((r.start - profile.startTime) / 1000).toFixed(0)}`);
  for (const [k, v] of [...r.agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log('   ', (v / 1000).toFixed(1), k);
}
