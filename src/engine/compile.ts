// Turns a validated workbook (as one scenario sees it) into flat typed arrays indexed by number,
// so the weekly loop in project.ts never looks anything up by name. Also owns the small patches
// that let one edit (a practice's list, one WTE figure) update the arrays without a rebuild.
import type { EffectKind, RoleGroup, Scenario, Workbook } from '../model/schema';
import { buildTimeline, growthSeries, rampSeries, weekOf, type Timeline } from './timeline';
import { makeLayout, type Layout } from './layout';

export interface CompiledRoles {
  readonly n: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly groups: readonly RoleGroup[];
  readonly isExternal: Uint8Array;
  readonly isGp: Uint8Array;
  readonly isArrs: Uint8Array;
  /** Appointments delivered per WTE per week at current contacts per day, after DNAs. */
  readonly factor: Float64Array;
  /** The same at safe contacts per day (GP roles with a safe level); equal to factor otherwise. */
  readonly safeFactor: Float64Array;
  readonly clinicalDays: Float64Array;
  /** As in the workbook, to explain figures: contacts a day, safe contacts (NaN where none), did-not-attend rate. */
  readonly contactsPerDay: Float64Array;
  readonly safeContactsPerDay: Float64Array;
  readonly dna: Float64Array;
  readonly leaving: Float64Array;
  readonly replacement: Float64Array;
  readonly lag: Int32Array;
  readonly costPerWte: Float64Array;
  readonly costPerAppointment: Float64Array;
  /** WTE path of 1 WTE at week 0 with no recruitment: how practice-held staff decline. */
  readonly unit: readonly Float64Array[];
}

export interface CompiledNeeds {
  readonly n: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly share: Float64Array;
  /** Needs in allocation order: fewest roles able to meet them first, ties in table order. */
  readonly order: Int32Array;
  readonly pathStart: Int32Array;
  readonly pathRoles: Int32Array;
  readonly defaultRole: Int32Array;
  readonly defaultIsGp: Uint8Array;
}

export type EffectType = EffectKind | 'externalRow';

/** One intervention, or one row of external capacity, with its weekly profile. */
export interface CompiledEffect {
  readonly id: string;
  readonly type: EffectType;
  readonly role: number;
  /** Meaning by type: appointments, fraction, share target, WTE per year. */
  readonly amount: number;
  readonly per1000: boolean;
  /** Share of full effect each week (ramp, start and end applied). */
  readonly profile: Float64Array;
  /** 1 in the weeks the intervention runs (its cost is paid from its start, not from full effect). */
  readonly running: Float64Array;
  readonly annualCost: number;
  readonly scope: string;
  /** Week it starts (may be before 0 or beyond the horizon): overlapping navigation targets apply in this order. */
  readonly start: number;
  /**
   * Recruitment only: the WTE path these recruits make on their own at full share (recruited,
   * then leaving and replaced like everyone else). Stocks are linear in starting WTE and recruits,
   * so a PCN's WTE is W0 x unit path + its share of each response, with no weekly simulation.
   */
  readonly response: Float64Array | null;
}

export interface EffectShare {
  readonly effect: number;
  share: number;
}

/** The running cost a week, at full share, of all interventions with one scope, and a PCN's share. */
export interface ScopeCost {
  readonly cost: Float64Array;
  readonly entry: EffectShare;
}

