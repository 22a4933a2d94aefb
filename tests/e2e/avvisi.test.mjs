// Avvisi pubblici end to end (issue 13): find a notice, check eligibility,
// simulate the score with its breakdown, apply offline and see the delivery
// with the protocol number, find oneself in the published ranking, file a
// riesame inside the window; outside it (a final ranking) it is refused, and
// so is applying after the deadline. axe at phone and kiosk sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, axeCheck, login, eventually } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

test('a notice from the list to the ranking and the riesame', async () => {
  const { browser, context, page, errors } = await launch({ viewport: { width: 360, height: 780 } });
  try {
    await login(page, server.url, 'giulia', { path: '/avvisi' });
    await ready(page);
    await page.waitForSelector('h1:has-text("Avvisi pubblici")');
    await page.waitForSelector('.avviso-card');
    // Open notices by default, each with its countdown.
    const statuses = await page.$$eval('.avviso-card', (els) => els.map((e) => e.dataset.status));
    assert.ok(statuses.length >= 3 && statuses.every((s) => s === 'open'), statuses.join());
    assert.match(await page.textContent('.avviso-card .avviso-status'), /Aperto: scade tra \d+ giorni/);
    await page.selectOption('#av-f-status', 'all');
    await page.waitForFunction(() => document.querySelectorAll('.avviso-card').length >= 5);
    await page.selectOption('#av-f-comune', 'Bologna');
    await page.waitForFunction(() => [...document.querySelectorAll('.avviso-card')].every((c) => c.textContent.includes('Bologna')));
    await axeCheck(page, '/avvisi at 360px');
    await page.click('.avviso-card a:has-text("Operatore ausiliario")');
    await page.waitForSelector('h1:has-text("Operatore ausiliario dei servizi sanitari")');
    assert.match(page.url(), /\/avvisi\/AVV-ER-2026-012$/);

    // Eligibility: every requirement with its reason.
    await page.fill('#av-birth', '10');
    await page.fill('#av-birth-month', '4');
    await page.fill('#av-birth-year', '1985');
    await page.selectOption('#av-education', '4');
    await page.check('#av-has-did'); // Sì
    await page.waitForFunction(() => document.querySelectorAll('.elig-list .elig-met').length >= 3);
    assert.equal(await page.locator('.elig-list .elig-not-met').count(), 0);
    assert.match(await page.textContent('.elig-list'), /ne avrai 42, requisito soddisfatto/);

    // The score, line by line: 100 − 12 (ISEE 12.500) + 5 (DID) + 2 (41 at publication) = 95.
    await page.click('#av-simulate');
    await page.waitForSelector('#av-did-date-error, .score-table, #av-score-result .error-text');
    await page.fill('#av-did-date', '10');
    await page.fill('#av-did-date-month', '1');
    await page.fill('#av-did-date-year', '2025');
    await page.fill('#av-isee', '12500,00');
    await page.waitForSelector('.score-table');
    const lines = await page.textContent('.score-table');
    assert.match(lines, /Punteggio di partenza: 100/);
    assert.match(lines, /12\.500/);
    assert.match(lines, /DID del 10\/01\/2025/);
    assert.match(await page.textContent('.score-total'), /Totale: 95 punti/);
    await axeCheck(page, 'notice with eligibility and score');

    // Apply offline: the outbox keeps it, and delivers it back online with a protocol number.
    await page.check('#av-decl-truth');
    await page.check('#av-decl-privacy');
    await context.setOffline(true);
    await page.click('#av-apply');
    await page.waitForSelector('#av-application-status:has-text("partirà appena c\'è connessione")');
    await context.setOffline(false);
    await page.waitForSelector('#av-application-status .protocol', { timeout: 30_000 });
    const protocol = (await page.textContent('#av-application-status .protocol')).match(/AVV-\d{4}-\d{6}/)[0];
    const stored = (await server.received()).records.filter((r) => r.kind === 'avviso_application');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].payload.avviso_id, 'AVV-ER-2026-012');
    assert.equal(stored[0].payload.simulated_score, 95);

    // The CPI publishes the provisional ranking: the person finds themselves by protocol.
    const published = await fetch(`${server.url}/api/v1/_demo/avvisi/AVV-ER-2026-012/publish`, { method: 'POST' });
    assert.equal(published.status, 200);
    await page.reload();
    await ready(page);
    await page.waitForSelector('h2:has-text("Graduatoria provvisoria")', { timeout: 30_000 });
    await page.waitForSelector('.ranking-table tr.mine');
    assert.match(await page.textContent('.ranking-table tr.mine'), new RegExp(protocol));
    assert.match(await page.textContent('.my-position'), /Sei in posizione 1/);
    assert.match(await page.textContent('.review-countdown'), /ancora per 8 giorni/);
    await axeCheck(page, 'ranking with the person highlighted');

    // A riesame inside the window: a short reason first, then a real one.
    await page.fill('#av-review-reason', 'no');
    await page.click('#av-review-send');
    assert.match(await page.textContent('#av-review-reason-error'), /almeno 10 caratteri/);
    await page.fill('#av-review-reason', "Non è stata contata la mia DID del gennaio 2025: allego l'attestato.");
    await page.click('#av-review-send');
    await page.waitForSelector('#av-review-status:has-text("Richiesta di riesame ricevuta")', { timeout: 30_000 });
    await eventually(async () => (await server.received()).records.some((r) => r.kind === 'review' && r.payload.protocol === protocol));

    // A final ranking: no riesame any more. A closed notice: no application.
    await page.goto(server.url + '/avvisi/AVV-ER-2026-003');
    await ready(page);
    await page.waitForSelector('h2:has-text("Graduatoria definitiva")');
    assert.match(await page.textContent('#av-review-closed'), /definitiva: non si può più chiedere il riesame/);
    assert.match(await page.textContent('#av-apply-closed'), /scaduto il 15\/09\/2026/);
    await axeCheck(page, 'final ranking');
    await page.screenshot({ path: '/tmp/avvisi-360.png', fullPage: false }).catch(() => {});
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|404/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('the notices at kiosk size', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 1080, height: 1920 } });
  try {
    await page.goto(server.url + '/avvisi/AVV-ER-2026-011');
    await ready(page);
    await page.waitForSelector('h1:has-text("autista di scuolabus")');
    // Without a D licence the requirement says why it is not met.
    await page.check('#av-licences-B');
    await page.waitForSelector('.elig-not-met:has-text("Patente D: requisito non soddisfatto")');
    await axeCheck(page, 'notice at 1080px');
    await page.screenshot({ path: '/tmp/avvisi-1080.png', fullPage: false }).catch(() => {});
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
