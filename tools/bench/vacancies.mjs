// Vacancy search benchmark (not a test: it prints figures, see
// docs/benchmarks.md). In headless Chromium, on 100,000 generated offers and
// the fixed queries of tools/bench/queries.json, it measures for the Rust
// engine (through the `bench` cargo feature, src/bench.rs) and, in the same
// page on the same data and queries, for MiniSearch and FlexSearch:
//   - index build time (feed parse and index build apart);
//   - time to ready from IndexedDB on a return visit (page reloaded: read
//     the stored index and decode it);
//   - p50 / p95 query latency (each query's median of 5 runs), where a query
//     is what the search page needs: text match, every facet's live counts,
//     the order and one page of 20 hits;
//   - memory: the JS heap (performance.memory with --enable-precise-memory-info,
//     after a forced GC) and the WebAssembly.Memory buffer;
//   - "Offerte per te" (Rust only): the 20 best offers for each of the 24 full
//     synthetic profiles of domain::offer_match::sample_profiles, p50 / p95 over
//     the profiles (each its median of 5 runs), on the index of the return visit.
// The JS libraries only match text: filters, facet counts, order and paging
// are done by the same plain JS code for both (what an app built on them
// would need), over typed arrays of per-offer facet values.
//
// `--million` adds the Rust engine on 1,000,000 offers (streamed into the
// page in batches: the feed is too big for one JS string).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_ARGS } from '../../tests/e2e/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUERIES = JSON.parse(readFileSync(join(root, 'tools', 'bench', 'queries.json'), 'utf8'));
const RUNS = 5;

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const ms = (n) => (n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(2)} ms`);

/** The release build with the bench hooks, in its own dist (built if missing). */
function benchDist() {
  const dist = process.env.BENCH_DIST || join(tmpdir(), 'sportello-dist-bench');
  if (process.env.BENCH_DIST && existsSync(join(dist, 'index.html'))) return dist;
  // index.html names the cargo features (`data-cargo-features="split"`), and
  // Trunk then ignores `--features`: the bench build gets its own page with
  // `bench` added, next to index.html so its relative paths hold.
  const page = join(root, '.bench-index.html');
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const withBench = html.replace('data-cargo-features="split"', 'data-cargo-features="split,bench"');
  if (withBench === html) throw new Error('index.html has no data-cargo-features="split" to add bench to');
  writeFileSync(page, withBench);
  console.log(`building the bench dist (trunk build --release ${page} --dist ${dist}) …`);
  try {
    const r = spawnSync('trunk', ['build', '--release=true', '--dist', dist, page], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('trunk build of the bench page failed');
  } finally {
    rmSync(page, { force: true });
  }
  if (!existsSync(join(dist, 'index.html'))) renameSync(join(dist, '.bench-index.html'), join(dist, 'index.html'));
  return dist;
}

/** Generated offers in the dist (served by the demo server); reused when present. */
function feedFile(dist, count) {
  const dir = join(dist, 'bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `vacancies-${count}.json`);
  if (!existsSync(file) || statSync(file).size < count * 500) {
    console.log(`generating ${count} offers …`);
    const r = spawnSync('python3', [join(root, 'tools', 'gen_vacancies', 'gen.py'), '--count', String(count), '--out', file], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('gen.py failed');
  }
  return `/bench-data/vacancies-${count}.json`;
}

/** The prebuilt index of that feed, as a publisher makes it (native `prebuild_index`). */
function prebuiltFile(dist, count) {
  const feed = join(dist, 'bench-data', `vacancies-${count}.json`);
  const out = join(dist, 'bench-data', `vacancies-${count}.slix`);
  if (!existsSync(out) || !existsSync(join(dist, 'bench-data', 'vacancies-offers')) || statSync(out).mtimeMs < statSync(feed).mtimeMs) {
    console.log(`prebuilding the index of ${count} offers (cargo run --release --bin prebuild_index) …`);
    const r = spawnSync('cargo', ['run', '--quiet', '--release', '--bin', 'prebuild_index', '--', feed, out], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('prebuild_index failed');
  }
  return { url: `/bench-data/vacancies-${count}.slix`, bytes: statSync(out).size };
}

// ---------------------------------------------------------------------------
// Browser side: installed in the page as window.__bench.

function pageSide() {
  const B = (window.__bench = {});
  B.log = (...a) => console.log('[bench]', ...a);
  B.gc = () => { if (window.gc) { for (let i = 0; i < 3; i++) window.gc(); } };
  B.heap = () => { B.gc(); return performance.memory.usedJSHeapSize; };
  B.today = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;

  // --- IndexedDB (own database; the app's is left alone).
  const idb = () => new Promise((res, rej) => {
    const r = indexedDB.open('bench-js', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  // Chromium refuses a value over ~127 MiB: long strings go in chunks.
  const CHUNK = 32 * 1024 * 1024;
  const putRaw = async (key, value) => {
    const db = await idb();
    try {
      await new Promise((res, rej) => {
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put(value, key);
        tx.oncomplete = res;
        tx.onerror = () => rej(tx.error);
        tx.onabort = () => rej(tx.error);
      });
    } finally {
      db.close();
    }
  };
  const getRaw = async (key) => {
    const db = await idb();
    const v = await new Promise((res, rej) => {
      const r = db.transaction('kv').objectStore('kv').get(key);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    db.close();
    return v;
  };
  B.put = async (key, value) => {
    if (typeof value === 'string' && value.length > CHUNK) {
      const n = Math.ceil(value.length / CHUNK);
      for (let i = 0; i < n; i++) await putRaw(`${key}#${i}`, value.slice(i * CHUNK, (i + 1) * CHUNK));
      return putRaw(key, { chunks: n });
    }
    return putRaw(key, value);
  };
  B.get = async (key) => {
    const v = await getRaw(key);
    if (v && typeof v === 'object' && typeof v.chunks === 'number') {
      const parts = [];
      for (let i = 0; i < v.chunks; i++) parts.push(await getRaw(`${key}#${i}`));
      return parts.join('');
    }
    return v;
  };

  // --- Text handling shared by both libraries.
  const STOP = new Set('di a da in con su per tra fra il lo la i gli le un uno una e o ed del dello della dei degli delle al allo alla ai agli alle dal dalla nel nella nei sul sulla che non si'.split(' '));
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  B.fold = fold;
  const words = (text) => fold(text).split(/[^a-z0-9]+/).filter((w) => w && !STOP.has(w));

  // --- Per-offer facet values, as the Rust index keeps them.
  const CONTRACTS = ['tempo_indeterminato', 'tempo_determinato', 'apprendistato', 'somministrazione', 'tirocinio', 'collaborazione', 'lavoro_autonomo', 'altro'];
  const TIMES = ['full_time', 'part_time', 'turni', 'other'];
  const SECTIONS = [['A', 1, 3], ['B', 5, 9], ['C', 10, 33], ['D', 35, 35], ['E', 36, 39], ['F', 41, 43], ['G', 45, 47], ['H', 49, 53], ['I', 55, 56], ['J', 58, 63], ['K', 64, 66], ['L', 68, 68], ['M', 69, 75], ['N', 77, 82], ['O', 84, 84], ['P', 85, 85], ['Q', 86, 88], ['R', 90, 93], ['S', 94, 96], ['T', 97, 98], ['U', 99, 99]];
  const sectionOf = (div) => { const i = SECTIONS.findIndex(([, a, b]) => div >= a && div <= b); return i + 1; };
  const RADII = [5, 10, 20, 50, 100];
  const POSTED = [1, 3, 7, 14, 30];

  B.buildMeta = (items) => {
    const n = items.length;
    const m = {
      n, provNames: [], comuni: [], comuneCodes: [],
      id: new Array(n), title: new Array(n), employer: new Array(n),
      prov: new Uint16Array(n), comune: new Uint32Array(n), lat: new Float32Array(n), lon: new Float32Array(n),
      prof: new Uint8Array(n), div: new Uint8Array(n), sec: new Uint8Array(n), contract: new Uint8Array(n), wt: new Uint8Array(n),
      pub: new Int32Array(n), exp: new Int32Array(n), flags: new Uint8Array(n),
    };
    const provIdx = new Map();
    const comIdx = new Map();
    for (let i = 0; i < n; i++) {
      const v = items[i];
      m.id[i] = v.id; m.title[i] = v.title; m.employer[i] = v.employer.name;
      const p = v.workplace.province;
      if (!provIdx.has(p)) { provIdx.set(p, m.provNames.length); m.provNames.push(p); }
      m.prov[i] = provIdx.get(p);
      const ck = v.workplace.istat || v.workplace.name;
      if (!comIdx.has(ck)) { comIdx.set(ck, m.comuni.length); m.comuni.push(v.workplace.name); m.comuneCodes.push(ck); }
      m.comune[i] = comIdx.get(ck);
      m.lat[i] = v.lat ?? NaN; m.lon[i] = v.lon ?? NaN;
      m.prof[i] = v.profession ? +v.profession.code[0] : 0;
      const div = v.sector ? +v.sector.code.slice(0, 2) : 0;
      m.div[i] = div; m.sec[i] = div ? sectionOf(div) : 0;
      m.contract[i] = CONTRACTS.indexOf(v.contract); m.wt[i] = TIMES.indexOf(v.working_time);
      m.pub[i] = B.today(v.published); m.exp[i] = B.today(v.expires);
      m.flags[i] = (v.reserved_l68 ? 1 : 0) | (v.internship ? 2 : 0);
    }
    return m;
  };
  B.metaToJson = (m) => JSON.stringify(m, (k, v) => (ArrayBuffer.isView(v) ? { t: v.constructor.name, d: Array.from(v) } : v));
  B.metaFromJson = (s) => JSON.parse(s, (k, v) => (v && v.t && v.d ? new window[v.t](v.d) : v));

  // --- The query string of the search page (mirror of src/domain/search/url.rs).
  B.parseQuery = (qs) => {
    const p = new URLSearchParams(qs);
    const list = (k) => (p.get(k) || '').split(',').map((s) => s.trim()).filter(Boolean);
    const num = (k) => (p.has(k) ? Number(p.get(k)) : null);
    return {
      text: p.get('q') || '', prov: list('prov'), comune: p.get('comune'), radius: num('raggio'),
      lat: num('lat'), lon: num('lon'), prof: list('prof').map(Number), sectors: list('settore'),
      contracts: list('contratto').map((c) => CONTRACTS.indexOf(c)), times: list('orario').map((c) => TIMES.indexOf(c)),
      days: num('giorni'), l68: p.get('l68') === '1', internship: p.get('tirocinio') === '1',
      sort: p.get('ordine') || 'rilevanza', offset: num('da') || 0, limit: num('n') || 20,
    };
  };

  const rad = Math.PI / 180;
  const km = (la1, lo1, la2, lo2) => {
    const dp = (la2 - la1) * rad, dl = (lo2 - lo1) * rad;
    const h = Math.sin(dp / 2) ** 2 + Math.cos(la1 * rad) * Math.cos(la2 * rad) * Math.sin(dl / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  };

  /**
   * Filters, facet counts (each facet ignoring its own filter), order and
   * one page, over the candidates of a text search (all offers without text).
   */
  B.facetSearch = (m, q, today, cand, scores) => {
    const F = { PROV: 1, PLACE: 2, PROF: 4, SEC: 8, CON: 16, WT: 32, POST: 64, L68: 128, INT: 256 };
    const provSel = q.prov.length ? new Set(q.prov.map((p) => m.provNames.indexOf(p))) : null;
    let comune = -1;
    if (q.comune) comune = m.comuneCodes.indexOf(q.comune);
    let centre = null;
    if (q.lat != null && q.lon != null) centre = [q.lat, q.lon];
    else if (comune >= 0) { for (let i = 0; i < m.n; i++) if (m.comune[i] === comune) { centre = [m.lat[i], m.lon[i]]; break; } }
    const profSel = q.prof.length ? new Set(q.prof) : null;
    const secSel = q.sectors.length ? q.sectors : null;
    const secLetters = secSel ? new Set(secSel.filter((s) => /^[A-U]$/.test(s)).map((s) => SECTIONS.findIndex((x) => x[0] === s) + 1)) : null;
    const secDivs = secSel ? new Set(secSel.filter((s) => /^\d\d$/.test(s)).map(Number)) : null;
    const conSel = q.contracts.length ? new Set(q.contracts) : null;
    const wtSel = q.times.length ? new Set(q.times) : null;
    const minPub = q.days != null ? today - q.days : null;
    const counts = {
      prov: new Uint32Array(m.provNames.length), prof: new Uint32Array(10), sec: new Uint32Array(22),
      con: new Uint32Array(8), wt: new Uint32Array(4), posted: new Uint32Array(POSTED.length), dist: new Uint32Array(RADII.length), l68: 0, int: 0,
    };
    const keep = q.offset + q.limit;
    const top = []; // [key, doc], ascending key
    let total = 0;
    const n = cand ? cand.length : m.n;
    for (let j = 0; j < n; j++) {
      const d = cand ? cand[j] : j;
      if (m.exp[d] < today) continue;
      let mask = 0;
      if (provSel && !provSel.has(m.prov[d])) mask |= F.PROV;
      let dist = NaN;
      if (centre) dist = km(centre[0], centre[1], m.lat[d], m.lon[d]);
      if (q.comune) {
        const inComune = m.comune[d] === comune;
        if (q.radius != null ? !(inComune || dist <= q.radius) : !inComune) mask |= F.PLACE;
      }
      if (profSel && !profSel.has(m.prof[d])) mask |= F.PROF;
      if (secSel && !(secLetters.has(m.sec[d]) || secDivs.has(m.div[d]))) mask |= F.SEC;
      if (conSel && !conSel.has(m.contract[d])) mask |= F.CON;
      if (wtSel && !wtSel.has(m.wt[d])) mask |= F.WT;
      if (minPub != null && m.pub[d] < minPub) mask |= F.POST;
      if (q.l68 && !(m.flags[d] & 1)) mask |= F.L68;
      if (q.internship && !(m.flags[d] & 2)) mask |= F.INT;
      if (mask & (mask - 1)) continue; // two filters fail: counted nowhere
      if (!(mask & ~F.PROV)) counts.prov[m.prov[d]]++;
      if (!(mask & ~F.PROF)) counts.prof[m.prof[d]]++;
      if (!(mask & ~F.SEC)) counts.sec[m.sec[d]]++;
      if (!(mask & ~F.CON)) counts.con[m.contract[d]]++;
      if (!(mask & ~F.WT)) counts.wt[m.wt[d]]++;
      if (!(mask & ~F.POST)) for (let k = 0; k < POSTED.length; k++) if (m.pub[d] >= today - POSTED[k]) counts.posted[k]++;
      if (!(mask & ~F.PLACE) && centre) for (let k = 0; k < RADII.length; k++) if (dist <= RADII[k]) counts.dist[k]++;
      if (!(mask & ~F.L68) && (m.flags[d] & 1)) counts.l68++;
      if (!(mask & ~F.INT) && (m.flags[d] & 2)) counts.int++;
      if (mask) continue;
      total++;
      const key = q.sort === 'distanza' && centre ? (Number.isNaN(dist) ? Infinity : dist)
        : q.sort === 'recenti' || !scores ? -m.pub[d] : -scores[j];
      if (top.length < keep || key < top[top.length - 1][0]) {
        let i = top.length;
        top.push(null);
        while (i > 0 && top[i - 1][0] > key) { top[i] = top[i - 1]; i--; }
        top[i] = [key, d];
        if (top.length > keep) top.pop();
      }
    }
    const hits = top.slice(q.offset).map(([, d]) => ({ id: m.id[d], title: m.title[d], employer: m.employer[d], comune: m.comuni[m.comune[d]] }));
    return { total, hits, counts };
  };

  // --- MiniSearch: fields with boosts, AND, the last word a prefix.
  const MS_OPTIONS = {
    idField: 'i',
    fields: ['title', 'profession', 'employer', 'place', 'description'],
    processTerm: (t) => { const f = fold(t); return STOP.has(f) ? null : f; },
    searchOptions: { boost: { title: 4, profession: 2, employer: 1.5 }, combineWith: 'AND' },
  };
  const docText = (v, i) => ({
    i, title: v.title, profession: v.profession ? v.profession.label : '', employer: v.employer.name,
    place: `${v.workplace.name} ${v.workplace.province}`, description: v.description,
  });
  B.msBuild = (items) => {
    const ms = new window.MiniSearch(MS_OPTIONS);
    for (let i = 0; i < items.length; i += 2000) ms.addAll(items.slice(i, i + 2000).map((v, k) => docText(v, i + k)));
    return ms;
  };
  B.msLoad = (json) => window.MiniSearch.loadJSON(json, MS_OPTIONS);
  B.msText = (ms, text) => {
    const w = words(text);
    if (!w.length) return null;
    const typing = !/\s$/.test(text);
    const res = ms.search(w.join(' '), { prefix: (term, i, terms) => typing && i === terms.length - 1 });
    const cand = new Uint32Array(res.length);
    const scores = new Float32Array(res.length);
    for (let i = 0; i < res.length; i++) { cand[i] = res[i].id; scores[i] = res[i].score; }
    return { cand, scores };
  };

  // --- FlexSearch: one index over the same text, forward tokenisation
  // (its way to match prefixes while typing), accents folded; AND of words.
  const FS_OPTIONS = () => ({ tokenize: 'forward', encoder: window.FlexSearch.Charset.Normalize, cache: false });
  B.fsBuild = (items) => {
    const fs = new window.FlexSearch.Index(FS_OPTIONS());
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      fs.add(i, `${v.title} ${v.profession ? v.profession.label : ''} ${v.employer.name} ${v.workplace.name} ${v.workplace.province} ${v.description}`);
    }
    return fs;
  };
  B.fsExport = async (fs) => {
    const out = {};
    await fs.export((key, data) => { out[key] = data; });
    return out;
  };
  B.fsLoad = async () => {
    const fs = new window.FlexSearch.Index(FS_OPTIONS());
    for (const key of await B.get('flexsearch')) await fs.import(key, await B.get(`flexsearch:${key}`));
    return fs;
  };
  B.fsText = (fs, text) => {
    const w = words(text);
    if (!w.length) return null;
    const ids = fs.search(w.join(' '), { limit: 1e7 });
    const cand = Uint32Array.from(ids);
    const scores = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) scores[i] = ids.length - i; // rank order
    return { cand, scores };
  };

  // --- Timing: each query RUNS times, its median; p50/p95 over queries.
  const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  B.time = (queries, runs, fn) => {
    const medians = [];
    const totals = [];
    for (const qs of queries) {
      const t = [];
      let total = 0;
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        total = fn(qs);
        t.push(performance.now() - t0);
      }
      t.sort((a, b) => a - b);
      medians.push(t[Math.floor(t.length / 2)]);
      totals.push(total);
    }
    const s = [...medians].sort((a, b) => a - b);
    const slowest = medians.map((v, i) => [v, queries[i]]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    return { p50: pct(s, 0.5), p95: pct(s, 0.95), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1], totals, slowest };
  };
  B.rust = (qs, today) => window.wasmBindings.bench_search(qs, today);
  B.js = (lib, m, text, qs, today) => {
    const q = B.parseQuery(qs);
    const c = text(lib, q.text);
    return B.facetSearch(m, q, today, c ? c.cand : null, c ? c.scores : null).total;
  };
}

