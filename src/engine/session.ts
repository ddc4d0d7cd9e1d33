// One open workbook and its projections, one per scenario, kept between edits so that an edit
// recomputes only what it touched. Used in the same way by the worker, the command line and tests.
import type { Workbook } from '../model/schema';
import { formatPath, getAt, parsePath, rowKey, setAt, type Path } from '../model/paths';
import { compile, refreshLists, type Compiled } from './compile';
import { applyScenario, findScenario, overriddenPaths } from './scenario';
import { emptyResults, recompute, scratchFor, type Results, type Scratch } from './project';
import { entityBlock, fundingShare, listEntities, pcnYear, yearRows, type Entity, type EntityRef, type PcnYear, type YearRow } from './results';
import type { Layout } from './layout';

export interface Edit {
  /** Where, as a path (`practices[F81001].registered`) or its segments. */
  path: string | Path;
  value: unknown;
}

/** What the last edit made the engine do, for tests and benchmarks. */
export type RecomputeKind = 'none' | 'places' | 'full';

interface Run {
  compiled: Compiled;
  results: Results;
  scratch: Scratch;
  overridden: Set<string>;
  /** Needs a full compile before it can be read. */
  stale: boolean;
  /** Places to recompute before reading, and the systems whose list sizes changed. */
  dirtyPlaces: Set<number>;
  listSystems: Set<number>;
  lastKind: RecomputeKind;
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
  }

  /**
   * Applies edits to the base workbook (values must already be valid: the state layer checks them)
   * and marks what each scenario must recompute.
   */
  applyEdits(edits: readonly Edit[]): void {
    const parsed = edits.map((e) => {
      const path = typeof e.path === 'string' ? parsePath(e.path) : e.path;
      if (!path) throw new Error(`'${String(e.path)}' is not a workbook path`);
      return { path, text: formatPath(path), value: e.value };
    });
    // all or nothing: a bad path in the batch leaves the workbook as it was
    let next = this.#workbook;
    for (const e of parsed) next = setAt(next, e.path, e.value);
    this.#workbook = next;
    for (const run of this.#runs.values()) {
      if (run.stale) continue;
      for (const e of parsed) {
        if (run.overridden.has(e.text)) continue; // the scenario keeps its own value
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
      if (field === 'registered') c.practices.registered[p] = value;
      else c.practices.weighted[p] = value;
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

  #run(scenarioId: string): Run {
    let run = this.#runs.get(scenarioId);
    if (!run || run.stale) {
      const scenario = findScenario(this.#workbook, scenarioId);
      const compiled = compile(applyScenario(this.#workbook, scenario), scenario);
      const results = emptyResults(compiled);
      const scratch = scratchFor(compiled);
      recompute(compiled, results, null, scratch);
      run = { compiled, results, scratch, overridden: overriddenPaths(scenario), stale: false, dirtyPlaces: new Set(), listSystems: new Set(), lastKind: 'full' };
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
    return yearRows(run.compiled, block, fundingShare(run.compiled, ref));
  }

  /** Weekly series of one entity (see layout.ts), a fresh array safe to transfer. */
  series(scenarioId: string, ref: EntityRef): Float64Array {
    const run = this.#run(scenarioId);
    return entityBlock(run.compiled, run.results, ref, run.scratch);
  }

  pcnYear(scenarioId: string, fy: string): PcnYear[] {
    const run = this.#run(scenarioId);
    const f = run.compiled.tl.fyLabels.indexOf(fy);
    if (f < 0) throw new Error(`no financial year ${fy} in this workbook's horizon`);
    return pcnYear(run.compiled, run.results, f);
  }

  meta(): Meta {
    const wb = this.#workbook;
    const c = this.#run(wb.scenarios[0].id).compiled;
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
