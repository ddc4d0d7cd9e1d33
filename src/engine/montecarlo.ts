// Monte Carlo over the workbook's ranges (MODEL.md section 11). Each draw sets every ranged value
// from its triangular distribution (min, most likely, max) and runs the engine; P10, P50 and P90 of
// every yearly figure and of the weekly net gap summarise the draws, with the probability that the
// gap has closed in each year and a tornado of how far each range alone moves the gap.
//
// Reproducible: draw i takes its random numbers from mulberry32 (Tommy Ettinger's 32-bit generator,
// public domain) seeded with a hash of (seed, i), so a draw's values depend on nothing but the seed
// and its number: not on the machine, the number of workers or the order they finish in. The
// generator uses only 32-bit integer arithmetic (Math.imul, shifts), and the triangular inverse uses
// one square root, which IEEE 754 rounds the same way everywhere.
import type { Range, Workbook } from '../model/schema';
import { formatPath, getAt, parsePath, type Path } from '../model/paths';
import type { EntityRef } from './results';
import { projectTrial, runTrial, trialBase, TOTAL, type TrialBase, type TrialChange } from './trial';
import { patchedDraws, type PatchedDraws } from './draw';
import { TARGET_KEYS, type TargetKey } from './seek';

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;
export const MC_KEYS: readonly TargetKey[] = TARGET_KEYS;

/** mulberry32: a tiny, well-studied 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of draw i: the run's seed and the draw's number mixed (murmur3's finaliser). */
export function drawSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Inverse of the triangular distribution's CDF at u in [0, 1). A zero-width range gives its value exactly. */
export function triangular(u: number, min: number, mode: number, max: number): number {
  if (max <= min) return min;
  const w = max - min;
  const fc = (mode - min) / w;
  return u < fc ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode));
}

export interface McRange {
  path: string;
  cell: Path;
  min: number;
  mode: number;
  max: number;
}

export interface McInput {
  workbook: Workbook;
  scenario: string;
  ref?: EntityRef;
}

/** What a worker holds between chunks: the scenario's workbook, its ranges and shapes. */
export interface McBase {
  trial: TrialBase;
  ref: EntityRef;
  ranges: McRange[];
  fyLabels: string[];
  T: number;
  /** The figures with no range drawn (the deterministic answer). */
  deterministic: Float64Array;
  deterministicGap: Float64Array;
  /** The workbook compiled once, each draw's values patched in; null when a range has no patch (then each draw compiles). */
  draws: PatchedDraws | null;
}

export function mcBase(input: McInput): McBase {
  const trial = trialBase(input.workbook, input.scenario);
  const ref = input.ref ?? TOTAL;
  const ranges = (input.workbook.ranges ?? []).map((r: Range) => {
    const cell = parsePath(r.path);
    const value = cell ? getAt(trial.workbook, cell) : undefined;
    if (!cell || typeof value !== 'number') throw new Error(`the range on '${r.path}' names no number in this workbook`);
    // most likely: the range's own, or the value the scenario gives the cell, kept inside the range
    const mode = r.mode ?? Math.min(r.max, Math.max(r.min, value));
    return { path: formatPath(cell), cell, min: r.min, mode, max: r.max };
  });
  const r0 = runTrial(trial, [], ref);
  const T = r0.compiled.tl.T;
  const deterministic = new Float64Array(r0.years.length * MC_KEYS.length);
  rowsInto(r0.years, deterministic, 0);
  const deterministicGap = new Float64Array(T);
  gapInto(r0.compiled.layout, r0.block, deterministicGap, 0);
  const draws = patchedDraws(trial, ranges.map((r) => r.cell));
  return { trial, ref, ranges, fyLabels: r0.years.map((y) => y.fy), T, deterministic, deterministicGap, draws };
}

function rowsInto(years: readonly Record<TargetKey, number | null>[], out: Float64Array, at: number): void {
  const K = MC_KEYS.length;
  for (let f = 0; f < years.length; f++) for (let j = 0; j < K; j++) out[at + f * K + j] = years[f][MC_KEYS[j]] ?? NaN;
}

function gapInto(layout: { T: number; base: { demand: number; capacity: number } }, block: Float64Array, out: Float64Array, at: number): void {
  const T = layout.T;
  const d = layout.base.demand * T;
  const c = layout.base.capacity * T;
  for (let t = 0; t < T; t++) out[at + t] = block[d + t] - block[c + t];
}

