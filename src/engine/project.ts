// The weekly projection of one PCN (MODEL.md sections 3 to 8) and the roll-up of PCNs into places,
// systems and the whole workbook. A PCN is the unit of computation: its staff stocks, capacity and
// care navigation depend only on itself and the effects that reach it, so an edit recomputes only
// the PCNs it touches and re-adds their places.
import { pcnStock0, type Compiled } from './compile';

/** Per-PCN figures kept for every financial year (FY sums of weekly values), for ranking PCNs. */
export const PCN_FY_STATS = ['demand', 'capacity', 'capacitySafe', 'unmet', 'unmetSafe', 'gpDelivered', 'gpWte', 'gpWteDays', 'registered', 'gpWteNeededSafe'] as const;
export type PcnFyStat = (typeof PCN_FY_STATS)[number];
const NSTAT = PCN_FY_STATS.length;

export interface Results {
  readonly places: Float64Array;
  readonly systems: Float64Array;
  readonly total: Float64Array;
  /** [pcn][fy][stat], FY sums of weekly values. */
  readonly pcnFy: Float64Array;
}

/**
 * Working arrays reused across PCNs so the loop allocates nothing. Per-role arrays are role-major
 * ([j * T + t]) so every pass over one role reads and writes contiguous memory; only the roles an
 * effect touched are ever dirty. Leavers are week-major ([t * R + j]) for the replacement lag.
 */
export class Scratch {
  /** Capacity added (extra and external appointments), productivity factor, planned WTE a week. */
  readonly add: Float64Array;
  readonly prod: Float64Array;
  readonly planned: Float64Array;
  /** WTE the PCN's share of planned recruits adds each week (linear path, no ARRS cap). */
  readonly recruited: Float64Array;
  readonly hasAdd: Uint8Array;
  readonly hasProd: Uint8Array;
  readonly hasPlanned: Uint8Array;
  readonly wte: Float64Array;
  /** Capacity, and what is left of it as navigation fills it, at current and safe workload. */
  readonly cap: Float64Array;
  readonly capSafe: Float64Array;
  readonly rem: Float64Array;
  readonly remSafe: Float64Array;
  readonly leavers: Float64Array;
  readonly demandCut: Float64Array;
  readonly nav: Float64Array;
  readonly interventionCost: Float64Array;
  readonly notHired: Float64Array;
  /** Weekly series of the current PCN: demand, one need's navigated demand still to place, sums. */
  readonly demand: Float64Array;
  readonly nav1: Float64Array;
  readonly nav2: Float64Array;
  readonly capT: Float64Array;
  readonly capSafeT: Float64Array;
  readonly costT: Float64Array;
  readonly gpWteT: Float64Array;
  readonly gpDaysT: Float64Array;
  readonly gpSafeT: Float64Array;
  readonly unmetT: Float64Array;
  readonly unmetSafeT: Float64Array;
  readonly gpDefaultUnmetT: Float64Array;
  readonly leftT: Float64Array;
  readonly leftSafeT: Float64Array;
  readonly gpDeliveredT: Float64Array;
  readonly gpDeliveredSafeT: Float64Array;
  readonly externalCostT: Float64Array;
  readonly w: Float64Array;
  /** Roles with any staff, recruits or added capacity in the current PCN. */
  readonly active: Int32Array;
  readonly isActive: Uint8Array;
  /** Roles whose safe-workload capacity is held apart from the current one. */
  readonly split: Uint8Array;
  nActive = 0;
  constructor(readonly T: number, readonly R: number) {
    const RT = R * T;
    const weekly = () => new Float64Array(T);
    this.add = new Float64Array(RT);
    this.prod = new Float64Array(RT).fill(1);
    this.planned = new Float64Array(RT);
    this.recruited = new Float64Array(RT);
    this.hasAdd = new Uint8Array(R);
    this.hasProd = new Uint8Array(R);
    this.hasPlanned = new Uint8Array(R);
    this.wte = new Float64Array(RT);
    this.cap = new Float64Array(RT);
    this.capSafe = new Float64Array(RT);
    this.rem = new Float64Array(RT);
    this.remSafe = new Float64Array(RT);
    this.leavers = new Float64Array(RT);
    this.demandCut = weekly();
    this.nav = weekly();
    this.interventionCost = weekly();
    this.notHired = weekly();
    this.demand = weekly();
    this.nav1 = weekly();
    this.nav2 = weekly();
    this.capT = weekly();
    this.capSafeT = weekly();
    this.costT = weekly();
    this.gpWteT = weekly();
    this.gpDaysT = weekly();
    this.gpSafeT = weekly();
    this.unmetT = weekly();
    this.unmetSafeT = weekly();
    this.gpDefaultUnmetT = weekly();
    this.leftT = weekly();
    this.leftSafeT = weekly();
    this.gpDeliveredT = weekly();
    this.gpDeliveredSafeT = weekly();
    this.externalCostT = weekly();
    this.w = new Float64Array(R);
    this.active = new Int32Array(R);
    this.isActive = new Uint8Array(R);
    this.split = new Uint8Array(R);
  }
}

