// The hosted edition as an installed, offline app, in real Chromium: the precache, a reload with
// the network off, the manifest and service worker as the DevTools protocol sees them, and files
// handed to the installed app by the operating system.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeEach, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium as pw, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openApp, showBaseYear, showLayout } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { serveStatic, type StaticServer } from './static-server';
import { loadSample } from '../../src/sample';

// a shared machine: a first visit also stores the whole app for offline use, so allow time
const chromium = useChromium();
beforeEach(() => chromium.context.setDefaultTimeout(60_000));
let server: StaticServer;

beforeAll(async () => {
  // dist/ as built by the global setup, under a sub-path as on a trust's intranet
  server = await serveStatic('dist', '/planning/tools/headroom/');
});
afterAll(async () => {
  await server.close();
});

/** Every headline figure on screen, by its data-metric, at full precision. */
function headlines(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-headline] [data-metric]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-metric')!, e.getAttribute('data-value')!])));
}

/** Resolves once the service worker is active, which is after it has stored the whole precache. */
function serviceWorkerActive(page: Page): Promise<string> {
  return page.evaluate(async () => (await navigator.serviceWorker.ready).active!.scriptURL);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
}

describe('offline app', { timeout: 240_000 }, () => {
  it('precaches every file the app loads (nothing skipped for its size)', () => {
    const sw = readFileSync('dist/sw.js', 'utf8');
    const cached = [...sw.matchAll(/"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1]).sort();
    const built = files('dist')
      .map((f) => relative('dist', f).replaceAll('\\', '/'))
      // sourcemaps are for debugging; the service worker and its Workbox runtime are not precached by design
      .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f))
      .sort();
    expect(cached).toEqual(built);
    for (const must of ['index.html', 'manifest.webmanifest']) expect(cached).toContain(must);
    // every file the page itself refers to (its start scripts and styles are inline: scripts/vite/page.ts)
    const page = readFileSync('dist/index.html', 'utf8');
    const refs = [...page.matchAll(/\s(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) expect(cached, ref).toContain(ref);
    expect(page).not.toMatch(/<script src=|rel="stylesheet"/);
    // the app bundle and both engine workers
    expect(cached.filter((f) => /^assets\/index-.*\.js$/.test(f))).toHaveLength(1);
    expect(cached.filter((f) => /^assets\/engine\.worker-.*\.js$/.test(f))).toHaveLength(1);
    expect(cached.filter((f) => /^assets\/part\.worker-.*\.js$/.test(f))).toHaveLength(1);
  });

  it('after one visit, a reload with the network off opens the last workbook with the same figures', async () => {
    const page = await openApp(chromium.context, server.url);
    const app = new AppPage(page);
    expect(await serviceWorkerActive(page)).toBe(`${server.url}sw.js`);
    // work on a workbook of one's own, so "the last workbook" is not simply the sample again
    await page.click('[data-action="workbooks"]');
    await page.click('[data-action="new-sample"]');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Mid and south Essex');
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await app.sheet('practices');
    const before = await app.headline('netGapPerWeek');
    await app.type(loadSample().practices[0].code, 'registered', '30000');
    await app.waitForHeadlineChange('netGapPerWeek', before);
    await app.waitSaved();
    const online = await headlines(page);
    expect(Object.keys(online).length).toBeGreaterThanOrEqual(4);

    await chromium.context.setOffline(true);
    // a file the app never stored must now fail: the network really is off
    expect(await page.evaluate(() => fetch(`./not-stored-${Date.now()}.txt`).then(() => 'online', () => 'offline'))).toBe('offline');
    const fromWorker: string[] = [];
    page.on('response', (r) => {
      if (r.fromServiceWorker()) fromWorker.push(r.url());
    });
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await showLayout(page, 'split');
    await showBaseYear(page);
    expect(await headlines(page)).toEqual(online);
    expect(await app.headline('netGapPerWeek')).not.toBe(before);
    await app.sheet('practices');
    expect(await app.cellText(loadSample().practices[0].code, 'registered')).toBe('30,000');
    // the page, its bundle and the engine's workers all came from the service worker's cache
    expect(fromWorker).toContain(server.url);
    expect(fromWorker.some((u) => /assets\/index-.*\.js$/.test(u))).toBe(true);
    await chromium.context.setOffline(false);
  });

  it('has a valid manifest and service worker, and is installable (DevTools protocol)', async () => {
    // Chromium never offers to install from a private (incognito) profile, which is what a test
    // context is: this test has a profile on disk, as a planner's browser does
    const profile = mkdtempSync(join(tmpdir(), 'headroom-profile-'));
    const context = await pw.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
    try {
      context.setDefaultTimeout(60_000);
      const page = await openApp(context, server.url);
      await serviceWorkerActive(page);
      // installability asks for a page controlled by the worker: the second load is
      await page.reload();
      await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
      const cdp = await context.newCDPSession(page);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string; critical: number }[]; data?: string };
      expect(manifest.url).toBe(`${server.url}manifest.webmanifest`);
      expect(manifest.errors).toEqual([]);
      const data = JSON.parse(manifest.data!);
      expect(data).toMatchObject({ short_name: 'Headroom', display: 'standalone', start_url: './', scope: './', theme_color: '#003087' });
      expect(data.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      expect(data.file_handlers[0].accept['application/json']).toContain('.headroom.json');
      await expect
        .poll(async () => ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }).installabilityErrors.map((e) => e.errorId), { timeout: 30_000 })
        .toEqual([]);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('opens a file the installed app is launched with as a new workbook, checked as Open file is', async () => {
    // the operating system's "Open with Headroom" reaches the page through window.launchQueue;
    // stand in for the browser's queue and hand the app's consumer two files
    await chromium.context.addInitScript(() => {
      const w = window as unknown as { __launch?: (p: unknown) => void };
      Object.defineProperty(window, 'launchQueue', { configurable: true, value: { setConsumer: (fn: (p: unknown) => void) => (w.__launch = fn) } });
    });
    const page = await openApp(chromium.context, server.url);
    const launch = (name: string, text: string) =>
      page.evaluate(
        ([name, text]) => {
          const file = new File([text], name, { type: 'application/json' });
          (window as unknown as { __launch: (p: unknown) => void }).__launch({ files: [{ kind: 'file', getFile: async () => file }] });
        },
        [name, text] as const,
      );
    await launch('harlow.headroom.json', JSON.stringify({ ...loadSample(), name: 'Harlow from the desktop' }));
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('Opened harlow.headroom.json as a new workbook');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Harlow from the desktop');
    await launch('broken.headroom.json', JSON.stringify({ ...loadSample(), practices: 7 }));
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('broken.headroom.json was not opened');
    expect(await page.textContent('[data-message="file"]')).toContain('practices');
    expect(await page.textContent('[data-testid="workbook-name"]')).toContain('Harlow from the desktop');
  });
});
