// The headline report: one row per financial year for an entity, in the shape the command line
// prints and the app's headline figures show (the same keys, so a planner can check one against
// the other).
import type { YearRow } from '../engine';
import type { NumberFormat } from '../ui/format';
import { toCsv } from './csv';

/**
 * Every yearly figure in words with its unit, and the format it is shown in: the results table,
 * its CSV, the Excel export and the command line's CSV all use these headers.
 */
export const YEAR_COLUMNS: Record<Exclude<keyof YearRow, 'fy'>, { header: string; format: NumberFormat }> = {
  demandPerWeek: { header: 'Demand a week', format: 'int' },
  capacityPerWeek: { header: 'Capacity a week', format: 'int' },
  netGapPerWeek: { header: 'Net gap a week', format: 'int' },
  unmetPerWeek: { header: 'Unmet demand a week', format: 'int' },
  strandedPerWeek: { header: 'Stranded capacity a week', format: 'int' },
  capacityAtSafeWorkloadPerWeek: { header: 'Capacity at safe GP workload a week', format: 'int' },
  netGapAtSafeWorkloadPerWeek: { header: 'Gap at safe GP workload a week', format: 'int' },
  unmetAtSafeWorkloadPerWeek: { header: 'Unmet at safe GP workload a week', format: 'int' },
  deliveredPerWeek: { header: 'Delivered a week', format: 'int' },
  gpWte: { header: 'GP WTE', format: 'wte' },
  gpContactsPerGpDay: { header: 'GP contacts per GP a day', format: 'number' },
  gpWteNeededSafe: { header: 'GP WTE for safe working', format: 'wte' },
  gpWteShortOfSafe: { header: 'GP WTE short of safe', format: 'wte' },
  gpHeadcountPer100k: { header: 'GPs per 100,000 patients (headcount)', format: 'number' },
  gpWtePer100k: { header: 'GP WTE per 100,000 patients', format: 'number' },
  patientsPerGpWte: { header: 'Patients per GP WTE', format: 'int' },
  registeredPatients: { header: 'Registered patients', format: 'int' },
  navigationShare: { header: 'Share care-navigated', format: 'percent' },
  arrsNotHiredWte: { header: 'ARRS WTE not hired (cap)', format: 'wte' },
  workforceCostGBP: { header: 'Workforce cost a year (£)', format: 'gbp' },
  interventionCostGBP: { header: 'Intervention cost a year (£)', format: 'gbp' },
  externalCostGBP: { header: 'External cost a year (£)', format: 'gbp' },
  totalCostGBP: { header: 'Total cost a year (£)', format: 'gbp' },
  costPerAppointmentGBP: { header: 'Cost per appointment (£)', format: 'gbp2' },
  fundingGBP: { header: 'Funding a year (£)', format: 'gbp' },
};

export const YEAR_KEYS = Object.keys(YEAR_COLUMNS) as (keyof typeof YEAR_COLUMNS)[];
export const FY_HEADER = 'Financial year';

export const REPORT_KEYS = [
  'demandPerWeek',
  'capacityPerWeek',
  'netGapPerWeek',
  'unmetPerWeek',
  'netGapAtSafeWorkloadPerWeek',
  'gpWte',
  'gpContactsPerGpDay',
  'gpWteNeededSafe',
  'gpHeadcountPer100k',
  'gpWtePer100k',
  'registeredPatients',
  'workforceCostGBP',
  'totalCostGBP',
  'fundingGBP',
] as const satisfies readonly (keyof YearRow)[];

export type ReportKey = (typeof REPORT_KEYS)[number];
/** A rate with nothing to divide by (contacts per GP where there are no GPs) is null. */
export type ReportYear = { fy: string } & Record<ReportKey, number | null>;

export interface Report {
  workbook: string;
  scenario: string;
  years: ReportYear[];
}

export function toReport(workbook: string, scenario: string, rows: readonly YearRow[]): Report {
  return {
    workbook,
    scenario,
    years: rows.map((r) => {
      const y = { fy: r.fy } as ReportYear;
      for (const k of REPORT_KEYS) y[k] = r[k];
      return y;
    }),
  };
}

/**
 * CSV with a header row in the words the results table shows; numbers in full precision so nothing
 * is lost on the way to a spreadsheet, and an empty cell where a rate has no value.
 */
export function reportCsv(report: Report): string {
  return yearsCsv(report.years, REPORT_KEYS);
}

/** Yearly rows as CSV with the results table's headers, for any choice of figures. */
export function yearsCsv(years: readonly Pick<YearRow, 'fy'>[], keys: readonly (keyof typeof YEAR_COLUMNS)[] = YEAR_KEYS): string {
  const rows = years.map((y) => [y.fy, ...keys.map((k) => ((y as Record<string, unknown>)[k] === null ? '' : String((y as Record<string, unknown>)[k])))]);
  return toCsv([FY_HEADER, ...keys.map((k) => YEAR_COLUMNS[k].header)], rows);
}
