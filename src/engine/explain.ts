// How a figure was computed: any headline figure of any entity, for a financial year or one week,
// as terms that add up to it, each naming the workbook values it came from (paths such as
// `roles[gp].contactsPerDay`, which the app opens at their row). The value is the one the results
// show (periodRow); the terms are worked out here from the same weekly series and the compiled
// workbook, so a test can check that they add up. Pure TypeScript, no DOM: the worker and the
// command line both call it.
import { pcnStock0, type Compiled } from './compile';
import { periodRow, type EntityRef, type YearRow } from './results';
import { growthSeries } from './timeline';

export type FigureKey = Exclude<keyof YearRow, 'fy'>;

/** One workbook value a term uses: what it is, where it lives, and its value where it has one. */
export interface ExplainInput {
  label: string;
  /** Workbook path (`roles[gp].contactsPerDay`), or a table name (`practices`) for many rows. */
  path: string;
  value?: number | string | boolean | null;
  /** The scenario overrides this value. */
  overridden?: boolean;
}

export interface ExplainTerm {
  label: string;
  value: number;
  inputs: ExplainInput[];
}

export interface Explanation {
  key: FigureKey;
  /** The financial year, or the Monday of the week explained. */
  period: string;
  ref: EntityRef;
  scenario: string;
  /** The figure as the results show it; null where it has no value (no GPs). */
  value: number | null;
  /** Terms that add up to `value` (within rounding: 1e-9 of the larger of 1 and the value). */
  terms: ExplainTerm[];
  /** How the terms combine, in a sentence. */
  method: string;
}

/** Weeks first .. first + count - 1; for a financial year, its funding too. */
export interface Period {
  first: number;
  count: number;
  label: string;
  fy: number | null;
}

export interface ExplainContext {
  c: Compiled;
  block: Float64Array;
  ref: EntityRef;
  period: Period;
  fundingShare: number;
  scenario: { id: string; overridden: ReadonlySet<string> };
}

const n0 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const n1 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const n2 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const pc = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const int = (x: number) => n0.format(x);
const one = (x: number) => n1.format(x);
const pct = (x: number) => pc.format(x);
const gbp = (x: number) => `£${n2.format(x / 1e6)}m`;

/** Where the entity's figures come from: its PCNs, each with the fraction of the PCN it carries. */
interface Parts {
  pcns: { n: number; demandFrac: number; listFrac: number }[];
  practices: number[];
  practice: number | null;
}

function partsOf(c: Compiled, ref: EntityRef): Parts {
  const find = (codes: readonly string[]) => {
    const i = codes.indexOf(ref.code);
    if (i < 0) throw new Error(`no ${ref.level === 'pcn' ? 'PCN' : ref.level} has the code '${ref.code}'`);
    return i;
  };
  const all = c.pcns.codes.map((_, n) => n);
  const whole = (ns: number[]) => ({ pcns: ns.map((n) => ({ n, demandFrac: 1, listFrac: 1 })), practices: ns.flatMap((n) => Array.from(c.pcns.practices[n])), practice: null });
  switch (ref.level) {
    case 'total':
      return whole(all);
    case 'system': {
      const sys = find(c.systems.codes);
      return whole(all.filter((n) => c.places.system[c.pcns.place[n]] === sys));
    }
    case 'place': {
      const p = find(c.places.codes);
      return whole(all.filter((n) => c.pcns.place[n] === p));
    }
    case 'pcn':
      return whole([find(c.pcns.codes)]);
    case 'practice': {
      const p = find(c.practices.codes);
      const n = c.practices.pcn[p];
      const size = c.pcns.practices[n].length;
      const demandFrac = c.pcnBase[n] > 0 ? c.practices.base[p] / c.pcnBase[n] : 1 / size;
      const listFrac = c.pcnRegistered[n] > 0 ? c.practices.registered[p] / c.pcnRegistered[n] : 1 / size;
      return { pcns: [{ n, demandFrac, listFrac }], practices: [p], practice: p };
    }
  }
}

