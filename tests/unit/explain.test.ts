// Every figure can be explained: its terms add up to it, for any level, year and scenario, and the
// value is the one the results show. Hand-computed terms on the tiny workbook.
import { describe, expect, it } from 'vitest';
import { FIGURE_KEYS, Projection, type EntityRef, type Explanation } from '../../src/engine';
import { loadSample } from '../../src/sample';
import { parseWorkbook } from '../../src/model/validate';
import { parsePath, getAt } from '../../src/model/paths';
import type { Workbook } from '../../src/model/schema';
import { tiny } from './fixtures';

function addsUp(e: Explanation): number {
  if (e.value === null) return e.terms.length === 0 ? 0 : Infinity;
  const sum = e.terms.reduce((a, t) => a + t.value, 0);
  return Math.abs(sum - e.value) / Math.max(1, Math.abs(e.value));
}

describe('explaining the sample', () => {
  const wb = loadSample();
  const p = new Projection(wb);
  const meta = p.meta();
  const levels: EntityRef[] = [
    { level: 'total', code: '' },
    ...(['system', 'place', 'pcn', 'practice'] as const).map((level) => ({ level, code: meta.entities.find((e) => e.level === level)!.code })),
    { level: 'pcn', code: '06Q-UNALIGNED' },
  ];

  it('adds up to every headline figure, at every level, in every scenario and year', () => {
    let worst = 0;
    let checked = 0;
    for (const s of wb.scenarios) {
      for (const ref of levels) {
        const rows = p.yearly(s.id, ref);
        for (const fy of [meta.fyLabels[0], meta.fyLabels[2], meta.fyLabels[4], meta.fyLabels[6], meta.fyLabels[9]]) {
          const row = rows.find((r) => r.fy === fy)!;
          for (const key of FIGURE_KEYS) {
            const e = p.explain(s.id, ref, key, { fy });
            // the value is the figure the results show
            expect(e.value, `${s.id} ${ref.level} ${fy} ${key}`).toBe(row[key]);
            const d = addsUp(e);
            if (!(d <= 1e-9)) throw new Error(`${s.id} ${ref.level}:${ref.code} ${fy} ${key}: terms add up to ${e.terms.reduce((a, t) => a + t.value, 0)}, not ${e.value}`);
            worst = Math.max(worst, d);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(wb.scenarios.length * levels.length * 5 * FIGURE_KEYS.length);
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it('adds up for one week, as a point of a weekly chart', () => {
    for (const key of FIGURE_KEYS.filter((k) => k !== 'fundingGBP')) {
      for (const week of [0, 40, 250, 519]) {
        const e = p.explain('strategy', { level: 'total', code: '' }, key, { week });
        expect(addsUp(e), `${key} week ${week}`).toBeLessThanOrEqual(1e-9);
      }
    }
    const T = meta.layout.T;
    const demand = p.series('strategy', { level: 'total', code: '' })[meta.layout.base.demand * T + 40];
    expect(p.explain('strategy', { level: 'total', code: '' }, 'demandPerWeek', { week: 40 }).value).toBe(demand);
  });

  it('names workbook values that exist, with the value the workbook holds', () => {
    const e = p.explain('do-nothing', { level: 'total', code: '' }, 'capacityPerWeek', { fy: '2018/19' });
    const paths = e.terms.flatMap((t) => t.inputs);
    expect(paths.length).toBeGreaterThan(10);
    for (const i of paths) {
      const path = parsePath(i.path);
      expect(path, i.path).not.toBeNull();
      const value = getAt(wb, path!);
      expect(value, i.path).not.toBeUndefined();
      if (typeof i.value === 'number' && typeof value === 'number' && !i.label.includes('WTE')) expect(i.value, i.path).toBe(value);
    }
    const gp = e.terms.find((t) => t.label.startsWith('GP'))!;
    expect(gp.inputs.map((i) => i.path)).toContain('roles[gp].contactsPerDay');
  });

  it('marks the values a scenario overrides', () => {
    const e = p.explain('worst-case', { level: 'total', code: '' }, 'gpWte', { fy: '2020/21' });
    const leaving = e.terms.flatMap((t) => t.inputs).find((i) => i.path === 'roles[gp].leavingRate');
    expect(leaving?.overridden).toBe(true);
    expect(leaving?.value).toBeCloseTo(0.22, 12);
  });

  it('refuses an unknown figure, year or week in plain words', () => {
    expect(() => p.explain('strategy', { level: 'total', code: '' }, 'demand', { fy: '2018/19' })).toThrow(/no figure called 'demand'/);
    expect(() => p.explain('strategy', { level: 'total', code: '' }, 'demandPerWeek', { fy: '2040/41' })).toThrow(/no financial year 2040\/41/);
    expect(() => p.explain('strategy', { level: 'total', code: '' }, 'demandPerWeek', { week: 520 })).toThrow(/no week 520/);
  });
});

describe('explaining figures worked out by hand', () => {
  function projection(w: Workbook): Projection {
    const checked = parseWorkbook(structuredClone(w));
    if (!checked.ok) throw new Error(checked.problems[0].message);
    return new Projection(checked.workbook);
  }
  const TOTAL: EntityRef = { level: 'total', code: '' };

  it('net gap: demand less each role', () => {
    const e = projection(tiny()).explain('base', TOTAL, 'netGapPerWeek', { fy: '2024/25' });
    // demand 10,000 x 5.2 / 52 = 1,000 with no growth, season or weighting: one term
    // GP 2 x 30 x 200 / 52 = 230.769; nurse 1 x 20 x 200 / 52 x 0.9 = 69.231
    expect(e.value).toBeCloseTo(700, 9);
    const byLabel = Object.fromEntries(e.terms.map((t) => [t.label.split(':')[0], t.value]));
    expect(e.terms[0].value).toBeCloseTo(1000, 9);
    expect(byLabel['less gp']).toBeCloseTo(-230.769230769, 6);
    expect(byLabel['less nurse']).toBeCloseTo(-69.230769231, 6);
    expect(e.terms.filter((t) => Math.abs(t.value) > 1e-9)).toHaveLength(3);
  });

  it('contacts per GP per day: set, less did-not-attends, less time unused', () => {
    const base = tiny();
    // GPs see 30 a day, 10% do not attend; demand 100 a week is below GP capacity
    const w = tiny({ roles: [{ ...base.roles[0], dnaRate: 0.1 }, base.roles[1]], practices: [{ ...base.practices[0], registered: 1000 }] });
    const e = projection(w).explain('base', TOTAL, 'gpContactsPerGpDay', { fy: '2024/25' });
    // capacity 2 x 30 x 200 / 52 x 0.9 = 207.69; delivered 100 (all demand): 100 x 52 / 400 = 13
    expect(e.value).toBeCloseTo(13, 9);
    expect(e.terms[0].value).toBeCloseTo(30, 9); // contacts a day as set
    expect(e.terms[1].value).toBeCloseTo(-3, 9); // 10% did not attend
    expect(e.terms.at(-1)!.value).toBeCloseTo(13 - 27, 9); // unused
  });
});
