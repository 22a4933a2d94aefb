// Drafts and the outbox: nothing typed is lost, and an offline submission
// reaches the CPI API exactly once when the network returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, eventually, axeCheck, login } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

async function fillMessage(page, subject) {
  await page.goto(server.url + '/scrivi-al-cpi');
  await ready(page);
  await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });
  await page.fill('#name', 'Maria Rossi');
  await page.fill('#email', 'maria.rossi@example.it');
  await page.selectOption('#cpi_id', 'cpi-bologna');
  await page.fill('#subject', subject);
  await page.fill('#body', 'Vorrei un appuntamento per il patto di servizio.');
}

const messagesWith = async (subject) => (await server.received()).records.filter((r) => r.payload?.subject === subject);

test('a draft survives a reload and can be discarded', async () => {
  const { browser, page, errors } = await launch();
  try {
    await fillMessage(page, 'Bozza da ritrovare');
    await page.waitForSelector('.draft-state:has-text("Bozza salvata")');
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelector('#subject')?.value === 'Bozza da ritrovare');
    assert.equal(await page.inputValue('#body'), 'Vorrei un appuntamento per il patto di servizio.');
    assert.equal(await page.inputValue('#cpi_id'), 'cpi-bologna');
    await page.waitForSelector('text=Abbiamo ripreso la bozza');
    await page.click('button:has-text("Cancella la bozza")');
    await page.reload();
    await ready(page);
    await page.waitForSelector('.draft-state:has-text("Bozza salvata")');
    assert.equal(await page.inputValue('#subject'), '');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('invalid input shows precise messages and keeps what was typed', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await page.fill('#email', 'maria@');
    await page.fill('#phone', '12ab');
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForSelector('#error-summary .notice-error');
    for (const text of [
      'Inserisci nome e cognome.',
      "L'indirizzo email non è valido",
      'Il numero di telefono non è valido',
      "Scegli il Centro per l'Impiego",
      "Inserisci l'oggetto del messaggio.",
      'Scrivi il testo del messaggio.',
    ]) {
      assert.ok(await page.locator('#error-summary').getByText(text, { exact: false }).count() > 0, text);
    }
    assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#email'), 'maria@');
    await axeCheck(page, 'contact form with errors');
    assert.equal((await server.received()).records.length, 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('offline submission is delivered exactly once after reconnecting', async () => {
  const { browser, context, page, errors } = await launch();
  try {
    const subject = 'Messaggio inviato offline';
    await fillMessage(page, subject);
    await context.setOffline(true);
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForSelector('text=Messaggio salvato');
    await page.waitForSelector('.status.offline');
    await page.click('nav#main-nav a:has-text("Le mie richieste")');
    await page.waitForSelector('.outbox-item .state-pending');
    const key = await page.getAttribute('.outbox-item', 'data-key');
    assert.match(key, /^[0-9a-f-]{36}$/);
    // Several retry ticks pass while offline: nothing reaches the server.
    await page.waitForTimeout(6_000);
    assert.equal((await messagesWith(subject)).length, 0);

    await context.setOffline(false);
    await page.waitForSelector('.outbox-item .state-delivered', { timeout: 20_000 });
    const text = await page.textContent('.outbox-item');
    assert.match(text, /MSG-\d{4}-\d{6}/);
    // More ticks and a reload must not send it again.
    await page.reload();
    await ready(page);
    await page.waitForTimeout(6_000);
    const stored = await messagesWith(subject);
    assert.equal(stored.length, 1, 'exactly one record on the server');
    assert.equal(stored[0].idempotency_key, key);
    // Benign errors from the offline period (failed fetches) are not app errors.
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('a pending submission survives a reload and server errors, then lands once', async () => {
  const { browser, page, errors } = await launch();
  try {
    const subject = 'Messaggio con server in errore';
    // The API is unreachable (dropped connection) while the page is online.
    await page.route('**/api/v1/messages', (route) => route.abort('connectionreset'));
    await fillMessage(page, subject);
    await page.click('button:has-text("Invia il messaggio")');
    await page.goto(server.url + '/le-mie-richieste');
    await page.waitForSelector('.outbox-item .state-pending');
    await page.reload();
    await ready(page);
    await page.waitForSelector('.outbox-item .state-pending');
    // Then the server answers 503 twice before accepting.
    await server.api('/api/v1/_demo/fail-next', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 2, status: 503 }) });
    await page.unroute('**/api/v1/messages');
    for (let i = 0; i < 3; i++) {
      await page.click('button:has-text("Riprova adesso")').catch(() => {});
      await page.waitForTimeout(500);
    }
    await page.waitForSelector('.outbox-item .state-delivered', { timeout: 30_000 });
    const stored = await eventually(async () => { const s = await messagesWith(subject); return s.length ? s : null; }, { message: 'record stored' });
    assert.equal(stored.length, 1);
    const { attempts } = await server.received();
    assert.ok(attempts[stored[0].idempotency_key] >= 3, 'the failures were real attempts with the same key');
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET|503/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('a stored delivery failure reads in the language of whoever looks at it', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.route('**/api/v1/messages', (route) => route.abort('connectionreset'));
    await fillMessage(page, 'Messaggio letto in inglese');
    await page.click('button:has-text("Invia il messaggio")');
    await page.goto(server.url + '/le-mie-richieste');
    await ready(page);
    // The card shows the entry's title (the office), not the subject; this
    // browser context holds this one entry.
    const item = page.locator('.outbox-item', { hasText: 'Bologna' });
    await item.locator('.outbox-detail:has-text("Nessuna connessione")').waitFor();

    // The failure is stored as a kind: in English it reads in English.
    await page.selectOption('.lang-switch select', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.reload();
    await ready(page);
    await item.locator('.outbox-detail:has-text("No connection")').waitFor();
    assert.doesNotMatch(await item.textContent(), /Nessuna connessione|riproveremo/);

    // A server error without a problem text: the app's own message, in English.
    await page.unroute('**/api/v1/messages');
    await page.route('**/api/v1/messages', (route) => route.fulfill({ status: 503, body: '' }));
    await page.click('button:has-text("Retry now")');
    await item.locator('.outbox-detail:has-text("error 503")').waitFor({ timeout: 15_000 });
    const detail = await item.locator('.outbox-detail').textContent();
    assert.match(detail, /The server answered with error 503: we will try again\./);
    assert.doesNotMatch(detail, /errore|riproveremo/);

    // A problem text from the server is its own words, after an English lead-in.
    await page.unroute('**/api/v1/messages');
    await page.route('**/api/v1/messages', (route) => route.fulfill({
      status: 500, contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Errore interno', status: 500, detail: 'Servizio in manutenzione.' }),
    }));
    await page.click('button:has-text("Retry now")');
    await item.locator('.outbox-detail:has-text("Servizio in manutenzione.")').waitFor({ timeout: 15_000 });
    assert.match(await item.locator('.outbox-detail').textContent(), /^The server's answer: Servizio in manutenzione\.$/);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET|503|500/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('an anonymous message whose answer was lost is recognised after a login, not refused', async () => {
  const { browser, page, errors } = await launch();
  try {
    const subject = 'Messaggio anonimo con risposta persa';
    // The server stores the first attempt; its answer never arrives.
    let first = true;
    await page.route('**/api/v1/messages', async (route) => {
      if (!first) return route.continue();
      first = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await fillMessage(page, subject);
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForSelector('text=Messaggio salvato');
    await eventually(async () => (await messagesWith(subject)).length === 1, { message: 'first attempt stored' });
    // The person logs in before the retry: the message stays as it was written, anonymous.
    await login(page, server.url, 'giulia', { path: '/le-mie-richieste' });
    const item = page.locator('.outbox-item', { hasText: 'Bologna' });
    for (let i = 0; i < 10 && !(await item.locator('.state-delivered').count()); i++) {
      await page.click('button:has-text("Riprova adesso")').catch(() => {});
      await page.waitForTimeout(1_000);
    }
    await item.locator('.state-delivered').waitFor({ timeout: 15_000 });
    const stored = await messagesWith(subject);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].person, null, 'not bound to whoever logged in later');
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET/.test(e)), []);
  } finally {
    await browser.close();
  }
});