/** Builds the explanation of one figure. Throws with a plain message for an unknown key. */
export function explainFigure(x: ExplainContext, key: FigureKey): Explanation {
  const { c, block, period } = x;
  if (!EXPLAINERS[key]) throw new Error(`no figure called '${String(key)}'; figures are ${FIGURE_KEYS.join(', ')}`);
  if (key === 'fundingGBP' && period.fy === null) throw new Error('funding is a yearly figure: explain it for a financial year');
  const fundingGBP = period.fy === null ? 0 : c.fundingPerFy[period.fy] * x.fundingShare;
  const row = periodRow(c, block, period.first, period.count, period.label, fundingGBP);
  const value = row[key];
  const h = new Helpers(x, partsOf(c, x.ref));
  const { terms, method } = value === null ? { terms: [], method: 'There are no GPs here, so the figure has no value.' } : EXPLAINERS[key](h, row);
  return { key, period: period.label, ref: x.ref, scenario: x.scenario.id, value, terms: terms.filter((t) => t.value !== 0 || t.inputs.length > 0), method };
}

type Explainer = (h: Helpers, row: YearRow) => { terms: ExplainTerm[]; method: string };

class Helpers {
  readonly T: number;
  readonly first: number;
  readonly count: number;
  constructor(
    readonly x: ExplainContext,
    readonly parts: Parts,
  ) {
    this.T = x.c.tl.T;
    this.first = x.period.first;
    this.count = x.period.count;
  }

  /** Mean over the period of series s of the block. */
  mean(s: number): number {
    let sum = 0;
    for (let t = this.first; t < this.first + this.count; t++) sum += this.x.block[s * this.T + t];
    return sum / this.count;
  }

  meanOf(f: (t: number) => number): number {
    let sum = 0;
    for (let t = this.first; t < this.first + this.count; t++) sum += f(t);
    return sum / this.count;
  }

  at(s: number, t: number): number {
    return this.x.block[s * this.T + t];
  }

  input(label: string, path: string, value?: ExplainInput['value']): ExplainInput {
    const out: ExplainInput = { label, path };
    if (value !== undefined) out.value = value;
    if (this.x.scenario.overridden.has(path)) out.overridden = true;
    return out;
  }

  get isPractice(): boolean {
    return this.parts.practice !== null;
  }

  practiceCode(): string {
    return this.x.c.practices.codes[this.parts.practice ?? 0];
  }

  /** The list input: one practice's row, or the table for many. */
  listInput(field: 'registered' | 'weighted', value: number): ExplainInput {
    const label = field === 'registered' ? 'Registered patients' : 'Need-weighted (Carr-Hill) list';
    return this.isPractice ? this.input(label, `practices[${this.practiceCode()}].${field}`, value) : this.input(`${label}, all practices here`, 'practices', value);
  }

  workforceInput(j: number, value: number): ExplainInput {
    const id = this.x.c.roles.ids[j];
    if (this.isPractice) return this.input(`${this.x.c.roles.names[j]} WTE held by the practice at the start`, `workforce[practice:${this.practiceCode()}:${id}].wte`, value);
    return this.input(`${this.x.c.roles.names[j]} WTE at the start, all rows here`, 'workforce', value);
  }

  roleInput(j: number, field: string, label: string): ExplainInput {
    const wb = this.x.c.roles;
    const id = wb.ids[j];
    const values: Record<string, number> = {
      contactsPerDay: wb.contactsPerDay[j],
      clinicalDaysPerYear: wb.clinicalDays[j],
      dnaRate: this.dna(j),
      costPerWte: wb.costPerWte[j],
      costPerAppointment: wb.costPerAppointment[j],
      leavingRate: wb.leaving[j],
      replacementRate: wb.replacement[j],
    };
    return this.input(`${wb.names[j]}: ${label}`, `roles[${id}].${field}`, values[field]);
  }

  /** Did-not-attend rate of role j, recovered from its compiled factors. */
  dna(j: number): number {
    return this.x.c.roles.dna[j];
  }

  /** Effects (interventions and external rows) that reach any PCN of the entity. */
  effectsHere(filter: (type: string, role: number) => boolean): number[] {
    const c = this.x.c;
    const here = new Set(this.parts.pcns.map((p) => p.n));
    const out: number[] = [];
    c.effects.forEach((e, i) => {
      if (filter(e.type, e.role) && c.effectMembers[i].some((n) => here.has(n))) out.push(i);
    });
    return out;
  }

