// The chaos run of the outbox (issue 17, docs/reliability.md): the real app
// in Chromium, the demo CPI API behind a fault proxy, submissions of mixed
// kinds made while the page goes offline and online, reloads, and a second
// tab flushes the same outbox. Then the faults stop and the run counts what
// the server stored: each submission exactly once, none lost, none pending.
//
// Used by tests/e2e/chaos.test.mjs (about 100 submissions) and by the
// benchmark (tools/bench.sh --only chaos: 1,000).

import { startServer, launch, ready, login } from '../../tests/e2e/harness.mjs';
import { startFaultProxy, prng } from './fault-proxy.mjs';

const CITIZEN = { id: 'giulia', cf: 'BNCGLI94C52A944G', name: 'Giulia Bianchi' };
const KINDS = ['message', 'application', 'did', 'profiling', 'message_anonymous'];
/** Console noise a failing network makes; anything else is an app error. */
const NETWORK_NOISE = /Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|ERR_EMPTY_RESPONSE|net::|503|500|429|408/;

/** The outbox entry the app would store for submission `n` (storage/outbox_store.rs). */
function entryFor(n, kindName, now) {
  const chaos_id = `chaos-${n}`;
  const owner = { codice_fiscale: CITIZEN.cf, name: CITIZEN.name };
  const base = { key: crypto.randomUUID(), created_at: now, attempts: 0, next_attempt_at: now, last_error: null, state: 'pending', delivered_at: null };
  switch (kindName) {
    case 'application':
      return { ...base, kind: 'application', title: `Candidatura ${n}`, owner, payload: { vacancy_id: `demo-${n}`, note: 'Candidatura di prova', chaos_id } };
    case 'did':
      return { ...base, kind: 'did', title: `DID ${n}`, owner, payload: { codice_fiscale: CITIZEN.cf, chaos_id } };
    case 'profiling':
      return { ...base, kind: 'profiling', title: `Questionario ${n}`, owner, payload: { answers: { education: 'diploma' }, chaos_id } };
    case 'message':
      return { ...base, kind: 'message', title: `Messaggio ${n}`, owner, payload: { cpi_id: 'cpi-bologna', subject: `Prova ${n}`, body: 'Testo di prova.', chaos_id } };
    default:
      return { ...base, kind: 'message', title: `Messaggio anonimo ${n}`, payload: { cpi_id: 'cpi-modena', subject: `Prova ${n}`, body: 'Testo di prova.', name: 'Maria Rossi', email: 'maria.rossi@example.it', chaos_id } };
  }
}

/** Store entries in the page's outbox, as `outbox_store::put` does (JSON text by key). */
async function putEntries(page, entries) {
  await page.evaluate(async (list) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('sportello-lavoro');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('outbox', 'readwrite');
      for (const e of list) tx.objectStore('outbox').put(JSON.stringify(e), e.key);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, entries);
}

/** The outbox as stored: counts by state. */
async function outboxStates(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('sportello-lavoro');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise((resolve, reject) => {
      const req = db.transaction('outbox').objectStore('outbox').getAll();
      req.onsuccess = () => resolve(req.result.map((t) => JSON.parse(t)));
      req.onerror = () => reject(req.error);
    });
    db.close();
    // untried: pending and never attempted.
    const out = { pending: 0, delivered: 0, rejected: 0, untried: 0, total: all.length, refusals: [] };
    for (const e of all) {
      out[e.state] = (out[e.state] ?? 0) + 1;
      if (e.state === 'pending' && e.attempts === 0) out.untried += 1;
      if (e.state === 'rejected') out.refusals.push(`${e.kind} ${e.status}: ${e.message || e.reason?.kind || ''}`);
    }
    return out;
  });
}