export interface Compiled {
  readonly tl: Timeline;
  readonly layout: Layout;
  readonly roles: CompiledRoles;
  readonly needs: CompiledNeeds;
  readonly systems: { readonly codes: string[]; readonly names: string[] };
  readonly places: { readonly codes: string[]; readonly names: string[]; readonly system: Int32Array; readonly growth: Float64Array[]; readonly growthRate: Float64Array };
  readonly pcns: { readonly codes: string[]; readonly names: string[]; readonly place: Int32Array; readonly practices: Int32Array[] };
  readonly practices: {
    readonly codes: string[];
    readonly names: string[];
    readonly pcn: Int32Array;
    readonly registered: Float64Array;
    readonly weighted: Float64Array;
    /** Annual appointments wanted at week 0, after need weighting. */
    readonly base: Float64Array;
  };
  readonly pcnRegistered: Float64Array;
  readonly pcnWeighted: Float64Array;
  readonly pcnBase: Float64Array;
  /** WTE at week 0 by [practice * nRoles + role], by [pcn * nRoles + role] held at PCN level. */
  readonly practiceWte: Float64Array;
  readonly pcnHeldWte: Float64Array;
  /** Per-patient demand factor common to everyone: demand growth x seasonality, per week. */
  readonly rateSeason: Float64Array;
  readonly effects: CompiledEffect[];
  /** For each PCN, the effects that reach it and the PCN's share of each (by registered list). */
  readonly pcnEffects: EffectShare[][];
  /** For each effect, the PCNs its scope covers and the same share entries, in that order. */
  readonly effectMembers: number[][];
  readonly effectShares: EffectShare[][];
  /**
   * For each PCN, the intervention costs that reach it, one per scope: interventions with the
   * same scope share a PCN in the same proportion, so their costs are added up once here.
   */
  readonly pcnCosts: ScopeCost[][];
  /** The practices of each system, for refreshing one system's lists. */
  readonly systemPractices: Int32Array[];
  readonly navigationBase: number;
  readonly arrsCap: number | null;
  readonly gpFtePerHeadcount: number;
  readonly consultationRate: number;
  readonly needWeighting: boolean;
  /** GBP available in each financial year from the workbook's funding table (whole workbook). */
  readonly fundingPerFy: Float64Array;
  /** The same for each row of the funding table, to explain the total. */
  readonly fundingRows: readonly { readonly id: string; readonly name: string; readonly perFy: Float64Array }[];
  /** Demand growth a year and the twelve seasonal indices, to explain demand (rateSeason is their product). */
  readonly rateGrowth: number;
  readonly seasonality: readonly number[];
}

