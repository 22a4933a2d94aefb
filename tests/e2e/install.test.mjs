// Installable (issue 15, first part): the web app manifest is linked and
// valid, and Chromium's own installability check (DevTools protocol,
// Page.getInstallabilityErrors) finds nothing missing once the service
// worker controls the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ready, eventually, CHROMIUM_ARGS } from './harness.mjs';

test('Chromium finds the app installable', async () => {
  const server = await startServer();
  // A profile on disk: an incognito context is never installable.
  const profile = mkdtempSync(join(tmpdir(), 'sl-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 }, locale: 'it-IT',
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.url + '/');
    await ready(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await eventually(() => page.evaluate(() => !!navigator.serviceWorker.controller), { message: 'service worker in control' });
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    const res = await fetch(server.url + href);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /application\/manifest\+json/);
    const manifest = await res.json();
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, '/');
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512'));
    for (const icon of manifest.icons) {
      const r = await fetch(server.url + icon.src);
      assert.equal(r.status, 200, icon.src);
      // A missing file would be the SPA fallback: 200, but the HTML page.
      assert.equal(r.headers.get('content-type').split(';')[0], icon.type, icon.src);
    }
    // The screenshots of the install dialog (tools/icons/screenshots.mjs): each
    // one is served, is a PNG, and is as large as its `sizes` says (IHDR).
    assert.ok(Array.isArray(manifest.screenshots), 'the manifest lists screenshots');
    assert.deepEqual([...new Set(manifest.screenshots.map((s) => s.form_factor))].sort(), ['narrow', 'wide']);
    for (const shot of manifest.screenshots) {
      assert.equal(shot.type, 'image/png', shot.src);
      assert.ok(shot.label?.trim(), `${shot.src}: a label`);
      const r = await fetch(server.url + shot.src);
      assert.equal(r.status, 200, shot.src);
      assert.equal(r.headers.get('content-type').split(';')[0], shot.type, shot.src);
      const png = Buffer.from(await r.arrayBuffer());
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${shot.src}: PNG signature`);
      assert.equal(png.toString('latin1', 12, 16), 'IHDR', `${shot.src}: IHDR first`);
      assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, shot.sizes, `${shot.src}: size`);
    }
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
    const { errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.stop();
  }
});
