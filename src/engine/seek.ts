// Goal seek (MODEL.md section 11): the smallest value of one lever that brings a headline figure to
// a target in a chosen year, found on the engine itself. The lever is any numeric cell, or a group
// of cells scaled together (a path with `*` in a row key, e.g. every PCN's pharmacist WTE:
// `workforce[pcn:*:pharmacist].wte`, whose value is then a factor, 1 = as now).
//
// Method: the figure is computed at five evenly spaced lever values first. They must move one way
// (the engine is monotone in every lever it offers, but a lever outside the model's assumptions may
// not be, and bisection on a non-monotone figure would give a wrong answer silently). The first
// pair that brackets the target is then narrowed by regula falsi with the Illinois fix, which
// converges in a handful of steps on the near-linear response of a gap to staff or appointments,
// and never lets the bracket go: the answer always lies on the side where the target holds.
import type { Workbook } from '../model/schema';
import { checkEdit } from '../model/cells';
import { formatPath, getAt, isKeyedTable, parsePath, rowKey, type KeyedTable, type Path, type Segment } from '../model/paths';
import type { EntityRef, YearRow } from './results';
import { fyMean, runTrial, trialBase, TOTAL, type TrialBase, type TrialChange, type TrialResult } from './trial';
import { FIGURES } from '../model/definitions';

export type TargetKey = Exclude<keyof YearRow, 'fy'>;

export const TARGET_KEYS: readonly TargetKey[] = [
  'netGapPerWeek',
  'unmetPerWeek',
  'netGapAtSafeWorkloadPerWeek',
  'unmetAtSafeWorkloadPerWeek',
  'strandedPerWeek',
  'demandPerWeek',
  'capacityPerWeek',
  'capacityAtSafeWorkloadPerWeek',
  'deliveredPerWeek',
  'gpWte',
  'gpContactsPerGpDay',
  'gpWteNeededSafe',
  'gpWteShortOfSafe',
  'gpHeadcountPer100k',
  'gpWtePer100k',
  'patientsPerGpWte',
  'registeredPatients',
  'navigationShare',
  'arrsNotHiredWte',
  'workforceCostGBP',
  'interventionCostGBP',
  'externalCostGBP',
  'totalCostGBP',
  'costPerAppointmentGBP',
  'fundingGBP',
];

export interface SeekTarget {
  key: TargetKey;
  op: '<=' | '>=';
  value: number;
}

export interface SeekRequest {
  scenario: string;
  /** A cell path, or a group pattern with `*` in row keys. */
  lever: string;
  target: SeekTarget | string;
  fy: string;
  ref?: EntityRef;
  min?: number | null;
  max?: number | null;
  /** The lever as the planner chose it ("Recruit 120 GPs"), for the messages; the path otherwise. */
  label?: string;
}

export interface SeekProgress {
  iterations: number;
  /** Lever values known to miss and to meet the target (null until found). */
  low: number | null;
  high: number | null;
}

export interface SeekResult {
  path: string;
  /** The lever value found (a factor for a group), or the end of the range nearest the target. */
  value: number;
  /** The figure at that value. */
  achieved: number;
  reached: boolean;
  /** Engine runs made. */
  iterations: number;
  target: SeekTarget;
  fy: string;
  group: boolean;
  /** The lever's value now (1 for a group) and the figure now. */
  current: number;
  currentFigure: number;
  min: number;
  max: number;
  /** The edits that write the answer in: one per cell (several for a group). */
  edits: { path: string; value: number }[];
  /** What happened, in a planner's words. */
  message: string;
}

export class SeekError extends Error {}

export interface SeekOptions {
  onProgress?: (p: SeekProgress) => void;
  /** Asked between engine runs; true stops the search with a SeekError. */
  cancelled?: () => boolean;
  /** Awaited between engine runs, so a worker can take messages (a cancel) meanwhile. */
  pause?: () => Promise<void>;
}

/** Reads "netGapPerWeek<=0" or "gpContactsPerGpDay >= 25". */
export function parseTarget(text: string): SeekTarget {
  const m = /^\s*([A-Za-z0-9]+)\s*(<=|>=)\s*(\S+)\s*$/.exec(text);
  if (!m) throw new SeekError(`target '${text}' must read like netGapPerWeek<=0: a figure, <= or >=, and a number`);
  const key = m[1] as TargetKey;
  if (!TARGET_KEYS.includes(key)) throw new SeekError(`'${m[1]}' is not a figure Headroom reports; one of ${TARGET_KEYS.join(', ')}`);
  const value = Number(m[3]);
  if (!Number.isFinite(value)) throw new SeekError(`target '${text}': '${m[3]}' is not a number`);
  return { key, op: m[2] as '<=' | '>=', value };
}

