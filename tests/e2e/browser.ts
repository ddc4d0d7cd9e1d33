// Real Chromium for the browser tests, the UI benchmark and the screenshots: the system Chromium
// driven by playwright-core, and the built app served by Vite's preview server.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Builds the app once and serves dist/ on a free port. */
export async function serveBuilt(options: { build?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  if (options.build !== false) await build({ logLevel: 'warn' });
  const server: PreviewServer = await preview({ preview: { port: 0, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.httpServer.close(() => resolve())) };
}

/**
 * Opens the app and waits until the first results are on screen. The app starts on the overview;
 * most tests work with the sheets and results side by side, so that layout is chosen unless the
 * caller asks for another (or null: as the app opened).
 */
export async function openApp(context: BrowserContext, url: string, layout: 'overview' | 'split' | 'sheets' | 'results' | null = 'split'): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // a shared machine can take more than the default 10 s to load a page
  await page.goto(url, { timeout: 60_000 });
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
  if (layout) await showLayout(page, layout);
  if (layout === 'split' || layout === 'results') await showBaseYear(page);
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

/** The app opens on the year that contains today; most tests compare the base year's figures. */
export async function showBaseYear(page: Page): Promise<void> {
  const first = await page.$eval('[data-control="fy"] option', (o) => (o as HTMLOptionElement).value);
  if ((await page.inputValue('[data-control="fy"]')) !== first) {
    await page.selectOption('[data-control="fy"]', first);
    await page.waitForSelector(`[data-headline][aria-label$="${first}"]`);
  }
}

/** Chooses a layout with its top-bar button and waits for what it shows to be drawn. */
export async function showLayout(page: Page, layout: 'overview' | 'split' | 'sheets' | 'results'): Promise<void> {
  await page.click(`[data-layout="${layout}"]`);
  if (layout === 'overview') await page.waitForSelector('[data-overview]', { timeout: 30_000 });
  if (layout === 'split' || layout === 'sheets') await page.waitForSelector('[data-sheet] .ag-root', { timeout: 30_000 });
  if (layout === 'split' || layout === 'results') await page.waitForSelector('[data-headline], .results .banner', { timeout: 30_000 });
}

/** Drops a file on the window, as a planner drags one from the desktop or an email. */
export function dropFile(page: Page, name: string, text: string): Promise<void> {
  return page.evaluate(
    ([name, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    },
    [name, text] as const,
  );
}
