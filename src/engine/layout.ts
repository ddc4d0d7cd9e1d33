// How the weekly results of one entity (practice, PCN, place, system or the whole workbook) sit in
// one Float64Array: series s, week t at s * T + t. Every stored series is additive, so a parent is
// exactly the sum of its children; rates (contacts per day, GPs per 100,000) are formed from these
// sums when read, never stored.

export const BASE_SERIES = [
  'registered', // registered patients
  'weighted', // need-weighted list (Carr-Hill), or registered where none is given
  'demand', // appointments wanted per week
  'capacity', // appointments available per week, GPs at current contacts per day
  'capacitySafe', // the same with GPs at safe contacts per day
  'delivered', // appointments delivered, at current workload
  'deliveredSafe',
  'unmet', // demand no role could meet, at current workload
  'unmetSafe',
  'gpWte',
  'gpWteDays', // GP WTE x clinical days per year: the denominator of contacts per GP per day
  'gpDelivered',
  'gpDeliveredSafe',
  'gpRoutedDemand', // GP delivered + unmet demand of needs whose default route is a GP
  'gpWteNeededSafe', // GP WTE needed to meet GP-routed demand at safe contacts per day
  'workforceCost', // GBP per week
  'interventionCost', // GBP per week
  'externalCost', // GBP per week, external appointments delivered x cost per appointment
  'arrsNotHired', // cumulative planned ARRS WTE not hired because of the budget cap
  'navigatedWeight', // navigation share x registered patients (mean share = this / registered)
] as const;

export type BaseSeries = (typeof BASE_SERIES)[number];

export interface Layout {
  readonly T: number;
  readonly nRoles: number;
  readonly nNeeds: number;
  /** Number of series per entity. */
  readonly S: number;
  /** Length of one entity block: S * T. */
  readonly size: number;
  readonly base: Readonly<Record<BaseSeries, number>>;
  /** First series index of each per-role block: WTE, capacity, delivered (current workload). */
  readonly roleWte: number;
  readonly roleCapacity: number;
  readonly roleDelivered: number;
  /** First series index of unmet demand per need (current workload). */
  readonly needUnmet: number;
}

export function makeLayout(T: number, nRoles: number, nNeeds: number): Layout {
  const base = Object.fromEntries(BASE_SERIES.map((k, i) => [k, i])) as Record<BaseSeries, number>;
  const roleWte = BASE_SERIES.length;
  const roleCapacity = roleWte + nRoles;
  const roleDelivered = roleCapacity + nRoles;
  const needUnmet = roleDelivered + nRoles;
  const S = needUnmet + nNeeds;
  return { T, nRoles, nNeeds, S, size: S * T, base, roleWte, roleCapacity, roleDelivered, needUnmet };
}

/** The weekly values of series `s` inside an entity block (a view, not a copy). */
export function seriesView(layout: Layout, block: Float64Array, s: number): Float64Array {
  return block.subarray(s * layout.T, (s + 1) * layout.T);
}
