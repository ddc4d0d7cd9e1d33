// Spreadsheet habits in the real app: paste that adds rows, a row pasted whole or not at all, a
// renamed code carried to the rows that use it, Excel and CSV out and back, NHS data in with its
// preview, and the printed report as Chromium lays it out on A4 landscape pages.
import { describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { loadSample } from '../../src/sample';
import { xlsxToWorkbook } from '../../src/io/xlsx';
import { serializeWorkbook } from '../../src/io/workbook-file';

const url = inject('baseUrl');
const chromium = useChromium({ acceptDownloads: true });
const sample = loadSample();
const dir = mkdtempSync(join(tmpdir(), 'headroom-excel-'));
const nhs = [resolve('../shared/data/nhs'), resolve('../../shared/data/nhs')].find((d) => existsSync(d));

/** The app, allowing for a busy machine on the first load. */
function open() {
  chromium.context.setDefaultNavigationTimeout(60_000);
  return openApp(chromium.context, url);
}

describe('paste like a spreadsheet', () => {
  it('adds rows for lines past the last one, says how many, and one Undo takes them all away', async () => {
    const page = await open();
    const app = new AppPage(page);
    await page.click('[data-layout="sheets"]');
    await app.sheet('places');
    const last = sample.places[sample.places.length - 1];
    const rows = [`${last.code}\t${last.name}\t${last.system}`, 'P901\tFirst pasted place\tQH8', 'P902\tSecond pasted place\tQH8', 'P903\tThird pasted place\tQH8'];
    await app.paste(last.code, 'code', rows.join('\n'));
    await expect.poll(() => app.gridMessage().textContent()).toContain('Paste: added 3 rows. One Undo (Ctrl+Z) takes the whole paste back.');
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id^="P90"]').count()).toBe(3);
    expect(await app.cellText('P902', 'name')).toBe('Second pasted place');
    expect(await app.cellText('P903', 'system')).toBe(`${loadSample().systems.find((s) => s.code === 'QH8')!.name} (QH8)`);
    await page.click('[data-action="undo"]');
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id^="P90"]').count()).toBe(0);
  });

  it('refuses a pasted new row whole when one of its cells is wrong, and adds the others', async () => {
    const page = await open();
    const app = new AppPage(page);
    await page.click('[data-layout="sheets"]');
    await app.sheet('places');
    const last = sample.places[sample.places.length - 1];
    await app.paste(last.code, 'code', [`${last.code}\t${last.name}\t${last.system}\t0.75%`, 'P1\tNew borough\tQH8\t1%', 'P2\tBad borough\tQH8\tfast'].join('\n'));
    await expect.poll(() => app.gridMessage().textContent()).toContain('Paste: added 1 row');
    const text = (await app.gridMessage().textContent()) ?? '';
    expect(text).toMatch(/pasted row \d+: Population growth a year: 'fast' is not a number/);
    expect(await page.locator('[data-sheet] .ag-row[row-id="P2"]').count()).toBe(0);
    expect(await app.cellText('P1', 'populationGrowth')).toBe('1%');
  });

  it('applies a pasted row that changes a code and its name together, whole', async () => {
    const page = await open();
    const app = new AppPage(page);
    await page.click('[data-layout="sheets"]');
    await app.sheet('practices');
    const p = sample.practices[0];
    await app.paste(p.code, 'code', `Z00001\tRenamed surgery`);
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id="Z00001"]').count()).toBe(1);
    expect(await app.cellText('Z00001', 'name')).toBe('Renamed surgery');
    // its staff rows still name the old code: the sheet offers to carry the new one to them
    await expect.poll(() => page.locator('[data-carry]').textContent()).toContain(`3 values elsewhere still name ${p.code}`);
    await page.click('[data-action="carry-rename"]');
    await expect.poll(() => app.gridMessage().textContent()).toContain(`3 references to ${p.code} now name Z00001`);
    await app.sheet('workforce');
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id="practice:Z00001:gp"]').count()).toBe(1);
    // a row whose new code is refused keeps its old code and its old name
    await app.sheet('practices');
    await app.paste('Z00001', 'code', `bad code!\tAnother name`);
    await expect.poll(() => app.gridMessage().textContent()).toContain('Paste refused.');
    expect(await app.cellText('Z00001', 'name')).toBe('Renamed surgery');
  });
});