  effectInput(e: number): ExplainInput {
    const eff = this.x.c.effects[e];
    if (eff.type === 'externalRow') return this.input(`External capacity ${eff.id}`, `externalCapacity[${eff.id}].appointmentsPerWeek`, eff.amount);
    const field: Record<string, string> = {
      extraAppointments: 'amount',
      demandReduction: 'fraction',
      navigationShare: 'target',
      productivity: 'fraction',
      recruitment: 'wtePerYear',
      externalCapacity: 'appointmentsPerWeek',
    };
    return this.input(`Intervention ${eff.id}`, `interventions[${eff.id}].effect.${field[eff.type]}`, eff.amount);
  }

  /** The entity's share of effect e (by registered list, as the engine shares it). */
  effectShare(e: number): number {
    const c = this.x.c;
    let share = 0;
    const members = c.effectMembers[e];
    for (const { n, listFrac } of this.parts.pcns) {
      const i = members.indexOf(n);
      if (i >= 0) share += c.effectShares[e][i].share * listFrac;
    }
    return share;
  }

  /** GP roles. */
  gpRoles(): number[] {
    const out: number[] = [];
    this.x.c.roles.isGp.forEach((g, j) => {
      if (g) out.push(j);
    });
    return out;
  }

  /** Week-0 WTE of role j here: the practice's own, or every stock of the PCNs. */
  wte0(j: number): number {
    const c = this.x.c;
    if (this.parts.practice !== null) return c.practiceWte[this.parts.practice * c.roles.n + j];
    let w = 0;
    for (const { n } of this.parts.pcns) w += pcnStock0(c, n, j);
    return w;
  }

  registered0(): number {
    let r = 0;
    for (const p of this.parts.practices) r += this.x.c.practices.registered[p];
    return r;
  }
}

// ---------------------------------------------------------------- the terms of each figure

function demandTerms(h: Helpers): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  const rateGrowth = growthSeries(c.tl.T, c.rateGrowth);
  const season = (t: number) => c.seasonality[c.tl.monthOfWeek[t]];
  let base = 0;
  for (const { n, demandFrac } of h.parts.pcns) base += c.pcnBase[n] * demandFrac;
  const withGrowth = (t: number) => {
    let v = 0;
    for (const { n, demandFrac } of h.parts.pcns) v += c.pcnBase[n] * demandFrac * c.places.growth[c.pcns.place[n]][t];
    return v / 52;
  };
  const r0 = h.registered0();
  let w0 = 0;
  for (const p of h.parts.practices) w0 += c.practices.weighted[p];
  const vList = (c.consultationRate * r0) / 52;
  const vBase = base / 52;
  const vPop = h.meanOf(withGrowth);
  const vRate = h.meanOf((t) => withGrowth(t) * rateGrowth[t]);
  const vSeason = h.meanOf((t) => withGrowth(t) * rateGrowth[t] * season(t));
  const value = h.mean(L.base.demand);
  const placeCodes = [...new Set(h.parts.pcns.map(({ n }) => c.places.codes[c.pcns.place[n]]))];
  const growthInputs =
    placeCodes.length <= 5 ? placeCodes.map((code) => h.input(`Population growth a year, ${c.places.names[c.places.codes.indexOf(code)]}`, `places[${code}].populationGrowth`, c.places.growthRate[c.places.codes.indexOf(code)])) : [h.input('Population growth a year, each place', 'places')];
  const cuts = h.effectsHere((type) => type === 'demandReduction');
  return [
    {
      label: `Registered patients at the start (${int(r0)}) × ${one(c.consultationRate)} consultations a patient a year ÷ 52`,
      value: vList,
      inputs: [h.input('Consultations a patient a year', 'demand.consultationRate', c.consultationRate), h.listInput('registered', r0)],
    },
    {
      label: c.needWeighting ? `Need weighting: demand follows the Carr-Hill weighted list (${int(w0)})` : 'Need weighting is off',
      value: vBase - vList,
      inputs: [h.input('Weight demand by need', 'settings.needWeighting', c.needWeighting), ...(c.needWeighting ? [h.listInput('weighted', w0)] : [])],
    },
    { label: 'Population growth since the start', value: vPop - vBase, inputs: growthInputs },
    { label: `Growth in consultations a patient (${pct(c.rateGrowth)} a year)`, value: vRate - vPop, inputs: [h.input('Demand growth a year', 'demand.rateGrowth', c.rateGrowth)] },
    { label: 'Season: the monthly indices of these weeks', value: vSeason - vRate, inputs: [h.input('Seasonality (January to December)', 'demand.seasonality', c.seasonality.map((s) => one(s)).join(', '))] },
    { label: cuts.length ? 'Demand reduced by interventions (self-care, online triage)' : 'No intervention reduces demand here', value: value - vSeason, inputs: cuts.map((e) => h.effectInput(e)) },
  ];
}

