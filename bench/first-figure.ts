// `ui.firstFigure.sample`: from navigation to the first headline figure on screen (the overview's
// gap this year), cold: a fresh browser profile each run, so the app opens the sample as a first
// visit does. The median of `runs` runs.
import type { Browser } from 'playwright-core';

export async function firstFigure(browser: Browser, url: string, runs = 5): Promise<{ name: string; medianMs: number; runs: number; all: number[] }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(url);
    const handle = await page.waitForFunction(() => (document.querySelector('[data-overview-lead] [data-metric="netGapPerWeek"]') ? performance.now() : null), null, { timeout: 30_000, polling: 'raf' });
    times.push((await handle.jsonValue()) as number);
    await context.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { name: 'ui.firstFigure.sample', medianMs: sorted[Math.floor(sorted.length / 2)], runs, all: times };
}
