// Workshop mode in Chromium with both windows: the facilitator's page and the audience popup.
import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { WorkshopPage } from './workshop-page';
import { Projection } from '../../src/engine';
import { parseWorkbookText } from '../../src/io/workbook-file';
import { toReport } from '../../src/io/report';
import type { Workbook } from '../../src/model/schema';
import { LOG_SHEET, SNAPSHOT_SHEET_KEYS, SNAPSHOTS_SHEET } from '../../src/io/workshop-sheets';

const url = inject('baseUrl');
const int = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(v);
const chromium = useChromium({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });

/** Save to file, read back the way `npm run calc` reads a file. */
async function savedWorkbook(page: Page): Promise<{ text: string; workbook: Workbook }> {
  const download = page.waitForEvent('download');
  await page.click('[data-action="save-file"]');
  const text = readFileSync((await (await download).path())!, 'utf8');
  const parsed = parseWorkbookText(text);
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  return { text, workbook: parsed.workbook };
}

/** The facilitator's results have caught up with the last edit. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.busy')?.textContent === '');
}

/** The net gap once the engine is idle and the figure has stopped moving (a lever's last move may still be on its way). */
async function steadyGap(page: Page, app: AppPage): Promise<number> {
  let last = NaN;
  for (let i = 0; i < 40; i++) {
    await settled(page);
    const v = await app.headline('netGapPerWeek');
    if (v === last) return v;
    last = v;
    await page.waitForTimeout(250);
  }
  return last;
}

function expectSame(actual: number, expected: number) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

const GPS = 'interventions[recruit-gps].effect.wtePerYear';

