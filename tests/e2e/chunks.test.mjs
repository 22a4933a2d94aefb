// Code split by route: the home page loads no feature chunk, each feature
// loads its own, and a chunk that cannot load shows a message with a retry
// instead of killing the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const CHUNK = /\/split-[0-9a-f]{8,16}\/([^/]+)\.wasm$/;

/** The chunk files a page fetched (names without `.wasm`). */
function watchChunks(page) {
  const seen = new Set();
  page.on('request', (r) => {
    const m = CHUNK.exec(new URL(r.url()).pathname);
    if (m) seen.add(m[1]);
  });
  return seen;
}

test('the home page loads no feature chunk; a feature route loads only its own', async () => {
  const { browser, page, errors } = await launch();
  try {
    const chunks = watchChunks(page);
    await page.goto(server.url + '/');
    await ready(page);
    await page.waitForSelector('h1');
    await page.waitForLoadState('networkidle');
    assert.deepEqual([...chunks], [], 'home page chunks');

    await page.click('nav a[href="/did"]');
    await page.waitForSelector('h1:has-text("DID online")');
    // One module per route: the feature's chunk merged with what it shares (tools/build/split.mjs).
    assert.deepEqual([...chunks], ['did'], 'the DID fetches its one module');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a chunk that fails to load shows an Italian message, and "Riprova" loads it', async () => {
  const { browser, page, errors } = await launch();
  try {
    let block = true;
    await page.route(CHUNK, (route) => (block ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await page.waitForSelector('h1:has-text("Pagina non disponibile")');
    const alert = await page.textContent('.chunk-failed [role="alert"]');
    assert.match(alert, /non si è caricata/);
    // The rest of the app is alive: the header navigation still works.
    assert.ok(await page.isVisible('header.site-header'));

    block = false;
    await page.click('button:has-text("Riprova")');
    await page.waitForSelector('h1:has-text("Scrivi al tuo Centro per l\'Impiego")');
    assert.equal(await page.locator('.chunk-failed').count(), 0);
    // Only the aborted fetch may be on the console.
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource|TypeError/.test(e)), []);
  } finally {
    await browser.close();
  }
});
