// The app shell: every route, deep links, the language switch, axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, axeCheck } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

// Every route of the app; feature tests go deeper into each.
const ROUTES = [
  ['/', 'I servizi del Centro per l\'Impiego'],
  ['/servizi', null],
  ['/servizi/orientamento-di-base', 'Orientamento di base'],
  ['/servizi-per-te', 'I servizi per te'],
  ['/il-mio-profilo', 'Il mio profilo'],
  ['/avvisi', 'Avvisi pubblici'],
  ['/percorso', 'Il mio percorso'],
  ['/offerte/per-te', 'Offerte per te'],
  ['/cpi', null],
  ['/scrivi-al-cpi', 'Scrivi al tuo Centro per l\'Impiego'],
  ['/le-mie-richieste', 'Le mie richieste'],
  ['/i-miei-dati', 'I miei dati'],
  ['/accessibilita', 'Dichiarazione di accessibilità'],
  ['/did', null],
  ['/offerte', null],
  ['/offerte/salvate', null],
  ['/offerte/preferite', null],
  ['/pagina-che-non-esiste', 'Pagina non trovata'],
];

test('every route loads with zero console errors and passes axe', async () => {
  const { browser, page, errors } = await launch();
  try {
    for (const [path, heading] of ROUTES) {
      await page.goto(server.url + path);
      await ready(page);
      await page.waitForSelector(heading ? `h1:has-text("${heading}")` : 'h1');
      if (heading !== 'Pagina non trovata') {
        assert.notEqual((await page.textContent('h1')).trim(), 'Pagina non trovata', `${path} is a real page`);
      }
      await page.waitForLoadState('networkidle');
      await axeCheck(page, path);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a deep link survives a reload and navigation works', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/i-miei-dati');
    await ready(page);
    await page.reload();
    await page.waitForSelector('h1:has-text("I miei dati")');
    await page.click('nav#main-nav a:has-text("Le mie richieste")');
    await page.waitForSelector('h1:has-text("Le mie richieste")');
    assert.equal(new URL(page.url()).pathname, '/le-mie-richieste');
    await page.goBack();
    await page.waitForSelector('h1:has-text("I miei dati")');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('skip link, landmarks and the language switch', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/');
    await ready(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.className);
    assert.equal(focused, 'skip-link');
    assert.equal(await page.locator('header').count(), 1);
    assert.equal(await page.locator('main#main').count(), 1);
    assert.equal(await page.locator('footer').count(), 1);
    await page.selectOption('.lang-switch select', 'en');
    await page.waitForSelector('h1:has-text("The employment centre")');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    // The choice is stored on the device.
    await page.reload();
    await page.waitForSelector('h1:has-text("The employment centre")');
    await axeCheck(page, '/ (en)');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('phone width: the menu collapses and opens', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 320, height: 640 } });
  try {
    await page.goto(server.url + '/');
    await ready(page);
    assert.equal(await page.isVisible('nav#main-nav'), false);
    await page.click('button.menu-toggle');
    assert.equal(await page.getAttribute('button.menu-toggle', 'aria-expanded'), 'true');
    await page.click('nav#main-nav a:has-text("I miei dati")');
    await page.waitForSelector('h1:has-text("I miei dati")');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling at 320px');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a malformed feed or an HTTP error keeps the cached data with a clear message', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });

    await page.route('**/data/offices.json', (r) => r.fulfill({
      status: 200, contentType: 'application/json',
      body: '{"schema_version":1,"feed":"offices","generated_at":"x","items":[{"unexpected":true}]}',
    }));
    await page.reload();
    await ready(page);
    await page.waitForSelector('.notice-warning:has-text("non sono validi")');
    assert.ok(await page.locator('#cpi_id option[value="cpi-bologna"]').count() === 1, 'cached offices still offered');

    await page.unroute('**/data/offices.json');
    await page.route('**/data/offices.json', (r) => r.fulfill({ status: 500, body: 'boom' }));
    await page.reload();
    await ready(page);
    await page.waitForSelector('.notice-warning:has-text("errore 500")');
    assert.ok(await page.locator('#cpi_id option[value="cpi-bologna"]').count() === 1);

    await page.unroute('**/data/offices.json');
    await page.route('**/data/offices.json', (r) => r.fulfill({
      status: 200, contentType: 'application/json',
      body: '{"schema_version":9,"feed":"offices","generated_at":"x","items":[]}',
    }));
    await page.reload();
    await ready(page);
    await page.waitForSelector('.notice-warning:has-text("formato più recente")');
    await axeCheck(page, 'feed warning');
    assert.deepEqual(errors.filter((e) => !/status of 500/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('in English, feed errors read in English (and follow the language switch)', async () => {
  const { browser, page, errors } = await launch();
  // Words of the Italian feed messages: none may show on an English page.
  const ITALIAN = /non sono validi|versione salvata|errore \d|Sei offline|formato più recente|dati delle sedi/;
  try {
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await page.selectOption('.lang-switch select', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });

    await page.route('**/data/offices.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version":1,"feed":' }));
    await page.reload();
    await ready(page);
    const notice = page.locator('.notice-warning', { hasText: 'Employment Centre offices' });
    await notice.waitFor();
    let text = await notice.textContent();
    assert.match(text, /are not valid/);
    assert.match(text, /last saved version/);
    assert.doesNotMatch(text, ITALIAN);
    assert.ok(await page.locator('#cpi_id option[value="cpi-bologna"]').count() === 1, 'cached offices still offered');

    await page.unroute('**/data/offices.json');
    await page.route('**/data/offices.json', (r) => r.fulfill({ status: 500, body: 'boom' }));
    await page.reload();
    await ready(page);
    await page.waitForSelector('.notice-warning:has-text("error 500")');
    text = await page.locator('.notice-warning', { hasText: 'error 500' }).textContent();
    assert.match(text, /The server did not provide the Employment Centre offices data/);
    assert.doesNotMatch(text, ITALIAN);
    assert.doesNotMatch(await page.textContent('main'), ITALIAN, 'no Italian error text anywhere on the page');

    // The notice holds the error kind, so it follows the language switch.
    await page.selectOption('.lang-switch select', 'it');
    await page.waitForSelector('.notice-warning:has-text("errore 500")');
    assert.equal(await page.locator('.notice-warning:has-text("error 500")').count(), 0);
    assert.deepEqual(errors.filter((e) => !/status of 500/.test(e)), []);
  } finally {
    await browser.close();
  }
});

