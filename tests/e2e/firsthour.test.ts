// A planner's first hour, in real Chromium: the overview, names beside codes, messages in the
// words on screen, British dates, the layout, adding rows, sources of edited values, opening the
// same file twice, choice cells with Enter, and cost against funding.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, showLayout } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { loadSample } from '../../src/sample';
import { financialYearOf } from '../../src/model/dates';
import { Projection } from '../../src/engine';
import { serializeWorkbook } from '../../src/io/workbook-file';

const url = inject('baseUrl');
const chromium = useChromium();
const sample = loadSample();
const node = new Projection(sample);

/** AG Grid reports a module it was not given on the console; every test fails on that. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('AG Grid')) errors.push(m.text());
  });
  return errors;
}

describe('the overview', () => {
  it('opens on the gap in the year that contains today and over time, with every sheet one click away', async () => {
    const page = await openApp(chromium.context, url, null);
    await page.waitForSelector('[data-overview-lead]');
    const labels = node.meta().fyLabels;
    const today = financialYearOf(new Date().toISOString().slice(0, 10));
    const fy = labels.includes(today) ? today : labels[0];
    expect(await page.inputValue('[data-control="overview-fy"]')).toBe(fy);
    const expected = node.yearly(sample.scenarios[0].id).find((y) => y.fy === fy)!;
    const shown = Number(await page.getAttribute('[data-overview-lead] [data-metric="netGapPerWeek"]', 'data-value'));
    expect(shown).toBeCloseTo(expected.netGapPerWeek, 6);
    expect(await page.textContent('[data-overview-lead]')).toContain(`appointments a week short in ${fy}`);
    // one bar per year, the chosen one marked; the table gives the same years
    expect(await page.locator('[data-bar]').count()).toBe(labels.length);
    await page.click('[data-overview] button:has-text("Show table")');
    expect(await page.locator('[data-overview-table] tbody tr').count()).toBe(labels.length);

    // another scenario: the figure follows
    await page.selectOption('[data-control="overview-scenario"]', 'strategy');
    const strategy = node.yearly('strategy').find((y) => y.fy === fy)!;
    await expect.poll(async () => Number(await page.getAttribute('[data-overview-lead] [data-metric="netGapPerWeek"]', 'data-value'))).toBeCloseTo(strategy.netGapPerWeek, 6);

    // a sheet in one click
    await page.click('[data-overview] [data-open-sheet="workforce"]');
    await page.waitForSelector('[data-sheet="workforce"] .ag-row');
    expect(await page.getAttribute('[data-tab="workforce"]', 'aria-selected')).toBe('true');
  });

  it('tells a blank workbook what to do first, and its steps open the sheets', async () => {
    const page = await openApp(chromium.context, url, null);
    await page.click('[data-action="workbooks"]');
    await page.click('[data-action="new-blank"]');
    await showLayout(page, 'overview');
    await page.waitForSelector('[data-start-here]');
    const text = (await page.textContent('[data-start-here]')) ?? '';
    expect(text).toContain('Set the first week of the plan');
    expect(text).toContain('paste them');
    await page.click('[data-start-here] [data-open-sheet="settings"]');
    await page.waitForSelector('[data-sheet="settings"] .ag-row');
  });

  it('keeps the first figure free of the grid and the charts (they load when first shown)', async () => {
    const context = chromium.context;
    const page = await context.newPage();
    // the moment the app's headline figure is first in the page (not the one the page carried on
    // this first visit), by the page's own clock
    await page.addInitScript(() => {
      const w = window as unknown as { leadAt?: number };
      new MutationObserver((_, obs) => {
        if (document.querySelector('#app [data-overview-lead] [data-metric]')) {
          w.leadAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    await page.waitForSelector('#app [data-overview-lead] [data-metric]');
    await showLayout(page, 'sheets');
    const { leadAt, scripts } = await page.evaluate(() => ({
      leadAt: (window as unknown as { leadAt: number }).leadAt,
      scripts: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime })),
    }));
    // the engine's helper (needed by large workbooks only) starts after the figure too
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.includes('part.worker'))?.startTime ?? null)).toBeGreaterThan(leadAt);
    const sheets = scripts.find((s) => s.name.includes('SheetsPanel'));
    const results = scripts.find((s) => s.name.includes('ResultsPanel'));
    // both load (in the background once the figure is up, or when first shown), never before it
    expect(sheets, 'the grid loads when the sheets are shown').toBeDefined();
    expect(sheets!.start).toBeGreaterThan(leadAt);
    if (results) expect(results.start).toBeGreaterThan(leadAt);
    // nor is either library inside the scripts that load before it (a static import would put it there)
    for (const script of scripts.filter((s) => s.start < leadAt && s.name.endsWith('.js'))) {
      const text = await (await page.request.get(script.name)).text();
      expect(text.includes('Canvas is already in use'), `Chart.js in ${script.name}`).toBe(false);
      expect(text.includes('AG Grid'), `AG Grid in ${script.name}`).toBe(false);
    }
  });
});

type Carried = { at: number; appStarted: boolean; value: string | null; lead: string; inert: boolean } | null;

/** Records the first view the page carried (scripts/vite/first-view.ts), if it is ever shown. */
async function watchFirstView(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { carried: Carried };
    w.carried = null;
    new MutationObserver((_, obs) => {
      const shown = document.getElementById('first-view');
      const figure = shown?.querySelector('[data-overview-lead] [data-metric]');
      if (!shown || !figure) return;
      w.carried = {
        at: performance.now(),
        // the app's modules have not yet run (src/main.ts marks it)
        appStarted: performance.getEntriesByName('headroom:main').length > 0,
        value: figure.getAttribute('data-value'),
        lead: shown.querySelector('[data-overview-lead]')!.textContent ?? '',
        inert: shown.hasAttribute('inert'),
      };
      obs.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
}

const carried = (page: Page) => page.evaluate(() => (window as unknown as { carried: Carried }).carried);

describe('a first visit', () => {
  it("shows the sample's figures from the page itself, and the app takes over with the same figures", async () => {
    const page = await chromium.context.newPage();
    await watchFirstView(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    const first = await carried(page);
    expect(first, 'the first view was shown').not.toBeNull();
    expect(first!.appStarted).toBe(false);
    expect(first!.inert).toBe(true);
    // gone, and the app in its place with the very same figure and words
    expect(await page.locator('#first-view').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-first-view'))).toBe(false);
    expect(await page.isVisible('#app [data-overview-lead]')).toBe(true);
    expect(await page.getAttribute('#app [data-overview-lead] [data-metric="netGapPerWeek"]', 'data-value')).toBe(first!.value);
    expect(await page.textContent('#app [data-overview-lead]')).toBe(first!.lead);
    const labels = node.meta().fyLabels;
    const today = financialYearOf(new Date().toISOString().slice(0, 10));
    const fy = labels.includes(today) ? today : labels[0];
    expect(Number(first!.value)).toBe(node.yearly(sample.scenarios[0].id).find((y) => y.fy === fy)!.netGapPerWeek);
    expect(errors).toEqual([]);
  });

  it('is a picture that cannot be used, and gives way to the start-up message when the app cannot load', async () => {
    const page = await chromium.context.newPage();
    // the app's own script never arrives
    await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
    await page.goto(url);
    await page.waitForSelector('#first-view [data-overview-lead] [data-metric]', { state: 'attached' });
    expect(await page.getAttribute('#first-view', 'inert')).toBe('');
    expect(await page.getAttribute('#first-view', 'aria-busy')).toBe('true');
    // nothing in it takes the focus
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // after 12 s the page says the app has not started, as it would have without the first view
    await page.waitForSelector('#first-view', { state: 'detached', timeout: 20_000 });
    await page.waitForSelector('#startup-message p[data-when="slow"]', { state: 'visible', timeout: 5_000 });
  });

  it('is never shown again once the browser keeps a workbook', async () => {
    const page = await openApp(chromium.context, url, null);
    await watchFirstView(page);
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    expect(await carried(page)).toBeNull();
    expect(await page.locator('#first-view').count()).toBe(0);
  });

  it('is not shown in a financial year other than the one it was drawn in', async () => {
    // a year on: "this year" on screen would differ, so the app draws its own
    const later = new Date();
    later.setUTCFullYear(later.getUTCFullYear() + 1);
    await chromium.context.clock.setFixedTime(later);
    const page = await chromium.context.newPage();
    await watchFirstView(page);
    await page.goto(url);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    expect(await carried(page)).toBeNull();
    expect(await page.isVisible('#app [data-overview-lead]')).toBe(true);
  });
});

describe('names beside codes', () => {
  it('shows practice name and PCN on the Workforce sheet, and finds rows by either', async () => {
    const page = await openApp(chromium.context, url);
    const errors = watchConsole(page);
    const app = new AppPage(page);
    await app.sheet('workforce');
    const practice = sample.practices.find((p) => /BRAINTREE/i.test(sample.pcns.find((n) => n.code === p.pcn)?.name ?? ''))!;
    const pcn = sample.pcns.find((n) => n.code === practice.pcn)!;
    await app.filter('Braintree');
    const rows = page.locator('[data-sheet] .ag-row[row-id]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const id = `practice:${practice.code}:gp`;
    expect(await app.cellText(id, 'heldByName')).toBe(practice.name);
    expect(await app.cellText(id, 'pcnName')).toBe(`${pcn.name} (${pcn.code})`);
    // every row the filter leaves belongs to Braintree
    const pcnCells = await page.$$eval('[data-sheet] .ag-cell[col-id="pcnName"]', (els) => els.map((e) => e.textContent ?? ''));
    expect(pcnCells.every((t) => /braintree/i.test(t))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('keeps who holds a workforce row and their code in view as the grid scrolls across to its WTE (Split, 1280x720)', async () => {
    const page = await openApp(await chromium.reopen({ viewport: { width: 1280, height: 720 } }), url, 'split');
    const app = new AppPage(page);
    await app.sheet('workforce');
    const id = `practice:${sample.practices[0].code}:gp`;
    // the row's name is too wide to leave WTE in view beside it: the grid has to scroll sideways
    await app.cell(id, 'code').click();
    for (let k = 0; k < 10 && (await page.evaluate(() => document.activeElement?.getAttribute('col-id'))) !== 'wte'; k++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('col-id'))).toBe('wte');
    // the grid has scrolled sideways: the first column after the frozen ones has gone under them
    // (read from where the cells are drawn: AG Grid's own scrollbar catches up a frame or more later)
    const frozenEdge = async () => {
      const code = (await app.cell(id, 'code').boundingBox())!;
      return code.x + code.width;
    };
    await expect.poll(async () => (await app.cell(id, 'heldByName').boundingBox())!.x < (await frozenEdge()) - 100).toBe(true);
    const grid = (await page.locator('[data-sheet] .ag-root').boundingBox())!;
    // a frozen cell within the grid; any other whole between the frozen columns and the grid's right edge
    const inView = async (col: string) => {
      const box = (await app.cell(id, col).boundingBox())!;
      const frozen = (await app.cell(id, 'code').boundingBox())!;
      const left = ['level', 'code'].includes(col) ? grid.x : frozen.x + frozen.width - 1;
      return box.x >= left && box.x + box.width <= grid.x + grid.width + 1;
    };
    // frozen like a spreadsheet's panes: who holds the staff and their code, then the role and WTE whole
    for (const col of ['level', 'code', 'role', 'wte']) expect(await inView(col), col).toBe(true);
    expect(await app.cellText(id, 'code')).toBe(sample.practices[0].code);
    await page.keyboard.type('7.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.cellText(id, 'wte')).toBe('7.50');
    expect(await inView('code')).toBe(true);
  });

  it('offers PCNs as "Name (code)" sorted by name, and reads back a name typed alone', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('practices');
    const p = sample.practices[0];
    const pcn = sample.pcns.find((n) => n.code === p.pcn)!;
    expect(await app.cellText(p.code, 'pcn')).toBe(`${pcn.name} (${pcn.code})`);
    await app.cell(p.code, 'pcn').click();
    await page.keyboard.press('Enter');
    const options = await page.$$eval('.ag-select-list .ag-list-item', (els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(options.length).toBe(sample.pcns.length);
    const sorted = [...sample.pcns].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((n) => `${n.name} (${n.code})`);
    expect(options).toEqual(sorted);
    await page.keyboard.press('Escape');
  });
});

describe('messages in the words on screen', () => {
  it('names the sheet, the row as shown and the column, never an internal path, and goes with the next edit', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('workforce');
    const w = sample.workforce.find((x) => x.level === 'practice')!;
    const practice = sample.practices.find((p) => p.code === w.code)!;
    const id = `${w.level}:${w.code}:${w.role}`;
    await app.filter(w.code);
    await app.type(id, 'wte', '-3');
    await expect.poll(() => app.gridMessage().textContent()).toContain('Edit refused.');
    const text = (await app.gridMessage().textContent()) ?? '';
    expect(text).toContain(`row “${practice.name} (${practice.code}) · `);
    expect(text).toContain('column “WTE”');
    expect(text).not.toMatch(/workforce\[|\]\./);
    // the next edit takes the old message away
    await app.type(id, 'wte', String(w.wte + 1));
    await expect.poll(() => app.gridMessage().textContent()).toContain('1 cell changed');
    await page.click('[data-action="undo"]');
    await expect.poll(() => app.gridMessage().textContent()).toBe('');

    // a rule between rows pauses the results, and the banner says where in sheet words
    await app.sheet('needs');
    const need = sample.needs[0];
    await app.type(need.id, 'share', '99');
    const banner = page.locator('.results .banner.warn');
    await expect.poll(() => banner.textContent()).toContain('Need mix and pathways sheet');
    expect((await banner.textContent()) ?? '').not.toMatch(/needs\[|\]\./);
  });
});

describe('dates and sources', () => {
  it('accepts 03/04/2023 and 3 Apr 2023 and shows dates that way; an edited value says so and keeps its source', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('funding');
    const f = sample.funding[0];
    await app.type(f.id, 'from', '3 Apr 2023');
    await expect.poll(() => app.cellText(f.id, 'from')).toBe('03/04/2023');
    await app.type(f.id, 'from', '01/05/2023');
    await expect.poll(() => app.cellText(f.id, 'from')).toBe('01/05/2023');

    const day = new Date().toISOString().slice(0, 10).split('-').reverse().join('/');
    await app.type(f.id, 'amountGBP', String(f.amountGBP + 1_000_000));
    await expect.poll(() => app.cellText(f.id, 'source')).toBe(`Edited ${day} (source was: ${f.source})`);
    await app.type(f.id, 'amountGBP', String(f.amountGBP + 2_000_000));
    await expect.poll(() => app.cellText(f.id, 'amountGBP')).toContain(',');
    expect(await app.cellText(f.id, 'source')).toBe(`Edited ${day} (source was: ${f.source})`);
  });
});

describe('rows', () => {
  it('adds a staff row for the practice in view, scrolled to and focused, and moving it to the PCN keeps results going', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('workforce');
    const practice = sample.practices[40];
    await app.filter(practice.code);
    await page.click('[data-action="add-row"]');
    const taken = new Set(sample.workforce.filter((w) => w.level === 'practice' && w.code === practice.code).map((w) => w.role));
    const role = [...sample.roles.filter((r) => r.group === 'gp'), ...sample.roles.filter((r) => r.group !== 'gp' && r.group !== 'external')].find((r) => !taken.has(r.id))!;
    const id = `practice:${practice.code}:${role.id}`;
    await page.waitForSelector(`[data-sheet] .ag-row[row-id="${id}"]`);
    expect(await app.cellText(id, 'wte')).toBe('1.00');
    // the new row is on screen and its first cell has the keyboard
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id'))).toBe(id);
    const box = await page.locator(`[data-sheet] .ag-row[row-id="${id}"]`).last().boundingBox();
    const grid = await page.locator('[data-sheet] .ag-grid-viewport').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(grid!.y);
    expect(box!.y + box!.height).toBeLessThanOrEqual(grid!.y + grid!.height + 1);

    // Enter opens the Held by choice (a choice cell edits with Enter, as text cells do)
    await page.keyboard.press('Enter');
    await page.waitForSelector('.ag-select-list');
    // Escape closes the list, and a second Escape leaves the cell unchanged
    await page.keyboard.press('Escape');
    if (await page.locator('[data-sheet] .ag-cell-inline-editing').count()) await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-sheet] .ag-cell-inline-editing').count()).toBe(0);
    await app.paste(id, 'level', 'PCN');
    // held by the PCN, the row no longer matches the practice's code in the filter; it is kept whole
    await expect.poll(() => page.locator(`[data-sheet] .ag-row[row-id="${id}"]`).count()).toBe(0);
    const held = async () => {
      const rows = (await app.stored()).workforce.filter((w) => w.role === role.id);
      return { practice: rows.filter((w) => w.level === 'practice' && w.code === practice.code).length, pcn: rows.filter((w) => w.level === 'pcn' && w.code === practice.pcn).map((w) => w.wte) };
    };
    await expect.poll(held, { timeout: 10_000 }).toEqual({ practice: 0, pcn: [1] });
    expect(await page.locator('.results .banner.warn').count()).toBe(0);
    await page.waitForSelector('[data-headline]');
  });
});

describe('files', () => {
  it('opens the same file twice as two workbooks told apart, each saying which file and when', async () => {
    const page = await openApp(chromium.context, url);
    const file = { name: 'essex.headroom.json', mimeType: 'application/json', buffer: Buffer.from(serializeWorkbook(sample)) };
    await page.setInputFiles('[data-testid="file-input"]', file);
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 20_000 }).toContain('Opened essex.headroom.json');
    await page.setInputFiles('[data-testid="file-input"]', file);
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 20_000 }).toContain(`“${sample.name} (3)”`);
    await page.click('[data-action="workbooks"]');
    const names = await page.$$eval('[data-dialog="workbooks"] li .wname', (els) => els.map((e) => e.textContent));
    expect(names.sort()).toEqual([sample.name, `${sample.name} (2)`, `${sample.name} (3)`].sort());
    const origins = await page.$$eval('[data-dialog="workbooks"] [data-origin]', (els) => els.map((e) => e.textContent ?? ''));
    expect(origins).toHaveLength(2);
    for (const o of origins) expect(o).toMatch(/^opened from essex\.headroom\.json on \d/);
  });
});

describe('funding', () => {
  it('shows cost against funding by year for the chosen scope, and follows a change of funding', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const card = page.locator('[data-chart="cost-funding"]');
    await card.scrollIntoViewIfNeeded();
    await card.locator('button:has-text("Show table")').click();
    const cell = () => card.locator('tbody').textContent();
    const before = await cell();
    await app.sheet('funding');
    const recurrent = sample.funding.find((f) => f.kind === 'recurrent')!;
    await app.type(recurrent.id, 'amountGBP', String(recurrent.amountGBP + 64_000_000));
    await expect.poll(cell).not.toBe(before);
    const years = Object.values(await app.years());
    expect(Math.max(...years.map((y) => y.fundingGBP ?? 0))).toBeGreaterThan(64_000_000);
  });
});