/** Capacity of each role: its staff at contacts a day, and what interventions add. */
function capacityTerms(h: Helpers, sign: 1 | -1): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  const R = c.roles;
  const out: ExplainTerm[] = [];
  const less = sign < 0 ? 'less ' : '';
  for (let j = 0; j < R.n; j++) {
    const cap = h.mean(L.roleCapacity + j);
    const wte = h.mean(L.roleWte + j);
    if (cap === 0 && wte === 0) continue;
    const staff = wte * R.factor[j];
    if (!R.isExternal[j]) {
      const cpd = R.contactsPerDay[j];
      out.push({
        label: `${less}${R.names[j]}: ${one(wte)} WTE × ${one(cpd)} contacts a day × ${int(R.clinicalDays[j])} days ÷ 52 × (1 − ${pct(h.dna(j))} did not attend)`,
        value: sign * staff,
        inputs: [h.workforceInput(j, h.wte0(j)), h.roleInput(j, 'contactsPerDay', 'contacts a clinical day'), h.roleInput(j, 'clinicalDaysPerYear', 'clinical days a WTE a year'), h.roleInput(j, 'dnaRate', 'did-not-attend rate'), h.roleInput(j, 'leavingRate', 'leaving rate a year'), h.roleInput(j, 'replacementRate', 'share of leavers replaced')],
      });
    }
    const added = cap - staff;
    // rounding alone (staff capacity summed week by week) is not an added appointment
    if (Math.abs(added) > 1e-12 * Math.max(1, Math.abs(cap)) || R.isExternal[j]) {
      const effects = h.effectsHere((type, role) => role === j && (type === 'extraAppointments' || type === 'externalCapacity' || type === 'externalRow' || type === 'productivity'));
      out.push({
        label: R.isExternal[j] ? `${less}${R.names[j]}: appointments a week from outside the practices` : `${less}${R.names[j]}: appointments added by interventions and productivity`,
        value: sign * added,
        inputs: effects.map((e) => h.effectInput(e)),
      });
    }
  }
  return out;
}

function safeTerm(h: Helpers, sign: 1 | -1): ExplainTerm {
  const { c } = h.x;
  const L = c.layout;
  const gp = h.gpRoles();
  const diff = h.mean(L.base.capacitySafe) - h.mean(L.base.capacity);
  const labels = gp.map((j) => `${c.roles.names[j]}`).join(', ');
  return {
    label: `${sign < 0 ? 'less ' : ''}${labels || 'GPs'} at safe contacts a day instead of today's`,
    value: sign * diff,
    inputs: gp.flatMap((j) => [h.input(`${c.roles.names[j]}: safe contacts a day`, `roles[${c.roles.ids[j]}].safeContactsPerDay`, Number.isNaN(c.roles.safeContactsPerDay[j]) ? null : c.roles.safeContactsPerDay[j]), h.roleInput(j, 'contactsPerDay', 'contacts a clinical day')]),
  };
}

function unmetTerms(h: Helpers): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  return Array.from({ length: c.needs.n }, (_, k) => {
    const id = c.needs.ids[k];
    return {
      label: `${c.needs.names[k]}: wanted, but no role on its pathway or default route was free`,
      value: h.mean(L.needUnmet + k),
      inputs: [h.input(`${c.needs.names[k]}: share of demand`, `needs[${id}].share`, c.needs.share[k]), h.input(`${c.needs.names[k]}: pathway`, `needs[${id}].pathway`), h.input(`${c.needs.names[k]}: default route`, `needs[${id}].defaultRoute`), h.input('Share of demand care-navigated', 'settings.navigationShare', c.navigationBase)],
    };
  });
}

function deliveredTerms(h: Helpers): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  const out: ExplainTerm[] = [];
  for (let j = 0; j < c.roles.n; j++) {
    const d = h.mean(L.roleDelivered + j);
    if (d === 0) continue;
    const cap = h.mean(L.roleCapacity + j);
    out.push({
      label: `${c.roles.names[j]}: ${int(d)} of ${int(cap)} appointments a week taken (${pct(cap > 0 ? d / cap : 0)})`,
      value: d,
      inputs: [h.input(`${c.roles.names[j]}: the needs it can see`, 'needs'), h.input('Share of demand care-navigated', 'settings.navigationShare', c.navigationBase)],
    });
  }
  return out;
}

