// One open workbook and its projections, one per scenario, kept between edits so that an edit
// recomputes only what it touched. Used in the same way by the worker, the command line and tests.
import type { Workbook } from '../model/schema';
import { formatPath, getAt, rowKey, setAt, type Path } from '../model/paths';
import { compile, refreshLists, type Compiled } from './compile';
import { parseEdits, type Edit } from './edits';
import { applyScenario, findScenario, overriddenPaths } from './scenario';
import { emptyResults, recompute, scratchFor, type Results, type Scratch } from './project';
import { HELPER_MIN_PCNS, HELPER_TIMEOUT_MS, recomputeShared, type Helper, type HelperOptions } from './parallel';
import { entityBlock, fundingShare, listEntities, pcnYear, yearRows, type Entity, type EntityRef, type PcnYear, type YearRow } from './results';
import type { Layout } from './layout';
import { explainFigure, isFigureKey, FIGURE_KEYS, type Explanation, type Period } from './explain';
import { mondayOf } from './timeline';

export type { Edit } from './edits';

/** The place blocks scenarios not on screen may hold before `trim` lets them go (see there). */
export const PLACE_BYTES_KEPT = 16 * 2 ** 20;

/** What the last edit made the engine do, for tests and benchmarks. */
export type RecomputeKind = 'none' | 'places' | 'full';

interface Run {
  compiled: Compiled;
  results: Results;
  scratch: Scratch;
  overridden: Set<string>;
  /** Needs a full compile before it can be read. */
  stale: boolean;
  /** Compiled but not yet projected (compiled only to describe the workbook). */
  unprojected: boolean;
  /** Places to recompute before reading, and the systems whose list sizes changed. */
  dirtyPlaces: Set<number>;
  listSystems: Set<number>;
  lastKind: RecomputeKind;
  /** Threads that took part in the last full recompute. */
  threads: 1 | 2;
}

export interface Meta {
  layout: Layout;
  fyLabels: readonly string[];
  /** The first week of each financial year, for axis ticks. */
  fyFirstWeek: readonly number[];
  startDate: string;
  roles: { id: string; name: string; group: string; contactsPerDay: number; safeContactsPerDay: number | null }[];
  needs: { id: string; name: string }[];
  scenarios: { id: string; name: string; description: string }[];
  entities: Entity[];
}

export class Projection {
  #workbook: Workbook;
  readonly #runs = new Map<string, Run>();
  /** Scenarios being brought up to date by `prepare`, until they are. */
  readonly #preparing = new Map<string, Promise<RecomputeKind>>();
  /** Counts every change to the workbook, so the helper can be checked to be in step. */
  #revision = 0;
  #helper: Helper | null = null;
  #helperOptions: Required<HelperOptions> = { minPcns: HELPER_MIN_PCNS, timeoutMs: HELPER_TIMEOUT_MS };
  #helperProblem: string | null = null;

  constructor(workbook: Workbook) {
    this.#workbook = workbook;
  }

  get workbook(): Workbook {
    return this.#workbook;
  }

  /** Replaces the workbook: every scenario recomputes in full on next read. */
  setWorkbook(workbook: Workbook): void {
    this.#workbook = workbook;
    this.#runs.clear();
    this.#revision++;
    this.#helper?.open(workbook, this.#revision).catch((e: unknown) => this.#dropHelper(e));
  }

