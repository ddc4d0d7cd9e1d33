// Pictures of goal seek, the Monte Carlo fan and tornado, the scenario editor and the comparison.
import type { Browser, Page } from 'playwright-core';
import { openApp } from '../tests/e2e/browser';
import { SIZES } from './screen-sizes';

export async function analysisShots(page: Page, out: string, suffix = '', runs = 1000): Promise<void> {
  const panel = (id: string) => page.click(`[data-action="open-${id}"]`);
  // the results alone, as in a workshop
  await page.click('button:has-text("Results")');
  // goal seek: what would it take to close the gap by 2023/24 in the Strategy scenario?
  await page.selectOption('[data-control="scenario"]', 'strategy');
  await page.selectOption('[data-control="fy"]', '2023/24');
  await page.click('[data-action="open-goal-seek"]');
  await page.selectOption('[data-field="lever"]', 'interventions[recruit-gps].effect.wtePerYear');
  await page.click('[data-action="seek"]');
  await page.waitForSelector('[data-seek-result]', { timeout: 120_000 });
  await page.screenshot({ path: `${out}/goal-seek${suffix}.png` });
  await page.keyboard.press('Escape');

  // how sure are we: draws over the sample's ranges
  await panel('uncertainty');
  await page.fill('[data-field="runs"]', String(runs));
  await page.dispatchEvent('[data-field="runs"]', 'change');
  await page.click('[data-action="mc-run"]');
  await page.waitForSelector('[data-mc-result]', { timeout: 600_000 });
  await page.selectOption('[data-field="mc-fy"]', '2022/23');
  await page.waitForTimeout(600);
  await page.locator('[data-panel="uncertainty"] [data-mc-result]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/uncertainty${suffix}.png` });

  // scenarios side by side
  await panel('compare');
  await page.waitForSelector('[data-compare-table]');
  await page.click('[data-compare="strategy"]');
  await page.click('[data-compare="plan-for-patients"]');
  await page.waitForTimeout(600);
  await page.locator('[data-panel="compare"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/compare${suffix}.png` });

  await panel('scenario');
  await page.waitForTimeout(300);
  await page.locator('[data-panel="scenario"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${out}/scenario${suffix}.png` });
  await panel('scenario');
}

/** The sizes a planner's laptop or a room's projector shows the app at. */

/**
 * The tornado chart at each size, its long assumption names wrapped inside the chart
 * (docs/screenshots/tornado-WxH.png), and the goal seek dialog, whose figure names are those of
 * every other view (goal-seek-WxH.png).
 */
export async function tornadoShots(browser: Browser, url: string, out: string, runs = 200): Promise<void> {
  for (const [width, height] of SIZES) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await openApp(context, url);
    await page.click('button:has-text("Results")');
    await page.selectOption('[data-control="scenario"]', 'strategy');
    await page.click('[data-action="open-goal-seek"]');
    await page.waitForSelector('[data-target-unit]');
    await page.screenshot({ path: `${out}/goal-seek-${width}x${height}.png` });
    await page.keyboard.press('Escape');
    await page.click('[data-action="open-uncertainty"]');
    await page.fill('[data-field="runs"]', String(runs));
    await page.dispatchEvent('[data-field="runs"]', 'change');
    await page.click('[data-action="mc-run"]');
    await page.waitForSelector('[data-mc-result]', { timeout: 600_000 });
    const card = page.locator('[data-chart="mc-tornado"]');
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await card.screenshot({ path: `${out}/tornado-${width}x${height}.png` });
    await context.close();
  }
}
