// Accessibility in real Chromium: axe-core's WCAG 2.1 A and AA rules over every view, and the
// common tasks done with the keyboard alone.
import { describe, expect, inject, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { openApp, showLayout } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { SHEETS } from '../../src/ui/sheets/sheets';

const url = inject('baseUrl');
// axe is injected as a script; the app's Content-Security-Policy would refuse an injected script
const chromium = useChromium({ bypassCSP: true });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page, scope?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const found = (await page.evaluate(
    async (sel) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      const r = await axe.run(sel ? { include: [sel] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations;
    },
    scope ?? null,
  )) as Violation[];
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

describe('axe-core, WCAG 2.1 A and AA', () => {
  it('finds nothing on the overview, the workbook list, every sheet, and the results with a table shown', async () => {
    const page = await openApp(chromium.context, url, null);
    await page.waitForSelector('[data-overview-lead]');
    expect(await violations(page)).toEqual([]);

    await page.click('[data-action="workbooks"]');
    await page.waitForSelector('[data-dialog="workbooks"]');
    expect(await violations(page, '[data-dialog="workbooks"]')).toEqual([]);
    await page.keyboard.press('Escape');

    await showLayout(page, 'sheets');
    for (const s of SHEETS) {
      await page.click(`[data-tab="${s.id}"]`);
      await page.waitForSelector(`[data-sheet="${s.id}"] .ag-root`);
      expect(await violations(page), s.title).toEqual([]);
    }

    await showLayout(page, 'results');
    const card = page.locator('[data-chart="gap"]');
    await card.locator('button:has-text("Show table")').click();
    await card.locator('table').waitFor();
    expect(await violations(page)).toEqual([]);
  }, 240_000);

  it('finds nothing in any panel: scenarios, comparison, uncertainty, goal seek, the values of a cell, explanations, the bridge, Excel and data, the workshop', async () => {
    const page = await openApp(chromium.context, url, 'split');
    const check = async (what: string, scope?: string) => expect(await violations(page, scope), what).toEqual([]);

    await page.click('[data-action="open-scenario"]');
    await page.waitForSelector('[data-field="scenario-name"]');
    await check('Edit scenario');
    await page.click('[data-action="open-compare"]');
    await page.waitForSelector('[data-compare-table]');
    await check('Compare scenarios');
    await new AppPage(page).startHowSure(30);
    await page.waitForSelector('[data-mc-result]', { timeout: 120_000 });
    await check('How sure?, with a result');
    await page.click('[data-action="open-uncertainty"]');

    await page.click('[data-action="open-goal-seek"]');
    await page.waitForSelector('[data-dialog="goal-seek"][open]');
    await check('Goal seek', '[data-dialog="goal-seek"]');
    await page.click('[data-action="seek"]');
    await page.waitForSelector('[data-seek-result]', { timeout: 120_000 });
    await check('Goal seek, with its answer', '[data-dialog="goal-seek"]');
    await page.keyboard.press('Escape');

    // a cell's value in a scenario, and its range, from the sheet
    await page.click('[data-tab="roles"]');
    await page.locator('[data-sheet] .ag-row[row-id="gp"] .ag-cell[col-id="leavingRate"]').first().click();
    for (const mode of ['cell-override', 'cell-range']) {
      await page.click(`[data-action="${mode}"]`);
      await page.waitForSelector('dialog.cellv[open]');
      await check(mode, 'dialog.cellv');
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.cellv[open]', { state: 'detached' });
    }

    // an explanation of a headline figure, the bridge and the definitions
    await page.click('button.figure:has([data-metric="netGapPerWeek"])');
    await page.waitForSelector('[data-explain-terms]', { timeout: 30_000 });
    await check('explanation');
    await page.keyboard.press('Escape');
    await page.click('[data-bridge] summary');
    await page.waitForSelector('[data-bridge] [data-step="to"]', { timeout: 60_000 });
    await page.click('[data-glossary] summary');
    await check('bridge and definitions');

    await page.click('[data-action="data-menu"]');
    await page.waitForSelector('[data-action="import-data"]');
    await check('Excel and data menu');
    await page.click('[data-action="import-data"]');
    await page.waitForSelector('[data-dialog="import"][open]');
    await check('Import data', '[data-dialog="import"]');
    await page.keyboard.press('Escape');

    await page.click('[data-layout="workshop"]');
    await page.waitForSelector('[data-workshop]');
    await page.click('[data-action="choose-levers"]');
    await check('Workshop, choosing levers');
    await page.click('[data-action="shortcuts"]');
    await page.waitForSelector('dialog[data-shortcuts][open]');
    await check('Workshop shortcuts', 'dialog[data-shortcuts]');
  }, 300_000);

  it('has one h1, a skip link to the results, and Show table buttons named after their chart', async () => {
    // the skip link is the first thing Tab reaches on a page just opened, and goes to the figures
    const page = await openApp(chromium.context, url, null);
    await page.waitForSelector('[data-overview-lead]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results');

    await showLayout(page, 'split');
    expect(await page.locator('h1').count()).toBe(1);
    // every button on a chart says which chart it acts on (a screen reader hears its name alone)
    const names = await page.$$eval('[data-chart] header button', (els) => els.map((e) => e.textContent?.replace(/\s+/g, ' ').trim()));
    const titles = await page.$$eval('[data-chart] h3', (els) => els.map((e) => e.textContent?.trim()));
    expect(names).toEqual(titles.flatMap((t) => [`Show table: ${t}`, `PNG: ${t}`, `CSV: ${t}`]));
    // beside the sheets the skip link goes to the results panel
    await page.focus('.skip');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-panel');
  });
});

describe('the keyboard alone', () => {
  it('goes to the sheets, edits a WTE, leaves the grid with Tab and reads the new figure', async () => {
    const page = await openApp(chromium.context, url, null);
    await page.waitForSelector('[data-overview-lead]');
    const before = Number(await page.getAttribute('[data-overview-lead] [data-metric="netGapPerWeek"]', 'data-value'));
    // from the overview's sheet list straight to the Workforce sheet
    await page.focus('[data-overview] [data-open-sheet="workforce"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-sheet="workforce"] .ag-row');
    // Tab from the tabs reaches the filter box; type a practice to find it
    await page.focus('[data-tab="workforce"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement)?.type)).toBe('search');
    await page.keyboard.type('F81001');
    // Tab on, past the row buttons, into the grid
    let inGrid = false;
    for (let i = 0; i < 8 && !inGrid; i++) {
      await page.keyboard.press('Tab');
      inGrid = await page.evaluate(() => !!document.activeElement?.closest('.ag-root'));
    }
    expect(inGrid).toBe(true);
    // arrows to the WTE of the first row, Enter to edit, type, Enter
    for (let i = 0; i < 8; i++) {
      const col = await page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? document.activeElement?.closest('.ag-header-cell')?.getAttribute('col-id'));
      if (col === 'wte') break;
      await page.keyboard.press('ArrowRight');
    }
    if (!(await page.evaluate(() => !!document.activeElement?.closest('.ag-row')))) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('wte');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    // Tab leaves the grid (arrows move inside it)
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.ag-root'))).toBe(false);
    // back to the overview with the keyboard: the figure has moved
    await page.focus('[data-layout="overview"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-overview-lead]');
    await expect.poll(async () => Number(await page.getAttribute('[data-overview-lead] [data-metric="netGapPerWeek"]', 'data-value'))).toBeLessThan(before);
  });
});
