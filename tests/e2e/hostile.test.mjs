// Hostile feed content is inert (issue 17): offers and CPI offices carrying
// <script>, event-handler attributes, SVG with scripts, javascript: URLs,
// very long and right-to-left-override strings render as text or are
// dropped; no script runs, no attribute is injected, and every link goes to
// http:, https:, mailto: or tel: only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, ready, axeCheck } from './harness.mjs';

const TODAY = new Date('2026-11-23T10:00:00Z');
let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const PWN = 'window.__pwned = (window.__pwned || 0) + 1';
const HOSTILE = {
  script: `<script>${PWN}</script>`,
  img: `<img src=x onerror="${PWN}">`,
  svg: `<svg onload="${PWN}"><script>${PWN}</script></svg>`,
  link: `<a href="javascript:${PWN}">premi qui</a>`,
  rlo: 'Magazziniere \u202Egpj.exe\u202C',
  long: 'Lunghissimo'.repeat(2_000),
};

function posting(id, title, description, extra = {}) {
  return {
    '@context': 'https://schema.org', '@type': 'JobPosting', identifier: id, title, description,
    datePosted: '2026-11-18', validThrough: '2026-12-31',
    hiringOrganization: { '@type': 'Organization', name: `Ditta ${HOSTILE.img}` },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Rimini', addressRegion: 'RN' } },
    employmentType: 'FULL_TIME', url: `javascript:${PWN}`, ...extra,
  };
}

const POSTINGS = [
  posting('H-1', `Cuoco ${HOSTILE.script}`, `<p>Cucina ${HOSTILE.svg}</p>${HOSTILE.link}<p>${HOSTILE.img}</p>`),
  posting('H-2', HOSTILE.rlo, `${HOSTILE.long} ${HOSTILE.script}`),
  posting('H-3', `Cameriere </script><script>${PWN}</script>`, '<iframe src="javascript:alert(1)"></iframe>Servizio ai tavoli'),
];

function hostileOffices() {
  const feed = JSON.parse(readFileSync(new URL('../../public/data/offices.json', import.meta.url), 'utf8'));
  const o = feed.items[0];
  feed.items[0] = {
    ...o,
    name: `Centro per l'Impiego ${HOSTILE.script}${HOSTILE.svg}`,
    address: `Via ${HOSTILE.img} \u202E1 oizzirdni`,
    phone: `javascript:${PWN}`,
    email: `x@example.it" onmouseover="${PWN}`,
    note: { it: `${HOSTILE.link} ${HOSTILE.long}`, en: HOSTILE.script },
  };
  return { feed, id: o.id, province: o.province };
}

/** What the page holds that it should not: handlers, odd links, injected elements. */
const audit = (page) => page.evaluate(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`${el.tagName.toLowerCase()}[${a.name}]`);
    if (el.tagName === 'A' && el.hasAttribute('href')) {
      const href = el.getAttribute('href');
      const { protocol } = new URL(href, location.href);
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol)) bad.push(`a[href=${href.slice(0, 40)}]`);
    }
  }
  for (const s of document.scripts) if (/__pwned/.test(s.textContent) && s.type !== 'application/ld+json') bad.push('script with feed text');
  for (const sel of ['img[src="x"]', 'svg script', 'iframe', 'object', 'embed']) if (document.querySelector(sel)) bad.push(sel);
  const text = document.body.innerText;
  if (/[\u202A-\u202E\u2066-\u2069]/.test(text)) bad.push('bidi override in the text');
  return { bad, pwned: window.__pwned ?? 0, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
});

test('offers and offices from a hostile feed render as text: no script runs, no attribute or link is injected', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 360, height: 740 } });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  try {
    await page.clock.setFixedTime(TODAY);
    const offices = hostileOffices();
    await page.route('**/data/vacancies.slix', (route) => route.fulfill({ status: 404, body: '' }));
    await page.route('**/data/vacancies.json', (route) => route.fulfill({ status: 200, contentType: 'application/ld+json', body: JSON.stringify(POSTINGS) }));
    await page.route('**/data/offices.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(offices.feed) }));

    // The search, with hostile query state in the URL too.
    await page.goto(`${server.url}/offerte?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    await ready(page);
    await page.waitForSelector('.vac-item, .no-results', { timeout: 30_000 });
    await page.goto(`${server.url}/offerte`);
    await ready(page);
    await page.waitForSelector('.vac-item', { timeout: 30_000 });
    let found = await audit(page);
    assert.deepEqual(found.bad, [], 'search results');
    const titles = await page.locator('.vac-item .vac-card-title').allTextContents();
    // The JSON-LD import reads HTML as HTML: its tags are dropped, the words kept.
    assert.ok(titles.some((t) => t.trim() === 'Cuoco'), `the markup is dropped: ${titles}`);
    assert.ok(titles.some((t) => t.includes('Magazziniere gpj.exe')), 'the override is dropped, the text kept');

    // Each offer's page, with its JSON-LD.
    for (const id of ['H-1', 'H-2', 'H-3']) {
      await page.locator('.vac-item .vac-card-title a').filter({ hasText: id === 'H-1' ? 'Cuoco' : id === 'H-2' ? 'Magazziniere' : 'Cameriere' }).first().click();
      await page.waitForSelector('.vac-offer h1');
      found = await audit(page);
      assert.deepEqual(found.bad, [], `offer ${id}`);
      assert.ok(found.overflow <= 0, `offer ${id} scrolls sideways by ${found.overflow}px`);
      const ld = await page.$$eval('script[type="application/ld+json"]', (s) => s.map((x) => JSON.parse(x.textContent)));
      assert.equal(ld.length, 1, 'one JSON-LD block, still valid JSON');
      await page.goBack();
      await page.waitForSelector('.vac-item');
    }

    // The CPI finder with the hostile office.
    await page.goto(`${server.url}/cpi?provincia=${offices.province}`);
    await ready(page);
    await page.waitForSelector('.office-card, .office, article', { timeout: 20_000 });
    found = await audit(page);
    assert.deepEqual(found.bad, [], 'offices');
    // The app's own feed is text: the markup shows as typed.
    assert.match(await page.textContent('body'), /Centro per l'Impiego <script>window\.__pwned/);
    assert.ok(found.overflow <= 0, `offices scroll sideways by ${found.overflow}px`);
    await axeCheck(page, 'offices from a hostile feed');

    assert.equal(found.pwned, 0, 'no feed script ran');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await browser.close();
  }
});
