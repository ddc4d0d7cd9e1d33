// A new version of the hosted app waits for the planner: served build A, visited, then build B at
// the same address. The page must not reload by itself; it says a new version is ready and
// switches only when asked, after saving the edits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { serveStatic, type StaticServer } from './static-server';
import { loadSample } from '../../src/sample';

// a shared machine: a first visit also stores the whole app for offline use, so allow time
const chromium = useChromium();
beforeEach(() => chromium.context.setDefaultTimeout(60_000));
const buildB = mkdtempSync(join(tmpdir(), 'headroom-build-b-'));
let server: StaticServer;

beforeAll(async () => {
  // build B: the same app with one visible difference in its page, so its precache differs
  await build({
    logLevel: 'warn',
    build: { outDir: buildB, emptyOutDir: true },
    plugins: [{ name: 'build-b', transformIndexHtml: (html: string) => html.replace('</head>', '<meta name="headroom-build" content="B" /></head>') }],
  });
  server = await serveStatic('dist', '/headroom/');
}, 300_000);
afterAll(async () => {
  await server?.close();
  rmSync(buildB, { recursive: true, force: true });
});

describe('updates', { timeout: 240_000 }, () => {
  it('a new version waits for the planner, then starts after the edits are saved', async () => {
    const page = await openApp(chromium.context, server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // a planner who has used Headroom before: the page is run by build A's service worker
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    const app = new AppPage(page);
    const [p1, p2] = loadSample().practices;
    await app.sheet('practices');
    await app.type(p1.code, 'registered', '11111');
    await app.waitSaved();

    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations++;
    });
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    server.serve(buildB);
    // the browser looks for a new service worker on its own (on navigation, and the app hourly); ask now
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.locator('[data-notice="update"]');
    await prompt.waitFor({ timeout: 90_000 });
    expect(await prompt.textContent()).toContain('A new version of Headroom is ready');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting?.state)).toBe('installed');
    // still build A, the same document, the same screen: nothing reloaded under the planner
    await page.waitForTimeout(2000);
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.locator('meta[name="headroom-build"]').count()).toBe(0);
    expect(await app.cellText(p1.code, 'registered')).toBe('11,111');

    // an edit typed just before choosing to update is saved before the switch
    await app.type(p2.code, 'registered', '22222');
    const reloaded = page.waitForEvent('load', { timeout: 90_000 });
    await page.click('[data-action="apply-update"]');
    await reloaded;
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    expect(await page.getAttribute('meta[name="headroom-build"]', 'content')).toBe('B');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
    await app.sheet('practices');
    expect(await app.cellText(p1.code, 'registered')).toBe('11,111');
    expect(await app.cellText(p2.code, 'registered')).toBe('22,222');
    expect(await page.locator('[data-notice="update"]').count()).toBe(0);
  });
});