// The static shell of index.html: on screen before the wasm, same header as the app.
const headerFacts = (page) => page.evaluate(() => {
  const header = document.querySelector('header.site-header');
  const text = (sel) => header.querySelector(sel)?.textContent.trim();
  return {
    height: header.getBoundingClientRect().height,
    owner: text('.owner'),
    name: text('.brand-name'),
    tagline: text('.brand-tagline'),
    nav: [...header.querySelectorAll('nav a')].map((a) => [a.textContent.trim(), a.getAttribute('href')]),
    centreBackground: getComputedStyle(header.querySelector('.header-center')).backgroundColor,
  };
});

test('the static shell is served, shows without the wasm, and gives way to the app without a jump', async () => {
  const html = await (await fetch(server.url + '/offerte')).text();
  assert.match(html, /<div id="static-shell"/, 'the shell is in the served HTML');
  assert.match(html, /Caricamento di Sportello Lavoro…/);
  assert.match(html, /<html lang="it"/);

  for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) {
    const { browser, context, page, errors } = await launch({ viewport });
    try {
      // Without the wasm: the shell alone, styled, accessible.
      await page.route(/\.wasm(\?|$)/, (r) => r.abort());
      await page.goto(server.url + '/');
      await page.waitForSelector('#static-shell header.site-header');
      const shell = await headerFacts(page);
      assert.equal(shell.centreBackground, 'rgb(0, 102, 204)', 'styled by the app CSS');
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('header').count(), 1);
      assert.ok(await page.isVisible('#static-shell p.loading'));
      await axeCheck(page, `static shell ${viewport.width}px`);
      // The "taking too long" line waits, also with reduced motion, then shows.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.equal(await page.isVisible('.static-shell-late'), false);
      await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
      assert.ok(await page.isVisible('.static-shell-late'), 'the late message shows after its delay');
      await axeCheck(page, `static shell, late message, ${viewport.width}px`);

      // With the wasm: the app's header, same texts, same height; the shell is gone.
      const app = await context.newPage();
      const appErrors = [];
      app.on('pageerror', (e) => appErrors.push(e.message));
      await app.goto(server.url + '/');
      await ready(app);
      assert.equal(await app.locator('#static-shell').count(), 0, 'shell removed on mount');
      assert.equal(await app.locator('header').count(), 1, 'exactly one header');
      assert.equal(await app.locator('h1').count(), 1, 'exactly one h1');
      assert.equal(await app.locator('main').count(), 1, 'exactly one main');
      const mounted = await headerFacts(app);
      assert.deepEqual({ ...shell, height: undefined }, { ...mounted, height: undefined }, 'same header texts and links');
      assert.ok(Math.abs(shell.height - mounted.height) < 0.5, `header height ${shell.height} → ${mounted.height} at ${viewport.width}px`);
      assert.deepEqual(appErrors, []);
      void errors; // the blocked page logs the failed wasm fetch: expected
    } finally {
      await browser.close();
    }
  }
});

