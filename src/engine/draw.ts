// A workbook compiled once for many draws that change the same few values (Monte Carlo, section 11
// of MODEL.md). Compiling the sample costs about as much as a fifth of projecting it, and a draw
// changes a handful of numbers, so each draw writes its values into the compiled arrays and
// rebuilds only what is derived from them, with the helpers compile() itself uses: a patched draw
// gives the same bits as a fresh compile of the workbook with those values written in
// (tests/unit/draw.test.ts). A value with no patch here (a ramp, a cost, a date) returns null from
// `patchedDraws`, and the caller compiles afresh for each draw.
import type { Workbook } from '../model/schema';
import { getAt, rowKey, type Path } from '../model/paths';
import { compile, effectAmount, fillRateSeason, recruitResponse, refreshLists, roleFactor, simulateStock, type Compiled, type CompiledEffect } from './compile';
import { growthSeries } from './timeline';
import type { TrialBase } from './trial';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type RoleRow = Workbook['roles'][number];
type Effect = Workbook['interventions'][number]['effect'];

/** What a written value makes stale, rebuilt once after all of a draw's values are written. */
interface Dirty {
  lists: boolean;
  rateSeason: boolean;
  staff: boolean;
  roles: Set<number>;
  effects: Set<number>;
}

export interface PatchedDraws {
  readonly compiled: Compiled;
  /** Writes one value per cell (in the order given) and rebuilds what depends on them. */
  set(values: readonly number[]): void;
}

/** Compiles the trial's workbook once and returns a patcher for the cells, or null if any cell has no patch. */
export function patchedDraws(base: TrialBase, cells: readonly Path[]): PatchedDraws | null {
  const wb = base.workbook;
  const c = compile(wb, base.scenario) as Mutable<Compiled>;
  // own copies of the rows a draw writes to, so the base workbook is never touched
  const settings = { ...wb.settings };
  const demand = { ...wb.demand, seasonality: wb.demand.seasonality.slice() };
  const roleRows = new Map<number, RoleRow>();
  const workforce = wb.workforce.slice();
  const effectRows = new Map<number, Effect>();
  const dirty: Dirty = { lists: false, rateSeason: false, staff: false, roles: new Set(), effects: new Set() };
  const writers: ((v: number) => void)[] = [];
  for (const cell of cells) {
    const w = writer(wb, c, cell, { settings, demand, roleRows, workforce, effectRows }, dirty);
    if (!w) return null;
    writers.push(w);
  }
  const T = c.tl.T;
  const set = (values: readonly number[]) => {
    dirty.lists = dirty.rateSeason = dirty.staff = false;
    dirty.roles.clear();
    dirty.effects.clear();
    writers.forEach((w, k) => w(values[k]));
    c.navigationBase = settings.navigationShare;
    c.arrsCap = settings.arrsCapPerWeightedPatient;
    c.gpFtePerHeadcount = settings.gpFtePerHeadcount;
    c.consultationRate = demand.consultationRate;
    c.rateGrowth = demand.rateGrowth;
    c.seasonality = demand.seasonality.slice();
    if (dirty.rateSeason) fillRateSeason(c.rateSeason, c.tl, demand.rateGrowth, demand.seasonality);
    for (const j of dirty.roles) {
      const r = roleRows.get(j)!;
      const R = c.roles;
      R.factor[j] = roleFactor(r, false);
      R.safeFactor[j] = roleFactor(r, true);
      R.clinicalDays[j] = r.clinicalDaysPerYear;
      R.contactsPerDay[j] = r.contactsPerDay;
      R.safeContactsPerDay[j] = r.safeContactsPerDay ?? NaN;
      R.dna[j] = r.dnaRate;
      R.leaving[j] = r.leavingRate;
      R.replacement[j] = r.replacementRate;
      R.lag[j] = r.replacementLagWeeks;
      R.costPerWte[j] = r.costPerWte;
      R.costPerAppointment[j] = r.costPerAppointment;
      (R.unit as Float64Array[])[j] = simulateStock(T, 1, R.leaving[j], R.replacement[j], R.lag[j], null);
      // recruits leave and are replaced at their role's rates
      c.effects.forEach((e, i) => {
        if (e.type === 'recruitment' && e.role === j) dirty.effects.add(i);
      });
    }
    for (const i of dirty.effects) {
      const e = c.effects[i];
      const row = effectRows.get(i);
      const amount = row ? effectAmount(row) : e.amount;
      const response = e.type === 'recruitment' && e.role >= 0 ? recruitResponse(c.roles, e.role, e.profile, amount) : null;
      c.effects[i] = { ...e, amount, response } satisfies CompiledEffect;
    }
    if (dirty.staff) {
      c.practiceWte.fill(0);
      c.pcnHeldWte.fill(0);
      staffInto(c, workforce);
    }
    if (dirty.lists) refreshLists(c);
  };
  return { compiled: c, set };
}

interface Rows {
  settings: Mutable<Workbook['settings']>;
  demand: Mutable<Workbook['demand']> & { seasonality: number[] };
  roleRows: Map<number, RoleRow>;
  workforce: Workbook['workforce'][number][];
  effectRows: Map<number, Effect>;
}

