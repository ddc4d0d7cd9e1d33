// The weekly projection of one PCN (MODEL.md sections 3 to 8) and the roll-up of PCNs into places,
// systems and the whole workbook. A PCN is the unit of computation: its staff stocks, capacity and
// care navigation depend only on itself and the effects that reach it, so an edit recomputes only
// the PCNs it touches and re-adds their places.
import { pcnStock0, type Compiled } from './compile';

/** Per-PCN figures kept for every financial year (FY sums of weekly values), for ranking PCNs. */
export const PCN_FY_STATS = ['demand', 'capacity', 'capacitySafe', 'unmet', 'unmetSafe', 'gpDelivered', 'gpWte', 'gpWteDays', 'registered', 'gpWteNeededSafe'] as const;
export type PcnFyStat = (typeof PCN_FY_STATS)[number];
export const NSTAT = PCN_FY_STATS.length;

/**
 * Every place's weekly block, each allocated when the place is first projected on this thread: a
 * full recompute shared with the helper never projects the helper's places here, so their blocks
 * (England: half of 50 MB a scenario) are never held twice.
 */
export class PlaceBlocks {
  readonly #blocks: (Float64Array | null)[];
  readonly #size: number;

  constructor(count: number, size: number) {
    this.#blocks = new Array<Float64Array | null>(count).fill(null);
    this.#size = size;
  }

  /** Place p's block, allocated (all zeros) if it has none yet. */
  block(p: number): Float64Array {
    return (this.#blocks[p] ??= new Float64Array(this.#size));
  }

  /** Lets place p's block go: it is no longer projected here. */
  drop(p: number): void {
    this.#blocks[p] = null;
  }

  /** How many places there are. */
  get count(): number {
    return this.#blocks.length;
  }

  /** How many places hold a block. */
  get held(): number {
    return this.#blocks.filter((b) => b !== null).length;
  }
}

/** Where projectPlaces writes place p's block (an array and an offset in it), or null to skip p. */
export type PlaceTarget = (p: number) => { block: Float64Array; at: number } | null;

export interface Results {
  /** Place blocks; only those marked in `placeReady` are current (see ensurePlaces). */
  readonly places: PlaceBlocks;
  /**
   * 1 where the place's block has been projected on this thread. A full recompute shared with the
   * helper leaves the helper's places unprojected here: their systems and ranking figures come from
   * the helper, and a place is projected on the rare read or edit that needs its block.
   */
  readonly placeReady: Uint8Array;
  readonly systems: Float64Array;
  readonly total: Float64Array;
  /** [pcn][fy][stat], FY sums of weekly values. */
  readonly pcnFy: Float64Array;
}

/** Per-role working series (R x T each, role-major: role j, week t at j * T + t). */
const ROLE_SERIES = [
  'add', // capacity added: extra and external appointments
  'prod', // productivity factor
  'planned', // planned recruits, WTE a week (under an ARRS cap)
  'wte',
  'cap', // capacity at current workload
  'capSafe', // at safe workload, for roles where it differs (see `split`)
  'rem', // capacity still free as navigation fills it
  'remSafe',
] as const;

/** Per-PCN weekly working series (T each). */
const WEEK_SERIES = [
  'demandCut',
  'nav', // navigated share of demand
  'navDemand', // demand times the navigated share, and the rest (booked directly)
  'directDemand',
  'interventionCost',
  'notHired',
  'demand',
  'nav1', // one need's navigated demand still to place, at current and at safe workload
  'nav2',
  'capT',
  'safeExtraT', // capacity safe workload adds over current (negative: GPs see fewer at safe)
  'costT',
  'gpWteT',
  'gpDaysT',
  'gpSafeT',
  'unmetT',
  'unmetSafeT',
  'gpDefaultUnmetT',
  'gpDeliveredT',
  'gpDeliveredSafeT',
  'externalCostT',
] as const;

type RoleSeries = (typeof ROLE_SERIES)[number];
type WeekSeries = (typeof WEEK_SERIES)[number];

/**
 * Working memory reused across PCNs so the loop allocates nothing. Every working series lives in
 * one Float64Array, `m`, at the offsets in `at`: V8 keeps one array's base and length in registers
 * across a loop but reloads them for each of many arrays, which made the passes about twice as
 * slow. Only the roles an effect touched are ever dirty. Leavers (ARRS cap only) are week-major
 * ([t * R + j]) for the replacement lag.
 */
export class Scratch {
  readonly m: Float64Array;
  readonly at: Readonly<Record<RoleSeries | WeekSeries, number>>;
  readonly leavers: Float64Array;
  readonly hasAdd: Uint8Array;
  readonly hasProd: Uint8Array;
  readonly hasPlanned: Uint8Array;
  /** Starting WTE of each role in the current PCN. */
  readonly w: Float64Array;
  /** Roles with any staff, recruits or added capacity in the current PCN. */
  readonly active: Int32Array;
  readonly isActive: Uint8Array;
  /** Roles whose safe-workload capacity is held apart from the current one. */
  readonly split: Uint8Array;
  nActive = 0;
  /**
   * Without an ARRS cap, the recruitment plans reaching the current PCN: role, the PCN's share and
   * the plan's response (see CompiledEffect.response), added straight into the role's WTE path.
   */
  recCount = 0;
  readonly recRole: number[] = [];
  readonly recShare: number[] = [];
  readonly recResp: Float64Array[] = [];
  /** The navigation-share effects reaching the current PCN. */
  readonly navEffects: number[] = [];
  constructor(
    readonly T: number,
    readonly R: number,
  ) {
    const at: Record<string, number> = {};
    let size = 0;
    for (const k of ROLE_SERIES) {
      at[k] = size;
      size += R * T;
    }
    for (const k of WEEK_SERIES) {
      at[k] = size;
      size += T;
    }
    this.at = at as Scratch['at'];
    this.m = new Float64Array(size);
    this.m.fill(1, this.at.prod, this.at.prod + R * T);
    this.leavers = new Float64Array(R * T);
    this.hasAdd = new Uint8Array(R);
    this.hasProd = new Uint8Array(R);
    this.hasPlanned = new Uint8Array(R);
    this.w = new Float64Array(R);
    this.active = new Int32Array(R);
    this.isActive = new Uint8Array(R);
    this.split = new Uint8Array(R);
  }

