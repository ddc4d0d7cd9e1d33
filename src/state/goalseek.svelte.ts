// Goal seek as the app runs it: in the engine worker, with progress, and an answer that can be
// written in as one undoable edit or kept as a new scenario. The answer is dropped once the
// workbook changes (it would describe a workbook that no longer exists).
import type { OpenWorkbook } from './open-workbook.svelte';
import type { Results } from './results.svelte';
import type { Workbook } from '../model/schema';
import { parsePath } from '../model/paths';
import type { SeekProgress, SeekRequest, SeekResult } from '../engine';
import { ScenarioEditor } from './scenarios.svelte';

export type SeekStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export class GoalSeek {
  status = $state<SeekStatus>('idle');
  progress = $state.raw<SeekProgress | null>(null);
  result = $state.raw<SeekResult | null>(null);
  request = $state.raw<SeekRequest | null>(null);
  error = $state<string | null>(null);
  readonly #book: OpenWorkbook;
  readonly #results: Results;
  #for: Workbook | null = null;

  constructor(book: OpenWorkbook, results: Results) {
    this.#book = book;
    this.#results = results;
  }

  get current(): SeekResult | null {
    return this.result && this.#for === this.#book.workbook ? this.result : null;
  }

  async run(request: SeekRequest): Promise<void> {
    if (this.status === 'running') return;
    this.status = 'running';
    this.progress = null;
    this.result = null;
    this.error = null;
    this.request = request;
    const wb = this.#book.workbook;
    try {
      const r = await this.#results.engine.seek(request, (p) => (this.progress = p));
      this.result = r;
      this.#for = wb;
      this.status = 'done';
    } catch (err) {
      const msg = (err as Error).message;
      this.status = /stopped/.test(msg) ? 'stopped' : 'failed';
      this.error = this.status === 'failed' ? msg : null;
    }
  }

  cancel(): void {
    void this.#results.engine.cancelSeek();
  }

  /**
   * Writes the answer in as one undoable edit: into the scenario's own override where it has one
   * for the cell, into the base workbook otherwise.
   */
  apply(): string | null {
    const r = this.current;
    const req = this.request;
    const wb = this.#book.workbook;
    if (!r || !req || !wb) return 'the answer no longer matches the workbook: seek again';
    const scenario = wb.scenarios.find((s) => s.id === req.scenario);
    const overrides = scenario ? [...scenario.overrides] : [];
    const edits: { path: (string | number)[]; value: unknown }[] = [];
    for (const e of r.edits) {
      const path = parsePath(e.path)!;
      const i = overrides.findIndex((o) => o.path === e.path);
      if (i >= 0) overrides[i] = { path: e.path, value: e.value };
      else edits.push({ path, value: e.value });
    }
    if (scenario && overrides.some((o, i) => o !== scenario.overrides[i])) edits.push({ path: ['scenarios', scenario.id, 'overrides'], value: overrides });
    const res = this.#book.apply(edits, `Goal seek: ${r.path} = ${r.value.toPrecision(6)}`);
    return res.refused[0]?.message ?? null;
  }

  /** Keeps the answer as a new scenario: a copy of the one sought in, overriding the lever. */
  applyAsScenario(name: string): string | null {
    const r = this.current;
    const req = this.request;
    if (!r || !req) return 'the answer no longer matches the workbook: seek again';
    const id = new ScenarioEditor(this.#book).duplicate(req.scenario, name, r.edits);
    if (!id) return 'the scenario could not be added';
    this.#results.setView({ scenario: id });
    return null;
  }
}
