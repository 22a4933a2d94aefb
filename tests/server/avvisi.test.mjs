// Avvisi pubblici in the demo server (tools/demo-server/avvisi.mjs): the
// deadline of an application, the demo publication of a provisional ranking,
// the graduatorie feed built on the fly (ETag, 304) and the riesame window.
// The day is moved with DEMO_TODAY, read by the server at each request.
//   node --test tests/server/

import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { createDemoServer } from '../../tools/demo-server/app.mjs';
import { Store } from '../../tools/demo-server/store.mjs';
import { addDays, romeDate, italianDate, isIsoDate } from '../../tools/demo-server/avvisi.mjs';
import { request, assertProblem, loginHeaders } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = path.join(ROOT, 'tools', 'demo-server.mjs');
const REPO_DATA = path.join(ROOT, 'public', 'data');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// public/data/avvisi.json and graduatorie.json
const OPEN = 'AVV-ER-2026-011'; // deadline 2027-06-30, no ranking
const OPEN_TITLE = 'Operatore tecnico – autista di scuolabus';
const RANKED = 'AVV-ER-2026-005'; // er-art16 (8 days), static provisional ranking open until 2026-12-05
const RANKED_TITLE = 'Addetto ai servizi generali';
const FINAL = 'AVV-ER-2026-003'; // static final ranking
const FINAL_TITLE = 'Operaio manutentore del verde';
// Added to the served avvisi.json: a collocamento mirato notice, lower score first.
const L68 = {
  id: 'AVV-TEST-L68',
  title: { it: 'Centralinista – collocamento mirato' },
  body: 'Ente di prova',
  cp_code: '4.2.2',
  posts: 1,
  contract: { it: 'Tempo indeterminato' },
  comune: 'Bologna',
  province: 'BO',
  comune_istat: '037006',
  published: '2026-11-01',
  deadline: '2026-12-20',
  rule_set: 'l68-classic',
  requirements: { min_age: 18, max_age: null, education_min: 2, licences: [], did_required: true, l68_required: true },
  description: { it: 'Prova.' },
};

const APPLICATION_DETAIL = "La domanda di partecipazione all'avviso non può essere accolta.";
const REVIEW_DETAIL = 'La richiesta di riesame non può essere accolta.';

// ------------------------------------------------------------------ fixture

/**
 * In-process server whose data directory has avvisi.json (the repository's
 * notices plus L68) and graduatorie.json (the repository's), but not the
 * ranking rules: those come from the repository's public/data.
 */
