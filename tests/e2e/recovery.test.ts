// One emailed file could lock a planner out: a workbook whose one WTE was 1.7976931348623157e308
// froze the page while drawing, and every later start reopened it and froze again. These tests
// write such records straight into the browser's store (as a damaged disk, a newer Headroom or a
// hand edit would) and check the app always opens and says what is wrong.
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFile, openApp } from './browser';
import { useChromium } from './chromium';
import { loadSample } from '../../src/sample';

const chromium = useChromium();
const url = inject('baseUrl');
// these tests reload the app several times; a busy machine takes many seconds for each
beforeEach(() => chromium.context.setDefaultTimeout(60_000));

/** Puts a record into the app's IndexedDB and sets the settings given, as the page would. */
async function writeStore(page: Page, row: { id: string; name: string; data: unknown } | null, settings: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ([row, settings]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('headroom');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['workbooks', 'settings'], 'readwrite');
          if (row) tx.objectStore('workbooks').put({ ...row, createdAt: Date.now(), updatedAt: Date.now() + 1000, revision: 1 });
          for (const [key, value] of Object.entries(settings)) tx.objectStore('settings').put({ key, value });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [row, settings] as const,
  );
}

/** Reloads and waits until the page answers and shows either figures or the workbook list. */
async function restart(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('.app[data-ready="true"], [data-dialog="workbooks"][open]', { timeout: 60_000 });
}

describe('the app always opens', { timeout: 240_000 }, () => {
  it('does not open a stored workbook with a WTE of 1.7976931348623157e308: it lists it with what is wrong', async () => {
    const page = await openApp(chromium.context, url);
    const data = loadSample();
    (data.workforce[0] as { wte: number }).wte = 1.7976931348623157e308;
    await writeStore(page, { id: 'crafted', name: 'Emailed workbook', data }, { lastOpen: 'crafted' });
    await restart(page);
    const alert = page.locator('[data-trouble="damaged"]');
    await expect.poll(() => alert.textContent()).toContain('“Emailed workbook” is damaged and was not opened');
    const w = data.workforce[0];
    expect(await alert.textContent()).toContain(`Workforce sheet, row ${w.level} · ${w.code} · ${w.role}, column WTE: WTE must be from 0 to 5,000`);
    // the page answers, and the planner can reach the other workbooks
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await page.click('[data-workbook="Mid and south Essex (illustrative)"] button:has-text("Open")');
    await page.waitForSelector('.app[data-ready="true"]');
    expect(await page.textContent('[data-testid="workbook-name"]')).toContain('Mid and south Essex');
  });

  it('does not reopen a workbook that did not finish opening, and offers to open, save or delete it', async () => {
    const page = await openApp(chromium.context, url);
    const id = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.open('headroom');
          req.onsuccess = () => {
            const get = req.result.transaction('workbooks').objectStore('workbooks').getAllKeys();
            get.onsuccess = () => resolve(String(get.result[0]));
          };
        }),
    );
    // what a page that froze while drawing leaves behind: the note that it was opening
    await writeStore(page, null, { opening: id, lastOpen: id });
    await restart(page);
    const alert = page.locator('[data-trouble="stuck"]');
    await expect.poll(() => alert.textContent()).toContain('“Mid and south Essex (illustrative)” did not finish opening last time');
    expect(await page.locator('[data-no-workbook]').count()).toBe(1);
    // the save state says so, not "Opening…" for ever
    expect(await page.textContent('[data-status]')).toContain('No workbook open');
    const download = page.waitForEvent('download');
    await page.click('[data-action="save-stored"]');
    expect((await download).suggestedFilename()).toBe('mid-and-south-essex-illustrative.headroom.json');
    await page.click('[data-action="open-anyway"]');
    await page.waitForSelector('.app[data-ready="true"]');
    // once its figures are shown it opened: the next start opens it as usual
    await expect.poll(() => page.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('headroom');
      req.onsuccess = () => {
        const get = req.result.transaction('settings').objectStore('settings').get('opening');
        get.onsuccess = () => resolve(get.result?.value ?? null);
      };
    }))).toBeNull();
    await restart(page);
    await page.waitForSelector('.app[data-ready="true"]');
    expect(await page.locator('[data-trouble]').count()).toBe(0);
  });

  it('reopens a workbook the planner reloaded while it was still opening: a reload is not a freeze', async () => {
    // the service worker would serve the engine from its cache, out of the route's reach
    const context = await chromium.reopen({ serviceWorkers: 'block' });
    const page = await openApp(context, url);
    // the engine never arrives, so the workbook is still opening when the planner reloads
    await context.route(/engine\.worker-[^/]*\.js$/, () => undefined);
    await page.reload();
    await expect.poll(() => page.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('headroom');
      req.onsuccess = () => {
        const get = req.result.transaction('settings').objectStore('settings').get('opening');
        get.onsuccess = () => resolve(get.result?.value ?? null);
      };
    }))).not.toBeNull();
    expect(await page.getAttribute('.app', 'data-ready')).toBe('false');
    await context.unroute(/engine\.worker-[^/]*\.js$/);
    await restart(page);
    await page.waitForSelector('.app[data-ready="true"]');
    expect(await page.locator('[data-trouble]').count()).toBe(0);
    expect(await page.textContent('[data-testid="workbook-name"]')).toContain('Mid and south Essex');
  });

  it('does not open a workbook of a newer format it cannot show: it says to use the newer Headroom or save it to a file, and can delete it', async () => {
    const page = await openApp(chromium.context, url);
    // a newer format that changed a table this version knows (one it only added to opens read-only: storage.test.ts)
    await writeStore(page, { id: 'future', name: 'From next year', data: { ...loadSample(), version: 99, practices: { byCode: {} } } }, { lastOpen: 'future' });
    await restart(page);
    const alert = page.locator('[data-trouble="newer"]');
    await expect.poll(() => alert.textContent()).toContain('“From next year” was saved by a newer version of Headroom');
    expect(await alert.textContent()).toContain('format version 99');
    // never the sample silently in its place
    expect(await page.locator('[data-no-workbook]').count()).toBe(1);
    await page.click('[data-action="delete-stored"]');
    await page.click('[data-action="confirm-delete"]');
    await page.waitForSelector('.app[data-ready="true"]');
    expect(await page.locator('[data-workbook="From next year"]').count()).toBe(0);
  });

  it('refuses a dropped file with a huge WTE or nested a thousand deep, in one line naming the sheet', async () => {
    const page = await openApp(chromium.context, url);
    const drop = (name: string, text: string) => dropFile(page, name, text);
    const data = loadSample();
    (data.workforce[0] as { wte: number }).wte = 1.7976931348623157e308;
    await drop('huge.headroom.json', JSON.stringify(data));
    const msg = page.locator('[data-message="file"]');
    await expect.poll(() => msg.textContent()).toContain('huge.headroom.json was not opened: Workforce sheet');
    expect(await msg.textContent()).toContain('WTE must be from 0 to 5,000');
    await drop('deep.headroom.json', '['.repeat(5_000_000));
    await expect.poll(() => msg.textContent()).toContain('deep.headroom.json was not opened: the file nests lists or objects more than 32 deep');
    expect(((await msg.textContent()) ?? '').length).toBeLessThan(340);
    expect(await page.textContent('[data-testid="workbook-name"]')).toContain('Mid and south Essex');
  });
});
