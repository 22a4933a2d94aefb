// Post-build step 0: the locale dictionaries, out of the wasm. Each language's
// files in locales/<lang>/ are merged into two dictionaries (the hash in the
// name makes them immutable, like the wasm):
//   `locales/<lang>-<hash>.json`: the start texts (common.json, errors.json),
//     all the app's frame, home page and outbox use (tests/i18n_usage.rs);
//   `locales/<lang>-pages-<hash>.json`: the features' texts, fetched with
//     the first feature page (components/lazy_page.rs).
// index.html gets
//   <meta name="sl-locales" content='{"it":["/locales/it-….json","/locales/it-pages-….json"],…}'>
// that src/net/locales.rs reads, plus a preload of the Italian start file,
// which the app always loads first (it is the fallback for every missing key).
// A key defined twice in one language, or a file that is not a flat map of
// texts (or CLDR plural forms), fails the build. In a right-to-left language,
// each run of Latin words and each placeholder inside a right-to-left text
// is wrapped in Unicode isolates (FSI … PDI), so "Centro per l'Impiego (CPI)"
// or a codice fiscale keeps its order and its punctuation stays in place.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const META = /<meta name="sl-locales" content='\{\}'>/;

function fail(message) {
  throw new Error(`locales: ${message}`);
}

const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The files of the start dictionary; every other file is in the pages one. */
export const START_FILES = ['common.json', 'errors.json'];

/** One language's files (`only`: those that pass) merged into a key -> text map, keys sorted. */
export async function mergeLanguage(dir, only = () => true) {
  const texts = {};
  for (const file of (await fs.readdir(dir)).filter((f) => f.endsWith('.json') && only(f)).sort()) {
    const map = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    if (map === null || typeof map !== 'object' || Array.isArray(map)) fail(`${dir}/${file} is not an object`);
    for (const [key, text] of Object.entries(map)) {
      // A text, or a message's CLDR plural forms ({"one": …, "other": …}).
      const plural = text !== null && typeof text === 'object' && !Array.isArray(text)
        && 'other' in text && Object.entries(text).every(([c, t]) => CATEGORIES.includes(c) && typeof t === 'string');
      if (typeof text !== 'string' && !plural) fail(`${dir}/${file}: ${key} is neither a text nor plural forms with "other"`);
      if (key in texts) fail(`${dir}/${file}: ${key} is defined twice`);
      texts[key] = text;
    }
  }
  return Object.fromEntries(Object.entries(texts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Languages written right to left (their texts get isolates). */
const RTL = ['ar'];
const FSI = '\u2068';
const PDI = '\u2069';
const LATIN_WORD = "[A-Za-z\\u00C0-\\u024F](?:[A-Za-z0-9\\u00C0-\\u024F'’./-]*[A-Za-z0-9\\u00C0-\\u024F])?";
// A placeholder, or Latin words joined by spaces, with the numbers among them
// ("D.Lgs. 150/2015"), ending on a letter or digit, so a full stop after
// them stays with the Arabic sentence.
const NUMBER = '[0-9](?:[0-9/.,-]*[0-9])?';
const LATIN_RUN = new RegExp(`\\{[a-z_]+\\}|${LATIN_WORD}(?:\\.? +(?:${LATIN_WORD}|${NUMBER}))*`, 'g');
const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** `text` with its Latin runs and placeholders isolated, if it is right-to-left text. */
export function isolateLatin(text) {
  if (!RTL_SCRIPT.test(text)) return text;
  return text.replace(LATIN_RUN, (run) => `${FSI}${run}${PDI}`);
}

function isolateAll(texts) {
  return Object.fromEntries(Object.entries(texts).map(([key, text]) => [
    key,
    typeof text === 'string' ? isolateLatin(text) : Object.fromEntries(Object.entries(text).map(([c, t]) => [c, isolateLatin(t)])),
  ]));
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
    const dir = path.join(root, 'locales', lang);
    const all = await mergeLanguage(dir);
    urls[lang] = [];
    for (const [tier, only] of [['', (f) => START_FILES.includes(f)], ['pages-', (f) => !START_FILES.includes(f)]]) {
      const merged = await mergeLanguage(dir, only);
      const text = JSON.stringify(RTL.includes(lang) ? isolateAll(merged) : merged);
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
      const name = `${lang}-${tier}${hash}.json`;
      await fs.writeFile(path.join(out, name), text);
      urls[lang].push(`/locales/${name}`);
    }
    if (Object.keys(all).length === 0) fail(`locales/${lang} has no texts`);
  }
  const indexPath = path.join(staging, 'index.html');
  const html = await fs.readFile(indexPath, 'utf8');
  if (!META.test(html)) fail(`index.html lacks <meta name="sl-locales" content='{}'>`);
  const tags = `<meta name="sl-locales" content='${JSON.stringify(urls)}'>\n  `
    + `<link rel="preload" href="${urls.it[0]}" as="fetch" type="application/json" crossorigin>`;
  await fs.writeFile(indexPath, html.replace(META, tags));
  process.stderr.write(`locales: ${langs.join(', ')}\n`);
}
