// Post-build step 0: the locale dictionaries, out of the wasm. Each language's
// files in locales/<lang>/ are merged into one `locales/<lang>-<hash>.json`
// (the hash makes it immutable, like the wasm), and index.html gets
//   <meta name="sl-locales" content='{"it":"/locales/it-….json",…}'>
// that src/net/locales.rs reads, plus a preload of the Italian file, which
// the app always loads first (it is the fallback for every missing key).
// A key defined twice in one language, or a file that is not a flat map of
// strings, fails the build.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const META = /<meta name="sl-locales" content='\{\}'>/;

function fail(message) {
  throw new Error(`locales: ${message}`);
}

/** One language's files merged into a key -> text map, keys sorted. */
export async function mergeLanguage(dir) {
  const texts = {};
  for (const file of (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const map = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    if (map === null || typeof map !== 'object' || Array.isArray(map)) fail(`${dir}/${file} is not an object`);
    for (const [key, text] of Object.entries(map)) {
      if (typeof text !== 'string') fail(`${dir}/${file}: ${key} is not a string`);
      if (key in texts) fail(`${dir}/${file}: ${key} is defined twice`);
      texts[key] = text;
    }
  }
  return Object.fromEntries(Object.entries(texts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function writeLocales(staging) {
  const langs = (await fs.readdir(path.join(root, 'locales'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (!langs.includes('it')) fail('no Italian locale (locales/it)');
  const out = path.join(staging, 'locales');
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(out, { recursive: true });
  const urls = {};
  for (const lang of langs) {
    const text = JSON.stringify(await mergeLanguage(path.join(root, 'locales', lang)));
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const name = `${lang}-${hash}.json`;
    await fs.writeFile(path.join(out, name), text);
    urls[lang] = `/locales/${name}`;
  }
  const indexPath = path.join(staging, 'index.html');
  const html = await fs.readFile(indexPath, 'utf8');
  if (!META.test(html)) fail(`index.html lacks <meta name="sl-locales" content='{}'>`);
  const tags = `<meta name="sl-locales" content='${JSON.stringify(urls)}'>\n  `
    + `<link rel="preload" href="${urls.it}" as="fetch" type="application/json" crossorigin>`;
  await fs.writeFile(indexPath, html.replace(META, tags));
  process.stderr.write(`locales: ${langs.join(', ')}\n`);
}