  /** One working series of the PCN last projected (a view, for reading). */
  role(name: RoleSeries, j: number): Float64Array {
    const o = this.at[name] + j * this.T;
    return this.m.subarray(o, o + this.T);
  }
}

export function scratchFor(c: Compiled): Scratch {
  return new Scratch(c.tl.T, c.roles.n);
}

/** Gathers the weekly effect of every intervention and external row that reaches PCN n. */
function gatherEffects(c: Compiled, n: number, s: Scratch): void {
  const T = c.tl.T;
  const R = c.roles.n;
  const { m, at, hasAdd, hasProd, hasPlanned } = s;
  const ADD = at.add;
  const PROD = at.prod;
  const PLANNED = at.planned;
  const CUT = at.demandCut;
  const NAV = at.nav;
  const ICOST = at.interventionCost;
  const linear = c.arrsCap === null;
  // clean only what the previous PCN dirtied
  for (let j = 0; j < R; j++) {
    const o = j * T;
    if (hasAdd[j]) m.fill(0, ADD + o, ADD + o + T);
    if (hasProd[j]) m.fill(1, PROD + o, PROD + o + T);
    if (hasPlanned[j]) m.fill(0, PLANNED + o, PLANNED + o + T);
  }
  hasAdd.fill(0);
  hasProd.fill(0);
  hasPlanned.fill(0);
  s.recCount = 0;
  s.navEffects.length = 0;
  m.fill(0, CUT, CUT + T);
  m.fill(c.navigationBase, NAV, NAV + T);
  m.fill(0, ICOST, ICOST + T);
  const growth = c.places.growth[c.pcns.place[n]];
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
          for (let t = 0; t < T; t++) m[ADD + o + t] += prof[t] * perList * growth[t];
        } else for (let t = 0; t < T; t++) m[ADD + o + t] += prof[t] * eff.amount * share;
        break;
      case 'externalCapacity':
      case 'externalRow':
        if (j < 0) break;
        hasAdd[j] = 1;
        for (let t = 0; t < T; t++) m[ADD + o + t] += prof[t] * eff.amount * share;
        break;
      case 'demandReduction':
        for (let t = 0; t < T; t++) m[CUT + t] += prof[t] * eff.amount;
        break;
      case 'navigationShare':
        // applied below, in order of start
        s.navEffects.push(effect);
        break;
      case 'productivity':
        if (j < 0) break;
        hasProd[j] = 1;
        for (let t = 0; t < T; t++) m[PROD + o + t] += prof[t] * eff.amount;
        break;
      case 'recruitment': {
        if (j < 0) break;
        hasPlanned[j] = 1;
        const resp = eff.response;
        if (linear && resp) {
          const k = s.recCount++;
          s.recRole[k] = j;
          s.recShare[k] = share;
          s.recResp[k] = resp;
        } else for (let t = 0; t < T; t++) m[PLANNED + o + t] += (prof[t] * eff.amount * share) / 52;
        break;
      }
    }
  }
  // Each navigation intervention moves the share it finds towards its target by its ramp fraction,
  // down as well as up; where two overlap, the later-starting one moves what the earlier one left
  // (ties: table order).
  const nav = s.navEffects;
  if (nav.length > 1) nav.sort((a, b) => c.effects[a].start - c.effects[b].start || a - b);
  for (const e of nav) {
    const { profile: prof, amount: target } = c.effects[e];
    for (let t = 0; t < T; t++) {
      const f = prof[t];
      if (f > 0) m[NAV + t] += f * (target - m[NAV + t]);
    }
  }
  for (const { cost, entry } of c.pcnCosts[n]) {
    const sh = entry.share;
    for (let t = 0; t < T; t++) m[ICOST + t] += cost[t] * sh;
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
  const { m, at, leavers: lv, hasPlanned, hasAdd, active, w: ws } = s;
  const WTE = at.wte;
  const PLANNED = at.planned;
  const NH = at.notHired;
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
    const { recCount, recRole, recShare, recResp } = s;
    for (let a = 0; a < nA; a++) {
      const j = active[a];
      const w0 = ws[j];
      const u = unit[j];
      const o = WTE + j * T;
      // the first plan for the role goes in with the starting staff's path, the others on top
      let k = 0;
      while (k < recCount && recRole[k] !== j) k++;
      if (k === recCount) {
        for (let t = 0; t < T; t++) m[o + t] = w0 * u[t];
        continue;
      }
      const r0 = recResp[k];
      const s0 = recShare[k];
      for (let t = 0; t < T; t++) m[o + t] = w0 * u[t] + s0 * r0[t];
      for (k++; k < recCount; k++) {
        if (recRole[k] !== j) continue;
        const r = recResp[k];
        const sh = recShare[k];
        for (let t = 0; t < T; t++) m[o + t] += sh * r[t];
      }
    }
    m.fill(0, NH, NH + T);
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
      m[WTE + j * T + t] = w;
      if (isExternal[j]) continue;
      const q = leaving[j];
      const out = (w * q) / 52;
      lv[row + j] = out;
      const l = lag[j];
      const replaced = replacement[j] * (t >= l ? lv[row - l * R + j] : (m[WTE + j * T] * q) / 52);
      let next = w - out + replaced;
      if (next < 0) next = 0;
      ws[j] = next;
      if (isArrs[j]) {
        arrsBill += next * costPerWte[j];
        arrsPlannedBill += m[PLANNED + j * T + t] * costPerWte[j];
      }
    }
    // hire the planned recruits: all of them, unless the ARRS cap binds
    let arrsFactor = 1;
    if (arrsPlannedBill > 0) {
      const budget = cap * c.pcnWeighted[n] * growth[t];
      arrsFactor = Math.min(1, Math.max(0, budget - arrsBill) / arrsPlannedBill);
    }
    for (let a = 0; a < nA; a++) {
      const j = active[a];
      if (!hasPlanned[j]) continue;
      const p = m[PLANNED + j * T + t];
      if (isArrs[j]) {
        ws[j] += p * arrsFactor;
        notHired += p * (1 - arrsFactor);
      } else ws[j] += p;
    }
    m[NH + t] = notHired;
  }
}

