// DID online: the whole guided declaration with a reload half-way, every
// invalid input with its precise message, the NASpI block, an offline
// submission that is delivered on reconnect, the receipt and the status
// timeline. axe on every step, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, eventually, axeCheck, login } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

// ---- helpers ---------------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');
const it = (d) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
const addDays = (d, n) => { const x = new Date(d); x.setDate(x.getDate() + n); return x; };

const FABIO = {
  cf: 'CCCFBA85D03L219P', surname: 'Caccamo', name: 'Fabio', day: '3', month: '4', year: '1985',
};

const heading = (page) => page.textContent('#did-step-heading');
async function atStep(page, title) {
  await page.waitForFunction((t) => document.querySelector('#did-step-heading')?.textContent === t, title);
}
async function next(page) {
  await page.click('.did-nav button:has-text("Continua")');
}
/** The error summary lists `text`, and the field shows it too. */
async function expectError(page, field, text) {
  await page.waitForSelector('#did-error-summary .error-summary');
  const summary = await page.textContent('#did-error-summary');
  assert.ok(summary.includes(text), `summary should include «${text}»; it is «${summary}»`);
  const inline = await page.textContent(`#${field}-error`);
  assert.ok(inline.includes(text), `#${field}-error should include «${text}»; it is «${inline}»`);
}
async function pickPlace(page, id, typed, code) {
  await page.fill(`#${id}`, typed);
  const option = `#${id}-list button[data-code="${code}"]`;
  await page.waitForSelector(option, { timeout: 30_000 });
  await page.click(option);
  await page.waitForFunction((i) => document.querySelector(`#${i}`)?.classList.contains('is-chosen'), id);
}
async function fillDate(page, id, d, m, y) {
  await page.fill(`#${id}`, d);
  await page.fill(`#${id}-month`, m);
  await page.fill(`#${id}-year`, y);
}
/** Fabio's SPID gives only his codice fiscale and names: the rest he types. */
async function openDid(page, base = server.url) {
  await login(page, base, 'fabio', { path: '/did' });
  await page.waitForSelector('#did-step-heading');
}
async function personal(page, p = FABIO) {
  await page.check('#did-sex-1'); // M
  await fillDate(page, 'did-birth-date', p.day, p.month, p.year);
  await page.check('#did-birth-country'); // Italy
}
const benign = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e));
const dids = async () => (await server.received()).records.filter((r) => r.kind === 'did');

// ---- the journey -----------------------------------------------------------

