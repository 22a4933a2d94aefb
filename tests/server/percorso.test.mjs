// Il mio percorso in the demo server (tools/demo-server/percorso.mjs):
// GET /me/percorso in the shape of docs/percorso-api.md, with dates relative
// to DEMO_TODAY; the checks of POST /patto/updates by type; the appointment
// statuses the updates change, and the demo reset that clears them.
//   node --test tests/server/

import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createDemoServer } from '../../tools/demo-server/app.mjs';
import { Store } from '../../tools/demo-server/store.mjs';
import { addDays } from '../../tools/demo-server/avvisi.mjs';
import { XRW, request, assertProblem, loginHeaders } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONTRACT = path.join(ROOT, 'docs', 'percorso-api.md');

const TODAY = '2026-12-03';
// 09:00 in Rome on TODAY (CET, UTC+1).
const NOW = Date.parse('2026-12-03T08:00:00.000Z');
const NEXT = 'APP-2026-0041'; // convocazione in 7 days
const PHONE = 'APP-2026-0042'; // appuntamento by phone in 21 days
const MISSED = 'APP-2026-0038'; // convocazione 5 days ago, missed
const PLACE = "Centro per l'Impiego di Bologna, Via Demo 1, 40121 Bologna";
const VALIDATION_DETAIL = 'Alcuni dati non sono corretti. Controlla i campi indicati e invia di nuovo.';
const MB = 1024 * 1024;

// ------------------------------------------------------------------ fixture