describe('layout', () => {
  it('gives the Sheets view grid the height of the window, and starts quantity axes at zero', async () => {
    for (const [width, height] of [
      [1024, 768],
      [1440, 900],
    ]) {
      const page = await openApp(await chromium.reopen({ viewport: { width, height } }), url, 'sheets');
      const grid = await page.locator('[data-sheet] .grid').boundingBox();
      expect(grid!.y + grid!.height).toBeGreaterThan(height - 80);
    }
    const page = await openApp(await chromium.reopen({ viewport: { width: 1440, height: 900 } }), url, 'results');
    // the lowest value on the demand and capacity chart's axis is 0 until the planner asks to fit it
    const yMin = () => page.getAttribute('[data-chart="gap"] canvas', 'data-y-min');
    await expect.poll(yMin).toBe('0');
    await page.check('[data-control="fit-axes"]');
    await expect.poll(async () => Number(await yMin())).toBeGreaterThan(0);
    // the PCN ranking takes the panel's width, so its names have room
    const ranking = await page.locator('[data-chart="gap-by-pcn"]').boundingBox();
    const panel = await page.locator('.results .charts').boundingBox();
    expect(ranking!.width).toBeGreaterThan(panel!.width - 4);
  });

  it('wraps column headers between words, never inside one, on every table sheet in Split at 1280x720', async () => {
    const page = await openApp(await chromium.reopen({ viewport: { width: 1280, height: 720 } }), url, 'split');
    const tabs = await page.$$eval('[data-tab]', (els) => els.map((e) => e.getAttribute('data-tab')!));
    for (const tab of tabs) {
      // some sheets have no rows in the sample: their headers are there all the same
      await page.click(`[data-tab="${tab}"]`);
      await page.waitForFunction((tab) => [...document.querySelectorAll(`[data-sheet="${tab}"] .ag-header-cell-text`)].some((e) => e.textContent), tab);
      // a word split over two lines has two boxes
      const split = await page.$$eval('[data-sheet] .ag-header-cell-text', (els) =>
        els.flatMap((el) => {
          const node = el.firstChild;
          if (!node || node.nodeType !== Node.TEXT_NODE) return [];
          const text = node.textContent ?? '';
          const out: string[] = [];
          for (const m of text.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(`${text}: ${m[0]}`);
          }
          return out;
        }),
      );
      expect(split, `${tab} sheet`).toEqual([]);
    }
  });
});