describe('files out', () => {
  it('exports to Excel, and the file reads back to the workbook on screen', async () => {
    const page = await open();
    await page.click('[data-action="data-menu"]');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.click('[data-action="export-excel"]');
    const d = await download;
    expect(d.suggestedFilename()).toBe('mid-and-south-essex-illustrative.xlsx');
    const back = await xlsxToWorkbook(readFileSync((await d.path())!));
    expect(back.ok).toBe(true);
    if (back.ok) expect(serializeWorkbook(back.workbook)).toBe(serializeWorkbook(sample));
    await expect.poll(() => page.locator('[data-message="file"]').textContent()).toContain('Exported mid-and-south-essex-illustrative.xlsx');
  }, 180_000);

  it('downloads any sheet and the yearly table as CSV with the headers on screen', async () => {
    const page = await open();
    const app = new AppPage(page);
    await app.sheet('roles');
    const sheet = page.waitForEvent('download');
    await page.click('[data-sheet] [data-action="download-csv"]');
    const csv = readFileSync((await (await sheet).path())!, 'utf8');
    const [head, gp] = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(head).toBe('Id,Role,Group,Contacts a day,Safe contacts a day,Clinical days a year,Did not attend,Cost per WTE,Cost per appointment,Leaving a year,Leavers replaced,Replacement lag (weeks),Source');
    expect(gp.startsWith('gp,GP,gp,')).toBe(true);
    const years = page.waitForEvent('download');
    await page.click('[data-action="years-csv"]');
    const ycsv = readFileSync((await (await years).path())!, 'utf8').replace(/^\ufeff/, '');
    expect(ycsv.split('\r\n')[0]).toContain('Financial year,Demand a week,Capacity a week,Net gap a week');
    const shown = await app.years();
    const first = ycsv.split('\r\n')[1].split(',');
    expect(first[0]).toBe('2018/19');
    expect(Number(first[3])).toBe(shown['2018/19'].netGapPerWeek);
  });
});

describe('files in', () => {
  it('sends a published NHS CSV dropped on Open file to Import data, and refuses another CSV with what it accepts', async () => {
    const page = await open();
    const other = join(dir, 'appointments.csv');
    writeFileSync(other, 'MONTH,COUNT\n2025-01,5\n');
    await page.setInputFiles('[data-testid="file-input"]', other);
    await expect.poll(() => page.locator('[data-message="file"]').textContent()).toContain('appointments.csv was not opened. Open file opens Headroom workbooks (.headroom.json), backups (.zip) and Excel files exported from Headroom (.xlsx); Import data reads published NHS files');
    const list = join(dir, 'list.csv');
    writeFileSync(list, `CODE,SUB_ICB_LOCATION_CODE,NUMBER_OF_PATIENTS\n${sample.practices[0].code},99F,14000\n`);
    await page.setInputFiles('[data-testid="file-input"]', list);
    await page.waitForSelector('[data-dialog="import"] [data-import-file="registrations"]');
    expect(await page.locator('[data-stat="matched"]').textContent()).toBe('1');
  });

  it.skipIf(!nhs)('previews the published PCN workforce file with its role mapping, applies it as one edit, and Undo takes it back', async () => {
    const page = await open();
    const app = new AppPage(page);
    await page.click('[data-action="data-menu"]');
    await page.click('[data-action="import-data"]');
    await page.setInputFiles('[data-testid="import-input"]', `${nhs}/pcn-workforce-individual-2022-09.csv`);
    await page.waitForSelector('[data-role-mapping]', { timeout: 60_000 });
    const total = () => page.locator('[data-totals] tr:has-text("roles imported") td').allTextContents();
    const before = await total();
    expect(before[1]).toBe('199');
    // managers count as other ARRS roles: the preview follows
    await page.selectOption('[data-map="Managers"]', 'arrs-other');
    await expect.poll(total).not.toEqual(before);
    await page.selectOption('[data-map="Managers"]', '');
    await expect.poll(total).toEqual(before);
    await page.click('[data-action="apply-import"]');
    await expect.poll(() => page.locator('[data-message="file"]').textContent()).toContain('Imported pcn-workforce-individual-2022-09.csv');
    await app.sheet('workforce');
    await app.filter('paramedic');
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id^="pcn:"][row-id$=":paramedic"]').count()).toBeGreaterThan(5);
    await page.click('[data-action="undo"]');
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id^="pcn:"][row-id$=":paramedic"]').count()).toBe(0);
  }, 120_000);
});

describe('print report', () => {
  it('lays out the chosen scenario on A4 landscape pages with the headline, table, charts and assumptions', async () => {
    const page = await open();
    const app = new AppPage(page);
    await app.chooseScenario('worst-case');
    // the Print report button draws every chart, then asks the browser to print
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.click('[data-action="data-menu"]');
    await page.click('[data-action="print-report"]');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-print-head]').isVisible()).toBe(true);
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.locator('.pane.sheets').isVisible()).toBe(false);
    expect(await page.locator('[data-print-assumptions]').textContent()).toContain('Assumptions that differ from the base workbook · Worst case');
    expect(await page.locator('[data-print-assumptions] tbody tr').count()).toBe(sample.scenarios.find((s) => s.id === 'worst-case')!.overrides.length);
    // every chart was drawn for the page, including those never scrolled into view
    const blank = await page.$$eval('.card canvas', (cs) => cs.filter((c) => (c as HTMLCanvasElement).width === 0).length);
    expect(blank).toBe(0);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    // A4 landscape: 842 x 595 points on every page
    const boxes = pdf.toString('latin1').match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
    expect(boxes.length).toBe(pages);
    for (const b of boxes) expect(b).toMatch(/\[0 0 841\.9\d* 594\.9\d*\]/);
  }, 120_000);
});
