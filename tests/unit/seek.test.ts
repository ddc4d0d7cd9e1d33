// Goal seek against answers worked out by hand on tiny workbooks (fixtures.ts): one practice of
// 10,000 patients wanting 1,000 appointments a week; GPs give 30 x 200 / 52 = 115.385 a week per
// WTE, the nurse 20 x 200 / 52 x 0.9 = 69.231; the one need is met by GPs only.
import { describe, expect, it } from 'vitest';
import { Projection, seek, parseTarget, SeekError } from '../../src/engine';
import { parsePath } from '../../src/model/paths';
import { parseWorkbook } from '../../src/model/validate';
import type { Workbook } from '../../src/model/schema';
import { tiny } from './fixtures';

const FY = '2024/25';

function checked(wb: Workbook): Workbook {
  const r = parseWorkbook(structuredClone(wb));
  if (!r.ok) throw new Error(`fixture invalid: ${r.problems[0].path} ${r.problems[0].message}`);
  return r.workbook;
}

/** The figure with the answer written in as an ordinary edit, as "Apply" does. */
function withAnswer(wb: Workbook, edits: { path: string; value: number }[], scenario = 'base') {
  const p = new Projection(wb);
  p.applyEdits(edits.map((e) => ({ path: parsePath(e.path)!, value: e.value })));
  return p.yearly(scenario).find((y) => y.fy === FY)!;
}