// ---------------------------------------------------------------------------

async function openPage(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
  // Progress on stderr (the figures go to stdout).
  page.on('console', (m) => { if (m.text().startsWith('[bench]')) console.error(`  ${m.text()}`); });
  page.setDefaultTimeout(0);
  await page.goto(url);
  await page.waitForFunction(() => window.wasmBindings && typeof window.wasmBindings.bench_search === 'function', null, { timeout: 60_000 })
    .catch(() => { throw new Error('window.wasmBindings.bench_* missing: is the dist built with --features bench?'); });
  await page.addScriptTag({ path: join(root, 'node_modules', 'minisearch', 'dist', 'umd', 'index.js') });
  await page.addScriptTag({ path: join(root, 'node_modules', 'flexsearch', 'dist', 'flexsearch.bundle.min.js') });
  await page.addScriptTag({ content: `(${pageSide.toString()})();` });
  return page;
}

function row(label, rust, mini, flex, unit = ms) {
  const ratio = (x) => (rust > 0 && x != null ? `${(x / rust).toFixed(1)}×` : '–');
  const cell = (x) => (x == null ? '–' : unit(x));
  console.log(`  ${label.padEnd(30)} ${cell(rust).padStart(11)} ${cell(mini).padStart(11)} ${cell(flex).padStart(11)}   ${ratio(mini).padStart(7)} ${ratio(flex).padStart(7)}`);
}