// Each route's first lines: the static shell shows the route's own title and
// lead (tools/build/shell.mjs), the app shows the same while the route's chunk
// loads (lazy_page) and when its page is there, in the same place.
// The routes are those the shell lists (index.html, `data-keys`), so a route added there is tested.
const headedRoutes = async () => {
  const html = await (await fetch(server.url + '/')).text();
  const keys = /id="static-shell-heads" data-keys='([^']*)'/.exec(html);
  assert.ok(keys, 'the served shell lists its routes');
  return Object.keys(JSON.parse(keys[1]));
};

const firstLines = (page, scope) => page.evaluate((scope) => {
  const root = document.querySelector(scope);
  const box = (el) => el && { text: el.textContent.trim(), top: Math.round(el.getBoundingClientRect().top) };
  return { title: box(root.querySelector('h1')), lead: box(root.querySelector('h1 + p.lead')) };
}, scope);

test('the static shell shows each route\'s title and lead, and the page keeps them in place', async () => {
  // Italian for every route; English (a browser in English starts the app in English) for two.
  const all = await headedRoutes();
  assert.ok(all.length >= 10, `the shell lists every route with fixed lines: ${all}`);
  for (const [locale, routes] of [['it-IT', all], ['en-US', ['/offerte', '/did']]]) {
    const { browser, context, page } = await launch({ viewport: { width: 360, height: 740 }, locale });
    try {
      await page.route(/\.wasm(\?|$)/, (r) => r.abort());
      const app = await context.newPage();
      const appErrors = [];
      app.on('pageerror', (e) => appErrors.push(e.message));
      for (const path of routes) {
        await page.goto(server.url + path);
        const shell = await firstLines(page, '#static-shell main');
        assert.ok(shell.title && shell.lead, `${path}: the shell has a title and a lead`);
        assert.notEqual(shell.title.text, 'Sportello Lavoro', `${path}: the shell shows the route's own title`);
        assert.doesNotMatch(shell.lead.text, /^[a-z_]+(\.[a-z_]+)+$/, `${path}: a text, not a locale key`);
        assert.equal(await page.getAttribute('#static-shell-lead', 'lang'), locale.slice(0, 2));

        await app.goto(server.url + path);
        await ready(app);
        await app.waitForSelector('main section:is(.page, .hero):not(:has(.chunk-loading)) h1 + p.lead');
        const mounted = await firstLines(app, 'main');
        assert.deepEqual(mounted, shell, `${path} (${locale}): same title and lead, same place`);
      }
      if (locale === 'it-IT') {
        // A route without fixed lines keeps the generic title.
        await page.goto(server.url + '/offerte/ER-DEMO-0000001');
        assert.equal((await page.textContent('#static-shell h1')).trim(), 'Sportello Lavoro');
        assert.equal(await page.isVisible('#static-shell-lead'), false);
      }
      assert.deepEqual(appErrors, []);
    } finally {
      await browser.close();
    }
  }
});
