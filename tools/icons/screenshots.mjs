// Takes the screenshots of the web app manifest (`screenshots` in
// public/manifest.webmanifest): the release build served by the demo server,
// in Debian Chromium, with the clock of the e2e tests so the offers shown are
// the same each time. The PNGs are committed; rerun after a visible change:
//   node tools/icons/screenshots.mjs [--dist dist] [--out public/screenshots]
// Each PNG is then written again in at most 256 colours (median cut, an
// indexed PNG), with node's zlib only: less than half the size, and no shade
// that shows is lost on these flat pages.
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { resolve, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer, ready, CHROMIUM_ARGS } from '../../tests/e2e/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: join(root, 'dist') },
    out: { type: 'string', default: join(root, 'public', 'screenshots') },
  },
});
const TODAY = new Date('2026-11-23T10:00:00Z');
const NARROW = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const WIDE = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
// [file, path, device, what shows that the page is there, what to scroll to the top (or none)]
const SHOTS = [
  ['home-narrow.png', '/', NARROW, '.tiles', null],
  // The search at the top (under its "Dati dimostrativi" tag), then the results.
  ['offerte-narrow.png', '/offerte?q=cuoco', NARROW, '.vac-item', 'section.vacancies .demo-tag, form.vac-search'],
  ['offerte-wide.png', '/offerte?q=cuoco', WIDE, '.vac-item', 'section.vacancies .demo-tag, form.vac-search'],
];

function pngSize(buf) {
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a); const pb = Math.abs(p - b); const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undo the row filters of 8-bit non-interlaced image data. */
function unfilter(data, width, height, bpp) {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0, i = 0; y < height; y++) {
    const type = data[i++];
    const row = y * stride;
    for (let x = 0; x < stride; x++, i++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[row - stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type];
      if (pred === undefined) throw new Error(`PNG filter type ${type}`);
      out[row + x] = (data[i] + pred) & 0xff;
    }
  }
  return out;
}

/**
 * Up to 256 colours for the image's colours (`counts`: colour -> pixels):
 * median cut, weighted by pixels. A screenshot of the app has a couple of
 * thousand colours, most of them shades of text on its background, so the
 * palette loses next to nothing that shows.
 */
function medianCut(counts, size = 256) {
  const colours = [...counts.entries()].map(([c, n]) => ({ rgb: [c >> 16, (c >> 8) & 0xff, c & 0xff], n }));
  const boxes = [colours];
  const spread = (box) => {
    let best = [0, 0];
    for (let ch = 0; ch < 3; ch++) {
      let lo = 255; let hi = 0;
      for (const { rgb } of box) { lo = Math.min(lo, rgb[ch]); hi = Math.max(hi, rgb[ch]); }
      if (hi - lo > best[0]) best = [hi - lo, ch];
    }
    return best;
  };
  while (boxes.length < size) {
    // The box whose colours are furthest apart, weighted by its pixels.
    let pick = -1; let score = 0;
    boxes.forEach((box, i) => {
      if (box.length < 2) return;
      const s = spread(box)[0] * Math.sqrt(box.reduce((t, c) => t + c.n, 0));
      if (s > score) { score = s; pick = i; }
    });
    if (pick < 0) break;
    const box = boxes[pick];
    const ch = spread(box)[1];
    box.sort((a, b) => a.rgb[ch] - b.rgb[ch]);
    const total = box.reduce((t, c) => t + c.n, 0);
    let acc = 0; let cut = 1;
    for (let i = 0; i < box.length - 1; i++) { acc += box[i].n; cut = i + 1; if (acc >= total / 2) break; }
    boxes.splice(pick, 1, box.slice(0, cut), box.slice(cut));
  }
  return boxes.map((box) => {
    const total = box.reduce((t, c) => t + c.n, 0);
    return [0, 1, 2].map((ch) => Math.round(box.reduce((t, c) => t + c.rgb[ch] * c.n, 0) / total));
  });
}

/**
 * The same image in at most 256 colours (an indexed PNG, zlib level 9): an
 * 8-bit RGB(A) opaque PNG as Chromium writes it. Anything else is kept as is.
 */
function recompress(png) {
  const width = png.readUInt32BE(16); const height = png.readUInt32BE(20);
  const depth = png[24]; const colour = png[25]; const interlace = png[28];
  if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) return png;
  const idat = [];
  for (let i = 8; i < png.length;) {
    const len = png.readUInt32BE(i);
    if (png.toString('latin1', i + 4, i + 8) === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const bpp = colour === 6 ? 4 : 3;
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, bpp);
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += bpp) {
    if (bpp === 4 && pixels[i + 3] !== 255) return png; // transparency: left alone
    const c = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const palette = counts.size <= 256 ? [...counts.keys()].map((c) => [c >> 16, (c >> 8) & 0xff, c & 0xff]) : medianCut(counts);
  const index = new Map();
  for (const c of counts.keys()) {
    const rgb = [c >> 16, (c >> 8) & 0xff, c & 0xff];
    let best = 0; let bestD = Infinity;
    palette.forEach((p, i) => {
      // Weighted as the eye sees differences (green most, blue least).
      const d = 2 * (p[0] - rgb[0]) ** 2 + 4 * (p[1] - rgb[1]) ** 2 + 3 * (p[2] - rgb[2]) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    });
    index.set(c, best);
  }
  // One filter-type byte (none: best for indexed images) and one index per pixel, per row.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0, i = 0, o = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++, i += bpp) raw[o++] = index.get((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 3; // 8-bit indexed colour; compression, filter, interlace 0
  const plte = Buffer.from(palette.flat());
  const data = deflateSync(raw, { level: 9, memLevel: 9 });
  const out = Buffer.concat([png.subarray(0, 8), chunk('IHDR', ihdr), chunk('PLTE', plte), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
  return out.length < png.length ? out : png;
}

const server = await startServer({ dist: resolve(opts.dist) });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  mkdirSync(opts.out, { recursive: true });
  for (const [file, path, device, selector, top] of SHOTS) {
    const context = await browser.newContext({ ...device, locale: 'it-IT', serviceWorkers: 'block', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.clock.setFixedTime(TODAY);
    await page.goto(server.url + path);
    await ready(page);
    await page.waitForSelector(selector, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    // Nothing still loading in the picture.
    await page.waitForFunction(() => !document.querySelector('.chunk-loading, [role="status"].loading'), null, { timeout: 15_000 });
    if (top) {
      await page.evaluate((sel) => {
        const y = document.querySelector(sel).getBoundingClientRect().top + window.scrollY - 16;
        window.scrollTo({ top: y, behavior: 'instant' });
      }, top);
    }
    const out = join(opts.out, file);
    const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    const small = recompress(png);
    writeFileSync(out, small);
    const { width, height } = pngSize(small);
    const want = [device.viewport.width * device.deviceScaleFactor, device.viewport.height * device.deviceScaleFactor];
    if (width !== want[0] || height !== want[1]) throw new Error(`${file}: ${width}x${height}, not ${want.join('x')} (the manifest's sizes)`);
    console.log(`${relative(root, out)}  ${width}x${height}  ${Math.round(png.length / 1024)} KB -> ${Math.round(statSync(out).size / 1024)} KB`);
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
}
