// Identity in the demo server, as a backend-for-frontend: the session sits
// behind an HttpOnly cookie and the app never sees a token. Here: the demo
// citizens, the login start (demo identity provider page), its callback,
// logout, GET /me, the rule for return paths and the CSRF rule of
// state-changing requests. See docs/api.md "Identity and sessions".

import fs from 'node:fs';

import { sendJson, sendProblem, sendHtml, readBody, drain } from './http.mjs';
import {
  parseCookies,
  isHttps,
  SESSION_COOKIE,
  LOGIN_COOKIE,
  HINT_COOKIE,
  hintCookie,
  clearHintCookie,
  sessionCookie,
  clearSessionCookie,
  loginCookie,
  clearLoginCookie,
} from './cookies.mjs';
import { idpPage, errorPage, PAGE_CSP } from './idp-page.mjs';

export const PROVIDERS = ['spid', 'cie'];

/** The demo citizens (also read by a Rust test that checks each codice fiscale). */
export const CITIZENS = JSON.parse(fs.readFileSync(new URL('./citizens.json', import.meta.url), 'utf8'));
const CITIZEN_BY_ID = new Map(CITIZENS.map((c) => [c.id, c]));

const MAX_RETURN_CHARS = 2000;
const MAX_FORM_BYTES = 16 * 1024;

// ------------------------------------------------------------------ sessions

/** The live session of this request (its idle expiry refreshed), or undefined. */
export function sessionOf(ctx, req) {
  return ctx.sessions.use(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
}

/** 401; a stale "logged in" hint goes with it, so the app stops asking. */
export function needLogin(req, res) {
  const hinted = parseCookies(req.headers.cookie).has(HINT_COOKIE);
  return sendProblem(res, 401, 'Per questo servizio devi accedere con SPID o CIE.', {
    title: 'Accesso richiesto',
    headers: hinted ? { 'Set-Cookie': clearHintCookie(req) } : {},
  });
}

/** What a record keeps of who sent it: from the session, never from the body. */
export function recordPerson(session) {
  if (!session) return null;
  const { codice_fiscale, given_name, family_name } = session.person;
  return { codice_fiscale, given_name, family_name, provider: session.provider };
}

/** GET /me */
export function me(ctx, req, res) {
  const s = sessionOf(ctx, req);
  if (!s) return needLogin(req, res);
  const { given_name, family_name, codice_fiscale, sex, birth_date, birth_place_code } = s.person;
  return sendJson(res, 200, {
    person: { given_name, family_name, codice_fiscale, sex, birth_date, birth_place_code },
    provider: s.provider,
    expires_at: new Date(ctx.sessions.expiresAt(s)).toISOString(),
  });
}

/** POST /auth/logout (the CSRF rule was checked by the router). */
export function logout(ctx, req, res) {
  drain(req);
  ctx.sessions.end(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
  res.writeHead(204, { 'Set-Cookie': [clearSessionCookie(req), clearHintCookie(req)], 'Cache-Control': 'no-store' });
  res.end();
}

// ------------------------------------------------------------------ login

// What may stay as it is in a URL path and query (RFC 3986 unreserved and
// reserved characters, and `%` starting an escape); the rest is escaped.
const NOT_URL_SAFE = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]%]/gu;

/**
 * The path a login may return to, or undefined. Only a path of this
 * origin: one leading `/` (not `//` nor `/\`, which browsers read as
 * another host), no `\` anywhere, no control characters, at most 2000
 * characters. Characters not allowed raw in a URL (space, `"`, `<`, `>`,
 * non-ASCII…) come back percent-encoded, as a browser would send them: the
 * same address, safe in a Location header and an href.
 */
export function safeReturnPath(p) {
  if (typeof p !== 'string' || p.length === 0 || p.length > MAX_RETURN_CHARS) return undefined;
  if (p[0] !== '/' || p[1] === '/' || p.includes('\\')) return undefined;
  if (/[\x00-\x1f\x7f]/.test(p)) return undefined;
  try {
    return p.replace(NOT_URL_SAFE, (ch) => encodeURIComponent(ch));
  } catch {
    return undefined; // a lone surrogate
  }
}

