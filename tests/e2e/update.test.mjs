// A new version deployed while someone is writing: the app says so
// ("Aggiornamento disponibile"), never reloads by itself, and reloads when
// the person chooses, with what they typed still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, ready, eventually, distCopy } from './harness.mjs';

test('a new version waits for the person: the prompt, no reload under a form, then the reload they chose', async () => {
  const dist = distCopy();
  const server = await startServer({ dist: dist.dir });
  const { browser, page, errors } = await launch({ serviceWorkers: 'allow' });
  try {
    await page.goto(server.url + '/scrivi-al-cpi');
    await ready(page);
    await eventually(() => page.evaluate(() => !!navigator.serviceWorker.controller), { message: 'service worker in control' });
    await page.fill('#subject', 'Scritto prima del rilascio');
    await page.fill('#body', 'Prima parte.');
    await page.evaluate(() => { window.__samePage = true; });
    // The first install never asks.
    assert.equal(await page.locator('.status.update').count(), 0);

    // Deploy: a new build is a new sw.js (the build writes its version into it).
    const swFile = join(dist.dir, 'sw.js');
    const sw = readFileSync(swFile, 'utf8');
    const version = /^const VERSION = '([^']+)';$/m.exec(sw)?.[1];
    assert.ok(version, 'sw.js carries its version');
    writeFileSync(swFile, sw.replace(`const VERSION = '${version}';`, `const VERSION = '${version}-next';`));
    rmSync(`${swFile}.br`, { force: true });
    rmSync(`${swFile}.gz`, { force: true });

    // Coming back to the page is one of the moments the app looks for a new version.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForSelector('.status.update :text("È disponibile una nuova versione dell\'app.")', { timeout: 30_000 });
    await page.fill('#body', 'Prima parte. Seconda parte, scritta dopo l\'avviso.');
    await page.waitForTimeout(1_000);
    assert.equal(await page.evaluate(() => window.__samePage), true, 'no reload under the form');
    assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting), true, 'the new version waits');

    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      page.click('.status.update button:has-text("Aggiorna ora")'),
    ]);
    await ready(page);
    assert.equal(await page.evaluate(() => window.__samePage), undefined, 'reloaded');
    await page.waitForFunction(() => document.querySelector('#body')?.value?.includes('Seconda parte'));
    assert.equal(await page.inputValue('#subject'), 'Scritto prima del rilascio');
    const active = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const text = await (await fetch(reg.active.scriptURL, { cache: 'no-store' })).text();
      return { waiting: !!reg.waiting, next: text.includes('-next') };
    });
    assert.deepEqual(active, { waiting: false, next: true }, 'the new version took over');
    assert.equal(await page.locator('.status.update').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.stop();
    dist.remove();
  }
});
