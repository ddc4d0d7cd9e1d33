// Goal seek and Monte Carlo results in the shape the command line prints: the same keys as the
// yearly report (report.ts), so a planner can read one beside the other.
import type { McSummary, SeekResult } from '../engine';
import { REPORT_KEYS, type Report } from './report';

export interface SeekReport {
  path: string;
  value: number;
  achieved: number;
  reached: boolean;
  iterations: number;
  target: string;
  fy: string;
  min: number;
  max: number;
  edits: { path: string; value: number }[];
  message: string;
}

export function seekReport(r: SeekResult): SeekReport {
  return {
    path: r.path,
    value: r.value,
    achieved: r.achieved,
    reached: r.reached,
    iterations: r.iterations,
    target: `${r.target.key}${r.target.op}${r.target.value}`,
    fy: r.fy,
    min: r.min,
    max: r.max,
    edits: r.edits,
    message: r.message,
  };
}

type Percentiles = Record<(typeof REPORT_KEYS)[number], number>;

/** The yearly report with p10, p50 and p90 of every key added to every year. */
export function withPercentiles(report: Report, mc: McSummary): Report & { runs: number; seed: number; gapClosedProbability: Record<string, number> } {
  const K = mc.keys.length;
  const pick = (arr: Float64Array, f: number): Percentiles => {
    const out = {} as Percentiles;
    for (const k of REPORT_KEYS) out[k] = arr[f * K + mc.keys.indexOf(k)];
    return out;
  };
  return {
    ...report,
    runs: mc.runs,
    seed: mc.seed,
    gapClosedProbability: Object.fromEntries(mc.fyLabels.map((fy, f) => [fy, mc.gapClosed[f]])),
    years: report.years.map((y) => {
      const f = mc.fyLabels.indexOf(y.fy);
      return { ...y, p10: pick(mc.p10, f), p50: pick(mc.p50, f), p90: pick(mc.p90, f) };
    }),
  };
}