function strandedTerms(h: Helpers): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  const B = L.base;
  const R = c.roles.n;
  const idle = new Float64Array(R);
  let surplusUnmet = 0;
  for (let t = h.first; t < h.first + h.count; t++) {
    const gap = h.at(B.demand, t) - h.at(B.capacity, t);
    const stranded = Math.max(0, h.at(B.unmet, t) - Math.max(0, gap));
    if (gap <= 0) {
      surplusUnmet += stranded;
      continue;
    }
    // in a week of shortfall, what is stranded is capacity left idle: shared by each role's idle
    let total = 0;
    for (let j = 0; j < R; j++) total += Math.max(0, h.at(L.roleCapacity + j, t) - h.at(L.roleDelivered + j, t));
    if (total <= 0) {
      surplusUnmet += stranded;
      continue;
    }
    for (let j = 0; j < R; j++) idle[j] += (stranded * Math.max(0, h.at(L.roleCapacity + j, t) - h.at(L.roleDelivered + j, t))) / total;
  }
  const out: ExplainTerm[] = [];
  for (let j = 0; j < R; j++) {
    if (idle[j] === 0) continue;
    out.push({
      label: `${c.roles.names[j]}: idle in weeks when demand outran capacity (the needs waiting could not be booked with this role)`,
      value: idle[j] / h.count,
      inputs: [h.input('Pathways and default routes of each need', 'needs'), h.input('Share of demand care-navigated', 'settings.navigationShare', c.navigationBase)],
    });
  }
  out.push({ label: 'Unmet demand in weeks when capacity was to spare', value: surplusUnmet / h.count, inputs: [h.input('Pathways and default routes of each need', 'needs')] });
  return out;
}

function gpWteTerms(h: Helpers, sign: 1 | -1): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  const out: ExplainTerm[] = [];
  const less = sign < 0 ? 'less ' : '';
  for (const j of h.gpRoles()) {
    const w0 = h.wte0(j);
    const unit = c.roles.unit[j];
    const start = h.meanOf((t) => w0 * unit[t]);
    const all = h.isPractice ? start : h.mean(L.roleWte + j);
    out.push({
      label: `${less}${c.roles.names[j]}: ${one(w0)} WTE at the start, after leavers and their replacements`,
      value: sign * start,
      inputs: [h.workforceInput(j, w0), h.roleInput(j, 'leavingRate', 'leaving rate a year'), h.roleInput(j, 'replacementRate', 'share of leavers replaced')],
    });
    if (!h.isPractice) {
      const recruits = h.effectsHere((type, role) => type === 'recruitment' && role === j);
      out.push({ label: `${less}${c.roles.names[j]}: recruits, after their own leavers and replacements`, value: sign * (all - start), inputs: recruits.map((e) => h.effectInput(e)) });
    }
  }
  return out;
}

function neededTerms(h: Helpers): ExplainTerm[] {
  const { c } = h.x;
  const B = c.layout.base;
  let fromDelivered = 0;
  let fromUnmet = 0;
  for (let t = h.first; t < h.first + h.count; t++) {
    const needed = h.at(B.gpWteNeededSafe, t);
    const routed = h.at(B.gpRoutedDemand, t);
    if (routed <= 0) {
      fromUnmet += needed;
      continue;
    }
    const share = h.at(B.gpDelivered, t) / routed;
    fromDelivered += needed * share;
    fromUnmet += needed * (1 - share);
  }
  const safe = h.gpRoles().flatMap((j) => [h.input(`${c.roles.names[j]}: safe contacts a day`, `roles[${c.roles.ids[j]}].safeContactsPerDay`), h.roleInput(j, 'clinicalDaysPerYear', 'clinical days a WTE a year'), h.roleInput(j, 'dnaRate', 'did-not-attend rate')]);
  return [
    { label: `GP appointments delivered (${int(h.mean(B.gpDelivered))} a week) at safe contacts a day`, value: fromDelivered / h.count, inputs: safe },
    { label: `Unmet demand whose default route is a GP (${int(h.mean(B.gpRoutedDemand) - h.mean(B.gpDelivered))} a week) at safe contacts a day`, value: fromUnmet / h.count, inputs: [...safe, h.input('Default route of each need', 'needs')] },
  ];
}

