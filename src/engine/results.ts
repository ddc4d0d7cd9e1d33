// Reading results at any level. Places, systems and the whole workbook are kept after each run; a
// PCN is re-projected when asked for (cheap: one PCN), and a practice is read from its PCN: its
// patients' share of the PCN's appointments (in proportion to their demand) and its own staff
// plus its list share of staff held by the PCN.
import type { Compiled } from './compile';
import { copyBlock, ensurePlace, pcnFyStat, projectPcn, scratchFor, type Results, type Scratch } from './project';

export type Level = 'total' | 'system' | 'place' | 'pcn' | 'practice';
export const LEVELS: readonly Level[] = ['total', 'system', 'place', 'pcn', 'practice'];

export interface EntityRef {
  level: Level;
  /** Code of the system, place, PCN or practice; '' for the whole workbook. */
  code: string;
}

export interface Entity extends EntityRef {
  name: string;
  /** Code of the parent entity one level up ('' under the whole workbook). */
  parent: string;
}

export function listEntities(c: Compiled): Entity[] {
  const out: Entity[] = [{ level: 'total', code: '', name: 'All systems', parent: '' }];
  c.systems.codes.forEach((code, i) => out.push({ level: 'system', code, name: c.systems.names[i], parent: '' }));
  c.places.codes.forEach((code, i) => out.push({ level: 'place', code, name: c.places.names[i], parent: c.systems.codes[c.places.system[i]] }));
  c.pcns.codes.forEach((code, i) => out.push({ level: 'pcn', code, name: c.pcns.names[i], parent: c.places.codes[c.pcns.place[i]] }));
  c.practices.codes.forEach((code, i) => out.push({ level: 'practice', code, name: c.practices.names[i], parent: c.pcns.codes[c.practices.pcn[i]] }));
  return out;
}

/** The weekly series block of one entity, as a new array the caller may keep or transfer. */
export function entityBlock(c: Compiled, r: Results, ref: EntityRef, s: Scratch = scratchFor(c)): Float64Array {
  const size = c.layout.size;
  const find = (codes: readonly string[]) => {
    const i = codes.indexOf(ref.code);
    if (i < 0) throw new Error(`no ${ref.level === 'pcn' ? 'PCN' : ref.level} has the code '${ref.code}'`);
    return i;
  };
  switch (ref.level) {
    case 'total':
      return copyBlock(c, r.total, 0);
    case 'system':
      return copyBlock(c, r.systems, find(c.systems.codes) * size);
    case 'place': {
      const p = find(c.places.codes);
      ensurePlace(c, r, p, s);
      return copyBlock(c, r.places.block(p), 0);
    }
    case 'pcn':
      return pcnBlock(c, find(c.pcns.codes), s);
    case 'practice':
      return practiceBlock(c, find(c.practices.codes), s);
  }
}

/** As entityBlock, but the whole workbook's and a system's block are views of the results, not copies. */
export function entityView(c: Compiled, r: Results, ref: EntityRef, s: Scratch = scratchFor(c)): Float64Array {
  const size = c.layout.size;
  if (ref.level === 'total') return r.total.subarray(0, size);
  if (ref.level === 'system') {
    const i = c.systems.codes.indexOf(ref.code);
    if (i >= 0) return r.systems.subarray(i * size, (i + 1) * size);
  }
  return entityBlock(c, r, ref, s);
}

function pcnBlock(c: Compiled, n: number, s: Scratch): Float64Array {
  const work = new Float64Array(c.layout.size);
  projectPcn(c, n, work, 0, s, null);
  return copyBlock(c, work, 0);
}

