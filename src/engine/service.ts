// The engine as a service: the whole surface the app uses, one method per request. The worker
// exposes exactly this object with Comlink; tests and the command line can call it directly.
// Everything returned is plain data or typed arrays, which the worker copies to the page (see
// workers/engine.worker.ts for why it does not transfer them).
import type { Workbook } from '../model/schema';
import { parseWorkbookBytes, type ReadStage } from '../io/workbook-file';
import type { ParseResult } from '../model/validate';
import { Projection, type Edit, type Meta, type RecomputeKind } from './session';
import type { EntityRef, PcnYear, YearRow } from './results';
import type { Helper } from './parallel';
import { seek, type SeekProgress, type SeekRequest, type SeekResult } from './seek';
import { collectResults, type ResultsData } from '../io/results-export';
import type { Explanation } from './explain';
import { bridge, type Bridge } from './bridge';

export interface ViewRequest {
  scenario: string;
  ref: EntityRef;
  /** Financial year for the PCN ranking, e.g. '2018/19'. */
  fy: string;
}

export interface ScenarioYears {
  id: string;
  name: string;
  years: YearRow[];
}

export interface View {
  /** Increases with every open or edit, so the page can drop answers to older questions. */
  revision: number;
  request: ViewRequest;
  years: YearRow[];
  /** Weekly series of the chosen entity, laid out as in layout.ts. */
  series: Float64Array;
  pcnRanking: PcnYear[];
  /**
   * Every scenario's FY rows for the chosen entity, to compare gaps on one chart; null until the
   * other scenarios have been brought up to the same revision (see `compare`).
   */
  scenarios: ScenarioYears[] | null;
  /** What the chosen scenario had to recompute, and how long the whole answer took. */
  kind: RecomputeKind;
  computeMs: number;
  /** Threads that took part in the chosen scenario's last full recompute (2 with the helper). */
  threads: 1 | 2;
  /** Why the helper was let go, when it failed; the engine then works on one thread. */
  helperProblem: string | null;
}

/** Every scenario's FY rows for one entity, all at one revision of the workbook. */
export interface Comparison {
  revision: number;
  ref: EntityRef;
  scenarios: ScenarioYears[];
}

export class EngineService {
  #projection: Projection | null = null;
  #revision = 0;
  #helper: Helper | null = null;
  #seeking: object | null = null;
  #giveWay = false;
  #kept: { id: number; workbook: Workbook } | null = null;
  #keptCount = 0;
  /** The scenario of the last view: its place blocks are kept, the others' let go (Projection.trim). */
  #onScreen: string | null = null;

  /** Shares full recomputes of large workbooks with a second thread from now on (see parallel.ts). */
  useHelper(helper: Helper): void {
    this.#helper = helper;
    this.#projection?.attachHelper(helper);
  }

