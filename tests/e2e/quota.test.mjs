// A full disk (issue 17): when IndexedDB refuses writes (quota exceeded),
// the form keeps what the person typed and says so, and the outbox keeps
// what it had. The quota is made tiny through the DevTools protocol
// (Storage.overrideQuotaForOrigin), as a nearly full phone would have it.
// Chromium reads an origin's quota once per browser session and then keeps
// its own count, so the browser is started again on the same profile with
// the small quota in place before the app opens: the person comes back to
// the form another day, with the phone's disk full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ready, axeCheck, eventually, CHROMIUM_ARGS } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

async function fill(page, subject, body) {
  await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });
  await page.fill('#name', 'Maria Rossi');
  await page.fill('#email', 'maria.rossi@example.it');
  await page.selectOption('#cpi_id', 'cpi-bologna');
  await page.fill('#subject', subject);
  await page.fill('#body', body);
}

const outboxCount = (page) => page.evaluate(async () => {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('sportello-lavoro');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const n = await new Promise((resolve) => {
    const req = db.transaction('outbox').objectStore('outbox').count();
    req.onsuccess = () => resolve(req.result);
  });
  db.close();
  return n;
});

/** Chromium on a profile kept in `dir`, as a phone keeps its browser's data. */
async function open(dir) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 740 },
    locale: 'it-IT',
    serviceWorkers: 'block',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

const noise = (errors) => errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET|QuotaExceeded/.test(e));

test('a full disk: the form keeps what was typed, says why, and the outbox keeps its entry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-quota-'));
  try {
    // One message waits in the outbox (the API is unreachable).
    let { context, page, errors } = await open(dir);
    await page.route('**/api/v1/messages', (route) => route.abort('connectionreset'));
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await fill(page, 'Messaggio in attesa', 'Spedito senza rete.');
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForSelector('text=Messaggio salvato');
    assert.equal(await outboxCount(page), 1);
    assert.deepEqual(noise(errors), []);
    await context.close();

    // Another day, the disk is full: a quota of one byte.
    ({ context, page, errors } = await open(dir));
    await page.route('**/api/v1/messages', (route) => route.abort('connectionreset'));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    const subject = 'Scritto a disco pieno';
    const body = 'Questo testo non si può salvare sul dispositivo, ma resta nella pagina. '.repeat(20);
    await fill(page, subject, body);
    const draftLine = page.locator('.draft-state');
    await draftLine.filter({ hasText: 'spazio di archiviazione del dispositivo è esaurito' }).waitFor({ timeout: 10_000 });

    // Sending cannot store it either: the page says so and keeps everything.
    await page.click('button:has-text("Invia il messaggio")');
    await page.locator('.notice', { hasText: 'spazio di archiviazione' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.inputValue('#subject'), subject);
    assert.equal(await page.inputValue('#body'), body);
    assert.equal(await page.inputValue('#cpi_id'), 'cpi-bologna');
    assert.equal(await outboxCount(page), 1, 'the outbox kept its entry and gained none');
    await axeCheck(page, 'contact form with a full disk');

    // Space comes back: the same press sends it, and both reach the server.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url });
    await page.unroute('**/api/v1/messages');
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForFunction(() => document.querySelector('#subject')?.value === '');
    const stored = await eventually(async () => {
      const { records } = await server.received();
      const subjects = records.map((r) => r.payload.subject).sort();
      return subjects.length === 2 ? subjects : null;
    }, { timeout: 30_000, message: 'both messages stored' });
    assert.deepEqual(stored, ['Messaggio in attesa', subject].sort());
    assert.deepEqual(noise(errors), []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