/**
 * Projects PCN n and adds its weekly series into `out` at `offset`, laid out as in layout.ts
 * (series s, week t at offset + s * T + t). When `fy` is given, FY sums of the ranking figures
 * are written there too.
 *
 * Weeks are independent once staff stocks are known, so every pass runs over all weeks of one
 * role or one need at a time: the inner loops read and write contiguous memory with no lookups,
 * and per-role and per-need results land in `out` without a transpose. The passes, in order:
 * effects and staff stocks, capacity (and demand), care navigation, totals.
 */
export function projectPcn(c: Compiled, n: number, out: Float64Array, offset: number, s: Scratch, fy: Float64Array | null): void {
  gatherEffects(c, n, s);
  simulateStocks(c, n, s);
  capacityPass(c, n, out, offset, s);
  navigationPass(c, out, offset, s);
  totalsPass(c, n, out, offset, s, fy);
}

/**
 * Role by role: capacity at current and safe workload, and what does not depend on care
 * navigation (workforce cost, GP WTE and days); then the PCN's weekly demand, navigated and booked
 * directly. Only GP roles with a safe level differ between the two workloads; the others keep one
 * copy of their capacity until navigation first treats them differently (`split`).
 */
function capacityPass(c: Compiled, n: number, out: Float64Array, offset: number, s: Scratch): void {
  const T = c.tl.T;
  const L = c.layout;
  const { factor, safeFactor, isGp, costPerWte, clinicalDays } = c.roles;
  const growth = c.places.growth[c.pcns.place[n]];
  const rateSeason = c.rateSeason;
  const base = c.pcnBase[n];
  const { m, at, active, isActive, split, hasAdd, hasProd } = s;
  const nA = s.nActive;
  const ADD = at.add;
  const PROD = at.prod;
  const WTE = at.wte;
  const CAP = at.cap;
  const CAPS = at.capSafe;
  const REM = at.rem;
  const REMS = at.remSafe;
  const NAV = at.nav;
  const CUT = at.demandCut;
  const DEMAND = at.demand;
  const CAPT = at.capT;
  const SAFEX = at.safeExtraT;
  const COSTT = at.costT;
  const GPWTE = at.gpWteT;
  const GPDAYS = at.gpDaysT;
  const GPSAFE = at.gpSafeT;
  m.fill(0, CAPT, CAPT + T);
  m.fill(0, SAFEX, SAFEX + T);
  m.fill(0, COSTT, COSTT + T);
  m.fill(0, GPWTE, GPWTE + T);
  m.fill(0, GPDAYS, GPDAYS + T);
  m.fill(0, GPSAFE, GPSAFE + T);
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
        const p = withProd ? Math.max(0, m[PROD + o + t]) : 1;
        const extra = withAdd ? m[ADD + o + t] : 0;
        const w = m[WTE + o + t];
        const c1 = w * f * p + extra;
        m[CAP + o + t] = c1;
        m[REM + o + t] = c1;
        m[CAPT + t] += c1;
        m[COSTT + t] += w * cost;
        out[oWte + t] += w;
        out[oCap + t] += c1;
      }
    } else {
      split[j] = 1;
      for (let t = 0; t < T; t++) {
        const p = withProd ? Math.max(0, m[PROD + o + t]) : 1;
        const extra = withAdd ? m[ADD + o + t] : 0;
        const w = m[WTE + o + t];
        const c1 = w * f * p + extra;
        const c2 = w * fs * p + extra;
        m[CAP + o + t] = c1;
        m[REM + o + t] = c1;
        m[CAPS + o + t] = c2;
        m[REMS + o + t] = c2;
        m[CAPT + t] += c1;
        m[SAFEX + t] += c2 - c1;
        m[COSTT + t] += w * cost;
        out[oWte + t] += w;
        out[oCap + t] += c1;
      }
    }
    if (isGp[j]) {
      const days = clinicalDays[j];
      for (let t = 0; t < T; t++) {
        const w = m[WTE + o + t];
        m[GPWTE + t] += w;
        m[GPDAYS + t] += w * days;
        m[GPSAFE + t] += w * fs;
      }
    }
  }
  const NAVD = at.navDemand;
  const DIRD = at.directDemand;
  for (let t = 0; t < T; t++) {
    const cut = m[CUT + t] < 1 ? m[CUT + t] : 1;
    const d = (base * growth[t] * rateSeason[t] * (1 - cut)) / 52;
    const nd = d * m[NAV + t];
    m[DEMAND + t] = d;
    m[NAVD + t] = nd;
    m[DIRD + t] = d - nd;
  }
}