  /**
   * Opens a (checked) workbook, replacing whatever was open. With `scenario`, starts computing it
   * once the answer is on its way, for a page that will ask for it when it has stored the workbook.
   */
  open(workbook: Workbook, scenario?: string): Meta {
    performance.mark('headroom:worker:open');
    const p = new Projection(workbook);
    this.#projection = p;
    if (this.#helper) p.attachHelper(this.#helper);
    this.#revision++;
    performance.mark('headroom:worker:compiled');
    if (scenario)
      setTimeout(() => {
        if (this.#projection === p) p.prepare(scenario).catch(() => undefined); // a view reports any failure
      }, 0);
    return p.meta();
  }

  /** Applies checked edits to the open workbook; later views recompute only what they touched. */
  edit(edits: Edit[]): number {
    this.#need().applyEdits(edits);
    return ++this.#revision;
  }

  /**
   * Applies checked edits and answers the view after them, in one round trip: the figures of an
   * edit do not wait for the page to hear of the edit and ask again.
   */
  editView(edits: Edit[], request: ViewRequest): Promise<View> {
    this.edit(edits);
    return this.view(request);
  }

  meta(): Meta {
    return this.#need().meta();
  }

  async view(request: ViewRequest): Promise<View> {
    const p = this.#need();
    const t0 = performance.now();
    this.#onScreen = request.scenario;
    const kind = await p.prepare(request.scenario);
    // only the scenario on screen: the others are brought up to date after it has been answered
    // (`compare`), so an edit's figures never wait for scenarios that are not on screen.
    // An edit that arrived while waiting for the helper is caught up on this thread by the reads.
    const years = p.yearly(request.scenario, request.ref);
    const series = p.series(request.scenario, request.ref);
    const pcnRanking = p.pcnYear(request.scenario, request.fy);
    // a workbook of one scenario has nothing more to compare
    const only = p.workbook.scenarios.length === 1 && p.workbook.scenarios[0].id === request.scenario;
    const scenarios = only ? [{ id: request.scenario, name: p.workbook.scenarios[0].name, years }] : null;
    const threads = p.threadsUsed(request.scenario);
    performance.mark('headroom:worker:view');
    return { revision: this.#revision, request, years, series, pcnRanking, scenarios, kind, computeMs: performance.now() - t0, threads, helperProblem: p.helperProblem };
  }

  /**
   * Every scenario's FY rows for one entity, for the comparison chart and the scenario list. All
   * rows are read after every scenario is up to date, so they belong to one revision, which is
   * returned with them: the page shows them only beside a view of that same revision.
   */
  async compare(ref: EntityRef): Promise<Comparison | null> {
    const p = this.#need();
    this.#giveWay = false;
    for (const s of p.workbook.scenarios) {
      await p.prepare(s.id);
      // a view is waiting (an edit's figures): it goes first, and the page asks again after it
      if (this.#giveWay) return null;
    }
    // reads bring any scenario an edit touched meanwhile up to date on this thread: one revision
    const scenarios = p.workbook.scenarios.map((s) => ({ id: s.id, name: s.name, years: p.yearly(s.id, ref) }));
    this.#trim(p);
    return { revision: this.#revision, ref, scenarios };
  }

  /**
   * Asks a comparison in progress to stop after the scenario it is computing, so that a view
   * waits for one scenario's full recompute at most (England, just opened: not for three).
   * A message sent while `compare` awaits the helper is handled between its scenarios.
   */
  giveWay(): void {
    this.#giveWay = true;
  }

  /** How many place blocks each computed scenario holds here (Projection.trim), for tests and benchmarks. */
  held(): Record<string, number> {
    return this.#need().held();
  }

  /** Headline rows for the whole workbook, as the command line prints them. */
  yearly(scenario: string, ref: EntityRef = { level: 'total', code: '' }): YearRow[] {
    return this.#need().yearly(scenario, ref);
  }

  /**
   * Goal seek on the open workbook (seek.ts). It yields between engine runs, so views and a
   * cancel are answered meanwhile; the open workbook's own results are not touched.
   */
  async seek(request: SeekRequest, onProgress?: (p: SeekProgress) => void): Promise<SeekResult> {
    const token = {};
    this.#seeking = token;
    return seek(this.#need().workbook, request, {
      onProgress,
      cancelled: () => this.#seeking !== token,
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
  }

  /** Stops the goal seek in progress (it rejects with 'goal seek was stopped'). */
  cancelSeek(): void {
    this.#seeking = null;
  }

  /** Every scenario's yearly figures at every level and the chosen view's weekly series, for Excel. */
  async exportResults(view: { scenario: string; ref: EntityRef }): Promise<ResultsData> {
    const p = this.#need();
    // reads every place of every scenario: let the blocks of those not on screen go after it
    const data = await collectResults(p, view);
    this.#trim(p);
    return data;
  }

  /** How one figure was computed (see explain.ts): a financial year, or one week of a weekly chart. */
  explain(scenario: string, ref: EntityRef, key: string, at: { fy: string } | { week: number }): Explanation {
    return this.#need().explain(scenario, ref, key, at);
  }

  /** What each of a scenario's changes buys, in one financial year (see bridge.ts). */
  bridge(scenario: string, ref: EntityRef, fy: string): Bridge {
    return bridge(this.#need().workbook, scenario, fy, ref);
  }

  /**
   * Reads an untrusted file's bytes off the page's thread, telling each stage as it starts. With
   * `keep`, a workbook read is also held here under the returned `kept` number, so that opening it
   * (`openKept`) does not copy it back from the page (England: a long task on each side).
   */
  parseFile(bytes: Uint8Array, onStage?: (stage: ReadStage) => void, keep = false): ParseResult & { kept?: number } {
    const result = parseWorkbookBytes(bytes, onStage ? (s) => void onStage(s) : undefined);
    this.#kept = keep && result.ok ? { id: ++this.#keptCount, workbook: result.workbook } : null;
    return this.#kept ? { ...result, kept: this.#kept.id } : result;
  }

  /**
   * Opens the workbook `parseFile` kept, under the name the page gave it (a second copy is renamed),
   * and starts computing `scenario` once the answer is on its way: the page stores the file
   * meanwhile, and its first view finds the figures computed or being computed.
   */
  openKept(kept: number, name: string, scenario?: string): Meta {
    const held = this.#kept;
    if (held?.id !== kept) throw new Error('the file read is no longer held by the engine');
    this.#kept = null;
    return this.open(held.workbook.name === name ? held.workbook : { ...held.workbook, name }, scenario);
  }

  #trim(p: Projection): void {
    if (this.#projection === p) p.trim(this.#onScreen ?? p.workbook.scenarios[0].id);
  }

  #need(): Projection {
    if (!this.#projection) throw new Error('no workbook is open in the engine');
    return this.#projection;
  }
}