export async function runVacanciesBench({ count = 100_000, million = false } = {}) {
  console.log(`\n# Vacancy search: ${count.toLocaleString('en')} offers, ${QUERIES.queries.length} queries (tools/bench/queries.json)`);
  const dist = benchDist();
  const feedUrl = feedFile(dist, count);
  const prebuilt = prebuiltFile(dist, count);
  const queries = QUERIES.queries.map((q) => q.query);
  const server = await startServer({ dist });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc --max-old-space-size=12000'],
  });
  try {
    const context = await browser.newContext();
    const newPage = () => openPage(context, server.url + '/bench');
    let page = await newPage();

    // ---- First visit: download, parse, build, store.
    const first = await page.evaluate(async ({ feedUrl, queries, runs, todayIso }) => {
      const B = window.__bench;
      const W = window.wasmBindings;
      const today = B.today(todayIso);
      const out = { rust: {}, mini: {}, flex: {} };
      const hStart = B.heap();
      let t = performance.now();
      let text = await (await fetch(feedUrl)).text();
      out.downloadMs = performance.now() - t;
      out.feedBytes = text.length;

      // Rust engine.
      t = performance.now(); const parsed = W.bench_parse(text); out.rust.parseMs = performance.now() - t;
      t = performance.now(); out.docs = W.bench_build(); out.rust.buildMs = performance.now() - t;
      out.rust.peakWasm = W.bench_wasm_memory();
      t = performance.now(); out.rust.bytes = W.bench_encode(); out.rust.encodeMs = performance.now() - t;
      t = performance.now(); await W.bench_save(); out.rust.saveMs = performance.now() - t;
      out.parsed = parsed;
      out.rust.q = B.time(queries, runs, (qs) => B.rust(qs, today));
      B.log('rust done');
      out.rust.sample = W.bench_hits('q=magazziniere', today).split('\n').slice(0, 3);
      out.rust.suggest = W.bench_suggest('magaz').split('\n').slice(0, 3);
      W.bench_reset();

      // JS libraries: same text, same queries.
      t = performance.now(); let items = JSON.parse(text).items; out.jsParseMs = performance.now() - t;
      text = null;
      t = performance.now(); const meta = B.buildMeta(items); out.metaMs = performance.now() - t;
      const hDocs = B.heap();
      B.log('json parsed, meta built');
      t = performance.now(); let ms = B.msBuild(items); out.mini.buildMs = performance.now() - t;
      B.log(`minisearch built in ${out.mini.buildMs.toFixed(0)} ms`);
      const hMs = B.heap();
      t = performance.now(); let fs = B.fsBuild(items); out.flex.buildMs = performance.now() - t;
      B.log(`flexsearch built in ${out.flex.buildMs.toFixed(0)} ms`);
      const hFs = B.heap();
      items = null;
      out.mini.heap = hMs - hDocs;
      out.flex.heap = hFs - hMs;
      out.docsHeap = hDocs - hStart; // the parsed feed and the facet arrays (the text is dropped)
      out.mini.q = B.time(queries, runs, (qs) => B.js(ms, meta, B.msText, qs, today));
      out.flex.q = B.time(queries, runs, (qs) => B.js(fs, meta, B.fsText, qs, today));
      B.log('js queries done');
      out.mini.sample = B.facetSearch(meta, B.parseQuery('q=magazziniere'), today, ...Object.values(B.msText(ms, 'magazziniere'))).hits.slice(0, 3).map((h) => h.id);
      out.flex.sample = B.facetSearch(meta, B.parseQuery('q=magazziniere'), today, ...Object.values(B.fsText(fs, 'magazziniere'))).hits.slice(0, 3).map((h) => h.id);

      // Persist for the return visit (meta needed by both for the facets).
      t = performance.now(); await B.put('meta', B.metaToJson(meta)); out.metaSaveMs = performance.now() - t;
      t = performance.now(); const msJson = JSON.stringify(ms); await B.put('minisearch', msJson); out.mini.saveMs = performance.now() - t;
      B.log(`minisearch stored (${msJson.length} chars)`);
      out.mini.bytes = msJson.length;
      t = performance.now();
      const dump = await B.fsExport(fs);
      for (const [k, data] of Object.entries(dump)) await B.put(`flexsearch:${k}`, data);
      await B.put('flexsearch', Object.keys(dump));
      out.flex.saveMs = performance.now() - t;
      B.log('flexsearch stored');
      out.flex.bytes = Object.values(dump).reduce((a, s) => a + s.length, 0);
      ms = null; fs = null;
      return out;
    }, { feedUrl, queries, runs: RUNS, todayIso: QUERIES.today });
    await page.close();

    // ---- First visit with the prebuilt index (what the app does when the
    // publisher serves vacancies.slix): a fresh page downloads the bytes,
    // decodes them and stores the index. Nothing is parsed or built.
    page = await newPage();
    const pre = await page.evaluate(async ({ url, queries, runs, todayIso }) => {
      const B = window.__bench;
      const W = window.wasmBindings;
      const today = B.today(todayIso);
      const out = {};
      const h0 = B.heap();
      out.wasmStart = W.bench_wasm_memory();
      const t0 = performance.now();
      let bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      out.downloadMs = performance.now() - t0;
      out.bytes = bytes.length;
      out.jsHeapAlive = B.heap() - h0; // the buffer itself lives outside the JS heap: added below
      const t1 = performance.now();
      out.docs = await W.bench_prebuilt(bytes);
      out.decodeStoreMs = performance.now() - t1;
      out.readyMs = performance.now() - t0;
      bytes = null;
      out.wasm = W.bench_wasm_memory();
      out.jsHeap = B.heap() - h0;
      out.q = B.time(queries, runs, (qs) => B.rust(qs, today));
      // Opening an offer: its shard, fetched and parsed as the detail page does.
      const ids = W.bench_hits('q=magazziniere', today).split('\n').filter(Boolean);
      const times = [];
      for (const id of ids) {
        const t = performance.now();
        const shard = await (await fetch(url.replace(/[^/]+$/, '') + W.bench_shard_path(id))).text();
        const title = W.bench_offer(shard, id);
        times.push(performance.now() - t);
        if (!title) throw new Error(`offer ${id} not in its shard`);
        out.shardBytes = shard.length;
      }
      times.sort((a, b) => a - b);
      out.offerMs = times[Math.floor(times.length / 2)];
      out.offers = times.length;
      out.wasmAfterOffers = W.bench_wasm_memory();
      return out;
    }, { url: prebuilt.url, queries, runs: RUNS, todayIso: QUERIES.today });
    await page.close();

    // ---- Return visit: a fresh page of the same origin reads the stores.
    page = await newPage();
    const back = await page.evaluate(async ({ queries, runs, todayIso }) => {
      const B = window.__bench;
      const W = window.wasmBindings;
      const today = B.today(todayIso);
      const out = { rust: {}, mini: {}, flex: {} };
      const wasm0 = W.bench_wasm_memory();
      let t = performance.now(); const n = await W.bench_load(); out.rust.readyMs = performance.now() - t;
      out.docs = n;
      out.rust.wasm = W.bench_wasm_memory();
      out.rust.wasmStart = wasm0;
      out.rust.q = B.time(queries, runs, (qs) => B.rust(qs, today));
      const profiles = [...Array(W.bench_match_profiles()).keys()];
      out.rust.match = B.time(profiles, runs, (i) => W.bench_offers_for(i, today));

      let h0 = B.heap();
      t = performance.now();
      let meta = B.metaFromJson(await B.get('meta'));
      out.metaReadyMs = performance.now() - t;
      const hMeta = B.heap();
      out.metaHeap = hMeta - h0;
      t = performance.now(); let ms = B.msLoad(await B.get('minisearch')); out.mini.readyMs = performance.now() - t + out.metaReadyMs;
      out.mini.heap = B.heap() - hMeta;
      out.mini.q = B.time(queries, runs, (qs) => B.js(ms, meta, B.msText, qs, today));
      ms = null;
      h0 = B.heap();
      t = performance.now(); let fs = await B.fsLoad(); out.flex.readyMs = performance.now() - t + out.metaReadyMs;
      out.flex.heap = B.heap() - h0;
      out.flex.q = B.time(queries, runs, (qs) => B.js(fs, meta, B.fsText, qs, today));
      out.jsHeapTotal = B.heap();
      return out;
    }, { queries, runs: RUNS, todayIso: QUERIES.today });

    const f = first;
    console.log(`feed ${mb(f.feedBytes)} (${f.parsed} offers), downloaded from 127.0.0.1 in ${ms(f.downloadMs)}; the same data and queries for all three`);
    console.log(`  ${''.padEnd(30)} ${'Rust/wasm'.padStart(11)} ${'MiniSearch'.padStart(11)} ${'FlexSearch'.padStart(11)}   ${'Mini/Rs'.padStart(7)} ${'Flex/Rs'.padStart(7)}`);
    row('parse feed', f.rust.parseMs, f.jsParseMs, f.jsParseMs);
    row('build index', f.rust.buildMs, f.mini.buildMs + f.metaMs, f.flex.buildMs + f.metaMs);
    row('parse + build', f.rust.parseMs + f.rust.buildMs, f.jsParseMs + f.mini.buildMs + f.metaMs, f.jsParseMs + f.flex.buildMs + f.metaMs);
    row('store in IndexedDB', f.rust.encodeMs + f.rust.saveMs, f.mini.saveMs + f.metaSaveMs, f.flex.saveMs + f.metaSaveMs);
    row('stored size', f.rust.bytes, f.mini.bytes, f.flex.bytes, mb);
    row('ready from IndexedDB (return)', back.rust.readyMs, back.mini.readyMs, back.flex.readyMs);
    row('query p50', back.rust.q.p50, back.mini.q.p50, back.flex.q.p50);
    row('query p95', back.rust.q.p95, back.mini.q.p95, back.flex.q.p95);
    row('query mean', back.rust.q.mean, back.mini.q.mean, back.flex.q.mean);
    row('query max', back.rust.q.max, back.mini.q.max, back.flex.q.max);
    row('memory, return visit', back.rust.wasm, back.mini.heap + back.metaHeap, back.flex.heap + back.metaHeap, mb);
    row('memory, first visit (peak)', f.rust.peakWasm, f.mini.heap + f.docsHeap, f.flex.heap + f.docsHeap, mb);
    const om = back.rust.match;
    console.log(`  Offerte per te (Rust/wasm, return visit): ${om.totals.length} profiles, the 20 best of ${back.docs} offers: p50 ${ms(om.p50)}, p95 ${ms(om.p95)}, max ${ms(om.max)}`);
    console.log(`  first visit with the prebuilt index (vacancies.slix, ${mb(prebuilt.bytes)}; the app's path when the publisher serves it):`);
    console.log(`    download ${ms(pre.downloadMs)}, decode + store in IndexedDB ${ms(pre.decodeStoreMs)}: ready in ${ms(pre.readyMs)} (${pre.docs} offers);`);
    // Chromium counts the downloaded ArrayBuffer in usedJSHeapSize: the larger of the two, not the sum.
    const jsPeak = Math.max(pre.bytes, pre.jsHeapAlive, pre.jsHeap);
    console.log(`    peak memory ${mb(pre.wasm + jsPeak)} = wasm ${mb(pre.wasm)} + JS ${mb(jsPeak)} (the downloaded buffer, or the JS heap growth if larger);`);
    console.log(`    query p50 ${ms(pre.q.p50)}, p95 ${ms(pre.q.p95)}; opening an offer (fetch + parse its shard of ~${mb(pre.shardBytes)}): median ${ms(pre.offerMs)}`);
    console.log(`    over ${pre.offers} offers, wasm memory then ${mb(pre.wasmAfterOffers)}`);
    console.log(`  memory, return visit (JS + wasm): Rust ${mb(back.rust.wasm)} wasm; build on the device (no prebuilt index, or a JSON-LD import) peaks at ${mb(f.rust.peakWasm)}`);
    console.log(`  Rust memory = WebAssembly.Memory buffer (the whole app's wasm heap, ${mb(back.rust.wasmStart)} before loading; it never shrinks, so`);
    console.log('    the first-visit figure is the peak of copying, parsing and indexing the feed).');
    console.log(`  JS memory = usedJSHeapSize growth after GC. Return visit: library index + ${mb(back.metaHeap)} of per-offer facet arrays;`);
    console.log(`    first visit: the parsed feed and facet arrays (${mb(f.docsHeap)}) + the library index (MiniSearch ${mb(f.mini.heap)}, FlexSearch ${mb(f.flex.heap)}).`);
    console.log(`  first-visit query p50/p95 (index just built): Rust ${ms(f.rust.q.p50)}/${ms(f.rust.q.p95)}, MiniSearch ${ms(f.mini.q.p50)}/${ms(f.mini.q.p95)}, FlexSearch ${ms(f.flex.q.p50)}/${ms(f.flex.q.p95)}`);
    const slow = (r) => r.q.slowest.map(([v, qs]) => `${ms(v)} "${qs}"`).join('; ');
    console.log(`  slowest Rust: ${slow(back.rust)}`);
    console.log(`  slowest MiniSearch: ${slow(back.mini)}`);
    console.log(`  slowest FlexSearch: ${slow(back.flex)}`);
    console.log(`  "magazziniere" top 3: Rust ${f.rust.sample.join(', ')} | MiniSearch ${f.mini.sample.join(', ')} | FlexSearch ${f.flex.sample.join(', ')}`);
    console.log(`  totals of the first 8 queries: Rust ${back.rust.q.totals.slice(0, 8).join(' ')} | MiniSearch ${back.mini.q.totals.slice(0, 8).join(' ')} | FlexSearch ${back.flex.q.totals.slice(0, 8).join(' ')}`);
    console.log('  (totals differ by design: the Rust engine stems Italian words and ranks by field; the libraries match folded words/prefixes)');
    await page.close();

    if (million) await millionRun(context, server, dist, queries);
  } finally {
    await browser.close();
    server.stop();
  }
}