/** One message made through the form, as a person would (pages/contact). */
async function sendThroughForm(page, base, n) {
  await page.goto(`${base}/scrivi-al-cpi`);
  await ready(page);
  await page.waitForSelector('#cpi_id option[value="cpi-bologna"]', { state: 'attached' });
  await page.fill('#name', 'Maria Rossi');
  await page.fill('#email', 'maria.rossi@example.it');
  await page.selectOption('#cpi_id', 'cpi-bologna');
  await page.fill('#subject', `chaos-${n}`);
  await page.fill('#body', 'Messaggio scritto durante la prova di resistenza.');
  await page.click('button:has-text("Invia il messaggio")');
  await page.waitForFunction(() => document.querySelector('#subject')?.value === '', null, { timeout: 20_000 });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Run the chaos. Returns the figures; `log` gets progress lines.
 * @param {{submissions?: number, viaForm?: number, seed?: number, log?: (line: string) => void}} opts
 */
export async function runChaos({ submissions = 100, viaForm = 5, seed = 17, log = () => {} } = {}) {
  const started = Date.now();
  const server = await startServer();
  const proxy = await startFaultProxy({ target: server.url, seed });
  const random = prng(seed ^ 0x5eed);
  const { browser, context, page, errors } = await launch({ viewport: { width: 390, height: 844 } });
  let second = null;
  const actions = { offline: 0, reload: 0, second_tab: 0, retry: 0 };
  try {
    proxy.faults(true);
    const base = proxy.url;
    // A few made through the form, anonymous, under the faults.
    for (let n = 0; n < viaForm; n++) await sendThroughForm(page, base, n);
    await login(page, base, CITIZEN.id, { path: '/le-mie-richieste' });

    let made = viaForm;
    const batch = Math.max(5, Math.ceil(submissions / 40));
    // The faults last until every submission has been tried under them.
    const faultDeadline = Date.now() + 15 * 60_000;
    let round = 0;
    for (;;) {
      const list = [];
      for (let i = 0; i < batch && made < submissions; i++, made++) {
        list.push(entryFor(made, KINDS[Math.floor(random() * KINDS.length)], Date.now()));
      }
      if (list.length > 0) await putEntries(page, list);
      else if ((await outboxStates(page)).untried === 0 || Date.now() > faultDeadline) break;
      round += 1;
      // One disturbance per round.
      const r = random();
      if (r < 0.3) {
        actions.offline += 1;
        await context.setOffline(true);
        await sleep(500 + random() * 2_000);
        await context.setOffline(false);
      } else if (r < 0.5) {
        actions.reload += 1;
        await page.reload();
        await ready(page);
      } else if (r < 0.7) {
        actions.second_tab += 1;
        if (second) {
          await second.close();
          second = null;
        } else {
          second = await context.newPage();
          second.on('pageerror', (e) => errors.push(`second tab: ${e.message}`));
          await second.goto(`${base}/le-mie-richieste`);
          await ready(second);
        }
      } else {
        actions.retry += 1;
        await page.click('button:has-text("Riprova adesso")', { timeout: 5_000 }).catch(() => {});
      }
      await sleep(300 + random() * 1_200);
      if (round % 8 === 0) log(`chaos: ${made}/${submissions} made, outbox ${JSON.stringify(await outboxStates(page))}`);
    }

    // The faults stop; delayed requests still in the proxy finish.
    proxy.faults(false);
    await context.setOffline(false);
    log('chaos: faults off, waiting for the outbox to empty');
    const deadline = Date.now() + 180_000;
    let states = await outboxStates(page);
    while (states.pending > 0 && Date.now() < deadline) {
      await page.click('button:has-text("Riprova adesso")', { timeout: 5_000 }).catch(() => {});
      await sleep(3_000);
      states = await outboxStates(page);
    }
    if (second) await second.close();
    second = null;

    const { records, attempts } = await server.received();
    const stored = new Map();
    for (const r of records) {
      const id = r.payload?.chaos_id ?? r.payload?.subject;
      if (typeof id === 'string' && id.startsWith('chaos-')) stored.set(id, (stored.get(id) ?? 0) + 1);
    }
    let once = 0;
    let twice = 0;
    let lost = 0;
    for (let n = 0; n < submissions; n++) {
      const c = stored.get(`chaos-${n}`) ?? 0;
      if (c === 1) once += 1;
      else if (c === 0) lost += 1;
      else twice += 1;
    }
    const posts = Object.values(attempts).reduce((a, b) => a + b, 0);
    return {
      seed,
      submissions,
      via_form: viaForm,
      stored_once: once,
      lost,
      stored_twice: twice,
      pending_at_end: states.pending,
      rejected: states.rejected ?? 0,
      refusals: states.refusals,
      server_posts: posts,
      faults: proxy.counts(),
      disturbances: actions,
      page_errors: errors.filter((e) => !NETWORK_NOISE.test(e)),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await browser.close();
    await proxy.stop();
    server.stop();
  }
}

/** The figures as lines for a person. */
export function describe(f) {
  return [
    `submissions made ${f.submissions} (${f.via_form} through the form), seed ${f.seed}, ${f.seconds} s`,
    `stored by the server exactly once ${f.stored_once}, lost ${f.lost}, stored twice ${f.stored_twice}, still pending at the end ${f.pending_at_end}, refused ${f.rejected}${f.refusals.length ? ` (${f.refusals.join('; ')})` : ''}`,
    `POSTs the server saw ${f.server_posts}; faults ${Object.entries(f.faults).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `disturbances ${Object.entries(f.disturbances).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ];
}
