// Engine results against figures worked out by hand (the arithmetic is in the comments).
import { describe, expect, it } from 'vitest';
import { Projection, type EntityRef } from '../../src/engine';
import { parseWorkbook } from '../../src/model/validate';
import type { Workbook } from '../../src/model/schema';
import { role, tiny } from './fixtures';

const TOTAL: EntityRef = { level: 'total', code: '' };

function run(wb: Workbook, scenario = 'base') {
  const checked = parseWorkbook(structuredClone(wb));
  if (!checked.ok) throw new Error(`fixture invalid: ${checked.problems[0].path} ${checked.problems[0].message}`);
  const p = new Projection(checked.workbook);
  const meta = p.meta();
  const block = p.series(scenario, TOTAL);
  const T = meta.layout.T;
  const series = (s: number) => Array.from(block.subarray(s * T, (s + 1) * T));
  return { p, meta, year: p.yearly(scenario)[0], series, B: meta.layout.base, L: meta.layout };
}

describe('one practice, two roles', () => {
  const { year } = run(tiny());
  // demand = 10,000 patients x 5.2 a year / 52 = 1,000 a week
  // GP capacity = 2 WTE x 30 a day x 200 days / 52 = 230.769...; nurse = 1 x 20 x 200 / 52 x 0.9 = 69.230...
  it('demand, capacity and net gap', () => {
    expect(year.demandPerWeek).toBeCloseTo(1000, 9);
    expect(year.capacityPerWeek).toBeCloseTo(230.769230769 + 69.230769231, 6); // 300
    expect(year.netGapPerWeek).toBeCloseTo(700, 6);
  });

  it('unmet demand: only GPs can meet the one need, so the nurse capacity is stranded', () => {
    // unmet = 1,000 - 230.769 = 769.231 = net gap 700 + stranded 69.231
    expect(year.unmetPerWeek).toBeCloseTo(769.230769, 5);
    expect(year.strandedPerWeek).toBeCloseTo(69.230769, 5);
  });

  it('safe caseload', () => {
    // contacts per GP per day = 230.769 x 52 / (2 x 200) = 30
    expect(year.gpContactsPerGpDay).toBeCloseTo(30, 9);
    // GP-routed demand = delivered 230.769 + unmet 769.231 = 1,000; safe per WTE = 25 x 200 / 52 = 96.154
    // GP WTE needed = 1,000 / 96.154 = 10.4; short = 10.4 - 2 = 8.4
    expect(year.gpWteNeededSafe).toBeCloseTo(10.4, 9);
    expect(year.gpWteShortOfSafe).toBeCloseTo(8.4, 9);
    // at safe workload GP capacity = 2 x 25 x 200 / 52 = 192.308; gap = 1,000 - 192.308 - 69.231 = 738.46
    expect(year.netGapAtSafeWorkloadPerWeek).toBeCloseTo(1000 - 192.307692 - 69.230769, 5);
  });

  it('GPs per 100,000 and money', () => {
    expect(year.gpWtePer100k).toBeCloseTo(20, 9); // 2 / 10,000 x 100,000
    expect(year.gpHeadcountPer100k).toBeCloseTo(25, 9); // 20 WTE / 0.8 FTE per head
    expect(year.registeredPatients).toBeCloseTo(10_000, 9);
    expect(year.workforceCostGBP).toBeCloseTo(2 * 104_000 + 52_000, 6); // WTE x cost per WTE
  });
});