/** The Rust engine on 1,000,000 offers: streamed in batches (a 1.2 GB feed is too big for one JS string). */
async function millionRun(context, server, dist, queries) {
  const count = 1_000_000;
  console.log(`\n# Vacancy search, Rust engine only: ${count.toLocaleString('en')} offers`);
  const feedUrl = feedFile(dist, count);
  let page = await openPage(context, server.url + '/bench');
  const first = await page.evaluate(async ({ feedUrl, queries, runs, todayIso }) => {
    const B = window.__bench;
    const W = window.wasmBindings;
    const today = B.today(todayIso);
    W.bench_reset();
    const head = '{"schema_version":1,"feed":"vacancies","generated_at":"2026-11-23","items":[';
    const reader = (await fetch(feedUrl)).body.getReader();
    const dec = new TextDecoder();
    let rest = '';
    let batch = [];
    let parseMs = 0;
    let bytes = 0;
    const flush = () => {
      if (!batch.length) return;
      const t = performance.now();
      W.bench_parse(head + batch.join(',') + ']}');
      parseMs += performance.now() - t;
      batch = [];
    };
    const t0 = performance.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (value) { bytes += value.length; rest += dec.decode(value, { stream: true }); }
      const lines = rest.split('\n');
      rest = done ? '' : lines.pop();
      for (let line of lines) {
        if (!line.startsWith('{"id"')) continue;
        if (line.endsWith(',')) line = line.slice(0, -1);
        batch.push(line);
        if (batch.length >= 20000) flush();
      }
      if (done) break;
    }
    flush();
    const loadMs = performance.now() - t0;
    let t = performance.now(); const docs = W.bench_build(); const buildMs = performance.now() - t;
    const peak = W.bench_wasm_memory();
    t = performance.now(); const size = W.bench_encode(); const encodeMs = performance.now() - t;
    t = performance.now(); await W.bench_save(); const saveMs = performance.now() - t;
    return { docs, bytes, parseMs, loadMs, buildMs, peak, size, encodeMs, saveMs };
  }, { feedUrl, queries, runs: RUNS, todayIso: QUERIES.today });
  await page.close();
  page = await openPage(context, server.url + '/bench');
  const back = await page.evaluate(async ({ queries, runs, todayIso }) => {
    const B = window.__bench;
    const W = window.wasmBindings;
    const today = B.today(todayIso);
    const t = performance.now(); const docs = await W.bench_load(); const readyMs = performance.now() - t;
    return { docs, readyMs, wasm: W.bench_wasm_memory(), q: B.time(queries, runs, (qs) => B.rust(qs, today)) };
  }, { queries, runs: RUNS, todayIso: QUERIES.today });
  await page.close();
  console.log(`  feed ${mb(first.bytes)} streamed in batches of 20,000: parse ${ms(first.parseMs)} (download + parse ${ms(first.loadMs)}), build ${ms(first.buildMs)}, peak wasm memory ${mb(first.peak)}`);
  console.log(`  index ${mb(first.size)}: encode ${ms(first.encodeMs)}, store in IndexedDB ${ms(first.saveMs)}`);
  console.log(`  return visit: ready from IndexedDB in ${ms(back.readyMs)} (${back.docs} offers), wasm memory ${mb(back.wasm)}`);
  console.log(`  query p50 ${ms(back.q.p50)}, p95 ${ms(back.q.p95)}, mean ${ms(back.q.mean)}, max ${ms(back.q.max)}`);
}

// Run on its own: node tools/bench/vacancies.mjs [--million] [--count N]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--count');
  await runVacanciesBench({ count: i > 0 ? Number(process.argv[i + 1]) : 100_000, million: process.argv.includes('--million') });
}
