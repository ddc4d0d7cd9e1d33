// What the main area shows: the overview, the sheets, the results, or sheets and results side by side.
export type Layout = 'overview' | 'split' | 'sheets' | 'results';

export const LAYOUTS: readonly [Layout, string][] = [
  ['overview', 'Overview'],
  ['sheets', 'Sheets'],
  ['split', 'Split'],
  ['results', 'Results'],
];
