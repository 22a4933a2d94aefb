// Shared helpers of the demo server tests: raw HTTP requests and a login
// through the real flow (login start → demo identity provider page →
// callback). Not a test file itself.

import assert from 'node:assert/strict';
import http from 'node:http';

/** The header the app sends on every state-changing request (CSRF rule). */
export const XRW = { 'X-Requested-With': 'SportelloLavoro' };

/**
 * Raw HTTP request (no automatic decompression or path normalisation) to
 * `srv.port`. `body` objects are sent as JSON with Content-Type
 * application/json; strings and buffers as they are.
 */
export function request(srv, method, urlPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    let payload;
    const h = { ...headers };
    if (body !== undefined) {
      payload = Buffer.isBuffer(body) || typeof body === 'string' ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
      h['Content-Length'] = payload.length;
    }
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path: urlPath, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, raw, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function assertProblem(res, status) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers['content-type'], /^application\/problem\+json/);
  assert.equal(res.json.type, 'about:blank');
  assert.equal(res.json.status, status);
  assert.equal(typeof res.json.title, 'string');
  assert.ok(res.json.title.length > 0);
  assert.equal(typeof res.json.detail, 'string');
  assert.ok(res.json.detail.length > 10);
}

/** Set-Cookie lines of an answer as name → {value, line}. */
export function setCookies(res) {
  const out = new Map();
  for (const line of res.headers['set-cookie'] ?? []) {
    const m = /^([^=;\s]+)=([^;]*)/.exec(line);
    if (m) out.set(m[1], { value: m[2], line });
  }
  return out;
}

/** Value of the hidden input `name` in the first form of an HTML page. */
export function hiddenInput(html, name) {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  assert.ok(m, `no hidden input ${name} in the page`);
  return m[1];
}

/** Form-encoded POST to the demo callback. */
export function postCallback(srv, fields, cookie, headers = {}) {
  return request(srv, 'POST', '/api/v1/auth/callback', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
}

/**
 * Log a demo citizen in through the real flow and return the session
 * cookie (`sl_session=…`) ready for a Cookie header, with the answers seen.
 */
export async function login(srv, citizen = 'giulia', { returnPath = '/did', provider = 'spid', headers = {} } = {}) {
  const page = await request(srv, 'GET', `/api/v1/auth/login?return=${encodeURIComponent(returnPath)}`, { headers });
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers['content-type'], /^text\/html/);
  const loginCookie = setCookies(page).get('sl_login');
  assert.ok(loginCookie, 'the login start sets sl_login');
  const state = hiddenInput(page.text, 'state');
  assert.equal(state, loginCookie.value);

  const done = await postCallback(srv, { state, provider, citizen }, `sl_login=${loginCookie.value}`, headers);
  assert.equal(done.status, 303, done.text);
  assert.equal(done.headers.location, returnPath);
  const session = setCookies(done).get('sl_session');
  assert.ok(session?.value, 'the callback sets sl_session');
  return { cookie: `sl_session=${session.value}`, id: session.value, page, done };
}

/** Headers of a logged-in app request: session cookie and X-Requested-With. */
export async function loginHeaders(srv, citizen = 'giulia', opts = {}) {
  const { cookie } = await login(srv, citizen, opts);
  return { Cookie: cookie, ...XRW };
}