/** The values of task i: a random draw, or for the tornado one range at an end and the others at most likely. */
function taskValues(base: McBase, seed: number, runs: number, i: number): number[] {
  if (i < runs) return drawValues(base.ranges, seed, i);
  const k = (i - runs) >> 1;
  return base.ranges.map((r, j) => (j !== k ? r.mode : (i - runs) & 1 ? r.max : r.min));
}

/** The values draw i gives each range. */
export function drawValues(ranges: readonly McRange[], seed: number, i: number): number[] {
  const next = mulberry32(drawSeed(seed, i));
  return ranges.map((r) => triangular(next(), r.min, r.mode, r.max));
}

/**
 * Tasks of a run, numbered: 0..runs-1 are random draws; then, for the tornado, each range alone at
 * its minimum and at its maximum (task runs + 2k and runs + 2k + 1), the others at most likely.
 */
export function taskCount(runs: number, nRanges: number): number {
  return runs + 2 * nRanges;
}

export interface McPart {
  from: number;
  to: number;
  /** Per task: every figure of every year, [task][year][key]. */
  years: Float64Array;
  /** Per task: the weekly net gap, [task][week]. */
  gap: Float64Array;
}

export function runTasks(base: McBase, seed: number, runs: number, from: number, to: number): McPart {
  const Y = base.fyLabels.length;
  const K = MC_KEYS.length;
  const years = new Float64Array((to - from) * Y * K);
  const gap = new Float64Array((to - from) * base.T);
  for (let i = from; i < to; i++) {
    const values = taskValues(base, seed, runs, i);
    let t;
    if (base.draws) {
      base.draws.set(values);
      t = projectTrial(base.trial, base.draws.compiled, base.ref, false);
    } else {
      const changes: TrialChange[] = base.ranges.map((r, k) => ({ path: r.cell, value: values[k] }));
      t = runTrial(base.trial, changes, base.ref);
    }
    rowsInto(t.years, years, (i - from) * Y * K);
    gapInto(t.compiled.layout, t.block, gap, (i - from) * base.T);
  }
  return { from, to, years, gap };
}

export interface TornadoBar {
  path: string;
  min: number;
  max: number;
  /** Net gap per week in each year with this range alone at its minimum, and at its maximum. */
  atMin: number[];
  atMax: number[];
}

export interface McSummary {
  runs: number;
  seed: number;
  fyLabels: string[];
  keys: readonly TargetKey[];
  /** [year][key] percentiles over the draws. */
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
  deterministic: Float64Array;
  /** Weekly net gap: percentiles over the draws, and the deterministic line. */
  fan: { p10: Float64Array; p50: Float64Array; p90: Float64Array; deterministic: Float64Array };
  /** Share of draws whose net gap (FY mean) is at most 0, per year. */
  gapClosed: number[];
  tornado: TornadoBar[];
}

/** Linear interpolation between order statistics (Hyndman and Fan type 7, as Excel's PERCENTILE). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const v = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  // between two equal values the formula can drift by an ulp; keep the order statistics' bounds
  return Math.min(Math.max(v, sorted[lo]), sorted[hi]);
}

/** Puts parts (in any order) together into the summary; throws if any task is missing. */
/** What a summary needs to know of the workbook: the parts of McBase that travel between threads. */
export type McShape = Pick<McBase, 'ranges' | 'fyLabels' | 'T' | 'deterministic' | 'deterministicGap'>;

export function shapeOf(b: McBase): McShape {
  return { ranges: b.ranges, fyLabels: b.fyLabels, T: b.T, deterministic: b.deterministic, deterministicGap: b.deterministicGap };
}