export interface Lever {
  text: string;
  cells: Path[];
  bases: number[];
  group: boolean;
  integer: boolean;
  /** Roles the lever adds to or changes, to explain a target it cannot reach. */
  roles: string[];
}

/** Finds the cell (or cells) a lever names in the scenario's workbook. */
export function resolveLever(wb: Workbook, text: string): Lever {
  const path = parsePath(text.trim());
  if (!path) throw new SeekError(`'${text}' is not a workbook path (for example roles[gp].contactsPerDay or workforce[pcn:*:pharmacist].wte)`);
  if (path[0] === 'scenarios' || path[0] === 'ranges' || (path[0] === 'settings' && (path[1] === 'startDate' || path[1] === 'horizonYears'))) {
    throw new SeekError(`${formatPath(path)} cannot be a lever`);
  }
  const group = path.some((s) => typeof s === 'string' && s.includes('*'));
  const cells = group ? expand(wb, path) : [path];
  if (cells.length === 0) throw new SeekError(`'${text}' matches no cell in this workbook`);
  const bases = cells.map((p) => {
    const v = getAt(wb, p);
    if (typeof v !== 'number') throw new SeekError(`${formatPath(p)} ${v === undefined ? 'is not in this workbook' : 'is not a number'}`);
    return v;
  });
  // a whole-number cell (weeks of lag) is sought over whole numbers
  const integer = !group && checkEdit(wb, cells[0], bases[0] + 0.5).ok === false && checkEdit(wb, cells[0], bases[0] + 1).ok;
  const roles = new Set<string>();
  for (const p of cells) for (const r of leverRoles(wb, p)) roles.add(r);
  return { text: formatPath(path), cells, bases, group, integer, roles: [...roles] };
}

function expand(wb: Workbook, path: Path): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, i: number, prefix: Segment[], parent: string) => {
    if (i === path.length) {
      out.push(prefix);
      return;
    }
    const seg = path[i];
    if (Array.isArray(node) && isKeyedTable(parent) && typeof seg === 'string' && seg.includes('*')) {
      const re = new RegExp('^' + seg.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
      for (const row of node as object[]) {
        const k = rowKey(parent as KeyedTable, row);
        if (re.test(k)) walk(row, i + 1, [...prefix, k], '');
      }
      return;
    }
    // rows of a keyed table by key, anything else by name or position
    const next = Array.isArray(node) && isKeyedTable(parent) ? getAt({ [parent]: node }, [parent, seg]) : getAt(node, [seg]);
    if (next === undefined) return;
    walk(next, i + 1, [...prefix, seg], typeof seg === 'string' ? seg : '');
  };
  walk(wb, 0, [], '');
  return out;
}

function leverRoles(wb: Workbook, p: Path): string[] {
  const [table, key] = p;
  if (table === 'roles') return [String(key)];
  if (table === 'workforce') return [String(key).split(':')[2]];
  if (table === 'externalCapacity') return [String(key).split(':').slice(-1)[0]];
  if (table === 'interventions') {
    const e = wb.interventions.find((i) => i.id === key)?.effect;
    if (e && 'role' in e && e.role) return [e.role];
    if (e?.kind === 'extraAppointments') return ['(any role)'];
  }
  return [];
}

/** The edits that set a lever to `value` (a factor for a group). */
export function leverChanges(lever: Lever, value: number): TrialChange[] {
  return lever.cells.map((path, i) => ({ path, value: lever.group ? lever.bases[i] * value : value }));
}

/** The widest range the lever's cells accept, within a default span around today's value. */
function defaultRange(base: TrialBase, lever: Lever): [number, number] {
  const now = lever.group ? 1 : lever.bases[0];
  let hi = lever.group ? 10 : Math.max(10 * Math.abs(now), 100);
  // the cell's own rules cap it (a share at 100%, clinical days at 366): find that cap by halving
  const ok = (x: number) => leverChanges(lever, x).every((c) => checkEdit(base.workbook, c.path, c.value).ok);
  if (!ok(hi)) {
    let good = Math.max(now, 0);
    let bad = hi;
    for (let i = 0; i < 60 && bad - good > 1e-9 * Math.max(1, bad); i++) {
      const mid = (good + bad) / 2;
      if (ok(mid)) good = mid;
      else bad = mid;
    }
    hi = good;
  }
  const lo = ok(0) ? 0 : Math.min(now, hi);
  return [lo, hi];
}