function contactsTerms(h: Helpers, row: YearRow): ExplainTerm[] {
  const { c } = h.x;
  const B = c.layout.base;
  const L = c.layout;
  const R = c.roles;
  const gp = h.gpRoles();
  let K = 0; // contacts a day as set, in appointments a week
  let S = 0; // after did-not-attends
  let C = 0; // GP capacity with added appointments and productivity
  for (let t = h.first; t < h.first + h.count; t++) {
    for (const j of gp) {
      const wte = h.isPractice ? h.wte0(j) * R.unit[j][t] : h.at(L.roleWte + j, t);
      const f = R.factor[j];
      S += wte * f;
      K += (wte * R.contactsPerDay[j] * R.clinicalDays[j]) / 52;
      if (!h.isPractice) C += h.at(L.roleCapacity + j, t);
    }
  }
  let D = 0;
  let WD = 0;
  for (let t = h.first; t < h.first + h.count; t++) {
    D += h.at(B.gpDelivered, t);
    WD += h.at(B.gpWteDays, t);
  }
  const per = (x: number) => (x * 52) / WD;
  const inputs = gp.flatMap((j) => [h.roleInput(j, 'contactsPerDay', 'contacts a clinical day'), h.roleInput(j, 'dnaRate', 'did-not-attend rate'), h.workforceInput(j, h.wte0(j))]);
  const out: ExplainTerm[] = [
    { label: 'Contacts a clinical day the GPs are set to see (WTE-weighted)', value: per(K), inputs },
    { label: 'less appointments not attended', value: per(S - K), inputs: gp.map((j) => h.roleInput(j, 'dnaRate', 'did-not-attend rate')) },
  ];
  const effects = h.effectsHere((type, role) => gp.includes(role) && (type === 'extraAppointments' || type === 'productivity'));
  if (h.isPractice) out.push({ label: "GP time left unused, and productivity (the practice's GPs work at the PCN GPs' rate)", value: per(D - S), inputs: effects.map((e) => h.effectInput(e)) });
  else {
    out.push({ label: 'Appointments added to GP capacity by interventions, and productivity', value: per(C - S), inputs: effects.map((e) => h.effectInput(e)) });
    out.push({ label: 'GP capacity left unused (no demand for it that week)', value: per(D - C), inputs: [] });
  }
  void row;
  return out;
}

function costTerms(h: Helpers, key: 'workforceCostGBP' | 'interventionCostGBP' | 'externalCostGBP', scale = 1): ExplainTerm[] {
  const { c } = h.x;
  const L = c.layout;
  const R = c.roles;
  const out: ExplainTerm[] = [];
  if (key === 'workforceCostGBP') {
    for (let j = 0; j < R.n; j++) {
      if (R.isExternal[j]) continue;
      const wte = h.mean(L.roleWte + j);
      if (wte === 0) continue;
      out.push({ label: `${R.names[j]}: ${one(wte)} WTE × £${int(R.costPerWte[j])} a year`, value: (wte * R.costPerWte[j]) / scale, inputs: [h.roleInput(j, 'costPerWte', 'cost a WTE a year'), h.workforceInput(j, h.wte0(j))] });
    }
  } else if (key === 'externalCostGBP') {
    for (let j = 0; j < R.n; j++) {
      if (!R.isExternal[j]) continue;
      const d = h.mean(L.roleDelivered + j);
      if (d === 0) continue;
      out.push({ label: `${R.names[j]}: ${int(d)} appointments a week × £${n2.format(R.costPerAppointment[j])} × 52`, value: (d * R.costPerAppointment[j] * 52) / scale, inputs: [h.roleInput(j, 'costPerAppointment', 'cost an appointment')] });
    }
  } else {
    c.effects.forEach((eff, e) => {
      if (!(eff.annualCost > 0)) return;
      const share = h.effectShare(e);
      if (share === 0) return;
      const running = h.meanOf((t) => eff.running[t]);
      out.push({
        label: `${eff.id}: £${int(eff.annualCost)} a year × ${pct(share)} share here${running < 1 ? ` × ${pct(running)} of these weeks running` : ''}`,
        value: (running * eff.annualCost * share) / scale,
        inputs: [h.input(`Intervention ${eff.id}: cost a year`, `interventions[${eff.id}].annualCost`, eff.annualCost), h.input(`Intervention ${eff.id}: scope`, `interventions[${eff.id}].scope`, eff.scope)],
      });
    });
  }
  return out;
}

