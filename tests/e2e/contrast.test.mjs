// The high-contrast theme (issue 16): the system's `prefers-contrast: more`
// turns it on before the app starts; the header's switch turns it on or off,
// and the choice is kept on the device across visits. axe in both themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, axeCheck } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const look = (page) => page.evaluate(() => ({
  attr: document.documentElement.getAttribute('data-contrast'),
  text: getComputedStyle(document.body).color,
  pressed: document.querySelector('.contrast-switch')?.getAttribute('aria-pressed'),
}));
const BLACK = 'rgb(0, 0, 0)';
const NORMAL = 'rgb(23, 50, 77)'; // --text, #17324d

test('the system asks for more contrast: the theme is on, and can be turned off for this device', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.emulateMedia({ contrast: 'more' });
    await page.goto(server.url + '/');
    await ready(page);
    assert.deepEqual(await look(page), { attr: null, text: BLACK, pressed: 'true' });
    await axeCheck(page, 'home, high contrast from the system');
    await page.click('.contrast-switch');
    assert.deepEqual(await look(page), { attr: 'normal', text: NORMAL, pressed: 'false' });
    await page.waitForTimeout(300); // kept in IndexedDB
    await page.reload();
    await ready(page);
    assert.deepEqual(await look(page), { attr: 'normal', text: NORMAL, pressed: 'false' }, 'the choice outlives a reload');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the switch turns the theme on with the keyboard, on every page, and it is kept', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 360, height: 780 } });
  try {
    await page.goto(server.url + '/did');
    await ready(page);
    assert.deepEqual(await look(page), { attr: null, text: NORMAL, pressed: 'false' });
    await page.focus('.contrast-switch');
    await page.keyboard.press('Enter');
    assert.deepEqual(await look(page), { attr: 'high', text: BLACK, pressed: 'true' });
    await axeCheck(page, '/did, high contrast');
    await page.waitForTimeout(300);
    await page.goto(server.url + '/offerte');
    await ready(page);
    assert.deepEqual(await look(page), { attr: 'high', text: BLACK, pressed: 'true' }, 'kept on the next visit');
    await page.waitForSelector('.vac-item, .no-results', { timeout: 30_000 });
    await axeCheck(page, '/offerte, high contrast');
    // The header shows the switch without sideways scrolling at 320 px.
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), 'no sideways scrolling at 320 px');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