const SETTINGS_FIELDS = new Set(['navigationShare', 'gpFtePerHeadcount', 'arrsCapPerWeightedPatient']);
const ROLE_FIELDS = new Set(['contactsPerDay', 'safeContactsPerDay', 'clinicalDaysPerYear', 'dnaRate', 'leavingRate', 'replacementRate', 'replacementLagWeeks', 'costPerWte', 'costPerAppointment']);
const AMOUNT_FIELDS = new Set(['amount', 'fraction', 'target', 'wtePerYear', 'appointmentsPerWeek']);

/** How to write one cell, or null when it has no patch. */
function writer(wb: Workbook, c: Mutable<Compiled>, cell: Path, rows: Rows, dirty: Dirty): ((v: number) => void) | null {
  if (typeof getAt(wb, cell) !== 'number') return null;
  const [table, key, field, sub] = cell;
  if (table === 'settings' && cell.length === 2 && SETTINGS_FIELDS.has(String(key))) {
    const f = key as 'navigationShare' | 'gpFtePerHeadcount' | 'arrsCapPerWeightedPatient';
    return (v) => (rows.settings[f] = v);
  }
  if (table === 'demand' && cell.length === 2 && key === 'consultationRate') {
    return (v) => {
      rows.demand.consultationRate = v;
      dirty.lists = true;
    };
  }
  if (table === 'demand' && cell.length === 2 && key === 'rateGrowth') {
    return (v) => {
      rows.demand.rateGrowth = v;
      dirty.rateSeason = true;
    };
  }
  if (table === 'demand' && cell.length === 3 && key === 'seasonality' && typeof field === 'number') {
    return (v) => {
      rows.demand.seasonality[field] = v;
      dirty.rateSeason = true;
    };
  }
  if (cell.length !== 3 && !(table === 'interventions' && cell.length === 4)) return null;
  const id = String(key);
  if (table === 'roles' && ROLE_FIELDS.has(String(field))) {
    const j = c.roles.ids.indexOf(id);
    if (j < 0) return null;
    if (!rows.roleRows.has(j)) rows.roleRows.set(j, { ...wb.roles[wb.roles.findIndex((r) => r.id === id)] });
    const row = rows.roleRows.get(j)! as unknown as Record<string, number>;
    const f = String(field);
    return (v) => {
      row[f] = v;
      dirty.roles.add(j);
    };
  }
  if (table === 'needs' && field === 'share') {
    const k = c.needs.ids.indexOf(id);
    if (k < 0) return null;
    return (v) => (c.needs.share[k] = v);
  }
  if (table === 'places' && field === 'populationGrowth') {
    const p = c.places.codes.indexOf(id);
    if (p < 0) return null;
    return (v) => {
      c.places.growthRate[p] = v;
      c.places.growth[p] = growthSeries(c.tl.T, v);
    };
  }
  if (table === 'practices' && (field === 'registered' || field === 'weighted')) {
    const p = c.practices.codes.indexOf(id);
    if (p < 0) return null;
    const arr = field === 'registered' ? c.practices.registered : c.practices.weighted;
    // a practice with no weighted list of its own is weighted by its registered list
    const alsoWeighted = field === 'registered' && wb.practices.find((x) => x.code === id)?.weighted === null;
    return (v) => {
      arr[p] = v;
      if (alsoWeighted) c.practices.weighted[p] = v;
      dirty.lists = true;
    };
  }
  if (table === 'workforce' && field === 'wte') {
    const i = wb.workforce.findIndex((r) => rowKey('workforce', r) === id);
    if (i < 0) return null;
    return (v) => {
      rows.workforce[i] = { ...rows.workforce[i], wte: v };
      dirty.staff = true;
    };
  }
  if (table === 'interventions' && field === 'effect' && AMOUNT_FIELDS.has(String(sub))) {
    const e = c.effects.findIndex((x) => x.type !== 'externalRow' && x.id === id);
    // an intervention the scenario leaves off: its value changes nothing
    if (e < 0) return () => undefined;
    const iv = wb.interventions.find((x) => x.id === id)!;
    if (!(String(sub) in iv.effect)) return null;
    if (!rows.effectRows.has(e)) rows.effectRows.set(e, { ...iv.effect });
    const row = rows.effectRows.get(e)! as unknown as Record<string, number>;
    const f = String(sub);
    return (v) => {
      row[f] = v;
      dirty.effects.add(e);
    };
  }
  if (table === 'externalCapacity' && field === 'appointmentsPerWeek') {
    const e = c.effects.findIndex((x) => x.type === 'externalRow' && x.id === id);
    if (e < 0) return null;
    return (v) => {
      c.effects[e] = { ...c.effects[e], amount: v };
    };
  }
  return null;
}

/** Staff at week 0 from the workforce rows, added up as compile() adds them. */
function staffInto(c: Compiled, workforce: readonly Workbook['workforce'][number][]): void {
  const R = c.roles.n;
  for (const w of workforce) {
    const r = c.roles.ids.indexOf(w.role);
    if (r < 0) continue;
    if (w.level === 'practice') {
      const p = c.practices.codes.indexOf(w.code);
      if (p >= 0) c.practiceWte[p * R + r] += w.wte;
    } else {
      const n = c.pcns.codes.indexOf(w.code);
      if (n >= 0) c.pcnHeldWte[n * R + r] += w.wte;
    }
  }
}