/** A figure's name as it reads inside a sentence ("net gap", "GP WTE"): the names of definitions.ts. */
function figureWords(key: TargetKey): string {
  const name = FIGURES[key].name;
  return /^[A-Z]{2}/.test(name) ? name : name[0].toLowerCase() + name.slice(1);
}

export function targetWords(t: SeekTarget): string {
  return `${figureWords(t.key)} ${t.op === '<=' ? 'at most' : 'at least'} ${round(t.value)}`;
}

function round(x: number): string {
  const a = Math.abs(x);
  return a >= 100 ? Math.round(x).toLocaleString('en-GB') : a >= 1 ? x.toFixed(2).replace(/\.?0+$/, '') : x.toPrecision(3).replace(/\.?0+$/, '');
}

export async function seek(wb: Workbook, req: SeekRequest, opts: SeekOptions = {}): Promise<SeekResult> {
  const target = typeof req.target === 'string' ? parseTarget(req.target) : req.target;
  if (!TARGET_KEYS.includes(target.key)) throw new SeekError(`'${target.key}' is not a figure Headroom reports`);
  const base = trialBase(wb, req.scenario);
  const ref = req.ref ?? TOTAL;
  const lever = resolveLever(base.workbook, req.lever);
  const name = req.label ?? lever.text;
  const [dlo, dhi] = defaultRange(base, lever);
  const lo = req.min ?? dlo;
  const hi = req.max ?? dhi;
  if (!(lo < hi)) throw new SeekError(`the lever's range must have its minimum (${lo}) below its maximum (${hi})`);
  for (const end of [lo, hi]) {
    for (const c of leverChanges(lever, end)) {
      const check = checkEdit(base.workbook, c.path, c.value);
      if (!check.ok) throw new SeekError(`${formatPath(c.path)} cannot be ${round(c.value)}: ${check.message}`);
    }
  }
  const trial0 = runTrial(base, [], ref);
  const f = trial0.years.findIndex((y) => y.fy === req.fy);
  if (f < 0) throw new SeekError(`no financial year ${req.fy} in this workbook; it runs ${trial0.years[0].fy} to ${trial0.years[trial0.years.length - 1].fy}`);

  let iterations = 0;
  let low: number | null = null;
  let high: number | null = null;
  const at = new Map<number, TrialResult>();
  const evaluate = async (x: number): Promise<number> => {
    if (opts.cancelled?.()) throw new SeekError('goal seek was stopped');
    const r = runTrial(base, leverChanges(lever, x), ref);
    iterations++;
    at.set(x, r);
    opts.onProgress?.({ iterations, low, high });
    if (opts.pause) await opts.pause();
    return figure(r);
  };
  // a rate with no GPs behind it has no value (null): it meets no target
  const figure = (r: TrialResult): number => r.years[f][target.key] ?? NaN;
  const met = (y: number) => (target.op === '<=' ? y <= target.value : y >= target.value);
  const now = lever.group ? 1 : lever.bases[0];
  const result = (value: number, reached: boolean, message: string): SeekResult => {
    const r = at.get(value)!;
    return {
      path: lever.text, value, achieved: figure(r), reached, iterations, target, fy: req.fy, group: lever.group,
      current: now, currentFigure: figure(trial0), min: lo, max: hi,
      edits: leverChanges(lever, value).map((c) => ({ path: formatPath(c.path), value: c.value })), message,
    };
  };

  // five evenly spaced values: the monotone check, and a first bracket
  const xs = [0, 1, 2, 3, 4].map((i) => (lever.integer ? Math.round(lo + ((hi - lo) * i) / 4) : lo + ((hi - lo) * i) / 4));
  const ys: number[] = [];
  for (const x of xs) ys.push(await evaluate(x));
  const span = Math.max(...ys.map(Math.abs), 1) * 1e-9;
  const rising = ys.every((y, i) => i === 0 || y >= ys[i - 1] - span);
  const falling = ys.every((y, i) => i === 0 || y <= ys[i - 1] + span);
  const where = `${req.fy}${ref.level === 'total' ? '' : ` (${ref.level} ${ref.code})`}`;
  if (!rising && !falling) {
    const best = bestEnd(ys, target);
    return result(xs[best], met(ys[best]), `${figureWords(target.key)} in ${where} does not move one way as ${name} rises (${ys.map(round).join(', ')} across the range), so there is no single answer to seek; try a narrower range`);
  }
  if (met(ys[0])) return result(xs[0], true, `${targetWords(target)} in ${where} already holds at the bottom of the range (${name} = ${round(xs[0])})`);
  const first = ys.findIndex(met);
  if (first < 0) {
    const best = bestEnd(ys, target);
    return result(xs[best], false, cannotReach(base, lever, name, target, xs, ys, best, at.get(xs[best])!, f, where));
  }

  // narrow the bracket [a: misses, b: meets]
  let a = xs[first - 1];
  let fa = ys[first - 1] - target.value;
  let b = xs[first];
  let fb = ys[first] - target.value;
  low = a;
  high = b;
  const tol = lever.integer ? 1 : Math.max((hi - lo) * 1e-10, 1e-12);
  let side = 0;
  // done when the bracket is narrow, or the figure sits on the target to within rounding
  const close = Math.max(Math.abs(target.value), ...ys.map(Math.abs), 1) * 1e-9;
  while (b - a > tol && Math.abs(fb) > close && iterations < 200) {
    let x = (a * fb - b * fa) / (fb - fa);
    if (!Number.isFinite(x) || x <= a || x >= b) x = (a + b) / 2;
    // keep each step well inside the bracket, so it shrinks from both sides
    const inset = (b - a) * 0.01;
    x = Math.min(b - inset, Math.max(a + inset, x));
    if (lever.integer) {
      x = Math.round(x);
      if (x <= a) x = a + 1;
      if (x >= b) x = b - 1;
    }
    const y = (await evaluate(x)) - target.value;
    if (met(y + target.value)) {
      b = x;
      fb = y;
      if (side === 1) fa /= 2; // Illinois: the end that stays put counts for less
      side = 1;
    } else {
      a = x;
      fa = y;
      if (side === -1) fb /= 2;
      side = -1;
    }
    low = a;
    high = b;
  }
  const moved = lever.group ? `${name} scaled by ${round(b)} (now 1)` : `${name} = ${round(b)} (now ${round(now)})`;
  return result(b, true, `${targetWords(target)} in ${where} needs ${moved}; ${figureWords(target.key)} is then ${round(figure(at.get(b)!))}`);
}

