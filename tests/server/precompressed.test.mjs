// Precompressed files: the build step (tools/build/compress.mjs) and how the
// demo server negotiates them (tools/demo-server/http.mjs).
//   node --test tests/server/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';

import { precompress, MIN_BYTES } from '../../tools/build/compress.mjs';
import { createDemoServer } from '../../tools/demo-server/app.mjs';
import { parseAcceptEncoding } from '../../tools/demo-server/http.mjs';
import { Store } from '../../tools/demo-server/store.mjs';

// ------------------------------------------------------------------ fixture

const text = (n, seed) => Array.from({ length: n }, (_, i) => `${seed} riga ${i % 97} offerta di lavoro\n`).join('');
const WASM = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(20_000, 7)]);
const FILES = {
  'index.html': `<!doctype html><html lang="it"><title>Sportello Lavoro</title><body>${text(200, 'html')}</body></html>\n`,
  'app-1a2b.js': text(300, 'js'),
  'app-1a2b_bg.wasm': WASM,
  'style-9f.css': text(100, 'css'),
  'manifest.webmanifest': `{"name":"Sportello Lavoro","x":"${'a'.repeat(2000)}"}`,
  'icons/icon.svg': `<svg xmlns="http://www.w3.org/2000/svg">${'<g></g>'.repeat(400)}</svg>`,
  'data/vacancies.json': JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ id: `VAC-${i}`, title: 'Operaio' })) }),
  'data/vacancies.slix': Buffer.concat([Buffer.from('SLPB'), Buffer.alloc(5000, 1)]),
  'data/vacancies-offers/000.json': JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ id: i })) }),
  'small.js': 'export default 1;\n', // under 1 KB
  'random.wasm': crypto.randomBytes(8192), // compression saves nothing
  'font.woff2': Buffer.alloc(4096, 3), // not a compressed type
  'notes.md': text(100, 'md'), // not a compressed type
};

function makeDist() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-test-'));
  const dist = path.join(root, 'dist');
  for (const [rel, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
    fs.writeFileSync(path.join(dist, rel), content);
  }
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-CONTENT');
  return { root, dist };
}

const exists = (f) => fs.existsSync(f);

// ------------------------------------------------------------------ build step

describe('precompress (tools/build/compress.mjs)', () => {
  let fx;
  let summary;
  before(async () => {
    fx = makeDist();
    summary = await precompress(fx.dist, { release: true, quiet: true });
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  it('writes .br and .gz next to every text and wasm file, recursively, that decode to the original', () => {
    for (const rel of [
      'index.html', 'app-1a2b.js', 'app-1a2b_bg.wasm', 'style-9f.css', 'manifest.webmanifest', 'icons/icon.svg',
      'data/vacancies.json', 'data/vacancies.slix', 'data/vacancies-offers/000.json',
    ]) {
      const file = path.join(fx.dist, rel);
      const raw = fs.readFileSync(file);
      const br = fs.readFileSync(`${file}.br`);
      const gz = fs.readFileSync(`${file}.gz`);
      assert.ok(br.length < raw.length && gz.length < raw.length, rel);
      assert.deepEqual(zlib.brotliDecompressSync(br), raw, `${rel}.br`);
      assert.deepEqual(zlib.gunzipSync(gz), raw, `${rel}.gz`);
    }
    assert.equal(summary.files, 9);
    assert.ok(summary.br < summary.gz && summary.gz < summary.raw);
  });

  it('uses the strongest settings in release builds', () => {
    const file = path.join(fx.dist, 'data', 'vacancies.json');
    const raw = fs.readFileSync(file);
    const q11 = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    assert.ok(fs.statSync(`${file}.br`).size <= q11.length + 16);
    assert.equal(fs.statSync(`${file}.gz`).size, zlib.gzipSync(raw, { level: 9 }).length);
  });

  it('skips small files, files that do not shrink and other types', () => {
    for (const rel of ['small.js', 'random.wasm', 'font.woff2', 'notes.md']) {
      const file = path.join(fx.dist, rel);
      assert.ok(!exists(`${file}.br`) && !exists(`${file}.gz`), rel);
    }
    assert.ok(Buffer.byteLength(FILES['small.js']) < MIN_BYTES);
  });

  it('never compresses its own output, and removes a stale variant that no longer pays', async () => {
    const file = path.join(fx.dist, 'random.wasm');
    fs.writeFileSync(`${file}.br`, 'stale');
    await precompress(fx.dist, { release: false, quiet: true });
    assert.ok(!exists(`${file}.br`));
    assert.ok(!exists(path.join(fx.dist, 'index.html.br.br')));
    assert.ok(!exists(path.join(fx.dist, 'index.html.gz.gz')));
    // Dev settings still write decodable variants.
    const html = path.join(fx.dist, 'index.html');
    assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(`${html}.br`)), fs.readFileSync(html));
  });
});

// ------------------------------------------------------------------ serving

