// The service catalogue (/servizi, /servizi/:id) and the office finder (/cpi):
// needs, search, audience filter, permalinks, URL state and back navigation,
// axe on every page, zero console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, axeCheck, eventually } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const COUNT = 'p.result-count';

/** Open /servizi (optionally with a query string) and wait for the results. */
async function openCatalogue(page, search = '') {
  await page.goto(server.url + '/servizi' + search);
  await ready(page);
  await page.waitForSelector('h1:has-text("Catalogo dei servizi")');
  await page.waitForSelector(`${COUNT}:has-text("trovat")`);
}

const resultTitles = (page) => page.locator('.service-card-title a').allTextContents();
const query = (page) => Object.fromEntries(new URL(page.url()).searchParams);

test('browse by need: need -> list -> service in two clicks', async () => {
  const { browser, page, errors } = await launch();
  try {
    await openCatalogue(page);
    await page.waitForLoadState('networkidle');
    await axeCheck(page, '/servizi');
    const all = (await resultTitles(page)).length;
    assert.ok(all >= 18, `every service is listed at first (${all})`);

    // Click 1: the need.
    await page.click('a.need-link:has-text("Cerco lavoro")');
    await eventually(() => query(page).bisogno === 'find_job', { message: 'bisogno=find_job in the URL' });
    await eventually(async () => (await resultTitles(page)).length < all, { message: 'the list narrows' });
    assert.equal(await page.getAttribute('a.need-link:has-text("Cerco lavoro")', 'aria-current'), 'true');
    assert.match(await page.textContent(COUNT), /\d+ servizi trovati/);
    // Focus moves to the results so screen readers and the viewport follow.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'risultati');
    const titles = await resultTitles(page);
    assert.ok(titles.includes('Accompagnamento al lavoro'), titles.join(' | '));
    // Employers' services are not in a job seeker's list.
    assert.equal(await page.locator('.service-card-employer').count(), 0);

    // Click 2: the service.
    await page.click('.service-card-title a:has-text("Accompagnamento al lavoro")');
    await page.waitForSelector('h1:has-text("Accompagnamento al lavoro")');
    assert.equal(new URL(page.url()).pathname, '/servizi/accompagnamento-al-lavoro');
    for (const h of ['Di cosa si tratta', 'A chi è rivolto', 'Come accedere', 'Cosa comprende', 'Riferimenti', 'Cosa puoi fare adesso']) {
      assert.equal(await page.locator(`h2:has-text("${h}")`).count(), 1, `section ${h}`);
    }
    // SAP codes and the legal basis of the DM 4/2018 scheda.
    assert.match(await page.textContent('.service-refs'), /B02, B03, B04, C06/);
    assert.match(await page.textContent('.service-refs'), /D\.Lgs\. 150\/2015/);
    // Existing sections are links (vacancies), the others are named as coming soon (patto).
    assert.equal(await page.locator('.service-next a[href="/cpi"]').count(), 1);
    assert.equal(await page.locator('.service-next a[href="/scrivi-al-cpi"]').count(), 1);
    assert.match(await page.textContent('.related-list'), /disponibile a breve/);
    assert.equal(await page.locator('.related-list a[href="/offerte"]').count(), 1);
    assert.match(await page.title(), /Accompagnamento al lavoro/);
    await axeCheck(page, '/servizi/accompagnamento-al-lavoro');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('search tolerates inflection and missing accents, and is in the URL', async () => {
  const { browser, page, errors } = await launch();
  try {
    await openCatalogue(page);
    const input = page.locator('#catalogue-q');
    await input.pressSequentially('tirocini', { delay: 30 });
    await eventually(() => query(page).q === 'tirocini', { message: 'q=tirocini in the URL' });
    await eventually(async () => (await resultTitles(page))[0] === 'Attivazione del tirocinio', { message: 'the traineeship service first' });
    // Typing kept the focus and every letter.
    assert.equal(await input.inputValue(), 'tirocini');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'catalogue-q');
    assert.equal(await page.getAttribute(COUNT, 'aria-live'), 'polite');
    await axeCheck(page, '/servizi?q=tirocini');

    // "attivita" without the accent finds what "attività" finds.
    await openCatalogue(page, '?q=' + encodeURIComponent('attività'));
    const accented = await resultTitles(page);
    assert.ok(accented.length > 0, 'attività finds services');
    await input.fill('');
    await input.pressSequentially('attivita', { delay: 20 });
    await eventually(() => query(page).q === 'attivita', { message: 'q=attivita' });
    await eventually(async () => JSON.stringify(await resultTitles(page)) === JSON.stringify(accented), { message: 'same results as attività' });

    // A search that finds nothing says so and offers a way out.
    await input.fill('zzzqqq');
    await page.waitForSelector(`${COUNT}:has-text("Nessun servizio trovato")`);
    assert.equal(await page.locator('.no-results a[href="/servizi"]').count(), 1);

    // A shared link with a query shows the same results after a reload.
    await openCatalogue(page, '?q=tirocini');
    assert.equal(await input.inputValue(), 'tirocini');
    assert.equal((await resultTitles(page))[0], 'Attivazione del tirocinio');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the audience filter narrows the list and employers are apart', async () => {
  const { browser, page, errors } = await launch();
  try {
    await openCatalogue(page);
    // Without a filter, employers' services have their own group and label.
    assert.equal(await page.locator('h3:has-text("Servizi per i datori di lavoro")').count(), 1);
    assert.ok(await page.locator('.service-card-employer .tag-employer').count() >= 1);

    await page.selectOption('#catalogue-per', 'employers');
    await eventually(() => query(page).per === 'employers', { message: 'per=employers' });
    await eventually(async () => (await page.locator('.service-card').count()) === (await page.locator('.service-card-employer').count()), { message: 'only employer services' });
    assert.equal(await page.locator('h3:has-text("Servizi per le persone")').count(), 0);

    await page.selectOption('#catalogue-per', 'disability');
    await eventually(() => query(page).per === 'disability', { message: 'per=disability' });
    await eventually(async () => (await resultTitles(page)).includes('Collocamento mirato'), { message: 'collocamento mirato listed' });
    assert.equal(await page.locator('.service-card-employer').count(), 0);
    // Services only for another group are left out.
    assert.ok(!(await resultTitles(page)).includes('Supporto all\'autoimpiego'));
    // The active filter can be removed in one click.
    await page.click('.active-filters a.chip:has-text("Per:")');
    await eventually(() => query(page).per === undefined, { message: 'filter removed' });
    await axeCheck(page, '/servizi (filters)');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('permalink: a service page survives a reload; an unknown id says so', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/servizi/attivazione-del-tirocinio');
    await ready(page);
    await page.waitForSelector('h1:has-text("Attivazione del tirocinio")');
    await page.reload();
    await page.waitForSelector('h1:has-text("Attivazione del tirocinio")');
    assert.equal(new URL(page.url()).pathname, '/servizi/attivazione-del-tirocinio');
    assert.equal(await page.locator('h1').count(), 1);

    await page.goto(server.url + '/servizi/servizio-che-non-esiste');
    await ready(page);
    await page.waitForSelector('h1:has-text("Servizio non trovato")');
    assert.match(await page.textContent('main'), /servizio-che-non-esiste/);
    await page.waitForLoadState('networkidle');
    await axeCheck(page, '/servizi/<unknown>');
    await page.click('main a.btn:has-text("Torna al catalogo")');
    await page.waitForSelector('h1:has-text("Catalogo dei servizi")');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the URL state survives back navigation', async () => {
  const { browser, page, errors } = await launch();
  try {
    await openCatalogue(page);
    await page.click('a.need-link:has-text("Cerco un tirocinio")');
    await eventually(() => query(page).bisogno === 'internship', { message: 'bisogno=internship' });
    await page.selectOption('#catalogue-per', 'young_people');
    await eventually(() => query(page).per === 'young_people', { message: 'per=young_people' });
    await page.locator('#catalogue-q').pressSequentially('tirocinio', { delay: 20 });
    await eventually(() => query(page).q === 'tirocinio', { message: 'q=tirocinio' });
    await eventually(async () => (await resultTitles(page))[0] === 'Attivazione del tirocinio', { message: 'results' });
    const before = await resultTitles(page);

    await page.click('.service-card-title a:has-text("Attivazione del tirocinio")');
    await page.waitForSelector('h1:has-text("Attivazione del tirocinio")');
    await page.goBack();
    await page.waitForSelector('h1:has-text("Catalogo dei servizi")');
    assert.deepEqual(query(page), { bisogno: 'internship', per: 'young_people', q: 'tirocinio' });
    await eventually(async () => JSON.stringify(await resultTitles(page)) === JSON.stringify(before), { message: 'same results after back' });
    assert.equal(await page.inputValue('#catalogue-per'), 'young_people');
    assert.equal(await page.inputValue('#catalogue-q'), 'tirocinio');
    assert.equal(await page.getAttribute('a.need-link:has-text("Cerco un tirocinio")', 'aria-current'), 'true');

    // One more step back: the audience choice was its own history entry.
    await page.goBack();
    await eventually(() => query(page).per === undefined && query(page).bisogno === 'internship', { message: 'back to the need only' });
    assert.equal(await page.inputValue('#catalogue-per'), '');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the CPI finder: Bologna, a comune without accent, an unknown comune', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(server.url + '/cpi');
    await ready(page);
    await page.waitForSelector('h1:has-text("Qual è il mio Centro per l\'Impiego?")');
    // The offices are listed by province, with the served comuni as suggestions.
    await page.waitForSelector('h3:has-text("Bologna (BO)")');
    assert.ok(await page.locator('#cpi-comuni option').count() > 100);
    await page.waitForLoadState('networkidle');
    await axeCheck(page, '/cpi');

    // An empty search is an error on the field.
    await page.click('form.office-finder button[type="submit"]');
    await page.waitForSelector('#cpi-comune-error');
    assert.equal(await page.getAttribute('#cpi-comune', 'aria-invalid'), 'true');

    await page.fill('#cpi-comune', 'Bologna');
    await page.press('#cpi-comune', 'Enter');
    await page.waitForSelector('h2:has-text("Il Centro per l\'Impiego per Bologna (BO)")');
    assert.equal(query(page).comune, 'Bologna');
    const card = page.locator('.office-result .office-card');
    assert.equal(await card.locator('h3').textContent(), 'Centro per l\'Impiego di Bologna');
    const text = await card.textContent();
    assert.match(text, /Dati dimostrativi/);
    assert.match(text, /Lunedì: \d\d:\d\d–\d\d:\d\d/);
    assert.match(text, /40\d{3} Bologna \(BO\)/);
    assert.equal(await card.locator('a[href^="tel:"]').count(), 1);
    assert.equal(await card.locator('a[href^="mailto:"]').count(), 1);
    await axeCheck(page, '/cpi?comune=Bologna');

    // The answer is a shareable URL.
    await page.reload();
    await page.waitForSelector('.office-result h3:has-text("Centro per l\'Impiego di Bologna")');

    // Case and accents do not matter.
    await page.fill('#cpi-comune', 'forli');
    await page.press('#cpi-comune', 'Enter');
    await page.waitForSelector('.office-result h3:has-text("Centro per l\'Impiego di Forlì")');

    // An unknown comune gets a precise message.
    await page.fill('#cpi-comune', 'Milano');
    await page.click('form.office-finder button[type="submit"]');
    await page.waitForSelector('h2:has-text("Comune non trovato")');
    assert.match(await page.textContent('.office-result'), /Non abbiamo trovato «Milano»/);
    await axeCheck(page, '/cpi?comune=Milano');

    // A partial name suggests the comuni it could be.
    await page.fill('#cpi-comune', 'Bolo');
    await page.press('#cpi-comune', 'Enter');
    await page.click('.office-result a.chip:has-text("Bologna")');
    await page.waitForSelector('.office-result h3:has-text("Centro per l\'Impiego di Bologna")');

    // Back returns to the previous answer.
    await page.goBack();
    await page.waitForSelector('h2:has-text("Comune non trovato")');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('English: needs, filters and service text follow the language', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(server.url + '/servizi?bisogno=internship');
    await ready(page);
    await page.waitForSelector('h1:has-text("Catalogo dei servizi")');
    await page.selectOption('.lang-switch select', 'en');
    await page.waitForSelector('h1:has-text("Service catalogue")');
    await page.waitForSelector('a.need-link:has-text("I\'m looking for a traineeship")');
    await page.waitForSelector('.service-card-title a:has-text("Traineeship")');
    // Touch targets are at least 44px high on a phone.
    const small = await page.$$eval('main a.need-link, main .service-card-title a, main button, main select, main input', (els) =>
      els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(small, []);
    await page.waitForLoadState('networkidle');
    await axeCheck(page, '/servizi (en, 390px)');
    await page.goto(server.url + '/cpi?comune=Bologna');
    await page.waitForSelector('h2:has-text("The Job Centre for Bologna (BO)")');
    assert.match(await page.textContent('.office-result'), /Monday: /);
    await axeCheck(page, '/cpi (en, 390px)');
    // The catalogue's own texts are in every language of the app.
    for (const [code, title, need] of [['ar', 'تفعيل tirocinio', 'أبحث عن عمل'], ['uk', 'Оформлення tirocinio', 'Я шукаю роботу'], ['fr', 'tirocinio', 'Je cherche un emploi']]) {
      await page.selectOption('.lang-switch select', code);
      await page.waitForFunction((c) => document.documentElement.lang === c, code);
      await page.waitForTimeout(300); // the choice is kept in IndexedDB
      await page.goto(server.url + '/servizi/attivazione-del-tirocinio');
      await ready(page);
      await page.waitForFunction((t) => document.querySelector('main h1')?.textContent.includes(t), title);
      // Searching in the language finds it too.
      await page.goto(server.url + `/servizi?q=${encodeURIComponent(code === 'ar' ? 'التدريب' : code === 'uk' ? 'стажування' : 'stage')}`);
      await ready(page);
      await page.waitForSelector('.service-card-title a[href="/servizi/attivazione-del-tirocinio"]');
      // The needs are the language's too.
      await page.goto(server.url + '/servizi');
      await ready(page);
      await page.waitForSelector(`a.need-link:has-text("${need}")`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