export function compile(wb: Workbook, scenario: Scenario): Compiled {
  const tl = buildTimeline(wb.settings.startDate, wb.settings.horizonYears);
  const T = tl.T;
  const roles = compileRoles(wb, T);
  const needs = compileNeeds(wb, roles);
  const layout = makeLayout(T, roles.n, needs.n);

  const systemIdx = new Map(wb.systems.map((s, i) => [s.code, i]));
  const placeIdx = new Map(wb.places.map((p, i) => [p.code, i]));
  const pcnIdx = new Map(wb.pcns.map((p, i) => [p.code, i]));
  const practiceIdx = new Map(wb.practices.map((p, i) => [p.code, i]));
  const roleIdx = new Map(roles.ids.map((id, i) => [id, i]));

  const systems = { codes: wb.systems.map((s) => s.code), names: wb.systems.map((s) => s.name) };
  const places = {
    codes: wb.places.map((p) => p.code),
    names: wb.places.map((p) => p.name),
    system: Int32Array.from(wb.places, (p) => systemIdx.get(p.system) ?? 0),
    growth: wb.places.map((p) => growthSeries(T, p.populationGrowth)),
    growthRate: Float64Array.from(wb.places, (p) => p.populationGrowth),
  };
  const pcnPractices: number[][] = wb.pcns.map(() => []);
  wb.practices.forEach((p, i) => pcnPractices[pcnIdx.get(p.pcn) ?? 0].push(i));
  const pcns = {
    codes: wb.pcns.map((p) => p.code),
    names: wb.pcns.map((p) => p.name),
    place: Int32Array.from(wb.pcns, (p) => placeIdx.get(p.place) ?? 0),
    practices: pcnPractices.map((l) => Int32Array.from(l)),
  };
  const nP = wb.practices.length;
  const practices = {
    codes: wb.practices.map((p) => p.code),
    names: wb.practices.map((p) => p.name),
    pcn: Int32Array.from(wb.practices, (p) => pcnIdx.get(p.pcn) ?? 0),
    registered: Float64Array.from(wb.practices, (p) => p.registered),
    weighted: Float64Array.from(wb.practices, (p) => p.weighted ?? p.registered),
    base: new Float64Array(nP),
  };

  const practiceWte = new Float64Array(nP * roles.n);
  const pcnHeldWte = new Float64Array(wb.pcns.length * roles.n);
  for (const w of wb.workforce) {
    const r = roleIdx.get(w.role);
    if (r === undefined) continue;
    if (w.level === 'practice') {
      const p = practiceIdx.get(w.code);
      if (p !== undefined) practiceWte[p * roles.n + r] += w.wte;
    } else {
      const n = pcnIdx.get(w.code);
      if (n !== undefined) pcnHeldWte[n * roles.n + r] += w.wte;
    }
  }

  const rateSeason = new Float64Array(T);
  fillRateSeason(rateSeason, tl, wb.demand.rateGrowth, wb.demand.seasonality);

  // Interventions switched on in this scenario, then the standing external capacity.
  const on = new Set(scenario.interventions);
  const effects: CompiledEffect[] = [];
  for (const iv of wb.interventions) {
    if (!on.has(iv.id)) continue;
    const s = weekOf(tl, iv.start);
    const e = iv.end === null ? T : weekOf(tl, iv.end);
    const profile = rampSeries(T, s, e, iv.rampWeeks);
    const running = rampSeries(T, s, e, 0);
    const eff = iv.effect;
    let role = -1;
    let per1000 = false;
    switch (eff.kind) {
      case 'extraAppointments':
        role = eff.role === null ? firstGpRole(roles) : (roleIdx.get(eff.role) ?? -1);
        per1000 = eff.basis === 'perWeekPer1000Patients';
        break;
      case 'productivity':
      case 'recruitment':
      case 'externalCapacity':
        role = roleIdx.get(eff.role) ?? -1;
        break;
    }
    const amount = effectAmount(eff);
    const response = eff.kind === 'recruitment' && role >= 0 ? recruitResponse(roles, role, profile, amount) : null;
    effects.push({ id: iv.id, type: eff.kind, role, amount, per1000, profile, running, annualCost: iv.annualCost, scope: iv.scope, start: s, response });
  }
  const always = rampSeries(T, 0, T, 0);
  for (const x of wb.externalCapacity) {
    effects.push({ id: `${x.scope}:${x.role}`, type: 'externalRow', role: roleIdx.get(x.role) ?? -1, amount: x.appointmentsPerWeek, per1000: false, profile: always, running: always, annualCost: 0, scope: x.scope, start: 0, response: null });
  }

  const scopes = scopeIndex(pcns, places, systems);
  const effectMembers = effects.map((eff) => scopes.get(eff.scope) ?? []);
  const pcnEffects: EffectShare[][] = wb.pcns.map(() => []);
  const effectShares = effectMembers.map((members, e) =>
    members.map((n) => {
      const entry: EffectShare = { effect: e, share: 0 };
      pcnEffects[n].push(entry);
      return entry;
    }),
  );
  const pcnCosts: ScopeCost[][] = wb.pcns.map(() => []);
  const costByScope = new Map<string, { cost: Float64Array; first: number }>();
  effects.forEach((eff, e) => {
    if (!(eff.annualCost > 0) || effectMembers[e].length === 0) return;
    let group = costByScope.get(eff.scope);
    if (!group) {
      group = { cost: new Float64Array(T), first: e };
      costByScope.set(eff.scope, group);
    }
    const weekly = eff.annualCost / 52;
    for (let t = 0; t < T; t++) group.cost[t] += eff.running[t] * weekly;
  });
  for (const { cost, first } of costByScope.values()) effectMembers[first].forEach((n, i) => pcnCosts[n].push({ cost, entry: effectShares[first][i] }));
  const systemPractices: number[][] = systems.codes.map(() => []);
  for (let p = 0; p < nP; p++) systemPractices[places.system[pcns.place[practices.pcn[p]]]].push(p);

  const compiled: Compiled = {
    tl,
    layout,
    roles,
    needs,
    systems,
    places,
    pcns,
    practices,
    pcnRegistered: new Float64Array(wb.pcns.length),
    pcnWeighted: new Float64Array(wb.pcns.length),
    pcnBase: new Float64Array(wb.pcns.length),
    practiceWte,
    pcnHeldWte,
    rateSeason,
    effects,
    pcnEffects,
    effectMembers,
    effectShares,
    pcnCosts,
    systemPractices: systemPractices.map((l) => Int32Array.from(l)),
    navigationBase: wb.settings.navigationShare,
    arrsCap: wb.settings.arrsCapPerWeightedPatient,
    gpFtePerHeadcount: wb.settings.gpFtePerHeadcount,
    consultationRate: wb.demand.consultationRate,
    needWeighting: wb.settings.needWeighting,
    fundingPerFy: fundingByYear(wb.funding, tl),
    fundingRows: wb.funding.map((f) => ({ id: f.id, name: f.name, perFy: fundingByYear([f], tl) })),
    rateGrowth: wb.demand.rateGrowth,
    seasonality: wb.demand.seasonality.slice(),
  };
  refreshLists(compiled);
  return compiled;
}