/** GET /auth/login?return=<path>[&provider=spid|cie]: the demo identity provider page. */
export function loginStart(ctx, req, res, { query }) {
  // Checked before any state exists: a refused login leaves nothing behind.
  const returnPath = safeReturnPath(query.has('return') ? query.get('return') : '/');
  if (returnPath === undefined) {
    return sendProblem(
      res,
      400,
      "L'indirizzo a cui tornare dopo l'accesso non è valido: deve essere una pagina di Sportello Lavoro.",
    );
  }
  const provider = query.get('provider');
  if (provider !== null && !PROVIDERS.includes(provider)) {
    return sendProblem(res, 400, 'Modo di accesso sconosciuto: puoi accedere con SPID o con CIE.');
  }
  const state = ctx.sessions.startLogin(returnPath);
  const html = idpPage({ citizens: CITIZENS, state, providers: provider ? [provider] : PROVIDERS, returnPath });
  return sendHtml(res, 200, html, {
    'Content-Security-Policy': PAGE_CSP,
    'Set-Cookie': loginCookie(req, state, Math.round(ctx.sessions.loginMs / 1000)),
  });
}

function callbackError(res, status, returnPath, extraHeaders = {}) {
  const page =
    status === 403
      ? errorPage({
          heading: 'Accesso non riuscito',
          message:
            "La richiesta di accesso non è più valida: è scaduta, è già stata usata oppure è stata aperta in un'altra scheda. Nessun accesso è stato effettuato.",
          returnPath,
        })
      : errorPage({
          heading: 'Scelta non valida',
          message: 'Scegli una delle persone di prova e accedi con SPID o con CIE. Nessun accesso è stato effettuato.',
          returnPath,
        });
  return sendHtml(res, status, page, { 'Content-Security-Policy': PAGE_CSP, ...extraHeaders });
}

/**
 * POST /auth/callback (demo only), form-encoded state, provider, citizen.
 * Protected by the one-time state, which must equal the sl_login cookie:
 * a cross-site form cannot read or set that cookie.
 */
export async function callback(ctx, req, res) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    drain(req);
    return callbackError(res, 400, undefined);
  }
  const { buf, tooLarge } = await readBody(req, MAX_FORM_BYTES);
  if (tooLarge) return callbackError(res, 400, undefined, { Connection: 'close' });
  const form = new URLSearchParams(buf.toString('utf8'));
  const cookies = parseCookies(req.headers.cookie);
  const state = form.get('state');
  if (!state || state !== cookies.get(LOGIN_COOKIE) || !ctx.sessions.peekLogin(state)) {
    return callbackError(res, 403, state ? ctx.sessions.peekLogin(state)?.returnPath : undefined);
  }
  const login = ctx.sessions.takeLogin(state);
  const provider = form.get('provider');
  const citizen = CITIZEN_BY_ID.get(form.get('citizen') ?? '');
  if (!PROVIDERS.includes(provider) || !citizen) {
    // The state is used up either way: the page offers a fresh start.
    return callbackError(res, 400, login.returnPath, { 'Set-Cookie': clearLoginCookie(req) });
  }
  // A login always gets a new id (no session fixation); the old one ends.
  ctx.sessions.end(cookies.get(SESSION_COOKIE));
  const session = ctx.sessions.create(citizen, provider);
  res.writeHead(303, {
    Location: login.returnPath,
    'Set-Cookie': [sessionCookie(req, session.id), hintCookie(req), clearLoginCookie(req)],
    'Cache-Control': 'no-store',
    'Content-Length': 0,
  });
  return res.end();
}

// ------------------------------------------------------------------ CSRF

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the CSRF rule applies to this request (`p` is the path under /api/v1). */
export function csrfApplies(method, p) {
  return UNSAFE_METHODS.has(method) && !p.startsWith('/_demo/') && p !== '/auth/callback';
}

/** `scheme://host` forms this server answers as, with and without a default port. */
function ownOrigins(req) {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!host) return [];
  // Over a proxy that terminates TLS without X-Forwarded-Proto we cannot
  // tell the scheme: then either is this server.
  const schemes = isHttps(req) ? ['https'] : ['http', 'https'];
  const origins = [];
  for (const scheme of schemes) {
    origins.push(`${scheme}://${host}`);
    const defaultPort = scheme === 'https' ? ':443' : ':80';
    if (host.endsWith(defaultPort)) origins.push(`${scheme}://${host.slice(0, -defaultPort.length)}`);
  }
  return origins;
}

/**
 * A state-changing request is accepted only from the app itself: it
 * carries X-Requested-With (a cross-site form cannot send a custom header,
 * and a cross-origin script needs a preflight, which allows no
 * credentials), any Origin is ours, any Sec-Fetch-Site is same-origin/none.
 */
export function csrfAllowed(req) {
  const xrw = req.headers['x-requested-with'];
  if (typeof xrw !== 'string' || xrw.trim() === '') return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req).includes(String(origin).toLowerCase())) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return true;
}

export function refuseCrossSite(res) {
  return sendProblem(
    res,
    403,
    "Richiesta rifiutata per sicurezza: proviene da un altro sito o non dall'app. Nessun dato è stato registrato.",
    { title: 'Richiesta non consentita' },
  );
}