function practiceBlock(c: Compiled, p: number, s: Scratch): Float64Array {
  const n = c.practices.pcn[p];
  const L = c.layout;
  const T = L.T;
  const R = c.roles.n;
  const B = L.base;
  const pcn = pcnBlock(c, n, s); // leaves this PCN's effects (productivity, added capacity) in the scratch
  const out = new Float64Array(L.size);
  const members = c.pcns.practices[n];
  const demandShare = c.pcnBase[n] > 0 ? c.practices.base[p] / c.pcnBase[n] : 1 / members.length;
  const listShare = c.pcnRegistered[n] > 0 ? c.practices.registered[p] / c.pcnRegistered[n] : 1 / members.length;
  const weightedShare = c.pcnWeighted[n] > 0 ? c.practices.weighted[p] / c.pcnWeighted[n] : 1 / members.length;
  const scale = (series: number, k: number) => {
    for (let t = 0; t < T; t++) out[series * T + t] = pcn[series * T + t] * k;
  };
  // what the practice's patients received: their demand share of the PCN's appointments
  for (const key of ['demand', 'delivered', 'deliveredSafe', 'unmet', 'unmetSafe', 'externalCost'] as const) {
    scale(B[key], demandShare);
  }
  for (let k = 0; k < L.nNeeds; k++) scale(L.needUnmet + k, demandShare);
  for (let j = 0; j < R; j++) scale(L.roleDelivered + j, demandShare);
  // list-based shares of what the PCN holds in common
  for (const key of ['registered', 'navigatedWeight', 'interventionCost', 'arrsNotHired'] as const) scale(B[key], listShare);
  scale(B.weighted, weightedShare);
  // its own staff, declining as the PCN's do, plus its list share of PCN-held staff and extra
  // capacity: the capacity its patients can call on
  const { factor, safeFactor, costPerWte, unit } = c.roles;
  for (let j = 0; j < R; j++) {
    const own0 = c.practiceWte[p * R + j];
    let allPractices0 = 0;
    for (const q of members) allPractices0 += c.practiceWte[q * R + j];
    const prodJ = s.role('prod', j);
    const addJ = s.role('add', j);
    for (let t = 0; t < T; t++) {
      const pcnWte = pcn[(L.roleWte + j) * T + t];
      const wte = own0 * unit[j][t] + listShare * Math.max(0, pcnWte - allPractices0 * unit[j][t]);
      const prod = Math.max(0, prodJ[t]);
      const add = listShare * addJ[t];
      const cap = wte * factor[j] * prod + add;
      out[(L.roleWte + j) * T + t] = wte;
      out[(L.roleCapacity + j) * T + t] = cap;
      out[B.capacity * T + t] += cap;
      out[B.capacitySafe * T + t] += wte * safeFactor[j] * prod + add;
      out[B.workforceCost * T + t] += (wte * costPerWte[j]) / 52;
    }
  }
  practiceGps(c, p, pcn, out, s, demandShare);
  return out;
}

/**
 * A practice's GP figures (MODEL.md section 7): the GPs it holds and the appointments they
 * deliver, so that its figures and the PCN's own GPs add up to the PCN's. A PCN's GPs of one role
 * work as one team, so each of the practice's GPs delivers what an average GP of that role in the
 * PCN delivers (added appointments, such as extended access, stay with the PCN). GP-routed demand
 * adds its patients' share of the unmet demand whose default route is a GP.
 */
function practiceGps(c: Compiled, p: number, pcn: Float64Array, out: Float64Array, s: Scratch, demandShare: number): void {
  const L = c.layout;
  const T = L.T;
  const R = c.roles.n;
  const B = L.base;
  const { factor, safeFactor, isGp, clinicalDays, unit } = c.roles;
  for (let j = 0; j < R; j++) {
    const own0 = c.practiceWte[p * R + j];
    if (!isGp[j] || !(own0 > 0) || !s.isActive[j]) continue;
    const prodJ = s.role('prod', j);
    const cap = s.role('cap', j);
    const rem = s.role('rem', j);
    const capSafe = s.role(s.split[j] ? 'capSafe' : 'cap', j);
    const remSafe = s.role(s.split[j] ? 'remSafe' : 'rem', j);
    for (let t = 0; t < T; t++) {
      const wte = own0 * unit[j][t];
      const prod = Math.max(0, prodJ[t]);
      out[B.gpWte * T + t] += wte;
      out[B.gpWteDays * T + t] += wte * clinicalDays[j];
      if (cap[t] > 0) out[B.gpDelivered * T + t] += (wte * factor[j] * prod * (cap[t] - rem[t])) / cap[t];
      if (capSafe[t] > 0) out[B.gpDeliveredSafe * T + t] += (wte * safeFactor[j] * prod * (capSafe[t] - remSafe[t])) / capSafe[t];
    }
  }
  for (let t = 0; t < T; t++) {
    const pcnRouted = pcn[B.gpRoutedDemand * T + t];
    const routed = out[B.gpDelivered * T + t] + demandShare * (pcnRouted - pcn[B.gpDelivered * T + t]);
    out[B.gpRoutedDemand * T + t] = routed;
    // the PCN's GP WTE needed per GP-routed appointment, at its safe contacts a day
    out[B.gpWteNeededSafe * T + t] = pcnRouted > 0 ? (routed * pcn[B.gpWteNeededSafe * T + t]) / pcnRouted : 0;
  }
}

