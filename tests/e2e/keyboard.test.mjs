// Keyboard only (issue 16): the DID and an application to an offer, from the
// home page, with Tab, Shift+Tab, Enter, Space and the arrows, never the
// mouse. Every stop of the focus shows an indicator and is on screen; a new
// route puts the focus on its heading; errors are linked to their fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, eventually, axeCheck } from './harness.mjs';

// The demo vacancy feed is generated for this day (as in vacancies.test.mjs).
const TODAY = new Date('2026-11-23T10:00:00Z');

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

/** What has the focus, and whether a person can see where it is. */
async function focusState(page, selector) {
  const s = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { none: true };
    const cs = getComputedStyle(el);
    const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    return {
      visible: el.matches(':focus-visible') && ring,
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
      desc: `${el.tagName.toLowerCase()}#${el.id}.${el.className} «${(el.textContent || el.value || '').trim().slice(0, 40)}» in ${el.closest('header, nav, main, footer')?.tagName.toLowerCase() ?? 'body'} at ${Math.round(r.top)}`,
    };
  });
  // Playwright selectors (`:has-text`), matched against the focused element.
  s.match = !s.none && !!selector && await page.locator(selector).evaluateAll((els) => els.includes(document.activeElement));
  return s;
}

/**
 * Press Tab (Shift+Tab with `back`) until the focus is on `selector`. In the
 * app (`own`), every stop must show its focus indicator on screen.
 */
async function tabTo(page, selector, { back = false, max = 80, own = true } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const s = await focusState(page, selector);
    if (s.none) continue;
    seen.push(s.desc);
    if (own) {
      assert.ok(s.visible, `the focus on ${s.desc} is visible (after ${seen.join(' → ')})`);
      assert.ok(s.onScreen, `the focus on ${s.desc} is on screen (after ${seen.join(' → ')})`);
    }
    if (s.match) return;
  }
  throw new Error(`Tab never reached ${selector}; it went through:\n${seen.join('\n')}`);
}

