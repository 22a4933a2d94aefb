// Request handling of the demo CPI server: static app with SPA fallback,
// public data feeds, the /api/v1 submission API, the SPID/CIE session
// (auth.mjs) and Il mio percorso (percorso.mjs). See docs/api.md and
// docs/percorso-api.md.

import http from 'node:http';
import path from 'node:path';

import { KINDS, KIND_BY_PATH, validate, statusesOf } from './kinds.mjs';
import { bodyHash } from './store.mjs';
import { Sessions, DEFAULT_IDLE_MS } from './sessions.mjs';
import {
  sessionOf,
  needLogin,
  recordPerson,
  me,
  loginStart,
  callback,
  logout,
  csrfApplies,
  csrfAllowed,
  refuseCrossSite,
  CITIZENS,
} from './auth.mjs';
import { sendJson, sendProblem, resolveUnder, regularFileInside, serveFile, serveBytes, readBody, drain } from './http.mjs';
import {
  todayClock,
  avvisoRefusal,
  publishRanking,
  clearRankings,
  graduatorieFeed,
  GRADUATORIE_FILE,
} from './avvisi.mjs';
import { myPercorso, pattoRefusal, applyPattoUpdate, clearPercorso } from './percorso.mjs';

export const API_BASE = '/api/v1';
export const MAX_BODY_BYTES = 256 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

const API_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Idempotent-Replayed, Location, Retry-After',
};
const DATA_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified',
};

/**
 * `now` (ms since the epoch) and `sessionIdleMs` set the session clock and
 * idle expiry (tests make time pass without sleeping); `sessions` may be
 * given instead, to look inside it. `today` (YYYY-MM-DD, or a function
 * giving it) fixes the day of the avvisi checks and of the percorso's
 * relative dates (percorso.mjs); without it the day is
 * DEMO_TODAY from the environment, read at each request, else the day in
 * Europe/Rome at `now()` (avvisi.mjs).
 * @param {{dist: string, data: string, store: import('./store.mjs').Store, log?: (line: string) => void,
 *   now?: () => number, sessionIdleMs?: number, sessions?: Sessions, today?: string | (() => string)}} opts
 * @returns {http.Server}
 */
export function createDemoServer({
  dist,
  data,
  store,
  log = (l) => process.stderr.write(`${l}\n`),
  now = Date.now,
  sessionIdleMs = DEFAULT_IDLE_MS,
  sessions = new Sessions({ now, idleMs: sessionIdleMs }),
  today,
}) {
  // rankings: avviso_id → ranking published with the demo hook (memory only).
  // percorso: codice fiscale → (appointment id → status set by a patto update), memory only.
  const state = { failNext: { count: 0, status: 503 }, rankings: new Map(), rankingsChangedAt: 0, percorso: new Map() };
  const ctx = {
    dist: path.resolve(dist),
    data: path.resolve(data),
    store,
    state,
    sessions,
    log,
    now,
    today: todayClock({ today, now }),
  };
  if (today === undefined && process.env.DEMO_TODAY) {
    log(`demo-server: DEMO_TODAY=${process.env.DEMO_TODAY}: avvisi, graduatorie e percorso usano questo giorno come oggi`);
  }

  return http.createServer((req, res) => {
    // Security headers on every answer (docs/deploy.md). The page's own
    // Content-Security-Policy is a <meta> the build writes (tools/build/csp.mjs);
    // this header adds what a meta cannot say: no framing.
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    handle(ctx, req, res).catch((err) => {
      log(`demo-server: errore interno su ${req.method} ${req.url}: ${err?.stack ?? err}`);
      if (!res.headersSent) {
        sendProblem(res, 500, 'Si è verificato un errore imprevisto. La richiesta non è stata registrata: riprova più tardi.');
      } else {
        res.destroy();
      }
    });
  });
}

export const SECURITY_HEADERS = [
  ['Content-Security-Policy', "frame-ancestors 'none'"],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

async function handle(ctx, req, res) {
  const url = req.url ?? '/';
  if (!url.startsWith('/')) return sendProblem(res, 400, 'Indirizzo della richiesta non valido.');
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));

  if (pathname === '/api' || pathname.startsWith('/api/')) return handleApi(ctx, req, res, pathname, query);
  if (pathname === '/data' || pathname.startsWith('/data/')) return handleData(ctx, req, res, pathname);
  return handleStatic(ctx, req, res, pathname);
}

// ------------------------------------------------------------------ static

