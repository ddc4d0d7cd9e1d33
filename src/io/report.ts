// The headline report: one row per financial year for an entity, in the shape the command line
// prints and the app's headline figures show (the same keys, so a planner can check one against
// the other).
import type { YearRow } from '../engine';

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
 * CSV with a header row; numbers in full precision so nothing is lost on the way to a spreadsheet,
 * and an empty cell where a rate has no value.
 */
export function reportCsv(report: Report): string {
  const head = ['fy', ...REPORT_KEYS].join(',');
  const lines = report.years.map((y) => [y.fy, ...REPORT_KEYS.map((k) => (y[k] === null ? '' : String(y[k])))].join(','));
  return [head, ...lines].join('\n') + '\n';
}
