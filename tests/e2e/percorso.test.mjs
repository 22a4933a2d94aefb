// Il mio percorso end to end (issue 14): open the percorso, log two search
// acts and see the progress move, export an appointment as .ics and read it
// back with an iCalendar parser (ical.js) with the right date and time zone,
// send a reschedule request offline that is delivered on reconnect, and see
// the sanction notice of a missed convocation. A person with no patto gets
// the screen that says how to get one. axe at phone and kiosk sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ICAL from 'ical.js';
import { startServer, launch, ready, axeCheck, login, eventually } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const pad = (n) => String(n).padStart(2, '0');
const romeDate = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const inDays = (n) => { const d = new Date(); d.setDate(d.getDate() + n); return d; };

test('the percorso: progress, search acts, .ics, offline reschedule, sanction notice', async () => {
  const { browser, context, page, errors } = await launch({ viewport: { width: 360, height: 780 }, timezoneId: 'Europe/Rome' });
  try {
    await login(page, server.url, 'giulia', { path: '/percorso' });
    await ready(page);
    await page.waitForSelector('h1:has-text("Il mio percorso")');
    await page.waitForSelector('.next-appointment .next-when');
    await page.waitForSelector('.commitment[data-commitment="C-APPS"]');
    const bar = '.commitment[data-commitment="C-APPS"] [role="progressbar"]';
    assert.equal(await page.getAttribute(bar, 'aria-valuemax'), '3');
    const before = Number(await page.getAttribute(bar, 'aria-valuenow'));
    await axeCheck(page, 'percorso at 360px');

    // Two search acts: the progress moves by two.
    const today = new Date();
    for (const employer of ['Supermercato Demo', 'Magazzini Demo']) {
      await page.selectOption('#act-commitment', 'C-APPS');
      await page.fill('#act-date', String(today.getDate()));
      await page.fill('#act-date-month', String(today.getMonth() + 1));
      await page.fill('#act-date-year', String(today.getFullYear()));
      await page.selectOption('#act-kind', 'application');
      await page.fill('#act-employer', employer);
      await page.fill('#act-channel', "Sito dell'azienda");
      await page.click('#act-save');
      await page.waitForSelector('#act-message:has-text("Atto registrato")');
    }
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.getAttribute('aria-valuenow') === String(n), [bar, Math.min(before + 2, 3)]);
    assert.match(await page.textContent('.commitment[data-commitment="C-APPS"] .commitment-text'), new RegExp(`${Math.min(before + 2, 3)} di 3`));
    await eventually(async () => (await server.received()).records.filter((r) => r.kind === 'patto_update' && r.payload.type === 'search_act').length === 2);
    // A wrong act gets its message next to its field.
    await page.fill('#act-date', '31');
    await page.fill('#act-date-month', '2');
    await page.fill('#act-date-year', '2026');
    await page.selectOption('#act-kind', 'application');
    await page.fill('#act-employer', '');
    await page.click('#act-save');
    assert.match(await page.textContent('#act-date-error'), /non esiste/);
    assert.match(await page.textContent('#act-employer-error'), /indica l'azienda/);

    // The convocation in 7 days, as an .ics file a calendar parser reads back.
    const appt = '.appointment[data-id="APP-2026-0041"]';
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`${appt} button:has-text("Aggiungi al calendario")`),
    ]);
    const ics = fs.readFileSync(await download.path(), 'utf8');
    const cal = new ICAL.Component(ICAL.parse(ics));
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent'));
    assert.equal(ev.uid.startsWith('APP-2026-0041@'), true, ev.uid);
    assert.equal(cal.getFirstSubcomponent('vevent').getFirstProperty('dtstart').getParameter('tzid'), 'Europe/Rome');
    assert.equal(ev.startDate.zone.tzid, 'Europe/Rome', 'the zone is the VTIMEZONE of the file');
    const start = ev.startDate;
    assert.equal(`${start.year}-${pad(start.month)}-${pad(start.day)}`, romeDate(inDays(7)));
    assert.equal(`${pad(start.hour)}:${pad(start.minute)}`, '09:30');
    assert.equal(ev.startDate.toJSDate().getTime(), new Date(`${romeDate(inDays(7))}T09:30:00${offsetOf(inDays(7))}`).getTime());
    assert.match(ev.location, /Via Demo 1/);
    assert.ok(cal.getFirstSubcomponent('vevent').getFirstSubcomponent('valarm'), 'an alarm');

    // Ask to move the phone appointment while offline: delivered on reconnect.
    const phone = '.appointment[data-id="APP-2026-0042"]';
    await context.setOffline(true);
    await page.click(`${phone} button:has-text("Chiedi di spostarlo")`);
    await page.fill('#appt-reason', 'Ho un colloquio di lavoro quel giorno.');
    await page.fill('#appt-preferred', 'Il pomeriggio, dal lunedì al giovedì');
    await page.click('#appt-send');
    await page.waitForSelector(`${phone} .appt-answer:has-text("in attesa di invio")`);
    assert.equal((await server.received()).records.filter((r) => r.payload?.type === 'reschedule').length, 0);
    await context.setOffline(false);
    await page.waitForSelector(`${phone} .appt-answer:has-text("ricevuta dal Centro per l'Impiego")`, { timeout: 30_000 });
    const moved = (await server.received()).records.filter((r) => r.payload?.type === 'reschedule');
    assert.equal(moved.length, 1);
    assert.equal(moved[0].payload.action_id, 'APP-2026-0042');

    // The convocation missed 5 days ago: what is at stake, never as decided, and how to justify.
    const missed = '.appointment[data-id="APP-2026-0038"] .sanction-notice';
    const notice = await page.textContent(missed);
    assert.match(notice, /una mensilità|1\.050,00/i, notice);
    assert.match(notice, /giustific/i);
    assert.match(notice, /decide il Centro per l'Impiego|il CPI decide|decide il CPI/i);
    assert.doesNotMatch(notice, /hai perso|è stata applicata|sei stato sanzionato/i);
    await axeCheck(page, 'percorso with answers');
    await page.screenshot({ path: '/tmp/percorso-360.png', fullPage: false }).catch(() => {});
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|404/.test(e)), []);
  } finally {
    await browser.close();
  }
});

/** "+01:00" or "+02:00": Rome's offset on that day. */
function offsetOf(d) {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'shortOffset' })
    .formatToParts(d).find((p) => p.type === 'timeZoneName').value; // "GMT+1"
  const h = Number(part.replace('GMT', '') || 0);
  return `${h >= 0 ? '+' : '-'}${pad(Math.abs(h))}:00`;
}

test('no patto yet: how to get one; the kiosk size', async () => {
  const { browser, page, errors } = await launch({ viewport: { width: 1080, height: 1920 } });
  try {
    await login(page, server.url, 'marco', { path: '/percorso' });
    await ready(page);
    await page.waitForSelector('h2:has-text("Non hai ancora un patto di servizio")');
    assert.equal(await page.getAttribute('.no-patto a:has-text("DID online")', 'href'), '/did');
    await axeCheck(page, 'no patto at 1080px');
    await page.screenshot({ path: '/tmp/percorso-1080.png', fullPage: false }).catch(() => {});
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  } finally {
    await browser.close();
  }
});
