// One "what if" computed from scratch: a scenario's view of the workbook with some values changed,
// compiled and projected, read at one level. Goal seek and Monte Carlo run many of these; both go
// through here so that a value they report is exactly what the engine gives with it written in.
import type { Scenario, Workbook } from '../model/schema';
import { setAt, type Path } from '../model/paths';
import { compile, type Compiled } from './compile';
import { emptyResults, NSTAT, recompute, scratchFor, type Results, type Scratch } from './project';
import { applyScenario, findScenario } from './scenario';
import { entityBlock, entityView, fundingShare, yearRows, type EntityRef, type YearRow } from './results';

export const TOTAL: EntityRef = { level: 'total', code: '' };

export interface TrialChange {
  path: Path;
  value: number;
}

export interface TrialResult {
  compiled: Compiled;
  years: YearRow[];
  /** Weekly series of the entity read (layout.ts). */
  block: Float64Array;
}

/** A scenario with its overrides written into the workbook, ready for trials. */
export interface TrialBase {
  workbook: Workbook;
  /** The scenario's interventions, with no overrides left to apply. */
  scenario: Scenario;
  /**
   * Result and working arrays kept from the last trial: a trial changes values, never the shape
   * of the workbook, and a full recompute overwrites every figure, so they are reused rather than
   * allocated afresh (about a megabyte a trial for the sample, which kept the collector busy).
   */
  memory?: { results: Results; scratch: Scratch; size: number };
}

export function trialBase(wb: Workbook, scenarioId: string): TrialBase {
  const s = findScenario(wb, scenarioId);
  return { workbook: applyScenario(wb, s), scenario: { ...s, overrides: [] } };
}

export function runTrial(base: TrialBase, changes: readonly TrialChange[], ref: EntityRef = TOTAL): TrialResult {
  let wb = base.workbook;
  for (const c of changes) wb = setAt(wb, c.path, c.value);
  return projectTrial(base, compile(wb, base.scenario), ref, true);
}

/**
 * Projects a compiled trial in the base's kept memory and reads one entity. With `copy` false, the
 * whole workbook's or a system's block is a view of that memory (no copy of about half a megabyte a
 * trial), good only until the next trial.
 */
export function projectTrial(base: TrialBase, compiled: Compiled, ref: EntityRef, copy: boolean): TrialResult {
  const fits = base.memory && base.memory.size === compiled.layout.size && base.memory.results.places.count === compiled.places.codes.length && base.memory.results.pcnFy.length === emptyPcnFyLength(compiled);
  if (!fits) base.memory = { results: emptyResults(compiled), scratch: scratchFor(compiled), size: compiled.layout.size };
  const { results, scratch } = base.memory!;
  recompute(compiled, results, null, scratch);
  const block = copy ? entityBlock(compiled, results, ref, scratch) : entityView(compiled, results, ref, scratch);
  return { compiled, years: yearRows(compiled, block, fundingShare(compiled, ref)), block };
}

function emptyPcnFyLength(c: Compiled): number {
  return c.pcns.codes.length * c.tl.fyLabels.length * NSTAT;
}

/** Mean over a financial year's weeks of one series of an entity block. */
export function fyMean(c: Compiled, block: Float64Array, series: number, fy: number): number {
  const T = c.tl.T;
  const first = c.tl.fyFirstWeek[fy];
  const count = c.tl.fyWeekCount[fy];
  let sum = 0;
  for (let t = first; t < first + count; t++) sum += block[series * T + t];
  return sum / count;
}
