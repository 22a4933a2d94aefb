// The locale build step (tools/build/locales.mjs): Latin runs and
// placeholders inside right-to-left texts are isolated (issue 16), and the
// built Arabic dictionaries carry them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolateLatin } from '../../tools/build/locales.mjs';

const dist = process.env.DIST_DIR || path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const I = (s) => `\u2068${s}\u2069`;

test('Latin words, numbers among them and placeholders are isolated in Arabic text', () => {
  assert.equal(isolateLatin("اتصل بـ Centro per l'Impiego."), `اتصل بـ ${I("Centro per l'Impiego")}.`);
  assert.equal(isolateLatin('صحيح (D.Lgs. 150/2015).'), `صحيح (${I('D.Lgs. 150/2015')}).`);
  assert.equal(isolateLatin('بعد {days} يومًا عبر SPID'), `بعد ${I('{days}')} يومًا عبر ${I('SPID')}`);
  // Arabic numbers and punctuation stay as they are.
  assert.equal(isolateLatin('يوم 12، ثم 13.'), 'يوم 12، ثم 13.');
});

test('a text with no right-to-left letters is left alone', () => {
  for (const t of ['Sportello Lavoro', 'datePosted', '{amount} €', "Centro per l'Impiego"]) assert.equal(isolateLatin(t), t);
});

test('the built Arabic texts carry the isolates, the others none', () => {
  const dir = path.join(dist, 'locales');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  const text = (prefix) => files.filter((f) => f.startsWith(prefix)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('');
  assert.ok(text('ar-').includes(I("Centro per l'Impiego")), 'Arabic: isolated');
  for (const lang of ['it-', 'en-', 'fr-', 'uk-']) assert.ok(!text(lang).includes('\u2068'), `${lang}: no isolates`);
});
