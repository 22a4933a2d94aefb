// Sportello Lavoro service worker: keeps the app shell (the page, the wasm,
// its JS glue, styles, fonts, icons) so the app opens without a network.
// Data and submissions are not its business: the app keeps the feeds in
// IndexedDB with their own validators, and the outbox delivers submissions.
// No third party is contacted; only same-origin GETs are considered.
const CACHE = 'sportello-shell-v1';
// Trunk names the build's files by content hash: a cached one never goes stale.
const STATIC = /\.(?:js|wasm|css|woff2?|svg|png|ico|webmanifest)$/;
// A slow network must not hold the page: after this, the cached shell.
const NAVIGATION_TIMEOUT_MS = 4000;

// Same-origin paths of static files named in a page or a style sheet.
const REFERENCED = /["'(](\/[^"'()?#\s]+\.(?:js|wasm|css|woff2?|svg|png|ico))["')]/g;
const referenced = (text) => [...new Set([...text.matchAll(REFERENCED)].map((m) => m[1]))];

/** The shell and everything it names (styles, and the fonts they name). */
async function precache() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/', { cache: 'no-store' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put('/', page);
  const assets = referenced(html).filter((p) => !p.startsWith('/data/') && !p.startsWith('/api/'));
  const styles = assets.filter((p) => p.endsWith('.css'));
  for (const css of styles) {
    const response = await fetch(css);
    if (response.ok) assets.push(...referenced(await response.text()));
  }
  // One by one: a file that fails is fetched again on use, not a failed install.
  await Promise.all([...new Set(assets)].map((a) => cache.add(a).catch(() => {})));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

// Trunk's content-hashed file names (main-9e59b497fab5d34b.css).
const HASHED = /-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css)$/;

/** Keep a new shell, and drop the hashed files the new shell no longer names. */
async function putShell(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !type.startsWith('text/html')) return;
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  await cache.put('/', response);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (HASHED.test(path) && !html.includes(path)) await cache.delete(request);
  }
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
  if (!HASHED.test(new URL(request.url).pathname)) {
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