test('full DID: reload half-way restores everything, offline submit, receipt, delivery, status', async () => {
  const { browser, context, page, errors } = await launch();
  try {
    await openDid(page);
    assert.equal(await heading(page), 'Prima di iniziare');
    assert.equal(await page.getAttribute('.stepper-list li.step-current', 'aria-current'), 'step');
    await axeCheck(page, 'DID step 1');
    await page.check('#did-naspi'); // No
    await next(page);

    await atStep(page, 'Dati personali');
    await page.waitForFunction(() => document.activeElement?.id === 'did-step-heading'); // focus moves to the step heading
    assert.match(await page.textContent('.stepper-count'), /Passo 2 di 8: Dati personali/);
    // What SPID certified is shown, not typed.
    const facts = await page.textContent('.identity-facts');
    for (const text of ['Dati certificati da SPID', FABIO.cf, 'Caccamo', 'Fabio']) assert.ok(facts.includes(text), `certified: ${text}`);
    assert.equal(await page.locator('#did-cf, #did-surname, #did-name').evaluateAll((els) => els.filter((e) => e.tagName === 'INPUT').length), 0, 'no box to retype them');
    await personal(page);
    await pickPlace(page, 'did-birthplace', 'Torin', 'L219');
    await page.check('#did-citizenship'); // Italian
    await axeCheck(page, 'DID personal data');
    await next(page);

    await atStep(page, 'Residenza e domicilio');
    await pickPlace(page, 'did-res-comune', 'Bologna', '037006');
    await page.fill('#did-res-address', "Via dell'Indipendenza 8");
    await page.fill('#did-res-cap', '40121');
    assert.equal(await page.isChecked('#did-dom-same'), true);
    await axeCheck(page, 'DID residence');
    await next(page);

    await atStep(page, 'Recapiti');
    await page.fill('#did-email', 'fabio.caccamo@example.it');
    await page.fill('#did-mobile', '333 1234567');
    await axeCheck(page, 'DID contacts');

    // Power cut: reload in the middle of step 4.
    await page.waitForTimeout(400);
    await page.waitForSelector('.draft-state[data-state="saved"]');
    await page.reload();
    await ready(page);
    await atStep(page, 'Recapiti');
    await page.waitForSelector('text=Abbiamo ripreso la dichiarazione');
    assert.equal(await page.inputValue('#did-email'), 'fabio.caccamo@example.it');
    assert.equal(await page.inputValue('#did-mobile'), '333 1234567');
    // Every earlier answer is there too.
    await page.click('.did-nav button:has-text("Indietro")');
    await atStep(page, 'Residenza e domicilio');
    assert.equal(await page.inputValue('#did-res-comune'), 'Bologna (BO)');
    assert.equal(await page.inputValue('#did-res-cap'), '40121');
    assert.equal(await page.inputValue('#did-res-address'), "Via dell'Indipendenza 8");
    await page.click('.stepper-list button:has-text("Dati personali")');
    await atStep(page, 'Dati personali');
    assert.ok((await page.textContent('.identity-facts')).includes(FABIO.cf));
    assert.equal(await page.isChecked('#did-sex-1'), true);
    assert.equal(await page.inputValue('#did-birth-date'), '3');
    assert.equal(await page.inputValue('#did-birth-date-month'), '4');
    assert.equal(await page.inputValue('#did-birth-date-year'), '1985');
    assert.equal(await page.inputValue('#did-birthplace'), 'Torino (TO)');
    assert.equal(await page.isChecked('#did-citizenship'), true);
    // Forward again: nothing was lost on the way.
    await next(page);
    await next(page);
    await atStep(page, 'Recapiti');
    await next(page);

    await atStep(page, 'La tua situazione di oggi');
    await page.check('#did-situation'); // Non lavoro
    await axeCheck(page, 'DID situation');
    await next(page);

    await atStep(page, "Centro per l'Impiego");
    await page.waitForSelector("#did-cpi-card:has-text(\"Centro per l'Impiego di Bologna\")");
    assert.equal(await page.inputValue('#did-cpi'), 'cpi-bologna');
    await page.check('#did-cpi-confirm');
    await axeCheck(page, 'DID CPI');
    await next(page);

    await atStep(page, 'Dichiarazioni');
    await page.check('#did-availability');
    for (const id of ['#did-decl-no-work', '#did-decl-informed', '#did-decl-no-other', '#did-decl-privacy']) await page.check(id);
    await axeCheck(page, 'DID declarations');
    await next(page);

    await atStep(page, 'Riepilogo e invio');
    const summary = await page.textContent('.did-form');
    for (const text of [FABIO.cf, 'Caccamo', '03/04/1985', 'Torino (TO)', "Via dell'Indipendenza 8, 40121 Bologna (BO)", 'Uguale alla residenza', 'Non lavoro', "Centro per l'Impiego di Bologna"]) {
      assert.ok(summary.includes(text), `summary shows ${text}`);
    }
    await axeCheck(page, 'DID summary');

    // Send while offline.
    await context.setOffline(true);
    await page.click('button:has-text("Invia la DID")');
    await page.waitForURL(/\/did\/ricevuta\/[0-9a-f-]{36}$/);
    const key = page.url().split('/').pop();
    await page.waitForSelector('.receipt .state-pending:has-text("In attesa di invio")');
    assert.equal((await page.textContent('.receipt-key')).trim(), key);
    assert.ok(await page.$('.qr svg'), 'a QR code');
    assert.match(await page.getAttribute('.qr', 'aria-label'), new RegExp(key));
    const receipt = await page.textContent('.receipt');
    assert.ok(receipt.includes(FABIO.cf) && receipt.includes('Torino (TO)'), 'the receipt shows what was declared');
    const deadline = addDays(new Date(), 30);
    assert.ok(receipt.includes(it(deadline)), `the deadline ${it(deadline)} is shown`);
    assert.match(receipt, /Mancano 30 giorni/);
    await axeCheck(page, 'DID receipt, pending');
    await page.waitForTimeout(5_500);
    assert.equal((await dids()).length, 0, 'nothing reached the server while offline');

    // Back online: delivered once, with the server's id.
    await context.setOffline(false);
    await page.waitForSelector('.receipt .state-delivered', { timeout: 30_000 });
    const id = (await page.textContent('.receipt-id')).trim();
    assert.match(id, /^DID-\d{4}-\d{6}$/);
    assert.match(await page.getAttribute('.qr', 'aria-label'), new RegExp(id));
    await page.waitForSelector('.status-current:has-text("Inserita")');
    const stored = await eventually(async () => { const s = await dids(); return s.length ? s : null; }, { message: 'DID stored' });
    assert.equal(stored.length, 1);
    assert.equal(stored[0].idempotency_key, key);
    assert.equal(stored[0].payload.codice_fiscale, FABIO.cf);
    assert.equal(stored[0].person?.codice_fiscale, FABIO.cf, 'stored under the person logged in');
    assert.equal(stored[0].payload.informazioni_did.codice_ente_promotore, 'cpi-bologna');
    await axeCheck(page, 'DID receipt, delivered');

    // The CPI validates it: the timeline follows.
    const res = await fetch(`${server.url}/api/v1/_demo/status/${id}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'convalidata', note: 'Convalidata al colloquio del 24/11.' }),
    });
    assert.equal(res.status, 200);
    await page.click('button:has-text("Aggiorna lo stato")');
    await page.waitForSelector('.status-current:has-text("Convalidata")');
    await page.waitForSelector('.timeline-item.timeline-current:has-text("Convalidata al colloquio del 24/11.")');
    assert.equal(await page.locator('.timeline-item').count(), 2);
    assert.equal(await page.locator('.deadline').count(), 0, 'no contact deadline after the convalida');
    await axeCheck(page, 'DID status timeline');

    // Offline, the last known status is still there (IndexedDB).
    await context.setOffline(true);
    await page.click('nav#main-nav a:has-text("DID online")');
    await page.waitForSelector('text=Da questo dispositivo hai già inviato una DID');
    await page.click('a:has-text("Vedi la ricevuta e lo stato")');
    await page.waitForSelector('.status-current:has-text("Convalidata")');
    await page.waitForSelector('.did-status .notice-warning:has-text("Sei offline")');
    await context.setOffline(false);
    assert.equal((await dids()).length, 1, 'exactly one DID on the server');

    // Logging out: the name goes, and the DID asks for a login again.
    await page.click('.account button:has-text("Esci")');
    await page.waitForSelector('.account a:has-text("Accedi")');
    await page.click('nav#main-nav a:has-text("DID online")');
    await page.waitForSelector('.login-required:has-text("Per questo servizio serve l\'accesso")');
    assert.equal(await page.locator('#did-step-heading').count(), 0);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(me, 401, 'the session is over on the server too');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

// ---- invalid inputs --------------------------------------------------------

test('every invalid input shows its precise message', async () => {
  const { browser, page, errors } = await launch();
  const before = (await dids()).length;
  try {
    await openDid(page);
    await next(page);
    await expectError(page, 'did-naspi', 'Rispondi alla domanda sulla NASpI o DIS-COLL.');
    await page.waitForFunction(() => document.activeElement?.id === 'did-error-summary');
    await axeCheck(page, 'DID start with errors');
    await page.check('#did-naspi');
    await next(page);
    await atStep(page, 'Dati personali');

    // The codice fiscale and names come from SPID: 30 February, then a
    // birth date that does not match the code (its own errors are tested
    // natively, tests/codice_fiscale_vectors.rs).
    await personal(page);
    await pickPlace(page, 'did-birthplace', 'Torin', 'L219');
    await page.check('#did-citizenship');
    await fillDate(page, 'did-birth-date', '30', '2', '1985');
    await next(page);
    await expectError(page, 'did-birth-date', 'Controlla la data di nascita: il 30/02/1985 non esiste, perché febbraio 1985 ha 28 giorni.');
    await page.click('#did-error-summary a[href="#did-birth-date"]');
    await page.waitForFunction(() => document.activeElement?.id === 'did-birth-date');
    await axeCheck(page, 'DID personal data with errors');
    await fillDate(page, 'did-birth-date', '4', '4', '1985');
    await next(page);
    await expectError(page, 'did-birth-date', 'La data di nascita nel codice fiscale (03/04/1985) è diversa da quella indicata (04/04/1985).');
    assert.equal(await page.locator('#did-error-summary li').count(), 1, 'only the date is wrong');

    // Non-EU citizen with an expired residence permit.
    await personal(page);
    await pickPlace(page, 'did-birthplace', 'Torin', 'L219');
    await page.check('#did-citizenship-2');
    await page.selectOption('#did-permit-type', 'lavoro_subordinato');
    await page.fill('#did-permit-number', 'I0123456');
    await fillDate(page, 'did-permit-expiry', '1', '1', '2025');
    await next(page);
    await expectError(page, 'did-permit-expiry', 'Il permesso di soggiorno è scaduto il 01/01/2025. Se hai chiesto il rinnovo, vai al Centro per l\'Impiego con la ricevuta della domanda: per ora non puoi presentare la DID online.');
    await axeCheck(page, 'DID permit with errors');
    await page.check('#did-citizenship');
    await next(page);

    // Bad CAP: wrong length, then not the comune's.
    await atStep(page, 'Residenza e domicilio');
    await pickPlace(page, 'did-res-comune', 'Bologna', '037006');
    await page.fill('#did-res-address', 'Via Rizzoli 1');
    await page.fill('#did-res-cap', '4012');
    await next(page);
    await expectError(page, 'did-res-cap', 'Il CAP deve avere 5 cifre: «4012» ne ha 4.');
    await page.fill('#did-res-cap', '20121');
    await next(page);
    await expectError(page, 'did-res-cap', 'Il CAP 20121 non è di Bologna (BO): i CAP di questo comune vanno da 40121 a 40141.');
    await axeCheck(page, 'DID residence with errors');
    await page.fill('#did-res-cap', '40121');
    await next(page);

    await atStep(page, 'Recapiti');
    await next(page);
    await expectError(page, 'did-email', "Indica almeno un recapito, l'email o il cellulare, così il Centro per l'Impiego può contattarti.");
    await page.fill('#did-email', 'fabio@example.it');
    await next(page);

    // Income over the limit in force today (8,500 € from 2024).
    await atStep(page, 'La tua situazione di oggi');
    await page.check('#did-situation-1'); // basso reddito
    await page.check('#did-work-kind'); // dipendente
    await page.fill('#did-income', '9000');
    await next(page);
    await expectError(page, 'did-income', "Con un reddito di 9.000 € all'anno da lavoro dipendente o parasubordinato superi il limite di 8.500 € (in vigore dal 01/01/2024): in questo caso non puoi dichiararti disoccupato.");
    await axeCheck(page, 'DID situation with errors');
    await page.fill('#did-income', '8500');
    await next(page);
    await atStep(page, "Centro per l'Impiego");
    await next(page);
    await expectError(page, 'did-cpi-confirm', "Conferma il Centro per l'Impiego a cui presentare la DID.");
    assert.equal((await dids()).length, before, 'nothing was sent');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

// ---- NASpI -----------------------------------------------------------------

test('a NASpI applicant is told the application already counts and cannot file a second DID', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 390, height: 844 } });
  try {
    await openDid(page);
    await page.check('#did-naspi-1'); // Sì
    await page.waitForSelector('.naspi-block:has-text("Non devi presentare la DID")');
    const block = await page.textContent('.naspi-block');
    assert.match(block, /vale già come dichiarazione di immediata disponibilità/);
    assert.match(block, /Entro 15 giorni dalla domanda/);
    assert.equal(await page.locator('.did-nav button:has-text("Continua")').count(), 0, 'no way forward');
    const applied = addDays(new Date(), -3);
    await fillDate(page, 'did-naspi-date', String(applied.getDate()), String(applied.getMonth() + 1), String(applied.getFullYear()));
    await page.waitForSelector(`.naspi-block .countdown:has-text("${it(addDays(applied, 15))}.")`);
    assert.match(await page.textContent('.naspi-block .countdown'), /Contatta il Centro per l'Impiego entro \S+ \d\d\/\d\d\/\d{4}\./);
    assert.match(await page.textContent('.naspi-block .countdown'), /Mancano 12 giorni/);
    await axeCheck(page, 'DID NASpI block (phone)');
    // Enter in a box does not move on either.
    await page.press('#did-naspi-date-year', 'Enter');
    await page.waitForTimeout(300);
    assert.equal(await heading(page), 'Prima di iniziare');
    // The block survives a reload; the draft can be discarded.
    await page.waitForTimeout(400);
    await page.reload();
    await ready(page);
    await page.waitForSelector('.naspi-block');
    await page.click('button:has-text("Cancella la bozza")');
    await page.click('button:has-text("Sì, cancella tutto")');
    await page.waitForFunction(() => !document.querySelector('.naspi-block'));
    assert.equal(await page.isChecked('#did-naspi-1'), false);
    await page.waitForTimeout(400);
    await page.reload();
    await ready(page);
    await page.waitForSelector('#did-step-heading');
    assert.equal(await page.locator('.naspi-block').count(), 0, 'the discarded draft stays discarded');
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('place data: loaded by the step that needs it, in compact form, and from the device offline', async () => {
  const own = await startServer();
  const { browser, page, errors } = await launch({ serviceWorkers: 'allow' });
  const data = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/data/')) data.push(p); });
  const asked = (name) => data.some((p) => p.includes(name));
  const stored = (key) => page.evaluate((k) => new Promise((resolve) => {
    const req = indexedDB.open('sportello-lavoro');
    req.onsuccess = () => {
      const get = req.result.transaction('feeds').objectStore('feeds').get(k);
      get.onsuccess = () => { req.result.close(); resolve(typeof get.result === 'string' && JSON.parse(get.result).body.startsWith('{"schema_version":1')); };
      get.onerror = () => resolve(false);
    };
    req.onerror = () => resolve(false);
  }), key);
  let stopped = false;
  try {
    await openDid(page, own.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await eventually(() => page.evaluate(() => !!navigator.serviceWorker.controller), { message: 'service worker in control' });
    await page.waitForTimeout(500);
    assert.ok(!asked('belfiore') && !asked('comuni'), `nothing heavy at the start: ${data.join(' ')}`);

    await page.check('#did-naspi');
    await next(page);
    await atStep(page, 'Dati personali');
    await personal(page);
    await pickPlace(page, 'did-birthplace', 'Torin', 'L219');
    assert.ok(data.includes('/data/belfiore.cols.txt'), `belfiore in compact form: ${data.join(' ')}`);
    assert.ok(!asked('comuni'), 'the comuni wait for the residence step');
    await page.check('#did-citizenship');
    await next(page);
    await atStep(page, 'Residenza e domicilio');
    await pickPlace(page, 'did-res-comune', 'Bologna', '037006');
    assert.ok(data.includes('/data/comuni.cols.txt'), `comuni in compact form: ${data.join(' ')}`);
    assert.ok(!data.some((p) => /\/(belfiore|comuni)\.json$/.test(p)), 'the JSON forms are never downloaded');
    await page.waitForSelector('.draft-state[data-state="saved"]');
    await eventually(async () => (await stored('belfiore')) && (await stored('comuni')), { message: 'both stored in IndexedDB' });

    // Return visit with no server at all: both lists come from the device,
    // and Fabio goes on under the identity last seen here.
    own.stop();
    stopped = true;
    await page.reload();
    await ready(page);
    await page.waitForSelector('.notice:has-text("Sei offline: continui come Fabio Caccamo")');
    await atStep(page, 'Residenza e domicilio');
    await pickPlace(page, 'did-res-comune', 'Modena', '036023');
    await page.click('.did-nav button:has-text("Indietro")');
    await atStep(page, 'Dati personali');
    assert.equal(await page.inputValue('#did-birthplace'), 'Torino (TO)');
    await page.fill('#did-birthplace', 'Bazz');
    await page.waitForSelector('#did-birthplace-list button[data-code="A726"]', { timeout: 30_000 });
    assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch/.test(e)), []);
  } finally {
    await browser.close();
    if (!stopped) own.stop();
  }
});
