// Post-build step 2: the list of files the service worker keeps, made from
// the files this build produced, so a new chunk or style sheet cannot be
// forgotten. It is written into the staged sw.js (`const PRECACHE = [...]`)
// with a version: a new build changes sw.js, so the browser installs the new
// worker, which fetches the new files. Feeds (`/data/`) are not listed: the
// app keeps them in IndexedDB with their own validators. Nor are the
// manifest's screenshots (`/screenshots/`): only an install dialog shows them.
// Nor the Arabic font: only Arabic pages fetch it, and the worker keeps it then.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const SKIP = [/^data\//, /^screenshots\//, /^fonts\/noto-sans-arabic-/, /^sw\.js$/, /\.(br|gz)$/, /\.txt$/, /^index\.html$/];

async function walk(dir, base = dir) {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

export async function writePrecacheList(staging) {
  const files = (await walk(staging)).filter((f) => !SKIP.some((re) => re.test(f))).sort();
  const urls = ['/', ...files.map((f) => `/${f}`)];
  const hash = createHash('sha256');
  for (const f of ['index.html', ...files]) hash.update(f).update(await fs.readFile(path.join(staging, f)));
  const version = hash.digest('hex').slice(0, 16);

  const swPath = path.join(staging, 'sw.js');
  const sw = await fs.readFile(swPath, 'utf8');
  const marker = /^const PRECACHE = \[\];$/m;
  const versionMarker = /^const VERSION = 'dev';$/m;
  if (!marker.test(sw) || !versionMarker.test(sw)) {
    throw new Error('precache: sw.js lacks the `const PRECACHE = [];` and `const VERSION = \'dev\';` lines');
  }
  await fs.writeFile(swPath, sw
    .replace(marker, `const PRECACHE = ${JSON.stringify(urls)};`)
    .replace(versionMarker, `const VERSION = '${version}';`));
  process.stderr.write(`precache: ${urls.length} files, version ${version}\n`);
}
