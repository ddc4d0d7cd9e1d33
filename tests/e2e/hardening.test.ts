// Hardening beyond the page: the headers a host should send (scripts/vite/headers.ts, sent by
// `vite preview`, which serves every browser test) and Trusted Types required for scripts. The
// built app is used the way a planner uses it (grid, charts, workers, Monte Carlo workers, Excel,
// the service worker) and no Content-Security-Policy or Trusted Types violation may occur.
import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { openApp } from './browser';
import { useChromium } from './chromium';
import { AppPage } from './app';
import { loadSample } from '../../src/sample';

const chromium = useChromium();
const url = inject('baseUrl');

describe('headers and Trusted Types', { timeout: 240_000 }, () => {
  it('sends the CSP with frame-ancestors and Trusted Types, X-Frame-Options and the rest with every file', async () => {
    for (const path of ['', 'index.html', 'sw.js', 'manifest.webmanifest']) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("require-trusted-types-for 'script'");
      expect(csp, path).toContain('trusted-types svelte-trusted-html default');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('allows the inline start scripts the page carries by their hashes, in the header and the page', async () => {
    const res = await fetch(url);
    const html = await res.text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
    expect(inline).toHaveLength(2);
    const header = /script-src ([^;]*)/.exec(res.headers.get('content-security-policy') ?? '')![1].split(' ');
    const meta = /script-src ([^;]*)/.exec(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)![1])![1].split(' ');
    expect(header).toEqual(["'self'", ...inline]);
    expect(meta).toEqual(["'self'", ...inline]);
  });

  it('runs grid, charts, workers, Monte Carlo, Excel and the service worker under Trusted Types with no violation', async () => {
    const violations: string[] = [];
    await chromium.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { violations?: string[] }).violations ??= [];
        (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
      });
    });
    const page = await openApp(chromium.context, url);
    page.on('console', (m) => {
      if (/trusted type|content security policy/i.test(m.text())) violations.push(m.text());
    });
    // enforced: a string where HTML goes is refused outright
    const refused = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x onerror=alert(1)>';
        return 'accepted';
      } catch (err) {
        return (err as Error).name;
      }
    });
    expect(refused).toBe('TypeError');
    // the policy for script addresses allows this site's scripts only
    const foreign = await page.evaluate(() => {
      try {
        new Worker('https://example.org/evil.js');
        return 'started';
      } catch (err) {
        return (err as Error).name;
      }
    });
    expect(foreign).toBe('TypeError');
    // the refusal above was reported as it should be; from here on, nothing may be
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([expect.stringContaining('require-trusted-types-for')]);
    await page.evaluate(() => ((window as unknown as { violations: string[] }).violations = []));
    violations.length = 0;

    const app = new AppPage(page);
    await app.sheet('practices');
    const p = loadSample().practices[0];
    await app.type(p.code, 'registered', '4321');
    await app.waitSaved();
    await page.click('[data-action="open-uncertainty"]');
    await page.fill('[data-field="runs"]', '30');
    await page.dispatchEvent('[data-field="runs"]', 'change');
    await page.click('[data-action="mc-run"]');
    await page.waitForSelector('[data-mc-result]', { timeout: 120_000 });
    await page.keyboard.press('Escape');
    await page.click('[data-action="data-menu"]');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.click('[data-action="export-excel"]');
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    // Workbox registered the service worker through the policy
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration('./').then((r) => !!r?.active), undefined, { timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []);
    expect([...seen, ...violations]).toEqual([]);
  });
});