function single(label: string, value: number, inputs: ExplainInput[]): ExplainTerm[] {
  return [{ label, value, inputs }];
}

const EXPLAINERS: Record<FigureKey, Explainer> = {
  demandPerWeek: (h) => ({ terms: demandTerms(h), method: 'Weekly demand is the start list × consultation rate, then weighted by need, grown, made seasonal and reduced by interventions; each step is a term.' }),
  capacityPerWeek: (h) => ({ terms: capacityTerms(h, 1), method: 'Capacity is the sum over roles of WTE × contacts a day × clinical days ÷ 52 × (1 − did-not-attend rate), plus appointments added by interventions.' }),
  netGapPerWeek: (h) => ({ terms: [...demandTerms(h), ...capacityTerms(h, -1)], method: 'Net gap = demand − capacity: the demand terms, less each role’s capacity.' }),
  unmetPerWeek: (h) => ({ terms: unmetTerms(h), method: 'Unmet demand is the sum, over needs, of what no role on the need’s pathway or default route could take.' }),
  strandedPerWeek: (h) => ({ terms: strandedTerms(h), method: 'Worked out week by week: unmet demand beyond the shortfall. In a week of shortfall that is capacity left idle (shown by role); in a week with capacity to spare it is the demand still unmet.' }),
  capacityAtSafeWorkloadPerWeek: (h) => ({ terms: [...capacityTerms(h, 1), safeTerm(h, 1)], method: 'Capacity with GPs at the safe contacts a day: today’s capacity by role, and the change from seeing GPs’ safe number of contacts.' }),
  netGapAtSafeWorkloadPerWeek: (h) => ({ terms: [...demandTerms(h), ...capacityTerms(h, -1), safeTerm(h, -1)], method: 'Gap at safe workload = demand − capacity with GPs at safe contacts a day.' }),
  unmetAtSafeWorkloadPerWeek: (h) => ({
    terms: [...unmetTerms(h), { label: 'More demand unmet when GPs see their safe number of contacts', value: h.mean(h.x.c.layout.base.unmetSafe) - h.mean(h.x.c.layout.base.unmet), inputs: [safeTerm(h, 1).inputs[0]].filter(Boolean) }],
    method: 'Unmet demand at today’s workload, by need, and the extra left unmet at safe GP workload.',
  }),
  deliveredPerWeek: (h) => ({ terms: deliveredTerms(h), method: 'Appointments delivered: what care navigation and direct booking placed with each role.' }),
  gpWte: (h) => ({ terms: gpWteTerms(h, 1), method: h.isPractice ? 'GP WTE the practice holds, after leavers and their replacements (GPs held by the PCN count at PCN level).' : 'GP WTE: the starting staff after leavers and their replacements, and recruits.' }),
  gpContactsPerGpDay: (h, row) => ({ terms: contactsTerms(h, row), method: 'GP appointments delivered × 52 ÷ (GP WTE × clinical days), taken apart: contacts a day as set, less did-not-attends, plus added appointments, less time left unused.' }),
  gpWteNeededSafe: (h) => ({ terms: neededTerms(h), method: 'GP WTE needed = GP-routed demand ÷ the appointments one GP WTE gives a week at safe contacts a day; GP-routed demand is what GPs delivered plus unmet demand whose default route is a GP.' }),
  gpWteShortOfSafe: (h) => ({ terms: [...neededTerms(h), ...gpWteTerms(h, -1)], method: 'Shortfall = GP WTE needed for safe working − GP WTE available.' }),
  gpHeadcountPer100k: (h, row) => ({
    terms: single(`${one(row.gpWte)} GP WTE ÷ ${n2.format(h.x.c.gpFtePerHeadcount)} WTE a GP × 100,000 ÷ ${int(row.registeredPatients)} patients`, row.gpHeadcountPer100k, [h.input('GP FTE per GP headcount', 'settings.gpFtePerHeadcount', h.x.c.gpFtePerHeadcount), h.listInput('registered', h.registered0()), ...h.gpRoles().map((j) => h.workforceInput(j, h.wte0(j)))]),
    method: 'A ratio: GP headcount (WTE ÷ FTE per head) per 100,000 registered patients, from the year’s means.',
  }),
  gpWtePer100k: (h, row) => ({
    terms: single(`${one(row.gpWte)} GP WTE × 100,000 ÷ ${int(row.registeredPatients)} patients`, row.gpWtePer100k, [h.listInput('registered', h.registered0()), ...h.gpRoles().map((j) => h.workforceInput(j, h.wte0(j)))]),
    method: 'A ratio: GP WTE per 100,000 registered patients, from the year’s means.',
  }),
  patientsPerGpWte: (h, row) => ({
    terms: single(`${int(row.registeredPatients)} patients ÷ ${one(row.gpWte)} GP WTE`, row.patientsPerGpWte ?? 0, [h.listInput('registered', h.registered0()), ...h.gpRoles().map((j) => h.workforceInput(j, h.wte0(j)))]),
    method: 'A ratio: registered patients per GP WTE, from the year’s means.',
  }),
  registeredPatients: (h, row) => {
    const r0 = h.registered0();
    return {
      terms: [
        { label: 'Registered patients at the start', value: r0, inputs: [h.listInput('registered', r0)] },
        { label: 'Population growth since the start', value: row.registeredPatients - r0, inputs: [h.input('Population growth a year, each place', 'places')] },
      ],
      method: 'The start list, grown by the place’s population growth.',
    };
  },
  navigationShare: (h, row) => {
    const navs = h.effectsHere((type) => type === 'navigationShare');
    return {
      terms: [
        { label: 'Share care-navigated today', value: h.x.c.navigationBase, inputs: [h.input('Share of demand care-navigated today', 'settings.navigationShare', h.x.c.navigationBase)] },
        { label: navs.length ? 'Change by navigation interventions (each moves the share it finds towards its target)' : 'No navigation intervention acts here', value: row.navigationShare - h.x.c.navigationBase, inputs: navs.map((e) => h.effectInput(e)) },
      ],
      method: 'The base share, moved by navigation interventions in order of start; weighted by registered patients.',
    };
  },
  arrsNotHiredWte: (h, row) => ({
    terms: single('Planned ARRS recruits not hired under the budget cap, so far', row.arrsNotHiredWte, [h.input('ARRS budget cap per weighted patient', 'settings.arrsCapPerWeightedPatient', h.x.c.arrsCap)]),
    method: 'Cumulative to the last week of the period.',
  }),
  workforceCostGBP: (h) => ({ terms: costTerms(h, 'workforceCostGBP'), method: 'For each staffed role: mean WTE × cost a WTE a year.' }),
  interventionCostGBP: (h) => ({ terms: costTerms(h, 'interventionCostGBP'), method: 'For each intervention with a cost: its cost a year × this entity’s share (by registered list) × the share of the weeks it runs.' }),
  externalCostGBP: (h) => ({ terms: costTerms(h, 'externalCostGBP'), method: 'For each external role: appointments delivered a week × cost an appointment × 52.' }),
  totalCostGBP: (h) => ({ terms: [...costTerms(h, 'workforceCostGBP'), ...costTerms(h, 'interventionCostGBP'), ...costTerms(h, 'externalCostGBP')], method: 'Workforce, intervention and external costs, each a weekly mean × 52.' }),
  costPerAppointmentGBP: (h, row) => {
    const per = row.deliveredPerWeek * 52;
    if (!(row.deliveredPerWeek > 0)) return { terms: [], method: 'No appointments were delivered.' };
    return {
      terms: [...costTerms(h, 'workforceCostGBP', per), ...costTerms(h, 'interventionCostGBP', per), ...costTerms(h, 'externalCostGBP', per)],
      method: `Each cost ÷ the ${int(per)} appointments delivered in the year.`,
    };
  },
  fundingGBP: (h) => {
    const { c } = h.x;
    const f = h.x.period.fy ?? 0;
    return {
      terms: c.fundingRows
        .filter((r) => r.perFy[f] !== 0)
        .map((r) => ({ label: `${r.name}: ${gbp(r.perFy[f])} × ${pct(h.x.fundingShare)} share of patients here`, value: r.perFy[f] * h.x.fundingShare, inputs: [h.input(`${r.name}: amount`, `funding[${r.id}].amountGBP`, r.perFy[f])] })),
      method: 'Each funding row for the year (weekly mean × 52; a one-off in full in its year), × this entity’s share of registered patients.',
    };
  },
};

export const FIGURE_KEYS = Object.keys(EXPLAINERS) as FigureKey[];

export function isFigureKey(key: string): key is FigureKey {
  return Object.prototype.hasOwnProperty.call(EXPLAINERS, key);
}
