// What closes the gap and how sure we are, in Chromium: a scenario edited in words (an intervention
// ticked, a cell's value changed for the scenario, a duplicate, a comparison), goal seek written
// in, and Monte Carlo on the page's workers giving the figures Node gives for the same seed.
import { describe, expect, inject, it } from 'vitest';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { LocalRunner, Projection, runMonteCarlo, seek } from '../../src/engine';
import { loadSample } from '../../src/sample';
import type { Workbook } from '../../src/model/schema';

const url = inject('baseUrl');
const chromium = useChromium();
const sample = loadSample();

function gapWith(edit: (wb: Workbook) => Workbook, scenario: string, fy = 0): number {
  return new Projection(edit(structuredClone(sample))).yearly(scenario)[fy].netGapPerWeek;
}

describe('a scenario in words', () => {
  it('ticks an intervention, overrides a cell from the sheet, duplicates and compares', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    // GP recruitment starts in 2019/20: read a year it reaches
    await page.selectOption('[data-control="fy"]', '2020/21');
    await page.click('[data-action="open-scenario"]');
    await expect.poll(() => page.inputValue('[data-field="scenario-name"]')).toBe('Do nothing');

    // tick "Recruit 120 GPs" on in Do nothing: the headline follows the engine with it switched on
    const withGps = (wb: Workbook) => ({ ...wb, scenarios: wb.scenarios.map((s) => (s.id === 'do-nothing' ? { ...s, interventions: ['recruit-gps'] } : s)) });
    const before = await app.headline('netGapPerWeek');
    await page.check('[data-intervention="recruit-gps"]');
    const fy0 = await page.inputValue('[data-control="fy"]');
    const fyIndex = new Projection(sample).yearly('do-nothing').findIndex((y) => y.fy === fy0);
    await expect.poll(() => app.headline('netGapPerWeek')).not.toBe(before);
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(gapWith(withGps, 'do-nothing', fyIndex), 6);

    // override GPs' leaving rate in this scenario from the Roles sheet, not by typing a path
    await app.sheet('roles');
    // the whole width for the sheet, so that the Leaving column is drawn
    await page.click('[data-layout="sheets"]');
    await app.cell('gp', 'leavingRate').click();
    await page.click('[data-action="cell-override"]');
    await page.selectOption('[data-field="override-scenario"]', 'do-nothing');
    await page.fill('[data-field="override-value"]', '12%');
    await page.click('[data-action="save-override"]');
    await expect.poll(() => app.gridMessage().textContent()).toContain('Do nothing now uses 12% for row “GP (gp)”, column “Leaving a year” (the workbook keeps 8%)');
    // the sheet keeps the base value, marked, and the scenario panel shows both
    expect(await app.cellText('gp', 'leavingRate')).toBe('8%');
    await expect.poll(() => app.cell('gp', 'leavingRate').getAttribute('class')).toContain('cell-override');
    await page.click('[data-layout="split"]');
    const row = page.locator('[data-override="roles[gp].leavingRate"]');
    await expect.poll(() => row.textContent()).toContain('8%');
    expect(await row.locator('.over').textContent()).toBe('12%');
    const withBoth = (wb: Workbook) => ({ ...withGps(wb), scenarios: withGps(wb).scenarios.map((s) => (s.id === 'do-nothing' ? { ...s, overrides: [{ path: 'roles[gp].leavingRate', value: 0.12 }] } : s)) });
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(gapWith(withBoth, 'do-nothing', fyIndex), 6);

    // duplicate: the copy is shown, with the same figures, and renamed in words
    await page.click('[data-action="duplicate-scenario"]');
    await expect.poll(() => page.inputValue('[data-field="scenario-name"]')).toBe('Copy of Do nothing');
    await expect.poll(() => page.locator('[data-control="scenario"] option').count()).toBe(sample.scenarios.length + 1);
    await page.fill('[data-field="scenario-name"]', 'More GPs, more leavers');
    await page.dispatchEvent('[data-field="scenario-name"]', 'change');
    await expect.poll(() => page.locator('[data-control="scenario"] option:checked').textContent()).toBe('More GPs, more leavers');
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(gapWith(withBoth, 'do-nothing', fyIndex), 6);

    // compare the copy with the worst case: every headline figure per year, differences beside
    await page.click('[data-action="open-compare"]');
    await page.waitForSelector('[data-compare-table]');
    // the copy ticked first (differences are from it), the others off (one always stays ticked), then the worst case
    await page.check('[data-compare="do-nothing-2"]');
    for (const id of await page.$$eval('[data-compare]:checked', (els) => els.map((e) => e.getAttribute('data-compare')!))) {
      if (id !== 'do-nothing-2') await page.uncheck(`[data-compare="${id}"]`);
    }
    await page.check('[data-compare="worst-case"]');
    const cell = (fy: string, scenario: string) => page.getAttribute(`[data-compare-table] tr[data-fy="${fy}"][data-figure="netGapPerWeek"] td[data-scenario="${scenario}"]`, 'data-value');
    await expect.poll(async () => Number(await cell('2020/21', 'worst-case'))).toBeCloseTo(new Projection(sample).yearly('worst-case')[2].netGapPerWeek, 6);
    expect(Number(await cell('2020/21', 'do-nothing-2'))).toBeCloseTo(gapWith(withBoth, 'do-nothing', 2), 6);
    const diff = await page.textContent('[data-compare-table] tr[data-fy="2020/21"][data-figure="netGapPerWeek"] td[data-scenario="worst-case"] .d');
    expect(diff?.startsWith('+')).toBe(true);
    expect(await page.locator('[data-chart="compare-gap"]').count()).toBe(1);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  }, 300_000);
});

