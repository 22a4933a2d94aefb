// Renders the app's PNG icons from public/icons/icon.svg, with the app's own
// Titillium Web (an SVG used as an image cannot load web fonts, and a PNG
// favicon costs the browser no SVG document at start). The PNGs are
// committed; rerun after changing the SVG:  node tools/icons/render.mjs
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const svg = readFileSync(`${root}/public/icons/icon.svg`, 'utf8');
const font = readFileSync(`${root}/public/fonts/titillium-web-latin-700-normal.woff2`).toString('base64');
const SIZES = [32, 180, 192, 512];
// Maskable icons (the PWA manifest): full bleed, the letters inside the
// central 80 % safe zone, so any mask shape keeps them whole.
const MASKABLE = [192, 512];
const maskable = svg.replace('rx="12"', 'rx="0"').replace('font-size="28"', 'font-size="22"').replace('y="42"', 'y="40"');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><style>
      @font-face { font-family: "Titillium Web"; font-weight: 700; src: url(data:font/woff2;base64,${font}); }
      html, body { margin: 0; background: transparent; } svg { display: block; width: ${size}px; height: ${size}px; }
    </style>${svg}`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${root}/public/icons/icon-${size}.png`, omitBackground: true });
    console.log(`public/icons/icon-${size}.png`);
  }
  for (const size of MASKABLE) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><style>
      @font-face { font-family: "Titillium Web"; font-weight: 700; src: url(data:font/woff2;base64,${font}); }
      html, body { margin: 0; } svg { display: block; width: ${size}px; height: ${size}px; }
    </style>${maskable}`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${root}/public/icons/icon-maskable-${size}.png` });
    console.log(`public/icons/icon-maskable-${size}.png`);
  }
} finally {
  await browser.close();
}
