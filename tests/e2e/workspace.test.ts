// The workspace in real Chromium: the built app, the engine in its worker, IndexedDB for real.
import { describe, expect, inject, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { HELPER_MIN_PCNS, Projection } from '../../src/engine';
import { serializeWorkbook } from '../../src/io/workbook-file';
import { englandWorkbook } from '../../bench/england';
import { loadSample } from '../../src/sample';
import { REPORT_KEYS } from '../../src/io/report';
import { setAt } from '../../src/model/paths';
import { parseWorkbook } from '../../src/model/validate';

const url = inject('baseUrl');
// Chromium's V8 and Node's may differ in the last bit of Math.pow; anything beyond that is a bug.
function expectSame(actual: number | null, expected: number | null, what: string) {
  if (actual === null || expected === null) return expect(actual, what).toBe(expected);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}
const int = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(v);
const dir = mkdtempSync(join(tmpdir(), 'headroom-e2e-'));
const chromium = useChromium({ acceptDownloads: true });

/** The yearly table of Do nothing, then Strategy, as chosen on screen, against Node's figures. */
async function expectYearsAsInNode(app: AppPage, node: Projection, alsoCheck: () => Promise<void>): Promise<void> {
  for (const scenario of ['do-nothing', 'strategy']) {
    if (scenario !== 'do-nothing') await app.chooseScenario(scenario);
    const shown = await app.years();
    const expected = node.yearly(scenario);
    expect(Object.keys(shown)).toEqual(expected.map((y) => y.fy));
    for (const y of expected) for (const k of REPORT_KEYS) expectSame(shown[y.fy][k], y[k], `${scenario} ${y.fy} ${k}`);
    await alsoCheck();
  }
}

describe('first screen', () => {
  it('shows, computed in the worker, exactly the figures the engine gives in Node', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const sample = loadSample();
    const node = new Projection(sample);
    expect(await page.textContent('[data-testid="workbook-name"]')).toContain('Mid and south Essex (illustrative)');
    // the sample is small enough that the engine worker keeps it to itself
    await expectYearsAsInNode(app, node, async () => expect(await page.getAttribute('[data-threads]', 'data-threads')).toBe('1'));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  it('shares a large workbook between two workers, with the figures Node gives on one thread', async () => {
    // 6 systems and 180 PCNs: over the size where the engine worker hands half to its helper
    const wb = englandWorkbook({ systems: 6, pcns: 180, practices: 900, seed: 5 });
    const parsed = parseWorkbook(wb);
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    expect(wb.pcns.length).toBeGreaterThanOrEqual(HELPER_MIN_PCNS);
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await page.setInputFiles('[data-testid="file-input"]', { name: 'six-systems.headroom.json', mimeType: 'application/json', buffer: Buffer.from(serializeWorkbook(parsed.workbook)) });
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 20_000 }).toContain('as a new workbook');
    await expect.poll(() => page.getAttribute('[data-threads]', 'data-threads'), { timeout: 20_000 }).toBe('2');
    const node = new Projection(parsed.workbook);
    await expectYearsAsInNode(app, node, async () => expect(await page.getAttribute('[data-threads]', 'data-threads')).toBe('2'));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

describe('editing', () => {
  it('editing a WTE changes the headline and redraws the chart, with the same numbers as Node', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const before = await app.headline('netGapPerWeek');
    await app.sheet('workforce');
    await app.filter('F81001');
    const row = 'practice:F81001:gp';
    const wte = loadSample().workforce.find((w) => w.code === 'F81001' && w.role === 'gp')!.wte;
    const chartBefore = await page.locator('[data-chart="gap"] canvas').screenshot();
    await app.type(row, 'wte', String(wte + 10));
    const after = await app.waitForHeadlineChange('netGapPerWeek', before);
    expect(after).toBeLessThan(before); // ten more GPs: a smaller gap
    const expected = new Projection(setAt(loadSample(), ['workforce', row, 'wte'], wte + 10)).yearly('do-nothing')[0].netGapPerWeek;
    expectSame(after, expected, 'net gap after the edit');
    expect(await app.cellText(row, 'wte')).toBe((wte + 10).toFixed(2));
    const chartAfter = await page.locator('[data-chart="gap"] canvas').screenshot();
    expect(chartAfter.equals(chartBefore)).toBe(false);
  });

  it('refuses a negative WTE and text in a number column, with a plain message, changing nothing', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    const before = await app.headline('netGapPerWeek');
    await app.sheet('workforce');
    await app.filter('F81001');
    const row = 'practice:F81001:gp';
    const shown = await app.cellText(row, 'wte');
    await app.type(row, 'wte', '-3');
    await expect.poll(() => app.gridMessage().textContent()).toContain('WTE must be from 0 to 5,000');
    await app.type(row, 'wte', 'lots');
    await expect.poll(() => app.gridMessage().textContent()).toContain("'lots' is not a number");
    expect(await app.cellText(row, 'wte')).toBe(shown);
    expect(await app.headline('netGapPerWeek')).toBe(before);
  });

  it('flags need shares that do not add up to 100% in the cell and pauses results until fixed', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('needs');
    const need = loadSample().needs[0];
    await app.type(need.id, 'share', String(need.share * 100 + 5));
    await page.waitForSelector(`.ag-row[row-id="${need.id}"] .cell-flag`);
    await expect.poll(() => page.textContent('.results .banner.warn')).toContain('100%');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.cell-flag', { state: 'detached' });
  });

  it('pastes a block from a spreadsheet, refusing the cell that is not a number, and undo/redo walk it back', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('practices');
    const [p1, p2] = loadSample().practices;
    await app.paste(p1.code, 'registered', '10,000\t9,500\n11000\tabc');
    await expect.poll(() => app.cellText(p1.code, 'registered')).toBe('10,000');
    expect(await app.cellText(p1.code, 'weighted')).toBe('9,500');
    // a pasted row is applied whole or refused whole: the second row's good cell is not taken alone
    expect(await app.cellText(p2.code, 'registered')).toBe(int(p2.registered));
    const msg = await app.gridMessage().textContent();
    expect(msg).toContain('2 changed, 1 refused');
    expect(msg).toContain(`row “${p2.name} (${p2.code})”, column “Weighted list”: 'abc' is not a number (so the rest of that row was not pasted)`);
    // one paste is one undo step
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.cellText(p1.code, 'registered')).toBe(int(p1.registered));
    expect(await app.cellText(p2.code, 'registered')).toBe(int(p2.registered));
    await page.keyboard.press('Control+y');
    await expect.poll(() => app.cellText(p1.code, 'registered')).toBe('10,000');
    expect(await app.cellText(p1.code, 'weighted')).toBe('9,500');
    expect(await app.copy(p1.code, 'registered')).toBe('10,000');
  });

  it('keeps every edit across a reload', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('practices');
    const p = loadSample().practices[2];
    await app.type(p.code, 'registered', '12345');
    await app.type(p.code, 'name', 'Renamed practice');
    await app.waitSaved();
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]');
    await app.sheet('practices');
    expect(await app.cellText(p.code, 'registered')).toBe('12,345');
    expect(await app.cellText(p.code, 'name')).toBe('Renamed practice');
  });

  it('two tabs on one workbook keep each other’s edits', async () => {
    const a = new AppPage(await openApp(chromium.context, url));
    const b = new AppPage(await openApp(chromium.context, url));
    const [p1, p2] = loadSample().practices;
    await a.sheet('practices');
    await b.sheet('practices');
    await a.type(p1.code, 'registered', '7777');
    await b.type(p2.code, 'registered', '8888');
    await a.waitSaved();
    await b.waitSaved();
    const c = new AppPage(await openApp(chromium.context, url));
    await c.sheet('practices');
    expect(await c.cellText(p1.code, 'registered')).toBe('7,777');
    expect(await c.cellText(p2.code, 'registered')).toBe('8,888');
  });

  it('tells the user plainly when the disk is full, keeps the edit and offers a file', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('practices');
    // from now on every IndexedDB write fails as Chromium fails on a full disk
    await page.evaluate(() => {
      const fail = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = fail;
      IDBObjectStore.prototype.add = fail;
    });
    const p = loadSample().practices[0];
    await app.type(p.code, 'registered', '4321');
    await page.waitForSelector('[data-message="storage"]');
    expect(await page.textContent('[data-message="storage"]')).toContain('no room left');
    expect(await page.getAttribute('[data-status]', 'data-status')).toBe('failed');
    expect(await app.cellText(p.code, 'registered')).toBe('4,321');
    const download = page.waitForEvent('download');
    await page.click('[data-message="storage"] button:has-text("Save to file")');
    const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(saved.practices[0].registered).toBe(4321);
  });
});

