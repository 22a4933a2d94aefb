// Sportello Lavoro service worker: keeps the app shell (the page, the wasm,
// its JS glue, styles, fonts, icons) so the app opens without a network.
// Data and submissions are not its business: the app keeps the feeds in
// IndexedDB with their own validators, and the outbox delivers submissions.
// No third party is contacted; only same-origin GETs are considered.
const CACHE = 'sportello-shell-v1';
// Written by the build (tools/build/precache.mjs): every file of the app
// shell and its route chunks, and a version that changes with any of them,
// so that a new build is a new worker. Feeds are not listed: the app keeps
// them in IndexedDB with their own validators.
const PRECACHE = [];
const VERSION = 'dev';
// Files whose name changes with their content never need fetching again.
// (Trunk's hashes are hex without leading zeros: up to 16 digits.)
const IMMUTABLE = /(?:-[0-9a-f]{8,16}(?:_bg)?\.(?:js|wasm|css|json)|\/split-[0-9a-f]{8,16}\/[^/]+)$/;
const STATIC = /\.(?:js|wasm|css|json|woff2?|svg|png|ico|webmanifest)$/;
// A slow network must not hold the page: after this, the cached shell.
const NAVIGATION_TIMEOUT_MS = 4000;

/** The shell and every file the build listed; files already kept are reused. */
async function precache() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/', { cache: 'no-store' });
  if (page.ok) await cache.put('/', page);
  // One by one: a file that fails is fetched again on use, not a failed install.
  await Promise.all(PRECACHE.filter((p) => p !== '/').map(async (path) => {
    if (IMMUTABLE.test(path) && (await cache.match(path))) return;
    const response = await fetch(path, { cache: 'no-cache' }).catch(() => null);
    if (response && response.ok) await cache.put(path, response);
  }));
}

// A new version installs and then waits: the page asks the person
// ("Aggiornamento disponibile") and only their choice lets it take over, so
// a form in progress is never reloaded under them. The first install has no
// one to wait for and takes control at once (`clients.claim` below).
self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

/** Drop other caches, and the files of earlier builds that this one does not list. */
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    if (PRECACHE.length > 0) {
      const keep = new Set(PRECACHE);
      const cache = await caches.open(CACHE);
      for (const request of await cache.keys()) {
        if (!keep.has(new URL(request.url).pathname)) await cache.delete(request);
      }
    }
    await self.clients.claim();
  })());
});

/** Keep a newer shell page for offline use. */
async function putShell(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !type.startsWith('text/html')) return;
  const cache = await caches.open(CACHE);
  await cache.put('/', response);
}

/** Network first for pages (every route is the same SPA shell), the cached shell when offline. */
async function navigate(request) {
  const network = fetch(request).then((response) => {
    putShell(response.clone()).catch(() => {});
    return response;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
  } catch (_) {
    // offline: fall through to the cache
  }
  const cached = await caches.match('/');
  return cached || network;
}

async function fetchAndStore(request) {
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

/**
 * Static files from the cache. A hashed one never changes; an unhashed one
 * (fonts, icons) is refreshed in the background for the next time.
 */
async function asset(event) {
  const request = event.request;
  const cached = await caches.match(request);
  if (!cached) return fetchAndStore(request);
  if (!IMMUTABLE.test(new URL(request.url).pathname)) {
    event.waitUntil(fetchAndStore(request).catch(() => {}));
  }
  return cached;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (STATIC.test(url.pathname) && !url.pathname.startsWith('/data/') && !url.pathname.startsWith('/api/')) {
    event.respondWith(asset(event));
  }
});
