// The single-file edition, headroom.html, opened from a disk (file://) in real Chromium; and the
// plain messages a page gives where it cannot run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { showBaseYear, showLayout } from './browser';
import { loadSample } from '../../src/sample';
import { Projection } from '../../src/engine';
import { setAt } from '../../src/model/paths';
import { SINGLE_FILE_NAME, SINGLE_OUT_DIR } from '../../scripts/vite/single';

// a shared machine: a first visit also stores the whole app for offline use, so allow time
const chromium = useChromium({ acceptDownloads: true });
beforeEach(() => chromium.context.setDefaultTimeout(60_000));
const singleUrl = pathToFileURL(resolve(SINGLE_OUT_DIR, SINGLE_FILE_NAME)).href;

beforeAll(async () => {
  await build({ mode: 'single', logLevel: 'warn' });
}, 300_000);

describe('single-file edition', { timeout: 240_000 }, () => {
  it('is one file with no eval and no inline script but its own, by hash', () => {
    const html = readFileSync(resolve(SINGLE_OUT_DIR, SINGLE_FILE_NAME), 'utf8');
    const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)![1];
    expect(csp).not.toContain('unsafe-eval');
    const scriptSrc = csp.match(/script-src ([^;]*)/)![1].split(' ');
    // the start-up check, the first view's script and the app, each allowed by its own hash
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts.length).toBe(3);
    expect(scriptSrc.sort()).toEqual(scripts.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`).sort());
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*\shref="(?!data:)/);
  });

  it('opened from file:// shows the headline figures, takes an edit and saves a file', async () => {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(singleUrl);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await showLayout(page, 'split');
    await showBaseYear(page);
    const app = new AppPage(page);
    const sample = loadSample();
    const node = new Projection(sample).yearly('do-nothing')[0];
    expect(await app.headline('netGapPerWeek')).toBeCloseTo(node.netGapPerWeek, 9);
    expect(await app.headline('unmetPerWeek')).toBeCloseTo(node.unmetPerWeek, 9);

    // a chart is drawn
    await page.waitForFunction(() => (document.querySelector('[data-chart="gap"] canvas') as HTMLCanvasElement | null)?.width ?? 0 > 0);

    await app.sheet('workforce');
    await app.filter('F81001');
    const row = 'practice:F81001:gp';
    const wte = sample.workforce.find((w) => w.code === 'F81001' && w.role === 'gp')!.wte;
    const before = await app.headline('netGapPerWeek');
    await app.type(row, 'wte', String(wte + 5));
    const after = await app.waitForHeadlineChange('netGapPerWeek', before);
    expect(after).toBeCloseTo(new Projection(setAt(loadSample(), ['workforce', row, 'wte'], wte + 5)).yearly('do-nothing')[0].netGapPerWeek, 9);

    const download = page.waitForEvent('download');
    await page.click('[data-action="save-file"]');
    const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(saved.workforce.find((w: { code: string; role: string }) => w.code === 'F81001' && w.role === 'gp').wte).toBe(wte + 5);
    expect(errors).toEqual([]);
  });

  it('answers "How sure?" from file://, its Monte Carlo workers built into the page', async () => {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(singleUrl);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await showLayout(page, 'split');
    await new AppPage(page).startHowSure(30);
    await page.waitForSelector('[data-mc-result]', { timeout: 120_000 });
    expect(errors).toEqual([]);
  });

  it('opens a workbook file from the disk as a new workbook', async () => {
    const page = await chromium.context.newPage();
    await page.goto(singleUrl);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await page.setInputFiles('[data-testid="file-input"]', { name: 'tilbury.headroom.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...loadSample(), name: 'Tilbury review' })) });
    await expect.poll(() => page.textContent('[data-message="file"]'), { timeout: 30_000 }).toContain('Opened tilbury.headroom.json as a new workbook');
    await expect.poll(() => page.textContent('[data-testid="workbook-name"]')).toContain('Tilbury review');
  });

  it('says plainly when the browser gives it no lasting storage, and keeps Save to file in view', async () => {
    // as Chromium answers a page opened from a file that has not earned persistent storage
    await chromium.context.addInitScript(() => {
      Object.defineProperty(StorageManager.prototype, 'persist', { value: async () => false });
    });
    const page = await chromium.context.newPage();
    await page.goto(singleUrl);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    const notice = page.locator('[data-notice="no-lasting-storage"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('may not keep your workbooks');
    const download = page.waitForEvent('download');
    await notice.locator('button:has-text("Save to file")').click();
    expect((await download).suggestedFilename()).toMatch(/\.headroom\.json$/);
  });

  it('works in memory, and says so, where the browser gives it no storage at all', async () => {
    await chromium.context.addInitScript(() => {
      Object.defineProperty(IDBFactory.prototype, 'open', {
        value: () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    });
    const page = await chromium.context.newPage();
    await page.goto(singleUrl);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 90_000 });
    await page.locator('[data-notice="no-lasting-storage"]').waitFor();
    expect(await page.locator('[data-message="storage"]').count()).toBe(1);
    await showLayout(page, 'split');
    expect(await new AppPage(page).headline('netGapPerWeek')).toBeGreaterThan(0);
  });

  it('shows a plain message, not a blank page, where the browser cannot run it', async () => {
    // no Web Workers
    await chromium.context.addInitScript(() => {
      delete (window as { Worker?: unknown }).Worker;
    });
    const page = await chromium.context.newPage();
    await page.goto(singleUrl);
    const box = page.locator('#startup-message[data-reason="browser"]');
    await box.waitFor();
    expect(await box.innerText()).toContain('cannot run in this browser');
    expect(await page.locator('.app').count()).toBe(0);
  });

  it('shows a plain message with JavaScript turned off', async () => {
    const context = await chromium.reopen({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(singleUrl);
    expect(await page.locator('.noscript').innerText()).toContain('Headroom needs JavaScript');
    expect(await page.locator('#startup-message').isVisible()).toBe(false);
  });
});

describe('hosted edition opened from a disk', { timeout: 240_000 }, () => {
  it('says to use the single-file edition or a web server instead of showing a blank page', async () => {
    const page = await chromium.context.newPage();
    await page.goto(pathToFileURL(resolve('dist/index.html')).href);
    const box = page.locator('#startup-message[data-reason="file"]');
    await box.waitFor();
    const text = await box.innerText();
    expect(text).toContain('headroom.html');
    expect(text).toContain('web server');
  });
});