async function start() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-avvisi-test-'));
  const dist = path.join(root, 'dist');
  const data = path.join(dist, 'data');
  fs.mkdirSync(data, { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="it"><title>t</title></html>\n');
  const avvisi = readJson(path.join(REPO_DATA, 'avvisi.json'));
  avvisi.items.push(L68);
  fs.writeFileSync(path.join(data, 'avvisi.json'), JSON.stringify(avvisi));
  fs.copyFileSync(path.join(REPO_DATA, 'graduatorie.json'), path.join(data, 'graduatorie.json'));
  const store = new Store(path.join(root, 'store.jsonl'), { warn: () => {} });
  const server = createDemoServer({ dist, data, store, log: () => {} });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    data,
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
  return `avvisi-key-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

function submit(srv, urlPath, body, headers, key = newKey()) {
  return request(srv, 'POST', urlPath, { body, headers: { 'Idempotency-Key': key, ...headers } });
}

const apply = (srv, who, avviso_id, extra = {}, key = newKey()) =>
  submit(srv, '/api/v1/avvisi/applications', { avviso_id, ...extra }, who, key);
const askReview = (srv, who, avviso_id, key = newKey()) =>
  submit(srv, '/api/v1/reviews', { avviso_id, reason: 'Non è stata valutata la DID.' }, who, key);
const publish = (srv, id, body) =>
  request(srv, 'POST', `/api/v1/_demo/avvisi/${encodeURIComponent(id)}/publish`, body === undefined ? {} : { body });
const feed = (srv, headers = {}) => request(srv, 'GET', '/data/graduatorie.json', { headers });

async function received(srv) {
  const res = await request(srv, 'GET', '/api/v1/_demo/received');
  assert.equal(res.status, 200);
  return res.json;
}

const savedToday = process.env.DEMO_TODAY;
function setToday(day) {
  process.env.DEMO_TODAY = day;
}

/** A 422 of the avvisi checks: the problem's shape and its one field message. */
function assertRefused(res, detail, message) {
  assertProblem(res, 422);
  assert.equal(res.json.title, 'Dati non validi');
  assert.equal(res.json.detail, detail);
  assert.deepEqual(res.json.errors, [{ field: 'avviso_id', message }]);
}

// ------------------------------------------------------------------ tests

describe('days', () => {
  it('adds calendar days, writes dates the Italian way, knows the day in Rome', () => {
    assert.equal(addDays('2026-12-28', 8), '2027-01-05');
    assert.equal(addDays('2028-02-25', 8), '2028-03-04');
    assert.equal(italianDate('2027-06-30'), '30/06/2027');
    assert.equal(romeDate(Date.parse('2026-12-31T23:30:00Z')), '2027-01-01');
    assert.equal(romeDate(Date.parse('2026-07-01T21:59:00Z')), '2026-07-01');
    assert.equal(romeDate(Date.parse('2026-07-01T22:00:00Z')), '2026-07-02');
    assert.ok(isIsoDate('2028-02-29'));
    assert.ok(!isIsoDate('2027-02-29'));
    assert.ok(!isIsoDate('2027-6-30'));
  });
});

describe('avvisi pubblici', () => {
  let srv;
  let who; // citizen → headers of a logged-in app request

  before(async () => {
    srv = await start();
  });

  after(async () => {
    if (savedToday === undefined) delete process.env.DEMO_TODAY;
    else process.env.DEMO_TODAY = savedToday;
    await srv?.close();
  });

  beforeEach(async () => {
    setToday('2026-12-03');
    const reset = await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} });
    assert.equal(reset.status, 200);
    who = {};
    for (const c of ['giulia', 'marco', 'luca', 'amina', 'fabio']) who[c] = await loginHeaders(srv, c);
  });

  describe('applications', () => {
    it('accepts an application up to the deadline and refuses it the day after, storing nothing', async () => {
      setToday('2027-06-29');
      const before = await apply(srv, who.giulia, OPEN);
      assert.equal(before.status, 201, before.text);
      assert.equal(before.json.kind, 'avviso_application');
      assert.match(before.json.id, /^AVV-\d{4}-\d{6}$/);

      setToday('2027-06-30'); // the last day (inclusive)
      const onTheDay = await apply(srv, who.marco, OPEN);
      assert.equal(onTheDay.status, 201, onTheDay.text);

      setToday('2027-07-01');
      const stored = (await received(srv)).records.length;
      const key = newKey();
      const late = await apply(srv, who.luca, OPEN, { simulated_score: 99 }, key);
      const message =
        `Il termine per candidarsi all'avviso «${OPEN_TITLE}» è scaduto il 30/06/2027: ` +
        'non è più possibile partecipare.';
      assertRefused(late, APPLICATION_DETAIL, message);

      // Nothing stored: the key finds no record, and a retry of the same request is refused again.
      let state = await received(srv);
      assert.equal(state.records.length, stored);
      assert.ok(!state.records.some((r) => r.idempotency_key === key));
      assertProblem(await request(srv, 'GET', `/api/v1/submissions?idempotency_key=${key}`, { headers: who.luca }), 404);
      const retry = await apply(srv, who.luca, OPEN, { simulated_score: 99 }, key);
      assertRefused(retry, APPLICATION_DETAIL, message);
      state = await received(srv);
      assert.equal(state.records.length, stored);
      assert.equal(state.attempts[key], 2);

      // The replay of an application stored in time still gets its receipt.
      const replay = await apply(srv, who.giulia, OPEN, {}, before.json.idempotency_key);
      assert.equal(replay.status, 200, replay.text);
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal(replay.text, before.text);
    });

    it('refuses an application to an unknown notice, before storing it', async () => {
      const key = newKey();
      const res = await apply(srv, who.giulia, 'AVV-XX-0000-000', {}, key);
      assertRefused(res, APPLICATION_DETAIL, "Non troviamo l'avviso AVV-XX-0000-000: controlla il codice.");
      const state = await received(srv);
      assert.equal(state.records.length, 0);
      assert.equal(state.attempts[key], 1);
    });

    it('checks the fields first, the notice after (documented order)', async () => {
      const res = await submit(srv, '/api/v1/avvisi/applications', { avviso_id: '  ' }, who.giulia);
      assertProblem(res, 422);
      assert.equal(res.json.errors[0].message, "Indica l'avviso pubblico a cui partecipi.");
      // 415 comes before the notice check.
      const wrongType = await request(srv, 'POST', '/api/v1/avvisi/applications', {
        body: JSON.stringify({ avviso_id: 'AVV-XX' }),
        headers: { 'Idempotency-Key': newKey(), 'Content-Type': 'text/plain', ...who.giulia },
      });
      assertProblem(wrongType, 415);
    });
  });

  describe('rankings', () => {
    it('publishes a provisional ranking with the applications received, in the graduatorie feed', async () => {
      setToday('2026-10-10'); // before the deadline of RANKED (2026-10-15)
      const g = await apply(srv, who.giulia, RANKED, { simulated_score: 100.5 });
      const m = await apply(srv, who.marco, RANKED, { simulated_score: 90 });
      const l = await apply(srv, who.luca, RANKED, { simulated_score: 90 }); // tie with marco: protocol order
      const a = await apply(srv, who.amina, RANKED, { simulated_score: 120 }); // rejected below: left out
      const f = await apply(srv, who.fabio, RANKED, {}); // no simulated_score: left out
      const o = await apply(srv, who.giulia, OPEN, { simulated_score: 200 }); // another notice
      for (const r of [g, m, l, a, f, o]) assert.equal(r.status, 201, r.text);
      const rejected = await request(srv, 'POST', `/api/v1/_demo/status/${a.json.id}`, { body: { status: 'rejected' } });
      assert.equal(rejected.status, 200);

      setToday('2026-12-10');
      const first = await feed(srv);
      assert.equal(first.status, 200);
      const etag0 = first.headers.etag;
      const staticItem = first.json.items.find((i) => i.avviso_id === RANKED);
      assert.equal(staticItem.review_until, '2026-12-05');

      const pub = await publish(srv, RANKED);
      assert.equal(pub.status, 200, pub.text);
      assert.match(pub.headers['content-type'], /^application\/json/);
      const byProtocol = Object.fromEntries(staticItem.entries.map((e) => [e.protocol, e]));
      const expected = [
        ['AVV-2026-000902', 101],
        ['AVV-2026-000901', 101],
        [g.json.id, 100.5],
        ['AVV-2026-000904', 100],
        [m.json.id, 90],
        [l.json.id, 90],
        ['AVV-2026-000903', 86],
        ['AVV-2026-000905', 86],
      ];
      for (const [p, score] of expected) if (byProtocol[p]) assert.equal(byProtocol[p].score, score);
      assert.deepEqual(pub.json, {
        avviso_id: RANKED,
        stage: 'provisional',
        published: '2026-12-10',
        review_until: '2026-12-18', // + review.days of er-art16
        entries: expected.map(([protocol, score], i) => ({ protocol, score, rank: i + 1 })),
      });

      // The feed now carries it in place of the file's ranking; the rest is unchanged.
      const after = await feed(srv);
      assert.equal(after.status, 200);
      assert.match(after.headers['content-type'], /^application\/json/);
      assert.equal(after.headers['cache-control'], 'no-cache');
      assert.equal(after.headers['access-control-allow-origin'], '*');
      assert.match(after.headers['access-control-expose-headers'], /ETag/);
      assert.ok(!Number.isNaN(Date.parse(after.headers['last-modified'])));
      assert.equal(after.json.feed, 'graduatorie');
      assert.equal(after.json.generated_at, '2026-12-10');
      assert.deepEqual(Object.keys(after.json).sort(), ['demo', 'feed', 'generated_at', 'items', 'schema_version', 'source']);
      const mine = after.json.items.filter((i) => i.avviso_id === RANKED);
      assert.deepEqual(mine, [pub.json]);
      assert.ok(mine[0].entries.some((e) => e.protocol === g.json.id), "the applicant's protocol is the receipt id");
      assert.deepEqual(
        after.json.items.find((i) => i.avviso_id === FINAL),
        first.json.items.find((i) => i.avviso_id === FINAL),
      );
      assert.equal(after.json.items.length, first.json.items.length);

      // The ETag follows the content: the old one gets the new feed, the new one a 304.
      const etag1 = after.headers.etag;
      assert.match(etag1, /^"[A-Za-z0-9_-]{32}"$/);
      assert.notEqual(etag1, etag0);
      const withOld = await feed(srv, { 'If-None-Match': etag0 });
      assert.equal(withOld.status, 200);
      assert.deepEqual(withOld.json, after.json);
      const withNew = await feed(srv, { 'If-None-Match': etag1 });
      assert.equal(withNew.status, 304);
      assert.equal(withNew.raw.length, 0);
      assert.equal(withNew.headers.etag, etag1);
      assert.equal(withNew.headers['access-control-allow-origin'], '*');
      assert.equal(withNew.headers['cache-control'], 'no-cache');

      // gzip, as for the other feeds; its tag revalidates too.
      const gz = await feed(srv, { 'Accept-Encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gz.headers.etag, etag1.replace(/"$/, '-gz"'));
      assert.equal(gz.headers.vary, 'Accept-Encoding');
      assert.deepEqual(JSON.parse(zlib.gunzipSync(gz.raw).toString('utf8')), after.json);
      assert.equal((await feed(srv, { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag })).status, 304);
      const head = await request(srv, 'HEAD', '/data/graduatorie.json');
      assert.equal(head.status, 200);
      assert.equal(head.raw.length, 0);
      assert.equal(head.headers.etag, etag1);

      // Another application and a new publication: another ETag.
      setToday('2026-10-01');
      const late = await apply(srv, who.amina, RANKED, { simulated_score: 70 }, newKey());
      assert.equal(late.status, 201);
      setToday('2026-12-10');
      const again = await publish(srv, RANKED);
      assert.equal(again.json.entries.at(-1).protocol, late.json.id);
      assert.equal(again.json.entries.at(-1).rank, 9);
      const etag2 = (await feed(srv)).headers.etag;
      assert.notEqual(etag2, etag1);
      assert.equal((await feed(srv, { 'If-None-Match': etag1 })).status, 200);

      // The reset forgets what was published: the file's rankings again.
      await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} });
      const reset = await feed(srv);
      assert.deepEqual(reset.json, first.json);
      assert.equal(reset.headers.etag, etag0);
    });

    it('orders lower scores first when the rule set says so; review_until crosses the year', async () => {
      setToday('2026-12-01');
      const g = await apply(srv, who.giulia, L68.id, { simulated_score: 950 });
      const m = await apply(srv, who.marco, L68.id, { simulated_score: 900 });
      const l = await apply(srv, who.luca, L68.id, { simulated_score: 900 });
      for (const r of [g, m, l]) assert.equal(r.status, 201, r.text);

      setToday('2026-12-28');
      const pub = await publish(srv, L68.id, {});
      assert.equal(pub.status, 200, pub.text);
      assert.equal(pub.json.published, '2026-12-28');
      assert.equal(pub.json.review_until, '2027-01-05');
      assert.deepEqual(pub.json.entries, [
        { protocol: m.json.id, score: 900, rank: 1 },
        { protocol: l.json.id, score: 900, rank: 2 },
        { protocol: g.json.id, score: 950, rank: 3 },
      ]);
      // A notice without a ranking in the file is added to the feed.
      const res = await feed(srv);
      assert.deepEqual(res.json.items.at(-1), pub.json);
    });

    it('the publish hook: 404 for an unknown notice, 422 for a bad stage, final on request', async () => {
      const unknown = await publish(srv, 'AVV-XX-0000-000');
      assertProblem(unknown, 404);
      assert.equal(unknown.json.detail, "Non troviamo l'avviso AVV-XX-0000-000.");
      const bad = await publish(srv, OPEN, { stage: 'definitiva' });
      assertProblem(bad, 422);
      assert.equal(bad.json.errors[0].field, 'stage');
      const final = await publish(srv, OPEN, { stage: 'final' });
      assert.equal(final.status, 200, final.text);
      assert.deepEqual(final.json, { avviso_id: OPEN, stage: 'final', published: '2026-12-03', review_until: null, entries: [] });
      // A demo hook: neither session nor CSRF header, like the other _demo endpoints.
      assert.equal((await request(srv, 'OPTIONS', `/api/v1/_demo/avvisi/${OPEN}/publish`)).status, 204);
      assertProblem(await request(srv, 'GET', `/api/v1/_demo/avvisi/${OPEN}/publish`), 405);
    });
  });

  describe('riesame', () => {
    it('accepts a riesame inside the window of the provisional ranking and refuses it the day after', async () => {
      // The file's provisional ranking: open until 2026-12-05.
      setToday('2026-12-05');
      const inFile = await askReview(srv, who.giulia, RANKED);
      assert.equal(inFile.status, 201, inFile.text);
      assert.match(inFile.json.id, /^RIE-\d{4}-\d{6}$/);
      setToday('2026-12-06');
      assertRefused(
        await askReview(srv, who.giulia, RANKED),
        REVIEW_DETAIL,
        `Il termine per chiedere il riesame della graduatoria dell'avviso «${RANKED_TITLE}» è scaduto il 05/12/2026.`,
      );

      // A ranking published here: today + 8 days.
      setToday('2026-12-10');
      assert.equal((await publish(srv, RANKED)).json.review_until, '2026-12-18');
      setToday('2026-12-18');
      const inside = await askReview(srv, who.marco, RANKED);
      assert.equal(inside.status, 201, inside.text);
      assert.equal(inside.json.kind, 'review');

      setToday('2026-12-19');
      const stored = (await received(srv)).records.length;
      const key = newKey();
      const message = `Il termine per chiedere il riesame della graduatoria dell'avviso «${RANKED_TITLE}» è scaduto il 18/12/2026.`;
      assertRefused(await askReview(srv, who.luca, RANKED, key), REVIEW_DETAIL, message);
      assertRefused(await askReview(srv, who.luca, RANKED, key), REVIEW_DETAIL, message);
      const state = await received(srv);
      assert.equal(state.records.length, stored);
      assert.ok(!state.records.some((r) => r.idempotency_key === key));
    });

    it('refuses a riesame of a final ranking, of a notice without ranking, of an unknown notice', async () => {
      setToday('2026-10-21'); // the day after the final ranking was published
      assertRefused(
        await askReview(srv, who.giulia, FINAL),
        REVIEW_DETAIL,
        `La graduatoria dell'avviso «${FINAL_TITLE}» è definitiva: non si può più chiedere il riesame.`,
      );
      assertRefused(
        await askReview(srv, who.giulia, OPEN),
        REVIEW_DETAIL,
        `Per l'avviso «${OPEN_TITLE}» non c'è una graduatoria provvisoria: il riesame si chiede dopo la sua pubblicazione.`,
      );
      assertRefused(
        await askReview(srv, who.giulia, 'AVV-XX-0000-000'),
        REVIEW_DETAIL,
        "Non troviamo l'avviso AVV-XX-0000-000: controlla il codice.",
      );

      // Published as final with the demo hook: refused the same way, even on the day.
      setToday('2026-12-10');
      assert.equal((await publish(srv, RANKED, { stage: 'final' })).status, 200);
      assertRefused(
        await askReview(srv, who.giulia, RANKED),
        REVIEW_DETAIL,
        `La graduatoria dell'avviso «${RANKED_TITLE}» è definitiva: non si può più chiedere il riesame.`,
      );
      assert.equal((await received(srv)).records.length, 0);
    });
  });
});