describe('workshop mode', { timeout: 150_000 }, () => {
  it('moving a lever changes the audience figures to the ones npm run calc gives for the saved workbook', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const ws = new WorkshopPage(page);
    await ws.open();
    await ws.addLever(GPS);
    await app.chooseScenario('strategy');
    await page.selectOption('[data-control="fy"]', '2022/23');
    const audience = await ws.present(chromium.context);
    await audience.waitFor('netGapPerWeek', await app.headline('netGapPerWeek'));
    expect(await audience.fy()).toBe('2022/23');
    const before = await audience.figure('netGapPerWeek');

    // drag the slider to its far end: one undoable move however many frames it recomputed in
    const id = (await page.getAttribute('[data-lever-input]', 'data-lever-input'))!;
    const lever = ws.lever(id);
    const box = (await lever.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.33, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.33 + i * 0.07), box.y + box.height / 2);
    await page.mouse.up();
    await settled(page);
    const moved = await app.headline('netGapPerWeek');
    expect(moved).toBeLessThan(before);
    await audience.waitFor('netGapPerWeek', moved);

    const { workbook } = await savedWorkbook(page);
    expect(workbook.interventions.find((i) => i.id === 'recruit-gps')!.effect).toEqual({ kind: 'recruitment', role: 'gp', wtePerYear: 120 });
    const report = toReport(workbook.name, 'strategy', new Projection(workbook).yearly('strategy'));
    const year = report.years.find((y) => y.fy === '2022/23')!;
    // the app recomputed only what the lever touched, Node computes it all: the same sums in
    // another order, so equal to the last few bits (as the workspace tests compare them)
    expectSame(await audience.figure('netGapPerWeek'), year.netGapPerWeek!);
    expectSame(await audience.figure('gpContactsPerGpDay'), year.gpContactsPerGpDay!);
    expectSame(await app.headline('netGapPerWeek'), await audience.figure('netGapPerWeek'));

    // the whole drag is one undo step, and the audience follows it back
    await page.click('[data-action="undo"]');
    await audience.waitFor('netGapPerWeek', before);
    expect(await ws.leverValue(id)).toBe(40);

    // keyboard: 1 focuses the first lever, + moves it a step, each press its own log line
    await page.keyboard.press('1');
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '42');
    await settled(page);
    await audience.waitFor('netGapPerWeek', await app.headline('netGapPerWeek'));
    const log = await page.$$eval('[data-session-log] li .label', (els) => els.map((e) => e.textContent));
    expect(log.slice(0, 4)).toEqual([
      'Recruit 120 GPs (WTE) over three years: WTE recruited a year: 42',
      'Recruit 120 GPs (WTE) over three years: WTE recruited a year: 41',
      'Undo: Recruit 120 GPs (WTE) over three years: WTE recruited a year: 120',
      'Recruit 120 GPs (WTE) over three years: WTE recruited a year: 120',
    ]);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });

  it('stores a lever’s moves while it is still being dragged', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const ws = new WorkshopPage(page);
    await ws.open();
    await ws.addLever(GPS);
    await app.waitSaved();
    const gps = (wb: Workbook) => (wb.interventions.find((i) => i.id === 'recruit-gps')!.effect as { wtePerYear: number }).wtePerYear;
    expect(gps(await app.stored())).toBe(40);

    // a facilitator moves the lever back and forth for a second and a half, never letting go:
    // a new value every few frames, so the 80 ms pause autosave waits for never comes
    const id = (await page.getAttribute('[data-lever-input]', 'data-lever-input'))!;
    const box = (await ws.lever(id).boundingBox())!;
    const at = (share: number) => page.mouse.move(box.x + box.width * share, box.y + box.height / 2);
    await at(0.3);
    await page.mouse.down();
    const end = Date.now() + 1500;
    for (let i = 0; Date.now() < end; i++) {
      await at(i % 2 ? 0.3 : 0.7);
      await page.waitForTimeout(25);
    }
    // still held: what was dragged so far is in the store already
    expect(gps(await app.stored())).not.toBe(40);
    await page.mouse.up();
    await app.waitSaved();
    expect(gps(await app.stored())).toBe(await ws.leverValue(id));
  });

  it('keeps a pinned snapshot through a reload and a save-and-open, and brings it back', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const ws = new WorkshopPage(page);
    await ws.open();
    await ws.addLever(GPS);
    await app.chooseScenario('strategy');
    await page.selectOption('[data-control="fy"]', '2022/23');
    await settled(page);
    const gapStart = await app.headline('netGapPerWeek');
    await ws.pin("Room's start");
    const id = (await page.getAttribute('[data-lever-input]', 'data-lever-input'))!;
    await ws.lever(id).focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '60');
    const gapA = await steadyGap(page, app);
    expect(gapA).toBeLessThan(gapStart);
    await ws.pin("Room's plan A");
    await app.waitSaved();

    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]');
    await ws.open();
    expect(await ws.snapshotNames()).toEqual(["Room's start", "Room's plan A"]);
    expect(await ws.leverValue(id)).toBe(60);

    // [ and ] bring back the snapshots in turn; "Back to the start" undoes the session at once
    await page.keyboard.press(']');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '40');
    await settled(page);
    await page.selectOption('[data-control="fy"]', '2022/23');
    await page.waitForFunction((v) => Number(document.querySelector('[data-headline] [data-metric="netGapPerWeek"]')?.getAttribute('data-value')) === v, gapStart);
    await page.keyboard.press(']');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '60');
    expect(await steadyGap(page, app)).toBe(gapA);
    await page.click('[data-action="back-to-start"]');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '40');
    await page.click('[data-action="undo"]');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '60');

    // the comparison puts the two side by side with the difference
    const cell = (id: string) => `[data-compare-table] td[data-compare="${id}"][data-metric="netGapPerWeek"]`;
    expect(await page.$$eval('[data-compare-table] td[data-metric="netGapPerWeek"]', (els) => els.map((e) => e.getAttribute('data-compare')))).toEqual(['room-s-start', 'room-s-plan-a', 'now']);
    expect(Number(await page.getAttribute(cell('room-s-start'), 'data-value'))).toBe(gapStart);
    expect(Number(await page.getAttribute(cell('room-s-plan-a'), 'data-value'))).toBe(gapA);
    await page.waitForFunction(([now, a]) => document.querySelector(now)?.getAttribute('data-value') === document.querySelector(a)?.getAttribute('data-value'), [cell('now'), cell('room-s-plan-a')] as const);
    expect(await page.textContent(cell('room-s-plan-a'))).toContain(`−${int(gapStart - gapA)}`);

    // save to file, open the file as a new workbook: the snapshots came with it
    const { text, workbook } = await savedWorkbook(page);
    expect(workbook.workshop!.snapshots.map((s) => s.name)).toEqual(["Room's start", "Room's plan A"]);

    // the Excel export carries them too, for the facilitator to send the room: the figures as
    // pinned and plan A's change from the start, and the session log
    await page.click('[data-action="data-menu"]');
    const excel = page.waitForEvent('download', { timeout: 120_000 });
    await page.click('[data-action="export-excel"]');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await (await excel).path())!) as unknown as ArrayBuffer);
    const snaps = book.getWorksheet(SNAPSHOTS_SHEET)!;
    const gapCol = 5 + 2 * SNAPSHOT_SHEET_KEYS.indexOf('netGapPerWeek');
    const rowFor = (name: string) => snaps.getRows(3, snaps.rowCount - 2)!.find((r) => r.getCell(1).value === name && r.getCell(4).value === '2022/23')!;
    expect(rowFor("Room's start").getCell(gapCol).value).toBe(gapStart);
    expect(rowFor("Room's plan A").getCell(gapCol).value).toBe(gapA);
    expect(rowFor("Room's plan A").getCell(gapCol + 1).value).toBe(gapA - gapStart);
    expect(book.getWorksheet(LOG_SHEET)!.rowCount).toBe(2 + workbook.workshop!.log.length);
    await page.setInputFiles('[data-testid="file-input"]', { name: 'room.headroom.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    // the export's message is still up, and the workbook on screen has the same two snapshots:
    // only this message says the file is open
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('Opened room.headroom.json as a new workbook');
    expect(await page.locator('[data-snapshot]').count()).toBe(2);
    expect(await ws.snapshotNames()).toEqual(["Room's start", "Room's plan A"]);

    // a snapshot becomes a scenario with its figures (the workbook is at plan A; the scenario is the start)
    await page.selectOption('[data-control="fy"]', '2022/23');
    await page.click('[data-snapshot="room-s-start"] [data-action="to-scenario"]');
    await page.waitForFunction(() => (document.querySelector('[data-control="scenario"]') as HTMLSelectElement).value === 'room-s-start');
    await settled(page);
    const pinned = workbook.workshop!.snapshots[0].figures.find((y) => y.fy === '2022/23')!;
    expect(pinned.netGapPerWeek).toBe(gapStart);
    await page.waitForFunction((v) => Number(document.querySelector('[data-headline] [data-metric="netGapPerWeek"]')?.getAttribute('data-value')) === v, pinned.netGapPerWeek);

    // the shortcut list is one key away
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page.waitForSelector('dialog[data-shortcuts][open]');
  });

  for (const [width, height] of [
    [1024, 768],
    [1280, 720],
  ] as const) {
    it(`shows the audience view at ${width}x${height} without overflow, in large type`, async () => {
      const context = await chromium.reopen({ viewport: { width, height } });
      const page = await openApp(context, url);
      const audience = await new WorkshopPage(page).present(context);
      await audience.page.setViewportSize({ width, height });
      await audience.page.waitForSelector('[data-chart="gp-contacts"] canvas');
      // Chart.js follows a resize on a later frame: wait for the charts to fit the new window
      await audience.page
        .waitForFunction(() => [...document.querySelectorAll('[data-audience] canvas')].every((c) => c.getBoundingClientRect().right <= innerWidth + 0.5 && c.getBoundingClientRect().bottom <= innerHeight + 0.5), undefined, { timeout: 5000 })
        .catch(() => undefined);
      const m = await audience.page.evaluate(() => {
        const d = document.documentElement;
        const outside = [...document.querySelectorAll('[data-audience] *')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;
        }).map((el) => `${el.tagName}.${el.className} ${JSON.stringify(el.getBoundingClientRect())}`);
        const inside = outside.length === 0;
        return { sw: d.scrollWidth, cw: d.clientWidth, sh: d.scrollHeight, ch: d.clientHeight, inside, outside, size: parseFloat(getComputedStyle(document.querySelector('[data-metric="netGapPerWeek"]')!).fontSize) };
      });
      expect(m.sw).toBeLessThanOrEqual(m.cw);
      expect(m.sh).toBeLessThanOrEqual(m.ch);
      expect(m.outside).toEqual([]);
      expect(m.inside).toBe(true);
      expect(m.size).toBeGreaterThanOrEqual(72);
    });
  }
});