/**
 * The pieces of compiling that Monte Carlo draws repeat on their own (draw.ts): written once here
 * so that a patched value gives the same bits as a fresh compile.
 */
export function fillRateSeason(out: Float64Array, tl: Timeline, rateGrowthPerYear: number, seasonality: readonly number[]): void {
  const rateGrowth = growthSeries(tl.T, rateGrowthPerYear);
  for (let t = 0; t < tl.T; t++) out[t] = rateGrowth[t] * seasonality[tl.monthOfWeek[t]];
}

/** Appointments a week per WTE of a role, after DNAs: at current contacts, or at the safe level (GP roles with one). */
export function roleFactor(r: Workbook['roles'][number], safe: boolean): number {
  const perContact = (r.clinicalDaysPerYear / 52) * (1 - r.dnaRate);
  return (safe && r.group === 'gp' && r.safeContactsPerDay !== null ? r.safeContactsPerDay : r.contactsPerDay) * perContact;
}

/** The one number of an intervention's effect, whatever its kind calls it. */
export function effectAmount(eff: Workbook['interventions'][number]['effect']): number {
  switch (eff.kind) {
    case 'extraAppointments':
      return eff.amount;
    case 'demandReduction':
    case 'productivity':
      return eff.fraction;
    case 'navigationShare':
      return eff.target;
    case 'recruitment':
      return eff.wtePerYear;
    case 'externalCapacity':
      return eff.appointmentsPerWeek;
  }
}

/** The WTE path a recruitment plan's recruits make on their own (see CompiledEffect.response). */
export function recruitResponse(roles: CompiledRoles, role: number, profile: Float64Array, wtePerYear: number): Float64Array {
  const T = profile.length;
  const planned = new Float64Array(T);
  for (let t = 0; t < T; t++) planned[t] = (profile[t] * wtePerYear) / 52;
  return simulateStock(T, 0, roles.leaving[role], roles.replacement[role], roles.lag[role], planned);
}

function firstGpRole(roles: CompiledRoles): number {
  return roles.isGp.indexOf(1);
}

function compileRoles(wb: Workbook, T: number): CompiledRoles {
  const rs = wb.roles;
  const n = rs.length;
  const factor = new Float64Array(n);
  const safeFactor = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    factor[j] = roleFactor(rs[j], false);
    safeFactor[j] = roleFactor(rs[j], true);
  }
  const leaving = Float64Array.from(rs, (r) => r.leavingRate);
  const replacement = Float64Array.from(rs, (r) => r.replacementRate);
  const lag = Int32Array.from(rs, (r) => r.replacementLagWeeks);
  const unit = rs.map((_, j) => simulateStock(T, 1, leaving[j], replacement[j], lag[j], null));
  return {
    n,
    ids: rs.map((r) => r.id),
    names: rs.map((r) => r.name),
    groups: rs.map((r) => r.group),
    isExternal: Uint8Array.from(rs, (r) => (r.group === 'external' ? 1 : 0)),
    isGp: Uint8Array.from(rs, (r) => (r.group === 'gp' ? 1 : 0)),
    isArrs: Uint8Array.from(rs, (r) => (r.group === 'arrs' ? 1 : 0)),
    factor,
    safeFactor,
    clinicalDays: Float64Array.from(rs, (r) => r.clinicalDaysPerYear),
    contactsPerDay: Float64Array.from(rs, (r) => r.contactsPerDay),
    safeContactsPerDay: Float64Array.from(rs, (r) => r.safeContactsPerDay ?? NaN),
    dna: Float64Array.from(rs, (r) => r.dnaRate),
    leaving,
    replacement,
    lag,
    costPerWte: Float64Array.from(rs, (r) => r.costPerWte),
    costPerAppointment: Float64Array.from(rs, (r) => r.costPerAppointment),
    unit,
  };
}

