// Charts of a Monte Carlo run, as ChartCard specs: the fan of the weekly net gap and the tornado of
// which ranges move it most. Pure functions, no DOM.
import type { McSummary } from '../../engine-client/montecarlo';
import type { ChartSpec } from '../results/chart-spec';
import { C } from '../palette';

export function fanSpec(mc: McSummary, where: string): ChartSpec {
  const band = 'rgba(68, 119, 170, 0.25)';
  const g = mc.keys.indexOf('netGapPerWeek');
  const K = mc.keys.length;
  const year = (arr: Float64Array) => mc.fyLabels.map((_, f) => arr[f * K + g]);
  return {
    id: 'mc-fan',
    title: 'Net gap: likely range',
    subtitle: `Appointments a week (FY mean), shaded from P10 to P90 of ${mc.runs.toLocaleString('en-GB')} draws (seed ${mc.seed}) · ${where}`,
    kind: 'line',
    labels: mc.fyLabels,
    xTitle: 'Financial year',
    yTitle: 'Net gap (appointments per week)',
    format: 'int',
    series: [
      { label: 'P90: 1 in 10 chance of worse', data: year(mc.p90), colour: '#88AACC' },
      { label: 'P10: 1 in 10 chance of better', data: year(mc.p10), colour: '#88AACC', fillToPrevious: { above: band, below: band } },
      { label: 'P50 (median)', data: year(mc.p50), colour: C.capacity },
      { label: 'Most likely values (no draws)', data: year(mc.deterministic), colour: C.demand, dashed: true },
    ],
  };
}

export interface TornadoRow {
  label: string;
  low: number;
  high: number;
}

/** Bars from the most likely gap: each range alone at its minimum and at its maximum, widest first. */
export function tornadoRows(mc: McSummary, fy: number, label: (path: string) => string): TornadoRow[] {
  const g = mc.keys.indexOf('netGapPerWeek');
  const base = mc.deterministic[fy * mc.keys.length + g];
  return mc.tornado
    .map((t) => ({ label: `${label(t.path)} (${ends(t.min, t.max)})`, low: t.atMin[fy] - base, high: t.atMax[fy] - base }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
}

/** A range's ends, as percentages when both are shares (0 to 1). */
function ends(min: number, max: number): string {
  const pct = min >= 0 && max <= 1;
  const f = (x: number) => (pct ? `${+(x * 100).toFixed(2)}%` : x.toLocaleString('en-GB', { maximumFractionDigits: 2 }));
  return `${f(min)} to ${f(max)}`;
}

export function tornadoSpec(rows: readonly TornadoRow[], fyLabel: string, where: string): ChartSpec {
  return {
    id: 'mc-tornado',
    title: `What moves the gap most, ${fyLabel}`,
    subtitle: `Change in net gap a week with one range at its minimum or maximum, the rest most likely · ${where}`,
    kind: 'hbar',
    labels: rows.map((r) => r.label),
    labelLines: 2,
    xTitle: 'Assumption',
    yTitle: 'Change in net gap (appointments per week)',
    format: 'int',
    series: [
      { label: 'At its minimum', data: rows.map((r) => r.low), colour: '#4477AA', stack: 'swing' },
      { label: 'At its maximum', data: rows.map((r) => r.high), colour: '#EE6677', stack: 'swing' },
    ],
  };
}