// ------------------------------------------------------------------ the command line

/** tools/demo-server.mjs as a child process with `env`; resolves with its port or its exit. */
function spawnServer(args, env) {
  const child = spawn(process.execPath, [SERVER, ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${stderr}`));
    }, 10_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      const m = /^listening http:\/\/127\.0\.0\.1:(\d+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), stderr: () => stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: () => stderr });
    });
  });
}

describe('DEMO_TODAY on the command line, data from the repository', () => {
  let root;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-avvisi-cli-'));
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', 'index.html'), '<!doctype html><title>t</title>\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('uses DEMO_TODAY and, without avvisi files in the served data, the repository ones', async () => {
    const args = ['--dist', path.join(root, 'dist'), '--store', path.join(root, 'store.jsonl')];
    const srv = await spawnServer(args, { DEMO_TODAY: '2027-07-01' });
    assert.ok(srv.port, srv.stderr());
    try {
      const giulia = await loginHeaders(srv, 'giulia');
      assertRefused(
        await apply(srv, giulia, OPEN),
        APPLICATION_DETAIL,
        `Il termine per candidarsi all'avviso «${OPEN_TITLE}» è scaduto il 30/06/2027: non è più possibile partecipare.`,
      );
      const res = await feed(srv);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, readJson(path.join(REPO_DATA, 'graduatorie.json')));
      // Other feeds are still only the served directory's.
      assertProblem(await request(srv, 'GET', '/data/avvisi.json'), 404);
      assert.match(srv.stderr(), /DEMO_TODAY=2027-07-01/);
    } finally {
      srv.child.kill('SIGTERM');
      await new Promise((resolve) => srv.child.on('exit', resolve));
    }
  });

  it('refuses to start with an invalid DEMO_TODAY', async () => {
    const args = ['--dist', path.join(root, 'dist'), '--store', path.join(root, 'store2.jsonl')];
    const out = await spawnServer(args, { DEMO_TODAY: '01/07/2027' });
    assert.notEqual(out.code, 0);
    assert.equal(out.port, undefined);
    assert.match(out.stderr(), /DEMO_TODAY=01\/07\/2027 non è valido: indica un giorno nella forma AAAA-MM-GG/);
  });
});
