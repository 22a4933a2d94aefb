// Kiosk mode (docs/kiosk.md): a shared touch screen at a CPI. The build is
// changed as a CPI would change it (two lines in index.html). After one
// person fills part of a DID and of the profile and sends a message with no
// network, the idle timeout forgets them: nothing personal is left in
// IndexedDB, web storage or Cache Storage, the next person sees nothing of
// theirs, and the waiting message is still delivered, once, when the
// network returns, under the first person's session, which then ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, ready, eventually, login, axeCheck, distCopy, leftovers } from './harness.mjs';

const KIOSK = { width: 1080, height: 1920 };
let dist;
let server;
before(async () => {
  dist = distCopy({ meta: { 'sportello:mode': 'kiosk', 'sportello:kiosk-idle-seconds': '120' } });
  server = await startServer({ dist: dist.dir });
});
after(() => { server?.stop(); dist?.remove(); });

const SUBJECT = 'Messaggio dal chiosco';
const messages = async () => (await server.received()).records.filter((r) => r.kind === 'message' && r.payload?.subject === SUBJECT);
const benign = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

/** Every visible control a finger must hit, smaller than `min` px. */
async function smallTargets(page, min = 56) {
  return page.evaluate((min) => {
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], input, select, summary, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // Links inside running text are exempt (WCAG 2.5.5), as are inputs inside a larger label.
      if (el.matches('p a, li p a, dd a, .visually-hidden, .skip-link')) continue;
      const label = el.closest('label');
      const box = label && ['checkbox', 'radio'].includes(el.type) ? label.getBoundingClientRect() : r;
      if (box.height < min - 0.5) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}" ${Math.round(box.height)}px`);
    }
    return out;
  }, min);
}

test('kiosk: the idle timeout forgets the person; a message left waiting is delivered once, then the session ends', async () => {
  const { browser, context, page, errors } = await launch({ viewport: KIOSK, serviceWorkers: 'allow' });
  try {
    // Timers and Date are the page's fake clock: two minutes pass in a moment.
    await page.clock.install();
    await login(page, server.url, 'giulia', { path: '/il-mio-profilo' });
    assert.equal(await page.getAttribute('html', 'data-mode'), 'kiosk');
    assert.equal(await page.locator('button.kiosk-end:has-text("Termina sessione")').count(), 1);
    assert.equal(await page.locator('.account button:has-text("Esci")').count(), 0, 'a kiosk logs out only by ending the session');
    await eventually(() => page.evaluate(() => !!navigator.serviceWorker.controller), { message: 'service worker in control' });

    // Part of the profile and part of the DID, kept as drafts.
    await page.waitForSelector('h1:has-text("Il mio profilo")');
    await page.fill('#profile-address', 'Via Rizzoli 1');
    await page.fill('#profile-phone', '333 7654321');
    await page.goto(server.url + '/did');
    await ready(page);
    await page.waitForSelector('#did-step-heading');
    await page.check('#did-naspi');
    await page.click('.did-nav button:has-text("Continua")');
    await page.waitForSelector('#did-step-heading:has-text("Dati personali")');
    assert.ok((await leftovers(page)).records.drafts >= 2, 'the DID and the profile are drafts');
    assert.deepEqual(await smallTargets(page), [], 'DID touch targets');

    // No network: a message to the CPI waits in the outbox.
    await context.setOffline(true);
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });
    await page.selectOption('#cpi_id', 'cpi-bologna');
    await page.fill('#name', 'Giulia Bianchi');
    await page.fill('#email', 'giulia.bianchi@example.it');
    await page.fill('#subject', SUBJECT);
    await page.fill('#body', 'Scritto allo sportello del CPI, senza rete.');
    await page.click('button:has-text("Invia il messaggio")');
    await page.waitForSelector('text=Messaggio salvato');
    await page.waitForSelector('.status.pending');

    // 100 s without a touch: the warning counts down; a touch cancels it.
    await page.clock.runFor(101_000);
    await page.waitForSelector('.kiosk-cover h2:has-text("Sei ancora qui?")');
    assert.match(await page.textContent('.kiosk-countdown'), /Tra (19|20) secondi/);
    await axeCheck(page, 'kiosk idle warning');
    await page.mouse.click(10, 10);
    await page.waitForSelector('.kiosk-cover', { state: 'detached' });
    assert.ok((await leftovers(page)).records.drafts >= 2, 'a touch keeps everything');

    // Two minutes with no touch: the session ends and the home page opens.
    await page.clock.runFor(121_000);
    await page.waitForURL((u) => u.pathname === '/', { timeout: 30_000 });
    await ready(page);
    await page.waitForSelector('.account a:has-text("Accedi")');
    const left = await leftovers(page);
    assert.deepEqual(left.records, { settings: 0, drafts: 0, outbox: 1, personal: 0 }, JSON.stringify(left.records));
    assert.equal(left.outbox[0].sealed, true, 'the waiting message is sealed');
    assert.equal(left.outbox[0].state, 'pending');
    // Only the note that the backend session must still be ended (not personal).
    assert.deepEqual(left.local, ['sportello:kiosk-logout-owed']);
    assert.equal(left.session, 0);
    assert.deepEqual(left.caches.filter((c) => c.personal || c.cache !== 'sportello-shell-v1'), []);

    // The next person sees nothing of the first one's.
    assert.equal(await page.locator('.badge, .status.pending').count(), 0, 'no pending count');
    await page.click('nav#main-nav a:has-text("Le mie richieste")');
    await page.waitForSelector('h1:has-text("Le mie richieste")');
    assert.doesNotMatch(await page.textContent('main'), new RegExp(SUBJECT));
    await page.click('nav#main-nav a:has-text("Il mio profilo")');
    await page.waitForSelector('#profile-address');
    await page.waitForTimeout(300);
    assert.equal(await page.inputValue('#profile-address'), '');
    assert.equal((await messages()).length, 0, 'nothing was delivered yet');

    // The network returns: the message goes under Giulia's session, once, and that session ends.
    await context.setOffline(false);
    await eventually(async () => (await messages()).length === 1, { timeout: 30_000, message: 'message delivered' });
    await eventually(async () => (await leftovers(page)).records.outbox === 0, { message: 'sealed entry removed once delivered' });
    await eventually(async () => (await leftovers(page)).local.length === 0, { message: 'logout done' });
    assert.equal(await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status)), 401, 'the first person\'s session is over');
    const [message] = await messages();
    assert.equal(message.attempts ?? 1, 1);
    assert.equal(await page.locator('.account a:has-text("Accedi")').count(), 1);
    assert.deepEqual(benign(errors), []);
  } finally {
    await browser.close();
  }
});

