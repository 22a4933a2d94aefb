// HTTP helpers of the demo server: JSON and problem answers, safe path
// resolution, and file serving with ETag / Last-Modified and content
// negotiation (precompressed .br/.gz from the build, else gzip made here).

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';

// ---------------------------------------------------------------- answers

const TITLES = {
  400: 'Richiesta non valida',
  401: 'Accesso richiesto',
  403: 'Operazione non consentita',
  404: 'Non trovato',
  405: 'Metodo non consentito',
  408: 'Tempo scaduto',
  409: 'Conflitto',
  413: 'Richiesta troppo grande',
  415: 'Formato non supportato',
  422: 'Dati non validi',
  429: 'Troppe richieste',
  500: 'Errore interno',
  502: 'Servizio non raggiungibile',
  503: 'Servizio non disponibile',
  504: 'Servizio non raggiungibile',
};

export function titleFor(status) {
  return TITLES[status] ?? (status >= 500 ? 'Errore del server' : 'Richiesta non accolta');
}

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/**
 * RFC 9457 problem details. `errors` (field errors) only for 422.
 * @param {{errors?: {field: string, message: string}[], headers?: object, title?: string}} [opts]
 */
export function sendProblem(res, status, detail, opts = {}) {
  const body = { type: 'about:blank', title: opts.title ?? titleFor(status), status, detail };
  if (opts.errors) body.errors = opts.errors;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(opts.headers ?? {}),
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** An HTML page (the demo identity provider's); `headers` may add Set-Cookie, CSP… */
export function sendHtml(res, status, html, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : html);
}

// ---------------------------------------------------------------- bodies

const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/** Discard a request body we are not going to read. */
export function drain(req) {
  req.resume();
}

/**
 * Read the body up to `limit` bytes. Larger bodies are drained (up to a
 * bound) so the client can read the 413, and reported as `tooLarge`.
 * @returns {Promise<{buf?: Buffer, tooLarge?: boolean}>}
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
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

// ---------------------------------------------------------------- paths

/**
 * Map a URL path (still percent-encoded, relative to `root`) to a file path
 * inside `root`, or null if it could escape it. Never follows `..`.
 */
export function resolveUnder(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const base = path.resolve(root);
  const full = path.join(base, ...segments);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

/** Stat of a regular file whose real path stays inside `root`, else null. */
export function regularFileInside(root, file) {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return null;
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(file);
    if (!real.startsWith(realRoot + path.sep)) return null;
    return st;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- files

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.slix', '.html', '.js', '.mjs', '.css', '.json', '.map', '.wasm', '.svg', '.ico', '.webmanifest', '.txt', '.xml', '.csv']);
const GZIP_MIN_BYTES = 1024;

export function contentTypeOf(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** path → {mtimeMs, size, buf, hash, gz?, variants} so files are hashed / gzipped once. */
const cache = new Map();

function load(file, st) {
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  const buf = fs.readFileSync(file);
  const hash = crypto.createHash('sha256').update(buf).digest('base64url').slice(0, 32);
  const entry = { mtimeMs: st.mtimeMs, size: st.size, buf, hash, gz: undefined, variants: new Map() };
  cache.set(file, entry);
  return entry;
}

/**
 * Content codings the client accepts, as coding → q (RFC 9110 §12.5.3).
 * `*` stands for every coding not named. No header: only identity.
 */
export function parseAcceptEncoding(header) {
  const q = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [coding, ...params] = part.trim().split(';').map((s) => s.trim());
    if (!coding) continue;
    const qp = params.find((p) => /^q=/i.test(p));
    const value = qp === undefined ? 1 : Number(qp.slice(2));
    q.set(coding.toLowerCase(), Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0);
  }
  return q;
}

function qualityOf(accepted, coding) {
  if (accepted.has(coding)) return accepted.get(coding);
  if (coding === 'gzip' && accepted.has('x-gzip')) return accepted.get('x-gzip');
  return accepted.get('*') ?? 0;
}

/** The precompressed files the build writes next to the original (tools/build/compress.mjs). */
const PRECOMPRESSED = [
  { coding: 'br', suffix: '.br', decode: zlib.brotliDecompressSync },
  { coding: 'gzip', suffix: '.gz', decode: zlib.gunzipSync },
];

/**
 * The precompressed variant `file + suffix`, if it is a regular file in the
 * same directory (not a symlink out of it) and decodes to exactly the
 * original: a stale `.br` left by an older build is never served. The check
 * runs once per state of the two files.
 */
function precompressed(file, entry, { coding, suffix, decode }) {
  const variant = file + suffix;
  let st;
  try {
    st = fs.statSync(variant);
    if (!st.isFile()) return undefined;
    if (fs.realpathSync(variant) !== path.join(fs.realpathSync(path.dirname(file)), path.basename(variant))) return undefined;
  } catch {
    return undefined;
  }
  const hit = entry.variants.get(coding);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.buf;
  let buf;
  try {
    buf = fs.readFileSync(variant);
    if (buf.length >= entry.buf.length || !decode(buf).equals(entry.buf)) buf = undefined;
  } catch {
    buf = undefined; // unreadable or corrupt: serve the original instead
  }
  entry.variants.set(coding, { mtimeMs: st.mtimeMs, size: st.size, buf });
  return buf;
}

/**
 * Pick the body for this request: a precompressed `.br`/`.gz` the client
 * accepts (the higher q wins, brotli on a tie), else the gzip made here for
 * compressible files, else the file itself.
 * @returns {{coding?: 'br'|'gzip', body: Buffer, varies: boolean}}
 */
function negotiate(req, file, entry) {
  const accepted = parseAcceptEncoding(req.headers['accept-encoding']);
  const ext = path.extname(file).toLowerCase();
  const compressible = COMPRESSIBLE.has(ext) && entry.buf.length >= GZIP_MIN_BYTES;
  let best;
  let varies = compressible;
  for (const spec of PRECOMPRESSED) {
    const buf = precompressed(file, entry, spec);
    if (!buf) continue;
    varies = true;
    const q = qualityOf(accepted, spec.coding);
    if (q > 0 && (!best || q > best.q)) best = { coding: spec.coding, body: buf, q };
  }
  if (best) return { coding: best.coding, body: best.body, varies };
  if (compressible && qualityOf(accepted, 'gzip') > 0) {
    entry.gz ??= zlib.gzipSync(entry.buf, { level: 9 });
    return { coding: 'gzip', body: entry.gz, varies };
  }
  return { body: entry.buf, varies };
}

const ETAG_SUFFIX = { br: '-br', gzip: '-gz' };

/** Weak comparison (RFC 9110 §13.1.2); a compressed variant matches its identity tag. */
function etagMatches(ifNoneMatch, hash) {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === `"${hash}"` || t === `"${hash}-gz"` || t === `"${hash}-br"`;
  });
}

/**
 * Serve a regular file (already checked) with validators, conditional GET
 * and content negotiation (precompressed `.br`/`.gz` next to the file, see
 * tools/build/compress.mjs). `headers` are added to every answer, 304
 * included. Range requests get the whole file (200), as before.
 */
export function serveFile(req, res, file, st, { cacheControl = 'no-cache', headers = {} } = {}) {
  const entry = load(file, st);
  const { coding, body, varies } = negotiate(req, file, entry);
  return answer(req, res, {
    hash: entry.hash,
    coding,
    body,
    varies,
    contentType: contentTypeOf(file),
    lastModified: new Date(Math.floor(st.mtimeMs / 1000) * 1000),
    cacheControl,
    headers,
  });
}

/** The last body served by serveBytes, gzipped once: {hash, gz}. */
let bytesGz;

/**
 * Serve content made here (a feed built on the fly) exactly as serveFile
 * serves a file: strong ETag from the content's hash (`-gz` for the gzip
 * variant), Last-Modified, conditional GET (304) and gzip above 1 KB.
 * @param {{contentType: string, lastModifiedMs: number, cacheControl?: string, headers?: object}} opts
 */
export function serveBytes(req, res, buf, { contentType, lastModifiedMs, cacheControl = 'no-cache', headers = {} }) {
  const hash = crypto.createHash('sha256').update(buf).digest('base64url').slice(0, 32);
  const compressible = buf.length >= GZIP_MIN_BYTES;
  let coding;
  let body = buf;
  if (compressible && qualityOf(parseAcceptEncoding(req.headers['accept-encoding']), 'gzip') > 0) {
    if (bytesGz?.hash !== hash) bytesGz = { hash, gz: zlib.gzipSync(buf, { level: 9 }) };
    coding = 'gzip';
    body = bytesGz.gz;
  }
  return answer(req, res, {
    hash,
    coding,
    body,
    varies: compressible,
    contentType,
    lastModified: new Date(Math.floor(lastModifiedMs / 1000) * 1000),
    cacheControl,
    headers,
  });
}

/** Validators, conditional GET (If-None-Match first, else If-Modified-Since) and the 200 or 304. */
function answer(req, res, { hash, coding, body, varies, contentType, lastModified, cacheControl, headers }) {
  const common = {
    ETag: `"${hash}${coding ? ETAG_SUFFIX[coding] : ''}"`,
    'Last-Modified': lastModified.toUTCString(),
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...(varies ? { Vary: 'Accept-Encoding' } : {}),
    ...headers,
  };

  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  let notModified = false;
  if (inm !== undefined) {
    notModified = etagMatches(String(inm), hash);
  } else if (ims !== undefined) {
    const since = Date.parse(String(ims));
    notModified = !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  if (notModified) {
    res.writeHead(304, common);
    res.end();
    return 304;
  }

  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': body.length,
    ...(coding ? { 'Content-Encoding': coding } : {}),
    ...common,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return 200;
}