describe('files', () => {
  it('save to file and open it again gives an identical workbook, as a new workbook', async () => {
    const page = await openApp(chromium.context, url);
    const app = new AppPage(page);
    await app.sheet('practices');
    await app.type(loadSample().practices[0].code, 'registered', '9999');
    await app.waitSaved();
    const first = page.waitForEvent('download');
    await page.click('[data-action="save-file"]');
    const d1 = await first;
    expect(d1.suggestedFilename()).toBe('mid-and-south-essex-illustrative.headroom.json');
    const text1 = readFileSync((await d1.path())!, 'utf8');
    await page.setInputFiles('[data-testid="file-input"]', { name: 'again.headroom.json', mimeType: 'application/json', buffer: Buffer.from(text1) });
    // opening a file waits for its first figures: seconds on a loaded machine
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('Opened again.headroom.json as a new workbook');
    await page.click('[data-action="workbooks"]');
    expect(await page.locator('[data-dialog="workbooks"] li').count()).toBe(2);
    await page.keyboard.press('Escape');
    const second = page.waitForEvent('download');
    await page.click('[data-action="save-file"]');
    const text2 = readFileSync((await (await second).path())!, 'utf8');
    // the copy beside the original gets a name of its own; every other byte is the same
    const name = JSON.parse(text1).name as string;
    expect(JSON.parse(text2).name).toBe(`${name} (2)`);
    expect(text2).toBe(text1.replace(JSON.stringify(name), JSON.stringify(`${name} (2)`)));
    const parsed = parseWorkbook(JSON.parse(text2));
    expect(parsed.ok).toBe(true);
  });

  it('refuses a malformed file with the field path, and nothing in the browser changes', async () => {
    const page = await openApp(chromium.context, url);
    const bad = structuredClone(loadSample()) as unknown as { workforce: { wte: number }[] };
    bad.workforce[0].wte = -2;
    const file = join(dir, 'bad.headroom.json');
    writeFileSync(file, JSON.stringify(bad));
    const name = await page.textContent('[data-testid="workbook-name"]');
    await page.setInputFiles('[data-testid="file-input"]', file);
    // the message says how far the reading has got, then what is wrong, in the words on screen
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('bad.headroom.json was not opened');
    const msg = await page.textContent('[data-message="file"]');
    expect(msg).toContain('Workforce sheet, row practice · F81001 · gp, column WTE: WTE must be from 0 to 5,000');
    await page.setInputFiles('[data-testid="file-input"]', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "headroom-workbook", "version": 1, ') });
    await expect.poll(() => page.textContent('[data-message="file"]')).toContain('junk.json was not opened: the file is not valid JSON');
    await page.click('[data-action="workbooks"]');
    expect(await page.locator('[data-dialog="workbooks"] li').count()).toBe(1);
    expect(await page.textContent('[data-testid="workbook-name"]')).toBe(name);
  });

  it('shows a name with markup in it as text and runs nothing', async () => {
    const page = await openApp(chromium.context, url);
    const evil = '<img src=x onerror="window.__pwned=1">';
    const wb = { ...loadSample(), name: evil };
    wb.practices = wb.practices.map((p, i) => (i === 0 ? { ...p, name: evil } : p));
    await page.setInputFiles('[data-testid="file-input"]', { name: 'evil.headroom.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wb)) });
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain(evil);
    await new AppPage(page).sheet('practices');
    expect(await new AppPage(page).cellText(wb.practices[0].code, 'name')).toBe(evil);
    await page.click('[data-action="workbooks"]');
    await page.waitForTimeout(300);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
