// Explaining figures, the bridge and the definitions, in real Chromium against the built app: the
// terms come from the engine worker and must add up to the figure on screen.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';

const url = inject('baseUrl');
const chromium = useChromium();

/** The figure and its terms as the panel shows them (full precision, from data attributes). */
async function panel(page: Page) {
  await page.waitForSelector('[data-explain-terms]', { timeout: 30_000 });
  const value = Number(await page.getAttribute('[data-explain-value]', 'data-explain-value'));
  const terms = (await page.$$eval('[data-term-value]', (els) => els.map((e) => Number(e.getAttribute('data-term-value'))))) as number[];
  return { value, terms, key: await page.getAttribute('[data-explain]', 'data-explain') };
}

const addsUp = (p: { value: number; terms: number[] }) => Math.abs(p.terms.reduce((a, b) => a + b, 0) - p.value) / Math.max(1, Math.abs(p.value));

describe('explaining a figure', () => {
  it('opens from a headline with terms that add up to it, and a link opens the sheet at the row', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const shown = await app.headline('netGapPerWeek');
    await page.click('button.figure:has([data-metric="netGapPerWeek"])');
    const p = await panel(page);
    expect(p.key).toBe('netGapPerWeek');
    expect(p.value).toBe(shown);
    expect(addsUp(p)).toBeLessThanOrEqual(1e-9);
    expect(p.terms.length).toBeGreaterThan(6);
    // the GPs' contacts a day, on the roles sheet, in the GP row
    await page.click('[data-explain] [data-input-path="roles[gp].contactsPerDay"] >> nth=0');
    await page.waitForSelector('[data-sheet="roles"] .ag-root');
    await expect.poll(() => page.$eval('[data-sheet="roles"] .ag-cell-focus', (el) => el.closest('[row-id]')?.getAttribute('row-id') ?? ''), { timeout: 10_000 }).toBe('gp');
  });

  it('opens from a cell of the yearly table and from a point of a chart table', async () => {
    const page = await openApp(chromium.context, url);
    const node = new Projection(loadSample());
    await page.click('[data-years] tr[data-fy="2020/21"] td[data-metric="gpWte"] button');
    const y = await panel(page);
    expect(y.key).toBe('gpWte');
    expect(y.value).toBe(node.yearly('do-nothing').find((r) => r.fy === '2020/21')!.gpWte);
    expect(addsUp(y)).toBeLessThanOrEqual(1e-9);
    // the demand and capacity chart's table: the demand of week 40 (Monday 7 January 2019)
    const card = page.locator('figure', { has: page.locator('text=Demand against capacity') }).first();
    await card.locator('button:has-text("Show table")').click();
    await card.locator('tbody tr').nth(40).locator('td button').first().click();
    await expect.poll(() => page.textContent('[data-explain] .where')).toContain('7 Jan 2019');
    const w = await panel(page);
    expect(w.key).toBe('demandPerWeek');
    const T = node.meta().layout.T;
    expect(w.value).toBe(node.series('do-nothing', { level: 'total', code: '' })[node.meta().layout.base.demand * T + 40]);
    expect(addsUp(w)).toBeLessThanOrEqual(1e-9);
  });
});

describe('what each action buys', () => {
  it('draws a bar for each intervention, adding up from the gap with none to the scenario’s', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.chooseScenario('strategy');
    await page.selectOption('[data-control="fy"]', '2022/23');
    await page.click('[data-bridge] summary');
    await page.waitForSelector('[data-bridge] [data-step="to"]', { timeout: 60_000 });
    const values = (await page.$$eval('[data-bridge] [data-step]', (els) => els.map((e) => [e.getAttribute('data-step'), Number(e.getAttribute('data-value'))]))) as [string, number][];
    const from = values[0][1];
    const to = values[values.length - 1][1];
    const steps = values.filter(([k]) => k === 'step').map(([, v]) => v);
    expect(steps).toHaveLength(14);
    expect(Math.abs(from + steps.reduce((a, b) => a + b, 0) - to)).toBeLessThanOrEqual(1e-9 * Math.abs(from));
    expect(to).toBe(await app.headline('netGapPerWeek'));
    expect(await page.textContent('[data-bridge] .method')).toContain('in order of start date');
  });
});

describe('what every number means', () => {
  it('says what each headline is and what its colour means, with no internal names', async () => {
    const page = await openApp(chromium.context, url);
    // GPs see 35.6 contacts a day in 2018/19 against a safe 25: red, and it says so
    const contacts = page.locator('button.figure:has([data-metric="gpContactsPerGpDay"])');
    expect(await contacts.getAttribute('data-tone')).toBe('bad');
    expect(await contacts.textContent()).toContain('Above the safe 25 a day');
    expect(await contacts.getAttribute('title')).toContain('GP appointments delivered');
    const heads = await page.$$eval('[data-years] thead th', (els) => els.map((e) => `${e.textContent} ${e.getAttribute('title') ?? ''}`).join(' '));
    expect(heads).not.toMatch(/PerWeek|GBP|Per100k|gpWte/);
    const visible = await page.textContent('.pane.results');
    expect(visible).not.toMatch(/demandPerWeek|netGapPerWeek|gpContactsPerGpDay/);
    await page.click('[data-glossary] summary');
    const glossary = await page.textContent('[data-glossary]');
    for (const term of ['WTE', 'ARRS', 'PCN', 'DNA', 'Carr-Hill weighting', 'CPCS', 'Care navigation', 'Safe caseload']) expect(glossary).toContain(term);
    expect(glossary).toContain('Net gap: demand less capacity');
  });
});
