// Results and the view: which scenario, place and year are on screen, and the figures the engine
// worker computed for them. Follows the open workbook: an ordinary edit goes to the worker as an
// edit (it recomputes what the edit touched), anything else reopens the workbook there.
import type { Comparison, EngineClient, ScenarioYears, View, ViewRequest } from '../engine-client';
import type { EntityRef, Meta } from '../engine';
import type { Workbook } from '../model/schema';
import { yearContaining } from '../model/dates';
import type { BookChange, OpenWorkbook } from './open-workbook.svelte';

/** What the results need of the engine client (an in-process engine stands in for it in tests). */
export type Engine = Pick<EngineClient, 'open' | 'openKept' | 'edit' | 'editView' | 'meta' | 'view' | 'compare' | 'parseFile' | 'yearly' | 'seek' | 'cancelSeek'> & Partial<Pick<EngineClient, 'startHelper'>>;

const sameRef = (a: EntityRef, b: EntityRef) => a.level === b.level && a.code === b.code;

/** Resolves when the page next has nothing to do (at most half a second on a busy one). */
function idle(): Promise<void> {
  return new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 0)));
}

export class Results {
  readonly engine: Engine;
  readonly #book: OpenWorkbook;
  #meta = $state.raw<Meta | null>(null);
  #view = $state.raw<View | null>(null);
  /** Every scenario's figures, asked after the view on screen has been answered. */
  #comparison = $state.raw<Comparison | null>(null);
  /** The view with every scenario's figures once they are of the view's own revision, never mixed. */
  #merged = $derived.by(() => {
    const v = this.#view;
    const c = this.#comparison;
    if (!v || v.scenarios || !c || c.revision !== v.revision || !sameRef(c.ref, v.request.ref)) return v;
    return { ...v, scenarios: c.scenarios };
  });
  #computing = $state(false);
  #error = $state<string | null>(null);
  #scenario = $state('');
  #ref = $state.raw<EntityRef>({ level: 'total', code: '' });
  #fy = $state('');
  /** True when the worker holds the same workbook as the page. */
  #inSync = false;
  /** A workbook sent to the worker before the page opened it (see `preload`). */
  #early: { wb: Workbook; meta: Promise<Meta> } | null = null;

  constructor(engine: Engine, book: OpenWorkbook) {
    this.engine = engine;
    this.#book = book;
  }

  get meta(): Meta | null {
    return this.#meta;
  }
  /** The figures on screen; `scenarios` is null while the other scenarios are being brought up to date. */
  get view(): View | null {
    return this.#merged;
  }
  /**
   * The last complete comparison of every scenario for the entity on screen, and whether it is of
   * the same revision as the view (when not, the page marks it as being updated).
   */
  get comparison(): { scenarios: ScenarioYears[]; current: boolean } | null {
    const v = this.#merged;
    if (v?.scenarios) return { scenarios: v.scenarios, current: true };
    const c = this.#comparison;
    return v && c && sameRef(c.ref, v.request.ref) ? { scenarios: c.scenarios, current: false } : null;
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
    this.#comparison = null;
    if (wb && !wb.scenarios.some((s) => s.id === this.#scenario)) this.#scenario = wb.scenarios[0]?.id ?? '';
    this.#ref = { level: 'total', code: '' };
    await this.reopen();
  }

  /**
   * Opens a checked workbook that is about to be opened (a file, or the sample on a first visit)
   * in the worker now, so that it is computed there while the page stores it: the copy the worker
   * kept when it read the file (`kept`), or else this one, sent. Until the page opens that very
   * workbook the worker no longer holds the page's: the results stop following edits, and any
   * edit or view reopens.
   */
  preload(wb: Workbook, kept?: number): void {
    this.#inSync = false;
    // the scenario `reset` will show: the worker computes it while the page stores the file
    // (England: its first full recompute and the store took about as long, one after the other)
    const scenario = wb.scenarios.some((s) => s.id === this.#scenario) ? this.#scenario : wb.scenarios[0]?.id;
    // (if the worker has read another file since, it is sent this one after all)
    const meta = kept === undefined ? this.engine.open(wb, scenario) : this.engine.openKept(kept, wb.name, scenario).catch(() => this.engine.open(wb, scenario));
    meta.catch(() => undefined); // reported when reopen awaits it
    this.#early = { wb, meta };
  }

  /** Sends the whole workbook to the worker, unless it has problems (results wait for a fix). */
  async reopen(): Promise<void> {
    const wb = this.#book.workbook;
    const early = this.#early;
    this.#early = null;
    this.#inSync = false;
    if (!wb || this.#book.problems.length) return;
    try {
      performance.mark('headroom:engine-open');
      this.#meta = await (early?.wb === wb ? early.meta : this.engine.open(wb));
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
    const applied = edits.map((e) => ({ path: e.path, value: e.value }));
    const failed = (err: unknown) => {
      this.#error = `The engine could not apply that edit: ${(err as Error).message}`;
      void this.reopen();
    };
    // names appear in the results' lists and legends: take them afresh after a rename
    if (edits.some((e) => e.path[e.path.length - 1] === 'name')) {
      this.engine
        .edit(applied)
        .then(async () => {
          this.#meta = await this.engine.meta();
          await this.refresh();
        })
        .catch(failed);
      return;
    }
    const request = this.#request();
    if (!request) {
      this.engine.edit(applied).catch(failed);
      return;
    }
    // the edit and the figures after it in one round trip to the worker
    void this.#show(this.engine.editView(applied, request), failed);
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

  /** The view on screen, once the workbook is in the worker and a scenario and year are chosen. */
  #request(): ViewRequest | null {
    return this.#inSync && this.#scenario && this.#fy ? { scenario: this.#scenario, ref: this.#ref, fy: this.#fy } : null;
  }

  async refresh(): Promise<void> {
    const request = this.#request();
    if (request) await this.#show(this.engine.view(request));
  }

  async #show(answer: Promise<View | null>, failed?: (err: unknown) => void): Promise<void> {
    this.#computing = true;
    try {
      const v = await answer;
      if (v) {
        if (!this.#view) performance.mark('headroom:first-view');
        this.#view = v;
        this.#error = null;
        if (!v.scenarios) void this.#compare(v.request.ref);
      }
    } catch (err) {
      if (failed) failed(err);
      else this.#error = `The engine could not compute the results: ${(err as Error).message}`;
    } finally {
      this.#computing = false;
    }
  }

  /** The other scenarios, after the one on screen (the engine client runs this only when no view waits). */
  async #compare(ref: EntityRef): Promise<void> {
    // asked once the page is idle (its charts drawn): a full recompute of the other scenarios
    // keeps both cores busy, which would otherwise slow the drawing of the view just answered
    await idle();
    try {
      const c = await this.engine.compare(ref);
      if (c) this.#comparison = c;
    } catch (err) {
      this.#error = `The engine could not compute the other scenarios: ${(err as Error).message}`;
    }
  }
}
