// Several tabs on one workbook, racing their edits: none is lost or reverted on screen, the same
// cell edited in two tabs keeps the later edit, and "Saved" is only shown for what is stored.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { loadSample } from '../../src/sample';
import { getAt } from '../../src/model/paths';

const url = inject('baseUrl');
const chromium = useChromium();
const practices = loadSample().practices;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const registered = (code: string) => ['practices', code, 'registered'];
const int = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(v);

async function status(app: AppPage): Promise<string | null> {
  return app.page.getAttribute('[data-status]', 'data-status');
}

/** Waits until the tab says its edits are saved, then checks they are all in the store. */
async function expectSavedAndStored(app: AppPage, cells: Record<string, number>, round: string): Promise<void> {
  await app.waitSaved();
  const stored = await app.stored();
  for (const [code, value] of Object.entries(cells)) expect(getAt(stored, registered(code)), `${round}: ${code} in the store while the tab says saved`).toBe(value);
}

/** After a round: each tab says saved with the values in the store, and shows them, still saying saved. */
async function expectRound(tabs: AppPage[], expected: Record<string, number>, what: string): Promise<void> {
  for (const tab of tabs) await expectSavedAndStored(tab, expected, what);
  for (const tab of tabs) {
    for (const [code, value] of Object.entries(expected)) await expect.poll(() => tab.cellText(code, 'registered'), { message: `${what}: ${code} on screen` }).toBe(int(value));
  }
  for (const tab of tabs) expect(await status(tab), what).toBe('saved');
}

/** Records, every frame, the registered list shown for each watched practice. */
async function watch(page: Page, codes: string[]): Promise<void> {
  await page.evaluate((codes) => {
    const w = window as unknown as { __seen: Record<string, number[]> };
    w.__seen = Object.fromEntries(codes.map((c) => [c, []]));
    const tick = () => {
      for (const c of codes) {
        const text = document.querySelector(`[data-sheet] .ag-row[row-id="${c}"] .ag-cell[col-id="registered"]`)?.textContent?.trim();
        const v = text ? Number(text.replace(/,/g, '')) : NaN;
        const seen = w.__seen[c];
        if (Number.isFinite(v) && seen[seen.length - 1] !== v) seen.push(v);
      }
      requestAnimationFrame(tick);
    };
    tick();
  }, codes);
}

describe('tabs racing', () => {
  it('an edit in B 180 to 300 ms after one in A (swept) is never lost, the later of two edits to one cell is kept, and Saved is true each round', { timeout: 600_000 }, async () => {
    const a = new AppPage(await openApp(chromium.context, url));
    const b = new AppPage(await openApp(chromium.context, url));
    await a.sheet('practices');
    await b.sheet('practices');
    const [p1, p2] = practices;
    let round = 0;
    for (let rep = 0; rep < 2; rep++) {
      for (let offset = 180; offset <= 300; offset += 10, round++) {
        const same = round % 2 === 1;
        const va = 100_000 + round * 2;
        const vb = va + 1;
        const cellB = same ? p1.code : p2.code;
        await a.type(p1.code, 'registered', String(va));
        const typed = Date.now();
        await sleep(Math.max(0, typed + offset - Date.now()));
        await b.type(cellB, 'registered', String(vb));
        const expected = same ? { [p1.code]: vb } : { [p1.code]: va, [p2.code]: vb };
        const what = `round ${round} (B ${offset} ms after A${same ? ', same cell' : ''})`;
        await expectRound([b, a], expected, what);
      }
    }
  });

  it('an edit B commits while it takes in A\'s save (0 to 60 ms after B hears of it, swept) is kept, and Saved is true each round', { timeout: 600_000 }, async () => {
    // anchored on the moment B hears of A's save rather than on a clock, so the edit lands while B
    // reads and takes in A's save whatever the machine's speed
    const a = new AppPage(await openApp(chromium.context, url));
    const b = new AppPage(await openApp(chromium.context, url));
    await a.sheet('practices');
    await b.sheet('practices');
    const [p1, p2] = practices;
    for (let round = 0, delay = 0; delay <= 60; delay += 5, round++) {
      const va = 200_000 + round * 2;
      const vb = va + 1;
      // B's planner has the value typed and presses Enter just as A's save reaches B
      await b.cell(p2.code, 'registered').click();
      await b.page.keyboard.press('F2');
      await b.page.keyboard.press('Control+A');
      await b.page.keyboard.type(String(vb));
      await b.page.evaluate(() => {
        const w = window as unknown as { __heard: Promise<void> };
        w.__heard = new Promise((resolve) => {
          const channel = new BroadcastChannel('headroom-workbooks');
          channel.onmessage = () => {
            channel.close();
            resolve();
          };
        });
      });
      await a.type(p1.code, 'registered', String(va));
      await b.page.evaluate(() => (window as unknown as { __heard: Promise<void> }).__heard);
      if (delay) await sleep(delay);
      await b.page.keyboard.press('Enter');
      const expected = { [p1.code]: va, [p2.code]: vb };
      const what = `round ${round} (B commits ${delay} ms after hearing of A's save)`;
      await expectRound([b, a], expected, what);
    }
  });

  it('four tabs editing at once never revert an accepted edit on screen, and end the same as the store', { timeout: 600_000 }, async () => {
    const tabs: AppPage[] = [];
    // four apps with their workers on a busy machine: give each step time
    chromium.context.setDefaultTimeout(60_000);
    for (let i = 0; i < 4; i++) tabs.push(new AppPage(await openApp(chromium.context, url)));
    const own = tabs.map((_, i) => [practices[2 * i].code, practices[2 * i + 1].code]);
    const all = own.flat();
    for (const t of tabs) {
      await t.sheet('practices');
      await watch(t.page, all);
    }
    const last: Record<string, number> = {};
    const rounds = 8;
    for (let r = 0; r < rounds; r++) {
      // each tab types into one of its own cells, a little after the one before it; the values
      // only ever rise, so any value going down on a screen is an accepted edit reverted
      await Promise.all(
        tabs.map(async (t, i) => {
          await sleep(i * 70 + (r % 3) * 40);
          const code = own[i][r % 2];
          const value = 100_000 + r * 10 + i;
          await t.type(code, 'registered', String(value));
          last[code] = value;
        }),
      );
    }
    for (const t of tabs) await t.waitSaved();
    const stored = await tabs[0].stored();
    for (const [code, value] of Object.entries(last)) expect(getAt(stored, registered(code)), `${code} in the store`).toBe(value);
    for (const [i, t] of tabs.entries()) {
      for (const [code, value] of Object.entries(last)) await expect.poll(() => t.cellText(code, 'registered'), { message: `tab ${i}: ${code}` }).toBe(int(value));
      const seen = await t.page.evaluate(() => (window as unknown as { __seen: Record<string, number[]> }).__seen);
      for (const code of all) {
        // from the first edited value on (before it, the sample's own value)
        const values = seen[code].slice(Math.max(0, seen[code].findIndex((v) => v >= 100_000)));
        const reverted = values.filter((v, k) => k > 0 && v < values[k - 1]);
        expect(reverted, `tab ${i}: ${code} went back on screen (${values.join(' → ')})`).toEqual([]);
      }
      expect(await status(t)).toBe('saved');
    }
  });
});
