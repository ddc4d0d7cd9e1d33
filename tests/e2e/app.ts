// A page model of the workspace: the steps a planner takes, named as they would say them.
import type { Page } from 'playwright-core';

export class AppPage {
  constructor(readonly page: Page) {}

  async sheet(id: string): Promise<void> {
    await this.page.click(`[data-tab="${id}"]`);
    await this.page.waitForSelector(`[data-sheet="${id}"] .ag-row`);
  }

  async filter(text: string): Promise<void> {
    await this.page.fill('[data-sheet] input[type="search"]', text);
    await this.page.waitForTimeout(150);
  }

  cell(rowId: string, colId: string) {
    return this.page.locator(`[data-sheet] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`).first();
  }

  async cellText(rowId: string, colId: string): Promise<string> {
    return ((await this.cell(rowId, colId).textContent()) ?? '').trim();
  }

  /** Types a value into a cell the way a planner does: select it, type, Enter. */
  async type(rowId: string, colId: string, text: string): Promise<void> {
    await this.cell(rowId, colId).click();
    await this.page.keyboard.press('F2');
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Pastes tab-separated text with the given cell focused, as Ctrl+V from a spreadsheet does. */
  async paste(rowId: string, colId: string, tsv: string): Promise<void> {
    await this.cell(rowId, colId).click();
    await this.page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, tsv);
  }

  async copy(rowId: string, colId: string): Promise<string> {
    await this.cell(rowId, colId).click();
    return this.page.evaluate(() => {
      const dt = new DataTransfer();
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    });
  }

  gridMessage() {
    return this.page.locator('[data-grid-message]');
  }

  /** The full-precision value of a headline figure. */
  async headline(metric: string): Promise<number> {
    const v = await this.page.getAttribute(`[data-headline] [data-metric="${metric}"]`, 'data-value');
    return Number(v);
  }

  async waitForHeadlineChange(metric: string, from: number): Promise<number> {
    await this.page.waitForFunction(
      ([m, f]) => {
        const el = document.querySelector(`[data-headline] [data-metric="${m}"]`);
        return el && Number(el.getAttribute('data-value')) !== f;
      },
      [metric, from] as const,
      { timeout: 10_000 },
    );
    return this.headline(metric);
  }

  /** FY rows of the yearly table, with full-precision values. */
  /** The yearly table as data-value holds it: full precision, null where a figure has no value. */
  async years(): Promise<Record<string, Record<string, number | null>>> {
    return this.page.$$eval('[data-years] tr[data-fy]', (rows) =>
      Object.fromEntries(
        rows.map((r) => [
          r.getAttribute('data-fy')!,
          Object.fromEntries(Array.from(r.querySelectorAll('td[data-metric]')).map((td) => [td.getAttribute('data-metric')!, td.getAttribute('data-value') === 'null' ? null : Number(td.getAttribute('data-value'))])),
        ]),
      ),
    );
  }

  async waitSaved(): Promise<void> {
    await this.page.waitForSelector('[data-status="saved"]', { timeout: 10_000 });
  }

  async chooseScenario(id: string): Promise<void> {
    const before = await this.page.getAttribute('[data-headline] [data-metric="netGapPerWeek"]', 'data-value');
    await this.page.selectOption('[data-control="scenario"]', id);
    await this.page.waitForFunction((b) => document.querySelector('[data-headline] [data-metric="netGapPerWeek"]')?.getAttribute('data-value') !== b, before);
  }
}
