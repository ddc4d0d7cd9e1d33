// Which figure a point of a chart's table is, so that it can be explained: a weekly point is the
// figure for that week, a ranking bar a PCN's figure for the year, a scenario line a scenario's.
import type { EntityRef } from '../../engine';
import type { View } from '../../engine-client';
import type { ExplainAsk } from '../../state/explain.svelte';
import type { ChartSpec } from './chart-spec';

const WEEKLY: Record<string, (k: number) => string> = {
  gap: (k) => ['demandPerWeek', 'capacityPerWeek', 'capacityAtSafeWorkloadPerWeek'][k] ?? 'netGapPerWeek',
  'capacity-by-role': () => 'capacityPerWeek',
  'gp-contacts': () => 'gpContactsPerGpDay',
  'gp-workforce': (k) => (k === 0 ? 'gpWte' : 'gpWtePer100k'),
  'workforce-by-role': () => 'workforceCostGBP',
};

export function chartPointAsk(spec: ChartSpec, k: number, i: number, view: View, ref: EntityRef): ExplainAsk | null {
  const where = `${spec.title}: ${spec.series[k]?.label ?? ''}, ${spec.labels[i] ?? ''}`;
  const scenario = view.request.scenario;
  if (WEEKLY[spec.id]) return { scenario, ref, key: WEEKLY[spec.id](k), at: { week: i }, where };
  if (spec.id === 'gap-by-pcn') {
    const pcn = view.pcnRanking[i];
    return pcn ? { scenario, ref: { level: 'pcn', code: pcn.code }, key: 'netGapPerWeek', at: { fy: view.request.fy }, where } : null;
  }
  if (spec.id === 'scenarios') {
    const s = view.scenarios?.[k];
    const fy = spec.labels[i];
    return s && fy ? { scenario: s.id, ref, key: 'netGapPerWeek', at: { fy }, where } : null;
  }
  return null;
}
