// "I servizi per te": the questionnaire, its precise messages, and a map of
// services whose every item carries its reason (from the person's own
// answers) and links to its catalogue page; answers survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, axeCheck, login } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

test('answers give a map of services with reasons and links; bad answers are explained', async () => {
  for (const viewport of [{ width: 360, height: 780 }, { width: 1080, height: 1920 }]) {
    const { browser, page, errors } = await launch({ viewport });
    try {
      await page.goto(server.url + '/servizi-per-te');
      await ready(page);
      await page.waitForSelector('h1:has-text("I servizi per te")');
      await axeCheck(page, `questionnaire at ${viewport.width}px`);

      await page.fill('#q-age', '14');
      await page.check('#q-disability'); // Sì
      await page.click('button:has-text("Mostra i servizi per te")');
      await page.waitForSelector('#q-error-summary .error-summary');
      const summary = await page.textContent('#q-error-summary');
      assert.ok(summary.includes("Indica l'età in anni, con un numero da 15 a 99: «14» non va bene."), summary);
      assert.ok(summary.includes('Indica la percentuale di invalidità riconosciuta nel verbale.'), summary);
      assert.ok((await page.textContent('#q-age-error')).includes('«14»'), 'the message is next to its field');
      assert.equal(await page.locator('.service-map').count(), 0, 'no map while answers are wrong');
      await axeCheck(page, `questionnaire with errors at ${viewport.width}px`);

      await page.fill('#q-age', '24');
      await page.fill('#q-disability-percent', '46');
      await page.check('#q-has-cv-1'); // No
      await page.check('#q-care'); // Sì
      await page.check('#q-naspi'); // Sì
      await page.fill('#q-naspi-since', '1');
      await page.fill('#q-naspi-since-month', '3');
      await page.fill('#q-naspi-since-year', '2026');
      await page.click('button:has-text("Mostra i servizi per te")');
      await page.waitForSelector('.service-map .map-item');
      await page.waitForFunction(() => document.activeElement?.id === 'map-title');
      const items = await page.$$eval('.map-item', (els) => els.map((e) => ({
        service: e.dataset.service, href: e.querySelector('a')?.getAttribute('href'), title: e.querySelector('h3')?.textContent, reason: e.querySelector('.map-reason')?.textContent,
      })));
      const by = Object.fromEntries(items.map((i) => [i.service, i]));
      for (const id of ['accompagnamento-al-lavoro', 'assegno-di-ricollocazione', 'collocamento-mirato', 'conciliazione-lavoro-cura', 'attivazione-del-tirocinio']) {
        assert.ok(by[id], `${id} recommended: ${JSON.stringify(items)}`);
        assert.equal(by[id].href, `/servizi/${id}`);
        assert.ok(by[id].reason.length > 20, `${id} has its reason`);
      }
      assert.ok(items.every((i) => i.reason && i.href), 'every item has a reason and a link');
      assert.match(by['collocamento-mirato'].reason, /46%/);
      assert.match(by['attivazione-del-tirocinio'].reason, /24 anni/);
      assert.match(by['assegno-di-ricollocazione'].reason, /01\/03\/2026/);
      await page.waitForSelector('.map-item[data-service="collocamento-mirato"] h3:has-text("Collocamento mirato")');
      const bring = await page.textContent('.map-bring');
      assert.match(bring, /verbale di invalidità civile/);
      assert.match(bring, /domanda di NASpI/);
      assert.match(await page.textContent('.q-index'), /lo calcola il Centro per l'Impiego/);
      assert.match(await page.textContent('.service-map'), /Regole aggiornate al 02\/12\/2026/);
      await axeCheck(page, `service map at ${viewport.width}px`);
      await page.screenshot({ path: `/tmp/map-${viewport.width}.png`, fullPage: false }).catch(() => {});

      // The answers are a draft on the device: a reload keeps them.
      await page.waitForTimeout(500);
      await page.reload();
      await ready(page);
      await page.waitForFunction(() => document.querySelector('#q-age')?.value === '24');
      assert.equal(await page.isChecked('#q-care'), true);
      // The link leads to the catalogue page.
      await page.click('button:has-text("Mostra i servizi per te")');
      await page.click('.map-item[data-service="collocamento-mirato"] a');
      await page.waitForSelector('h1:has-text("Collocamento mirato")');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  }
});

test('the answers go to the CPI in the person\'s name, and the index the CPI computed is shown, never estimated', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/servizi-per-te');
    await ready(page);
    await page.fill('#q-age', '31');
    await page.check('#q-has-cv'); // Sì
    await page.click('button:has-text("Mostra i servizi per te")');
    await page.waitForSelector('.q-index-pending:has-text("lo calcola il Centro per l\'Impiego")');
    // Sending needs SPID or CIE.
    await page.waitForSelector('.q-send .login-required a:has-text("Entra con SPID")');
    await login(page, server.url, 'giulia', { path: '/servizi-per-te' });
    // Her certified birth date (12/03/1994) gives the age, not what was typed.
    await page.waitForFunction(() => document.querySelector('#q-age')?.value === '32', null, { timeout: 15_000 });
    assert.match(await page.textContent('#q-age-hint'), /identità digitale/);
    await page.click('button:has-text("Mostra i servizi per te")');
    await page.waitForSelector('.q-index-pending');
    await page.click('.q-send button:has-text("Manda le risposte")');
    await page.waitForSelector('#q-send-result .notice-success');
    // Delivered: the CPI's index appears (the demo server's, marked as such).
    await page.waitForSelector('.q-index-value:has-text("Indice 31%")', { timeout: 30_000 });
    assert.match(await page.textContent('.q-index-class'), /^Medio-basso/);
    await page.waitForSelector('.demo-note:has-text("Dato dimostrativo")');
    await axeCheck(page, 'profiling index');
    const stored = (await server.received()).records.filter((r) => r.kind === 'profiling');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].person?.codice_fiscale, 'BNCGLI94C52A944G');
    assert.equal(stored[0].payload.answers.eta, 32, 'the certified age, as ANPAL\'s "eta"');
    assert.equal(stored[0].payload.answers.ha_un_curriculum, true);
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  } finally {
    await browser.close();
  }
});