/** Press `key` until the focus is on `selector` (arrows in a list or group). */
async function pressTo(page, key, selector, max = 30) {
  for (let i = 0; i < max; i++) {
    if ((await focusState(page, selector)).match) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

async function headingFocused(page, selector) {
  try {
    await page.waitForFunction((sel) => document.activeElement?.matches(sel), selector, { timeout: 20_000 });
  } catch (e) {
    throw new Error(`the focus should be on ${selector}, it is on ${(await focusState(page)).desc ?? 'the body'}`);
  }
}

/** Log in through the demo identity provider with the keyboard. */
async function loginByKeyboard(page, who) {
  await tabTo(page, '.login-required a[href*="provider=spid"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#spid-giulia');
  // The provider's page is not the app's: its own focus styles are its business.
  await tabTo(page, 'input[name="citizen"]', { own: false });
  await pressTo(page, 'ArrowDown', `#spid-${who}`);
  await page.keyboard.press('Space'); // the first person is focused but not chosen
  assert.ok(await page.isChecked(`#spid-${who}`), 'the arrows choose the person');
  await tabTo(page, 'button[type="submit"]', { own: false });
  await page.keyboard.press('Enter');
  await ready(page);
  await page.waitForSelector('.account-name');
}

/** The home page, where the first Tab reaches the skip link. */
async function home(page) {
  await page.goto(server.url + '/');
  await ready(page);
  await page.keyboard.press('Tab');
  const first = await focusState(page, '.skip-link');
  assert.ok(first.match, `the skip link is the first stop, not ${first.desc}`);
  assert.ok(first.visible, 'the skip link shows its focus');
}

/** Type into a place field, go down its list and pick `code` with Enter. */
async function pickPlace(page, id, typed, code) {
  await typeInto(page, `#${id}`, typed);
  await page.waitForSelector(`#${id}-list button[data-code="${code}"]`, { timeout: 30_000 });
  await page.waitForTimeout(300); // the list follows the last key typed
  await page.keyboard.press('ArrowDown');
  await pressTo(page, 'ArrowDown', `#${id}-list button[data-code="${code}"]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((i) => document.querySelector(`#${i}`)?.classList.contains('is-chosen'), id);
  assert.ok((await page.inputValue(`#${id}`)).startsWith(typed.slice(0, 4)), `${id} holds the chosen place`);
}

async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
  assert.equal(await page.inputValue(selector), text, `typed into ${selector}`);
}

async function continueTo(page, title) {
  await tabTo(page, '.did-nav button:has-text("Continua")');
  await page.keyboard.press('Enter');
  try {
    await page.waitForFunction((t) => document.querySelector('#did-step-heading')?.textContent === t, title, { timeout: 15_000 });
  } catch {
    const errors = await page.locator('#did-error-summary').textContent();
    throw new Error(`not at «${title}»: at «${await page.textContent('#did-step-heading')}», errors «${errors}»`);
  }
  await headingFocused(page, '#did-step-heading');
}

for (const viewport of [{ width: 360, height: 780 }, { width: 1280, height: 900 }]) {
  test(`the DID with the keyboard only, at ${viewport.width} px`, async () => {
    const { browser, page, errors } = await launch({ viewport });
    try {
      await home(page);
      if (viewport.width < 768) {
        // On a phone the menu is behind its button.
        await tabTo(page, 'button[aria-controls="main-nav"]');
        await page.keyboard.press('Enter');
      }
      await tabTo(page, 'nav#main-nav a[href="/did"]');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/did$/);
      await headingFocused(page, 'h1');
      await loginByKeyboard(page, 'fabio');
      await page.waitForSelector('#did-step-heading');

      // Step 1: no NASpI application (the first choice), with Space.
      await tabTo(page, '#did-naspi');
      await page.keyboard.press('Space');
      assert.ok(await page.isChecked('#did-naspi'));
      await continueTo(page, 'Dati personali');

      // An error is announced in the summary, which takes the focus, and its
      // link takes the focus to the field.
      await tabTo(page, '.did-nav button:has-text("Continua")');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#did-error-summary .error-summary');
      await page.waitForFunction(() => document.activeElement?.closest('#did-error-summary'));
      await tabTo(page, '#did-error-summary a[href="#did-sex"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'did-sex'); // the link goes to the field
      assert.equal(await page.getAttribute('#did-sex', 'aria-invalid'), 'true');
      assert.match(await page.$eval('#did-sex', (e) => e.closest('fieldset').getAttribute('aria-describedby')), /did-sex-error/);

      // Sex: the arrows move from F to M and choose it.
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'did-sex-1');
      assert.ok(await page.isChecked('#did-sex-1'));
      await typeInto(page, '#did-birth-date', '3');
      await typeInto(page, '#did-birth-date-month', '4');
      await typeInto(page, '#did-birth-date-year', '1985');
      await tabTo(page, '#did-birth-country');
      await page.keyboard.press('Space');
      await pickPlace(page, 'did-birthplace', 'Torin', 'L219');
      await tabTo(page, '#did-citizenship');
      await page.keyboard.press('Space');
      await continueTo(page, 'Residenza e domicilio');

      await pickPlace(page, 'did-res-comune', 'Bologna', '037006');
      await typeInto(page, '#did-res-address', "Via dell'Indipendenza 8");
      await typeInto(page, '#did-res-cap', '40121');
      await continueTo(page, 'Recapiti');

      await typeInto(page, '#did-email', 'fabio.caccamo@example.it');
      await typeInto(page, '#did-mobile', '333 1234567');
      await continueTo(page, 'La tua situazione di oggi');

      await tabTo(page, '#did-situation');
      await page.keyboard.press('Space');
      await continueTo(page, "Centro per l'Impiego");

      await page.waitForSelector("#did-cpi-card:has-text(\"Centro per l'Impiego di Bologna\")");
      await tabTo(page, '#did-cpi-confirm');
      await page.keyboard.press('Space');
      await continueTo(page, 'Dichiarazioni');

      for (const id of ['#did-availability', '#did-decl-no-work', '#did-decl-informed', '#did-decl-no-other', '#did-decl-privacy']) {
        await tabTo(page, id);
        await page.keyboard.press('Space');
        assert.ok(await page.isChecked(id), `${id} checked with Space`);
      }
      await continueTo(page, 'Riepilogo e invio');

      // Shift+Tab walks back up the summary with the focus still visible.
      await tabTo(page, 'button:has-text("Invia la DID")');
      await tabTo(page, '.did-nav button:has-text("Indietro")', { back: true });
      await tabTo(page, 'button:has-text("Invia la DID")');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/did\/ricevuta\/[0-9a-f-]{36}$/);
      await headingFocused(page, 'h1');
      await page.waitForSelector('.receipt .state-delivered', { timeout: 30_000 });
      const stored = await eventually(async () => {
        const r = (await server.received()).records.filter((x) => x.kind === 'did' && x.payload.codice_fiscale === 'CCCFBA85D03L219P');
        return r.length ? r : null;
      }, { message: 'DID stored' });
      assert.ok(stored.length >= 1);
      assert.equal(stored.at(-1).payload.informazioni_did.codice_ente_promotore, 'cpi-bologna');
      await axeCheck(page, `DID receipt by keyboard, ${viewport.width} px`);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('applying to an offer with the keyboard only', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.clock.setFixedTime(TODAY);
    await home(page);
    await tabTo(page, 'nav#main-nav a[href="/offerte"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/offerte$/);
    await headingFocused(page, 'h1');
    // A person tabs on once the page is there (the offers load after the heading).
    await page.waitForSelector('.vac-item, .no-results', { timeout: 30_000 });
    await typeInto(page, '#vac-q', 'infermiere');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=infermiere/);
    await page.waitForSelector('.vac-item', { timeout: 30_000 });
    // "Cerca" moves the focus to the results heading; a person tabs on from there
    // (on a slow machine the move can come after the results are drawn).
    await page.waitForFunction(() => document.activeElement?.id === 'vac-results-title');
    await tabTo(page, '.vac-item .vac-card-title a');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.vac-offer h1');
    await headingFocused(page, 'h1');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

    await loginByKeyboard(page, 'giulia');
    await page.waitForSelector('.vac-offer h1');
    await tabTo(page, 'button.apply-open');
    await page.keyboard.press('Enter');
    // An empty form: the errors are announced and linked to their fields.
    await tabTo(page, 'button:has-text("Invia la candidatura")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#apply-errors .notice-error');
    await page.waitForFunction(() => document.activeElement?.closest('#apply-errors'));
    await tabTo(page, '#apply-errors a[href="#apply-email"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'apply-email');
    await tabTo(page, '#apply-name', { back: true });
    await page.keyboard.type('Giulia Bianchi');
    await typeInto(page, '#apply-email', 'giulia.bianchi@example.it');
    await typeInto(page, '#apply-phone', '+39 051 654321');
    await typeInto(page, '#apply-message', 'Disponibile da subito.');
    await tabTo(page, 'button:has-text("Invia la candidatura")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.apply-receipt[data-state="delivered"]', { timeout: 30_000 });
    const mine = (await server.received()).records.filter((r) => r.payload?.vacancy_id === id);
    assert.equal(mine.length, 1, 'one application stored');
    assert.equal(mine[0].payload.email, 'giulia.bianchi@example.it');
    await axeCheck(page, 'application by keyboard');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