  /**
   * Shares full recomputes of large workbooks with a second thread (see parallel.ts). The helper
   * is sent the workbook now and every edit from here on.
   */
  attachHelper(helper: Helper, options: HelperOptions = {}): void {
    this.#helper = helper;
    this.#helperOptions = { minPcns: options.minPcns ?? HELPER_MIN_PCNS, timeoutMs: options.timeoutMs ?? HELPER_TIMEOUT_MS };
    this.#helperProblem = null;
    helper.open(this.#workbook, this.#revision).catch((e: unknown) => this.#dropHelper(e));
  }

  /**
   * How many threads the next full recompute of this workbook will use: work is split by whole
   * systems, so a workbook of one system stays on one thread however large it is.
   */
  get threads(): 1 | 2 {
    const wb = this.#workbook;
    return this.#helper && wb.pcns.length >= this.#helperOptions.minPcns && wb.systems.length >= 2 ? 2 : 1;
  }

  /** Why the helper was let go, if it failed (the engine then carries on alone). */
  get helperProblem(): string | null {
    return this.#helperProblem;
  }

  #dropHelper(e: unknown): void {
    if (!this.#helper) return;
    this.#helper = null;
    this.#helperProblem = e instanceof Error ? e.message : String(e);
  }

  /**
   * Applies edits to the base workbook (values must already be valid: the state layer checks them)
   * and marks what each scenario must recompute.
   */
  applyEdits(edits: readonly Edit[]): void {
    const parsed = parseEdits(edits);
    // all or nothing: a bad path in the batch leaves the workbook as it was
    let next = this.#workbook;
    for (const e of parsed) next = setAt(next, e.path, e.value);
    this.#workbook = next;
    this.#revision++;
    this.#helper?.edit(parsed.map((e) => ({ path: e.path, value: e.value })), this.#revision).catch((err: unknown) => this.#dropHelper(err));
    for (const run of this.#runs.values()) {
      if (run.stale) continue;
      if (run.unprojected) {
        run.stale = true; // nothing computed to patch: compile afresh when it is read
        continue;
      }
      for (const e of parsed) {
        if (run.overridden.has(e.text)) continue; // the scenario keeps its own value
        if (readsNothing(e.path)) continue;
        if (!this.#patch(run, e.path, e.value)) {
          run.stale = true;
          break;
        }
      }
    }
  }

  /** Fast paths: a practice's list, or one WTE figure. Returns false when a full compile is needed. */
  #patch(run: Run, path: Path, value: unknown): boolean {
    const c = run.compiled;
    const [table, key, field] = path;
    if (path.length !== 3 || typeof value !== 'number') return false;
    if (table === 'practices' && (field === 'registered' || field === 'weighted')) {
      const p = c.practices.codes.indexOf(String(key));
      if (p < 0) return false;
      if (field === 'registered') {
        c.practices.registered[p] = value;
        // a practice with no weighted list of its own is weighted by its registered list (as compile() does)
        const row = getAt(this.#workbook, ['practices', key]) as Workbook['practices'][number] | undefined;
        if (row?.weighted === null && !run.overridden.has(formatPath(['practices', key, 'weighted']))) c.practices.weighted[p] = value;
      } else c.practices.weighted[p] = value;
      // need weighting and list shares tie every PCN of the practice's system together
      const sys = c.places.system[c.pcns.place[c.practices.pcn[p]]];
      c.places.system.forEach((s, place) => {
        if (s === sys) run.dirtyPlaces.add(place);
      });
      run.listSystems.add(sys);
      return true;
    }
    if (table === 'workforce' && field === 'wte') {
      const row = getAt(this.#workbook, ['workforce', key]) as Workbook['workforce'][number] | undefined;
      if (!row || rowKey('workforce', row) !== String(key)) return false;
      const j = c.roles.ids.indexOf(row.role);
      if (j < 0) return false;
      let n: number;
      if (row.level === 'practice') {
        const p = c.practices.codes.indexOf(row.code);
        if (p < 0) return false;
        c.practiceWte[p * c.roles.n + j] = value;
        n = c.practices.pcn[p];
      } else {
        n = c.pcns.codes.indexOf(row.code);
        if (n < 0) return false;
        c.pcnHeldWte[n * c.roles.n + j] = value;
      }
      run.dirtyPlaces.add(c.pcns.place[n]);
      return true;
    }
    return false;
  }

  /** A scenario compiled from the workbook as it is now, its results not yet computed. */
  #newRun(scenarioId: string): Run {
    const scenario = findScenario(this.#workbook, scenarioId);
    const compiled = compile(applyScenario(this.#workbook, scenario), scenario);
    const results = emptyResults(compiled);
    const scratch = scratchFor(compiled);
    return { compiled, results, scratch, overridden: overriddenPaths(scenario), stale: false, unprojected: true, dirtyPlaces: new Set(), listSystems: new Set(), lastKind: 'full', threads: 1 };
  }

  /**
   * Brings a scenario up to date like `refresh`, but a full recompute of a large workbook is shared
   * with the helper: it projects about half of the systems while this thread does the rest. If the
   * helper fails, is out of step or does not answer, this thread does its half too.
   */
  prepare(scenarioId: string): Promise<RecomputeKind> {
    // asked again while a shared recompute of it is under way (a view while the worker gets the
    // figures of a file just opened ready): wait for that one rather than start a second
    const underWay = this.#preparing.get(scenarioId);
    if (underWay) return underWay.catch(() => undefined).then(() => this.prepare(scenarioId));
    const p = this.#prepare(scenarioId);
    this.#preparing.set(scenarioId, p);
    const done = () => {
      if (this.#preparing.get(scenarioId) === p) this.#preparing.delete(scenarioId);
    };
    p.then(done, done);
    return p;
  }

  async #prepare(scenarioId: string): Promise<RecomputeKind> {
    const existing = this.#runs.get(scenarioId);
    const helper = this.#helper;
    if ((existing && !existing.stale && !existing.unprojected) || !helper || this.threads === 1) return this.refresh(scenarioId);
    const revision = this.#revision;
    // asked first, so that the helper compiles while this thread does
    const pending = helper.project(scenarioId, revision);
    let run: Run;
    try {
      run = existing && !existing.stale ? existing : this.#newRun(scenarioId);
    } catch (e) {
      pending.catch(() => undefined); // the helper fails the same way; this error is the one to report
      throw e;
    }
    const problem = await recomputeShared(run.compiled, run.results, run.scratch, pending, revision, this.#helperOptions.timeoutMs);
    if (problem) this.#dropHelper(problem);
    else run.threads = 2;
    // edited while this was computing: the run is already behind, so start again on this thread
    if (this.#revision !== revision) {
      this.#runs.delete(scenarioId);
      return this.refresh(scenarioId);
    }
    run.unprojected = false;
    this.#runs.set(scenarioId, run);
    return 'full';
  }

  /** A scenario's compiled workbook, without projecting it if that has not been done yet. */
  #compiledOnly(scenarioId: string): Compiled {
    let run = this.#runs.get(scenarioId);
    if (!run || run.stale) {
      run = this.#newRun(scenarioId);
      this.#runs.set(scenarioId, run);
    }
    return run.compiled;
  }

  #run(scenarioId: string): Run {
    let run = this.#runs.get(scenarioId);
    if (!run || run.stale || run.unprojected) {
      if (!run || run.stale) run = this.#newRun(scenarioId);
      recompute(run.compiled, run.results, null, run.scratch);
      run.unprojected = false;
      run.dirtyPlaces = new Set();
      run.listSystems = new Set();
      run.lastKind = 'full';
      this.#runs.set(scenarioId, run);
    } else if (run.dirtyPlaces.size > 0) {
      if (run.listSystems.size > 0) refreshLists(run.compiled, run.listSystems);
      recompute(run.compiled, run.results, run.dirtyPlaces, run.scratch);
      run.dirtyPlaces = new Set();
      run.listSystems = new Set();
      run.lastKind = 'places';
    } else run.lastKind = 'none';
    return run;
  }

  /**
   * Lets go of the place blocks of every scenario but `keep` (the one on screen), once those blocks
   * come to more than PLACE_BYTES_KEPT: their systems, totals and ranking figures stay, so that
   * the comparison still reads them at once, and an edit re-projects the places of the systems it
   * touches (a few milliseconds each), as it does for the helper's places. England holds about
   * 26 MB of blocks per scenario in this thread; the sample never reaches the threshold.
   */
  trim(keep: string, budget = PLACE_BYTES_KEPT): number {
    let dropped = 0;
    const others = [...this.#runs].filter(([id, run]) => id !== keep && !run.stale && !run.unprojected);
    const bytes = others.reduce((sum, [, run]) => sum + run.results.places.held * run.compiled.layout.size * 8, 0);
    if (bytes <= budget) return 0;
    for (const [, run] of others) {
      const { places, placeReady } = run.results;
      for (let p = 0; p < places.count; p++) {
        if (!placeReady[p]) continue;
        placeReady[p] = 0;
        places.drop(p);
        dropped++;
      }
    }
    return dropped;
  }

  /** How many place blocks each computed scenario holds in this thread. */
  held(): Record<string, number> {
    return Object.fromEntries([...this.#runs].filter(([, run]) => !run.stale && !run.unprojected).map(([id, run]) => [id, run.results.places.held]));
  }

  /** Threads that took part in the scenario's last full recompute. */
  threadsUsed(scenarioId: string): 1 | 2 {
    return this.#run(scenarioId).threads;
  }

  /** Brings a scenario up to date and says how much work that took. */
  refresh(scenarioId: string): RecomputeKind {
    return this.#run(scenarioId).lastKind;
  }

  compiled(scenarioId: string): Compiled {
    return this.#run(scenarioId).compiled;
  }

  results(scenarioId: string): Results {
    return this.#run(scenarioId).results;
  }

  yearly(scenarioId: string, ref: EntityRef = { level: 'total', code: '' }): YearRow[] {
    const run = this.#run(scenarioId);
    const block = entityBlock(run.compiled, run.results, ref, run.scratch);
    return assertFinite(yearRows(run.compiled, block, fundingShare(run.compiled, ref)));
  }

  /** Weekly series of one entity (see layout.ts), a fresh array safe to transfer. */
  series(scenarioId: string, ref: EntityRef): Float64Array {
    const run = this.#run(scenarioId);
    return assertFinite(entityBlock(run.compiled, run.results, ref, run.scratch));
  }

  pcnYear(scenarioId: string, fy: string): PcnYear[] {
    const run = this.#run(scenarioId);
    const f = run.compiled.tl.fyLabels.indexOf(fy);
    if (f < 0) throw new Error(`no financial year ${fy} in this workbook's horizon`);
    return pcnYear(run.compiled, run.results, f);
  }

  /**
   * How one figure of one entity was computed, for a financial year (`fy`) or one week (`week`,
   * for a point of a weekly chart), as terms that add up to it (see explain.ts).
   */
  explain(scenarioId: string, ref: EntityRef, key: string, at: { fy: string } | { week: number }): Explanation {
    if (!isFigureKey(key)) throw new Error(`no figure called '${key}'; figures are ${FIGURE_KEYS.join(', ')}`);
    const run = this.#run(scenarioId);
    const c = run.compiled;
    let period: Period;
    if ('fy' in at) {
      const f = c.tl.fyLabels.indexOf(at.fy);
      if (f < 0) throw new Error(`no financial year ${at.fy} in this workbook's horizon (${c.tl.fyLabels[0]} to ${c.tl.fyLabels[c.tl.fyLabels.length - 1]})`);
      period = { first: c.tl.fyFirstWeek[f], count: c.tl.fyWeekCount[f], label: at.fy, fy: f };
    } else {
      if (!Number.isInteger(at.week) || at.week < 0 || at.week >= c.tl.T) throw new Error(`no week ${at.week}: weeks run 0 to ${c.tl.T - 1}`);
      period = { first: at.week, count: 1, label: `week of ${mondayOf(c.tl, at.week)}`, fy: null };
    }
    const block = entityBlock(c, run.results, ref, run.scratch);
    return explainFigure({ c, block, ref, period, fundingShare: fundingShare(c, ref), scenario: { id: scenarioId, overridden: run.overridden } }, key);
  }

  meta(): Meta {
    const wb = this.#workbook;
    const c = this.#compiledOnly(wb.scenarios[0].id);
    return {
      layout: c.layout,
      fyLabels: c.tl.fyLabels,
      fyFirstWeek: Array.from(c.tl.fyFirstWeek),
      startDate: c.tl.start,
      roles: wb.roles.map((r) => ({ id: r.id, name: r.name, group: r.group, contactsPerDay: r.contactsPerDay, safeContactsPerDay: r.safeContactsPerDay })),
      needs: wb.needs.map((n) => ({ id: n.id, name: n.name })),
      scenarios: wb.scenarios.map((s) => ({ id: s.id, name: s.name, description: s.description })),
      entities: listEntities(c),
    };
  }
}

/**
 * The schema's ranges keep every figure finite; this is the backstop. An Infinity or NaN must never
 * reach a chart (Chart.js loops forever on an axis near Number.MAX_VALUE) or a report.
 */
function assertFinite<T extends YearRow[] | Float64Array>(values: T): T {
  const bad = Array.isArray(values) ? values.some((r) => Object.values(r).some((x) => typeof x === 'number' && !Number.isFinite(x))) : values.some((x) => !Number.isFinite(x));
  if (bad) throw new Error('some figures are too large to compute; look for a value far outside any real plan');
  return values;
}

/**
 * A row's note of where its figures came from: the engine reads none, so changing it (the sheets
 * rewrite it with the first edit of a value) recomputes nothing.
 */
function readsNothing(path: Path): boolean {
  return path.length === 3 && path[2] === 'source';
}
