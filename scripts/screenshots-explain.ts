// Pictures of the explanation panel and the bridge (what each action buys): into docs/screenshots
// at 1600 x 1000, and at the four sizes the app must look right at (1024 x 768 to 1920 x 1080) into
// a folder of its own for checking by eye. Called by scripts/screenshots.ts; runs alone too:
//   npx tsx scripts/screenshots-explain.ts [--sizes DIR]
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launch, serveBuilt, openApp } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { SIZES } from './screen-sizes';


async function shoot(browser: Browser, url: string, width: number, height: number, explainPath: string, bridgePath: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height } });
  try {
    const page = await openApp(context, url);
    const app = new AppPage(page);
    await app.chooseScenario('strategy');
    await page.selectOption('[data-control="fy"]', '2022/23');
    await page.waitForSelector('[data-metric="netGapPerWeek"]');
    await page.click('button.figure:has([data-metric="netGapPerWeek"])');
    await page.waitForSelector('[data-explain-terms]', { timeout: 30_000 });
    const panel = page.locator('[data-explain]');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: explainPath });
    await page.click('[data-explain] .close');
    await page.click('[data-bridge] summary');
    await page.waitForSelector('[data-bridge] [data-step="to"]', { timeout: 60_000 });
    await page.locator('[data-bridge]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: bridgePath });
  } finally {
    await context.close();
  }
}

export async function explainShots(browser: Browser, url: string, out: string, sizesDir: string | null): Promise<void> {
  await shoot(browser, url, 1600, 1000, `${out}/explain.png`, `${out}/bridge.png`);
  if (!sizesDir) return;
  mkdirSync(sizesDir, { recursive: true });
  for (const [w, h] of SIZES) await shoot(browser, url, w, h, `${sizesDir}/explain-${w}x${h}.png`, `${sizesDir}/bridge-${w}x${h}.png`);
}

if (process.argv[1]?.endsWith('screenshots-explain.ts')) {
  const { values } = parseArgs({ options: { sizes: { type: 'string' } } });
  const server = await serveBuilt();
  const browser = await launch();
  try {
    await explainShots(browser, server.url, 'docs/screenshots', values.sizes ?? null);
  } finally {
    await browser.close();
    await server.close();
  }
}