/**
 * Need by need in allocation order: care navigation (MODEL.md section 6), at current and at safe
 * GP workload together. The navigated share fills the need's preferred roles in order, what they
 * cannot take joins the rest at the default route, and what is left is unmet. A role absent from
 * this PCN has no capacity, so it is skipped. While a need has met only roles that are the same at
 * both workloads, both allocations are identical and computed once.
 */
function navigationPass(c: Compiled, out: Float64Array, offset: number, s: Scratch): void {
  const T = c.tl.T;
  const L = c.layout;
  const { order, share, pathStart, pathRoles, defaultRole, defaultIsGp } = c.needs;
  const nNeeds = c.needs.n;
  const { m, at, isActive, split } = s;
  const CAP = at.cap;
  const CAPS = at.capSafe;
  const REM = at.rem;
  const REMS = at.remSafe;
  const NAV1 = at.nav1;
  const NAV2 = at.nav2;
  const UNMET = at.unmetT;
  const UNMETS = at.unmetSafeT;
  const GPDEFU = at.gpDefaultUnmetT;
  const NAVD = at.navDemand;
  const DIRD = at.directDemand;
  /** Gives role j its own safe-workload copy, from here on allocated separately. */
  const splitRole = (j: number) => {
    if (split[j]) return;
    const o = j * T;
    m.copyWithin(CAPS + o, CAP + o, CAP + o + T);
    m.copyWithin(REMS + o, REM + o, REM + o + T);
    split[j] = 1;
  };

  m.fill(0, UNMET, UNMET + T);
  m.fill(0, UNMETS, UNMETS + T);
  m.fill(0, GPDEFU, GPDEFU + T);
  for (let oi = 0; oi < nNeeds; oi++) {
    const k = order[oi];
    const sh = share[k];
    // The navigated demand still to place is m[n1 + t] * mul: straight from the PCN's navigated
    // demand until the first role takes some (x * 1 is exact), then from nav1.
    let n1 = NAVD;
    let mul = sh;
    let same = true; // nav2 equals nav1 (and is not stored)
    const dj = defaultRole[k];
    // When the pathway ends at the default role (a GP, usually), offering that role what is left
    // of the navigated share and then the direct demand gives it the same as offering both at
    // once, so the default step below does it in one pass.
    let end = pathStart[k + 1];
    while (end > pathStart[k] && !isActive[pathRoles[end - 1]]) end--;
    if (end > pathStart[k] && pathRoles[end - 1] === dj) end--;
    for (let i = pathStart[k]; i < end; i++) {
      const j = pathRoles[i];
      if (!isActive[j]) continue;
      const o = j * T;
      if (same && !split[j]) {
        for (let t = 0; t < T; t++) {
          const r1 = m[REM + o + t];
          const a1 = m[n1 + t] * mul;
          const take1 = Math.min(a1, r1);
          m[REM + o + t] = r1 - take1;
          m[NAV1 + t] = a1 - take1;
        }
        n1 = NAV1;
        mul = 1;
        continue;
      }
      splitRole(j);
      if (n1 !== NAV1) {
        for (let t = 0; t < T; t++) m[NAV1 + t] = m[n1 + t] * mul;
        n1 = NAV1;
        mul = 1;
      }
      if (same) m.copyWithin(NAV2, NAV1, NAV1 + T);
      same = false;
      for (let t = 0; t < T; t++) {
        const r1 = m[REM + o + t];
        const a1 = m[NAV1 + t];
        const take1 = Math.min(a1, r1);
        m[REM + o + t] = r1 - take1;
        m[NAV1 + t] = a1 - take1;
        const r2 = m[REMS + o + t];
        const a2 = m[NAV2 + t];
        const take2 = Math.min(a2, r2);
        m[REMS + o + t] = r2 - take2;
        m[NAV2 + t] = a2 - take2;
      }
    }
    const od = dj * T;
    const gpDefault = defaultIsGp[k] === 1;
    const oUnmet = offset + (L.needUnmet + k) * T;
    if (!isActive[dj]) {
      for (let t = 0; t < T; t++) {
        const direct = m[DIRD + t] * sh;
        const u1 = direct + m[n1 + t] * mul;
        const u2 = same ? u1 : direct + m[NAV2 + t];
        m[UNMET + t] += u1;
        m[UNMETS + t] += u2;
        if (gpDefault) m[GPDEFU + t] += u1;
        out[oUnmet + t] += u1;
      }
    } else if (same && !split[dj]) {
      for (let t = 0; t < T; t++) {
        const d1 = m[DIRD + t] * sh + m[n1 + t] * mul;
        const r1 = m[REM + od + t];
        const t1 = Math.min(d1, r1);
        m[REM + od + t] = r1 - t1;
        const u1 = d1 - t1;
        m[UNMET + t] += u1;
        m[UNMETS + t] += u1;
        if (gpDefault) m[GPDEFU + t] += u1;
        out[oUnmet + t] += u1;
      }
    } else {
      splitRole(dj);
      for (let t = 0; t < T; t++) {
        const direct = m[DIRD + t] * sh;
        const d1 = direct + m[n1 + t] * mul;
        const d2 = same ? d1 : direct + m[NAV2 + t];
        const r1 = m[REM + od + t];
        const t1 = Math.min(d1, r1);
        m[REM + od + t] = r1 - t1;
        const r2 = m[REMS + od + t];
        const t2 = Math.min(d2, r2);
        m[REMS + od + t] = r2 - t2;
        const u1 = d1 - t1;
        m[UNMET + t] += u1;
        m[UNMETS + t] += d2 - t2;
        if (gpDefault) m[GPDEFU + t] += u1;
        out[oUnmet + t] += u1;
      }
    }
  }

}

