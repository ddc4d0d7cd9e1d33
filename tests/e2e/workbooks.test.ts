// Workbooks, rows, levels and layout in real Chromium.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFile, openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';

const url = inject('baseUrl');
const chromium = useChromium();

const names = (page: Page) => page.$$eval('[data-dialog="workbooks"] li .wname', (els) => els.map((e) => e.textContent));

describe('workbook list', () => {
  it('creates blank, renames, duplicates, and deletes only after confirmation', async () => {
    const page = await openApp(chromium.context, url);
    await page.click('[data-action="workbooks"]');
    await page.click('[data-action="new-blank"]');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('New workbook');
    await page.click('[data-action="workbooks"]');
    expect((await names(page)).sort()).toEqual(['Mid and south Essex (illustrative)', 'New workbook']);

    const blank = page.locator('[data-dialog="workbooks"] li[data-workbook="New workbook"]');
    await blank.locator('button:has-text("Rename")').click();
    await blank.locator('input').fill('Basildon workshop');
    await blank.locator('button:has-text("Save name")').click();
    await expect.poll(() => names(page)).toContain('Basildon workshop');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Basildon workshop');

    await page.locator('[data-dialog="workbooks"] li[data-workbook="Basildon workshop"] button:has-text("Duplicate")').click();
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Copy of Basildon workshop');
    await page.click('[data-action="workbooks"]');
    await expect.poll(() => names(page)).toHaveLength(3);

    const copy = page.locator('[data-dialog="workbooks"] li[data-workbook="Copy of Basildon workshop"]');
    await copy.locator('button:has-text("Delete")').click();
    // nothing is deleted until the user confirms
    await page.locator('[role="alertdialog"] button:has-text("Keep it")').click();
    expect(await names(page)).toHaveLength(3);
    await copy.locator('button:has-text("Delete")').click();
    await page.click('[data-action="confirm-delete"]');
    await expect.poll(() => names(page)).toHaveLength(2);
    expect(await names(page)).not.toContain('Copy of Basildon workshop');

    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await page.click('[data-action="workbooks"]');
    expect((await names(page)).sort()).toEqual(['Basildon workshop', 'Mid and south Essex (illustrative)']);
  });

  it('opens a file dropped on the window as a new workbook, and refuses a bad one the same way', async () => {
    const page = await openApp(chromium.context, url);
    const drop = (name: string, text: string) => dropFile(page, name, text);
    const wb = { ...loadSample(), name: 'Thurrock drop-in' };
    await drop('thurrock.headroom.json', JSON.stringify(wb));
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('Opened thurrock.headroom.json as a new workbook');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Thurrock drop-in');
    await drop('broken.headroom.json', JSON.stringify({ ...wb, scenarios: 'none' }));
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('broken.headroom.json was not opened');
    expect(await page.textContent('[data-message="file"]')).toContain('scenarios');
    expect(await page.textContent('[data-testid="workbook-name"]')).toContain('Thurrock drop-in');
    await page.click('[data-action="workbooks"]');
    expect((await names(page)).sort()).toEqual(['Mid and south Essex (illustrative)', 'Thurrock drop-in']);
  });
});

describe('rows', () => {
  it('adds a workforce row and deletes it again, with undo bringing it back', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('workforce');
    const before = await page.locator('[data-sheet] .ag-row[row-id]').count();
    await page.click('[data-action="add-row"]');
    await expect.poll(() => app.gridMessage().textContent()).toContain('Added a row to');
    const sample = loadSample();
    const first = sample.practices[0].code;
    const taken = new Set(sample.workforce.filter((w) => w.level === 'practice' && w.code === first).map((w) => w.role));
    const role = sample.roles.find((r) => !taken.has(r.id))!.id;
    const id = `practice:${first}:${role}`;
    await app.filter(first);
    await page.waitForSelector(`.ag-row[row-id="${id}"]`);
    await app.type(id, 'wte', '2.5');
    await expect.poll(() => app.cellText(id, 'wte')).toBe('2.50');
    await page.locator(`.ag-row[row-id="${id}"] .ag-selection-checkbox input`).check();
    await page.click('[data-action="delete-rows"]');
    await page.waitForSelector(`.ag-row[row-id="${id}"]`, { state: 'detached' });
    await page.keyboard.press('Control+z');
    await page.waitForSelector(`.ag-row[row-id="${id}"]`);
    expect(await app.cellText(id, 'wte')).toBe('2.50');
    await app.filter('');
    expect(await page.locator('[data-sheet] .ag-row[row-id]').count()).toBeGreaterThanOrEqual(Math.min(before, 10));
  });
});

describe('results', () => {
  it('reads a PCN and a practice, and every chart shows its numbers as a table', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const sample = loadSample();
    const pcn = sample.pcns[0].code;
    await page.selectOption('[data-control="level"]', 'pcn');
    await page.selectOption('[data-control="entity"]', pcn);
    const node = new Projection(sample);
    const expected = node.yearly('do-nothing', { level: 'pcn', code: pcn })[0].netGapPerWeek;
    await expect.poll(async () => Math.abs((await app.headline('netGapPerWeek')) - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)));

    const practice = sample.practices.find((p) => p.pcn === pcn)!.code;
    await page.selectOption('[data-control="level"]', 'practice');
    await page.selectOption('[data-control="entity"]', practice);
    const expectedPractice = node.yearly('do-nothing', { level: 'practice', code: practice })[0].demandPerWeek;
    await expect.poll(async () => Number(await page.getAttribute('[data-years] tr[data-fy="2018/19"] [data-metric="demandPerWeek"]', 'data-value'))).toBeCloseTo(expectedPractice, 6);

    const charts = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')));
    expect(charts).toEqual(['gap', 'capacity-by-role', 'gap-by-pcn', 'gp-contacts', 'gp-workforce', 'workforce-by-role', 'cost-funding', 'scenarios']);
    for (const id of charts) {
      await page.click(`[data-chart="${id}"] button:has-text("Show table")`);
      expect(await page.locator(`[data-chart="${id}"] table tbody tr`).count()).toBeGreaterThan(0);
    }
    const scenarioTable = page.locator('[data-chart="scenarios"] table');
    expect(await scenarioTable.locator('thead th').allTextContents()).toEqual(['Financial year', ...sample.scenarios.map((s) => s.name)]);
  });

  it('keeps every top-bar button on screen on a 1024-pixel projector, with the save state still told', async () => {
    const page = await openApp(await chromium.reopen({ viewport: { width: 1024, height: 768 } }), url);
    // the buttons on the bar itself (not those inside a closed menu)
    const right = await page.$$eval('header.bar button', (els) => els.filter((e) => e.checkVisibility()).map((e) => [e.textContent?.trim(), e.getBoundingClientRect().right, e.getBoundingClientRect().top] as const));
    for (const [label, r, top] of right) {
      expect(r, `${label} is cut off`).toBeLessThanOrEqual(1024);
      expect(top, `${label} wrapped to a second line`).toBeLessThan(20);
    }
    expect(await page.getAttribute('[data-status]', 'title')).toBe('Saved in this browser');
    expect(await page.textContent('[data-status]')).toContain('Saved in this browser');
  });

  it('gives the whole window to the results for a room, and back', async () => {
    const page = await openApp(chromium.context, url);
    await page.click('[data-layout="results"]');
    expect(await page.locator('.pane.sheets').isHidden()).toBe(true);
    const wide = await page.locator('.pane.results').boundingBox();
    expect(wide!.width).toBeGreaterThan(1500);
    await page.click('[data-layout="split"]');
    expect(await page.locator('.pane.sheets').isVisible()).toBe(true);
  });
});
