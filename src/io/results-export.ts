// Every result a planner may want in a spreadsheet: the yearly figures of every scenario at every
// level (whole workbook, systems, places, PCNs, practices) and the weekly series of the chosen view.
// One function serves the app (inside the engine worker) and the command line.
import type { EntityRef, Level, Meta, Projection, YearRow } from '../engine';

export interface EntityYears {
  scenario: string;
  level: Level;
  code: string;
  name: string;
  years: YearRow[];
}

export interface WeeklySeries {
  scenario: string;
  scenarioName: string;
  ref: EntityRef;
  entityName: string;
  /** Monday of each week, YYYY-MM-DD. */
  weeks: string[];
  fy: string[];
  columns: { header: string; format: 'int' | 'wte' | 'number'; values: number[] }[];
}

export interface ResultsData {
  scenarios: { id: string; name: string }[];
  entities: EntityYears[];
  weekly: WeeklySeries;
}

export const LEVEL_WORDS: Record<Level, string> = { total: 'whole workbook', system: 'systems', place: 'places', pcn: 'PCNs', practice: 'practices' };

export async function collectResults(p: Projection, view: { scenario: string; ref: EntityRef }): Promise<ResultsData> {
  const meta = p.meta();
  const entities: EntityYears[] = [];
  for (const s of meta.scenarios) {
    await p.prepare(s.id);
    for (const e of meta.entities) entities.push({ scenario: s.name, level: e.level, code: e.code, name: e.name, years: p.yearly(s.id, { level: e.level, code: e.code }) });
  }
  return { scenarios: meta.scenarios.map((s) => ({ id: s.id, name: s.name })), entities, weekly: weeklySeries(meta, p.series(view.scenario, view.ref), view) };
}

function weeklySeries(meta: Meta, block: Float64Array, view: { scenario: string; ref: EntityRef }): WeeklySeries {
  const L = meta.layout;
  const T = L.T;
  const B = L.base;
  const get = (s: number) => Array.from(block.subarray(s * T, (s + 1) * T));
  const start = Date.parse(meta.startDate + 'T00:00:00Z');
  const weeks = Array.from({ length: T }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
  const fy: string[] = [];
  for (let f = 0; f < meta.fyLabels.length; f++) {
    const end = f + 1 < meta.fyFirstWeek.length ? meta.fyFirstWeek[f + 1] : T;
    for (let t = meta.fyFirstWeek[f]; t < end; t++) fy[t] = meta.fyLabels[f];
  }
  const demand = get(B.demand);
  const capacity = get(B.capacity);
  const gpDelivered = get(B.gpDelivered);
  const gpWteDays = get(B.gpWteDays);
  const columns: WeeklySeries['columns'] = [
    { header: 'Demand', format: 'int', values: demand },
    { header: 'Capacity (current workload)', format: 'int', values: capacity },
    { header: 'Capacity at safe GP workload', format: 'int', values: get(B.capacitySafe) },
    { header: 'Net gap', format: 'int', values: demand.map((d, t) => d - capacity[t]) },
    { header: 'Delivered', format: 'int', values: get(B.delivered) },
    { header: 'Unmet demand', format: 'int', values: get(B.unmet) },
    { header: 'GP WTE', format: 'wte', values: get(B.gpWte) },
    { header: 'GP contacts per GP a day', format: 'number', values: gpDelivered.map((d, t) => (gpWteDays[t] > 0 ? (d * 52) / gpWteDays[t] : 0)) },
    { header: 'GP WTE for safe working', format: 'wte', values: get(B.gpWteNeededSafe) },
    { header: 'Registered patients', format: 'int', values: get(B.registered) },
    ...meta.roles.map((r, j) => ({ header: `${r.name}: capacity`, format: 'int' as const, values: get(L.roleCapacity + j) })),
    ...meta.roles.filter((r) => r.group !== 'external').map((r) => ({ header: `${r.name}: WTE`, format: 'wte' as const, values: get(L.roleWte + meta.roles.indexOf(r)) })),
  ];
  const entity = meta.entities.find((e) => e.level === view.ref.level && e.code === view.ref.code);
  return {
    scenario: view.scenario,
    scenarioName: meta.scenarios.find((s) => s.id === view.scenario)?.name ?? view.scenario,
    ref: view.ref,
    entityName: entity?.name ?? '',
    weeks,
    fy,
    columns,
  };
}
