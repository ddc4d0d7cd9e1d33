// Results and the view: which scenario, place and year are on screen, and the figures the engine
// worker computed for them. Follows the open workbook: an ordinary edit goes to the worker as an
// edit (it recomputes what the edit touched), anything else reopens the workbook there.
import type { EngineClient, View, ViewRequest } from '../engine-client';
import type { EntityRef, Meta } from '../engine';
import type { Workbook } from '../model/schema';
import { yearContaining } from '../model/dates';
import type { BookChange, OpenWorkbook } from './open-workbook.svelte';

/** What the results need of the engine client (an in-process engine stands in for it in tests). */
export type Engine = Pick<EngineClient, 'open' | 'edit' | 'meta' | 'view' | 'parseFile' | 'yearly' | 'seek' | 'cancelSeek'>;

export class Results {
  readonly engine: Engine;
  readonly #book: OpenWorkbook;
  #meta = $state.raw<Meta | null>(null);
  #view = $state.raw<View | null>(null);
  #computing = $state(false);
  #error = $state<string | null>(null);
  #scenario = $state('');
  #ref = $state.raw<EntityRef>({ level: 'total', code: '' });
  #fy = $state('');
  /** True when the worker holds the same workbook as the page. */
  #inSync = false;

  constructor(engine: Engine, book: OpenWorkbook) {
    this.engine = engine;
    this.#book = book;
  }

  get meta(): Meta | null {
    return this.#meta;
  }
  get view(): View | null {
    return this.#view;
  }
  get computing(): boolean {
    return this.#computing;
  }
  get engineError(): string | null {
    return this.#error;
  }
  get scenario(): string {
    return this.#scenario;
  }
  get ref(): EntityRef {
    return this.#ref;
  }
  get fy(): string {
    return this.#fy;
  }

  /** A workbook was opened: forget the figures of the last one and compute this one. */
  async reset(): Promise<void> {
    const wb = this.#book.workbook;
    this.#view = null;
    if (wb && !wb.scenarios.some((s) => s.id === this.#scenario)) this.#scenario = wb.scenarios[0]?.id ?? '';
    this.#ref = { level: 'total', code: '' };
    await this.reopen();
  }

  /** Sends the whole workbook to the worker, unless it has problems (results wait for a fix). */
  async reopen(): Promise<void> {
    const wb = this.#book.workbook;
    this.#inSync = false;
    if (!wb || this.#book.problems.length) return;
    try {
      performance.mark('headroom:engine-open');
      this.#meta = await this.engine.open(wb);
      performance.mark('headroom:engine-opened');
      this.#error = null;
      this.#inSync = true;
      if (!this.#meta.fyLabels.includes(this.#fy)) this.#fy = yearContaining(this.#meta.fyLabels);
      await this.refresh();
    } catch (err) {
      this.#error = `The engine could not compute this workbook: ${(err as Error).message}`;
    }
  }

  /** Follows a change to the open workbook. */
  follow(change: Exclude<BookChange, { kind: 'aside' }>): void {
    const wb = this.#book.workbook;
    if (!wb) return;
    if (change.kind === 'replace') {
      void this.reopen();
      return;
    }
    const { edits, hadProblems } = change;
    this.#keepSelectionValid(wb);
    if (this.#book.problems.length) {
      this.#inSync = false;
      return;
    }
    if (hadProblems || !this.#inSync) {
      void this.reopen();
      return;
    }
    const structural = edits.some((e) => e.path.length < 3 || e.path[0] === 'scenarios' || e.path[0] === 'settings');
    if (structural) {
      void this.reopen();
      return;
    }
    // names appear in the results' lists and legends: take them afresh after a rename
    const renamed = edits.some((e) => e.path[e.path.length - 1] === 'name');
    this.engine
      .edit(edits.map((e) => ({ path: e.path, value: e.value })))
      .then(async () => {
        if (renamed) this.#meta = await this.engine.meta();
        await this.refresh();
      })
      .catch((err: unknown) => {
        this.#error = `The engine could not apply that edit: ${(err as Error).message}`;
        void this.reopen();
      });
  }

  /** A deleted scenario or entity cannot stay chosen: fall back to the first scenario, the whole workbook. */
  #keepSelectionValid(wb: Workbook): void {
    if (!wb.scenarios.some((s) => s.id === this.#scenario)) this.#scenario = wb.scenarios[0]?.id ?? '';
    const { level, code } = this.#ref;
    const tables = { system: wb.systems, place: wb.places, pcn: wb.pcns, practice: wb.practices } as const;
    if (level !== 'total' && !tables[level].some((r) => r.code === code)) this.#ref = { level: 'total', code: '' };
  }

  setView(patch: Partial<Pick<ViewRequest, 'scenario' | 'ref' | 'fy'>>): void {
    if (patch.scenario !== undefined) this.#scenario = patch.scenario;
    if (patch.ref !== undefined) this.#ref = { level: patch.ref.level, code: patch.ref.code };
    if (patch.fy !== undefined) this.#fy = patch.fy;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.#inSync || !this.#scenario || !this.#fy) return;
    this.#computing = true;
    try {
      const v = await this.engine.view({ scenario: this.#scenario, ref: this.#ref, fy: this.#fy });
      if (v) {
        if (!this.#view) performance.mark('headroom:first-view');
        this.#view = v;
        this.#error = null;
      }
    } catch (err) {
      this.#error = `The engine could not compute the results: ${(err as Error).message}`;
    } finally {
      this.#computing = false;
    }
  }
}