describe('goal seek', () => {
  it('finds the GP WTE that closes the net gap: (1,000 - 69.231) / 115.385 = 8.0667', async () => {
    const wb = checked(tiny());
    const r = await seek(wb, { scenario: 'base', lever: 'workforce[practice:A:gp].wte', target: 'netGapPerWeek<=0', fy: FY });
    // 1000 x 52 / 6000 - 0.9 x 4000 / 6000 = 8.6667 - 0.6
    expect(r.reached).toBe(true);
    expect(r.value).toBeCloseTo(8 + 1 / 15, 5);
    expect(r.achieved).toBeLessThanOrEqual(0);
    expect(r.current).toBe(2);
    expect(r.currentFigure).toBeCloseTo(700, 6);
    expect(r.message).toContain('8.07');
    // written in, the target holds, and the figure is the one goal seek reported
    const year = withAnswer(wb, r.edits);
    expect(year.netGapPerWeek).toBeLessThanOrEqual(0);
    expect(year.netGapPerWeek).toBe(r.achieved);
  });

  it('brings GP contacts per GP per day down to the safe 25: 1,000 x 52 / (25 x 200) = 10.4 WTE', async () => {
    const wb = checked(tiny());
    const r = await seek(wb, { scenario: 'base', lever: 'workforce[practice:A:gp].wte', target: parseTarget('gpContactsPerGpDay<=25'), fy: FY, min: 1, max: 40 });
    expect(r.reached).toBe(true);
    expect(r.value).toBeCloseTo(10.4, 5);
    const year = withAnswer(wb, r.edits);
    expect(year.gpContactsPerGpDay).toBeLessThanOrEqual(25);
  });

  it('scales a group of cells together: every practice’s GPs by one factor', async () => {
    // two practices of 5,000 with 1 and 3 GP WTE: 4 x f x 115.385 + 69.231 = 1,000 gives f = 2.01667
    const base = tiny();
    const wb = checked({
      ...base,
      practices: [
        { ...base.practices[0], code: 'A', registered: 5000 },
        { ...base.practices[0], code: 'B', name: 'Practice B', registered: 5000 },
      ],
      workforce: [
        { level: 'practice', code: 'A', role: 'gp', wte: 1, source: 't' },
        { level: 'practice', code: 'B', role: 'gp', wte: 3, source: 't' },
        { level: 'practice', code: 'A', role: 'nurse', wte: 1, source: 't' },
      ],
    });
    const r = await seek(wb, { scenario: 'base', lever: 'workforce[practice:*:gp].wte', target: 'netGapPerWeek<=0', fy: FY });
    expect(r.group).toBe(true);
    expect(r.reached).toBe(true);
    expect(r.value).toBeCloseTo(8.0666666667 / 4, 5);
    expect(r.edits.map((e) => e.path)).toEqual(['workforce[practice:A:gp].wte', 'workforce[practice:B:gp].wte']);
    expect(r.edits[1].value).toBeCloseTo(3 * r.value, 9);
    expect(withAnswer(wb, r.edits).netGapPerWeek).toBeLessThanOrEqual(0);
  });

  it('finds the GP recruits a year that close the gap by the end of the year', async () => {
    // recruits arrive at w/52 a week with no leavers: the FY mean of GP WTE is 2 + w x mean(t)/52 over t = 0..51
    // = 2 + w x 25.5 / 52; the gap closes when that reaches 8.0667, so w = 6.0667 x 52 / 25.5 = 12.371
    const base = tiny();
    const wb = checked({
      ...base,
      interventions: [{ id: 'recruit', name: 'Recruit GPs', scope: 'system:S', start: '2024-04-01', end: null, rampWeeks: 0, annualCost: 0, effect: { kind: 'recruitment', role: 'gp', wtePerYear: 1 }, source: 't' }],
      scenarios: [{ id: 'base', name: 'Base', description: '', overrides: [], interventions: ['recruit'] }],
    });
    const r = await seek(wb, { scenario: 'base', lever: 'interventions[recruit].effect.wtePerYear', target: 'netGapPerWeek<=0', fy: FY });
    const y0 = new Projection(wb).yearly('base')[0];
    // check the closed form against the engine's own WTE path before trusting it
    expect(y0.gpWte).toBeCloseTo(2 + (1 * 25.5) / 52, 3);
    expect(r.reached).toBe(true);
    expect(r.value).toBeCloseTo(((8 + 1 / 15 - 2) * 52) / 25.5, 2);
    expect(withAnswer(wb, r.edits).netGapPerWeek).toBeLessThanOrEqual(0);
  });

  it('says when no value in the range reaches the target, and why: the nurse cannot see GP-only demand', async () => {
    const wb = checked(tiny());
    const r = await seek(wb, { scenario: 'base', lever: 'workforce[practice:A:nurse].wte', target: 'unmetPerWeek<=0', fy: FY, min: 0, max: 50 });
    expect(r.reached).toBe(false);
    // unmet stays at 1,000 - 230.769 whatever the nurse WTE
    expect(r.achieved).toBeCloseTo(769.230769, 4);
    expect(r.message).toMatch(/no value of workforce\[practice:A:nurse\]\.wte from 0 to 50/);
    expect(r.message).toMatch(/for needs nurse cannot see \(All 769\): demand routed to roles the lever does not touch/);
  });

  it('says when the range is too narrow, giving the best it can do', async () => {
    const wb = checked(tiny());
    const r = await seek(wb, { scenario: 'base', lever: 'workforce[practice:A:gp].wte', target: 'netGapPerWeek<=0', fy: FY, max: 5 });
    expect(r.reached).toBe(false);
    expect(r.value).toBe(5);
    expect(r.achieved).toBeCloseTo(1000 - 5 * 115.3846154 - 69.2307692, 5);
  });

  it('a target already met gives the bottom of the range', async () => {
    const wb = checked(tiny());
    const r = await seek(wb, { scenario: 'base', lever: 'workforce[practice:A:gp].wte', target: 'netGapPerWeek<=900', fy: FY, min: 1, max: 20 });
    expect(r).toMatchObject({ reached: true, value: 1 });
  });

  it('works in a scenario that overrides the lever itself', async () => {
    const base = tiny();
    const wb = checked({ ...base, scenarios: [...base.scenarios, { id: 'more', name: 'More', description: '', overrides: [{ path: 'roles[gp].contactsPerDay', value: 40 }], interventions: [] }] });
    // contacts c: 2 x c x 200 / 52 + 69.231 = 1,000 gives c = 120.97
    const r = await seek(wb, { scenario: 'more', lever: 'roles[gp].contactsPerDay', target: 'netGapPerWeek<=0', fy: FY });
    expect(r.current).toBe(40);
    expect(r.value).toBeCloseTo(((1000 - 69.23076923) * 52) / 400, 4);
  });

  it('refuses a bad target, lever, year or range in plain words', async () => {
    const wb = checked(tiny());
    const ask = (over: object) => seek(wb, { scenario: 'base', lever: 'workforce[practice:A:gp].wte', target: 'netGapPerWeek<=0', fy: FY, ...over });
    await expect(ask({ target: 'gap<0' })).rejects.toThrow(/must read like netGapPerWeek<=0/);
    await expect(ask({ target: 'happiness>=1' })).rejects.toThrow(/'happiness' is not a figure Headroom reports/);
    await expect(ask({ lever: 'roles[gp].name' })).rejects.toThrow(/is not a number/);
    await expect(ask({ lever: 'workforce[practice:*:physio].wte' })).rejects.toThrow(/matches no cell/);
    await expect(ask({ fy: '2031/32' })).rejects.toThrow(/no financial year 2031\/32/);
    await expect(ask({ lever: 'roles[gp].dnaRate', max: 2 })).rejects.toThrow(/roles\[gp\]\.dnaRate cannot be 2: did-not-attend rate must be from 0% to 90%/);
    await expect(ask({ min: 5, max: 5 })).rejects.toThrow(SeekError);
  });
});
