// Four points where the engine once read MODEL.md differently (sections 1, 7, 8 and 9), each
// against figures worked out by hand (the arithmetic is in the comments).
import { describe, expect, it } from 'vitest';
import { Projection, type EntityRef } from '../../src/engine';
import { parseWorkbook } from '../../src/model/validate';
import type { Workbook } from '../../src/model/schema';
import { tiny } from './fixtures';

const TOTAL: EntityRef = { level: 'total', code: '' };

function projection(wb: Workbook): Projection {
  const checked = parseWorkbook(structuredClone(wb));
  if (!checked.ok) throw new Error(`fixture invalid: ${checked.problems[0].path} ${checked.problems[0].message}`);
  return new Projection(checked.workbook);
}

type Intervention = Workbook['interventions'][number];
const navigation = (id: string, start: string, target: number, rampWeeks: number): Intervention => ({
  id,
  name: id,
  scope: 'system:S',
  start,
  end: null,
  rampWeeks,
  annualCost: 0,
  effect: { kind: 'navigationShare', target },
  source: 'test',
});

describe('a navigation intervention moves the share down as well as up (MODEL.md section 9)', () => {
  // Complex care only GPs can see; minor illness nurses can see when navigated, else it books a GP.
  const needs: Workbook['needs'] = [
    { id: 'complex', name: 'Complex', share: 0.5, pathway: ['gp'], defaultRoute: 'gp', source: 'test' },
    { id: 'minor', name: 'Minor', share: 0.5, pathway: ['nurse'], defaultRoute: 'gp', source: 'test' },
  ];

  it('losing care navigators lowers the share, and the nurse then sits idle', () => {
    const base = tiny({ needs });
    const wb: Workbook = {
      ...base,
      settings: { ...base.settings, navigationShare: 1 },
      interventions: [navigation('fewer', '2024-04-01', 0, 0)],
      scenarios: [{ id: 'base', name: 'Base', description: '', overrides: [], interventions: ['fewer'] }],
    };
    const y = projection(wb).yearly('base')[0];
    // the share falls from 100% to 0% at once: nobody is navigated, minor illness books the GP
    // demand 1,000: complex 500 to the GP (230.769 met), minor 500 finds the GP full: unmet 769.231
    expect(y.navigationShare).toBeCloseTo(0, 12);
    expect(y.unmetPerWeek).toBeCloseTo(1000 - 230.769230769, 6);
    expect(y.strandedPerWeek).toBeCloseTo(69.230769231, 6);
  });

  it('where two overlap, the later-starting one moves the share the earlier one left', () => {
    const base = tiny();
    const wb: Workbook = {
      ...base,
      settings: { ...base.settings, navigationShare: 0.25 },
      // listed first but starts later: order of start, not of the table, decides
      interventions: [navigation('later', '2024-06-10', 0.1, 20), navigation('earlier', '2024-04-01', 0.5, 0)],
      scenarios: [{ id: 'base', name: 'Base', description: '', overrides: [], interventions: ['later', 'earlier'] }],
    };
    const p = projection(wb);
    const { layout } = p.meta();
    const block = p.series('base', TOTAL);
    const T = layout.T;
    const share = (t: number) => block[layout.base.navigatedWeight * T + t] / block[layout.base.registered * T + t];
    // weeks 0-9: 'earlier' has moved 0.25 to 0.5 at once
    expect(share(5)).toBeCloseTo(0.5, 12);
    // 'later' starts at week 10 (Monday 10 June 2024) and ramps over 20 weeks from the 0.5 left:
    // week 20 is half way, 0.5 + 0.5 x (0.1 - 0.5) = 0.3
    expect(share(10)).toBeCloseTo(0.5, 12);
    expect(share(20)).toBeCloseTo(0.3, 12);
    // from week 30 it has arrived at 0.1
    expect(share(30)).toBeCloseTo(0.1, 12);
    expect(share(51)).toBeCloseTo(0.1, 12);
  });
});

describe('stranded capacity for a year is the mean of the weekly figures (MODEL.md section 1)', () => {
  it('a summer surplus does not hide a winter shortfall', () => {
    const base = tiny();
    // demand 200 a week from April to September, 1,800 from October to March
    const seasonality = [1.8, 1.8, 1.8, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1.8, 1.8, 1.8];
    const wb: Workbook = { ...base, settings: { ...base.settings, horizonYears: 2 }, demand: { ...base.demand, seasonality } };
    const y = projection(wb).yearly('base')[0];
    // FY2024/25 has 53 Mondays: 27 from April to September, 26 from October to March.
    // GP capacity 230.769, nurse 69.231 (only GPs meet the one need).
    // Summer: unmet 0, net gap 200 - 300 = -100: stranded 0.
    // Winter: unmet 1,800 - 230.769 = 1,569.231, net gap 1,500: stranded 69.231.
    // Mean of the weekly figures: 69.231 x 26 / 53 = 33.962.
    // (Re-derived from the year's means it would be 769.811 - 684.906 = 84.906.)
    expect(y.strandedPerWeek).toBeCloseTo((69.230769231 * 26) / 53, 6);
    expect(y.unmetPerWeek).toBeCloseTo((1569.230769231 * 26) / 53, 6);
  });
});

