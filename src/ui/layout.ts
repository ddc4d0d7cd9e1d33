// What the main area shows: the overview, the sheets, the results, sheets and results side by side,
// or the workshop (its levers beside the results).
export type Layout = 'overview' | 'split' | 'sheets' | 'results' | 'workshop';

export const LAYOUTS: readonly [Layout, string][] = [
  ['overview', 'Overview'],
  ['sheets', 'Sheets'],
  ['split', 'Split'],
  ['results', 'Results'],
  ['workshop', 'Workshop'],
];
