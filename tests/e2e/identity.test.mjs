// Identity (SPID/CIE through the CPI backend, docs/api.md): public pages
// never ask for a login; personal ones say so and offer SPID and CIE; the
// demo login page is accessible; the person's name shows once logged in and
// their certified data fill the DID; a submission made before the session
// ended waits for the same person and is never sent in someone else's name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, eventually, axeCheck, login } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const GIULIA = 'BNCGLI94C52A944G';
const MARCO = 'RSSMRC80L05F257Y';
const benign = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e));

test('public pages never ask; the DID asks, the demo login page is accessible, SPID data are certified', async () => {
  for (const viewport of [{ width: 360, height: 780 }, { width: 1080, height: 1920 }]) {
    const { browser, page, errors } = await launch({ viewport });
    try {
      for (const path of ['/', '/servizi', '/cpi', '/offerte', '/scrivi-al-cpi']) {
        await page.goto(server.url + path);
        await ready(page);
        await page.waitForSelector('.account a:has-text("Accedi")');
        await page.waitForTimeout(300);
        assert.equal(await page.locator('.login-required').count(), 0, `${path} never asks for a login`);
      }

      await page.goto(server.url + '/did');
      await ready(page);
      await page.waitForSelector('.login-required h2:has-text("Per questo servizio serve l\'accesso")');
      assert.ok((await page.textContent('.login-required')).includes('resta salvato su questo dispositivo'));
      const spid = await page.getAttribute('.login-required a:has-text("Entra con SPID")', 'href');
      assert.equal(spid, '/api/v1/auth/login?return=/did&provider=spid');
      assert.equal(
        await page.getAttribute('.login-required a:has-text("Entra con CIE")', 'href'),
        '/api/v1/auth/login?return=/did&provider=cie',
      );
      await axeCheck(page, `/did logged out at ${viewport.width}px`);

      // The demo identity provider: marked as a demonstration, accessible.
      await page.click('.login-required a:has-text("Entra con CIE")');
      await page.waitForSelector('text=DIMOSTRAZIONE');
      assert.equal(await page.locator('form').count(), 1, 'only the chosen provider');
      await axeCheck(page, `demo login page at ${viewport.width}px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
      await page.check('#cie-giulia');
      await page.click('button:has-text("Entra con CIE")');
      await page.waitForURL((u) => u.pathname === '/did');
      await ready(page);
      await page.waitForSelector('.account-name:has-text("Giulia Bianchi")');

      // CIE gave every personal detail: nothing of it is typed.
      await page.check('#did-naspi');
      await page.click('.did-nav button:has-text("Continua")');
      await page.waitForSelector('.identity-facts:has-text("Dati certificati da CIE")');
      await page.waitForSelector('.identity-facts dd:has-text("Bologna (BO)")', { timeout: 30_000 });
      const facts = await page.textContent('.identity-facts');
      for (const text of [GIULIA, 'Bianchi', 'Giulia', 'Femminile', '12/03/1994']) assert.ok(facts.includes(text), `certified: ${text}`);
      for (const id of ['#did-cf', '#did-sex', '#did-birth-date', '#did-birthplace']) {
        assert.equal(await page.locator(`input${id}`).count(), 0, `${id} is not a box to fill`);
      }
      await axeCheck(page, `certified personal data at ${viewport.width}px`);
      await page.screenshot({ path: `/tmp/identity-${viewport.width}.png`, fullPage: false }).catch(() => {});
      await page.click('.account button:has-text("Esci")');
      await page.waitForSelector('.login-required');
      assert.deepEqual(benign(errors), []);
    } finally {
      await browser.close();
    }
  }
});

test('a submission waits for the same person after the session ends, and never goes under someone else', async () => {
  const { browser, context, page, errors } = await launch();
  const messages = async () => (await server.received()).records.filter((r) => r.kind === 'message' && r.payload?.subject === 'Colloquio di orientamento');
  try {
    await login(page, server.url, 'giulia', { path: '/scrivi-al-cpi' });
    await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });
    await page.selectOption('#cpi_id', 'cpi-bologna');
    await page.fill('#name', 'Giulia Bianchi');
    await page.fill('#email', 'giulia.bianchi@example.it');
    await page.fill('#subject', 'Colloquio di orientamento');
    await page.fill('#body', 'Vorrei fissare un colloquio di orientamento.');

    // Sent offline; meanwhile the session ends on the server.
    await context.setOffline(true);
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForSelector('text=Messaggio salvato');
    const expired = await fetch(`${server.url}/api/v1/_demo/sessions/expire`, { method: 'POST' });
    assert.equal(expired.status, 200);
    await context.setOffline(false);
    await page.waitForSelector('.status.expired:has-text("La sessione è scaduta")');
    await page.waitForSelector('.account a:has-text("Accedi")');
    await page.waitForTimeout(6_000);
    assert.equal((await messages()).length, 0, 'not sent without its owner\'s session');

    // Someone else logs in on the same device: it stays, unseen and unsent.
    await login(page, server.url, 'marco', { path: '/le-mie-richieste' });
    await page.waitForSelector('.outbox-hidden:has-text("1 invii fatti da altre persone")');
    assert.equal(await page.locator('.outbox-item').count(), 0, 'Marco does not see Giulia\'s message');
    await page.waitForTimeout(6_000);
    assert.equal((await messages()).length, 0, 'never in someone else\'s name');
    await axeCheck(page, 'outbox of another person');
    await page.click('.account button:has-text("Esci")');
    await page.waitForSelector('.account a:has-text("Accedi")');

    // Giulia is back: it goes, once, in her name.
    await login(page, server.url, 'giulia', { path: '/le-mie-richieste' });
    await page.waitForSelector('.outbox-item .state-delivered', { timeout: 30_000 });
    const stored = await eventually(async () => { const m = await messages(); return m.length ? m : null; }, { message: 'message stored' });
    assert.equal(stored.length, 1);
    assert.equal(stored[0].person?.codice_fiscale, GIULIA);
    assert.notEqual(stored[0].person?.codice_fiscale, MARCO);
    assert.deepEqual(benign(errors).filter((e) => !/401|Unauthorized/.test(e)), []);
  } finally {
    await browser.close();
  }
});