/** Figures for one financial year, named as in the command line's JSON. */
export interface YearRow {
  fy: string;
  demandPerWeek: number;
  capacityPerWeek: number;
  netGapPerWeek: number;
  unmetPerWeek: number;
  strandedPerWeek: number;
  capacityAtSafeWorkloadPerWeek: number;
  netGapAtSafeWorkloadPerWeek: number;
  unmetAtSafeWorkloadPerWeek: number;
  deliveredPerWeek: number;
  gpWte: number;
  /** Null where there are no GPs (shown as "-"). */
  gpContactsPerGpDay: number | null;
  gpWteNeededSafe: number;
  gpWteShortOfSafe: number;
  gpHeadcountPer100k: number;
  gpWtePer100k: number;
  /** Null where there are no GPs. */
  patientsPerGpWte: number | null;
  registeredPatients: number;
  navigationShare: number;
  arrsNotHiredWte: number;
  workforceCostGBP: number;
  interventionCostGBP: number;
  externalCostGBP: number;
  totalCostGBP: number;
  costPerAppointmentGBP: number;
  fundingGBP: number;
}

/**
 * A rate of two amounts, or null where it has no meaning: no denominator, or one so small (a
 * vanishing WTE) that the ratio is not a finite number, which is shown as "-" like no GPs at all.
 */
export function ratio(num: number, den: number): number | null {
  if (!(den > 0)) return null;
  const r = num / den;
  return Number.isFinite(r) ? r : null;
}

/** FY means of an entity's weekly series, with rates formed from the means (ratio of sums). */
export function yearRows(c: Compiled, block: Float64Array, fundingShare: number): YearRow[] {
  const { tl } = c;
  return tl.fyLabels.map((fy, f) => periodRow(c, block, tl.fyFirstWeek[f], tl.fyWeekCount[f], fy, c.fundingPerFy[f] * fundingShare));
}

/**
 * The figures of weeks first .. first + count - 1 of an entity's block: a financial year, or one
 * week for a point of a weekly chart. The one definition of every headline figure.
 */