export function scratchFor(c: Compiled): Scratch {
  return new Scratch(c.tl.T, c.roles.n);
}

/** Gathers the weekly effect of every intervention and external row that reaches PCN n. */
function gatherEffects(c: Compiled, n: number, s: Scratch): void {
  const T = c.tl.T;
  const R = c.roles.n;
  const { add, prod, planned, recruited, hasAdd, hasProd, hasPlanned, demandCut, nav, interventionCost } = s;
  const linear = c.arrsCap === null;
  // clean only what the previous PCN dirtied
  for (let j = 0; j < R; j++) {
    if (hasAdd[j]) add.fill(0, j * T, (j + 1) * T);
    if (hasProd[j]) prod.fill(1, j * T, (j + 1) * T);
    if (hasPlanned[j]) {
      planned.fill(0, j * T, (j + 1) * T);
      recruited.fill(0, j * T, (j + 1) * T);
    }
  }
  hasAdd.fill(0);
  hasProd.fill(0);
  hasPlanned.fill(0);
  demandCut.fill(0);
  nav.fill(c.navigationBase);
  interventionCost.fill(0);
  const growth = c.places.growth[c.pcns.place[n]];
  const base = c.navigationBase;
  for (const { effect, share } of c.pcnEffects[n]) {
    const eff = c.effects[effect];
    const prof = eff.profile;
    const j = eff.role;
    const o = j * T;
    switch (eff.type) {
      case 'extraAppointments':
        if (j < 0) break;
        hasAdd[j] = 1;
        if (eff.per1000) {
          const perList = (eff.amount * c.pcnRegistered[n]) / 1000;
          for (let t = 0; t < T; t++) add[o + t] += prof[t] * perList * growth[t];
        } else for (let t = 0; t < T; t++) add[o + t] += prof[t] * eff.amount * share;
        break;
      case 'externalCapacity':
      case 'externalRow':
        if (j < 0) break;
        hasAdd[j] = 1;
        for (let t = 0; t < T; t++) add[o + t] += prof[t] * eff.amount * share;
        break;
      case 'demandReduction':
        for (let t = 0; t < T; t++) demandCut[t] += prof[t] * eff.amount;
        break;
      case 'navigationShare':
        // the highest of the base share and each active intervention's ramped share applies
        for (let t = 0; t < T; t++) {
          if (prof[t] > 0) {
            const v = base + prof[t] * (eff.amount - base);
            if (v > nav[t]) nav[t] = v;
          }
        }
        break;
      case 'productivity':
        if (j < 0) break;
        hasProd[j] = 1;
        for (let t = 0; t < T; t++) prod[o + t] += prof[t] * eff.amount;
        break;
      case 'recruitment': {
        if (j < 0) break;
        hasPlanned[j] = 1;
        const resp = eff.response;
        if (linear && resp) for (let t = 0; t < T; t++) recruited[o + t] += share * resp[t];
        else for (let t = 0; t < T; t++) planned[o + t] += (prof[t] * eff.amount * share) / 52;
        break;
      }
    }
    if (eff.annualCost > 0) {
      const run = eff.running;
      const weekly = (eff.annualCost / 52) * share;
      for (let t = 0; t < T; t++) interventionCost[t] += run[t] * weekly;
    }
  }
}

/**
 * Staff stocks of every active staffed role in PCN n, week by week. Roles move independently
 * except under an ARRS budget cap, where planned ARRS recruits are hired only while the PCN's ARRS
 * pay bill stays within cap x weighted list; the rest are reported as not hired.
 */
