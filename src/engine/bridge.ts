// What each action buys: a bridge (waterfall) from a figure with none of a scenario's changes to the
// scenario's figure. The scenario's overrides come first (they set the world the interventions act
// in: who leaves, who is replaced), then its interventions are added one at a time in order of
// start date (ties in table order), and each bar is the change in the figure when that one is
// added to everything before it. The bars add up to the difference by construction. With effects
// that interact (navigation sends demand to roles that recruits then staff), a bar depends on the
// order: an earlier intervention gets credit for what it does alone, a later one for what it adds.
import type { Scenario, Workbook } from '../model/schema';
import { findScenario } from './scenario';
import { Projection } from './session';
import type { EntityRef } from './results';
import type { FigureKey } from './explain';

export interface BridgeStep {
  label: string;
  value: number;
  /** 'overrides' for the scenario's overrides together, else one intervention (its id). */
  kind: 'overrides' | 'intervention';
  id: string;
}

export interface Bridge {
  fy: string;
  key: FigureKey;
  ref: EntityRef;
  scenario: string;
  /** The figure with none of the scenario's overrides or interventions. */
  from: number;
  /** The scenario's figure. */
  to: number;
  steps: BridgeStep[];
  method: string;
}

export const BRIDGE_METHOD =
  'Starting from the workbook with none of the scenario’s changes, the scenario’s overrides are applied first, then its interventions are added one at a time in order of start date; each bar is the change when that one is added to everything before it, so the bars add up to the difference. Where interventions interact, a bar depends on this order.';

/** Interventions of a scenario in the order the bridge adds them: by start date, ties in table order. */
export function bridgeOrder(wb: Workbook, scenario: Scenario): Workbook['interventions'] {
  const on = new Set(scenario.interventions);
  return wb.interventions.filter((iv) => on.has(iv.id)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * Computes the bridge of `key` (a figure that is an amount, such as the net gap) for one scenario,
 * entity and financial year. Each step is the workbook computed afresh with one more change, so it
 * costs one full recompute per intervention.
 */
export function bridge(wb: Workbook, scenarioId: string, fy: string, ref: EntityRef = { level: 'total', code: '' }, key: FigureKey = 'netGapPerWeek'): Bridge {
  const scenario = findScenario(wb, scenarioId);
  const order = bridgeOrder(wb, scenario);
  const chain: Scenario[] = [{ id: 'bridge-0', name: 'None', description: '', overrides: [], interventions: [] }];
  const steps: Omit<BridgeStep, 'value'>[] = [];
  if (scenario.overrides.length) {
    chain.push({ id: `bridge-${chain.length}`, name: 'Overrides', description: '', overrides: scenario.overrides, interventions: [] });
    steps.push({ label: `The scenario's assumptions (${scenario.overrides.length} override${scenario.overrides.length === 1 ? '' : 's'}: ${scenario.overrides.map((o) => o.path).join(', ')})`, kind: 'overrides', id: 'overrides' });
  }
  order.forEach((iv, i) => {
    chain.push({ id: `bridge-${chain.length}`, name: iv.name, description: '', overrides: scenario.overrides, interventions: order.slice(0, i + 1).map((x) => x.id) });
    steps.push({ label: iv.name, kind: 'intervention', id: iv.id });
  });
  const projection = new Projection({ ...wb, scenarios: chain });
  const value = (id: string): number => {
    const row = projection.yearly(id, ref).find((r) => r.fy === fy);
    if (!row) throw new Error(`no financial year ${fy} in this workbook's horizon`);
    const v = row[key];
    if (v === null) throw new Error(`${key} has no value here, so it cannot be bridged`);
    return v;
  };
  const values = chain.map((s) => value(s.id));
  return {
    fy,
    key,
    ref,
    scenario: scenario.id,
    from: values[0],
    to: values[values.length - 1],
    steps: steps.map((s, i) => ({ ...s, value: values[i + 1] - values[i] })),
    method: BRIDGE_METHOD,
  };
}
