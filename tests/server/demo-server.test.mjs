// Tests of tools/demo-server.mjs, run as a real child process on port 0.
//   node --test tests/server/

import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { canonicalJson } from '../../tools/demo-server/store.mjs';

import { XRW, request, assertProblem, loginHeaders } from './helpers.mjs';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tools/demo-server.mjs');
const YEAR = new Date().getFullYear();
const TODAY = '2026-12-03';
// public/data/avvisi.json: open until 2027-06-30; graduatorie.json: a provisional ranking open
// for a riesame until 2026-12-05.
const OPEN_AVVISO = 'AVV-ER-2026-011';
const REVIEWABLE_AVVISO = 'AVV-ER-2026-005';
const INDEX_HTML = '<!doctype html><html lang="it"><title>Sportello Lavoro</title><body>app</body></html>\n';
const WASM_BYTES = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const CATALOGUE = {
  schema_version: 1,
  feed: 'catalogue',
  generated_at: '2026-11-01',
  demo: true,
  source: 'test',
  items: [{ id: 'did' }],
};

// ------------------------------------------------------------------ helpers

/** Temp layout: root/{dist/index.html, dist/pkg/app_bg.wasm, dist/data/catalogue.json, secret.txt} */
function makeFixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-server-test-'));
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'pkg'), { recursive: true });
  fs.mkdirSync(path.join(dist, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(dist, 'pkg', 'app_bg.wasm'), WASM_BYTES);
  fs.writeFileSync(path.join(dist, 'pkg', 'app.js'), 'export default 1;\n');
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"Sportello Lavoro"}');
  fs.writeFileSync(path.join(dist, 'font.woff2'), Buffer.from('wOF2fake'));
  fs.writeFileSync(path.join(dist, 'data', 'catalogue.json'), JSON.stringify(CATALOGUE));
  const comuni = { schema_version: 1, feed: 'comuni', generated_at: '2026-11-01', demo: true, items: [] };
  for (let i = 0; i < 500; i++) comuni.items.push({ istat: String(i).padStart(6, '0'), nome: `Comune ${i}` });
  fs.writeFileSync(path.join(dist, 'data', 'comuni.json'), JSON.stringify(comuni));
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-CONTENT');
  return { root, dist, data: path.join(dist, 'data'), store: path.join(root, 'state', 'store.jsonl') };
}

// Every server started, so that one left running by a failed assertion
// cannot keep the test process alive.
const children = new Set();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Start the server; resolves once it printed its `listening` line. */
function startServer(fx, extraArgs = []) {
  const args = [SERVER, '--dist', fx.dist, '--data', fx.data, '--store', fx.store, '--port', '0', ...extraArgs];
  // A fixed day for the avvisi checks (tests/server/avvisi.test.mjs): the notices and rankings
  // are the repository's (public/data), whose provisional ranking is open until 2026-12-05.
  const env = { ...process.env, DEMO_TODAY: TODAY };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const srv = { child, stdout: '', stderr: '', base: undefined };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (srv.stderr += d));
  srv.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${srv.stderr}`)), 10_000);
    child.stdout.on('data', (d) => {
      srv.stdout += d;
      const m = /^listening (http:\/\/127\.0\.0\.1:(\d+))\n/.exec(srv.stdout);
      if (m && !srv.base) {
        clearTimeout(timer);
        srv.base = m[1];
        srv.port = Number(m[2]);
        resolve(srv);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!srv.base) reject(new Error(`server exited with ${code}:\n${srv.stderr}`));
    });
  });
}

async function stopServer(srv) {
  srv.child.kill('SIGTERM');
  return srv.exited;
}

/** A submission POST as the app sends it (X-Requested-With); `headers` may add a session. */
function post(srv, urlPath, body, key, headers = {}) {
  return request(srv, 'POST', urlPath, {
    body,
    headers: key === undefined ? { ...XRW, ...headers } : { 'Idempotency-Key': key, ...XRW, ...headers },
  });
}

let keyCounter = 0;
function newKey() {
  keyCounter += 1;
  return `test-key-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

