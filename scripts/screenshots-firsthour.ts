// Pictures of a planner's first hour at the four sizes the app must look right at (1024 x 768 to
// 1920 x 1080): the first view the page itself carries on a first visit (drawn with the app's own
// script held back, so it stays; it should look exactly like the overview after it), the overview, the Split layout with the practices' registered patients,
// the Sheets view (the grid the height of the window), the results (names, axis titles, axes from
// zero) and cost against funding. Into docs/screenshots/first-hour/. Called by scripts/screenshots.ts;
// runs alone too (from a build already made with --no-build):  npx tsx scripts/screenshots-firsthour.ts
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launch, serveBuilt, openApp, showLayout } from '../tests/e2e/browser';
import { SIZES } from './screen-sizes';


/** Scrolls a pane through so every chart in it is drawn once, then back to the top. */
export async function drawAll(page: import('playwright-core').Page, pane: string): Promise<void> {
  await page.locator(pane).evaluate(async (el) => {
    for (let y = 0; y < el.scrollHeight; y += 300) {
      el.scrollTop = y;
      await new Promise((r) => setTimeout(r, 150));
    }
    el.scrollTop = 0;
  });
  await page.waitForTimeout(300);
}

export async function firstHourShots(browser: Browser, url: string, out: string): Promise<void> {
  const dir = `${out}/first-hour`;
  mkdirSync(dir, { recursive: true });
  for (const [w, h] of SIZES) {
    const first = await browser.newContext({ viewport: { width: w, height: h } });
    try {
      const page = await first.newPage();
      await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
      await page.goto(url);
      await page.waitForSelector('#first-view [data-overview-lead] [data-metric]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/first-view-${w}x${h}.png` });
    } finally {
      await first.close();
    }
    const context = await browser.newContext({ viewport: { width: w, height: h } });
    try {
      const page = await openApp(context, url, null);
      await page.waitForSelector('[data-overview-lead] [data-metric]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/overview-${w}x${h}.png` });
      await showLayout(page, 'split');
      await page.click('[data-tab="practices"]');
      await page.waitForSelector('[data-sheet="practices"] .ag-row');
      await drawAll(page, '.pane.results');
      await page.screenshot({ path: `${dir}/split-practices-${w}x${h}.png` });
      await showLayout(page, 'sheets');
      await page.click('[data-tab="workforce"]');
      await page.waitForSelector('[data-sheet="workforce"] .ag-row');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/sheets-workforce-${w}x${h}.png` });
      await showLayout(page, 'results');
      await drawAll(page, '.pane.results');
      await page.screenshot({ path: `${dir}/results-${w}x${h}.png` });
      const funding = page.locator('[data-chart="cost-funding"]');
      if (await funding.count()) {
        await funding.scrollIntoViewIfNeeded();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${dir}/results-funding-${w}x${h}.png` });
      }
    } finally {
      await context.close();
    }
  }
}

if (process.argv[1]?.endsWith('screenshots-firsthour.ts')) {
  const server = await serveBuilt({ build: !process.argv.includes('--no-build') });
  const browser = await launch();
  try {
    await firstHourShots(browser, server.url, 'docs/screenshots');
  } finally {
    await browser.close();
    await server.close();
  }
}
