// Identity and sessions of the demo server (tools/demo-server/auth.mjs,
// sessions.mjs, cookies.mjs, idp-page.mjs): login through the demo
// identity provider, binding of submissions to the person, CSRF, expiry.
// In process, with an injected clock: expiry needs no sleeping.
//   node --test tests/server/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDemoServer } from '../../tools/demo-server/app.mjs';
import { Store } from '../../tools/demo-server/store.mjs';
import { Sessions } from '../../tools/demo-server/sessions.mjs';
import { parseCookies } from '../../tools/demo-server/cookies.mjs';
import { safeReturnPath, CITIZENS } from '../../tools/demo-server/auth.mjs';
import { escapeHtml } from '../../tools/demo-server/idp-page.mjs';
import { XRW, request, assertProblem, setCookies, hiddenInput, postCallback, login, loginHeaders } from './helpers.mjs';

const GIULIA_CF = 'BNCGLI94C52A944G';
const MARCO_CF = 'RSSMRC80L05F257Y';
const START = Date.parse('2026-12-02T21:00:00.000Z');
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const MESSAGE = { cpi_id: 'CPI-BO-01', subject: 'Richiesta appuntamento', body: 'Vorrei fissare un colloquio.' };
const CSRF_DETAIL = "Richiesta rifiutata per sicurezza: proviene da un altro sito o non dall'app. Nessun dato è stato registrato.";
const DID_DETAIL =
  "Puoi presentare la DID solo a tuo nome: il codice fiscale non corrisponde a quello dell'accesso con SPID o CIE.";

// ------------------------------------------------------------------ fixture

/**
 * An in-process demo server on port 0 with its own store and clock.
 * With `inspect`, the Sessions object is made here (on the same clock) and
 * returned, so tests can look inside; else `opts` go to createDemoServer.
 */