/**
 * What each role delivered, GPs' and external roles' totals, then week by week the PCN's totals
 * (and, when `fy` is given, its FY ranking figures).
 */
function totalsPass(c: Compiled, n: number, out: Float64Array, offset: number, s: Scratch, fy: Float64Array | null): void {
  const T = c.tl.T;
  const L = c.layout;
  const B = L.base;
  const { safeFactor, isGp, isExternal, costPerAppointment } = c.roles;
  const growth = c.places.growth[c.pcns.place[n]];
  const fyOfWeek = c.tl.fyOfWeek;
  const nFy = c.tl.fyLabels.length;
  const registered0 = c.pcnRegistered[n];
  const weighted0 = c.pcnWeighted[n];
  const firstGp = isGp.indexOf(1);
  const fallbackSafe = firstGp >= 0 ? safeFactor[firstGp] : 0;
  const { m, at, active, split } = s;
  const nA = s.nActive;
  const CAP = at.cap;
  const CAPS = at.capSafe;
  const REM = at.rem;
  const REMS = at.remSafe;
  const NAV = at.nav;
  const DEMAND = at.demand;
  const CAPT = at.capT;
  const SAFEX = at.safeExtraT;
  const COSTT = at.costT;
  const GPWTE = at.gpWteT;
  const GPDAYS = at.gpDaysT;
  const GPSAFE = at.gpSafeT;
  const UNMET = at.unmetT;
  const UNMETS = at.unmetSafeT;
  const GPDEFU = at.gpDefaultUnmetT;
  const GPDEL = at.gpDeliveredT;
  const GPDELS = at.gpDeliveredSafeT;
  const EXTC = at.externalCostT;
  const ICOST = at.interventionCost;
  const NH = at.notHired;

  m.fill(0, GPDEL, GPDEL + T);
  m.fill(0, GPDELS, GPDELS + T);
  m.fill(0, EXTC, EXTC + T);
  for (let a = 0; a < nA; a++) {
    const j = active[a];
    const o = j * T;
    const oDelivered = offset + (L.roleDelivered + j) * T;
    if (isGp[j]) {
      const cs = (split[j] ? CAPS : CAP) + o;
      const rs = (split[j] ? REMS : REM) + o;
      for (let t = 0; t < T; t++) {
        const d = m[CAP + o + t] - m[REM + o + t];
        out[oDelivered + t] += d;
        m[GPDEL + t] += d;
        m[GPDELS + t] += m[cs + t] - m[rs + t];
      }
    } else if (isExternal[j]) {
      const cpa = costPerAppointment[j];
      for (let t = 0; t < T; t++) {
        const d = m[CAP + o + t] - m[REM + o + t];
        out[oDelivered + t] += d;
        m[EXTC + t] += d * cpa;
      }
    } else for (let t = 0; t < T; t++) out[oDelivered + t] += m[CAP + o + t] - m[REM + o + t];
  }

  const sRegistered = offset + B.registered * T;
  const sWeighted = offset + B.weighted * T;
  const sDemand = offset + B.demand * T;
  const sCapacity = offset + B.capacity * T;
  const sCapacitySafe = offset + B.capacitySafe * T;
  const sDelivered = offset + B.delivered * T;
  const sDeliveredSafe = offset + B.deliveredSafe * T;
  const sUnmet = offset + B.unmet * T;
  const sUnmetSafe = offset + B.unmetSafe * T;
  const sGpWte = offset + B.gpWte * T;
  const sGpWteDays = offset + B.gpWteDays * T;
  const sGpDelivered = offset + B.gpDelivered * T;
  const sGpDeliveredSafe = offset + B.gpDeliveredSafe * T;
  const sGpRouted = offset + B.gpRoutedDemand * T;
  const sGpNeeded = offset + B.gpWteNeededSafe * T;
  const sWorkforceCost = offset + B.workforceCost * T;
  const sInterventionCost = offset + B.interventionCost * T;
  const sExternalCost = offset + B.externalCost * T;
  const sArrsNotHired = offset + B.arrsNotHired * T;
  const sNavigatedWeight = offset + B.navigatedWeight * T;
  for (let t = 0; t < T; t++) {
    const capacity = m[CAPT + t];
    const capacitySafe = capacity + m[SAFEX + t];
    const gpWte = m[GPWTE + t];
    const gpWteDays = m[GPDAYS + t];
    const gpDelivered = m[GPDEL + t];
    const gpRouted = gpDelivered + m[GPDEFU + t];
    // appointments one GP WTE can safely give a week (WTE-weighted over GP roles)
    const safePerWte = gpWte > 0 ? m[GPSAFE + t] / gpWte : fallbackSafe;
    const gpNeeded = safePerWte > 0 ? gpRouted / safePerWte : 0;
    const g = growth[t];
    const registered = registered0 * g;
    const d = m[DEMAND + t];
    const unmet = m[UNMET + t];
    const unmetSafe = m[UNMETS + t];
    out[sRegistered + t] += registered;
    out[sWeighted + t] += weighted0 * g;
    out[sDemand + t] += d;
    out[sCapacity + t] += capacity;
    out[sCapacitySafe + t] += capacitySafe;
    // navigation places every appointment wanted or leaves it unmet, so what was delivered is
    // demand less unmet
    out[sDelivered + t] += d - unmet;
    out[sDeliveredSafe + t] += d - unmetSafe;
    out[sUnmet + t] += unmet;
    out[sUnmetSafe + t] += unmetSafe;
    out[sGpWte + t] += gpWte;
    out[sGpWteDays + t] += gpWteDays;
    out[sGpDelivered + t] += gpDelivered;
    out[sGpDeliveredSafe + t] += m[GPDELS + t];
    out[sGpRouted + t] += gpRouted;
    out[sGpNeeded + t] += gpNeeded;
    out[sWorkforceCost + t] += m[COSTT + t] / 52;
    out[sInterventionCost + t] += m[ICOST + t];
    out[sExternalCost + t] += m[EXTC + t];
    out[sArrsNotHired + t] += m[NH + t];
    out[sNavigatedWeight + t] += m[NAV + t] * registered;

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
    places: new PlaceBlocks(c.places.codes.length, size),
    placeReady: new Uint8Array(c.places.codes.length),
    systems: new Float64Array(c.systems.codes.length * size),
    total: new Float64Array(size),
    pcnFy: new Float64Array(c.pcns.codes.length * c.tl.fyLabels.length * NSTAT),
  };
}