function compileNeeds(wb: Workbook, roles: CompiledRoles): CompiledNeeds {
  const idx = new Map(roles.ids.map((id, i) => [id, i]));
  const ns = wb.needs;
  const pathStart = new Int32Array(ns.length + 1);
  const pathRoles: number[] = [];
  ns.forEach((nd, k) => {
    pathStart[k] = pathRoles.length;
    for (const id of nd.pathway) pathRoles.push(idx.get(id) ?? 0);
  });
  pathStart[ns.length] = pathRoles.length;
  // Fewest roles able to meet a need go first, so flexible needs do not take the only capacity an
  // inflexible need could use. The roles able to meet a need are its pathway and its default route.
  const flexibility = ns.map((nd) => new Set([...nd.pathway, nd.defaultRoute]).size);
  const order = ns.map((_, k) => k).sort((a, b) => flexibility[a] - flexibility[b] || a - b);
  const defaultRole = Int32Array.from(ns, (nd) => idx.get(nd.defaultRoute) ?? 0);
  return {
    n: ns.length,
    ids: ns.map((x) => x.id),
    names: ns.map((x) => x.name),
    share: Float64Array.from(ns, (x) => x.share),
    order: Int32Array.from(order),
    pathStart,
    pathRoles: Int32Array.from(pathRoles),
    defaultRole,
    defaultIsGp: Uint8Array.from(defaultRole, (j) => roles.isGp[j]),
  };
}

/**
 * Weekly WTE of one stock (MODEL.md section 5): W(t+1) = W(t) - L(t) + rho L(t - lag) + planned(t),
 * L(t) = W(t) q / 52, with L = W(0) q / 52 before week 0, and never below zero.
 */
export function simulateStock(T: number, w0: number, q: number, rho: number, lag: number, planned: Float64Array | null): Float64Array {
  const W = new Float64Array(T);
  const L = new Float64Array(T);
  const before = (w0 * q) / 52;
  let w = w0;
  for (let t = 0; t < T; t++) {
    W[t] = w;
    const leavers = (w * q) / 52;
    L[t] = leavers;
    const replaced = rho * (t - lag >= 0 ? L[t - lag] : before);
    w = w - leavers + replaced + (planned ? planned[t] : 0);
    if (w < 0) w = 0;
  }
  return W;
}

/**
 * Recomputes everything derived from list sizes: PCN lists, need-weighted base demand (which keeps
 * each system's total equal to rate x registered) and each PCN's share of scoped effects. With
 * `systems`, only the practices, PCNs and effects of those systems (what one list edit touches).
 */
