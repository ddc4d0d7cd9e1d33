// Uncertainty: the workbook's ranges and the last Monte Carlo run. A run is kept until the
// workbook, the scenario or the level changes (its figures would no longer describe what is on
// screen); a stopped run keeps nothing, not even the run before it, so nothing half-done or out of
// date is ever shown as current.
import type { OpenWorkbook } from './open-workbook.svelte';
import type { Results } from './results.svelte';
import type { Range, Workbook } from '../model/schema';
import { formatPath, type Path } from '../model/paths';
import type { EntityRef } from '../engine';
import { McCancelled } from '../engine/montecarlo';
import { MonteCarloPool, type McSummary } from '../engine-client/montecarlo';

export type McStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export class Uncertainty {
  status = $state<McStatus>('idle');
  done = $state(0);
  total = $state(0);
  result = $state.raw<McSummary | null>(null);
  error = $state<string | null>(null);
  runs = $state(1000);
  seed = $state(1);
  /** Wall time of the last complete run, for the planner's curiosity and the docs. */
  ms = $state(0);

  readonly #book: OpenWorkbook;
  /** The view on screen (scenario, level); absent where only ranges are edited (the sheets). */
  readonly #results: Results | null;
  #pool: MonteCarloPool | null = null;
  #for: { workbook: Workbook; scenario: string; ref: string } | null = null;

  constructor(book: OpenWorkbook, results: Results | null = null) {
    this.#book = book;
    this.#results = results;
  }

  get workers(): number {
    return this.#pool?.size ?? Math.max(1, Math.min(16, navigator.hardwareConcurrency || 2));
  }

  #key(): { workbook: Workbook | null; scenario: string; ref: string } {
    const r = this.#results;
    return { workbook: this.#book.workbook, scenario: r?.scenario ?? '', ref: r ? `${r.ref.level}:${r.ref.code}` : '' };
  }

  /** The last run, if it still describes the workbook, scenario and level on screen. */
  get current(): McSummary | null {
    const k = this.#key();
    const f = this.#for;
    return this.result && f && f.workbook === k.workbook && f.scenario === k.scenario && f.ref === k.ref ? this.result : null;
  }

  get ranges(): Range[] {
    return this.#book.workbook?.ranges ?? [];
  }

  rangeFor(path: Path): Range | undefined {
    const text = formatPath(path);
    return this.ranges.find((r) => r.path === text);
  }

  /** Sets (or with null removes) the range on one cell, as one undoable edit. Returns a refusal or null. */
  setRange(path: Path, range: { min: number; mode: number | null; max: number } | null): string | null {
    const text = formatPath(path);
    const rest = this.ranges.filter((r) => r.path !== text);
    const next = range ? [...rest, { path: text, ...range }] : rest;
    const r = this.#book.apply([{ path: ['ranges'], value: next }], range ? `Range on ${text}` : `Remove the range on ${text}`);
    return r.refused[0]?.message ?? null;
  }

  async run(): Promise<void> {
    const wb = this.#book.workbook;
    if (!wb || !this.#results || this.status === 'running') return;
    if (!this.ranges.length) {
      this.error = 'No assumption has a range yet: choose a cell in the sheets and use "Range…" to give it one.';
      this.status = 'failed';
      return;
    }
    const key = this.#key();
    const ref: EntityRef = $state.snapshot(this.#results.ref);
    this.#pool ??= new MonteCarloPool();
    this.status = 'running';
    this.error = null;
    this.done = 0;
    this.total = this.runs;
    this.result = null;
    this.#for = null;
    const t0 = performance.now();
    try {
      const result = await this.#pool.run({ workbook: wb, scenario: key.scenario, ref }, {
        runs: this.runs,
        seed: this.seed,
        onProgress: (done, total) => {
          this.done = done;
          this.total = total;
        },
      });
      this.ms = performance.now() - t0;
      this.result = result;
      this.#for = { workbook: wb, scenario: key.scenario, ref: key.ref };
      this.status = 'done';
    } catch (err) {
      if (err instanceof McCancelled) this.status = 'stopped';
      else {
        this.status = 'failed';
        this.error = `The run failed: ${(err as Error).message}`;
      }
    }
  }

  cancel(): void {
    this.#pool?.cancel();
  }

  dispose(): void {
    this.#pool?.dispose();
  }
}
