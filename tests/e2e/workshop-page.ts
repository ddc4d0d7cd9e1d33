// Page models for workshop mode: the facilitator's workshop panel and the audience window.
import type { BrowserContext, Page } from 'playwright-core';

export class WorkshopPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.click('[data-layout="workshop"]');
    await this.page.waitForSelector('[data-workshop]');
  }

  /** Picks a value as a lever with the suggested label, range and step. */
  async addLever(path: string): Promise<void> {
    const setup = this.page.locator('[data-lever-setup]');
    if (!(await setup.isVisible())) await this.page.click('[data-action="choose-levers"]');
    await this.page.selectOption('[data-control="lever-path"]', path);
    await this.page.click('[data-lever-setup] button[type="submit"]');
    await this.page.waitForSelector(`[data-lever] [data-lever-input]`);
    await this.page.click('[data-action="choose-levers"]');
  }

  lever(id: string) {
    return this.page.locator(`[data-lever-input="${id}"]`);
  }

  async leverValue(id: string): Promise<number> {
    return Number(await this.page.getAttribute(`[data-lever="${id}"] output`, 'data-lever-value'));
  }

  async pin(name: string): Promise<void> {
    const before = await this.page.locator('[data-snapshot]').count();
    await this.page.fill('[data-control="pin-name"]', name);
    await this.page.click('[data-action="pin"]');
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-snapshot]').length === n, before + 1);
  }

  snapshotNames(): Promise<string[]> {
    return this.page.$$eval('[data-snapshot] .name', (els) => els.map((e) => e.textContent ?? ''));
  }

  /** Presses Present and returns the audience window once it shows figures. */
  async present(context: BrowserContext): Promise<AudiencePage> {
    const popup = context.waitForEvent('page');
    await this.page.click('[data-action="present"]');
    const audience = new AudiencePage(await popup);
    await audience.page.waitForSelector('[data-audience][data-ready="true"]', { timeout: 20_000 });
    return audience;
  }
}

export class AudiencePage {
  constructor(readonly page: Page) {}

  async figure(metric: string): Promise<number> {
    return Number(await this.page.getAttribute(`[data-headline] [data-metric="${metric}"]`, 'data-value'));
  }

  async waitFor(metric: string, value: number): Promise<void> {
    await this.page.waitForFunction(
      ([m, v]) => Number(document.querySelector(`[data-headline] [data-metric="${m}"]`)?.getAttribute('data-value')) === v,
      [metric, value] as const,
      { timeout: 20_000 },
    );
  }

  fy(): Promise<string | null> {
    return this.page.getAttribute('[data-audience-fy]', 'data-audience-fy');
  }
}