function simulateStocks(c: Compiled, n: number, s: Scratch): void {
  const T = c.tl.T;
  const R = c.roles.n;
  const { leaving, replacement, lag, isExternal, isArrs, costPerWte } = c.roles;
  const growth = c.places.growth[c.pcns.place[n]];
  const cap = c.arrsCap;
  const { wte, leavers: lv, planned, hasPlanned, hasAdd, active, w: ws, notHired: nh } = s;
  let nA = 0;
  for (let j = 0; j < R; j++) {
    const w0 = isExternal[j] ? 0 : pcnStock0(c, n, j);
    ws[j] = w0;
    if (w0 > 0 || hasPlanned[j] || hasAdd[j]) active[nA++] = j;
  }
  s.nActive = nA;
  if (cap === null) {
    // no budget cap: every role moves on its own and linearly (see CompiledEffect.response)
    const { unit } = c.roles;
    const { recruited } = s;
    for (let a = 0; a < nA; a++) {
      const j = active[a];
      const w0 = ws[j];
      const u = unit[j];
      const o = j * T;
      if (hasPlanned[j]) for (let t = 0; t < T; t++) wte[o + t] = w0 * u[t] + recruited[o + t];
      else for (let t = 0; t < T; t++) wte[o + t] = w0 * u[t];
    }
    nh.fill(0);
    return;
  }
  let notHired = 0;
  for (let t = 0; t < T; t++) {
    let arrsBill = 0;
    let arrsPlannedBill = 0;
    const row = t * R;
    for (let a = 0; a < nA; a++) {
      const j = active[a];
      const w = ws[j];
      wte[j * T + t] = w;
      if (isExternal[j]) continue;
      const q = leaving[j];
      const out = (w * q) / 52;
      lv[row + j] = out;
      const l = lag[j];
      const replaced = replacement[j] * (t >= l ? lv[row - l * R + j] : (wte[j * T] * q) / 52);
      let next = w - out + replaced;
      if (next < 0) next = 0;
      ws[j] = next;
      if (cap !== null && isArrs[j]) {
        arrsBill += next * costPerWte[j];
        arrsPlannedBill += planned[j * T + t] * costPerWte[j];
      }
    }
    // hire the planned recruits: all of them, unless the ARRS cap binds
    let arrsFactor = 1;
    if (cap !== null && arrsPlannedBill > 0) {
      const budget = cap * c.pcnWeighted[n] * growth[t];
      arrsFactor = Math.min(1, Math.max(0, budget - arrsBill) / arrsPlannedBill);
    }
    for (let a = 0; a < nA; a++) {
      const j = active[a];
      if (!hasPlanned[j]) continue;
      const p = planned[j * T + t];
      if (cap !== null && isArrs[j]) {
        ws[j] += p * arrsFactor;
        notHired += p * (1 - arrsFactor);
      } else ws[j] += p;
    }
    nh[t] = notHired;
  }
}

/**
 * Projects PCN n and adds its weekly series into `out` at `offset`, laid out as in layout.ts
 * (series s, week t at offset + s * T + t). When `fy` is given, FY sums of the ranking figures
 * are written there too.
 *
 * Weeks are independent once staff stocks are known, so every pass runs over all weeks of one
 * role or one need at a time: the inner loops read and write contiguous memory with no lookups,
 * and per-role and per-need results land in `out` without a transpose.
 */