async function start() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-percorso-test-'));
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="it"><title>t</title></html>\n');
  const store = new Store(path.join(root, 'store.jsonl'), { warn: () => {} });
  const server = createDemoServer({ dist, data: path.join(dist, 'data'), store, log: () => {}, now: () => NOW });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    async close() {
      server.close();
      server.closeAllConnections();
      store.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

let keyCounter = 0;
function newKey() {
  keyCounter += 1;
  return `percorso-key-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

const update = (srv, body, headers, key = newKey()) =>
  request(srv, 'POST', '/api/v1/patto/updates', { body, headers: { 'Idempotency-Key': key, ...headers } });
const percorso = (srv, headers = {}) => request(srv, 'GET', '/api/v1/me/percorso', { headers });

async function received(srv) {
  const res = await request(srv, 'GET', '/api/v1/_demo/received');
  assert.equal(res.status, 200);
  return res.json;
}

async function statusOf(srv, who, id) {
  const res = await percorso(srv, who);
  assert.equal(res.status, 200, res.text);
  return res.json.appointments.find((a) => a.id === id)?.status;
}

/** A 422 of the percorso checks: nothing stored, the key still free, these field errors. */
async function assertRefused(srv, who, body, fields) {
  const before = (await received(srv)).records.length;
  const key = newKey();
  const res = await update(srv, body, who, key);
  assertProblem(res, 422);
  assert.equal(res.json.title, 'Dati non validi');
  assert.equal(res.json.detail, VALIDATION_DETAIL);
  assert.deepEqual(
    res.json.errors.map((e) => e.field),
    fields,
    JSON.stringify(body),
  );
  for (const e of res.json.errors) {
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 20, e.message);
  }
  const after = await received(srv);
  assert.equal(after.records.length, before, 'a refused update is not stored');
  assert.equal(after.attempts[key], 1);
  return res;
}

/** The example body of the contract, from docs/percorso-api.md. */
function contractExample() {
  const text = fs.readFileSync(CONTRACT, 'utf8');
  const m = /## `GET \/api\/v1\/me\/percorso`[\s\S]*?```json\n([\s\S]*?)\n```/.exec(text);
  assert.ok(m, 'the contract has the JSON example of GET /me/percorso');
  return JSON.parse(m[1]);
}

const keys = (o) => Object.keys(o).sort();

const savedToday = process.env.DEMO_TODAY;

// ------------------------------------------------------------------ tests

describe('il mio percorso', () => {
  let srv;
  let giulia;
  let marco;

  before(async () => {
    process.env.DEMO_TODAY = TODAY;
    srv = await start();
  });
  after(async () => {
    await srv.close();
    if (savedToday === undefined) delete process.env.DEMO_TODAY;
    else process.env.DEMO_TODAY = savedToday;
  });
  beforeEach(async () => {
    process.env.DEMO_TODAY = TODAY;
    const reset = await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} });
    assert.equal(reset.status, 200);
    giulia = await loginHeaders(srv, 'giulia');
    marco = await loginHeaders(srv, 'marco');
  });

  describe('GET /me/percorso', () => {
    it('answers 401 without a session, same origin, not cached', async () => {
      for (const headers of [{}, { Cookie: 'sl_session=not-a-session' }]) {
        const res = await percorso(srv, headers);
        assertProblem(res, 401);
        assert.equal(res.json.title, 'Accesso richiesto');
        assert.equal(res.json.detail, 'Per questo servizio devi accedere con SPID o CIE.');
        assert.equal(res.headers['access-control-allow-origin'], undefined);
      }
      const ok = await percorso(srv, giulia);
      assert.equal(ok.status, 200);
      assert.equal(ok.headers['cache-control'], 'no-store');
      assert.match(ok.headers['content-type'], /^application\/json/);
      assert.equal(ok.headers['access-control-allow-origin'], undefined, 'same origin only');
      const pre = await request(srv, 'OPTIONS', '/api/v1/me/percorso');
      assert.equal(pre.status, 204);
      assert.equal(pre.headers['access-control-allow-origin'], undefined);
      assertProblem(await request(srv, 'POST', '/api/v1/me/percorso', { headers: giulia, body: {} }), 405);
    });

    it("gives Giulia's patto with every field of the contract", async () => {
      const res = await percorso(srv, giulia);
      assert.equal(res.status, 200, res.text);
      const body = res.json;
      const example = contractExample();

      assert.deepEqual(keys(body), keys(example));
      assert.deepEqual(keys(body.patto), keys(example.patto));
      assert.deepEqual(keys(body.patto.responsabile), keys(example.patto.responsabile));
      assert.deepEqual(keys(body.patto.profilo_occupabilita), keys(example.patto.profilo_occupabilita));
      assert.deepEqual(keys(body.patto.naspi), keys(example.patto.naspi));
      for (const m of body.patto.measures) assert.deepEqual(keys(m), keys(example.patto.measures[0]));
      for (const c of body.patto.commitments) assert.deepEqual(keys(c), keys(example.patto.commitments[0]));
      for (const a of body.appointments) assert.deepEqual(keys(a), keys(example.appointments[0]));
      for (const c of body.checks) assert.deepEqual(keys(c), keys(example.checks[0]));

      assert.equal(body.schema_version, 1);
      assert.equal(body.demo, true);
      assert.equal(body.generated_at, `${TODAY}T09:00:00`);

      assert.deepEqual(body.patto, {
        id: 'PATTO-2026-000123',
        signed: '2026-09-24',
        cpi_id: 'cpi-bologna',
        cpi_name: "Centro per l'Impiego di Bologna",
        responsabile: {
          name: 'Laura Neri',
          role: 'Operatrice del CPI',
          email: 'percorso.bologna@example.it',
          phone: '051 000000',
        },
        profilo_occupabilita: { index: 0.31, class: 'medio-basso' },
        measures: [
          {
            id: 'M1',
            service: 'orientamento-specialistico',
            title: 'Orientamento specialistico',
            due: '2026-12-20',
            agreed: true,
            status: 'planned',
          },
        ],
        commitments: [
          {
            id: 'C-APPS',
            kind: 'applications',
            title: 'Candidature a offerte di lavoro',
            count: 3,
            period: 'month',
            proof: 'Per ogni candidatura indica data, azienda e canale; conserva la ricevuta.',
          },
          {
            id: 'C-CONTACT',
            kind: 'contact',
            title: 'Contatto con il responsabile',
            count: 1,
            period: 'two_months',
            proof: "Colloquio, telefonata o messaggio tramite l'app.",
          },
        ],
        availability: [
          'Partecipare ai laboratori di orientamento e di ricerca del lavoro',
          'Partecipare a iniziative di formazione o riqualificazione',
          'Accettare offerte di lavoro congrue (art. 25 D.Lgs. 150/2015)',
        ],
        naspi: { monthly_eur: 1050, since: '2026-09-01' },
      });

      assert.deepEqual(body.appointments, [
        {
          id: MISSED,
          kind: 'convocazione',
          start: '2026-11-28T11:00:00',
          end: '2026-11-28T11:30:00',
          tz: 'Europe/Rome',
          channel: 'in_presenza',
          place: PLACE,
          purpose: 'Laboratorio di ricerca attiva del lavoro',
          status: 'missed',
        },
        {
          id: NEXT,
          kind: 'convocazione',
          start: '2026-12-10T09:30:00',
          end: '2026-12-10T10:00:00',
          tz: 'Europe/Rome',
          channel: 'in_presenza',
          place: PLACE,
          purpose: 'Colloquio di verifica del patto di servizio',
          status: 'scheduled',
        },
        {
          id: PHONE,
          kind: 'appuntamento',
          start: '2026-12-24T15:00:00',
          end: '2026-12-24T15:30:00',
          tz: 'Europe/Rome',
          channel: 'telefono',
          place: "Al telefono: ti chiama la tua operatrice del Centro per l'Impiego di Bologna",
          purpose: 'Aggiornamento sulla ricerca di lavoro e sulle candidature',
          status: 'scheduled',
        },
      ]);
      assert.deepEqual(body.checks, [
        { date: '2026-09-24', kind: 'convocazione', outcome: 'attended', note: 'Colloquio svolto: patto di servizio sottoscritto.' },
        {
          date: '2026-10-24',
          kind: 'convocazione',
          outcome: 'missed_unjustified',
          note: 'Assenza alla convocazione senza giustificato motivo.',
        },
      ]);
    });

    it('moves every relative date with DEMO_TODAY, read at each request', async () => {
      const day = '2027-02-25';
      process.env.DEMO_TODAY = day;
      const res = await percorso(srv, giulia);
      assert.equal(res.status, 200, res.text);
      const b = res.json;
      assert.equal(b.generated_at, `${day}T09:00:00`);
      assert.equal(b.patto.signed, addDays(day, -70));
      assert.equal(b.patto.measures[0].due, '2027-03-14');
      assert.equal(b.patto.naspi.since, '2026-09-01', 'the NASpI start is a fixed day');
      assert.deepEqual(
        b.appointments.map((a) => [a.id, a.start, a.end]),
        [
          [MISSED, '2027-02-20T11:00:00', '2027-02-20T11:30:00'],
          [NEXT, '2027-03-04T09:30:00', '2027-03-04T10:00:00'],
          [PHONE, '2027-03-18T15:00:00', '2027-03-18T15:30:00'],
        ],
      );
      assert.deepEqual(
        b.checks.map((c) => c.date),
        ['2026-12-17', '2027-01-16'],
      );
    });

    it('gives Marco and the other demo people no patto and nothing planned', async () => {
      for (const who of ['marco', 'amina', 'luca', 'fabio']) {
        const headers = who === 'marco' ? marco : await loginHeaders(srv, who);
        const res = await percorso(srv, headers);
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.json, {
          schema_version: 1,
          generated_at: `${TODAY}T09:00:00`,
          demo: true,
          patto: null,
          appointments: [],
          checks: [],
        }, who);
      }
    });
  });

  describe('POST /patto/updates', () => {
    const ACT = { type: 'search_act', action_id: 'C-APPS', date: TODAY, act_kind: 'application', employer: 'Ditta Demo Srl', channel: 'email' };

    it('needs a session and the generic fields first', async () => {
      assertProblem(await update(srv, ACT, XRW), 401);
      const res = await update(srv, { type: 'confirm' }, giulia);
      assertProblem(res, 422);
      assert.deepEqual(res.json.errors.map((e) => e.field), ['action_id']);
    });

    it('refuses an unknown type', async () => {
      for (const type of ['done', '', null, 3, 'SEARCH_ACT']) {
        const res = await assertRefused(srv, giulia, { type, action_id: 'C-APPS' }, ['type']);
        assert.match(res.json.errors[0].message, /search_act.*confirm.*reschedule.*justify/);
      }
    });

    it('refuses a search act on something that is not a commitment of the person', async () => {
      const res = await assertRefused(srv, giulia, { ...ACT, action_id: NEXT }, ['action_id']);
      assert.equal(
        res.json.errors[0].message,
        `Non troviamo l'impegno «${NEXT}» nel tuo patto di servizio: aggiorna la pagina Il mio percorso e riprova.`,
      );
      await assertRefused(srv, giulia, { ...ACT, action_id: 'C-NOPE' }, ['action_id']);
      const none = await assertRefused(srv, marco, ACT, ['action_id']);
      assert.match(none.json.errors[0].message, /^Non hai ancora un patto di servizio/);
    });

    it('refuses a search act without a valid past date', async () => {
      const { date, ...noDate } = ACT;
      for (const body of [noDate, { ...ACT, date: '' }, { ...ACT, date: '03/12/2026' }, { ...ACT, date: '2026-02-30' }, { ...ACT, date: 20261203 }]) {
        const res = await assertRefused(srv, giulia, body, ['date']);
        assert.equal(res.json.errors[0].message, "Indica la data dell'atto di ricerca nella forma AAAA-MM-GG.");
      }
      const future = await assertRefused(srv, giulia, { ...ACT, date: addDays(TODAY, 1) }, ['date']);
      assert.equal(
        future.json.errors[0].message,
        "La data 04/12/2026 è nel futuro: indica il giorno in cui hai svolto l'atto di ricerca.",
      );
      // Today and earlier days are fine.
      assert.equal((await update(srv, { ...ACT, date: addDays(TODAY, -30) }, giulia)).status, 201);
    });

    it('refuses a search act of an unknown kind', async () => {
      const { act_kind, ...noKind } = ACT;
      for (const body of [noKind, { ...ACT, act_kind: 'telepathy' }, { ...ACT, act_kind: null }]) {
        await assertRefused(srv, giulia, body, ['act_kind']);
      }
    });

    it('refuses a declared attachment over 5 MB, or one without a size', async () => {
      const big = await assertRefused(
        srv,
        giulia,
        { ...ACT, attachment: { name: 'ricevuta.pdf', type: 'application/pdf', size: 5 * MB + 1 } },
        ['attachment'],
      );
      assert.match(big.json.errors[0].message, /«ricevuta\.pdf» supera 5 MB/);
      for (const attachment of ['ricevuta.pdf', [], { name: 'a.pdf' }, { name: 'a.pdf', size: -1 }, { name: 'a.pdf', size: '12' }]) {
        await assertRefused(srv, giulia, { ...ACT, attachment }, ['attachment']);
      }
      const exact = await update(srv, { ...ACT, attachment: { name: 'foto.jpg', type: 'image/jpeg', size: 5 * MB } }, giulia);
      assert.equal(exact.status, 201, exact.text);
    });

    it('reports every wrong field of a search act at once', async () => {
      await assertRefused(
        srv,
        giulia,
        { type: 'search_act', action_id: 'C-NOPE', date: '2099-01-01', act_kind: 'x', attachment: { size: 6 * MB } },
        ['action_id', 'date', 'act_kind', 'attachment'],
      );
    });

    it('refuses confirm, reschedule and justify on something that is not an appointment of the person', async () => {
      for (const body of [
        { type: 'confirm', action_id: 'C-APPS' },
        { type: 'reschedule', action_id: 'APP-2026-9999', reason: 'Ho un colloquio di lavoro.' },
        { type: 'justify', action_id: 'M1', reason_kind: 'illness', reason: 'Ero malata.' },
      ]) {
        const res = await assertRefused(srv, giulia, body, ['action_id']);
        assert.match(res.json.errors[0].message, /^Non troviamo l'appuntamento «[^»]+» tra i tuoi appuntamenti/);
      }
      // Giulia's appointment is not Marco's.
      await assertRefused(srv, marco, { type: 'confirm', action_id: NEXT }, ['action_id']);
    });

    it('refuses a reschedule without a reason, a justification without its kind or reason', async () => {
      const r1 = await assertRefused(srv, giulia, { type: 'reschedule', action_id: NEXT }, ['reason']);
      assert.equal(r1.json.errors[0].message, "Spiega perché chiedi di spostare l'appuntamento.");
      await assertRefused(srv, giulia, { type: 'reschedule', action_id: NEXT, reason: '   ', preferred: 'lunedì mattina' }, ['reason']);
      await assertRefused(srv, giulia, { type: 'justify', action_id: MISSED, reason: 'Ero malata.' }, ['reason_kind']);
      await assertRefused(srv, giulia, { type: 'justify', action_id: MISSED, reason_kind: 'holiday', reason: 'Ero via.' }, ['reason_kind']);
      await assertRefused(srv, giulia, { type: 'justify', action_id: MISSED, reason_kind: 'illness' }, ['reason']);
      await assertRefused(srv, giulia, { type: 'justify', action_id: MISSED }, ['reason_kind', 'reason']);
      // Nothing changed.
      assert.equal(await statusOf(srv, giulia, NEXT), 'scheduled');
      assert.equal(await statusOf(srv, giulia, MISSED), 'missed');
    });

    it('a refused update leaves its key free for the corrected one', async () => {
      const key = newKey();
      assertProblem(await update(srv, { type: 'reschedule', action_id: NEXT }, giulia, key), 422);
      const ok = await update(srv, { type: 'reschedule', action_id: NEXT, reason: 'Ho un colloquio di lavoro.' }, giulia, key);
      assert.equal(ok.status, 201, ok.text);
      assert.equal((await received(srv)).attempts[key], 2);
    });

    it('accepts a search act, stores it as sent and changes no appointment', async () => {
      const body = { ...ACT, note: 'Candidatura inviata dal sito aziendale.', attachment: { name: 'ricevuta.pdf', type: 'application/pdf', size: 120_000 } };
      const res = await update(srv, body, giulia);
      assert.equal(res.status, 201, res.text);
      assert.match(res.json.id, /^PAT-\d{4}-\d{6}$/);
      assert.equal(res.json.kind, 'patto_update');
      assert.equal(res.json.status, 'received');
      const stored = (await received(srv)).records.find((r) => r.id === res.json.id);
      assert.deepEqual(stored.payload, body);
      assert.equal(stored.person.codice_fiscale, 'BNCGLI94C52A944G');
      // On the contact commitment too.
      assert.equal((await update(srv, { ...ACT, action_id: 'C-CONTACT', act_kind: 'other' }, giulia)).status, 201);

      const after = await percorso(srv, giulia);
      assert.deepEqual(
        after.json.appointments.map((a) => a.status),
        ['missed', 'scheduled', 'scheduled'],
      );
    });

    it('reflects confirm, reschedule and justify in the appointment, for that person only', async () => {
      const res = await update(srv, { type: 'reschedule', action_id: NEXT, reason: 'Ho un colloquio di lavoro.', preferred: 'Martedì o giovedì mattina' }, giulia);
      assert.equal(res.status, 201, res.text);
      assert.equal(await statusOf(srv, giulia, NEXT), 'reschedule_requested');
      assert.equal(await statusOf(srv, giulia, PHONE), 'scheduled');

      assert.equal((await update(srv, { type: 'confirm', action_id: PHONE }, giulia)).status, 201);
      assert.equal((await update(srv, { type: 'justify', action_id: MISSED, reason_kind: 'illness', reason: 'Avevo la febbre: ho il certificato medico.' }, giulia)).status, 201);
      const all = await percorso(srv, giulia);
      assert.deepEqual(
        all.json.appointments.map((a) => [a.id, a.status]),
        [
          [MISSED, 'justified'],
          [NEXT, 'reschedule_requested'],
          [PHONE, 'confirmed'],
        ],
      );
      // The checks are the CPI's: an update does not rewrite them.
      assert.equal(all.json.checks.length, 2);
      // The last update wins; the status survives a new login of the same person.
      assert.equal((await update(srv, { type: 'confirm', action_id: NEXT }, giulia)).status, 201);
      const again = await loginHeaders(srv, 'giulia');
      assert.equal(await statusOf(srv, again, NEXT), 'confirmed');
      // Marco still has nothing.
      assert.deepEqual((await percorso(srv, marco)).json.appointments, []);
    });

    it('answers an idempotent retry with the same receipt, stored once', async () => {
      const key = newKey();
      const body = { type: 'reschedule', action_id: NEXT, reason: 'Ho un colloquio di lavoro.', preferred: 'Venerdì pomeriggio' };
      const first = await update(srv, body, giulia, key);
      assert.equal(first.status, 201, first.text);
      const retry = await update(srv, body, giulia, key);
      assert.equal(retry.status, 200);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(retry.headers.location, `/api/v1/submissions/${first.json.id}`);
      assert.equal(retry.text, first.text);
      const state = await received(srv);
      assert.equal(state.records.filter((r) => r.idempotency_key === key).length, 1);
      assert.equal(state.attempts[key], 2);
      assert.equal(await statusOf(srv, giulia, NEXT), 'reschedule_requested');

      // A search act stored today still replays when its day would now be refused.
      const actKey = newKey();
      const act = { ...ACT, date: TODAY };
      const stored = await update(srv, act, giulia, actKey);
      assert.equal(stored.status, 201);
      process.env.DEMO_TODAY = addDays(TODAY, -1);
      const replay = await update(srv, act, giulia, actKey);
      assert.equal(replay.status, 200);
      assert.equal(replay.text, stored.text);
      process.env.DEMO_TODAY = TODAY;
      // The same key with another body: refused by the checks before the conflict.
      assertProblem(await update(srv, { ...act, act_kind: 'x' }, giulia, actKey), 422);
      assertProblem(await update(srv, { ...act, act_kind: 'fair' }, giulia, actKey), 409);
    });

    it('still accepts the generic update without a type, which changes nothing', async () => {
      const res = await update(srv, { action_id: NEXT, done: true }, giulia);
      assert.equal(res.status, 201, res.text);
      assert.equal(await statusOf(srv, giulia, NEXT), 'scheduled');
      assert.equal((await update(srv, { action_id: 'AZ-3', done: true }, marco)).status, 201);
    });

    it('forgets the statuses on the demo reset', async () => {
      assert.equal((await update(srv, { type: 'reschedule', action_id: NEXT, reason: 'Ho un colloquio di lavoro.' }, giulia)).status, 201);
      assert.equal((await update(srv, { type: 'justify', action_id: MISSED, reason_kind: 'family', reason: 'Mio figlio era malato.' }, giulia)).status, 201);
      assert.equal(await statusOf(srv, giulia, NEXT), 'reschedule_requested');

      const reset = await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} });
      assert.equal(reset.status, 200);
      assertProblem(await percorso(srv, giulia), 401); // the reset ended the session
      const fresh = await loginHeaders(srv, 'giulia');
      const res = await percorso(srv, fresh);
      assert.deepEqual(
        res.json.appointments.map((a) => [a.id, a.status]),
        [
          [MISSED, 'missed'],
          [NEXT, 'scheduled'],
          [PHONE, 'scheduled'],
        ],
      );
      assert.deepEqual((await received(srv)).records, []);
    });
  });
});