describe('care navigation recovers stranded capacity', () => {
  const needs: Workbook['needs'] = [
    { id: 'complex', name: 'Complex', share: 0.5, pathway: ['gp'], defaultRoute: 'gp', source: 'test' },
    { id: 'minor', name: 'Minor', share: 0.5, pathway: ['nurse'], defaultRoute: 'gp', source: 'test' },
  ];
  it('with nobody navigated, minor illness books the GP and the nurse sits idle', () => {
    const { year } = run(tiny({ needs }));
    // complex (fewer roles) goes first: 500 to GPs, 230.769 met; minor 500 finds no GP left
    // unmet = 269.231 + 500 = 769.231; net gap 700; stranded 69.231 (the whole nurse)
    expect(year.unmetPerWeek).toBeCloseTo(769.230769, 5);
    expect(year.strandedPerWeek).toBeCloseTo(69.230769, 5);
  });
  it('with everyone navigated, the nurse sees minor illness and unmet equals the net gap', () => {
    const wb = tiny({ needs });
    const { year, p, meta } = run({ ...wb, settings: { ...wb.settings, navigationShare: 1 } });
    // minor: 500 navigated to the nurse, 69.231 met; 430.769 falls back to the GP, already full
    expect(year.unmetPerWeek).toBeCloseTo(700, 6);
    expect(year.strandedPerWeek).toBeCloseTo(0, 6);
    const block = p.series('base', TOTAL);
    const T = meta.layout.T;
    const nurseDelivered = block[(meta.layout.roleDelivered + 1) * T];
    expect(nurseDelivered).toBeCloseTo(69.230769, 5);
  });
});

describe('growth and seasonality', () => {
  it('compounds population growth weekly and applies the month’s seasonal index', () => {
    const wb = tiny();
    const seasonality = Array(12).fill(1);
    seasonality[0] = 1.2; // January
    const { series, B, meta } = run({ ...wb, places: [{ ...wb.places[0], populationGrowth: 0.1 }], demand: { ...wb.demand, seasonality } });
    const demand = series(B.demand);
    expect(demand[0]).toBeCloseTo(1000, 9); // week of Monday 1 April 2024
    expect(demand[26]).toBeCloseTo(1000 * Math.pow(1.1, 26 / 52), 9); // growth (1 + g)^(t/52)
    // the week of Monday 6 January 2025 is week 40: Jan index 1.2
    expect(meta.startDate).toBe('2024-04-01');
    expect(demand[40]).toBeCloseTo(1000 * Math.pow(1.1, 40 / 52) * 1.2, 9);
  });

  it('weights demand by need with the system total kept at rate x registered', () => {
    const wb = tiny({
      practices: [
        { code: 'A', name: 'A', pcn: 'N', registered: 10_000, weighted: 12_000, source: 't' },
        { code: 'B', name: 'B', pcn: 'N', registered: 10_000, weighted: 8_000, source: 't' },
      ],
    });
    const { p } = run({ ...wb, settings: { ...wb.settings, needWeighting: true } });
    // system demand = 20,000 x 5.2 / 52 = 2,000; A carries 12 / 20 of it = 1,200; B 800
    expect(p.yearly('base')[0].demandPerWeek).toBeCloseTo(2000, 9);
    expect(p.yearly('base', { level: 'practice', code: 'A' })[0].demandPerWeek).toBeCloseTo(1200, 9);
    expect(p.yearly('base', { level: 'practice', code: 'B' })[0].demandPerWeek).toBeCloseTo(800, 9);
  });
});

describe('workforce stock and flow', () => {
  it('loses leavers weekly and replaces a share of them after the lag', () => {
    const wb = tiny({ roles: [role('gp', { contactsPerDay: 30, leavingRate: 0.52, replacementRate: 0.5, replacementLagWeeks: 2 }), role('nurse')] });
    const { series, B } = run(wb);
    const gp = series(B.gpWte);
    // q/52 = 1% a week. W0 = 2; leavers before week 0 counted as 0.02
    // W1 = 2 - 0.02 + 0.5 x 0.02 = 1.99
    // W2 = 1.99 - 0.0199 + 0.5 x 0.02 = 1.9801
    // W3 = 1.9801 - 0.019801 + 0.5 x L0 (0.02) = 1.970299
    expect(gp.slice(0, 4).map((x) => Number(x.toFixed(9)))).toEqual([2, 1.99, 1.9801, 1.970299]);
  });
});