export function projectPcn(c: Compiled, n: number, out: Float64Array, offset: number, s: Scratch, fy: Float64Array | null): void {
  const T = c.tl.T;
  const L = c.layout;
  const B = L.base;
  const { factor, safeFactor, isGp, isExternal, costPerWte, costPerAppointment, clinicalDays } = c.roles;
  const { order, share, pathStart, pathRoles, defaultRole, defaultIsGp } = c.needs;
  const nNeeds = c.needs.n;
  const growth = c.places.growth[c.pcns.place[n]];
  const rateSeason = c.rateSeason;
  const fyOfWeek = c.tl.fyOfWeek;
  const nFy = c.tl.fyLabels.length;
  const registered0 = c.pcnRegistered[n];
  const weighted0 = c.pcnWeighted[n];
  const base = c.pcnBase[n];
  const firstGp = isGp.indexOf(1);
  const fallbackSafe = firstGp >= 0 ? safeFactor[firstGp] : 0;

  gatherEffects(c, n, s);
  simulateStocks(c, n, s);
  const { active, isActive, split, wte, cap, capSafe, rem, remSafe, add, prod, hasAdd, hasProd, demandCut, nav, interventionCost, notHired } = s;
  const { demand, nav1, nav2, capT, capSafeT, costT, gpWteT, gpDaysT, gpSafeT, unmetT, unmetSafeT, gpDefaultUnmetT } = s;
  const { leftT, leftSafeT, gpDeliveredT, gpDeliveredSafeT, externalCostT } = s;
  const nA = s.nActive;

  // Pass 1, role by role: capacity at current and safe workload, and what does not depend on
  // care navigation. Only GP roles with a safe level differ between the two workloads; the others
  // keep one copy of their capacity until navigation first treats them differently (`split`).
  capT.fill(0);
  capSafeT.fill(0);
  costT.fill(0);
  gpWteT.fill(0);
  gpDaysT.fill(0);
  gpSafeT.fill(0);
  isActive.fill(0);
  for (let a = 0; a < nA; a++) {
    const j = active[a];
    isActive[j] = 1;
    const f = factor[j];
    const fs = safeFactor[j];
    const o = j * T;
    const withProd = hasProd[j] === 1;
    const withAdd = hasAdd[j] === 1;
    const oWte = offset + (L.roleWte + j) * T;
    const oCap = offset + (L.roleCapacity + j) * T;
    const cost = costPerWte[j];
    if (fs === f) {
      split[j] = 0;
      for (let t = 0; t < T; t++) {
        const p = withProd ? Math.max(0, prod[o + t]) : 1;
        const extra = withAdd ? add[o + t] : 0;
        const w = wte[o + t];
        const c1 = w * f * p + extra;
        cap[o + t] = c1;
        rem[o + t] = c1;
        capT[t] += c1;
        capSafeT[t] += c1;
        costT[t] += w * cost;
        out[oWte + t] += w;
        out[oCap + t] += c1;
      }
    } else {
      split[j] = 1;
      for (let t = 0; t < T; t++) {
        const p = withProd ? Math.max(0, prod[o + t]) : 1;
        const extra = withAdd ? add[o + t] : 0;
        const w = wte[o + t];
        const c1 = w * f * p + extra;
        const c2 = w * fs * p + extra;
        cap[o + t] = c1;
        rem[o + t] = c1;
        capSafe[o + t] = c2;
        remSafe[o + t] = c2;
        capT[t] += c1;
        capSafeT[t] += c2;
        costT[t] += w * cost;
        out[oWte + t] += w;
        out[oCap + t] += c1;
      }
    }
    if (isGp[j]) {
      const days = clinicalDays[j];
      for (let t = 0; t < T; t++) {
        const w = wte[o + t];
        gpWteT[t] += w;
        gpDaysT[t] += w * days;
        gpSafeT[t] += w * fs;
      }
    }
  }
  /** Gives role j its own safe-workload copy, from here on allocated separately. */
  const splitRole = (j: number) => {
    if (split[j]) return;
    const o = j * T;
    capSafe.set(cap.subarray(o, o + T), o);
    remSafe.set(rem.subarray(o, o + T), o);
    split[j] = 1;
  };

  for (let t = 0; t < T; t++) {
    const cut = demandCut[t] < 1 ? demandCut[t] : 1;
    demand[t] = (base * growth[t] * rateSeason[t] * (1 - cut)) / 52;
  }

  // Pass 2, need by need in allocation order: care navigation (MODEL.md section 6), at current
  // and at safe GP workload together. The navigated share fills the need's preferred roles in
  // order, what they cannot take joins the rest at the default route, and what is left is unmet.
  // A role absent from this PCN has no capacity, so it is skipped. While a need has met only
  // roles that are the same at both workloads, both allocations are identical and computed once.
  unmetT.fill(0);
  unmetSafeT.fill(0);
  gpDefaultUnmetT.fill(0);
  for (let oi = 0; oi < nNeeds; oi++) {
    const k = order[oi];
    const sh = share[k];
    for (let t = 0; t < T; t++) nav1[t] = demand[t] * sh * nav[t];
    let same = true; // nav2 equals nav1 (and is not stored)
    for (let i = pathStart[k], end = pathStart[k + 1]; i < end; i++) {
      const j = pathRoles[i];
      if (!isActive[j]) continue;
      const o = j * T;
      if (same && !split[j]) {
        for (let t = 0; t < T; t++) {
          const r1 = rem[o + t];
          const a1 = nav1[t];
          const take1 = Math.min(a1, r1);
          rem[o + t] = r1 - take1;
          nav1[t] = a1 - take1;
        }
        continue;
      }
      splitRole(j);
      if (same) nav2.set(nav1);
      same = false;
      for (let t = 0; t < T; t++) {
        const r1 = rem[o + t];
        const a1 = nav1[t];
        const take1 = Math.min(a1, r1);
        rem[o + t] = r1 - take1;
        nav1[t] = a1 - take1;
        const r2 = remSafe[o + t];
        const a2 = nav2[t];
        const take2 = Math.min(a2, r2);
        remSafe[o + t] = r2 - take2;
        nav2[t] = a2 - take2;
      }
    }
    const dj = defaultRole[k];
    const od = dj * T;
    const gpDefault = defaultIsGp[k] === 1;
    const oUnmet = offset + (L.needUnmet + k) * T;
    if (!isActive[dj]) {
      for (let t = 0; t < T; t++) {
        const dk = demand[t] * sh;
        const direct = dk - dk * nav[t];
        const u1 = direct + nav1[t];
        const u2 = same ? u1 : direct + nav2[t];
        unmetT[t] += u1;
        unmetSafeT[t] += u2;
        if (gpDefault) gpDefaultUnmetT[t] += u1;
        out[oUnmet + t] += u1;
      }
    } else if (same && !split[dj]) {
      for (let t = 0; t < T; t++) {
        const dk = demand[t] * sh;
        const d1 = dk - dk * nav[t] + nav1[t];
        const r1 = rem[od + t];
        const t1 = Math.min(d1, r1);
        rem[od + t] = r1 - t1;
        const u1 = d1 - t1;
        unmetT[t] += u1;
        unmetSafeT[t] += u1;
        if (gpDefault) gpDefaultUnmetT[t] += u1;
        out[oUnmet + t] += u1;
      }
    } else {
      splitRole(dj);
      const n2 = same ? nav1 : nav2;
      for (let t = 0; t < T; t++) {
        const dk = demand[t] * sh;
        const direct = dk - dk * nav[t];
        const d1 = direct + nav1[t];
        const d2 = direct + n2[t];
        const r1 = rem[od + t];
        const t1 = Math.min(d1, r1);
        rem[od + t] = r1 - t1;
        const r2 = remSafe[od + t];
        const t2 = Math.min(d2, r2);
        remSafe[od + t] = r2 - t2;
        const u1 = d1 - t1;
        unmetT[t] += u1;
        unmetSafeT[t] += d2 - t2;
        if (gpDefault) gpDefaultUnmetT[t] += u1;
        out[oUnmet + t] += u1;
      }
    }
  }

  // Pass 3, role by role: what each role delivered.
  leftT.fill(0);
  leftSafeT.fill(0);
  gpDeliveredT.fill(0);
  gpDeliveredSafeT.fill(0);
  externalCostT.fill(0);
  for (let a = 0; a < nA; a++) {
    const j = active[a];
    const o = j * T;
    const oDelivered = offset + (L.roleDelivered + j) * T;
    const cs = split[j] ? capSafe : cap;
    const rs = split[j] ? remSafe : rem;
    for (let t = 0; t < T; t++) {
      const r1 = rem[o + t];
      leftT[t] += r1;
      leftSafeT[t] += rs[o + t];
      out[oDelivered + t] += cap[o + t] - r1;
    }
    if (isExternal[j]) {
      const cpa = costPerAppointment[j];
      for (let t = 0; t < T; t++) externalCostT[t] += (cap[o + t] - rem[o + t]) * cpa;
    }
    if (isGp[j]) {
      for (let t = 0; t < T; t++) {
        gpDeliveredT[t] += cap[o + t] - rem[o + t];
        gpDeliveredSafeT[t] += cs[o + t] - rs[o + t];
      }
    }
  }

  // Pass 4, week by week: the PCN's totals.
  for (let t = 0; t < T; t++) {
    const capacity = capT[t];
    const capacitySafe = capSafeT[t];
    const gpWte = gpWteT[t];
    const gpWteDays = gpDaysT[t];
    const gpDelivered = gpDeliveredT[t];
    const gpRouted = gpDelivered + gpDefaultUnmetT[t];
    // appointments one GP WTE can safely give a week (WTE-weighted over GP roles)
    const safePerWte = gpWte > 0 ? gpSafeT[t] / gpWte : fallbackSafe;
    const gpNeeded = safePerWte > 0 ? gpRouted / safePerWte : 0;
    const registered = registered0 * growth[t];
    const d = demand[t];
    const unmet = unmetT[t];
    const unmetSafe = unmetSafeT[t];
    out[offset + B.registered * T + t] += registered;
    out[offset + B.weighted * T + t] += weighted0 * growth[t];
    out[offset + B.demand * T + t] += d;
    out[offset + B.capacity * T + t] += capacity;
    out[offset + B.capacitySafe * T + t] += capacitySafe;
    out[offset + B.delivered * T + t] += capacity - leftT[t];
    out[offset + B.deliveredSafe * T + t] += capacitySafe - leftSafeT[t];
    out[offset + B.unmet * T + t] += unmet;
    out[offset + B.unmetSafe * T + t] += unmetSafe;
    out[offset + B.gpWte * T + t] += gpWte;
    out[offset + B.gpWteDays * T + t] += gpWteDays;
    out[offset + B.gpDelivered * T + t] += gpDelivered;
    out[offset + B.gpDeliveredSafe * T + t] += gpDeliveredSafeT[t];
    out[offset + B.gpRoutedDemand * T + t] += gpRouted;
    out[offset + B.gpWteNeededSafe * T + t] += gpNeeded;
    out[offset + B.workforceCost * T + t] += costT[t] / 52;
    out[offset + B.interventionCost * T + t] += interventionCost[t];
    out[offset + B.externalCost * T + t] += externalCostT[t];
    out[offset + B.arrsNotHired * T + t] += notHired[t];
    out[offset + B.navigatedWeight * T + t] += nav[t] * registered;

    if (fy) {
      const o = (n * nFy + fyOfWeek[t]) * NSTAT;
      fy[o] += d;
      fy[o + 1] += capacity;
      fy[o + 2] += capacitySafe;
      fy[o + 3] += unmet;
      fy[o + 4] += unmetSafe;
      fy[o + 5] += gpDelivered;
      fy[o + 6] += gpWte;
      fy[o + 7] += gpWteDays;
      fy[o + 8] += registered;
      fy[o + 9] += gpNeeded;
    }
  }
}