export function periodRow(c: Compiled, block: Float64Array, first: number, count: number, fy: string, fundingGBP: number): YearRow {
  const T = c.tl.T;
  const B = c.layout.base;
  const mean = (s: number) => {
    let sum = 0;
    for (let t = first; t < first + count; t++) sum += block[s * T + t];
    return sum / count;
  };
  const demand = mean(B.demand);
  const capacity = mean(B.capacity);
  const capacitySafe = mean(B.capacitySafe);
  const unmet = mean(B.unmet);
  const gpWte = mean(B.gpWte);
  const registered = mean(B.registered);
  const needed = mean(B.gpWteNeededSafe);
  const delivered = mean(B.delivered);
  const workforceCost = mean(B.workforceCost) * 52;
  const interventionCost = mean(B.interventionCost) * 52;
  const externalCost = mean(B.externalCost) * 52;
  const totalCost = workforceCost + interventionCost + externalCost;
  const gpWteDays = mean(B.gpWteDays);
  // stranded capacity is derived week by week, then averaged, so a summer surplus never hides
  // a winter shortfall (MODEL.md section 1)
  let stranded = 0;
  for (let t = first; t < first + count; t++) {
    const gap = block[B.demand * T + t] - block[B.capacity * T + t];
    stranded += Math.max(0, block[B.unmet * T + t] - Math.max(0, gap));
  }
  return {
    fy,
    demandPerWeek: demand,
    capacityPerWeek: capacity,
    netGapPerWeek: demand - capacity,
    unmetPerWeek: unmet,
    strandedPerWeek: stranded / count,
    capacityAtSafeWorkloadPerWeek: capacitySafe,
    netGapAtSafeWorkloadPerWeek: demand - capacitySafe,
    unmetAtSafeWorkloadPerWeek: mean(B.unmetSafe),
    deliveredPerWeek: delivered,
    gpWte,
    gpContactsPerGpDay: ratio(mean(B.gpDelivered) * 52, gpWteDays),
    gpWteNeededSafe: needed,
    gpWteShortOfSafe: needed - gpWte,
    gpHeadcountPer100k: registered > 0 ? ((gpWte / c.gpFtePerHeadcount) * 100_000) / registered : 0,
    gpWtePer100k: registered > 0 ? (gpWte * 100_000) / registered : 0,
    patientsPerGpWte: ratio(registered, gpWte),
    registeredPatients: registered,
    navigationShare: registered > 0 ? mean(B.navigatedWeight) / registered : c.navigationBase,
    arrsNotHiredWte: block[B.arrsNotHired * T + first + count - 1],
    workforceCostGBP: workforceCost,
    interventionCostGBP: interventionCost,
    externalCostGBP: externalCost,
    totalCostGBP: totalCost,
    costPerAppointmentGBP: delivered > 0 ? totalCost / (delivered * 52) : 0,
    fundingGBP,
  };
}

/** Share of the workbook's funding that an entity carries: its share of registered patients. */
export function fundingShare(c: Compiled, ref: EntityRef): number {
  if (ref.level === 'total') return 1;
  let total = 0;
  for (let n = 0; n < c.pcns.codes.length; n++) total += c.pcnRegistered[n];
  if (total <= 0) return 0;
  let own = 0;
  if (ref.level === 'practice') own = c.practices.registered[c.practices.codes.indexOf(ref.code)] ?? 0;
  else {
    for (let n = 0; n < c.pcns.codes.length; n++) {
      const place = c.pcns.place[n];
      const hit =
        (ref.level === 'pcn' && c.pcns.codes[n] === ref.code) ||
        (ref.level === 'place' && c.places.codes[place] === ref.code) ||
        (ref.level === 'system' && c.systems.codes[c.places.system[place]] === ref.code);
      if (hit) own += c.pcnRegistered[n];
    }
  }
  return own / total;
}

export interface PcnYear {
  code: string;
  name: string;
  place: string;
  registeredPatients: number;
  demandPerWeek: number;
  capacityPerWeek: number;
  netGapPerWeek: number;
  netGapAtSafeWorkloadPerWeek: number;
  unmetPerWeek: number;
  gpContactsPerGpDay: number | null;
  gpWteShortOfSafe: number;
}

/** Every PCN's FY means for one financial year, largest net gap first. */
export function pcnYear(c: Compiled, r: Results, fy: number): PcnYear[] {
  const weeks = c.tl.fyWeekCount[fy];
  const rows: PcnYear[] = c.pcns.codes.map((code, n) => {
    const m = (stat: Parameters<typeof pcnFyStat>[4]) => pcnFyStat(c, r, n, fy, stat) / weeks;
    const demand = m('demand');
    const gpWteDays = m('gpWteDays');
    return {
      code,
      name: c.pcns.names[n],
      place: c.places.codes[c.pcns.place[n]],
      registeredPatients: m('registered'),
      demandPerWeek: demand,
      capacityPerWeek: m('capacity'),
      netGapPerWeek: demand - m('capacity'),
      netGapAtSafeWorkloadPerWeek: demand - m('capacitySafe'),
      unmetPerWeek: m('unmet'),
      gpContactsPerGpDay: ratio(m('gpDelivered') * 52, gpWteDays),
      gpWteShortOfSafe: m('gpWteNeededSafe') - m('gpWte'),
    };
  });
  return rows.sort((a, b) => b.netGapPerWeek - a.netGapPerWeek || a.code.localeCompare(b.code));
}
