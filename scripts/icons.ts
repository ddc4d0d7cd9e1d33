// Draws the app's PNG icons (installed app, home screen, task bar) from the SVGs in public/icons,
// with the same Chromium the tests use. Run by `npm run icons` after changing an SVG; the PNGs
// are committed, so a build needs no browser.
import { readFileSync } from 'node:fs';
import { launch } from '../tests/e2e/browser';

const dir = 'public/icons';
const renders: [svg: string, size: number, png: string][] = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
  ['icon-maskable.svg', 180, 'apple-touch-icon-180.png'],
];
const browser = await launch();
try {
  for (const [svg, size, png] of renders) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(`${dir}/${svg}`, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${markup}`);
    await page.screenshot({ path: `${dir}/${png}`, omitBackground: true });
    await page.close();
  }
  console.log(`icons written to ${dir}/`);
} finally {
  await browser.close();
}