export function emptyResults(c: Compiled): Results {
  const size = c.layout.size;
  return {
    places: new Float64Array(c.places.codes.length * size),
    systems: new Float64Array(c.systems.codes.length * size),
    total: new Float64Array(size),
    pcnFy: new Float64Array(c.pcns.codes.length * c.tl.fyLabels.length * NSTAT),
  };
}

/** Recomputes the given places (all when `places` is null) and re-adds systems and the total. */
export function recompute(c: Compiled, r: Results, places: ReadonlySet<number> | null, s: Scratch = scratchFor(c)): void {
  const size = c.layout.size;
  const nFy = c.tl.fyLabels.length;
  const dirtyPlace = (p: number) => places === null || places.has(p);
  for (let p = 0; p < c.places.codes.length; p++) if (dirtyPlace(p)) r.places.fill(0, p * size, (p + 1) * size);
  for (let n = 0; n < c.pcns.codes.length; n++) {
    const p = c.pcns.place[n];
    if (!dirtyPlace(p)) continue;
    r.pcnFy.fill(0, n * nFy * NSTAT, (n + 1) * nFy * NSTAT);
    projectPcn(c, n, r.places, p * size, s, r.pcnFy);
  }
  const dirtySystems = new Set<number>();
  for (let p = 0; p < c.places.codes.length; p++) if (dirtyPlace(p)) dirtySystems.add(c.places.system[p]);
  for (const sys of dirtySystems) r.systems.fill(0, sys * size, (sys + 1) * size);
  for (let p = 0; p < c.places.codes.length; p++) {
    const sys = c.places.system[p];
    if (dirtySystems.has(sys)) addBlock(r.systems, sys * size, r.places, p * size, size);
  }
  r.total.fill(0);
  for (let sys = 0; sys < c.systems.codes.length; sys++) addBlock(r.total, 0, r.systems, sys * size, size);
}

function addBlock(dst: Float64Array, dstOff: number, src: Float64Array, srcOff: number, size: number): void {
  for (let i = 0; i < size; i++) dst[dstOff + i] += src[srcOff + i];
}

/** A copy of one entity's block, safe to keep or transfer. */
export function copyBlock(c: Compiled, src: Float64Array, offset: number): Float64Array {
  return src.slice(offset, offset + c.layout.size);
}

export function pcnFyStat(c: Compiled, r: Results, n: number, fy: number, stat: PcnFyStat): number {
  return r.pcnFy[(n * c.tl.fyLabels.length + fy) * NSTAT + PCN_FY_STATS.indexOf(stat)];
}