function handleStatic(ctx, req, res, pathname) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendProblem(res, 405, 'Questo indirizzo si può solo leggere.', { headers: { Allow: 'GET, HEAD' } });
  }
  const candidate = resolveUnder(ctx.dist, pathname);
  const st = candidate && regularFileInside(ctx.dist, candidate);
  if (st && path.basename(candidate) !== 'index.html') {
    return serveFile(req, res, candidate, st, { cacheControl: 'no-cache' });
  }
  // SPA fallback: every other path is a client-side route.
  const index = path.join(ctx.dist, 'index.html');
  const indexSt = regularFileInside(ctx.dist, index);
  if (!indexSt) {
    const text = `${index} non trovato: compila prima l'app (trunk build) o indica --dist.\n`;
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    return res.end(req.method === 'HEAD' ? undefined : text);
  }
  return serveFile(req, res, index, indexSt, { cacheControl: 'no-cache' });
}

// ------------------------------------------------------------------ feeds

function handleData(ctx, req, res, pathname) {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...DATA_CORS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': '600',
    });
    return res.end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendProblem(res, 405, 'I dati pubblici si possono solo leggere.', {
      headers: { ...DATA_CORS, Allow: 'GET, HEAD, OPTIONS' },
    });
  }
  const rel = pathname.slice('/data'.length);
  const file = resolveUnder(ctx.data, rel);
  if (file === path.join(ctx.data, GRADUATORIE_FILE)) return serveGraduatorie(ctx, req, res);
  const st = file && regularFileInside(ctx.data, file);
  if (!st) {
    return sendProblem(res, 404, 'I dati richiesti non sono disponibili su questo server.', { headers: DATA_CORS });
  }
  return serveFile(req, res, file, st, { cacheControl: 'no-cache', headers: DATA_CORS });
}

/**
 * graduatorie.json is made here: the file's rankings plus those published
 * with the demo hook, with an ETag of the content (avvisi.mjs).
 */
function serveGraduatorie(ctx, req, res) {
  const feed = graduatorieFeed(ctx);
  if (!feed) {
    return sendProblem(res, 404, 'I dati richiesti non sono disponibili su questo server.', { headers: DATA_CORS });
  }
  return serveBytes(req, res, feed.body, {
    contentType: 'application/json; charset=utf-8',
    lastModifiedMs: feed.lastModifiedMs,
    cacheControl: 'no-cache',
    headers: DATA_CORS,
  });
}

// ------------------------------------------------------------------ API

/**
 * Route table: path → {METHOD: handler}. Patterns with `:id` are matched
 * below. `sameOrigin` routes (the session's) get no CORS headers: only the
 * app's own origin may use them.
 */
function route(p) {
  if (p === '/health') return { methods: { GET: health } };
  const kind = KIND_BY_PATH.get(p);
  if (kind) return { methods: { POST: (ctx, req, res) => submit(ctx, req, res, kind) } };
  if (p === '/submissions') return { methods: { GET: submissionByKey } };
  let m = /^\/submissions\/([^/]+)$/.exec(p);
  if (m) return { methods: { GET: submissionById }, id: m[1] };
  if (p === '/me') return { methods: { GET: me }, sameOrigin: true };
  if (p === '/me/submissions') return { methods: { GET: mySubmissions }, sameOrigin: true };
  if (p === '/me/profiling') return { methods: { GET: myProfiling }, sameOrigin: true };
  if (p === '/me/percorso') return { methods: { GET: myPercorso }, sameOrigin: true };
  if (p === '/auth/login') return { methods: { GET: loginStart }, sameOrigin: true };
  if (p === '/auth/callback') return { methods: { POST: callback }, sameOrigin: true };
  if (p === '/auth/logout') return { methods: { POST: logout }, sameOrigin: true };
  if (p === '/_demo/received') return { methods: { GET: demoReceived } };
  m = /^\/_demo\/status\/([^/]+)$/.exec(p);
  if (m) return { methods: { POST: demoStatus }, id: m[1] };
  if (p === '/_demo/fail-next') return { methods: { POST: demoFailNext } };
  if (p === '/_demo/reset') return { methods: { POST: demoReset } };
  if (p === '/_demo/sessions/expire') return { methods: { POST: demoExpireSessions } };
  m = /^\/_demo\/avvisi\/([^/]+)\/publish$/.exec(p);
  if (m) return { methods: { POST: demoPublish }, id: m[1] };
  return null;
}

