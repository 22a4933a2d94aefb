// "Il mio profilo" end to end (issue 12): invalid input gets a precise message
// next to its field; the profile is filled once and found again in the DID, in
// an application (with the CV attached) and in the questionnaire; the CV prints
// in Italian and English; the data are exported as one JSON file and deleted,
// leaving nothing personal in IndexedDB, localStorage, sessionStorage or Cache
// Storage. axe at phone and kiosk sizes, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, launch, ready, axeCheck, login, eventually, leftovers } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

async function pick(page, id, typed, code) {
  // The list arrives on its own (the CP and ATECO lists are fetched by the page): wait for it.
  await page.waitForFunction((i) => !/Caricamento/.test(document.querySelector(`#${i}-status`)?.textContent ?? ''), id, { timeout: 60_000 });
  await page.fill(`#${id}`, typed);
  const option = code ? `#${id}-list button[data-code="${code}"]` : `#${id}-list button`;
  await page.waitForSelector(option, { timeout: 60_000 });
  await page.locator(option).first().click();
  await page.waitForFunction((i) => document.querySelector(`#${i}`)?.classList.contains('is-chosen'), id);
}

test('the profile once: messages, DID, application with CV, questionnaire, CV, export and delete', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 360, height: 780 } });
  try {
    await login(page, server.url, 'giulia', { path: '/il-mio-profilo' });
    await ready(page);
    await page.waitForSelector('h1:has-text("Il mio profilo")');
    await axeCheck(page, 'profile, empty, 360px');

    // Invalid input: a precise message next to its field, and in the summary.
    await page.fill('#profile-cf', 'BNCGLI94C52A944X');
    await page.fill('#profile-cap', '401');
    await page.fill('#profile-mobility', '900');
    await page.click('#profile-save');
    await page.waitForSelector('#profile-error-summary .error-summary');
    const summary = await page.textContent('#profile-error-summary');
    assert.match(summary, /carattere di controllo/i, summary);
    assert.match(await page.textContent('#profile-cf-error'), /carattere di controllo/i);
    assert.match(await page.textContent('#profile-cap-error'), /«401» non è valido: servono 5 cifre/);
    assert.match(await page.textContent('#profile-mobility-error'), /fino a 500 km/);
    await axeCheck(page, 'profile with errors');

    // The profile, once.
    await page.fill('#profile-given-name', 'Giulia');
    await page.fill('#profile-family-name', 'Bianchi');
    await page.fill('#profile-cf', 'BNCGLI94C52A944G');
    await page.check('#profile-sex'); // F
    await page.fill('#profile-birth', '12');
    await page.fill('#profile-birth-month', '3');
    await page.fill('#profile-birth-year', '1994');
    await pick(page, 'profile-domicile', 'Bologna', '037006');
    await page.fill('#profile-address', 'Via Rizzoli 1');
    await page.fill('#profile-cap', '40121');
    await page.fill('#profile-email', 'giulia.bianchi@example.it');
    await page.fill('#profile-phone', '333 7654321');
    await page.selectOption('#profile-education', '4');
    await page.fill('#profile-education-title', 'Diploma di ragioneria');
    // An experience: a bad month first, then right.
    await page.click('#exp-add');
    await page.fill('#exp-title', 'Commessa');
    await pick(page, 'exp-profession', 'vendite', '5.1.2');
    await pick(page, 'exp-sector', '47.11', null);
    await page.fill('#exp-employer', 'Supermercato Demo');
    await page.fill('#exp-from', '2019-13');
    await page.click('#exp-save');
    assert.match(await page.textContent('#exp-from-error'), /Esperienza 1: indica mese e anno/);
    await page.fill('#exp-from', '2019-03');
    await page.fill('#exp-to', '2024-11');
    // Enter in the sub-form saves the experience, not the whole profile.
    await page.press('#exp-to', 'Enter');
    await page.waitForSelector('.experience-list li:has-text("Commessa")');
    assert.match(await page.textContent('.experience-list'), /CP 5\.1\.2/);
    await page.selectOption('#lang-code', 'en');
    await page.selectOption('#lang-level', 'B2');
    await page.click('#lang-add');
    await page.waitForSelector('.language-list li:has-text("Inglese: B2")');
    await page.check('#profile-licences-B');
    await page.check('#profile-digital-office');
    await page.fill('#profile-mobility', '30');
    await page.check('#profile-full-time');
    await page.check('#profile-care');
    await page.fill('#profile-about', 'Lavoro volentieri con il pubblico.');
    await page.click('#profile-save');
    await page.waitForSelector('#profile-message:has-text("Profilo salvato")');
    assert.equal(await page.locator('#profile-error-summary .error-summary').count(), 0);
    await axeCheck(page, 'profile filled');
    await page.screenshot({ path: '/tmp/profile-360.png', fullPage: true }).catch(() => {});

    // A reload shows the saved profile.
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelector('#profile-email')?.value === 'giulia.bianchi@example.it');
    assert.equal(await page.inputValue('#profile-domicile'), 'Bologna (BO)');

    // The DID finds it: residence and contacts come from the profile.
    await page.goto(server.url + '/did');
    await ready(page);
    await page.waitForSelector('#did-step-heading');
    await page.check('#did-naspi'); // No
    await page.click('.did-nav button:has-text("Continua")');
    await page.waitForFunction(() => document.querySelector('#did-step-heading')?.textContent === 'Dati personali');
    await page.check('#did-citizenship');
    await page.click('.did-nav button:has-text("Continua")');
    await page.waitForFunction(() => document.querySelector('#did-step-heading')?.textContent === 'Residenza e domicilio');
    assert.equal(await page.inputValue('#did-res-comune'), 'Bologna (BO)');
    assert.equal(await page.inputValue('#did-res-cap'), '40121');
    assert.equal(await page.inputValue('#did-res-address'), 'Via Rizzoli 1');
    await page.click('.did-nav button:has-text("Continua")');
    await page.waitForFunction(() => document.querySelector('#did-step-heading')?.textContent === 'Recapiti');
    assert.equal(await page.inputValue('#did-email'), 'giulia.bianchi@example.it');
    assert.equal(await page.inputValue('#did-mobile'), '333 7654321');

    // An application finds it, and attaches the CV.
    await page.goto(server.url + '/offerte?q=commesso');
    await ready(page);
    await page.click('.vac-item .vac-card-title a');
    await page.waitForSelector('.vac-offer h1');
    await page.click('button.apply-open');
    await page.waitForFunction(() => document.querySelector('#apply-name')?.value === 'Giulia Bianchi');
    assert.equal(await page.inputValue('#apply-email'), 'giulia.bianchi@example.it');
    await page.check('#apply-cv');
    await page.click('#apply-form button[type="submit"]');
    await eventually(async () => {
      const apps = (await server.received()).records.filter((r) => r.kind === 'application');
      return apps.length === 1 && apps[0].payload?.cv?.experiences?.[0]?.title === 'Commessa' ? apps : null;
    }, { message: 'the application with its CV reaches the demo API' });
    const sent = (await server.received()).records.find((r) => r.kind === 'application');
    assert.equal(sent.payload.cv.name, 'Giulia Bianchi');
    assert.ok(!JSON.stringify(sent.payload.cv).includes('BNCGLI94C52A944G'), 'no codice fiscale in the CV');

    // The questionnaire finds it.
    await page.goto(server.url + '/servizi-per-te');
    await ready(page);
    await page.waitForFunction(() => document.querySelector('#q-age')?.value === '32');
    assert.equal(await page.isChecked('#q-care'), true);

    // Offers for the profile, ranked on the device, each with its reasons.
    await page.goto(server.url + '/offerte/per-te');
    await ready(page);
    await page.waitForSelector('.vac-list .vac-item', { timeout: 30_000 });
    const reasons = await page.$$eval('.vac-item .vac-reasons', (els) => els.map((e) => e.textContent));
    const cards = await page.locator('.vac-item').count();
    assert.equal(reasons.length, cards, 'every offer says why it is listed');
    assert.ok(reasons.every((r) => r.startsWith('Perché: ')), reasons.join(' | '));
    assert.match(reasons[0], /stessa professione|stessa classe professionale|stessa categoria/);
    assert.ok(reasons.every((r) => !/a (3[1-9]|[4-9]\d|\d{3,}) km/.test(r)), 'nothing beyond the 30 km radius');
    await axeCheck(page, 'offers for you');
    await page.screenshot({ path: '/tmp/for-you-360.png', fullPage: false }).catch(() => {});

    // The CV, in Italian then English; printing is offered.
    await page.goto(server.url + '/il-mio-profilo/cv');
    await ready(page);
    await page.waitForSelector('.cv h2:has-text("Giulia Bianchi")');
    const cv = await page.textContent('.cv');
    for (const text of ['Esperienza lavorativa', 'Commessa', 'Supermercato Demo', 'marzo 2019', 'Inglese: B2', 'Diploma di ragioneria']) {
      assert.ok(cv.includes(text), `CV has ${text}`);
    }
    assert.ok(!cv.includes('BNCGLI94C52A944G'), 'no codice fiscale in the CV');
    await axeCheck(page, 'CV');
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.click('#cv-print');
    assert.equal(await page.evaluate(() => window.__printed), true);
    await page.click('a[lang="en"]');
    await page.waitForSelector('.cv h3:has-text("Work experience")');
    assert.match(await page.textContent('.cv'), /March 2019/);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: '/tmp/cv-print.png', fullPage: true }).catch(() => {});
    await page.emulateMedia({ media: 'screen' });

    // Export: one JSON file with the person's data only.
    await page.goto(server.url + '/i-miei-dati');
    await ready(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Scarica i miei dati")'),
    ]);
    const dump = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(dump.app, 'Sportello Lavoro');
    assert.equal(dump.stores.personal.profile.given_name, 'Giulia');
    assert.equal(dump.stores.feeds, undefined, 'public copies are not exported');
    assert.equal(dump.stores.search_index, undefined);

    // Delete: nothing personal is left.
    assert.ok((await leftovers(page)).records.personal > 0);
    await page.click('button:has-text("Cancella tutti i miei dati")');
    await page.click('button:has-text("Sì, cancella tutto")');
    await page.waitForSelector('text=I tuoi dati sono stati cancellati');
    const left = await leftovers(page);
    assert.deepEqual(left.records, { settings: 0, drafts: 0, outbox: 0, personal: 0 });
    assert.deepEqual(left.local, []);
    assert.equal(left.session, 0);
    assert.deepEqual(left.caches.filter((c) => c.personal || /\/api\//.test(c.url)), []);
    await page.goto(server.url + '/il-mio-profilo');
    await ready(page);
    await page.waitForSelector('h1:has-text("Il mio profilo")');
    await page.waitForTimeout(300);
    assert.equal(await page.inputValue('#profile-email'), '');
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('the profile page at kiosk size is axe-clean and keeps a draft', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 1080, height: 1920 } });
  try {
    await page.goto(server.url + '/il-mio-profilo');
    await ready(page);
    await page.waitForSelector('h1:has-text("Il mio profilo")');
    await page.fill('#profile-given-name', 'Amina');
    await page.waitForSelector('.save-state:has-text("non ancora salvate")');
    await axeCheck(page, 'profile at 1080px');
    await page.screenshot({ path: '/tmp/profile-1080.png' }).catch(() => {});
    await page.waitForTimeout(500);
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelector('#profile-given-name')?.value === 'Amina');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