describe('goal seek', () => {
  it('finds the GP recruits that close the 2023/24 gap in the Strategy, writes them in, and undo takes them out', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.chooseScenario('strategy');
    await page.selectOption('[data-control="fy"]', '2023/24');
    await page.click('[data-action="open-goal-seek"]');
    await page.selectOption('[data-field="lever"]', 'interventions[recruit-gps].effect.wtePerYear');
    await page.click('[data-action="seek"]');
    await page.waitForSelector('[data-seek-result]', { timeout: 120_000 });
    const node = await seek(sample, { scenario: 'strategy', lever: 'interventions[recruit-gps].effect.wtePerYear', target: 'netGapPerWeek<=0', fy: '2023/24' });
    // Chromium's and Node's V8 may round Math.pow differently in the last bit: the same answer to 9 digits
    expect(Number(await page.getAttribute('[data-seek-result]', 'data-value'))).toBeCloseTo(node.value, 6);
    await page.click('[data-action="seek-apply"]');
    await expect.poll(() => app.headline('netGapPerWeek')).toBeLessThanOrEqual(0);
    await page.click('[data-dialog="goal-seek"] >> text=Close');
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.headline('netGapPerWeek')).toBeCloseTo(new Projection(sample).yearly('strategy')[5].netGapPerWeek, 6);
  }, 300_000);
});

describe('Monte Carlo', () => {
  it('gives in the browser, on its workers, exactly what Node gives for the same seed; Stop keeps nothing', async () => {
    const page = await openApp(chromium.context, url);
    await page.click('[data-action="open-uncertainty"]');
    // a long run, stopped part way: no figures appear
    await page.fill('[data-field="runs"]', '5000');
    await page.dispatchEvent('[data-field="runs"]', 'change');
    await page.click('[data-action="mc-run"]');
    await page.waitForSelector('[data-mc-progress]');
    await page.click('[data-action="mc-stop"]');
    await page.waitForSelector('[data-mc-stopped]');
    expect(await page.locator('[data-mc-result]').count()).toBe(0);

    await page.fill('[data-field="runs"]', '30');
    await page.dispatchEvent('[data-field="runs"]', 'change');
    await page.fill('[data-field="seed"]', '77');
    await page.dispatchEvent('[data-field="seed"]', 'change');
    await page.click('[data-action="mc-run"]');
    await page.waitForSelector('[data-mc-result]', { timeout: 300_000 });
    await page.selectOption('[data-field="mc-fy"]', '2018/19');
    const node = await runMonteCarlo({ workbook: sample, scenario: 'do-nothing' }, [new LocalRunner()], { runs: 30, seed: 77 });
    expect(Number(await page.getAttribute('[data-gap-closed]', 'data-gap-closed'))).toBe(node.gapClosed[0]);
    const shown = await page.textContent('[data-mc-result]');
    const g = node.keys.indexOf('netGapPerWeek');
    expect(shown).toContain(`P50 ${Math.round(node.p50[g]).toLocaleString('en-GB')}`);
    expect(await page.locator('[data-chart="mc-fan"]').count()).toBe(1);
    expect(await page.locator('[data-chart="mc-tornado"]').count()).toBe(1);
  }, 600_000);

  it('says why, and keeps nothing, when its workers cannot start; the next run works', async () => {
    // no service worker: it would answer from its cache, past the refusal below
    const context = await chromium.reopen({ serviceWorkers: 'block' });
    const page = await openApp(context, url);
    // the workers' script is refused, as a proxy or a damaged copy of the app would refuse it
    await context.route(/mc\.worker-[^/]*\.js$/, (route) => route.abort());
    await new AppPage(page).startHowSure(30);
    await expect.poll(() => page.textContent('[data-panel="uncertainty"] [role="alert"]'), { timeout: 60_000 }).toContain('a Monte Carlo worker could not start');
    expect(await page.locator('[data-mc-result]').count()).toBe(0);
    expect(await page.isEnabled('[data-action="mc-run"]')).toBe(true);
    await context.unroute(/mc\.worker-[^/]*\.js$/);
    await page.click('[data-action="mc-run"]');
    await page.waitForSelector('[data-mc-result]', { timeout: 300_000 });
  }, 600_000);
});
