// Screenshots of workshop mode at 1024 x 768 (a common projector): the facilitator's window with
// levers, snapshots compared and the session log, and the audience window. Part of
// `npm run screenshots`; `npx tsx scripts/screenshots-workshop.ts` takes only these.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launch, serveBuilt, openApp } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { WorkshopPage } from '../tests/e2e/workshop-page';

export async function workshopScreenshots(browser: Browser, url: string, out: string, size = { width: 1024, height: 768 }, suffix = ''): Promise<void> {
  const context = await browser.newContext({ viewport: size });
  try {
    const page = await openApp(context, url);
    const app = new AppPage(page);
    const ws = new WorkshopPage(page);
    await ws.open();
    await ws.addLever('interventions[recruit-gps].effect.wtePerYear');
    await ws.addLever('interventions[arrs-pharmacist].effect.wtePerYear');
    await ws.addLever('settings.navigationShare');
    await app.chooseScenario('strategy');
    await page.selectOption('[data-control="fy"]', '2022/23');
    await ws.pin("Room's start");
    const first = page.locator('[data-lever-input]').first();
    await first.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-lever-value]')?.getAttribute('data-lever-value') === '70');
    await page.waitForFunction(() => document.querySelector('.busy')?.textContent === '');
    await ws.pin("Room's plan A: 70 GPs a year");
    const audience = await ws.present(context);
    await audience.page.setViewportSize(size);
    await audience.page.waitForSelector('[data-chart="gp-contacts"] canvas');
    await page.locator('.pane.sheets').first().evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/workshop-facilitator${suffix}.png` });
    await page.locator('[data-compare-table]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/workshop-compare${suffix}.png` });
    await audience.page.screenshot({ path: `${out}/workshop-audience${suffix}.png` });
  } finally {
    await context.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? 'docs/screenshots';
  mkdirSync(out, { recursive: true });
  const server = await serveBuilt({ build: !process.env.NO_BUILD });
  const browser = await launch();
  try {
    const sizes = (process.env.SIZES ?? '1024x768').split(',').map((s) => s.split('x').map(Number));
    for (const [width, height] of sizes) await workshopScreenshots(browser, server.url, out, { width, height }, width === 1024 && height === 768 && !process.env.SIZES ? '' : `-${width}x${height}`);
    console.log(`workshop screenshots written to ${out}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}
