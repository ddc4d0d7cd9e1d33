// Edits a planner makes that touch more than one cell's value: deleting scenarios, changing what an
// action does, renaming, impossible dates, and what the results show while they wait.
import { describe, expect, inject, it } from 'vitest';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';

const url = inject('baseUrl');
const chromium = useChromium();

const sample = loadSample();
const node = new Projection(sample);
const gap = (scenario: string) => node.yearly(scenario)[0].netGapPerWeek;

describe('scenarios', () => {
  it('falls back to the first scenario when the one on screen is deleted, and keeps at least one', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await page.selectOption('[data-control="scenario"]', 'plan-for-patients');
    await expect.poll(() => page.locator('.years summary').textContent()).toContain('Plan for patients');
    await app.sheet('scenarios');
    await page.locator('.ag-row[row-id="plan-for-patients"] .ag-selection-checkbox input').check();
    await page.click('[data-action="delete-rows"]');
    await expect.poll(() => page.inputValue('[data-control="scenario"]')).toBe('do-nothing');
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(gap('do-nothing'), 6);

    await page.locator('.ag-header-row .ag-checkbox-input').first().check();
    await page.click('[data-action="delete-rows"]');
    await expect.poll(() => app.gridMessage().textContent()).toContain('a workbook needs at least one scenario');
    expect(await page.locator('[data-sheet] .ag-row[row-id]').count()).toBe(sample.scenarios.length - 1);
  });
});

describe('paste', () => {
  it('pastes what fits, says how many cells fell outside the sheet, and counts them apart from refusals', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await page.click('[data-layout="sheets"]'); // the whole width, so every column is on screen
    await app.sheet('places');
    const last = sample.places[sample.places.length - 1].code;
    // two columns from the last one: the second falls outside the sheet
    await app.paste(last, 'source', 'from a paste\tspare');
    await expect.poll(() => app.gridMessage().textContent()).toContain('Paste: 1 cell changed. 1 cell fell outside the sheet and was not pasted.');
    await app.paste(last, 'populationGrowth', 'fast\tx\tspare');
    await expect.poll(() => app.gridMessage().textContent()).toContain('Paste refused.');
    const text = (await app.gridMessage().textContent()) ?? '';
    const place = sample.places[sample.places.length - 1];
    expect(text).toContain(`row “${place.name} (${last})”, column “Population growth a year”: 'fast' is not a number`);
    expect(text).toContain('1 cell fell outside the sheet and was not pasted');
    expect(await app.cellText(last, 'source')).toBe('from a paste');
  });
});

describe('selection', () => {
  it('does not tick every row on Ctrl+A, but still selects the text of a cell being edited', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('practices');
    const code = sample.practices[0].code;
    await app.cell(code, 'name').click();
    await page.keyboard.press('Control+a');
    expect(await page.locator('[data-action="delete-rows"]').isDisabled()).toBe(true);
    await app.type(code, 'name', 'Renamed practice');
    await expect.poll(() => app.cellText(code, 'name')).toBe('Renamed practice');
  });
});

describe('actions', () => {
  it('changes what an action does from its Effect cell, and the results follow', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.chooseScenario('strategy');
    const before = await app.headline('netGapPerWeek');
    await page.click('[data-layout="sheets"]'); // the whole width, so every column is on screen
    await app.sheet('interventions');
    const id = 'extended-access';
    await app.paste(id, 'effect.kind', 'Demand reduction');
    await expect.poll(() => app.cellText(id, 'effect.kind')).toBe('Demand reduction');
    expect(await app.cellText(id, 'size')).toBe('0%');
    await app.type(id, 'size', '5');
    await expect.poll(() => app.cellText(id, 'size')).toBe('5%');
    const wb = structuredClone(sample);
    const iv = wb.interventions.find((i) => i.id === id)!;
    iv.effect = { kind: 'demandReduction', fraction: 0.05 };
    const expected = new Projection(wb).yearly('strategy')[0].netGapPerWeek;
    expect(expected).not.toBeCloseTo(before, 3);
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(expected, 6);
  });

  it('refuses a day that does not exist, and keeps the date that was there', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await page.click('[data-layout="sheets"]');
    await app.sheet('interventions');
    const id = 'winter-access';
    const was = await app.cellText(id, 'start');
    await app.type(id, 'start', '2019-02-30');
    await expect.poll(() => app.gridMessage().textContent()).toContain("'2019-02-30' is not a day of the calendar");
    expect(await app.cellText(id, 'start')).toBe(was);
  });
});

describe('names and paused results', () => {
  it('shows a renamed role in the results at once', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('roles');
    await app.type('nurse', 'name', 'Nurses (all bands)');
    await page.click('[data-chart="capacity-by-role"] button:has-text("Show table")');
    await expect.poll(() => page.locator('[data-chart="capacity-by-role"] thead th').allTextContents()).toContain('Nurses (all bands)');
  });

  it('while the workbook has a problem, keeps figures under the names they were computed for, greyed', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('needs');
    await app.type(sample.needs[0].id, 'share', '30');
    await page.waitForSelector('[data-stale]');
    await page.selectOption('[data-control="scenario"]', 'strategy');
    expect(await page.locator('.years summary').textContent()).toContain('Do nothing');
    expect(await app.headline('netGapPerWeek')).toBeCloseTo(gap('do-nothing'), 6);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-stale]').count()).toBe(0);
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(gap('strategy'), 6);
    expect(await page.locator('.years summary').textContent()).toContain('Strategy');
  });
});
