// Job offers: search with text, filters, distance and sort; the URL holds
// the search and the back button walks it; favourites and saved searches
// survive reloads; applying offline lands exactly once; a feed with bad
// records is imported tolerantly; axe on every page; no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, ready, eventually, axeCheck, login } from './harness.mjs';

// The demo feed is generated for this day: pin the clock so the tests do
// not depend on when they run (timers keep running).
const TODAY = new Date('2026-11-23T10:00:00Z');

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

async function open(opts) {
  const s = await launch(opts);
  await s.page.clock.setFixedTime(TODAY);
  return s;
}

async function gotoSearch(page, qs = '') {
  await page.goto(server.url + '/offerte' + qs);
  await ready(page);
  await page.waitForSelector('.vac-item, .no-results', { timeout: 30_000 });
}

const count = async (page) => {
  const text = await page.textContent('.vac-results .result-count');
  const m = text.replace(/\./g, '').match(/(\d+) offert/);
  return m ? Number(m[1]) : 0;
};
const search = (page) => new URL(page.url()).search;
const benign = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e));

test('text, filters, comune + radius, sort; the URL holds the search and back walks it', async () => {
  const { browser, page, errors } = await open();
  try {
    await gotoSearch(page);
    // First visit: the prebuilt index the server publishes; nothing built here.
    assert.equal(await page.getAttribute('section.vacancies', 'data-index-source'), 'prebuilt');
    const all = await count(page);
    assert.ok(all > 1000, `most demo offers are open today (${all})`);
    await axeCheck(page, '/offerte');

    // Typing searches at once and replaces the history entry (no flooding).
    const historyBefore = await page.evaluate(() => history.length);
    await page.locator('#vac-q').pressSequentially('magazziniere', { delay: 30 });
    await page.waitForFunction(() => location.search === '?q=magazziniere');
    assert.equal(await page.evaluate(() => history.length), historyBefore, 'typing does not add history entries');
    const text = await count(page);
    assert.ok(text > 0 && text < all, `text narrows the results (${text})`);
    const firstTitle = await page.textContent('.vac-item .vac-card-title');
    assert.match(firstTitle, /magazzin/i, 'best match first');
    assert.ok(await page.locator('#vac-q-suggestions option').count() > 0, 'suggestions offered');

    // A facet: province.
    await page.check('#vac-prov-BO');
    await page.waitForFunction(() => location.search.includes('prov=BO'));
    const places = await page.locator('.vac-item .vac-place').allTextContents();
    assert.ok(places.length > 0 && places.every((p) => p.includes('(BO)')), places.join(' | '));
    const bo = await count(page);
    assert.ok(bo < text);
    await page.uncheck('#vac-prov-BO');
    await page.waitForFunction(() => !location.search.includes('prov='));

    // Comune + radius: Bologna, 20 km by default; distances shown.
    await page.fill('#vac-comune', 'Bologna (BO)');
    await page.press('#vac-comune', 'Tab');
    await page.waitForFunction(() => location.search.includes('comune=037006') && location.search.includes('raggio=20'));
    const near = await page.locator('.vac-item .vac-distance').allTextContents();
    assert.ok(near.length > 0);
    for (const d of near) assert.ok(Number(d.match(/(\d+) km/)[1]) <= 20, d);
    await page.selectOption('#vac-raggio', '50');
    await page.waitForFunction(() => location.search.includes('raggio=50'));

    // Sort by distance: nearest first.
    await page.selectOption('#vac-sort', 'distanza');
    await page.waitForFunction(() => location.search.includes('ordine=distanza'));
    await page.waitForSelector('.vac-item .vac-distance');
    const km = (await page.locator('.vac-item .vac-distance').allTextContents()).map((d) => Number(d.match(/(\d+) km/)[1]));
    assert.deepEqual(km, [...km].sort((a, b) => a - b), 'ascending distances');
    const sharedUrl = page.url();

    // Back: the sort, then the radius, then the comune go away.
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('ordine='));
    assert.equal(await page.inputValue('#vac-sort'), 'rilevanza');
    await page.goBack();
    await page.waitForFunction(() => location.search.includes('raggio=20'));
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('comune='));
    assert.equal(await page.inputValue('#vac-q'), 'magazziniere');
    assert.equal(await page.inputValue('#vac-comune'), '');
    await page.goForward();
    await page.waitForFunction(() => location.search.includes('comune=037006'));
    await page.waitForFunction(() => document.querySelector('#vac-comune').value === 'Bologna (BO)');

    // A shared URL restores the same search in a new page.
    const other = await page.context().newPage();
    await other.clock.setFixedTime(TODAY);
    await other.goto(sharedUrl);
    await other.waitForSelector('.vac-item .vac-distance', { timeout: 30_000 });
    assert.equal(await other.inputValue('#vac-sort'), 'distanza');
    assert.equal(await other.inputValue('#vac-q'), 'magazziniere');
    assert.equal(await other.inputValue('#vac-raggio'), '50');

    // Pages: "Successive" adds an entry and moves the focus to the results.
    await gotoSearch(page);
    await page.click('.vac-pages a[rel="next"]');
    await page.waitForFunction(() => location.search.includes('da=20'));
    await eventually(() => page.evaluate(() => document.activeElement?.id === 'vac-results-title'), { message: 'focus on the results' });
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('da='));
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('first visit with the prebuilt index: offer shards, not the feed, are fetched and cached, so an offer opens offline', async () => {
  // The service worker keeps the code (the offer page is a chunk of its own); IndexedDB the data.
  const { browser, context, page, errors } = await open({ serviceWorkers: 'allow' });
  try {
    const fetched = [];
    page.on('request', (r) => { if (r.url().includes('/data/vacancies')) fetched.push(new URL(r.url()).pathname); });
    await gotoSearch(page, '?q=elettricista');
    assert.equal(await page.getAttribute('section.vacancies', 'data-index-source'), 'prebuilt');
    assert.equal(fetched[0], '/data/vacancies.slix', 'the index is asked for first');
    // Every shard of the demo feed (as many as the stored index's meta names) is cached in the background.
    const stored = () => page.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('sportello-lavoro');
      req.onsuccess = () => {
        const tx = req.result.transaction(['feeds', 'search_index']);
        const keys = tx.objectStore('feeds').getAllKeys();
        const meta = tx.objectStore('search_index').get('vacancies:meta');
        tx.oncomplete = () => { req.result.close(); resolve({ keys: keys.result, meta: meta.result ? JSON.parse(meta.result) : null }); };
        tx.onerror = () => resolve({ keys: [], meta: null });
      };
      req.onerror = () => resolve({ keys: [], meta: null });
    }));
    const shards = await eventually(async () => {
      const { keys, meta } = await stored();
      const s = keys.filter((k) => k.startsWith('vacancies-offers/'));
      return meta && meta.offer_shards > 1 && s.length === meta.offer_shards ? s : null;
    }, { message: 'every offer shard cached' });
    assert.ok(shards.every((k) => /^vacancies-offers\/[0-9a-f]{16}\/\d+\.json$/.test(k)), shards.join(' '));
    assert.ok(!fetched.includes('/data/vacancies.json'), 'the whole feed is never downloaded');
    const title = (await page.textContent('.vac-item .vac-card-title')).trim();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await eventually(() => page.evaluate(() => !!navigator.serviceWorker.controller), { message: 'service worker in control' });
    await context.setOffline(true);
    await page.click('.vac-item .vac-card-title a');
    await page.waitForSelector('.vac-offer h1');
    assert.equal((await page.textContent('.vac-offer h1')).trim(), title);
    // An id that does not exist is known not to exist from its shard alone.
    await page.evaluate(() => { history.pushState({}, '', '/offerte/ER-DEMO-9999999'); dispatchEvent(new PopStateEvent('popstate')); });
    await page.waitForSelector('h1:has-text("Offerta non trovata")');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('phone drawer: Filtri (N), focus inside, Escape closes and returns the focus', async () => {
  const { browser, page, errors } = await open({ viewport: { width: 390, height: 844 } });
  try {
    await gotoSearch(page, '?contratto=apprendistato&prov=MO');
    assert.equal(await page.isVisible('#vac-filters'), false, 'facets hidden behind the button on phones');
    const toggle = page.locator('#vac-filters-toggle');
    assert.match(await toggle.textContent(), /Filtri \(2\)/);
    await toggle.click();
    await page.waitForSelector('#vac-filters[role="dialog"][aria-modal="true"]');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await eventually(() => page.evaluate(() => document.getElementById('vac-filters').contains(document.activeElement)), { message: 'focus in drawer' });
    await axeCheck(page, 'filters drawer');
    await page.check('#vac-orario-part_time');
    await page.waitForFunction(() => location.search.includes('orario=part_time'));
    assert.ok(await page.isVisible('#vac-filters'), 'the drawer stays open while filtering');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#vac-filters', { state: 'hidden' });
    await eventually(() => page.evaluate(() => document.activeElement?.id === 'vac-filters-toggle'), { message: 'focus back on the toggle' });
    assert.match(await toggle.textContent(), /Filtri \(3\)/);
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('favourites survive a reload and are in "I miei dati"; a return visit searches from the stored index', async () => {
  const { browser, page, errors } = await open();
  try {
    await gotoSearch(page, '?q=cuoco');
    const first = page.locator('.vac-item').first();
    const title = (await first.locator('.vac-card-title').textContent()).trim();
    await first.locator('button.star').click();
    assert.equal(await first.locator('button.star').getAttribute('aria-pressed'), 'true');
    await page.waitForSelector('.vac-subnav a:has-text("Preferite (1)")');

    await page.reload();
    await ready(page);
    await page.waitForSelector('section.vacancies[data-index-source="stored"]', { timeout: 30_000 });
    await page.waitForSelector('.vac-item button.star[aria-pressed="true"]');
    assert.equal((await page.locator('.vac-item').first().locator('.vac-card-title').textContent()).trim(), title);

    await page.click('.vac-subnav a:has-text("Preferite")');
    await page.waitForSelector('.fav-item');
    assert.equal((await page.locator('.fav-item .vac-card-title').textContent()).trim(), title);
    await axeCheck(page, '/offerte/preferite');
    await page.click('.fav-item .vac-card-title a');
    await page.waitForSelector('.vac-offer h1');
    assert.equal((await page.textContent('.vac-offer h1')).trim(), title);
    assert.equal(await page.getAttribute('.vac-offer button.star', 'aria-pressed'), 'true');

    // "I miei dati": the favourite is in the export (the public index is not: it is not personal), and deleting clears it.
    await page.goto(server.url + '/i-miei-dati');
    await ready(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Scarica i miei dati")')]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.stores.personal.favourites[0].title, title);
    assert.equal(exported.stores.search_index, undefined, 'the public index is not personal data');
    await page.click('button:has-text("Cancella tutti i miei dati")');
    await page.click('button:has-text("Sì, cancella tutto")');
    await page.waitForTimeout(500);
    await page.goto(server.url + '/offerte/preferite');
    await page.waitForSelector('text=Non hai ancora offerte preferite');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('a saved search shows the offers published since its last visit', async () => {
  const { browser, page, errors } = await open();
  try {
    await gotoSearch(page, '?q=cuoco&ordine=recenti');
    await page.click('button.vac-save');
    await page.waitForSelector('button.vac-save[aria-pressed="true"]');
    await page.waitForSelector('.vac-subnav a:has-text("Ricerche salvate (1)")');
    await page.goto(server.url + '/offerte/salvate');
    await page.waitForSelector('.saved-item .saved-new');
    assert.match(await page.textContent('.saved-item .saved-new'), /Nessuna nuova offerta/);

    // Pretend the last visit was 10 days ago.
    await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('sportello-lavoro');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction('personal', 'readwrite');
        const os = tx.objectStore('personal');
        const get = os.get('saved_searches');
        get.onsuccess = () => {
          const list = JSON.parse(get.result);
          list[0].last_visit = '2026-11-13';
          os.put(JSON.stringify(list), 'saved_searches');
        };
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await page.reload();
    await ready(page);
    await page.waitForSelector('.saved-item .saved-new.has-new', { timeout: 30_000 });
    const badge = await page.textContent('.saved-item .saved-new');
    assert.match(badge, /(\d+) nuove offerte|1 nuova offerta/);
    assert.match(await page.textContent('.saved-item'), /Ultima apertura: 13\/11\/2026/);
    await axeCheck(page, '/offerte/salvate');

    // Opening it updates the last visit: nothing is new any more.
    await page.click('.saved-item .vac-card-title a');
    await page.waitForFunction(() => location.pathname === '/offerte' && location.search.includes('q=cuoco'));
    await page.waitForSelector('.vac-item');
    await page.click('.vac-subnav a:has-text("Ricerche salvate")');
    await page.waitForSelector('.saved-item .saved-new');
    await eventually(async () => /Nessuna nuova offerta/.test(await page.textContent('.saved-item .saved-new')), { message: 'visit recorded' });
    assert.match(await page.textContent('.saved-item'), /Ultima apertura: 23\/11\/2026/);
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('applying offline is delivered exactly once, with the vacancy id; the profile is remembered', async () => {
  const { browser, context, page, errors } = await open();
  try {
    await gotoSearch(page, '?q=infermiere');
    await page.click('.vac-item .vac-card-title a');
    await page.waitForSelector('.vac-offer h1');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.match(await page.textContent('.vac-published'), /Pubblicata il \d\d\/\d\d\/2026 \((pubblicata oggi|pubblicata ieri|pubblicata \d+ giorni fa)\)/);
    assert.match(await page.textContent('.vac-expires'), /scade/);
    const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(ld['@type'], 'JobPosting');
    await axeCheck(page, '/offerte/:id');

    // Applying is in the person's name: the offer says so and offers SPID/CIE.
    await page.waitForSelector('.apply .login-required a:has-text("Entra con SPID")');
    assert.equal(await page.locator('button.apply-open').count(), 0);
    const offerPath = new URL(page.url()).pathname;
    await login(page, server.url, 'giulia', { path: offerPath });
    await page.click('button.apply-open');
    await page.click('button:has-text("Invia la candidatura")');
    await page.waitForSelector('#apply-errors .notice-error');
    for (const msg of ['Inserisci nome e cognome.', "Inserisci l'indirizzo email.", 'Inserisci un numero di telefono']) {
      assert.ok(await page.locator('#apply-errors').getByText(msg, { exact: false }).count() > 0, msg);
    }
    await page.fill('#apply-email', 'maria@');
    await page.fill('#apply-phone', '12ab');
    await page.click('button:has-text("Invia la candidatura")');
    await page.waitForSelector('#apply-errors >> text=L\'indirizzo email non è valido');
    await page.waitForSelector('#apply-errors >> text=Il numero di telefono non è valido');
    assert.equal(await page.getAttribute('#apply-email', 'aria-invalid'), 'true');
    await axeCheck(page, 'application form with errors');

    await page.fill('#apply-name', 'Maria Rossi');
    await page.fill('#apply-email', 'maria.rossi@example.it');
    await page.fill('#apply-phone', '+39 051 123456');
    await page.fill('#apply-message', 'Disponibile da subito.');
    await page.check('#apply-remember');
    await context.setOffline(true);
    await page.click('button:has-text("Invia la candidatura")');
    await page.waitForSelector('.apply-receipt[data-state="pending"]');
    assert.match(await page.textContent('.apply-receipt'), /in attesa di invio/i);
    await page.waitForTimeout(6_000);
    const mine = async () => (await server.received()).records.filter((r) => r.payload?.vacancy_id === id);
    assert.equal((await mine()).length, 0, 'nothing reaches the server while offline');

    await context.setOffline(false);
    await page.waitForSelector('.apply-receipt[data-state="delivered"]', { timeout: 30_000 });
    assert.match(await page.textContent('.apply-receipt'), /Candidatura inviata il .*CAND-\d{4}-\d{6}/s);
    await page.reload();
    await ready(page);
    await page.waitForSelector('.apply-receipt[data-state="delivered"]', { timeout: 30_000 });
    await page.waitForTimeout(6_000);
    const stored = await mine();
    assert.equal(stored.length, 1, 'exactly one application on the server');
    assert.equal(stored[0].kind, 'application');
    assert.equal(stored[0].payload.email, 'maria.rossi@example.it');
    assert.equal(stored[0].person?.codice_fiscale, 'BNCGLI94C52A944G', 'bound to the person logged in');
    assert.equal(stored[0].payload.message, 'Disponibile da subito.');
    assert.equal(await page.isVisible('button.apply-open'), false, 'no second application to the same offer');

    // Another offer: the form is prefilled from the remembered profile.
    await gotoSearch(page, '?q=cuoco');
    await page.click('.vac-item .vac-card-title a');
    await page.click('button.apply-open');
    await page.waitForFunction(() => document.querySelector('#apply-name')?.value === 'Maria Rossi');
    assert.equal(await page.inputValue('#apply-phone'), '+39 051 123456');
    assert.equal(await page.isChecked('#apply-remember'), true);
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

function offer(i, extra = {}) {
  const id = `T-${String(i).padStart(3, '0')}`;
  return {
    id,
    title: `Offerta di prova ${id}`,
    description: 'Descrizione di prova.',
    employer: { name: 'Azienda di prova (nome fittizio)' },
    workplace: { istat: '037006', belfiore: 'A944', name: 'Bologna', province: 'BO' },
    lat: 44.4973, lon: 11.3329,
    contract: 'tempo_determinato', working_time: 'full_time', posts: 1,
    published: '2026-11-20', expires: '2026-12-31',
    ...extra,
  };
}

test('an unreadable prebuilt index falls back to the feed; a feed with bad records: they are reported, the good ones are searchable', async () => {
  const { browser, page, errors } = await open();
  try {
    // A damaged vacancies.slix (right magic, garbage after it): never fatal.
    const garbage = Buffer.concat([Buffer.from('SLPB\x01\0\0\0\x02\0\0\0{}'), Buffer.alloc(64, 7)]);
    await page.route('**/data/vacancies.slix', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: garbage }));
    const feed = {
      schema_version: 1, feed: 'vacancies', generated_at: '2026-11-23', demo: true,
      items: [
        offer(1, { title: 'Giardiniere manutentore' }),
        offer(2),
        offer(3, { province: undefined, workplace: { name: 'Modena', province: 'Modena' } }),
        offer(4, { contract: 'a_chiamata' }),
        offer(5),
        { id: 'T-006' },
      ],
    };
    await page.route('**/data/vacancies.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed) }));
    await gotoSearch(page);
    await page.waitForSelector('.vac-report');
    assert.equal(await page.getAttribute('section.vacancies', 'data-index-source'), 'built');
    assert.match(await page.textContent('.vac-report'), /3 offerte sono state scartate/);
    assert.equal(await count(page), 3);
    await page.fill('#vac-q', 'giardiniere');
    await page.waitForSelector('.vac-item:has-text("Giardiniere manutentore")');
    assert.equal(await count(page), 1);
    await page.click('.vac-report summary');
    assert.match(await page.textContent('.vac-report ul'), /Offerta n\. 3 del file: sigla della provincia non valida/);
    await axeCheck(page, 'import report');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('a schema.org JobPosting list served in place of the feed is imported; its bad postings are reported', async () => {
  const { browser, page, errors } = await open();
  try {
    const posting = (id, title, extra = {}) => ({
      '@context': 'https://schema.org', '@type': 'JobPosting', identifier: id, title,
      description: '<p>Assistenza agli ospiti in sala e in cucina.</p>', datePosted: '2026-11-18', validThrough: '2026-12-31',
      hiringOrganization: { '@type': 'Organization', name: 'Albergo Esempio (nome fittizio)' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Rimini', addressRegion: 'RN' } },
      employmentType: 'FULL_TIME', ...extra,
    });
    const list = [posting('JL-1', 'Cameriere di sala'), posting('JL-2', 'Aiuto cuoco'), posting('JL-3', 'Senza data', { datePosted: undefined, validThrough: undefined })];
    await page.route('**/data/vacancies.slix', (route) => route.fulfill({ status: 404, body: '' }));
    await page.route('**/data/vacancies.json', (route) => route.fulfill({ status: 200, contentType: 'application/ld+json', body: JSON.stringify(list) }));
    await gotoSearch(page);
    await page.waitForSelector('.vac-report');
    assert.equal(await page.getAttribute('section.vacancies', 'data-index-source'), 'built');
    assert.equal(await count(page), 2);
    assert.match(await page.textContent('.vac-report'), /1 offerta è stata scartata/);
    await page.fill('#vac-q', 'cameriere');
    await page.waitForSelector('.vac-item:has-text("Cameriere di sala")');
    await page.click('.vac-item .vac-card-title a');
    await page.waitForSelector('.vac-offer h1');
    assert.equal((await page.textContent('.vac-offer h1')).trim(), 'Cameriere di sala');
    assert.match(await page.textContent('.vac-offer'), /Assistenza agli ospiti/);
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('home and navigation lead to the offers; an unknown offer says so', async () => {
  const { browser, page, errors } = await open();
  try {
    await page.goto(server.url + '/');
    await ready(page);
    await page.click('.tiles a[href="/offerte"]');
    await page.waitForSelector('.vac-item', { timeout: 30_000 });
    assert.equal(await page.getAttribute('nav#main-nav a[href="/offerte"]', 'aria-current'), 'page');
    await page.goto(server.url + '/offerte/NON-ESISTE');
    await page.waitForSelector('text=Offerta non trovata', { timeout: 30_000 });
    await axeCheck(page, 'unknown offer');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});
