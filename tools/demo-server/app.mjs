// Request handling of the demo CPI server: static app with SPA fallback,
// public data feeds, and the /api/v1 submission API. See docs/api.md.

import http from 'node:http';
import path from 'node:path';

import { KINDS, KIND_BY_PATH, validate, statusesOf } from './kinds.mjs';
import { bodyHash } from './store.mjs';
import { sendJson, sendProblem, resolveUnder, regularFileInside, serveFile } from './http.mjs';

export const API_BASE = '/api/v1';
export const MAX_BODY_BYTES = 256 * 1024;
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
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
 * @param {{dist: string, data: string, store: import('./store.mjs').Store, log?: (line: string) => void}} opts
 * @returns {http.Server}
 */
export function createDemoServer({ dist, data, store, log = (l) => process.stderr.write(`${l}\n`) }) {
  const state = { failNext: { count: 0, status: 503 } };
  const ctx = { dist: path.resolve(dist), data: path.resolve(data), store, state, log };

  return http.createServer((req, res) => {
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
  const st = file && regularFileInside(ctx.data, file);
  if (!st) {
    return sendProblem(res, 404, 'I dati richiesti non sono disponibili su questo server.', { headers: DATA_CORS });
  }
  return serveFile(req, res, file, st, { cacheControl: 'no-cache', headers: DATA_CORS });
}

// ------------------------------------------------------------------ API

/** Route table: path → {METHOD: handler}. Patterns with `:id` are matched below. */
function route(pathname) {
  if (!pathname.startsWith(`${API_BASE}/`)) return null;
  const p = pathname.slice(API_BASE.length);
  if (p === '/health') return { methods: { GET: health } };
  const kind = KIND_BY_PATH.get(p);
  if (kind) return { methods: { POST: (ctx, req, res) => submit(ctx, req, res, kind) } };
  if (p === '/submissions') return { methods: { GET: submissionByKey } };
  let m = /^\/submissions\/([^/]+)$/.exec(p);
  if (m) return { methods: { GET: submissionById }, id: m[1] };
  if (p === '/_demo/received') return { methods: { GET: demoReceived } };
  m = /^\/_demo\/status\/([^/]+)$/.exec(p);
  if (m) return { methods: { POST: demoStatus }, id: m[1] };
  if (p === '/_demo/fail-next') return { methods: { POST: demoFailNext } };
  if (p === '/_demo/reset') return { methods: { POST: demoReset } };
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
  for (const [k, v] of Object.entries(API_CORS)) res.setHeader(k, v);

  const r = route(pathname);
  if (!r) {
    drain(req);
    return sendProblem(res, 404, 'Il servizio richiesto non esiste.');
  }
  const allow = [...Object.keys(r.methods), 'OPTIONS'].join(', ');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': allow,
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
      'Access-Control-Max-Age': '600',
    });
    return res.end();
  }
  const handler = r.methods[req.method] ?? (req.method === 'HEAD' ? r.methods.GET : undefined);
  if (!handler) {
    drain(req);
    return sendProblem(res, 405, 'Operazione non consentita su questo indirizzo.', { headers: { Allow: allow } });
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

/** Discard a request body we are not going to read. */
function drain(req) {
  req.resume();
}

/**
 * Read the body up to MAX_BODY_BYTES. Larger bodies are drained (up to a
 * bound) so the client can read the 413, and reported as `tooLarge`.
 * @returns {Promise<{buf?: Buffer, tooLarge?: boolean}>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolve(tooLarge ? { tooLarge } : { buf: Buffer.concat(chunks) }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('richiesta interrotta dal client'));
    });
  });
}

/**
 * Read and parse a JSON object body; answers the error itself and returns
 * undefined on failure. `emptyAs` is used when the body is empty.
 */
async function readJsonObject(req, res, { emptyAs } = {}) {
  const { buf, tooLarge } = await readBody(req);
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

  const hash = bodyHash(kind, body);
  const existing = store.getByKey(key);
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

  const spec = KINDS[kind];
  const record = store.create({
    kind,
    prefix: spec.prefix,
    key,
    hash,
    payload: body,
    extraHistory: spec.initialHistory ?? [],
  });
  return sendJson(res, 201, record.response, { Location: `${API_BASE}/submissions/${record.id}` });
}

/** Public view of a record. */
function view(r) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    received_at: r.received_at,
    idempotency_key: r.idempotency_key,
    history: r.history,
    payload: r.payload,
  };
}

function submissionById(ctx, req, res, { id }) {
  const r = ctx.store.get(id);
  if (!r) return sendProblem(res, 404, `Non troviamo nessuna pratica con numero ${id}.`);
  return sendJson(res, 200, view(r));
}

function submissionByKey(ctx, req, res, { query }) {
  const key = query.get('idempotency_key');
  if (!key) return sendProblem(res, 400, 'Indica il parametro idempotency_key.');
  const r = ctx.store.getByKey(key);
  if (!r) return sendProblem(res, 404, 'Nessuna pratica è stata registrata con questa chiave di invio.');
  return sendJson(res, 200, view(r));
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
  return sendJson(res, 200, view(ctx.store.setStatus(id, body.status, body.note ?? null)));
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
  return sendJson(res, 200, { status: 'reset' });
}