async function handleApi(ctx, req, res, pathname, query) {
  const started = process.hrtime.bigint();
  res.on('close', () => {
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const key = req.headers['idempotency-key'];
    const status = res.writableFinished ? res.statusCode : `${res.statusCode} (interrotta)`;
    ctx.log(
      `${new Date().toISOString()} ${req.method} ${pathname} ${status} ${ms}ms` +
        (key ? ` key=${String(key).slice(0, 40)}` : '') +
        (res.getHeader('Idempotent-Replayed') ? ' replay' : ''),
    );
  });

  const p = pathname.startsWith(`${API_BASE}/`) ? pathname.slice(API_BASE.length) : undefined;
  const r = p === undefined ? null : route(p);
  if (!r?.sameOrigin) for (const [k, v] of Object.entries(API_CORS)) res.setHeader(k, v);
  if (!r) {
    drain(req);
    return sendProblem(res, 404, 'Il servizio richiesto non esiste.');
  }
  const allow = [...Object.keys(r.methods), 'OPTIONS'].join(', ');
  if (req.method === 'OPTIONS') {
    // A same-origin route answers without Access-Control-*: the browser refuses other origins.
    res.writeHead(
      204,
      r.sameOrigin
        ? { Allow: allow }
        : {
            'Access-Control-Allow-Methods': allow,
            'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, X-Requested-With',
            'Access-Control-Max-Age': '600',
          },
    );
    return res.end();
  }
  const handler = r.methods[req.method] ?? (req.method === 'HEAD' ? r.methods.GET : undefined);
  if (!handler) {
    drain(req);
    return sendProblem(res, 405, 'Operazione non consentita su questo indirizzo.', { headers: { Allow: allow } });
  }
  // Before the session, fail-next, idempotency counting and the body: a
  // refused cross-site request leaves no trace.
  if (csrfApplies(req.method, p) && !csrfAllowed(req)) {
    drain(req);
    return refuseCrossSite(res);
  }
  let id;
  if (r.id !== undefined) {
    try {
      id = decodeURIComponent(r.id);
    } catch {
      return sendProblem(res, 404, 'Pratica non trovata.');
    }
  }
  return handler(ctx, req, res, { id, query });
}

function health(ctx, req, res) {
  sendJson(res, 200, { status: 'ok' });
}

/**
 * Read and parse a JSON object body; answers the error itself and returns
 * undefined on failure. `emptyAs` is used when the body is empty.
 */
async function readJsonObject(req, res, { emptyAs } = {}) {
  const { buf, tooLarge } = await readBody(req, MAX_BODY_BYTES);
  if (tooLarge) {
    sendProblem(res, 413, 'La richiesta supera la dimensione massima di 256 KB. Riduci il testo o gli allegati.', {
      headers: { Connection: 'close' },
    });
    return undefined;
  }
  if (buf.length === 0 && emptyAs !== undefined) return emptyAs;
  let value;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch {
    sendProblem(res, 400, 'Il contenuto della richiesta non è un JSON valido.');
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    sendProblem(res, 400, 'Il contenuto della richiesta deve essere un oggetto JSON.');
    return undefined;
  }
  return value;
}

function isJsonContentType(header) {
  if (header === undefined) return true; // lenient: absent means JSON
  const mime = String(header).split(';')[0].trim().toLowerCase();
  return mime === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(mime);
}