test('kiosk: "Termina sessione" asks, then wipes at once and logs out; big targets; no way out of the app', async () => {
  const { browser, page, errors } = await launch({ viewport: KIOSK });
  try {
    await login(page, server.url, 'giulia', { path: '/il-mio-profilo' });
    await page.fill('#profile-address', 'Via Rizzoli 1');
    await eventually(async () => (await leftovers(page)).records.drafts >= 1, { message: 'draft saved' });
    assert.deepEqual(await smallTargets(page), [], 'profile touch targets');
    await page.click('button.kiosk-end');
    await page.waitForSelector('.kiosk-cover h2:has-text("Vuoi terminare la sessione?")');
    await axeCheck(page, 'kiosk confirm');
    await page.click('.kiosk-cover button:has-text("No, continua")');
    await page.waitForSelector('.kiosk-cover', { state: 'detached' });
    assert.equal(await page.inputValue('#profile-address'), 'Via Rizzoli 1');

    await page.click('button.kiosk-end');
    await page.click('.kiosk-cover button:has-text("Sì, termina e cancella")');
    await page.waitForURL((u) => u.pathname === '/');
    await ready(page);
    await page.waitForSelector('.account a:has-text("Accedi")');
    const left = await leftovers(page);
    assert.deepEqual(left.records, { settings: 0, drafts: 0, outbox: 0, personal: 0 });
    assert.deepEqual(left.local, [], 'online, the logout happened at once');
    assert.equal(await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status)), 401);

    // The home page and the CPI list at kiosk size: big targets, no links out of the app.
    assert.deepEqual(await smallTargets(page), [], 'home touch targets');
    await axeCheck(page, 'kiosk home');
    await page.goto(server.url + '/cpi');
    await ready(page);
    await page.waitForSelector('.office-card, .office', { timeout: 15_000 }).catch(() => {});
    const outside = await page.evaluate(() => [...document.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href'))
      .filter((h) => /^(mailto:|tel:|https?:)/.test(h) && !h.startsWith(location.origin)));
    assert.deepEqual(outside, [], 'no link leaves the app');

    // A public page carries a QR code of its own address, and nothing else.
    const service = JSON.parse(readFileSync(new URL('../../public/data/catalogue.json', import.meta.url), 'utf8')).items[0];
    await page.goto(`${server.url}/servizi/${service.id}`);
    await ready(page);
    await page.waitForSelector('.kiosk-qr-code svg');
    assert.equal(await page.getAttribute('.kiosk-qr-code', 'data-url'), `${server.url}/servizi/${service.id}`);
    await axeCheck(page, 'kiosk service page with QR code');

    // The on-screen keyboard over the lower half of the screen: the page shrinks
    // (interactive-widget=resizes-content) and the field being typed in stays in sight, uncovered.
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await page.setViewportSize({ width: 1080, height: 960 });
    for (const field of ['#subject', '#body']) {
      await page.focus(field);
      await page.keyboard.type('a');
      const seen = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, Math.min(r.top + 12, innerHeight - 1));
        return r.top >= 0 && r.top < innerHeight && (hit === el || el.contains(hit));
      });
      assert.ok(seen, `${field} visible above the keyboard`);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
    // The one 401 is the test's own check that the session is over.
    assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  } finally {
    await browser.close();
  }
});
