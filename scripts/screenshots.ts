// Screenshots of every sheet and of the results panel, from the built app in Chromium, into
// docs/screenshots/. Run by `npm run screenshots` so the pictures in the docs stay current.
import { mkdirSync } from 'node:fs';
import { launch, serveBuilt, openApp } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { SHEETS } from '../src/ui/sheets/sheets';
import { offlineScreenshots } from './screenshots-offline';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await serveBuilt();
const browser = await launch();
try {
  // 1600 x 1000 at 1x: what a projector in a meeting room shows
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await openApp(context, server.url);
  const app = new AppPage(page);
  for (const sheet of SHEETS) {
    await page.click(`[data-tab="${sheet.id}"]`);
    await page.waitForSelector(`[data-sheet="${sheet.id}"] .ag-root`);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/sheet-${sheet.id}.png` });
  }
  await app.sheet('practices');
  await app.chooseScenario('strategy');
  await page.waitForTimeout(500);
  const results = page.locator('.pane.results');
  // every chart drawn: scroll the panel through so each one comes into view once
  await results.evaluate(async (el) => {
    for (let y = 0; y < el.scrollHeight; y += 400) {
      el.scrollTop = y;
      await new Promise((r) => setTimeout(r, 120));
    }
    el.scrollTop = 0;
  });
  await page.screenshot({ path: `${out}/workspace.png` });
  await page.evaluate(() => {
    // let the results pane grow to its full height for one tall picture
    (document.querySelector('.app') as HTMLElement).style.height = 'auto';
    (document.querySelector('main') as HTMLElement).style.minHeight = '0';
    const pane = document.querySelector('.pane.results') as HTMLElement;
    pane.style.overflow = 'visible';
  });
  await page.waitForTimeout(800);
  await results.screenshot({ path: `${out}/results.png` });
  await offlineScreenshots(browser, out);
  console.log(`screenshots written to ${out}/`);
} finally {
  await browser.close();
  await server.close();
}