describe('Accept-Encoding parsing', () => {
  it('reads codings and q values', () => {
    const q = parseAcceptEncoding('gzip, deflate, br;q=0.5, zstd;Q=0, *;q=0.1');
    assert.equal(q.get('gzip'), 1);
    assert.equal(q.get('br'), 0.5);
    assert.equal(q.get('zstd'), 0);
    assert.equal(q.get('*'), 0.1);
    assert.equal(parseAcceptEncoding(undefined).size, 0);
    assert.equal(parseAcceptEncoding('br;q=nonsense').get('br'), 0);
  });
});

function get(base, urlPath, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res) {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(res.raw);
  if (enc === 'gzip') return zlib.gunzipSync(res.raw);
  assert.equal(enc, undefined);
  return res.raw;
}

describe('demo server with precompressed files', () => {
  let fx;
  let server;
  let store;
  let base;
  const BROWSER = 'gzip, deflate, br, zstd';

  before(async () => {
    fx = makeDist();
    await precompress(fx.dist, { release: true, quiet: true });
    // The .gz of the JS is written at level 1, so the test can tell it from a gzip made on the fly.
    const js = path.join(fx.dist, 'app-1a2b.js');
    fs.writeFileSync(`${js}.gz`, zlib.gzipSync(fs.readFileSync(js), { level: 1 }));
    // The CSS has only its .gz, the manifest has none.
    fs.rmSync(path.join(fx.dist, 'style-9f.css.br'));
    fs.rmSync(path.join(fx.dist, 'manifest.webmanifest.br'));
    fs.rmSync(path.join(fx.dist, 'manifest.webmanifest.gz'));
    store = new Store(path.join(fx.root, 'store.jsonl'), { warn: () => {} });
    server = createDemoServer({ dist: fx.dist, data: path.join(fx.dist, 'data'), store, log: () => {} });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    store.close();
    fs.rmSync(fx.root, { recursive: true, force: true });
  });

  it('serves the .br to a browser, with the original type, Vary, length and its own ETag', async () => {
    const res = await get(base, '/app-1a2b_bg.wasm', { 'Accept-Encoding': BROWSER });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers['content-type'], 'application/wasm');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(Number(res.headers['content-length']), res.raw.length);
    assert.deepEqual(res.raw, fs.readFileSync(path.join(fx.dist, 'app-1a2b_bg.wasm.br')));
    assert.deepEqual(decode(res), WASM);
    assert.match(res.headers.etag, /^"[^"]+-br"$/);
  });

  it('gives each encoding a distinct ETag and revalidates each', async () => {
    const br = await get(base, '/app-1a2b.js', { 'Accept-Encoding': 'br' });
    const gz = await get(base, '/app-1a2b.js', { 'Accept-Encoding': 'gzip' });
    const id = await get(base, '/app-1a2b.js');
    const tags = [br, gz, id].map((r) => r.headers.etag);
    assert.equal(new Set(tags).size, 3, tags.join(' '));
    assert.doesNotMatch(id.headers.etag, /-(br|gz)"$/);
    for (const r of [br, gz, id]) assert.equal(decode(r).toString(), FILES['app-1a2b.js']);
    const again = await get(base, '/app-1a2b.js', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.raw.length, 0);
    assert.equal(again.headers.etag, br.headers.etag);
    assert.equal(again.headers.vary, 'Accept-Encoding');
  });

  it('serves the precompressed .gz when brotli is not accepted', async () => {
    const res = await get(base, '/app-1a2b.js', { 'Accept-Encoding': 'gzip, deflate' });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.match(res.headers['content-type'], /^text\/javascript/);
    assert.deepEqual(res.raw, fs.readFileSync(path.join(fx.dist, 'app-1a2b.js.gz')), 'the file from the build, not a new gzip');
    assert.match(res.headers.etag, /-gz"$/);
  });

  it('honours q=0 and q order', async () => {
    const cases = [
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0, br;q=0', undefined],
      ['br;q=0.5, gzip;q=0.8', 'gzip'],
      ['br;q=0.8, gzip;q=0.8', 'br'],
      ['*', 'br'],
      ['*;q=0', undefined],
      ['identity', undefined],
      ['x-gzip', 'gzip'],
    ];
    for (const [accept, expected] of cases) {
      const res = await get(base, '/data/vacancies.json', { 'Accept-Encoding': accept });
      assert.equal(res.status, 200, accept);
      assert.equal(res.headers['content-encoding'], expected, accept);
      assert.equal(res.headers.vary, 'Accept-Encoding', accept);
      assert.equal(decode(res).toString(), FILES['data/vacancies.json'], accept);
    }
  });

  it('serves the file itself without Accept-Encoding', async () => {
    const res = await get(base, '/app-1a2b_bg.wasm');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.headers['content-type'], 'application/wasm');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.deepEqual(res.raw, WASM);
    assert.equal(Number(res.headers['content-length']), WASM.length);
  });

  it('falls back when a precompressed file is missing', async () => {
    // Only .gz on disk: a brotli-only client gets the file, a browser the .gz.
    const brOnly = await get(base, '/style-9f.css', { 'Accept-Encoding': 'br' });
    assert.equal(brOnly.headers['content-encoding'], undefined);
    assert.equal(brOnly.raw.toString(), FILES['style-9f.css']);
    assert.equal(brOnly.headers.vary, 'Accept-Encoding');
    const browser = await get(base, '/style-9f.css', { 'Accept-Encoding': BROWSER });
    assert.equal(browser.headers['content-encoding'], 'gzip');
    assert.deepEqual(browser.raw, fs.readFileSync(path.join(fx.dist, 'style-9f.css.gz')));
    // Neither on disk: the gzip made on the fly, as before precompression.
    const none = await get(base, '/manifest.webmanifest', { 'Accept-Encoding': BROWSER });
    assert.equal(none.headers['content-encoding'], 'gzip');
    assert.match(none.headers['content-type'], /^application\/manifest\+json/);
    assert.equal(decode(none).toString(), FILES['manifest.webmanifest']);
    // Not a compressed type: as is, no Vary.
    const font = await get(base, '/font.woff2', { 'Accept-Encoding': BROWSER });
    assert.equal(font.headers['content-encoding'], undefined);
    assert.equal(font.headers.vary, undefined);
  });

  it('never serves a stale or broken variant', async () => {
    const file = path.join(fx.dist, 'data', 'vacancies-offers', '000.json');
    const brPath = `${file}.br`;
    const good = fs.readFileSync(brPath);
    const first = await get(base, '/data/vacancies-offers/000.json', { 'Accept-Encoding': 'br' });
    assert.equal(first.headers['content-encoding'], 'br');
    try {
      // An older build's .br: decodes, but to other content.
      fs.writeFileSync(brPath, zlib.brotliCompressSync(Buffer.from('{"items":[]}'.padEnd(1000))));
      let res = await get(base, '/data/vacancies-offers/000.json', { 'Accept-Encoding': 'br' });
      assert.equal(res.headers['content-encoding'], undefined);
      assert.equal(res.raw.toString(), FILES['data/vacancies-offers/000.json']);
      // Garbage.
      fs.writeFileSync(brPath, 'not brotli at all');
      res = await get(base, '/data/vacancies-offers/000.json', { 'Accept-Encoding': 'br, gzip' });
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(decode(res).toString(), FILES['data/vacancies-offers/000.json']);
    } finally {
      fs.writeFileSync(brPath, good);
    }
    const restored = await get(base, '/data/vacancies-offers/000.json', { 'Accept-Encoding': 'br' });
    assert.equal(restored.headers['content-encoding'], 'br');
  });

  it('does not follow a variant symlinked out of the served folder', async () => {
    const secret = path.join(fx.root, 'secret.txt');
    const link = path.join(fx.dist, 'icons', 'icon.svg.br');
    fs.rmSync(link);
    fs.symlinkSync(secret, link);
    const res = await get(base, '/icons/icon.svg', { 'Accept-Encoding': 'br' });
    assert.ok(!res.raw.toString().includes('TOP-SECRET'));
    assert.equal(res.headers['content-encoding'], undefined);
    assert.match(res.headers['content-type'], /^image\/svg\+xml/);
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    for (const accept of [BROWSER, 'gzip', '']) {
      const got = await get(base, '/app-1a2b_bg.wasm', { 'Accept-Encoding': accept });
      const head = await get(base, '/app-1a2b_bg.wasm', { 'Accept-Encoding': accept }, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.raw.length, 0);
      for (const h of ['content-encoding', 'content-type', 'content-length', 'etag', 'vary']) {
        assert.equal(head.headers[h], got.headers[h], `${h} (${accept})`);
      }
    }
  });

  it('answers a Range request with the whole representation, as before', async () => {
    const res = await get(base, '/app-1a2b_bg.wasm', { 'Accept-Encoding': BROWSER, Range: 'bytes=0-99' });
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers['content-length']), res.raw.length);
    assert.deepEqual(decode(res), WASM);
  });

  it('precompresses the SPA fallback and the feeds (with their CORS headers)', async () => {
    const route = await get(base, '/offerte/VAC-12', { 'Accept-Encoding': BROWSER });
    assert.equal(route.headers['content-encoding'], 'br');
    assert.match(route.headers['content-type'], /^text\/html/);
    assert.equal(decode(route).toString(), FILES['index.html']);
    const slix = await get(base, '/data/vacancies.slix', { 'Accept-Encoding': BROWSER });
    assert.equal(slix.headers['content-encoding'], 'br');
    assert.equal(slix.headers['access-control-allow-origin'], '*');
    assert.deepEqual(decode(slix), FILES['data/vacancies.slix']);
  });

  it('serves a small file as it is', async () => {
    const res = await get(base, '/small.js', { 'Accept-Encoding': BROWSER });
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.raw.toString(), FILES['small.js']);
  });
});