async function received(srv) {
  const res = await request(srv, 'GET', '/api/v1/_demo/received');
  assert.equal(res.status, 200);
  return res.json;
}

const MESSAGE = { cpi_id: 'CPI-BO-01', subject: 'Richiesta appuntamento', body: 'Vorrei fissare un colloquio.' };
// The demo citizen the submission tests log in as (tools/demo-server/citizens.json).
const GIULIA_CF = 'BNCGLI94C52A944G';
const idPattern = (prefix, seq) => `${prefix}-${YEAR}-${String(seq).padStart(6, '0')}`;

// ------------------------------------------------------------------ tests

describe('demo server', () => {
  let fx;
  let srv;

  before(async () => {
    fx = makeFixture();
    srv = await startServer(fx);
  });

  after(async () => {
    if (srv) await stopServer(srv);
    fs.rmSync(fx.root, { recursive: true, force: true });
  });

  describe('static app', () => {
    it('falls back to index.html for client-side routes', async () => {
      for (const p of ['/', '/offerte/VAC-12', '/pratiche?x=1', '/deep/nested/route/']) {
        const res = await request(srv, 'GET', p);
        assert.equal(res.status, 200, p);
        assert.equal(res.text, INDEX_HTML, p);
        assert.match(res.headers['content-type'], /^text\/html/);
        assert.equal(res.headers['cache-control'], 'no-cache');
      }
    });

    it('serves files with the right content types', async () => {
      const wasm = await request(srv, 'GET', '/pkg/app_bg.wasm');
      assert.equal(wasm.status, 200);
      assert.equal(wasm.headers['content-type'], 'application/wasm');
      assert.deepEqual(wasm.raw, WASM_BYTES);
      const cases = {
        '/pkg/app.js': /^text\/javascript/,
        '/manifest.webmanifest': /^application\/manifest\+json/,
        '/font.woff2': /^font\/woff2$/,
        '/index.html': /^text\/html/,
      };
      for (const [p, type] of Object.entries(cases)) {
        const res = await request(srv, 'GET', p);
        assert.equal(res.status, 200, p);
        assert.match(res.headers['content-type'], type, p);
      }
    });

    it('never serves files outside dist or data', async () => {
      for (const p of [
        '/../secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/%2e%2e%2f%2e%2e%2fsecret.txt',
        '/pkg/..%2f..%2fsecret.txt',
        '/data/../../secret.txt',
        '/data/..%2f..%2fsecret.txt',
        '/data/%2e%2e/%2e%2e/secret.txt',
        '/data/..%5c..%5csecret.txt',
      ]) {
        const res = await request(srv, 'GET', p);
        assert.ok(!res.text.includes('TOP-SECRET'), `${p} leaked the secret`);
        assert.ok([200, 400, 404].includes(res.status), `${p} → ${res.status}`);
      }
    });

    it('rejects writes to static paths', async () => {
      const res = await request(srv, 'POST', '/index.html', { body: {} });
      assertProblem(res, 405);
    });
  });

  describe('feeds', () => {
    it('serves a feed with validators and CORS', async () => {
      const res = await request(srv, 'GET', '/data/catalogue.json');
      assert.equal(res.status, 200);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.deepEqual(res.json, CATALOGUE);
      assert.match(res.headers.etag, /^"[^"]+"$/, 'strong ETag');
      assert.ok(!Number.isNaN(Date.parse(res.headers['last-modified'])));
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(res.headers['access-control-expose-headers'], /ETag/i);
      assert.match(res.headers['access-control-expose-headers'], /Last-Modified/i);
    });

    it('answers 304 to If-None-Match and If-Modified-Since', async () => {
      const first = await request(srv, 'GET', '/data/catalogue.json');
      const etag = first.headers.etag;

      const inm = await request(srv, 'GET', '/data/catalogue.json', { headers: { 'If-None-Match': etag } });
      assert.equal(inm.status, 304);
      assert.equal(inm.raw.length, 0);
      assert.equal(inm.headers.etag, etag);
      assert.equal(inm.headers['access-control-allow-origin'], '*');

      const list = await request(srv, 'GET', '/data/catalogue.json', { headers: { 'If-None-Match': `"nope", ${etag}` } });
      assert.equal(list.status, 304);

      const other = await request(srv, 'GET', '/data/catalogue.json', { headers: { 'If-None-Match': '"something-else"' } });
      assert.equal(other.status, 200);
      assert.deepEqual(other.json, CATALOGUE);

      const ims = await request(srv, 'GET', '/data/catalogue.json', {
        headers: { 'If-Modified-Since': first.headers['last-modified'] },
      });
      assert.equal(ims.status, 304);

      const old = await request(srv, 'GET', '/data/catalogue.json', {
        headers: { 'If-Modified-Since': new Date(Date.parse(first.headers['last-modified']) - 60_000).toUTCString() },
      });
      assert.equal(old.status, 200);
    });

    it('changes the ETag when the feed changes', async () => {
      const file = path.join(fx.data, 'catalogue.json');
      const before = await request(srv, 'GET', '/data/catalogue.json');
      const changed = { ...CATALOGUE, items: [{ id: 'did' }, { id: 'patto' }] };
      fs.writeFileSync(file, JSON.stringify(changed));
      const future = new Date(Date.now() + 5_000);
      fs.utimesSync(file, future, future);
      try {
        const res = await request(srv, 'GET', '/data/catalogue.json', { headers: { 'If-None-Match': before.headers.etag } });
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, changed);
        assert.notEqual(res.headers.etag, before.headers.etag);
      } finally {
        fs.writeFileSync(file, JSON.stringify(CATALOGUE));
      }
    });

    it('gzips large feeds for clients that accept it', async () => {
      const plain = await request(srv, 'GET', '/data/comuni.json');
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      const gz = await request(srv, 'GET', '/data/comuni.json', { headers: { 'Accept-Encoding': 'gzip, br' } });
      assert.equal(gz.status, 200);
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.ok(gz.raw.length < plain.raw.length);
      assert.deepEqual(JSON.parse(zlib.gunzipSync(gz.raw).toString('utf8')), plain.json);
      const again = await request(srv, 'GET', '/data/comuni.json', {
        headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag },
      });
      assert.equal(again.status, 304);
    });

    it('answers 404 problem for a missing feed, never index.html', async () => {
      const res = await request(srv, 'GET', '/data/vacancies.json');
      assertProblem(res, 404);
      assert.equal(res.headers['access-control-allow-origin'], '*');
    });

    it('answers the CORS preflight for conditional requests', async () => {
      const res = await request(srv, 'OPTIONS', '/data/catalogue.json');
      assert.equal(res.status, 204);
      assert.match(res.headers['access-control-allow-headers'], /If-None-Match/);
    });
  });

  describe('API basics', () => {
    it('reports health', async () => {
      const res = await request(srv, 'GET', '/api/v1/health');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { status: 'ok' });
      assert.equal(res.headers['access-control-allow-origin'], '*');
    });

    it('answers the CORS preflight with 204', async () => {
      const res = await request(srv, 'OPTIONS', '/api/v1/messages', {
        headers: {
          Origin: 'http://example.test',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key, x-requested-with',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(res.headers['access-control-allow-methods'], /POST/);
      assert.match(res.headers['access-control-allow-headers'], /Content-Type/i);
      assert.match(res.headers['access-control-allow-headers'], /Idempotency-Key/i);
      assert.match(res.headers['access-control-allow-headers'], /X-Requested-With/i);
    });

    it('answers 404 for unknown API paths and 405 for wrong methods', async () => {
      assertProblem(await request(srv, 'GET', '/api/v1/nothing-here'), 404);
      assertProblem(await request(srv, 'GET', '/api/v2/health'), 404);
      const wrong = await request(srv, 'GET', '/api/v1/messages');
      assertProblem(wrong, 405);
      assert.match(wrong.headers.allow, /POST/);
      assertProblem(await request(srv, 'DELETE', '/api/v1/health'), 405);
    });
  });

  describe('submissions', () => {
    // Session and CSRF header of a demo citizen; all but /messages need a session.
    let giulia;
    beforeEach(async () => {
      giulia = await loginHeaders(srv, 'giulia');
    });

    it('requires a valid Idempotency-Key', async () => {
      const before = (await received(srv)).records.length;
      const missing = await post(srv, '/api/v1/messages', MESSAGE, undefined);
      assertProblem(missing, 400);
      assert.match(missing.json.detail, /Idempotency-Key/);
      assertProblem(await post(srv, '/api/v1/messages', MESSAGE, 'short'), 400);
      assertProblem(await post(srv, '/api/v1/messages', MESSAGE, 'has spaces in it'), 400);
      assertProblem(await post(srv, '/api/v1/messages', MESSAGE, 'x'.repeat(129)), 400);
      assert.equal((await received(srv)).records.length, before);
    });

    it('rejects bodies that are not a JSON object', async () => {
      assertProblem(await post(srv, '/api/v1/messages', '{not json', newKey()), 400);
      assertProblem(await post(srv, '/api/v1/messages', [MESSAGE], newKey()), 400);
      assertProblem(await post(srv, '/api/v1/messages', 'null', newKey()), 400);
      assertProblem(await post(srv, '/api/v1/messages', MESSAGE, newKey(), { 'Content-Type': 'text/plain' }), 415);
      const big = { ...MESSAGE, body: 'x'.repeat(300 * 1024) };
      assertProblem(await post(srv, '/api/v1/messages', big, newKey()), 413);
    });

    it('answers 422 with Italian field errors', async () => {
      const res = await post(srv, '/api/v1/messages', { subject: 'Ciao', body: '   ' }, newKey());
      assertProblem(res, 422);
      assert.ok(Array.isArray(res.json.errors));
      const fields = res.json.errors.map((e) => e.field).sort();
      assert.deepEqual(fields, ['body', 'cpi_id']);
      for (const e of res.json.errors) assert.ok(e.message.length > 5);
      assert.ok(res.json.errors.every((e) => /[àèéìòù]|[a-z]/.test(e.message)));

      const noSubject = await post(srv, '/api/v1/messages', { cpi_id: 'X', body: 'b' }, newKey());
      assertProblem(noSubject, 422);
      assert.deepEqual(noSubject.json.errors, [{ field: 'subject', message: "Inserisci l'oggetto del messaggio." }]);
    });

    it('validates the required field of every kind', async () => {
      const cases = [
        ['/api/v1/did', ['codice_fiscale']],
        ['/api/v1/applications', ['vacancy_id']],
        ['/api/v1/avvisi/applications', ['avviso_id']],
        ['/api/v1/reviews', ['avviso_id', 'reason']],
        ['/api/v1/patto/updates', ['action_id']],
        ['/api/v1/messages', ['body', 'cpi_id', 'subject']],
      ];
      for (const [p, fields] of cases) {
        const res = await post(srv, p, { extra: 'ignored' }, newKey(), giulia);
        assertProblem(res, 422);
        assert.deepEqual(res.json.errors.map((e) => e.field).sort(), fields, p);
      }
      const badCf = await post(srv, '/api/v1/did', { codice_fiscale: 'ABC' }, newKey(), giulia);
      assertProblem(badCf, 422);
      assert.equal(badCf.json.errors[0].field, 'codice_fiscale');
    });

    it('creates once, replays the same answer, never duplicates', async () => {
      const key = newKey();
      const first = await post(srv, '/api/v1/messages', MESSAGE, key);
      assert.equal(first.status, 201, first.text);
      assert.match(first.json.id, new RegExp(`^MSG-${YEAR}-\\d{6}$`));
      assert.equal(first.json.kind, 'message');
      assert.equal(first.json.status, 'received');
      assert.equal(first.json.idempotency_key, key);
      assert.ok(!Number.isNaN(Date.parse(first.json.received_at)));
      assert.equal(first.headers.location, `/api/v1/submissions/${first.json.id}`);
      assert.equal(first.headers['idempotent-replayed'], undefined);

      // Same content with keys in another order: still the same request.
      const reordered = { body: MESSAGE.body, subject: MESSAGE.subject, cpi_id: MESSAGE.cpi_id };
      const replay = await post(srv, '/api/v1/messages', reordered, key);
      assert.equal(replay.status, 200);
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal(replay.text, first.text);

      const state = await received(srv);
      assert.equal(state.records.filter((r) => r.idempotency_key === key).length, 1);
      assert.equal(state.attempts[key], 2);
    });

    it('answers 409 when a key is reused with another body', async () => {
      const key = newKey();
      const first = await post(srv, '/api/v1/messages', MESSAGE, key);
      assert.equal(first.status, 201);
      const count = (await received(srv)).records.length;
      assertProblem(await post(srv, '/api/v1/messages', { ...MESSAGE, body: 'Testo cambiato' }, key), 409);
      // Same body on another endpoint is another request too.
      assertProblem(await post(srv, '/api/v1/reviews', { ...MESSAGE, avviso_id: REVIEWABLE_AVVISO, reason: 'r' }, key, giulia), 409);
      const state = await received(srv);
      assert.equal(state.records.length, count);
      assert.equal(state.attempts[key], 3);
      const stored = state.records.find((r) => r.idempotency_key === key);
      assert.deepEqual(stored.payload, MESSAGE);
    });

    it('numbers each kind with its own sequence', async () => {
      await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} });
      giulia = await loginHeaders(srv, 'giulia'); // the reset ended the sessions
      const m1 = await post(srv, '/api/v1/messages', MESSAGE, newKey());
      const m2 = await post(srv, '/api/v1/messages', { ...MESSAGE, subject: 'Altro' }, newKey(), giulia);
      const a1 = await post(srv, '/api/v1/applications', { vacancy_id: 'VAC-1' }, newKey(), giulia);
      const v1 = await post(srv, '/api/v1/avvisi/applications', { avviso_id: OPEN_AVVISO }, newKey(), giulia);
      const r1 = await post(srv, '/api/v1/reviews', { avviso_id: REVIEWABLE_AVVISO, reason: 'Punteggio errato' }, newKey(), giulia);
      const p1 = await post(srv, '/api/v1/patto/updates', { action_id: 'AZ-3', done: true }, newKey(), giulia);
      const d1 = await post(srv, '/api/v1/did', { codice_fiscale: GIULIA_CF }, newKey(), giulia);
      assert.deepEqual(
        [m1, m2, a1, v1, r1, p1, d1].map((r) => [r.status, r.json.id, r.json.kind]),
        [
          [201, idPattern('MSG', 1), 'message'],
          [201, idPattern('MSG', 2), 'message'],
          [201, idPattern('CAND', 1), 'application'],
          [201, idPattern('AVV', 1), 'avviso_application'],
          [201, idPattern('RIE', 1), 'review'],
          [201, idPattern('PAT', 1), 'patto_update'],
          [201, idPattern('DID', 1), 'did'],
        ],
      );
    });

    it('fails the next submissions on demand, then succeeds', async () => {
      const set = await request(srv, 'POST', '/api/v1/_demo/fail-next', { body: { count: 2, status: 503 } });
      assert.equal(set.status, 200);
      const key = newKey();
      const before = (await received(srv)).records.length;
      for (let i = 0; i < 2; i++) {
        const res = await post(srv, '/api/v1/messages', MESSAGE, key);
        assertProblem(res, 503);
        assert.equal(res.headers['retry-after'], '1');
      }
      assert.equal((await received(srv)).records.length, before);
      const ok = await post(srv, '/api/v1/messages', MESSAGE, key);
      assert.equal(ok.status, 201);
      const state = await received(srv);
      assert.equal(state.records.length, before + 1);
      assert.equal(state.attempts[key], 3);
      // The failure budget is used up.
      assert.equal((await post(srv, '/api/v1/messages', MESSAGE, key)).status, 200);
    });

    it('shows status and history, and status changes', async () => {
      const key = newKey();
      const created = await post(srv, '/api/v1/reviews', { avviso_id: REVIEWABLE_AVVISO, reason: 'Titolo non valutato' }, key, giulia);
      assert.equal(created.status, 201);
      const id = created.json.id;

      const s1 = await request(srv, 'GET', `/api/v1/submissions/${id}`, { headers: giulia });
      assert.equal(s1.status, 200);
      assert.equal(s1.json.id, id);
      assert.equal(s1.json.kind, 'review');
      assert.equal(s1.json.status, 'received');
      assert.equal(s1.json.received_at, created.json.received_at);
      assert.deepEqual(s1.json.payload, { avviso_id: REVIEWABLE_AVVISO, reason: 'Titolo non valutato' });
      assert.deepEqual(s1.json.history.map((h) => h.status), ['received']);

      const change = await request(srv, 'POST', `/api/v1/_demo/status/${id}`, {
        body: { status: 'in_review', note: 'Presa in carico dall\'ufficio' },
      });
      assert.equal(change.status, 200);
      const s2 = await request(srv, 'GET', `/api/v1/submissions/${id}`, { headers: giulia });
      assert.equal(s2.json.status, 'in_review');
      assert.deepEqual(s2.json.history.map((h) => h.status), ['received', 'in_review']);
      assert.equal(s2.json.history[1].note, 'Presa in carico dall\'ufficio');
      assert.ok(!Number.isNaN(Date.parse(s2.json.history[1].at)));

      const byKey = await request(srv, 'GET', `/api/v1/submissions?idempotency_key=${encodeURIComponent(key)}`, {
        headers: giulia,
      });
      assert.equal(byKey.status, 200);
      assert.deepEqual(byKey.json, s2.json);

      assertProblem(await request(srv, 'POST', `/api/v1/_demo/status/${id}`, { body: { status: 'convalidata' } }), 422);
      assertProblem(await request(srv, 'GET', '/api/v1/submissions/RIE-1999-999999'), 404);
      assertProblem(await request(srv, 'GET', '/api/v1/submissions?idempotency_key=unknown-key-123'), 404);
      assertProblem(await request(srv, 'GET', '/api/v1/submissions'), 400);
    });

    it('puts a DID straight into "inserita" and lets it be convalidata', async () => {
      const created = await post(srv, '/api/v1/did', { codice_fiscale: GIULIA_CF, comune: 'Bologna' }, newKey(), giulia);
      assert.equal(created.status, 201);
      assert.match(created.json.id, new RegExp(`^DID-${YEAR}-\\d{6}$`));
      assert.equal(created.json.status, 'received');
      const s1 = await request(srv, 'GET', `/api/v1/submissions/${created.json.id}`, { headers: giulia });
      assert.equal(s1.json.status, 'inserita');
      assert.deepEqual(s1.json.history.map((h) => h.status), ['received', 'inserita']);
      const ok = await request(srv, 'POST', `/api/v1/_demo/status/${created.json.id}`, { body: { status: 'convalidata' } });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.status, 'convalidata');
      assertProblem(await request(srv, 'POST', `/api/v1/_demo/status/${created.json.id}`, { body: { status: 'accepted' } }), 422);
    });

    it('records who sent each submission', async () => {
      const anon = await post(srv, '/api/v1/messages', { ...MESSAGE, subject: 'Anonimo' }, newKey());
      const bound = await post(srv, '/api/v1/applications', { vacancy_id: 'VAC-P' }, newKey(), giulia);
      const records = (await received(srv)).records;
      assert.equal(records.find((r) => r.id === anon.json.id).person, null);
      assert.deepEqual(records.find((r) => r.id === bound.json.id).person, {
        codice_fiscale: GIULIA_CF,
        given_name: 'Giulia',
        family_name: 'Bianchi',
        provider: 'spid',
      });
    });

    it('reset clears everything, sessions included', async () => {
      await post(srv, '/api/v1/messages', MESSAGE, newKey());
      const res = await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} });
      assert.equal(res.status, 200);
      const state = await received(srv);
      assert.deepEqual(state.records, []);
      assert.deepEqual(state.attempts, {});
      assertProblem(await request(srv, 'GET', '/api/v1/me', { headers: giulia }), 401);
      const again = await post(srv, '/api/v1/messages', MESSAGE, newKey());
      assert.equal(again.json.id, idPattern('MSG', 1));
    });
  });
});

