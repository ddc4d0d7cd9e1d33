// The engine as a service: the whole surface the app uses, one method per request. The worker
// exposes exactly this object with Comlink; tests and the command line can call it directly.
// Everything returned is plain data or typed arrays, so it crosses to the page without copying
// (buffers are transferred, see transferablesOf).
import type { Workbook } from '../model/schema';
import { parseWorkbookText } from '../io/workbook-file';
import type { ParseResult } from '../model/validate';
import { Projection, type Edit, type Meta, type RecomputeKind } from './session';
import type { EntityRef, PcnYear, YearRow } from './results';

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
  /** Every scenario's FY rows for the chosen entity, to compare gaps on one chart. */
  scenarios: ScenarioYears[];
  /** What the chosen scenario had to recompute, and how long the whole answer took. */
  kind: RecomputeKind;
  computeMs: number;
}

export class EngineService {
  #projection: Projection | null = null;
  #revision = 0;

  /** Opens a (checked) workbook, replacing whatever was open. */
  open(workbook: Workbook): Meta {
    this.#projection = new Projection(workbook);
    this.#revision++;
    return this.#projection.meta();
  }

  /** Applies checked edits to the open workbook; later views recompute only what they touched. */
  edit(edits: Edit[]): number {
    this.#need().applyEdits(edits);
    return ++this.#revision;
  }

  meta(): Meta {
    return this.#need().meta();
  }

  view(request: ViewRequest): View {
    const p = this.#need();
    const t0 = performance.now();
    const kind = p.refresh(request.scenario);
    const years = p.yearly(request.scenario, request.ref);
    const series = p.series(request.scenario, request.ref);
    const pcnRanking = p.pcnYear(request.scenario, request.fy);
    const scenarios = p.workbook.scenarios.map((s) => ({
      id: s.id,
      name: s.name,
      years: s.id === request.scenario ? years : p.yearly(s.id, request.ref),
    }));
    return { revision: this.#revision, request, years, series, pcnRanking, scenarios, kind, computeMs: performance.now() - t0 };
  }

  /** Headline rows for the whole workbook, as the command line prints them. */
  yearly(scenario: string, ref: EntityRef = { level: 'total', code: '' }): YearRow[] {
    return this.#need().yearly(scenario, ref);
  }

  /** Parses an untrusted file's text off the page's thread. */
  parseFile(text: string): ParseResult {
    return parseWorkbookText(text);
  }

  #need(): Projection {
    if (!this.#projection) throw new Error('no workbook is open in the engine');
    return this.#projection;
  }
}

/** Buffers in a view that can be moved to the page instead of copied. */
export function transferablesOf(view: View): Transferable[] {
  return [view.series.buffer];
}
