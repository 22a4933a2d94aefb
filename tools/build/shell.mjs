// Post-build step 1: the static shell's route titles. index.html's
// `#static-shell-heads` lists, in `data-keys`, each route's title and lead as
// locale keys (the same keys app.rs gives `lazy_page`); this step writes
// their texts in every language of locales/ into the element (Italian where a
// language lacks a key, as the app does). The shell's inline script reads it
// to show the route's own first lines, in the language the app will start in
// (the browser's, else Italian), before the wasm arrives. A key missing in
// Italian fails the build, so the shell cannot show a key.
import fs from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const HEADS = /(<script type="application\/json" id="static-shell-heads" data-keys='([^']*)'>)([^<]*)(<\/script>)/;

function fail(message) {
  throw new Error(`shell: ${message}`);
}

/** Every locale file of `lang` merged into one key -> text map. */
async function localeTexts(lang) {
  const dir = path.join(root, 'locales', lang);
  const texts = {};
  for (const file of (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    Object.assign(texts, JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')));
  }
  return texts;
}

/**
 * Route -> [title, lead(, section class)] texts for the route ->
 * [key, key(, class)] map `keys`.
 */
export function resolveHeads(keys, texts, fallback = {}) {
  const heads = {};
  for (const [route, pair] of Object.entries(keys)) {
    if (!Array.isArray(pair) || pair.length < 2 || pair.length > 3) fail(`${route}: expected [title key, lead key, optional section class]`);
    heads[route] = pair.slice(0, 2).map((key) => {
      const text = texts[key] ?? fallback[key];
      if (typeof text !== 'string') fail(`${route}: no Italian text for ${key} in locales/it`);
      return text;
    });
    if (pair[2]) heads[route].push(pair[2]);
  }
  return heads;
}

export async function writeShellHeads(staging) {
  const htmlPath = path.join(staging, 'index.html');
  const html = await fs.readFile(htmlPath, 'utf8');
  const m = HEADS.exec(html);
  if (!m) fail('index.html has no #static-shell-heads element with data-keys');
  let keys;
  try {
    keys = JSON.parse(m[2]);
  } catch (e) {
    fail(`data-keys of #static-shell-heads is not JSON: ${e.message}`);
  }
  const italian = await localeTexts('it');
  const byLang = { it: resolveHeads(keys, italian) };
  const langs = (await fs.readdir(path.join(root, 'locales'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const lang of langs.filter((l) => l !== 'it').sort()) byLang[lang] = resolveHeads(keys, await localeTexts(lang), italian);
  // "<" escaped: the text sits inside a <script> element.
  const json = JSON.stringify(byLang).replace(/</g, '\\u003c');
  await fs.writeFile(htmlPath, html.replace(HEADS, (_, open, _keys, _old, close) => open + json + close));
}
