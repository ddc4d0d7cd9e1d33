// Screenshots of what the app says about stored workbooks it will not open as usual, at the four
// screen sizes planners use: a workbook made by a newer Headroom, open read-only with its banner,
// and a damaged one listed with what is wrong. Records are written into IndexedDB as a newer
// Headroom or a hand edit would leave them. Called from scripts/screenshots.ts once dist/ is built;
// runs alone too:  npx tsx scripts/screenshots-storage.ts [--no-build]
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, serveBuilt, showLayout } from '../tests/e2e/browser';
import { loadSample } from '../src/sample';
import { SIZES } from './screen-sizes';

async function put(page: Page, row: { id: string; name: string; data: unknown }): Promise<void> {
  await page.evaluate(
    (row) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('headroom');
        req.onsuccess = () => {
          const tx = req.result.transaction(['workbooks', 'settings'], 'readwrite');
          tx.objectStore('workbooks').put({ ...row, createdAt: Date.now(), updatedAt: Date.now() + 1000, revision: 1 });
          tx.objectStore('settings').put({ key: 'lastOpen', value: row.id });
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    row,
  );
}

export async function storageShots(browser: Browser, url: string, out: string): Promise<void> {
  for (const [width, height] of SIZES) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await openApp(context, url);
    await put(page, { id: 'future', name: 'PCN plan 2027 (from the newer Headroom)', data: { ...loadSample(), name: 'PCN plan 2027 (from the newer Headroom)', version: 3, meetingNotes: [] } });
    await page.reload();
    await page.waitForSelector('[data-notice="read-only"]');
    await page.waitForSelector('.app[data-ready="true"]');
    // beside the sheets, whose tools that would change the workbook are off
    await showLayout(page, 'split');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/storage-read-only-${width}x${height}.png` });
    const damaged = loadSample();
    (damaged.practices[0] as { registered: number }).registered = -250;
    await put(page, { id: 'damaged', name: 'Hand-edited copy', data: { ...damaged, name: 'Hand-edited copy' } });
    await page.reload();
    await page.waitForSelector('[data-trouble="damaged"]');
    await page.waitForSelector('[data-status="none"]');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/storage-damaged-${width}x${height}.png` });
    await context.close();
  }
}

if (process.argv[1]?.endsWith('screenshots-storage.ts')) {
  const server = await serveBuilt({ build: !process.argv.includes('--no-build') });
  const browser = await launch();
  try {
    await storageShots(browser, server.url, 'docs/screenshots');
  } finally {
    await browser.close();
    await server.close();
  }
}
