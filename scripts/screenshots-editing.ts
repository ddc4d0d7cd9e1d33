// Pictures of the results after edits, at the four sizes (1024 x 768 to 1920 x 1080): the charts
// are redrawn in place (the same Chart.js datasets given new figures), so these show them after
// three typed GP WTEs and a change of scenario, in Split and in the Results view. Into
// docs/screenshots/editing/; and England's workforce sheet (20,150 rows, built after the first
// figures) filtered to one practice and edited. Called by scripts/screenshots.ts; runs alone too (from a build
// already made with --no-build):  npx tsx scripts/screenshots-editing.ts
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, serveBuilt, openApp, showLayout } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { SIZES } from './screen-sizes';
import { drawAll } from './screenshots-firsthour';
import { englandWorkbook } from '../bench/england';
import { serializeWorkbook } from '../src/io/workbook-file';

/**
 * Types a workforce row's WTE as a planner does at the keyboard: from the row's code (always in
 * view) across to its WTE, which the grid scrolls into view no further than needed. (A click on the
 * WTE cell would have the browser scroll it to the middle of the grid, which no planner sees.)
 */
async function typeWte(page: Page, rowId: string, wte: string): Promise<void> {
  await new AppPage(page).cell(rowId, 'code').click();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('col-id'));
  for (let k = 0; k < 10 && (await focused()) !== 'wte'; k++) await page.keyboard.press('ArrowRight');
  if ((await focused()) !== 'wte') throw new Error(`could not reach ${rowId}'s WTE from its code by keyboard`);
  await page.keyboard.type(wte);
  await page.keyboard.press('Enter');
}

export async function editingShots(browser: Browser, url: string, out: string): Promise<void> {
  const dir = `${out}/editing`;
  mkdirSync(dir, { recursive: true });
  for (const [w, h] of SIZES) {
    const context = await browser.newContext({ viewport: { width: w, height: h } });
    try {
      const page = await openApp(context, url);
      const app = new AppPage(page);
      await app.sheet('workforce');
      await app.filter('F81001');
      for (const wte of ['9', '14', '21']) {
        await typeWte(page, 'practice:F81001:gp', wte);
        await page.waitForTimeout(250);
      }
      await app.chooseScenario('worst-case');
      await page.waitForTimeout(400);
      await drawAll(page, '.pane.results');
      await page.screenshot({ path: `${dir}/split-after-edits-${w}x${h}.png` });
      await showLayout(page, 'results');
      await drawAll(page, '.pane.results');
      // the charts redrawn in place: the gap and capacity first, then the PCN ranking (its bars
      // re-sorted and recoloured with the figures)
      for (const chart of ['gap', 'gap-by-pcn']) {
        await page.locator(`[data-chart="${chart}"]`).scrollIntoViewIfNeeded();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${dir}/results-${chart}-after-edits-${w}x${h}.png` });
      }
    } finally {
      await context.close();
    }
  }
  const england = englandWorkbook();
  const file = join(mkdtempSync(join(tmpdir(), 'headroom-shots-')), 'england.headroom.json');
  writeFileSync(file, serializeWorkbook(england));
  const practice = england.practices[0].code;
  for (const [w, h] of SIZES) {
    const context = await browser.newContext({ viewport: { width: w, height: h } });
    try {
      const page = await openApp(context, url);
      await page.setInputFiles('[data-testid="file-input"]', file);
      await page.waitForFunction((name) => document.querySelector('[data-testid="workbook-name"] .title')?.textContent === name && document.querySelector('[data-status]')?.getAttribute('data-status') === 'saved', england.name, { timeout: 120_000 });
      const app = new AppPage(page);
      await app.sheet('workforce');
      await page.waitForSelector('[data-sheet] .ag-row[row-id]');
      await app.filter(practice);
      await typeWte(page, `practice:${practice}:gp`, '12');
      await page.waitForFunction(() => document.querySelector('[data-status]')?.getAttribute('data-status') === 'saved');
      await page.waitForTimeout(600);
      await drawAll(page, '.pane.results');
      await page.screenshot({ path: `${dir}/england-workforce-filtered-${w}x${h}.png` });
    } finally {
      await context.close();
    }
  }
}

if (process.argv[1]?.endsWith('screenshots-editing.ts')) {
  const server = await serveBuilt({ build: !process.argv.includes('--no-build') });
  const browser = await launch();
  try {
    await editingShots(browser, server.url, 'docs/screenshots');
  } finally {
    await browser.close();
    await server.close();
  }
}