export function refreshLists(c: Compiled, systems: ReadonlySet<number> | null = null): void {
  const { practices, pcns, places } = c;
  const inScope = (sys: number) => systems === null || systems.has(sys);
  const nSys = c.systems.codes.length;
  const sysR = new Float64Array(nSys);
  const sysW = new Float64Array(nSys);
  const practiceSystem = (p: number) => places.system[pcns.place[practices.pcn[p]]];
  const touched = systems === null ? null : c.systemPractices.filter((_, s) => systems.has(s));
  const eachPractice = (fn: (p: number) => void) => {
    if (touched === null) for (let p = 0; p < practices.codes.length; p++) fn(p);
    else for (const list of touched) for (let i = 0; i < list.length; i++) fn(list[i]);
  };
  eachPractice((p) => {
    const s = practiceSystem(p);
    sysR[s] += practices.registered[p];
    sysW[s] += practices.weighted[p];
  });
  for (let n = 0; n < pcns.codes.length; n++) {
    if (!inScope(places.system[pcns.place[n]])) continue;
    c.pcnRegistered[n] = 0;
    c.pcnWeighted[n] = 0;
    c.pcnBase[n] = 0;
  }
  eachPractice((p) => {
    const s = practiceSystem(p);
    const weightedShare = c.needWeighting && sysW[s] > 0 ? (practices.weighted[p] / sysW[s]) * sysR[s] : practices.registered[p];
    practices.base[p] = c.consultationRate * weightedShare;
    const n = practices.pcn[p];
    c.pcnRegistered[n] += practices.registered[p];
    c.pcnWeighted[n] += practices.weighted[p];
    c.pcnBase[n] += practices.base[p];
  });
  // an effect's shares move only when a PCN in its scope changed its list
  c.effectShares.forEach((entries, e) => {
    const members = c.effectMembers[e];
    if (systems !== null && !members.some((n) => systems.has(places.system[pcns.place[n]]))) return;
    let total = 0;
    for (const n of members) total += c.pcnRegistered[n];
    members.forEach((n, i) => {
      // shared in proportion to registered lists; equally if the scope has no patients at all
      entries[i].share = total > 0 ? c.pcnRegistered[n] / total : 1 / members.length;
    });
  });
}

/** For every scope an effect can name (`pcn:`, `place:`, `system:` and a code), its PCNs. */
function scopeIndex(pcns: Compiled['pcns'], places: Compiled['places'], systems: Compiled['systems']): Map<string, number[]> {
  const index = new Map<string, number[]>();
  const add = (scope: string, n: number) => {
    const list = index.get(scope);
    if (list) list.push(n);
    else index.set(scope, [n]);
  };
  for (let n = 0; n < pcns.codes.length; n++) {
    const place = pcns.place[n];
    add(`pcn:${pcns.codes[n]}`, n);
    add(`place:${places.codes[place]}`, n);
    add(`system:${systems.codes[places.system[place]]}`, n);
  }
  return index;
}

/** Total WTE of role j in PCN n at week 0, wherever it is held. */
export function pcnStock0(c: Compiled, n: number, j: number): number {
  let w = c.pcnHeldWte[n * c.roles.n + j];
  const list = c.pcns.practices[n];
  for (let i = 0; i < list.length; i++) w += c.practiceWte[list[i] * c.roles.n + j];
  return w;
}

export function systemOfPcn(c: Compiled, n: number): number {
  return c.places.system[c.pcns.place[n]];
}

/**
 * Funding available in each financial year (MODEL.md section 8), on the basis of every cost: the
 * mean weekly amount over the year's weeks x 52. A recurrent amount runs at `amountGBP` / 52 a
 * week from `from` to `to`, so a 53-week year or a part year at the end of the horizon still shows
 * the yearly amount, and a year it starts part way through shows its share of the weeks. A one-off
 * amount is a lump sum, not a weekly rate: it counts in full in the year of its `from` date.
 */
function fundingByYear(rows: readonly Workbook['funding'][number][], tl: Timeline): Float64Array {
  const out = new Float64Array(tl.fyLabels.length);
  for (const f of rows) {
    const s = weekOf(tl, f.from);
    if (f.kind === 'oneOff') {
      if (s >= 0 && s < tl.T) out[tl.fyOfWeek[s]] += f.amountGBP;
      continue;
    }
    const e = f.to === null ? tl.T : Math.min(tl.T, weekOf(tl, f.to));
    const weeks = new Float64Array(tl.fyLabels.length);
    for (let t = Math.max(0, s); t < e; t++) weeks[tl.fyOfWeek[t]]++;
    for (let y = 0; y < weeks.length; y++) out[y] += (f.amountGBP * weeks[y]) / tl.fyWeekCount[y];
  }
  return out;
}