async function submit(ctx, req, res, kind) {
  const { store, state } = ctx;
  const spec = KINDS[kind];
  const session = sessionOf(ctx, req);
  if (spec.session && !session) {
    drain(req);
    return needLogin(req, res);
  }
  const rawKey = req.headers['idempotency-key'];
  const key = typeof rawKey === 'string' && IDEMPOTENCY_KEY.test(rawKey) ? rawKey : undefined;
  if (key) store.countAttempt(key);

  if (state.failNext.count > 0) {
    state.failNext.count -= 1;
    drain(req);
    const status = state.failNext.status;
    return sendProblem(
      res,
      status,
      status >= 500
        ? 'Il servizio del Centro per l\'Impiego non è al momento disponibile e la richiesta non è stata registrata. Riprova tra poco.'
        : 'La richiesta non è stata accolta dal server.',
      { headers: status === 503 || status === 429 ? { 'Retry-After': '1' } : {} },
    );
  }

  if (!key) {
    drain(req);
    return sendProblem(
      res,
      400,
      rawKey === undefined
        ? "Manca l'intestazione Idempotency-Key: senza non possiamo evitare invii doppi."
        : "L'intestazione Idempotency-Key non è valida: usa da 8 a 128 caratteri tra lettere, cifre, '-' e '_'.",
    );
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    drain(req);
    return sendProblem(res, 415, 'Il contenuto della richiesta deve essere in formato JSON (application/json).');
  }
  const body = await readJsonObject(req, res);
  if (body === undefined) return;

  const errors = validate(kind, body);
  if (errors.length > 0) {
    return sendProblem(res, 422, 'Alcuni dati non sono corretti. Controlla i campi indicati e invia di nuovo.', { errors });
  }

  // The person comes from the session, whatever names the body carries.
  const person = recordPerson(session);
  const hash = bodyHash(kind, body, person?.codice_fiscale);
  const existing = store.getByKey(key);

  // An application after the notice's deadline, a riesame without an open
  // window, a patto update that does not fit the person's percorso: 422,
  // nothing stored. Not for the replay of one already stored, which was
  // received in time.
  if (existing?.body_hash !== hash) {
    const refused = avvisoRefusal(ctx, kind, body) ?? pattoRefusal(ctx, kind, body, person);
    if (refused) return sendProblem(res, 422, refused.detail, { errors: refused.errors });
  }

  if (kind === 'did' && body.codice_fiscale.trim().toUpperCase() !== person.codice_fiscale) {
    return sendProblem(
      res,
      403,
      "Puoi presentare la DID solo a tuo nome: il codice fiscale non corrisponde a quello dell'accesso con SPID o CIE.",
    );
  }

  // Same key and body from another person is another request: 409.
  if (existing) {
    if (existing.body_hash !== hash) {
      return sendProblem(
        res,
        409,
        'Questa chiave di invio è già stata usata per una richiesta diversa. Crea un nuovo invio invece di modificare quello già spedito.',
      );
    }
    return sendJson(res, 200, existing.response, {
      'Idempotent-Replayed': 'true',
      Location: `${API_BASE}/submissions/${existing.id}`,
    });
  }

  const record = store.create({
    kind,
    prefix: spec.prefix,
    key,
    hash,
    payload: body,
    person,
    extraHistory: spec.initialHistory ?? [],
  });
  applyPattoUpdate(ctx, kind, body, person);
  return sendJson(res, 201, record.response, { Location: `${API_BASE}/submissions/${record.id}` });
}

/**
 * View of a record for its reader. The payload only for the person the
 * record is bound to: ids are sequential, and an anonymous message's text
 * is not for whoever guesses its number.
 */
function view(r, { withPayload }) {
  const v = {
    id: r.id,
    kind: r.kind,
    status: r.status,
    received_at: r.received_at,
    idempotency_key: r.idempotency_key,
    history: r.history,
  };
  if (withPayload) v.payload = r.payload;
  return v;
}

/**
 * Answer a status read: a record bound to a person only to that person
 * (401 without a session; another person gets the same 404 as a missing
 * record), an anonymous one to anybody, without its payload.
 */
function sendRecord(ctx, req, res, r, notFound) {
  if (!r) return sendProblem(res, 404, notFound);
  if (!r.person) return sendJson(res, 200, view(r, { withPayload: false }));
  const s = sessionOf(ctx, req);
  if (!s) return needLogin(req, res);
  if (s.person.codice_fiscale !== r.person.codice_fiscale) return sendProblem(res, 404, notFound);
  return sendJson(res, 200, view(r, { withPayload: true }));
}

function submissionById(ctx, req, res, { id }) {
  return sendRecord(ctx, req, res, ctx.store.get(id), `Non troviamo nessuna pratica con numero ${id}.`);
}

function submissionByKey(ctx, req, res, { query }) {
  const key = query.get('idempotency_key');
  if (!key) return sendProblem(res, 400, 'Indica il parametro idempotency_key.');
  return sendRecord(ctx, req, res, ctx.store.getByKey(key), 'Nessuna pratica è stata registrata con questa chiave di invio.');
}

/** GET /me/submissions: this person's records, newest first. */
function mySubmissions(ctx, req, res) {
  const s = sessionOf(ctx, req);
  if (!s) return needLogin(req, res);
  const cf = s.person.codice_fiscale;
  const mine = [...ctx.store.records.values()].filter((r) => r.person?.codice_fiscale === cf).reverse();
  return sendJson(res, 200, { submissions: mine.map((r) => view(r, { withPayload: true })) });
}

/**
 * GET /me/profiling: the profiling index the CPI computed from the person's
 * questionnaire. A real backend returns ANPAL's `Probabilita` and class; the
 * demo returns each demo citizen's fixed value (citizens.json), marked as
 * demo, once a questionnaire of theirs is stored. Never a made-up model.
 */
