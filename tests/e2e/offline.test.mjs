// The app opens with no server at all: the service worker keeps the shell,
// IndexedDB keeps the data. The server is stopped, not just emulated away,
// so nothing can come from the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, ready, eventually, axeCheck } from './harness.mjs';

const TODAY = new Date('2026-11-23T10:00:00Z');
const feed = (name) => JSON.parse(readFileSync(new URL(`../../public/data/${name}.json`, import.meta.url), 'utf8')).items[0];
// One service and one avviso of the committed feeds, opened once online (their
// feeds are kept per page, as a person's first visit would keep them).
const SERVICE = feed('catalogue');
const AVVISO = feed('avvisi');

/** The keys of the app's `feeds` store in IndexedDB (none if it cannot be read). */
function storedFeeds(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('sportello-lavoro');
    req.onsuccess = () => {
      const tx = req.result.transaction('feeds');
      const keys = tx.objectStore('feeds').getAllKeys();
      tx.oncomplete = () => { req.result.close(); resolve(keys.result); };
      tx.onerror = () => { req.result.close(); resolve([]); };
    };
    req.onerror = () => resolve([]);
  }));
}

test('with the server gone, a reload opens the app; offers search and open from the device', async () => {
  const server = await startServer();
  const { browser, page, errors } = await launch({ serviceWorkers: 'allow' });
  let stopped = false;
  try {
    await page.clock.setFixedTime(TODAY);
    await page.goto(server.url + '/offerte?q=cuoco');
    await ready(page);
    await page.waitForSelector('.vac-item', { timeout: 30_000 });
    // The worker has installed (the shell and its files are cached) and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await eventually(() => page.evaluate(() => !!navigator.serviceWorker.controller), { message: 'service worker in control' });
    const cached = await page.evaluate(async () => (await (await caches.open('sportello-shell-v1')).keys()).map((r) => new URL(r.url).pathname));
    assert.ok(cached.some((p) => p.endsWith('_bg.wasm')), `wasm cached: ${cached.join(' ')}`);
    assert.ok(cached.some((p) => p.endsWith('.woff2')), 'fonts cached');
    // The offers too, for the detail page: the demo feed's shards are all prefetched.
    await eventually(() => page.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('sportello-lavoro');
      req.onsuccess = () => {
        const tx = req.result.transaction(['feeds', 'search_index']);
        const keys = tx.objectStore('feeds').getAllKeys();
        const meta = tx.objectStore('search_index').get('vacancies:meta');
        tx.oncomplete = () => {
          req.result.close();
          const n = meta.result ? JSON.parse(meta.result).offer_shards : 0;
          resolve(n > 0 && keys.result.filter((k) => k.startsWith('vacancies-offers/')).length === n);
        };
        tx.onerror = () => resolve(false);
      };
      req.onerror = () => resolve(false);
    })), { message: 'offer shards cached' });
    const title = (await page.textContent('.vac-item .vac-card-title')).trim();
    const offerPath = new URL(await page.getAttribute('.vac-item .vac-card-title a', 'href'), server.url).pathname;
    // Every file the build listed for the worker is in its cache now, before any
    // other route is visited: the route chunks below come from this precache.
    const sw = await (await fetch(server.url + '/sw.js')).text();
    const precache = JSON.parse(sw.match(/^const PRECACHE = (\[.*\]);$/m)[1]);
    assert.ok(precache.some((p) => p.includes('/split-')), 'route chunks listed');
    const kept = new Set(await page.evaluate(async () => (await (await caches.open('sportello-shell-v1')).keys()).map((r) => new URL(r.url).pathname)));
    assert.deepEqual(precache.filter((p) => !kept.has(p)), [], 'precached files missing from the cache');
    // A service and an avviso opened once online: their feeds stay on the device.
    for (const [path, heading] of [[`/servizi/${SERVICE.id}`, SERVICE.title.it], [`/avvisi/${AVVISO.id}`, AVVISO.title.it]]) {
      await page.goto(server.url + path);
      await ready(page);
      await page.locator('h1', { hasText: heading }).waitFor({ timeout: 15_000 });
    }
    await eventually(async () => {
      const keys = await storedFeeds(page);
      return ['catalogue', 'avvisi'].every((k) => keys.includes(k));
    }, { message: 'catalogue and avvisi feeds stored' });
    await page.goto(server.url + '/offerte?q=cuoco');
    await ready(page);
    await page.waitForSelector('.vac-item', { timeout: 30_000 });

    server.stop();
    stopped = true;
    await page.reload();
    await ready(page);
    await page.waitForSelector('section.vacancies[data-index-source="stored"] .vac-item', { timeout: 30_000 });
    assert.equal((await page.textContent('.vac-item .vac-card-title')).trim(), title, 'same first result offline');
    await page.click('.vac-item .vac-card-title a');
    await page.waitForSelector('.vac-offer h1');
    assert.equal((await page.textContent('.vac-offer h1')).trim(), title);

    // A deep link typed while offline is the same shell.
    await page.goto(server.url + '/servizi');
    await ready(page);
    await page.waitForSelector('h1');
    await axeCheck(page, '/servizi offline');
    // Every route of the app (src/app.rs) opens offline, with its own heading
    // (locales/it/*.json, or the item's title for a detail page) and not the
    // "Pagina non disponibile" of a chunk that could not be fetched.
    const ROUTES = [
      // [path, the page's h1]
      ['/', 'I servizi del Centro per l\'Impiego, quando ti servono'],
      ['/servizi', 'Catalogo dei servizi'],
      [`/servizi/${SERVICE.id}`, SERVICE.title.it],
      ['/servizi-per-te', 'I servizi per te'],
      ['/cpi', 'Qual è il mio Centro per l\'Impiego?'],
      ['/did', 'DID online: dichiarazione di immediata disponibilità'],
      // A receipt not on this device: the receipt page says so.
      ['/did/ricevuta/00000000-0000-4000-8000-000000000000', 'Ricevuta della DID', 'Non troviamo questa ricevuta su questo dispositivo'],
      ['/offerte', 'Offerte di lavoro'],
      [offerPath, title],
      ['/offerte/per-te', 'Offerte per te'],
      ['/offerte/salvate', 'Ricerche salvate'],
      ['/offerte/preferite', 'Offerte preferite'],
      ['/avvisi', 'Avvisi pubblici'],
      [`/avvisi/${AVVISO.id}`, AVVISO.title.it],
      ['/percorso', 'Il mio percorso'],
      ['/il-mio-profilo', 'Il mio profilo'],
      ['/il-mio-profilo/cv', 'Il mio CV'],
      ['/scrivi-al-cpi', 'Scrivi al tuo Centro per l\'Impiego'],
      ['/le-mie-richieste', 'Le mie richieste'],
      ['/i-miei-dati', 'I miei dati'],
      ['/accessibilita', 'Dichiarazione di accessibilità'],
      ['/pagina-che-non-esiste', 'Pagina non trovata'],
    ];
    for (const [path, heading, text] of ROUTES) {
      await page.goto(server.url + path);
      await ready(page);
      // A route's own title shows while its chunk loads: wait for the load to end too.
      await page.locator('h1', { hasText: heading }).or(page.locator('.chunk-failed')).first().waitFor({ timeout: 15_000 });
      await page.locator('.chunk-loading').waitFor({ state: 'detached', timeout: 15_000 });
      assert.equal(await page.locator('.chunk-failed').count(), 0, `${path} opens offline`);
      assert.deepEqual(await page.locator('h1').allTextContents().then((h) => h.map((x) => x.trim())), [heading], `${path}: its heading`);
      if (text) await page.getByText(text).waitFor({ timeout: 15_000 });
    }
    // Only failed requests to the stopped server may be reported.
    assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch/.test(e)), []);
  } finally {
    await browser.close();
    if (!stopped) server.stop();
  }
});
