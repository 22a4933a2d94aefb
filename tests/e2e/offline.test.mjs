// The app opens with no server at all: the service worker keeps the shell,
// IndexedDB keeps the data. The server is stopped, not just emulated away,
// so nothing can come from the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, eventually, axeCheck } from './harness.mjs';

const TODAY = new Date('2026-11-23T10:00:00Z');

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
    // Every route chunk was precached by the worker, although only /offerte was visited online
    // (/servizi above is the catalogue chunk).
    for (const [path, heading] of [
      ['/did', 'DID'], ['/cpi', 'Qual è il mio'], ['/scrivi-al-cpi', 'Scrivi al tuo Centro per l\'Impiego'],
      ['/i-miei-dati', 'I miei dati'], ['/servizi-per-te', 'I servizi per te'], ['/il-mio-profilo', 'Il mio profilo'], ['/avvisi', 'Avvisi pubblici'], ['/percorso', 'Il mio percorso'],
    ]) {
      await page.goto(server.url + path);
      await ready(page);
      await page.waitForSelector(`h1:has-text("${heading}")`, { timeout: 15_000 });
      assert.equal(await page.locator('.chunk-failed').count(), 0, `${path} opens offline`);
    }
    // Only failed requests to the stopped server may be reported.
    assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch/.test(e)), []);
  } finally {
    await browser.close();
    if (!stopped) server.stop();
  }
});