async function start({ inspect = false, ...opts } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-auth-test-'));
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="it"><title>t</title></html>\n');
  const clock = { t: START };
  const now = () => clock.t;
  const store = new Store(path.join(root, 'store.jsonl'), { warn: () => {} });
  const sessions = inspect ? new Sessions({ now }) : undefined;
  const server = createDemoServer({ dist, data: path.join(dist, 'data'), store, log: () => {}, now, sessions, ...opts });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    clock,
    sessions,
    now,
    advance(ms) {
      clock.t += ms;
    },
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
  return `auth-key-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A submission POST with a fresh key; `headers` carry session and CSRF header. */
function submit(srv, urlPath, body, headers, key = newKey()) {
  return request(srv, 'POST', urlPath, { body, headers: { 'Idempotency-Key': key, ...headers } });
}

async function received(srv) {
  const res = await request(srv, 'GET', '/api/v1/_demo/received');
  assert.equal(res.status, 200);
  return res.json;
}

async function me(srv, cookie) {
  return request(srv, 'GET', '/api/v1/me', { headers: cookie ? { Cookie: cookie } : {} });
}

// ------------------------------------------------------------------ tests

describe('identity and sessions', () => {
  let srv;
  let sessions;

  before(async () => {
    srv = await start({ inspect: true });
    sessions = srv.sessions;
  });
  after(() => srv.close());

  describe('login', () => {
    it('logs in through the demo identity provider; /me returns the person', async () => {
      const { cookie, id, page, done } = await login(srv, 'giulia', { returnPath: '/did' });
      assert.match(id, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');

      const loginLine = setCookies(page).get('sl_login').line;
      for (const attr of ['HttpOnly', 'SameSite=Lax', 'Path=/api/v1/auth', 'Max-Age=600']) {
        assert.ok(loginLine.split('; ').includes(attr), `${attr} in ${loginLine}`);
      }
      const sessionLine = setCookies(done).get('sl_session').line;
      for (const attr of ['HttpOnly', 'SameSite=Lax', 'Path=/']) {
        assert.ok(sessionLine.split('; ').includes(attr), `${attr} in ${sessionLine}`);
      }
      assert.doesNotMatch(sessionLine, /Max-Age|Expires|Secure/i, 'a browser-session cookie, not Secure over http');
      assert.match(setCookies(done).get('sl_login').line, /^sl_login=;.*Max-Age=0/, 'the login state cookie is cleared');
      assert.match(setCookies(done).get('sl_login').line, /Path=\/api\/v1\/auth/);

      const res = await me(srv, cookie);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(res.json, {
        person: {
          given_name: 'Giulia',
          family_name: 'Bianchi',
          codice_fiscale: GIULIA_CF,
          sex: 'F',
          birth_date: '1994-03-12',
          birth_place_code: 'A944',
        },
        provider: 'spid',
        expires_at: new Date(srv.clock.t + 30 * MINUTE).toISOString(),
      });

      const cie = await login(srv, 'marco', { provider: 'cie', returnPath: '/' });
      const marco = await me(srv, cie.cookie);
      assert.equal(marco.json.provider, 'cie');
      assert.equal(marco.json.person.codice_fiscale, MARCO_CF);
    });

    it('a script-readable, secret-free hint says a session may exist; logout and a 401 clear it', async () => {
      const { cookie, done } = await login(srv, 'giulia');
      const hint = setCookies(done).get('sl_logged_in');
      assert.ok(hint, 'the callback sets the hint');
      assert.equal(hint.value, '1', 'no secret in it');
      assert.ok(hint.line.split('; ').includes('Path=/') && hint.line.split('; ').includes('SameSite=Lax'), hint.line);
      assert.doesNotMatch(hint.line, /HttpOnly/i, 'the app must be able to read it');

      const out = await request(srv, 'POST', '/api/v1/auth/logout', { headers: { Cookie: `${cookie}; sl_logged_in=1`, ...XRW } });
      assert.equal(out.status, 204);
      assert.match(setCookies(out).get('sl_logged_in')?.line ?? '', /^sl_logged_in=;.*Max-Age=0/, 'logout clears it');

      // A hint left from a session that is gone: the 401 clears it.
      const stale = await me(srv, `${cookie}; sl_logged_in=1`);
      assert.equal(stale.status, 401);
      assert.match(setCookies(stale).get('sl_logged_in')?.line ?? '', /Max-Age=0/);
      const plain = await me(srv, undefined);
      assert.equal(plain.status, 401);
      assert.equal(setCookies(plain).size, 0, 'nothing to clear without a hint');
    });

    it('gives a new session on every login and ends the one it replaces', async () => {
      const first = await login(srv, 'giulia');
      const page = await request(srv, 'GET', '/api/v1/auth/login?return=%2F', { headers: { Cookie: first.cookie } });
      const state = hiddenInput(page.text, 'state');
      const done = await postCallback(srv, { state, provider: 'spid', citizen: 'amina' }, `${first.cookie}; sl_login=${state}`);
      assert.equal(done.status, 303);
      const second = setCookies(done).get('sl_session').value;
      assert.notEqual(second, first.id);
      assert.equal((await me(srv, first.cookie)).status, 401);
      assert.equal((await me(srv, `sl_session=${second}`)).json.person.given_name, 'Amina');
    });

    it('refuses return paths to other sites before creating any state', async () => {
      const cases = [
        'https://evil.example/',
        '//evil.example/x',
        '/\\evil.example',
        'javascript:alert(1)',
        '',
        'did',
        '/ok\\x',
        '/a\nb',
        '/a\x7fb',
        `/${'x'.repeat(2000)}`,
      ];
      for (const ret of cases) {
        const before = sessions.logins.size;
        const res = await request(srv, 'GET', `/api/v1/auth/login?return=${encodeURIComponent(ret)}`);
        assertProblem(res, 400);
        assert.equal(res.headers['set-cookie'], undefined, `no login cookie for ${JSON.stringify(ret)}`);
        assert.equal(sessions.logins.size, before, `no login state for ${JSON.stringify(ret)}`);
      }
      assertProblem(await request(srv, 'GET', '/api/v1/auth/login?return=%2F&provider=posta'), 400);
      // The longest path allowed, and the default.
      assert.equal((await request(srv, 'GET', `/api/v1/auth/login?return=/${'x'.repeat(1999)}`)).status, 200);
      const plain = await request(srv, 'GET', '/api/v1/auth/login');
      assert.equal(plain.status, 200);
      assert.match(plain.text, /<a href="\/">Annulla e torna all'app<\/a>/);
    });

    it('percent-encodes a non-ASCII return path', async () => {
      assert.equal(safeReturnPath('/città?q=lavoro estivo'), '/citt%C3%A0?q=lavoro%20estivo');
      assert.equal(safeReturnPath('/\uD800'), undefined);
      const { done } = await login(srv, 'luca', { returnPath: '/citt%C3%A0' });
      assert.equal(done.headers.location, '/citt%C3%A0');
    });

    it('refuses a callback whose state does not match the cookie, or is used twice', async () => {
      const a = await request(srv, 'GET', '/api/v1/auth/login?return=%2Fpratiche');
      const b = await request(srv, 'GET', '/api/v1/auth/login?return=%2Fdid');
      const stateA = hiddenInput(a.text, 'state');
      const stateB = hiddenInput(b.text, 'state');

      const mismatch = await postCallback(srv, { state: stateA, provider: 'spid', citizen: 'giulia' }, `sl_login=${stateB}`);
      assert.equal(mismatch.status, 403);
      assert.match(mismatch.headers['content-type'], /^text\/html/);
      assert.equal(setCookies(mismatch).get('sl_session'), undefined);
      assert.match(mismatch.text, /<html lang="it">/);
      assert.match(mismatch.text, /href="\/api\/v1\/auth\/login\?return=%2Fpratiche"/, 'a link to start again');

      const noCookie = await postCallback(srv, { state: stateB, provider: 'spid', citizen: 'giulia' });
      assert.equal(noCookie.status, 403);
      const noState = await postCallback(srv, { provider: 'spid', citizen: 'giulia' }, `sl_login=${stateB}`);
      assert.equal(noState.status, 403);

      const ok = await postCallback(srv, { state: stateB, provider: 'spid', citizen: 'giulia' }, `sl_login=${stateB}`);
      assert.equal(ok.status, 303);
      const reused = await postCallback(srv, { state: stateB, provider: 'spid', citizen: 'marco' }, `sl_login=${stateB}`);
      assert.equal(reused.status, 403);
      assert.equal(setCookies(reused).get('sl_session'), undefined);
      assert.match(reused.text, /<a href="\/">/, 'return path unknown: back to the app');
    });

    it('refuses an expired login state', async () => {
      const page = await request(srv, 'GET', '/api/v1/auth/login?return=%2F');
      const state = hiddenInput(page.text, 'state');
      srv.clock.t += 10 * MINUTE;
      const late = await postCallback(srv, { state, provider: 'cie', citizen: 'giulia' }, `sl_login=${state}`);
      assert.equal(late.status, 403);
    });

    it('answers 400 to an unknown citizen or provider, and uses the state up', async () => {
      for (const fields of [{ provider: 'spid', citizen: 'mario' }, { provider: 'posta', citizen: 'giulia' }, { provider: 'spid' }]) {
        const page = await request(srv, 'GET', '/api/v1/auth/login?return=%2Fdid');
        const state = hiddenInput(page.text, 'state');
        const res = await postCallback(srv, { state, ...fields }, `sl_login=${state}`);
        assert.equal(res.status, 400, JSON.stringify(fields));
        assert.match(res.headers['content-type'], /^text\/html/);
        assert.match(res.text, /href="\/api\/v1\/auth\/login\?return=%2Fdid"/);
        assert.equal(setCookies(res).get('sl_session'), undefined);
        const again = await postCallback(srv, { state, provider: 'spid', citizen: 'giulia' }, `sl_login=${state}`);
        assert.equal(again.status, 403);
      }
      const notForm = await request(srv, 'POST', '/api/v1/auth/callback', { body: { state: 'x' } });
      assert.equal(notForm.status, 400);
    });

    it('adds Secure to the cookies when the request came over HTTPS', async () => {
      const https = { 'X-Forwarded-Proto': 'https' };
      const { page, done, cookie } = await login(srv, 'giulia', { headers: https });
      assert.match(setCookies(page).get('sl_login').line, /; Secure(;|$)/);
      assert.match(setCookies(done).get('sl_session').line, /; Secure(;|$)/);
      const out = await request(srv, 'POST', '/api/v1/auth/logout', { headers: { Cookie: cookie, ...XRW, ...https } });
      assert.match(setCookies(out).get('sl_session').line, /; Secure(;|$)/);
      const plain = await login(srv, 'giulia');
      assert.doesNotMatch(setCookies(plain.page).get('sl_login').line, /Secure/);
    });
  });

  describe('demo identity provider page', () => {
    it('is a self-contained, accessible Italian page', async () => {
      const res = await request(srv, 'GET', '/api/v1/auth/login?return=%2Fdid');
      const html = res.text;
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(
        res.headers['content-security-policy'],
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      );
      assert.equal(res.headers['access-control-allow-origin'], undefined, 'same origin only');
      assert.match(html, /^<!doctype html>\n<html lang="it">/);
      assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
      assert.match(html, /<title>[^<]+<\/title>/);
      assert.equal(html.match(/<h1[ >]/g).length, 1);
      assert.match(html, /<h1>Accedi a Sportello Lavoro<\/h1>/);
      assert.match(html, /<header>[\s\S]*DIMOSTRAZIONE[\s\S]*<\/header>/);
      assert.ok(html.includes('Questa è una dimostrazione: nessun vero accesso con SPID o CIE, nessun dato reale.'));
      assert.match(html, /<main>[\s\S]*<\/main>/);
      assert.doesNotMatch(html, /<script|<link|@import|url\(|https?:\/\//i, 'nothing external, no scripts');

      const forms = html.match(/<form method="post" action="\/api\/v1\/auth\/callback">[\s\S]*?<\/form>/g);
      assert.equal(forms.length, 2);
      for (const [form, provider, button] of [
        [forms[0], 'spid', 'Entra con SPID'],
        [forms[1], 'cie', 'Entra con CIE'],
      ]) {
        assert.match(form, /<fieldset>\s*<legend>Scegli una persona di prova<\/legend>/);
        assert.ok(form.includes(`<input type="hidden" name="provider" value="${provider}">`));
        assert.match(form, /<input type="hidden" name="state" value="[A-Za-z0-9_-]{43}">/);
        assert.ok(form.includes(`<button type="submit">${button}</button>`));
        const radios = [...form.matchAll(/<input type="radio" id="([^"]+)" name="citizen" value="([^"]+)"/g)];
        assert.deepEqual(
          radios.map((m) => m[2]),
          CITIZENS.map((c) => c.id),
        );
        for (const [, id] of radios) assert.ok(form.includes(`<label for="${id}">`), `label for ${id}`);
      }
      const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(new Set(ids).size, ids.length, 'ids are unique');
      // Label: name, codice fiscale, birth date.
      assert.match(html, /Giulia Bianchi[\s\S]*?BNCGLI94C52A944G[\s\S]*?nata il 12\/03\/1994/);
      assert.match(html, /Luca Ferrari[\s\S]*?FRRLCU01A30H223Y[\s\S]*?nato il 30\/01\/2001/);
      assert.match(html, /<a href="\/did">Annulla e torna all'app<\/a>/);
      // Button colours and a visible focus outline.
      assert.match(html, /button\{[^}]*background:#0066cc;color:#fff/);
      assert.match(html, /:focus-visible\{outline:3px solid/);
    });

    it('shows only the provider asked for', async () => {
      const res = await request(srv, 'GET', '/api/v1/auth/login?return=%2F&provider=cie');
      assert.equal(res.status, 200);
      assert.equal(res.text.match(/<form /g).length, 1);
      assert.ok(res.text.includes('Entra con CIE'));
      assert.ok(!res.text.includes('Entra con SPID'));
    });

    it('escapes the return path', async () => {
      const ret = `/cerca?q="<b>x</b>'&y=1`;
      const res = await request(srv, 'GET', `/api/v1/auth/login?return=${encodeURIComponent(ret)}`);
      assert.equal(res.status, 200);
      assert.ok(!res.text.includes('"<b>'), 'raw markup from the return path');
      // Percent-encoded where a URL needs it (as a browser would), then HTML-escaped.
      const href = "/cerca?q=%22%3Cb%3Ex%3C/b%3E'&y=1";
      assert.equal(safeReturnPath(ret), href);
      assert.ok(res.text.includes(`<a href="${escapeHtml(href)}">Annulla e torna all'app</a>`));
      assert.ok(res.text.includes('href="/cerca?q=%22%3Cb%3Ex%3C/b%3E&#39;&amp;y=1"'));

      const page = await request(srv, 'GET', `/api/v1/auth/login?return=${encodeURIComponent(ret)}`);
      const state = hiddenInput(page.text, 'state');
      const done = await postCallback(srv, { state, provider: 'spid', citizen: 'giulia' }, `sl_login=${state}`);
      assert.equal(done.status, 303);
      assert.equal(done.headers.location, href);

      // The 400 page's link to start again carries it too, escaped.
      const p2 = await request(srv, 'GET', `/api/v1/auth/login?return=${encodeURIComponent('/x?a=1&b=2')}`);
      const s2 = hiddenInput(p2.text, 'state');
      const bad = await postCallback(srv, { state: s2, provider: 'spid', citizen: 'nessuno' }, `sl_login=${s2}`);
      assert.equal(bad.status, 400);
      assert.ok(bad.text.includes('href="/api/v1/auth/login?return=%2Fx%3Fa%3D1%26b%3D2"'));
    });
  });

  describe('which requests need a session', () => {
    it('answers 401 without a session: /me, /me/submissions, POST /did and the other personal kinds', async () => {
      const res = await me(srv);
      assertProblem(res, 401);
      assert.equal(res.json.title, 'Accesso richiesto');
      assert.equal(res.json.detail, 'Per questo servizio devi accedere con SPID o CIE.');
      assertProblem(await me(srv, 'sl_session=not-a-session'), 401);
      assertProblem(await request(srv, 'GET', '/api/v1/me/submissions'), 401);

      const before = await received(srv);
      const keys = [];
      for (const [p, body] of [
        ['/api/v1/did', { codice_fiscale: GIULIA_CF }],
        ['/api/v1/applications', { vacancy_id: 'VAC-1' }],
        ['/api/v1/avvisi/applications', { avviso_id: 'AVV-1' }],
        ['/api/v1/reviews', { avviso_id: 'AVV-1', reason: 'Punteggio' }],
        ['/api/v1/patto/updates', { action_id: 'AZ-1' }],
      ]) {
        const key = newKey();
        keys.push(key);
        const r = await submit(srv, p, body, XRW, key);
        assertProblem(r, 401);
        assert.equal(r.json.title, 'Accesso richiesto', p);
      }
      const after = await received(srv);
      assert.equal(after.records.length, before.records.length);
      for (const key of keys) assert.equal(after.attempts[key], undefined, 'checked before idempotency counting');
    });

    it("answers 401 to a person's record read without a session", async () => {
      const giulia = await loginHeaders(srv, 'giulia');
      const key = newKey();
      const created = await submit(srv, '/api/v1/applications', { vacancy_id: 'VAC-7' }, giulia, key);
      assert.equal(created.status, 201, created.text);
      assertProblem(await request(srv, 'GET', `/api/v1/submissions/${created.json.id}`), 401);
      assertProblem(await request(srv, 'GET', `/api/v1/submissions?idempotency_key=${key}`), 401);
      const mine = await request(srv, 'GET', `/api/v1/submissions/${created.json.id}`, { headers: giulia });
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.json.payload, { vacancy_id: 'VAC-7' });
    });

    it("does not let a person read another person's record", async () => {
      const giulia = await loginHeaders(srv, 'giulia');
      const marco = await loginHeaders(srv, 'marco');
      const key = newKey();
      const created = await submit(srv, '/api/v1/reviews', { avviso_id: 'AVV-ER-2026-005', reason: 'Titolo non valutato' }, giulia, key);
      assert.equal(created.status, 201);
      const id = created.json.id;

      const byId = await request(srv, 'GET', `/api/v1/submissions/${id}`, { headers: marco });
      assertProblem(byId, 404);
      const missing = await request(srv, 'GET', '/api/v1/submissions/RIE-1999-999999', { headers: marco });
      assert.equal(byId.json.detail, missing.json.detail.replace('RIE-1999-999999', id), 'same text as a missing record');
      assert.ok(!byId.text.includes('AVV-ER-2026-005'));

      const byKey = await request(srv, 'GET', `/api/v1/submissions?idempotency_key=${key}`, { headers: marco });
      assertProblem(byKey, 404);
      const missingKey = await request(srv, 'GET', '/api/v1/submissions?idempotency_key=unknown-key-123', { headers: marco });
      assert.equal(byKey.json.detail, missingKey.json.detail);

      const own = await request(srv, 'GET', `/api/v1/submissions?idempotency_key=${key}`, { headers: giulia });
      assert.equal(own.status, 200);
      assert.equal(own.json.id, id);
    });

    it("lists a person's own records, newest first", async () => {
      const amina = await loginHeaders(srv, 'amina');
      const luca = await loginHeaders(srv, 'luca');
      const a1 = await submit(srv, '/api/v1/applications', { vacancy_id: 'VAC-A1' }, amina);
      const l1 = await submit(srv, '/api/v1/applications', { vacancy_id: 'VAC-L1' }, luca);
      const a2 = await submit(srv, '/api/v1/messages', MESSAGE, amina);
      const anon = await submit(srv, '/api/v1/messages', MESSAGE, XRW);
      for (const r of [a1, l1, a2, anon]) assert.equal(r.status, 201, r.text);

      const res = await request(srv, 'GET', '/api/v1/me/submissions', { headers: amina });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      assert.deepEqual(
        res.json.submissions.map((s) => s.id),
        [a2.json.id, a1.json.id],
      );
      const view = await request(srv, 'GET', `/api/v1/submissions/${a1.json.id}`, { headers: amina });
      assert.deepEqual(res.json.submissions[1], view.json, 'same view as GET /submissions/<id>');
    });
  });

  describe('binding to the person', () => {
    it('refuses a DID for another codice fiscale and stores nothing', async () => {
      const giulia = await loginHeaders(srv, 'giulia');
      const before = await received(srv);
      const res = await submit(srv, '/api/v1/did', { codice_fiscale: MARCO_CF, comune: 'Modena' }, giulia);
      assertProblem(res, 403);
      assert.equal(res.json.detail, DID_DETAIL);
      assert.equal((await received(srv)).records.length, before.records.length);

      const own = await submit(srv, '/api/v1/did', { codice_fiscale: ` ${GIULIA_CF.toLowerCase()} ` }, giulia);
      assert.equal(own.status, 201, 'trimmed and upper-cased before the comparison');
    });

    it('stores the person from the session, whatever the body says', async () => {
      const giulia = await loginHeaders(srv, 'giulia');
      const body = {
        vacancy_id: 'VAC-9',
        given_name: 'Mario',
        family_name: 'Verdi',
        codice_fiscale: MARCO_CF,
        person: { codice_fiscale: MARCO_CF, given_name: 'Marco', family_name: 'Rossi', provider: 'cie' },
      };
      const res = await submit(srv, '/api/v1/applications', body, giulia);
      assert.equal(res.status, 201);
      const record = (await received(srv)).records.find((r) => r.id === res.json.id);
      assert.deepEqual(record.person, {
        codice_fiscale: GIULIA_CF,
        given_name: 'Giulia',
        family_name: 'Bianchi',
        provider: 'spid',
      });
      assert.deepEqual(record.payload, body, 'the payload is stored as sent');
      assert.deepEqual(Object.keys(res.json).sort(), ['id', 'idempotency_key', 'kind', 'received_at', 'status']);
    });

    it('answers 409 to the same key and body from another person', async () => {
      const giulia = await loginHeaders(srv, 'giulia');
      const marco = await loginHeaders(srv, 'marco');
      const key = newKey();
      const body = { vacancy_id: 'VAC-409' };
      const first = await submit(srv, '/api/v1/applications', body, giulia, key);
      assert.equal(first.status, 201);
      const count = (await received(srv)).records.length;
      assertProblem(await submit(srv, '/api/v1/applications', body, marco, key), 409);
      assert.equal((await received(srv)).records.length, count);
      const replay = await submit(srv, '/api/v1/applications', body, giulia, key);
      assert.equal(replay.status, 200);
      assert.equal(replay.text, first.text);

      // An anonymous message's key, reused by a person: another request too.
      const msgKey = newKey();
      assert.equal((await submit(srv, '/api/v1/messages', MESSAGE, XRW, msgKey)).status, 201);
      assertProblem(await submit(srv, '/api/v1/messages', MESSAGE, giulia, msgKey), 409);
    });

    it('accepts an anonymous message, and binds one sent with a session', async () => {
      const anon = await submit(srv, '/api/v1/messages', MESSAGE, XRW);
      assert.equal(anon.status, 201, anon.text);
      const giulia = await loginHeaders(srv, 'giulia');
      const bound = await submit(srv, '/api/v1/messages', MESSAGE, giulia);
      assert.equal(bound.status, 201);

      const records = (await received(srv)).records;
      assert.equal(records.find((r) => r.id === anon.json.id).person, null);
      assert.equal(records.find((r) => r.id === bound.json.id).person.codice_fiscale, GIULIA_CF);

      // Anonymous: anybody reads the status, nobody the text.
      for (const headers of [{}, giulia]) {
        const s = await request(srv, 'GET', `/api/v1/submissions/${anon.json.id}`, { headers });
        assert.equal(s.status, 200);
        assert.equal(s.json.status, 'received');
        assert.equal(s.json.payload, undefined);
      }
      assertProblem(await request(srv, 'GET', `/api/v1/submissions/${bound.json.id}`), 401);
      const own = await request(srv, 'GET', `/api/v1/submissions/${bound.json.id}`, { headers: giulia });
      assert.deepEqual(own.json.payload, MESSAGE);
    });
  });

  describe('profiling index', () => {
    it('comes only after the person sent the questionnaire, only to them, and is marked demo', async () => {
      const anon = await request(srv, 'GET', '/api/v1/me/profiling');
      assertProblem(anon, 401);
      const giulia = await loginHeaders(srv, 'giulia');
      const before = await request(srv, 'GET', '/api/v1/me/profiling', { headers: giulia });
      assertProblem(before, 404);
      assert.match(before.json.detail, /invia prima le risposte al questionario/);

      const empty = await submit(srv, '/api/v1/profiling', {}, giulia);
      assertProblem(empty, 422);
      assert.equal(empty.json.errors[0].field, 'answers');
      const noSession = await submit(srv, '/api/v1/profiling', { answers: { eta: 31 } }, XRW);
      assertProblem(noSession, 401);

      const sent = await submit(srv, '/api/v1/profiling', { answers: { eta: 31 }, self_assessment: {} }, giulia);
      assert.equal(sent.status, 201, sent.text);
      assert.match(sent.json.id, /^PRF-\d{4}-\d{6}$/);
      const after = await request(srv, 'GET', '/api/v1/me/profiling', { headers: giulia });
      assert.equal(after.status, 200, after.text);
      assert.deepEqual(
        { index: after.json.index, class: after.json.class, demo: after.json.demo },
        { index: 0.31, class: 2, demo: true },
      );
      assert.equal(after.json.computed_at, sent.json.received_at);

      const marco = await loginHeaders(srv, 'marco');
      assertProblem(await request(srv, 'GET', '/api/v1/me/profiling', { headers: marco }), 404);
    });
  });

  describe('CSRF', () => {
    it('refuses cross-site POSTs before anything is counted or stored', async () => {
      const giulia = await loginHeaders(srv, 'giulia');
      const { Cookie } = giulia;
      const own = `http://127.0.0.1:${srv.port}`;
      const cases = [
        ['no X-Requested-With', { Cookie }],
        ['empty X-Requested-With', { Cookie, 'X-Requested-With': '' }],
        ['Origin of another site', { Cookie, ...XRW, Origin: 'https://evil.example' }],
        ['Origin null', { Cookie, ...XRW, Origin: 'null' }],
        ['Origin on another port', { Cookie, ...XRW, Origin: 'http://127.0.0.1:1' }],
        ['Sec-Fetch-Site cross-site', { Cookie, ...XRW, 'Sec-Fetch-Site': 'cross-site' }],
        ['Sec-Fetch-Site same-site', { Cookie, ...XRW, Origin: own, 'Sec-Fetch-Site': 'same-site' }],
      ];
      await request(srv, 'POST', '/api/v1/_demo/fail-next', { body: { count: 1, status: 503 } });
      const before = await received(srv);
      for (const [name, headers] of cases) {
        const key = newKey();
        for (const [p, body] of [
          ['/api/v1/applications', { vacancy_id: 'VAC-CSRF' }],
          ['/api/v1/messages', MESSAGE],
        ]) {
          const res = await submit(srv, p, body, headers, key);
          assertProblem(res, 403);
          assert.equal(res.json.title, 'Richiesta non consentita', name);
          assert.equal(res.json.detail, CSRF_DETAIL, name);
        }
        assert.equal((await received(srv)).attempts[key], undefined, `${name}: not counted`);
      }
      // Checked before the session: no cookie and no header is 403, not 401.
      assertProblem(await submit(srv, '/api/v1/did', { codice_fiscale: GIULIA_CF }, {}), 403);
      const after = await received(srv);
      assert.equal(after.records.length, before.records.length, 'nothing stored');
      assert.deepEqual(after.fail_next, { count: 1, status: 503 }, 'fail-next untouched');
      await request(srv, 'POST', '/api/v1/_demo/fail-next', { body: { count: 0 } });

      // The app itself: same origin.
      const ok = await submit(srv, '/api/v1/applications', { vacancy_id: 'VAC-OK' }, { ...giulia, Origin: own, 'Sec-Fetch-Site': 'same-origin' });
      assert.equal(ok.status, 201, ok.text);
      const typed = await submit(srv, '/api/v1/messages', MESSAGE, { ...XRW, 'Sec-Fetch-Site': 'none' });
      assert.equal(typed.status, 201);
    });

    it('takes the scheme of the Origin from the request', async () => {
      const host = `127.0.0.1:${srv.port}`;
      const https = { 'X-Forwarded-Proto': 'https' };
      assert.equal((await submit(srv, '/api/v1/messages', MESSAGE, { ...XRW, ...https, Origin: `https://${host}` })).status, 201);
      assertProblem(await submit(srv, '/api/v1/messages', MESSAGE, { ...XRW, ...https, Origin: `http://${host}` }), 403);
      // Scheme unknown (a proxy may terminate TLS without saying so): either.
      assert.equal((await submit(srv, '/api/v1/messages', MESSAGE, { ...XRW, Origin: `https://${host}` })).status, 201);
    });

    it('exempts the _demo controls and the login form, not logout', async () => {
      assert.equal((await request(srv, 'POST', '/api/v1/_demo/fail-next', { body: { count: 0 } })).status, 200);
      const page = await request(srv, 'GET', '/api/v1/auth/login?return=%2F');
      const state = hiddenInput(page.text, 'state');
      assert.equal((await postCallback(srv, { state, provider: 'spid', citizen: 'giulia' }, `sl_login=${state}`)).status, 303);
      assertProblem(await request(srv, 'POST', '/api/v1/auth/logout'), 403);
    });
  });

  describe('logout and expiry', () => {
    it('logout ends the session, and needs the CSRF header', async () => {
      const { cookie } = await login(srv, 'giulia');
      const refused = await request(srv, 'POST', '/api/v1/auth/logout', { headers: { Cookie: cookie } });
      assertProblem(refused, 403);
      assert.equal((await me(srv, cookie)).status, 200, 'still logged in');

      const out = await request(srv, 'POST', '/api/v1/auth/logout', { headers: { Cookie: cookie, ...XRW } });
      assert.equal(out.status, 204);
      assert.equal(out.headers['set-cookie'][0], 'sl_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
      assertProblem(await me(srv, cookie), 401);
      assertProblem(await submit(srv, '/api/v1/applications', { vacancy_id: 'VAC-1' }, { Cookie: cookie, ...XRW }), 401);

      const again = await request(srv, 'POST', '/api/v1/auth/logout', { headers: XRW });
      assert.equal(again.status, 204, 'without a session too');
    });

    it('ends a session 12 hours after login however active it is', async () => {
      const { cookie } = await login(srv, 'marco');
      const loggedInAt = srv.clock.t;
      for (let i = 0; i < 24; i++) {
        srv.clock.t += 29 * MINUTE;
        const res = await me(srv, cookie);
        assert.equal(res.status, 200, `after ${(i + 1) * 29} minutes`);
        const expected = Math.min(srv.clock.t + 30 * MINUTE, loggedInAt + 12 * HOUR);
        assert.equal(res.json.expires_at, new Date(expected).toISOString());
      }
      assert.equal(srv.clock.t - loggedInAt, 11 * HOUR + 36 * MINUTE);
      srv.clock.t += 25 * MINUTE;
      assertProblem(await me(srv, cookie), 401);
    });

    it('ends every session on _demo/sessions/expire and on _demo/reset', async () => {
      await request(srv, 'POST', '/api/v1/_demo/sessions/expire');
      const a = await login(srv, 'giulia');
      const b = await login(srv, 'luca');
      const res = await request(srv, 'POST', '/api/v1/_demo/sessions/expire');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { expired: 2 });
      assertProblem(await me(srv, a.cookie), 401);
      assertProblem(await me(srv, b.cookie), 401);

      const c = await login(srv, 'amina');
      assert.equal((await request(srv, 'POST', '/api/v1/_demo/reset', { body: {} })).status, 200);
      assertProblem(await me(srv, c.cookie), 401);
    });
  });

  describe('CORS', () => {
    it('keeps the session endpoints to the same origin', async () => {
      const { cookie } = await login(srv, 'giulia');
      for (const [method, p, headers] of [
        ['GET', '/api/v1/me', { Cookie: cookie }],
        ['GET', '/api/v1/me/submissions', { Cookie: cookie }],
        ['GET', '/api/v1/auth/login', {}],
        ['POST', '/api/v1/auth/logout', { Cookie: cookie, ...XRW }],
        ['OPTIONS', '/api/v1/me', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' }],
        ['OPTIONS', '/api/v1/auth/logout', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' }],
      ]) {
        const res = await request(srv, method, p, { headers });
        assert.ok(res.status < 300, `${method} ${p} → ${res.status}`);
        for (const h of Object.keys(res.headers)) assert.ok(!h.startsWith('access-control-'), `${method} ${p}: ${h}`);
      }
    });

    it('allows X-Requested-With in the preflight of public endpoints', async () => {
      const res = await request(srv, 'OPTIONS', '/api/v1/did', {
        headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(res.headers['access-control-allow-headers'], /(^|, )X-Requested-With(,|$)/);
      assert.equal(res.headers['access-control-allow-credentials'], undefined);
    });
  });
});

describe('session idle expiry (createDemoServer({ now, sessionIdleMs }))', () => {
  let srv;
  before(async () => {
    srv = await start({ sessionIdleMs: 60_000 });
  });
  after(() => srv.close());

  it('ends a session after the idle time, each request moving it on', async () => {
    const { cookie } = await login(srv, 'giulia');
    srv.advance(59_000);
    const alive = await me(srv, cookie);
    assert.equal(alive.status, 200);
    assert.equal(alive.json.expires_at, new Date(srv.now() + 60_000).toISOString());
    srv.advance(59_000);
    assert.equal((await me(srv, cookie)).status, 200, 'the last request refreshed the idle expiry');
    srv.advance(60_000);
    assertProblem(await me(srv, cookie), 401);
    srv.advance(-120_000);
    // Forgotten, not just out of time: back before the expiry it stays ended.
    assertProblem(await me(srv, cookie), 401);
  });
});

describe('cookie parser', () => {
  it('tolerates spaces, skips malformed pairs, keeps the first value', () => {
    const c = parseCookies('  a=1;b=2 ;  sl_session = abc ; bad; =novalue; c="quoted"; a=3; d=; e=x y; f=ok');
    assert.deepEqual(Object.fromEntries(c), { a: '1', b: '2', sl_session: 'abc', c: 'quoted', d: '', f: 'ok' });
    assert.equal(parseCookies(undefined).size, 0);
    assert.equal(parseCookies('').size, 0);
    assert.equal(parseCookies(';;;').size, 0);
    assert.equal(parseCookies('sl_session=one; sl_session=two').get('sl_session'), 'one');
    assert.equal(parseCookies('x=a=b').get('x'), 'a=b');
    assert.equal(parseCookies('x="a;b"').get('x'), undefined, 'split at ; like browsers, the halves are malformed');
  });
});
