// A workbook with many PCNs in real Chromium: the ranking chart draws its two ends with a plain note
// and its table lists every PCN; an edit redraws only the grid rows it changed and the figures,
// on screen first and then in every scenario, are those Node computes.
import { describe, expect, inject, it } from 'vitest';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { Projection } from '../../src/engine';
import { serializeWorkbook } from '../../src/io/workbook-file';
import { englandWorkbook } from '../../bench/england';
import { setAt } from '../../src/model/paths';
import { parseWorkbook } from '../../src/model/validate';
import type { Workbook } from '../../src/model/schema';

const url = inject('baseUrl');
const chromium = useChromium();
const int = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(v);

function large(): Workbook {
  const parsed = parseWorkbook(englandWorkbook({ systems: 3, pcns: 80, practices: 240, seed: 11 }));
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  return parsed.workbook;
}

async function openLarge(wb: Workbook): Promise<AppPage> {
  const page = await openApp(chromium.context, url);
  await page.setInputFiles('[data-testid="file-input"]', { name: 'eighty.headroom.json', mimeType: 'application/json', buffer: Buffer.from(serializeWorkbook(wb)) });
  await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('as a new workbook');
  await page.waitForSelector('[data-chart="gap-by-pcn"] [data-plot-note]', { timeout: 30_000 });
  return new AppPage(page);
}

describe('a workbook of many PCNs', () => {
  it('filters a table too long to build at once (over 2,000 rows) by what is typed in its filter', async () => {
    const parsed = parseWorkbook(englandWorkbook({ systems: 3, pcns: 80, practices: 700, seed: 12 }));
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    const wb = parsed.workbook;
    expect(wb.workforce.length).toBeGreaterThan(2000);
    const app = await openLarge(wb);
    const page = app.page;
    await app.sheet('workforce');
    await page.waitForSelector('[data-sheet] .ag-row[row-id]');
    const code = wb.practices[123].code;
    await app.filter(code);
    const ids = wb.workforce.filter((w) => w.code === code).map((w) => `${w.level}:${w.code}:${w.role}`);
    await expect.poll(() => page.$$eval('[data-sheet] .ag-row[row-id]', (rows) => [...new Set(rows.map((r) => r.getAttribute('row-id')))].sort())).toEqual(ids.sort());
    await app.filter('');
    await expect.poll(() => page.getAttribute('[data-sheet] [aria-rowcount]', 'aria-rowcount')).toBe(String(wb.workforce.length + 1));
  });

  it('draws the 15 largest and 15 smallest gaps, says how many are left out, and lists every PCN in the table', async () => {
    const wb = large();
    const app = await openLarge(wb);
    const page = app.page;
    const fy = await page.inputValue('[data-control="fy"]');
    const ranking = new Projection(wb).pcnYear(wb.scenarios[0].id, fy);
    expect(ranking).toHaveLength(80);
    expect(await page.textContent('[data-chart="gap-by-pcn"] [data-plot-note]')).toBe('The 15 largest gaps and the 15 smallest of 80 PCNs; the 50 between are left out of the chart. Show table lists every PCN.');
    // the canvas is sized for the 30 bars drawn, not 80
    const height = await page.$eval('[data-chart="gap-by-pcn"] .plot', (el) => el.getBoundingClientRect().height);
    expect(height).toBe(30 * 18 + 60);
    await page.click('[data-chart="gap-by-pcn"] button:has-text("Show table")');
    const rows = await page.$$eval('[data-chart="gap-by-pcn"] table tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]));
    expect(rows).toEqual(ranking.map((p) => [p.name, int(p.netGapPerWeek)]));
  });

  it('an edit in the grid shows its figures, then every scenario exactly as Node computes them', async () => {
    const wb = large();
    const app = await openLarge(wb);
    const page = app.page;
    const row = wb.workforce.find((w) => w.level === 'practice' && w.role === 'gp')!;
    const id = `practice:${row.code}:gp`;
    await app.sheet('workforce');
    await app.filter(row.code);
    const before = await app.headline('netGapPerWeek');
    await app.type(id, 'wte', String(row.wte + 7));
    await app.waitForHeadlineChange('netGapPerWeek', before);
    expect(await app.cellText(id, 'wte')).toBe((row.wte + 7).toFixed(2));
    const edited = setAt(wb, ['workforce', id, 'wte'], row.wte + 7);
    const node = new Projection(edited);
    expect(await app.headline('netGapPerWeek')).toBeCloseTo(node.yearly(wb.scenarios[0].id)[0].netGapPerWeek, 9);
    // the other scenarios follow: the comparison chart's table, once brought up to date
    await page.waitForSelector('[data-chart="scenarios"] .plot:not([aria-busy="true"])');
    await page.click('[data-chart="scenarios"] button:has-text("Show table")');
    const shown = await page.$$eval('[data-chart="scenarios"] table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())));
    const fys = node.yearly(wb.scenarios[0].id).map((y) => y.fy);
    expect(shown).toEqual(fys.map((_, f) => wb.scenarios.map((s) => int(node.yearly(s.id)[f].netGapPerWeek))));
    // the other rows of the filtered grid were left as they were, and a cleared filter shows them all
    await app.filter('');
    await expect.poll(() => page.locator('[data-sheet] .ag-row[row-id]').count()).toBeGreaterThan(10);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});
