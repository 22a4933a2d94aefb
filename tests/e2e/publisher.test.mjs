// Real vacancy sources (issue 18). The demo region's ClicLavoro XML and
// JobPosting files go through the publisher's tool (publish_vacancies) into
// the feed, prebuilt index and shards the app is then served: every offer is
// on its comune, a radius search finds it, no facet is blank, a salary reads
// in its own period, FULL_TIME is a working time. And a publisher without a
// prebuilt index: the app asks for it once, not on every visit, and places
// the offers of its JobPosting list itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, ready, axeCheck } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TODAY = new Date('2026-12-01T10:00:00Z');
let server;
let out;

before(async () => {
  server = await startServer();
  out = mkdtempSync(join(tmpdir(), 'sl-publish-'));
  // The tool as a region runs it (dev profile: the native tests built the library).
  execFileSync('cargo', ['run', '--quiet', '--bin', 'publish_vacancies', '--',
    '--out', out, '--demo', '--source', 'Dati dimostrativi', '--date', '2026-12-01',
    join(ROOT, 'tests/fixtures/publisher')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
});
after(() => {
  server?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Serve the tool's output in place of the demo feed. */
async function servePublished(page) {
  await page.route('**/data/vacancies.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(join(out, 'vacancies.json')) }));
  await page.route('**/data/vacancies.slix', (r) => r.fulfill({ status: 200, contentType: 'application/octet-stream', body: readFileSync(join(out, 'vacancies.slix')) }));
  await page.route('**/data/vacancies-offers/**', (r) => {
    const rel = decodeURIComponent(new URL(r.request().url()).pathname).split('/data/')[1];
    const file = join(out, rel);
    return existsSync(file) ? r.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(file) }) : r.fulfill({ status: 404, body: '' });
  });
}

const titles = (page) => page.locator('.vac-item .vac-card-title').allTextContents().then((t) => t.map((x) => x.trim()).sort());

async function openOffer(page, title) {
  await page.locator('.vac-item .vac-card-title a').filter({ hasText: title }).first().click();
  await page.waitForSelector('.vac-offer h1');
}

const fact = (page, label) => page.locator('.vac-facts div').filter({ has: page.locator(`dt:text-is("${label}")`) }).locator('dd').textContent();

for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['kiosk', { width: 1080, height: 1920 }]]) {
  test(`the tool's index in the app (${name}): places, radius, facets, salaries`, async () => {
    const { browser, page, errors } = await launch({ viewport });
    try {
      await page.clock.setFixedTime(TODAY);
      await servePublished(page);
      await page.goto(`${server.url}/offerte`);
      await ready(page);
      await page.waitForSelector('.vac-item', { timeout: 30_000 });
      assert.equal(await page.getAttribute('[data-index-source]', 'data-index-source'), 'prebuilt');

      // No facet value is blank: the offers without a place have their own.
      const provinceLabels = await page.locator('#vac-filters fieldset').nth(1).locator('.facet label').allTextContents();
      assert.ok(provinceLabels.length >= 7, provinceLabels.join(' | '));
      for (const l of provinceLabels) assert.match(l, /^\S.*\(\d+\)\s*$/, `a named facet: "${l}"`);
      assert.ok(provinceLabels.some((l) => /^Luogo non indicato \(2\)/.test(l.trim())), provinceLabels.join(' | '));
      assert.ok(provinceLabels.some((l) => /^Bologna \(BO\) \(2\)/.test(l.trim())), provinceLabels.join(' | '));

      // On the card: the comune, or "Luogo non indicato".
      const places = await page.locator('.vac-item .vac-place').allTextContents();
      assert.ok(places.some((p) => p.includes("Reggio nell'Emilia (RE)")), places.join(' | '));
      assert.ok(places.some((p) => p.includes('Luogo non indicato')), places.join(' | '));
      assert.ok(!places.some((p) => p.trim() === ''), 'no empty place');

      // Within 20 km of Imola: both Imola offers (the XML one and the JobPosting one).
      await page.goto(`${server.url}/offerte?comune=037032&raggio=20`);
      await ready(page);
      await page.waitForSelector('.vac-item .vac-distance', { timeout: 30_000 });
      assert.deepEqual(await titles(page), ['Addetto/a vendite', 'Magazziniere & carrellista']);

      // A monthly range stays monthly; FULL_TIME is the working time, the contract as published.
      await openOffer(page, 'Addetto/a vendite');
      assert.equal((await fact(page, 'Retribuzione lorda')).trim(), 'da 1500 a 1800 € lordi al mese');
      assert.equal((await fact(page, 'Orario')).trim(), 'Tempo pieno');
      assert.equal((await fact(page, 'Contratto')).trim(), 'Tempo determinato');
      assert.equal((await page.textContent('.vac-offer .vac-place')).trim(), 'Imola (BO)');
      await axeCheck(page, `offer page (${name})`);

      // An hourly range with cents; a FULL_TIME-only posting has no contract stated.
      await page.goto(`${server.url}/offerte`);
      await ready(page);
      await page.waitForSelector('.vac-item');
      await openOffer(page, 'Cameriere/a di sala');
      assert.equal((await fact(page, 'Retribuzione lorda')).trim(), "da 9,50 a 11,00 € lordi l'ora");
      await page.goBack();
      await page.waitForSelector('.vac-item');
      await openOffer(page, 'Infermiere/a');
      assert.equal((await fact(page, 'Contratto')).trim(), 'Contratto non indicato');
      assert.equal((await fact(page, 'Orario')).trim(), 'Tempo pieno');
      assert.equal((await fact(page, 'Retribuzione lorda')).trim(), "28.000 € lordi all'anno");
      await page.goBack();
      await page.waitForSelector('.vac-item');
      await openOffer(page, 'Manutentore del verde');
      assert.equal((await page.textContent('.vac-offer .vac-place')).trim(), 'Luogo non indicato');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(tmpdir(), `sl-publisher-${name}.png`), fullPage: false });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('without a prebuilt index the app asks for it once, and places a JobPosting list itself', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 360, height: 740 } });
  try {
    await page.clock.setFixedTime(TODAY);
    const list = readFileSync(join(ROOT, 'tests/fixtures/publisher/jobposting/offerte-jobposting.json'));
    const asked = { slix: 0, shards: 0, feed: 0 };
    await page.route('**/data/vacancies.slix', (r) => { asked.slix += 1; return r.fulfill({ status: 404, body: '' }); });
    await page.route('**/data/vacancies-offers/**', (r) => { asked.shards += 1; return r.fulfill({ status: 404, body: '' }); });
    await page.route('**/data/vacancies.json', (r) => {
      asked.feed += 1;
      const etag = '"lista-1"';
      if (r.request().headers()['if-none-match'] === etag) return r.fulfill({ status: 304, headers: { ETag: etag } });
      return r.fulfill({ status: 200, contentType: 'application/ld+json', headers: { ETag: etag }, body: list });
    });
    await page.goto(`${server.url}/offerte`);
    await ready(page);
    await page.waitForSelector('.vac-item', { timeout: 30_000 });
    assert.equal(asked.slix, 1, 'asked once');

    // Placed on the device: Ravenna from "Via Roma 1, 48121 Ravenna RA", Modena from a province name.
    const places = await page.locator('.vac-item .vac-place').allTextContents();
    assert.ok(places.some((p) => p.includes('Ravenna (RA)')), places.join(' | '));
    assert.ok(places.some((p) => p.includes('Modena (MO)')), places.join(' | '));
    assert.ok(places.some((p) => p.includes('Luogo non indicato')), places.join(' | '));
    const provinceLabels = await page.locator('#vac-filters fieldset').nth(1).locator('.facet label').allTextContents();
    for (const l of provinceLabels) assert.match(l, /^\S.*\(\d+\)\s*$/, `a named facet: "${l}"`);

    // Next visits: the feed is revalidated, the missing index not asked for again.
    for (let visit = 0; visit < 2; visit += 1) {
      await page.reload();
      await ready(page);
      await page.waitForSelector('.vac-item', { timeout: 30_000 });
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 10_000 }).catch(() => {});
    }
    await page.goto(`${server.url}/offerte?comune=037032&raggio=20`);
    await ready(page);
    await page.waitForSelector('.vac-item .vac-distance', { timeout: 30_000 });
    assert.deepEqual(await titles(page), ['Addetto/a vendite'], 'the JobPosting in Imola, found by distance');
    assert.equal(asked.slix, 1, `the prebuilt index was asked for ${asked.slix} times`);
    assert.equal(asked.shards, 0, 'no shard requests without an index naming them');
    assert.ok(asked.feed >= 3, `the feed itself is revalidated on each visit (${asked.feed})`);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    assert.equal(errors.filter((e) => /Failed to load resource/.test(e)).length <= 1, true, errors.join('\n'));
  } finally {
    await browser.close();
  }
});
