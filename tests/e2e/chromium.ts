// One Chromium per test file and a fresh browser profile per test (empty IndexedDB, so the first
// run opens the sample), as vitest hooks shared by the browser test files.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launch } from './browser';

export interface Chromium {
  readonly browser: Browser;
  /** This test's profile. */
  readonly context: BrowserContext;
  /** Swaps this test's profile for a fresh one with other options (a smaller window, say). */
  reopen(options: BrowserContextOptions): Promise<BrowserContext>;
}

export function useChromium(options: BrowserContextOptions = {}): Chromium {
  let browser: Browser;
  let context: BrowserContext;
  const open = async (extra: BrowserContextOptions) => {
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, ...options, ...extra });
    context.setDefaultTimeout(10_000);
    return context;
  };
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    await open({});
  });
  afterEach(async () => {
    await context.close();
  });
  return {
    get browser() {
      return browser;
    },
    get context() {
      return context;
    },
    async reopen(extra) {
      await context.close();
      return open(extra);
    },
  };
}