describe('interventions and scenarios', () => {
  const base = tiny();
  const iv = (id: string, effect: Workbook['interventions'][number]['effect'], rampWeeks = 0): Workbook['interventions'][number] => ({
    id,
    name: id,
    scope: 'system:S',
    start: '2024-04-01',
    end: null,
    rampWeeks,
    annualCost: 5200,
    effect,
    source: 'test',
  });
  const wb: Workbook = {
    ...base,
    interventions: [
      iv('extra', { kind: 'extraAppointments', role: 'gp', amount: 100, basis: 'perWeek' }),
      iv('cut', { kind: 'demandReduction', fraction: 0.1 }, 10),
      iv('recruit', { kind: 'recruitment', role: 'gp', wtePerYear: 5.2 }),
    ],
    scenarios: [
      { id: 'base', name: 'Base', description: '', overrides: [], interventions: [] },
      { id: 'extra', name: 'Extra', description: '', overrides: [], interventions: ['extra'] },
      { id: 'cut', name: 'Cut', description: '', overrides: [], interventions: ['cut'] },
      { id: 'recruit', name: 'Recruit', description: '', overrides: [], interventions: ['recruit'] },
      { id: 'faster', name: 'Faster GPs', description: '', overrides: [{ path: 'roles[gp].contactsPerDay', value: 40 }], interventions: [] },
    ],
  };
  const r = run(wb);

  it('extra appointments add capacity from their start, and their cost', () => {
    const y = r.p.yearly('extra')[0];
    expect(y.capacityPerWeek).toBeCloseTo(400, 6); // 300 + 100
    expect(y.netGapPerWeek).toBeCloseTo(600, 6);
    expect(y.interventionCostGBP).toBeCloseTo(5200, 6);
  });

  it('a demand reduction ramps up linearly', () => {
    const T = r.meta.layout.T;
    const block = r.p.series('cut', TOTAL);
    const demand = (t: number) => block[r.B.demand * T + t];
    expect(demand(0)).toBeCloseTo(1000, 9); // 0% at the start week
    expect(demand(5)).toBeCloseTo(950, 9); // half way up a 10-week ramp: 5%
    expect(demand(20)).toBeCloseTo(900, 9); // full 10%
  });

  it('planned recruits add WTE each week', () => {
    const T = r.meta.layout.T;
    const block = r.p.series('recruit', TOTAL);
    // 5.2 WTE a year = 0.1 a week; no leavers: W(10) = 2 + 10 x 0.1 = 3
    expect(block[r.B.gpWte * T + 10]).toBeCloseTo(3, 9);
  });

  it('a scenario override changes only that scenario', () => {
    // 2 x 40 x 200 / 52 = 307.692 GP appointments; with the nurse 376.923
    expect(r.p.yearly('faster')[0].capacityPerWeek).toBeCloseTo(307.692308 + 69.230769, 5);
    expect(r.p.yearly('base')[0].capacityPerWeek).toBeCloseTo(300, 6);
  });
});

describe('financial-year figures', () => {
  it('are the mean of the weekly series over the year’s weeks', () => {
    const wb = tiny({ roles: [role('gp', { contactsPerDay: 30, leavingRate: 0.3, replacementRate: 0.2, replacementLagWeeks: 4 }), role('nurse')] });
    const { p, series, B, meta } = run({ ...wb, settings: { ...wb.settings, horizonYears: 2 } });
    const gp = series(B.gpWte);
    const years = p.yearly('base');
    expect(years.map((y) => y.fy)).toEqual(['2024/25', '2025/26']);
    // a week belongs to the FY of its Monday: FY2024/25 has the 53 Mondays 1 April 2024 to 31 March 2025
    const mean = gp.slice(0, 53).reduce((a, b) => a + b, 0) / 53;
    expect(years[0].gpWte).toBeCloseTo(mean, 12);
    expect(meta.fyLabels).toEqual(['2024/25', '2025/26']);
  });
});
