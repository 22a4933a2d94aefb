// A fault layer between the app and the demo CPI API (issue 17): an HTTP
// proxy that forwards everything, and, while faults are on, hits the
// submission POSTs with the failures a CPI backend and a mobile network
// produce. Each fault is drawn from a PRNG with a fixed seed, so a run can
// be repeated. See docs/reliability.md.

import http from 'node:http';

/** mulberry32: a small, fast PRNG; the same seed gives the same run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The faults and their share of submission POSTs (the rest pass). "After"
 * faults reach the server first: the submission is stored, the app does
 * not learn it.
 */
export const DEFAULT_FAULTS = {
  drop_request: 0.08, // connection reset before the server sees it
  drop_answer: 0.08, // stored, then the connection is reset
  delay: 0.01, // held past the app's timeout (20 s), then stored
  duplicate: 0.08, // sent to the server twice
  status_500: 0.04,
  status_503: 0.04,
  status_429: 0.04,
  status_408: 0.04,
  status_503_after: 0.04, // stored, then answered 503
};

const SUBMISSION_POST = /^\/api\/v1\/(did|applications|avvisi\/applications|reviews|patto\/updates|messages|profiling)$/;

/**
 * Start the proxy in front of `target` (the demo server's URL).
 * @param {{target: string, seed?: number, faults?: Record<string, number>, delayMs?: number}} opts
 */
export async function startFaultProxy({ target, seed = 17, faults = DEFAULT_FAULTS, delayMs = 21_000 }) {
  const random = prng(seed);
  const upstream = new URL(target);
  // pass: passed while faults were on; after: sent once they were off.
  const counts = Object.fromEntries([...Object.keys(faults), 'pass', 'after'].map((k) => [k, 0]));
  let on = false;
  const open = new Set();

  const pick = () => {
    let r = random();
    for (const [name, share] of Object.entries(faults)) {
      if (r < share) return name;
      r -= share;
    }
    return 'pass';
  };

  /** Send the request on to the server; resolves with its whole answer. */
  const forward = (req, body) =>
    new Promise((resolve, reject) => {
      // The Host stays the proxy's: the server's same-origin check compares it with Origin.
      const headers = { ...req.headers };
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  // A HEAD answer keeps the length the server gave.
  const reply = (res, answer) => {
    if (res.destroyed) return;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    if (answer.body.length > 0 || !headers['content-length']) headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const problem = (res, status) => {
    const body = Buffer.from(JSON.stringify({ title: 'Fault', status, detail: '' }));
    const headers = { 'content-type': 'application/problem+json', 'content-length': String(body.length) };
    if (status === 503 || status === 429) headers['retry-after'] = '1';
    res.writeHead(status, headers);
    res.end(body);
  };

  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0];
    const submission = req.method === 'POST' && SUBMISSION_POST.test(path);
    const fault = on && submission ? pick() : 'pass';
    if (submission) counts[on ? fault : 'after'] += 1;
    try {
      switch (fault) {
        case 'drop_request':
          return req.socket.destroy();
        case 'drop_answer':
          await forward(req, body);
          return req.socket.destroy();
        case 'delay':
          await new Promise((r) => setTimeout(r, delayMs));
          return reply(res, await forward(req, body));
        case 'duplicate': {
          const [first] = await Promise.all([forward(req, body), forward(req, body)]);
          return reply(res, first);
        }
        case 'status_503_after':
          await forward(req, body);
          return problem(res, 503);
        case 'pass':
          return reply(res, await forward(req, body));
        default:
          return problem(res, Number(fault.slice('status_'.length)));
      }
    } catch {
      // The server went away under us: a reset, as a network would do.
      req.socket.destroy();
    }
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    /** Faults on (true) or off; while off every request passes. */
    faults: (value) => {
      on = value;
    },
    /** How many submission POSTs met each fault (and how many passed). */
    counts: () => ({ ...counts }),
    stop: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