/** Recomputes the given places (all when `places` is null) and re-adds systems and the total. */
export function recompute(c: Compiled, r: Results, places: ReadonlySet<number> | null, s: Scratch = scratchFor(c)): void {
  const size = c.layout.size;
  const nPlaces = c.places.codes.length;
  const systemAt = new Int32Array(c.systems.codes.length).fill(-1);
  for (let p = 0; p < nPlaces; p++) if (places === null || places.has(p)) systemAt[c.places.system[p]] = c.places.system[p] * size;
  // a system is re-added from all of its places, so any not yet projected here are projected too
  const dirty = new Uint8Array(nPlaces);
  for (let p = 0; p < nPlaces; p++) {
    if (places === null || places.has(p) || (systemAt[c.places.system[p]] >= 0 && !r.placeReady[p])) dirty[p] = 1;
  }
  projectPlaces(c, ownBlocks(r, (p) => dirty[p] === 1), r.pcnFy, s);
  for (let p = 0; p < nPlaces; p++) if (dirty[p]) r.placeReady[p] = 1;
  sumSystems(c, ownBlocks(r, (p) => r.placeReady[p] === 1), systemAt, r.systems);
  sumTotal(c, r);
}

/** The place blocks of `r` that `which` picks, each at the start of its own array. */
export function ownBlocks(r: Results, which: (p: number) => boolean): PlaceTarget {
  return (p) => (which(p) ? { block: r.places.block(p), at: 0 } : null);
}