describe('funding for a year is on the basis of every cost: weekly mean x 52 (MODEL.md section 8)', () => {
  it('a 53-week year and a part year show the full recurrent amount', () => {
    const base = tiny();
    const wb: Workbook = {
      ...base,
      settings: { ...base.settings, horizonYears: 2 },
      funding: [{ id: 'f', name: 'Recurrent', kind: 'recurrent', amountGBP: 5_200_000, from: '2024-04-01', to: null, source: 'test' }],
    };
    const [y1, y2] = projection(wb).yearly('base');
    // FY2024/25: 53 weeks of 100,000, mean 100,000 x 52 = 5,200,000 (not 5,300,000).
    // FY2025/26: the 104-week horizon leaves 51 weeks, mean 100,000 x 52 = 5,200,000 (not 5,100,000).
    expect(y1.fy).toBe('2024/25');
    expect(y1.fundingGBP).toBeCloseTo(5_200_000, 4);
    expect(y2.fundingGBP).toBeCloseTo(5_200_000, 4);
  });

  it('an amount that starts part way through a year counts for the weeks it runs', () => {
    const base = tiny();
    const wb: Workbook = {
      ...base,
      // from Monday 7 October 2024: 26 of FY2024/25's 53 weeks
      funding: [{ id: 'f', name: 'Recurrent', kind: 'recurrent', amountGBP: 5_200_000, from: '2024-10-07', to: null, source: 'test' }],
      settings: { ...base.settings, horizonYears: 2 },
    };
    const y = projection(wb).yearly('base')[0];
    // weekly 100,000 for 26 weeks, 0 for 27: mean 100,000 x 26 / 53, x 52 = 2,550,943.4
    expect(y.fundingGBP).toBeCloseTo((100_000 * 26 * 52) / 53, 4);
  });
});

describe('GP figures at practice level count the GPs the practice holds (MODEL.md sections 2 and 7)', () => {
  // Practice A holds 2 GP WTE, practice B none, the PCN 1 GP WTE of its own. Each practice has
  // 10,000 patients: demand 2,000 a week, far above the GPs' 3 x 30 x 200 / 52 = 346.154.
  const base = tiny();
  const wb: Workbook = {
    ...base,
    practices: [
      { code: 'A', name: 'Practice A', pcn: 'N', registered: 10_000, weighted: null, source: 't' },
      { code: 'B', name: 'Practice B', pcn: 'N', registered: 10_000, weighted: null, source: 't' },
    ],
    workforce: [
      { level: 'practice', code: 'A', role: 'gp', wte: 2, source: 't' },
      { level: 'pcn', code: 'N', role: 'gp', wte: 1, source: 't' },
    ],
  };
  const p = projection(wb);
  const pcn = p.yearly('base', { level: 'pcn', code: 'N' })[0];
  const a = p.yearly('base', { level: 'practice', code: 'A' })[0];
  const b = p.yearly('base', { level: 'practice', code: 'B' })[0];

  it("a practice's GPs are its own, and they work at the PCN's rate", () => {
    // every GP appointment is taken: each GP WTE gives 30 x 200 / 52 = 115.385 a week
    expect(pcn.gpContactsPerGpDay).toBeCloseTo(30, 9);
    expect(a.gpWte).toBeCloseTo(2, 12);
    expect(a.gpContactsPerGpDay).toBeCloseTo(30, 9); // 230.769 x 52 / (2 x 200)
    expect(a.gpWtePer100k).toBeCloseTo(20, 9); // 2 / 10,000
    expect(a.patientsPerGpWte).toBeCloseTo(5000, 9);
  });

  it('a practice with no GPs has no contacts-per-GP figure, not 0', () => {
    expect(b.gpWte).toBe(0);
    expect(b.gpContactsPerGpDay).toBeNull();
    expect(b.patientsPerGpWte).toBeNull();
    expect(b.gpWtePer100k).toBe(0);
  });

  it("practices and the PCN's own GPs add up to the PCN", () => {
    const series = (ref: EntityRef) => {
      const { layout } = p.meta();
      const block = p.series('base', ref);
      const T = layout.T;
      const sum = (s: number) => block.subarray(s * T, (s + 1) * T).reduce((x, y) => x + y, 0);
      return { wte: sum(layout.base.gpWte), days: sum(layout.base.gpWteDays), delivered: sum(layout.base.gpDelivered) };
    };
    const N = series({ level: 'pcn', code: 'N' });
    const A = series({ level: 'practice', code: 'A' });
    const B = series({ level: 'practice', code: 'B' });
    // the PCN's own GP: 1 WTE for 52 weeks, 115.385 appointments a week
    const ownWte = 52;
    const ownDelivered = (30 * 200 * 52) / 52;
    expect(A.wte + B.wte + ownWte).toBeCloseTo(N.wte, 9);
    expect(A.days + B.days + ownWte * 200).toBeCloseTo(N.days, 6);
    expect(A.delivered + B.delivered + ownDelivered).toBeCloseTo(N.delivered, 6);
  });
});