function bestEnd(ys: number[], t: SeekTarget): number {
  let best = 0;
  for (let i = 1; i < ys.length; i++) if (t.op === '<=' ? ys[i] < ys[best] : ys[i] > ys[best]) best = i;
  return best;
}

/** Why the target is out of reach: how far the lever gets, and what it cannot touch. */
function cannotReach(base: TrialBase, lever: Lever, name: string, t: SeekTarget, xs: number[], ys: number[], best: number, r: TrialResult, f: number, where: string): string {
  const end = best === xs.length - 1 ? 'the top' : best === 0 ? 'the bottom' : 'the best point';
  let msg = `no value of ${name} from ${round(xs[0])} to ${round(xs[xs.length - 1])} gives ${targetWords(t)} in ${where}: at ${end} of the range (${round(xs[best])}) it is still ${round(ys[best])}`;
  const movedBy = Math.abs(ys[ys.length - 1] - ys[0]);
  msg += `, and the whole range moves it by only ${round(movedBy)}`;
  const wb = base.workbook;
  const c = r.compiled;
  if (/unmet|Gap/.test(t.key) && lever.roles.length && !lever.roles.includes('(any role)')) {
    // the unmet demand left, by need, split by whether the lever's roles can see those patients
    const untouched: { name: string; unmet: number }[] = [];
    let untouchedTotal = 0;
    let total = 0;
    c.needs.ids.forEach((id, k) => {
      const need = wb.needs.find((n) => n.id === id);
      const u = fyMean(c, r.block, c.layout.needUnmet + k, f);
      total += u;
      if (need && !need.pathway.some((role) => lever.roles.includes(role)) && !lever.roles.includes(need.defaultRoute)) {
        untouched.push({ name: need.name, unmet: u });
        untouchedTotal += u;
      }
    });
    if (total > 0 && untouchedTotal > 0) {
      untouched.sort((x, y) => y.unmet - x.unmet);
      const names = lever.roles.map((id) => wb.roles.find((x) => x.id === id)?.name ?? id).join(', ');
      msg += `. Of the ${round(total)} appointments a week still unmet, ${round(untouchedTotal)} are for needs ${names} cannot see (${untouched
        .filter((u) => u.unmet > 0.5)
        .slice(0, 4)
        .map((u) => `${u.name} ${round(u.unmet)}`)
        .join(', ')}): demand routed to roles the lever does not touch`;
    }
  }
  return msg;
}
