// Screenshots of the offline and single-file views at the four screen sizes planners use: the
// backup and storage panel, the "new version ready" prompt (a real update: the service worker
// file changes on the server while the page is open) and the single-file edition opened from a
// disk. Called from scripts/screenshots.ts once dist/ is built.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { openApp } from '../tests/e2e/browser';
import { serveStatic } from '../tests/e2e/static-server';
import { SINGLE_FILE_NAME, SINGLE_OUT_DIR } from './vite/single';
import { SIZES } from './screen-sizes';


/** `dist` is a built hosted edition; the single-file edition is built into `singleDir`. */
export async function offlineScreenshots(browser: Browser, out: string, dist = 'dist', singleDir = SINGLE_OUT_DIR): Promise<void> {
  await build({ mode: 'single', logLevel: 'warn', build: { outDir: singleDir, emptyOutDir: true } });
  const site = mkdtempSync(join(tmpdir(), 'headroom-shots-'));
  cpSync(dist, site, { recursive: true });
  const sw = readFileSync(join(site, 'sw.js'), 'utf8');
  const server = await serveStatic(site, '/headroom/');
  try {
    for (const [width, height] of SIZES) {
      const size = `${width}x${height}`;
      const context = await browser.newContext({ viewport: { width, height } });
      context.setDefaultTimeout(60_000);
      const page = await openApp(context, server.url);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.reload();
      await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });

      // a second workbook, so the list and the backup count show more than the sample
      await page.click('[data-action="workbooks"]');
      await page.locator('[data-dialog="workbooks"] li button:has-text("Duplicate")').first().click();
      await page.waitForSelector('.app[data-ready="true"]');
      await page.waitForSelector('[data-status="saved"]');
      await page.click('[data-action="workbooks"]');
      await page.waitForSelector('[data-storage-usage]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/backup-panel-${size}.png` });
      await page.keyboard.press('Escape');

      // a new version on the server: the service worker file changes
      writeFileSync(join(site, 'sw.js'), `${sw}\n// next version, ${size}\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      await page.waitForSelector('[data-notice="update"]', { timeout: 90_000 });
      await page.screenshot({ path: `${out}/update-prompt-${size}.png` });
      await context.close();

      const single = await browser.newContext({ viewport: { width, height } });
      single.setDefaultTimeout(60_000);
      const file = await single.newPage();
      await file.goto(pathToFileURL(resolve(singleDir, SINGLE_FILE_NAME)).href);
      await file.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
      await file.waitForTimeout(800);
      await file.screenshot({ path: `${out}/single-file-${size}.png` });
      await single.close();
    }
  } finally {
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}
