// The bridge from a figure with none of a scenario's changes to the scenario's figure, by hand.
import { describe, expect, it } from 'vitest';
import { bridge, bridgeOrder } from '../../src/engine';
import { parseWorkbook } from '../../src/model/validate';
import type { Workbook } from '../../src/model/schema';
import { tiny } from './fixtures';

type Intervention = Workbook['interventions'][number];
const extra = (id: string, start: string, amount: number): Intervention => ({
  id,
  name: `Extra ${id}`,
  scope: 'system:S',
  start,
  end: null,
  rampWeeks: 0,
  annualCost: 0,
  effect: { kind: 'extraAppointments', role: 'gp', amount, basis: 'perWeek' },
  source: 't',
});

describe('bridge', () => {
  const base = tiny();
  const wb: Workbook = {
    ...base,
    // listed later-first: the bridge adds them in order of start
    interventions: [extra('late', '2024-10-07', 50), extra('early', '2024-04-01', 100)],
    scenarios: [{ id: 'both', name: 'Both', description: '', overrides: [{ path: 'roles[gp].contactsPerDay', value: 40 }], interventions: ['late', 'early'] }],
  };
  const checked = parseWorkbook(structuredClone(wb));
  if (!checked.ok) throw new Error(checked.problems[0].message);

  it('starts with no changes, applies the overrides, then each intervention in order of start', () => {
    const b = bridge(checked.workbook, 'both', '2024/25');
    // none: net gap 1,000 - 300 = 700 a week
    expect(b.from).toBeCloseTo(700, 9);
    expect(b.steps.map((s) => s.id)).toEqual(['overrides', 'early', 'late']);
    // GPs at 40 contacts: 2 x 40 x 200 / 52 = 307.692, 76.923 more than at 30
    expect(b.steps[0].value).toBeCloseTo(-76.923076923, 6);
    // 100 extra GP appointments every week of the year
    expect(b.steps[1].value).toBeCloseTo(-100, 9);
    // 50 extra from Monday 7 October 2024 (week 27): 25 of the 52 weeks of the one-year horizon
    expect(b.steps[2].value).toBeCloseTo((-50 * 25) / 52, 9);
    expect(b.to).toBeCloseTo(700 - 76.923076923 - 100 - (50 * 25) / 52, 6);
    expect(b.from + b.steps.reduce((a, s) => a + s.value, 0)).toBeCloseTo(b.to, 9);
  });

  it('orders by start date, ties in table order', () => {
    const order = bridgeOrder(checked.workbook, checked.workbook.scenarios[0]).map((i) => i.id);
    expect(order).toEqual(['early', 'late']);
  });
});
