// The size budget of a cold visit (issue 10): the code a phone downloads
// before a route can show, as the server sends it (brotli where the build
// precompressed it). Sizes are deterministic, so this is a test. It reads the release build in dist/.
//   home page: the main module, its JS glue, the chunk loader and the
//   Italian start texts (fetched before the first render, tools/build/locales.mjs)  <= 250 KB
//   any route: that, plus the route's module (its feature's chunk merged with
//   the shared chunks it needs, tools/build/split.mjs) and the pages' texts  <= 460 KB
//   (450 KB until issue 15: splitting the texts in two took 21 KB off the home
//   page and adds 1.4 KB to a feature route, whose texts compress less apart)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = process.env.DIST_DIR || path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const KB = 1024;
const HOME_BUDGET = 250 * KB;
const ROUTE_BUDGET = 460 * KB;

// The chunk each route needs on a cold visit (docs/architecture.md). The home
// page, the outbox and the not-found page are in the main module.
const ROUTES = {
  '/': null,
  '/le-mie-richieste': null,
  '/servizi': 'catalogue',
  '/servizi/:id': 'catalogue',
  '/cpi': 'offices',
  '/servizi-per-te': 'services_for_you',
  '/il-mio-profilo': 'profile',
  '/avvisi': 'avvisi',
  '/percorso': 'percorso',
  '/avvisi/:id': 'avvisi',
  '/il-mio-profilo/cv': 'profile',
  '/did': 'did',
  '/did/ricevuta/:key': 'did_receipt',
  '/offerte': 'vacancies',
  '/offerte/salvate': 'vacancies',
  '/offerte/preferite': 'vacancies',
  '/offerte/per-te': 'vacancies',
  '/offerte/:id': 'vacancy',
  '/scrivi-al-cpi': 'contact',
  '/i-miei-dati': 'my_data',
  '/accessibilita': 'accessibility',
};
// Chunks no route needs on a cold visit with the demo data's prebuilt index.
// vacancy_import: the JSON-LD import; kiosk: kiosk mode's idle watch and dialogs,
// loaded at start on a kiosk only (its home page row is "/ (kiosk)").
const NOT_ON_A_ROUTE = new Set(['vacancy_import', 'kiosk']);

// As the server sends it: the `.br` the build wrote next to the file
// (tools/build/compress.mjs), or the file itself where it wrote none.
const brotli = (file) => (fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`) : fs.statSync(file)).size;

function build() {
  const files = fs.readdirSync(dist);
  const splitDir = files.find((f) => /^split-[0-9a-f]{8,16}$/.test(f));
  assert.ok(splitDir, `no split-<hash>/ in ${dist}: run trunk build --release`);
  const main = files.filter((f) => /^sportello-lavoro-[0-9a-f]{8,16}(_bg\.wasm|\.js)$/.test(f)).map((f) => path.join(dist, f));
  assert.equal(main.length, 2, 'the main module and its glue');
  const loaderFile = path.join(dist, splitDir, '__wasm_split.js');
  const loader = fs.readFileSync(loaderFile, 'utf8');
  // `export const __wasm_split_load_did = entry(load("./did.wasm"));`
  const splits = {};
  for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = entry\((?:load\("\.\/([^"]+\.wasm)"\)|async \(\) => \{\})\);/g)) {
    splits[m[1]] = m[2] ? [path.join(dist, splitDir, m[2])] : [];
  }
  const exported = [...loader.matchAll(/^export const (\w+)/gm)].length;
  assert.ok(exported > 0 && Object.keys(splits).length === exported, 'every entry point of the loader is read');
  const wasmFiles = fs.readdirSync(path.join(dist, splitDir)).filter((f) => f.endsWith('.wasm'));
  const loaded = new Set(Object.values(splits).flat().map((f) => path.basename(f)));
  assert.deepEqual(wasmFiles.filter((f) => !loaded.has(f)), [], 'every module in the split directory is loaded by an entry point');
  // The texts the app waits for before it mounts: Italian, which index.html
  // preloads (another language is fetched as well, after it).
  const locales = fs.readdirSync(path.join(dist, 'locales')).filter((f) => /^it-[0-9a-f]{16}\.json$/.test(f));
  assert.equal(locales.length, 1, 'one Italian dictionary in dist/locales');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  assert.ok(html.includes(`href="/locales/${locales[0]}"`), 'index.html preloads the Italian dictionary');
  const pages = fs.readdirSync(path.join(dist, 'locales')).filter((f) => /^it-pages-[0-9a-f]{16}\.json$/.test(f));
  assert.equal(pages.length, 1, 'one Italian dictionary of the pages in dist/locales');
  return {
    mainFiles: [...main, loaderFile, path.join(dist, 'locales', locales[0])],
    splits,
    // Fetched with the first feature page (components/lazy_page.rs).
    pageTexts: path.join(dist, 'locales', pages[0]),
  };
}

test('every chunk of the build is accounted for by a route', () => {
  const { splits } = build();
  const routed = new Set(Object.values(ROUTES).filter(Boolean));
  for (const name of Object.keys(splits)) {
    assert.ok(routed.has(name) || NOT_ON_A_ROUTE.has(name), `chunk ${name} is in ROUTES or NOT_ON_A_ROUTE`);
  }
  for (const name of routed) assert.ok(splits[name], `the build has the chunk ${name}`);
});

test('a cold visit stays within the budget (brotli)', () => {
  const { mainFiles, splits, pageTexts } = build();
  const main = mainFiles.reduce((sum, f) => sum + brotli(f), 0);
  const chunkBytes = (chunk) => splits[chunk].reduce((sum, f) => sum + brotli(f), 0);
  const rows = [];
  for (const [route, chunk] of Object.entries(ROUTES)) {
    const bytes = main + (chunk ? chunkBytes(chunk) + brotli(pageTexts) : 0);
    rows.push({ route, chunk: chunk ?? '(main)', kb: +(bytes / KB).toFixed(1) });
  }
  rows.push({ route: '/ (kiosk)', chunk: 'kiosk', kb: +((main + chunkBytes('kiosk')) / KB).toFixed(1) });
  console.table(rows);
  assert.ok(main <= HOME_BUDGET, `home page code ${(main / KB).toFixed(1)} KB > ${HOME_BUDGET / KB} KB`);
  for (const { route, kb } of rows) assert.ok(kb * KB <= ROUTE_BUDGET, `${route}: ${kb} KB > ${ROUTE_BUDGET / KB} KB`);
});