/** Projects place p on this thread if it has not been yet (its figures do not change). */
export function ensurePlace(c: Compiled, r: Results, p: number, s: Scratch): void {
  if (r.placeReady[p]) return;
  projectPlaces(c, ownBlocks(r, (q) => q === p), r.pcnFy, s);
  r.placeReady[p] = 1;
}

/**
 * Projects the PCNs of every place `target` gives a block into that block (cleared first), and
 * their FY ranking figures into `fy`.
 */
export function projectPlaces(c: Compiled, target: PlaceTarget, fy: Float64Array, s: Scratch): void {
  const size = c.layout.size;
  const nFy = c.tl.fyLabels.length;
  const where = Array.from({ length: c.places.codes.length }, (_, p) => target(p));
  for (const w of where) w?.block.fill(0, w.at, w.at + size);
  for (let n = 0; n < c.pcns.codes.length; n++) {
    const w = where[c.pcns.place[n]];
    if (!w) continue;
    fy.fill(0, n * nFy * NSTAT, (n + 1) * nFy * NSTAT);
    projectPcn(c, n, w.block, w.at, s, fy);
  }
}

/**
 * Each system with systemAt[sys] >= 0, as the sum of its places in place order (found where
 * `source` says). The order is fixed so that every way of computing a system gives the same bits.
 */
