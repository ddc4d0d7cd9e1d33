// Screenshots of every sheet and of the results panel, from the built app in Chromium, into
// docs/screenshots/. Run by `npm run screenshots` so the pictures in the docs stay current.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { launch, serveBuilt, openApp } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { SHEETS } from '../src/ui/sheets/sheets';
import { workshopScreenshots } from './screenshots-workshop';
import { offlineScreenshots } from './screenshots-offline';
import { explainShots } from './screenshots-explain';
import { analysisShots, tornadoShots } from './screenshots-analysis';
import { firstHourShots } from './screenshots-firsthour';
import { storageShots } from './screenshots-storage';
import { editingShots } from './screenshots-editing';

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
  await workshopScreenshots(browser, server.url, out);

  // Import data: the preview of the published PCN workforce file, with its role mapping
  const nhs = [resolve('../shared/data/nhs'), resolve('../../shared/data/nhs')].find((d) => existsSync(d));
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p2 = await openApp(fresh, server.url);
  if (nhs) {
    await p2.click('[data-action="data-menu"]');
    await p2.click('[data-action="import-data"]');
    await p2.setInputFiles('[data-testid="import-input"]', [`${nhs}/pcn-workforce-individual-2022-09.csv`]);
    await p2.waitForSelector('[data-role-mapping]', { timeout: 60_000 });
    await p2.waitForTimeout(300);
    await p2.screenshot({ path: `${out}/import-preview.png` });
    await p2.locator('[data-dialog="import"]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await p2.waitForTimeout(200);
    await p2.screenshot({ path: `${out}/import-role-mapping.png` });
    await p2.click('[data-dialog="import"] button:has-text("Cancel")');
  } else console.warn('import preview skipped: ../shared/data/nhs is absent');

  // the printed report: Chromium's PDF of the Worst case, each page as a picture (pdftoppm)
  await new AppPage(p2).chooseScenario('worst-case');
  await p2.evaluate(() => (window.print = () => undefined));
  await p2.click('[data-action="data-menu"]');
  await p2.click('[data-action="print-report"]');
  await p2.waitForTimeout(500);
  await p2.emulateMedia({ media: 'print' });
  const pdf = await p2.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  const pdfFile = join(tmpdir(), 'headroom-report.pdf');
  writeFileSync(pdfFile, pdf);
  const ppm = spawnSync('pdftoppm', ['-r', '60', '-png', pdfFile, `${out}/report-page`]);
  if (ppm.error) console.warn('pdftoppm is not installed (apt-get install -y poppler-utils): report pages not drawn as pictures');
  await fresh.close();
  await offlineScreenshots(browser, out);
  await explainShots(browser, server.url, out, null);
  await storageShots(browser, server.url, out);
  // goal seek, the Monte Carlo fan and tornado, the comparison and the scenario editor, on a fresh page
  const analysis = await openApp(context, server.url);
  await analysisShots(analysis, out);
  await tornadoShots(browser, server.url, out);
  await firstHourShots(browser, server.url, out);
  await editingShots(browser, server.url, out);
  console.log(`screenshots written to ${out}/`);
} finally {
  await browser.close();
  await server.close();
}