export function summarise(base: McShape, seed: number, runs: number, parts: readonly McPart[]): McSummary {
  const Y = base.fyLabels.length;
  const K = MC_KEYS.length;
  const T = base.T;
  const total = taskCount(runs, base.ranges.length);
  const years = new Float64Array(total * Y * K);
  const gap = new Float64Array(total * T);
  const seen = new Uint8Array(total);
  for (const p of parts) {
    years.set(p.years, p.from * Y * K);
    gap.set(p.gap, p.from * T);
    seen.fill(1, p.from, p.to);
  }
  if (seen.includes(0)) throw new Error('the run is incomplete: some draws are missing');
  const col = new Float64Array(runs);
  const p10 = new Float64Array(Y * K);
  const p50 = new Float64Array(Y * K);
  const p90 = new Float64Array(Y * K);
  for (let s = 0; s < Y * K; s++) {
    for (let i = 0; i < runs; i++) col[i] = years[i * Y * K + s];
    col.sort();
    p10[s] = percentile(col, 0.1);
    p50[s] = percentile(col, 0.5);
    p90[s] = percentile(col, 0.9);
  }
  const fan = { p10: new Float64Array(T), p50: new Float64Array(T), p90: new Float64Array(T), deterministic: base.deterministicGap };
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < runs; i++) col[i] = gap[i * T + t];
    col.sort();
    fan.p10[t] = percentile(col, 0.1);
    fan.p50[t] = percentile(col, 0.5);
    fan.p90[t] = percentile(col, 0.9);
  }
  const g = MC_KEYS.indexOf('netGapPerWeek');
  const gapClosed = base.fyLabels.map((_, f) => {
    let n = 0;
    for (let i = 0; i < runs; i++) if (years[i * Y * K + f * K + g] <= 0) n++;
    return runs > 0 ? n / runs : 0;
  });
  const tornado = base.ranges.map((r, k) => {
    const at = (task: number) => base.fyLabels.map((_, f) => years[task * Y * K + f * K + g]);
    return { path: r.path, min: r.min, max: r.max, atMin: at(runs + 2 * k), atMax: at(runs + 2 * k + 1) };
  });
  return { runs, seed, fyLabels: base.fyLabels, keys: MC_KEYS, p10, p50, p90, deterministic: base.deterministic, fan, gapClosed, tornado };
}

/** Anything that can run a chunk of tasks: the engine in this thread, or a worker. */
export interface McRunner {
  open(input: McInput): Promise<McShape> | McShape;
  run(seed: number, runs: number, from: number, to: number): Promise<McPart> | McPart;
}

export interface McOptions {
  runs?: number;
  seed?: number;
  /** Tasks handed to a runner at a time: small enough for smooth progress, large enough to keep messages few. */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

export class McCancelled extends Error {
  constructor() {
    super('the run was stopped; nothing was kept');
  }
}

/**
 * Runs every task over the runners, each taking the next chunk as soon as it is free, and puts the
 * summary together only when every chunk is back: a stopped run returns nothing at all.
 */
export async function runMonteCarlo(input: McInput, runners: readonly McRunner[], opts: McOptions = {}): Promise<McSummary> {
  const runs = Math.floor(opts.runs ?? DEFAULT_RUNS);
  if (!(runs >= 1 && runs <= 100_000)) throw new Error('the number of draws must be a whole number from 1 to 100,000');
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  if (runners.length === 0) throw new Error('no runner to compute the draws');
  // every runner opens the workbook (off this thread when they are workers); one describes it
  const [base] = await Promise.all(runners.map((r) => r.open(input)));
  const total = taskCount(runs, base.ranges.length);
  const chunk = Math.max(1, opts.chunk ?? 25);
  const parts: McPart[] = [];
  let next = 0;
  let done = 0;
  opts.onProgress?.(0, total);
  const work = async (runner: McRunner) => {
    while (next < total) {
      if (opts.cancelled?.()) throw new McCancelled();
      const from = next;
      const to = Math.min(total, from + chunk);
      next = to;
      const part = await runner.run(seed, runs, from, to);
      if (opts.cancelled?.()) throw new McCancelled();
      parts.push(part);
      done += to - from;
      opts.onProgress?.(done, total);
    }
  };
  await Promise.all(runners.map(work));
  return summarise(base, seed, runs, parts);
}

/** The engine in this thread as a runner (the command line, tests). */
export class LocalRunner implements McRunner {
  #base: McBase | null = null;
  open(input: McInput): McShape {
    this.#base = mcBase(input);
    return shapeOf(this.#base);
  }
  run(seed: number, runs: number, from: number, to: number): McPart {
    if (!this.#base) throw new Error('no workbook is open for Monte Carlo');
    return runTasks(this.#base, seed, runs, from, to);
  }
}