export function sumSystems(c: Compiled, source: PlaceTarget, systemAt: Int32Array, systems: Float64Array): void {
  const size = c.layout.size;
  const started = new Uint8Array(systemAt.length);
  for (let p = 0; p < c.places.codes.length; p++) {
    const o = systemAt[c.places.system[p]];
    if (o < 0) continue;
    const w = source(p);
    if (!w) throw new Error(`place ${c.places.codes[p]} is needed for its system's sum but was not computed`);
    // each sum starts as a copy of its first part, which spares one pass over the block
    if (started[c.places.system[p]]) addBlock(systems, o, w.block, w.at, size);
    else {
      systems.set(w.block.subarray(w.at, w.at + size), o);
      started[c.places.system[p]] = 1;
    }
  }
  for (let sys = 0; sys < systemAt.length; sys++) if (systemAt[sys] >= 0 && !started[sys]) systems.fill(0, systemAt[sys], systemAt[sys] + size);
}

/** The whole workbook as the sum of its systems, in system order. */
export function sumTotal(c: Compiled, r: Results): void {
  const size = c.layout.size;
  const nSystems = c.systems.codes.length;
  if (nSystems > 0) r.total.set(r.systems.subarray(0, size));
  else r.total.fill(0);
  for (let sys = 1; sys < nSystems; sys++) addBlock(r.total, 0, r.systems, sys * size, size);
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