describe('persistence', () => {
  let fx;
  before(() => {
    fx = makeFixture();
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  it('keeps records, history, attempts and sequences across a restart', async () => {
    let srv = await startServer(fx);
    const key = newKey();
    const created = await post(srv, '/api/v1/messages', MESSAGE, key);
    assert.equal(created.status, 201);
    assert.equal(created.json.id, idPattern('MSG', 1));
    await request(srv, 'POST', `/api/v1/_demo/status/${created.json.id}`, { body: { status: 'accepted', note: 'Risposto' } });
    const exit = await stopServer(srv);
    assert.equal(exit.code, 0, `clean exit on SIGTERM:\n${srv.stderr}`);
    assert.equal(srv.stdout, `listening ${srv.base}\n`, 'exactly one line on stdout');
    assert.ok(fs.existsSync(fx.store));

    srv = await startServer(fx);
    try {
      const status = await request(srv, 'GET', `/api/v1/submissions/${created.json.id}`);
      assert.equal(status.status, 200);
      assert.equal(status.json.status, 'accepted');
      assert.deepEqual(status.json.history.map((h) => h.status), ['received', 'accepted']);
      assert.equal(status.json.payload, undefined, 'an anonymous record shows nobody its text');
      assert.deepEqual((await received(srv)).records[0].payload, MESSAGE);

      const replay = await post(srv, '/api/v1/messages', MESSAGE, key);
      assert.equal(replay.status, 200);
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal(replay.text, created.text);

      const next = await post(srv, '/api/v1/messages', { ...MESSAGE, subject: 'Secondo' }, newKey());
      assert.equal(next.json.id, idPattern('MSG', 2));

      const state = await received(srv);
      assert.equal(state.records.length, 2);
      assert.equal(state.attempts[key], 2);
    } finally {
      await stopServer(srv);
    }
  });

  it('starts despite a torn last line and keeps appending cleanly', async () => {
    const count = fs.readFileSync(fx.store, 'utf8').split('\n').filter(Boolean).length;
    fs.appendFileSync(fx.store, '{"v":1,"t":"created","record":{"id":"MSG-');
    const thirdKey = newKey();
    const srv = await startServer(fx);
    try {
      assert.match(srv.stderr, /ignorat/);
      const state = await received(srv);
      assert.equal(state.records.length, 2);
      const next = await post(srv, '/api/v1/messages', { ...MESSAGE, subject: 'Terzo' }, thirdKey);
      assert.equal(next.status, 201);
      assert.equal(next.json.id, idPattern('MSG', 3));
    } finally {
      await stopServer(srv);
    }
    const lines = fs.readFileSync(fx.store, 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > count + 1);
    // Only the torn line is unreadable; the new events are intact.
    const bad = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(bad.length, 1);
    const srv2 = await startServer(fx);
    try {
      const state = await received(srv2);
      assert.equal(state.records.length, 3);
      // The first event written after the torn line (this attempt) survived.
      assert.equal(state.attempts[thirdKey], 1);
    } finally {
      await stopServer(srv2);
    }
  });
});

describe('persistence of the person', () => {
  let fx;
  before(() => {
    fx = makeFixture();
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  it('keeps who sent a record across a restart; sessions do not survive it', async () => {
    let srv = await startServer(fx);
    const key = newKey();
    let giulia = await loginHeaders(srv, 'giulia');
    const created = await post(srv, '/api/v1/applications', { vacancy_id: 'VAC-R' }, key, giulia);
    assert.equal(created.status, 201);
    await stopServer(srv);

    srv = await startServer(fx);
    try {
      assertProblem(await request(srv, 'GET', '/api/v1/me', { headers: giulia }), 401);
      giulia = await loginHeaders(srv, 'giulia');
      const status = await request(srv, 'GET', `/api/v1/submissions/${created.json.id}`, { headers: giulia });
      assert.equal(status.status, 200);
      assert.deepEqual(status.json.payload, { vacancy_id: 'VAC-R' });
      const marco = await loginHeaders(srv, 'marco');
      assertProblem(await request(srv, 'GET', `/api/v1/submissions/${created.json.id}`, { headers: marco }), 404);
      const replay = await post(srv, '/api/v1/applications', { vacancy_id: 'VAC-R' }, key, giulia);
      assert.equal(replay.status, 200);
      assert.equal(replay.text, created.text);
    } finally {
      await stopServer(srv);
    }
  });

  it('replays lines written before records had a person as anonymous records', async () => {
    // A record as written by the previous version: no `person`, hash of kind + body.
    const at = '2026-11-23T10:15:00.000Z';
    const key = 'old-key-0001';
    const record = {
      id: 'MSG-2026-000007',
      kind: 'message',
      year: 2026,
      seq: 7,
      status: 'received',
      received_at: at,
      idempotency_key: key,
      body_hash: crypto.createHash('sha256').update(`message\n${canonicalJson(MESSAGE)}`).digest('hex'),
      payload: MESSAGE,
      history: [{ status: 'received', at, note: "Richiesta ricevuta dal Centro per l'Impiego." }],
      response: { id: 'MSG-2026-000007', kind: 'message', status: 'received', received_at: at, idempotency_key: key },
    };
    fs.mkdirSync(path.dirname(fx.store), { recursive: true });
    fs.writeFileSync(fx.store, `${JSON.stringify({ v: 1, t: 'created', at, record })}\n`);
    const srv = await startServer(fx);
    try {
      const state = await received(srv);
      assert.equal(state.records.length, 1);
      assert.equal(state.records[0].person, null);
      const status = await request(srv, 'GET', '/api/v1/submissions/MSG-2026-000007');
      assert.equal(status.status, 200);
      assert.equal(status.json.payload, undefined);
      const replay = await post(srv, '/api/v1/messages', MESSAGE, key);
      assert.equal(replay.status, 200, replay.text);
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.deepEqual(replay.json, record.response);
    } finally {
      await stopServer(srv);
    }
  });
});

describe('command line', () => {
  it('refuses to bind anywhere but 127.0.0.1', async () => {
    const fx = makeFixture();
    try {
      await assert.rejects(startServer(fx, ['--host', '0.0.0.0']), /exited with 2/);
    } finally {
      fs.rmSync(fx.root, { recursive: true, force: true });
    }
  });

  it('validates --session-idle', async () => {
    const fx = makeFixture();
    try {
      for (const bad of ['0', '-5', 'abc', '1e3', '43201', '']) {
        await assert.rejects(startServer(fx, ['--session-idle', bad]), /exited with 2[\s\S]*--session-idle/, bad);
      }
    } finally {
      fs.rmSync(fx.root, { recursive: true, force: true });
    }
  });

  it('sets the idle expiry of sessions with --session-idle', async () => {
    const fx = makeFixture();
    const srv = await startServer(fx, ['--session-idle=90']);
    try {
      const { Cookie } = await loginHeaders(srv, 'luca');
      const before = Date.now();
      const res = await request(srv, 'GET', '/api/v1/me', { headers: { Cookie } });
      const after = Date.now();
      assert.equal(res.status, 200);
      const expires = Date.parse(res.json.expires_at);
      assert.ok(expires >= before + 90_000 - 1000 && expires <= after + 90_000, res.json.expires_at);
    } finally {
      await stopServer(srv);
      fs.rmSync(fx.root, { recursive: true, force: true });
    }
  });
});