function myProfiling(ctx, req, res) {
  const s = sessionOf(ctx, req);
  if (!s) return needLogin(req, res);
  const cf = s.person.codice_fiscale;
  const sent = [...ctx.store.records.values()].filter((r) => r.kind === 'profiling' && r.person?.codice_fiscale === cf);
  const demo = CITIZENS.find((c) => c.codice_fiscale === cf)?.demo_profiling;
  if (sent.length === 0 || !demo) {
    return sendProblem(
      res,
      404,
      "Il Centro per l'Impiego non ha ancora calcolato il tuo indice di profilazione: invia prima le risposte al questionario.",
    );
  }
  return sendJson(res, 200, {
    index: demo.index,
    class: demo.class,
    computed_at: sent[sent.length - 1].received_at,
    demo: true,
  });
}

// ------------------------------------------------------------------ demo controls

function demoReceived(ctx, req, res) {
  return sendJson(res, 200, {
    records: [...ctx.store.records.values()],
    attempts: Object.fromEntries(ctx.store.attempts),
    fail_next: { ...ctx.state.failNext },
  });
}

async function demoStatus(ctx, req, res, { id }) {
  const body = await readJsonObject(req, res);
  if (body === undefined) return;
  const r = ctx.store.get(id);
  if (!r) return sendProblem(res, 404, `Non troviamo nessuna pratica con numero ${id}.`);
  const allowed = statusesOf(r.kind);
  const errors = [];
  if (!allowed.includes(body.status)) {
    errors.push({ field: 'status', message: `Stato non valido per questa pratica: usa uno tra ${allowed.join(', ')}.` });
  }
  if (body.note !== undefined && body.note !== null && typeof body.note !== 'string') {
    errors.push({ field: 'note', message: 'La nota deve essere un testo.' });
  }
  if (errors.length) return sendProblem(res, 422, 'Cambio di stato non valido.', { errors });
  return sendJson(res, 200, view(ctx.store.setStatus(id, body.status, body.note ?? null), { withPayload: true }));
}

async function demoFailNext(ctx, req, res) {
  const body = await readJsonObject(req, res, { emptyAs: {} });
  if (body === undefined) return;
  const count = body.count ?? 1;
  const status = body.status ?? 503;
  const errors = [];
  if (!Number.isInteger(count) || count < 0 || count > 1000) {
    errors.push({ field: 'count', message: 'Indica un numero intero tra 0 e 1000.' });
  }
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    errors.push({ field: 'status', message: 'Indica un codice di errore HTTP tra 400 e 599.' });
  }
  if (errors.length) return sendProblem(res, 422, 'Impostazione non valida.', { errors });
  ctx.state.failNext = { count, status };
  return sendJson(res, 200, { fail_next: { count, status } });
}

async function demoReset(ctx, req, res) {
  const body = await readJsonObject(req, res, { emptyAs: {} });
  if (body === undefined) return;
  ctx.store.reset();
  ctx.state.failNext = { count: 0, status: 503 };
  clearRankings(ctx);
  clearPercorso(ctx);
  ctx.sessions.endAll();
  ctx.sessions.clearLogins();
  return sendJson(res, 200, { status: 'reset' });
}

/**
 * POST /_demo/avvisi/<id>/publish {"stage"?: "provisional" | "final"}: the
 * CPI publishes the ranking of notice <id>, with the applications received
 * here (avvisi.mjs publishRanking). 200 with the ranking; 404 for an
 * unknown notice.
 */
async function demoPublish(ctx, req, res, { id }) {
  const body = await readJsonObject(req, res, { emptyAs: {} });
  if (body === undefined) return;
  const stage = body.stage ?? 'provisional';
  if (stage !== 'provisional' && stage !== 'final') {
    return sendProblem(res, 422, 'Pubblicazione non valida.', {
      errors: [{ field: 'stage', message: 'Indica provisional (graduatoria provvisoria) o final (definitiva).' }],
    });
  }
  const out = publishRanking(ctx, id, { stage });
  if (out.status !== 200) return sendProblem(res, out.status, out.detail);
  return sendJson(res, 200, out.ranking);
}

async function demoExpireSessions(ctx, req, res) {
  const body = await readJsonObject(req, res, { emptyAs: {} });
  if (body === undefined) return;
  return sendJson(res, 200, { expired: ctx.sessions.endAll() });
}
