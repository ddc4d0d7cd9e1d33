// Backups in real Chromium: every workbook in one zip, and back into a fresh browser.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { loadSample } from '../../src/sample';
import { zipSync, strToU8 } from 'fflate';
import { readBackup } from '../../src/io/backup-zip';
import { serializeWorkbook } from '../../src/io/workbook-file';

const url = inject('baseUrl');
// a shared machine: a first visit also stores the whole app for offline use, so allow time
const chromium = useChromium({ acceptDownloads: true });
beforeEach(() => chromium.context.setDefaultTimeout(60_000));

const names = (page: Page) => page.$$eval('[data-dialog="workbooks"] li .wname', (els) => els.map((e) => e.textContent ?? '').sort());

async function openWorkbook(page: Page, name: string): Promise<void> {
  if ((await page.textContent('[data-testid="workbook-name"]'))?.includes(name)) return;
  await page.click('[data-action="workbooks"]');
  await page.locator(`[data-dialog="workbooks"] li[data-workbook="${name}"] button:has-text("Open")`).click();
  await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain(name);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
}

describe('backups', { timeout: 240_000 }, () => {
  it('saves three workbooks to one zip, and a fresh browser opens all three from it', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const practice = loadSample().practices[1].code;
    // the sample, an edited copy and a blank workbook
    await page.click('[data-action="workbooks"]');
    await page.locator('[data-dialog="workbooks"] li button:has-text("Duplicate")').click();
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Copy of');
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await app.sheet('practices');
    await app.type(practice, 'registered', '23456');
    await app.waitSaved();
    const edited = await app.headline('netGapPerWeek');
    await page.click('[data-action="workbooks"]');
    await page.click('[data-action="new-blank"]');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('New workbook');

    await page.click('[data-action="workbooks"]');
    const listed = await names(page);
    expect(listed).toHaveLength(3);
    const panel = page.locator('[data-panel="backup"]');
    expect(await panel.locator('[data-action="save-all"]').textContent()).toContain('(3)');
    expect(await panel.locator('[data-storage-usage]').textContent()).toMatch(/\d+(\.\d)? (KB|MB) used/);
    expect(await panel.locator('[data-persisted]').getAttribute('data-persisted')).toMatch(/^(true|false)$/);
    const download = page.waitForEvent('download');
    await panel.locator('[data-action="save-all"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^headroom-backup-\d{4}-\d\d-\d\d\.zip$/);
    const zip = readFileSync((await file.path())!);
    await expect.poll(() => panel.locator('[data-message="backup"]').textContent()).toContain('Saved 3 workbooks');

    // what is in the zip: three workbook files, one per workbook
    const read = readBackup(new Uint8Array(zip));
    if ('error' in read) throw new Error(read.error);
    expect(read.refused).toEqual([]);
    expect(read.entries.map((e) => JSON.parse(e.text).name).sort()).toEqual(listed);

    // a new laptop: a fresh profile, the zip through Open file
    const fresh = await chromium.reopen({});
    const page2 = await openApp(fresh, url);
    await page2.setInputFiles('[data-testid="file-input"]', { name: file.suggestedFilename(), mimeType: 'application/zip', buffer: zip });
    await expect.poll(() => page2.textContent('[data-message="file"]'), { timeout: 20_000 }).toContain('Opened 3 workbooks');
    await page2.click('[data-action="workbooks"]');
    // the fresh browser's own sample, and the three from the backup as new workbooks
    expect(await names(page2)).toEqual([...listed, 'Mid and south Essex (illustrative)'].sort());
    await page2.keyboard.press('Escape');
    const copyName = listed.find((n) => n.startsWith('Copy of'))!;
    await openWorkbook(page2, copyName);
    const app2 = new AppPage(page2);
    expect(await app2.headline('netGapPerWeek')).toBe(edited);
    await app2.sheet('practices');
    expect(await app2.cellText(practice, 'registered')).toBe('23,456');
  });

  it('refuses one bad workbook in a backup by its name and opens the others', async () => {
    const good = { ...loadSample(), name: 'Brentwood' };
    // as an archive tool would make it, with a note beside the workbooks
    const zip = zipSync({
      'brentwood.headroom.json': strToU8(serializeWorkbook(good)),
      'broken.headroom.json': strToU8(JSON.stringify({ ...loadSample(), name: 'Broken', roles: 'none' })),
      'rochford.headroom.json': strToU8(serializeWorkbook({ ...good, name: 'Rochford' })),
      'notes.txt': strToU8('not a workbook'),
    });
    const page = await openApp(chromium.context, url);
    await page.setInputFiles('[data-testid="file-input"]', { name: 'team-backup.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    const message = page.locator('[data-message="file"]');
    await expect.poll(() => message.textContent(), { timeout: 20_000 }).toContain('Opened 2 workbooks from team-backup.zip');
    const text = (await message.textContent()) ?? '';
    expect(text).toContain('broken.headroom.json (roles');
    expect(text).toContain('notes.txt (not a workbook file');
    expect(await message.getAttribute('class')).toContain('error');
    await page.click('[data-action="workbooks"]');
    expect(await names(page)).toEqual(['Brentwood', 'Mid and south Essex (illustrative)', 'Rochford']);
  });

  it('refuses a file that is not a zip with a plain message, changing nothing', async () => {
    const page = await openApp(chromium.context, url);
    await page.setInputFiles('[data-testid="file-input"]', { name: 'old-backup.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 this is not really a zip') });
    await expect.poll(() => page.textContent('[data-message="file"]')).toContain('old-backup.zip was not opened: the file is not a readable zip');
    await page.click('[data-action="workbooks"]');
    expect(await names(page)).toEqual(['Mid and south Essex (illustrative)']);
  });
});
