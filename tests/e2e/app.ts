// A page model of the workspace: the steps a planner takes, named as they would say them.
import type { Page } from 'playwright-core';
import { showLayout } from './browser';
import type { Workbook } from '../../src/model/schema';
import { setAt } from '../../src/model/paths';

export class AppPage {
  constructor(readonly page: Page) {}

  async sheet(id: string): Promise<void> {
    // after a reload the app is back on its overview
    if (!(await this.page.locator(`[data-tab="${id}"]`).count())) await showLayout(this.page, 'split');
    await this.page.click(`[data-tab="${id}"]`);
    await this.page.waitForSelector(`[data-sheet="${id}"] .ag-row`);
  }

  /** Opens "How sure?" and starts a Monte Carlo run of the given number of draws. */
  async startHowSure(runs: number): Promise<void> {
    await this.page.click('[data-action="open-uncertainty"]');
    await this.page.waitForSelector('[data-panel="uncertainty"]');
    await this.page.fill('[data-field="runs"]', String(runs));
    await this.page.dispatchEvent('[data-field="runs"]', 'change');
    await this.page.click('[data-action="mc-run"]');
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

  /** What the browser's store holds for the open workbook now: its full copy with every save applied. */
  async stored(): Promise<Workbook> {
    const { rows, batches } = await this.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('headroom');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const names: string[] = Array.from(db.objectStoreNames).filter((n) => n === 'workbooks' || n === 'edits');
      const tx = db.transaction(names);
      const all = (name: string) =>
        names.includes(name)
          ? new Promise<unknown[]>((resolve, reject) => {
              const g = tx.objectStore(name).getAll();
              g.onsuccess = () => resolve(g.result);
              g.onerror = () => reject(g.error);
            })
          : Promise.resolve([]);
      const out = { rows: (await all('workbooks')) as { id: string; revision: number; data: Workbook }[], batches: (await all('edits')) as { workbook: string; revision: number; edits: { path: (string | number)[]; value: unknown }[] }[] };
      db.close();
      return out;
    });
    if (rows.length !== 1) throw new Error(`expected one stored workbook, found ${rows.length}`);
    const row = rows[0];
    const later = batches.filter((b) => b.workbook === row.id && b.revision > row.revision).sort((a, b) => a.revision - b.revision);
    // as the store applies them (src/storage/store.ts), written out so the check does not lean on it
    let data = row.data;
    for (const e of later.flatMap((b) => b.edits)) {
      try {
        data = setAt(data, e.path, e.value);
      } catch {
        // a row deleted in another tab
      }
    }
    return data;
  }

  async chooseScenario(id: string): Promise<void> {
    const before = await this.page.getAttribute('[data-headline] [data-metric="netGapPerWeek"]', 'data-value');
    await this.page.selectOption('[data-control="scenario"]', id);
    await this.page.waitForFunction((b) => document.querySelector('[data-headline] [data-metric="netGapPerWeek"]')?.getAttribute('data-value') !== b, before);
  }
}
