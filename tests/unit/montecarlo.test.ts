// Monte Carlo over ranges: reproducible by seed whatever the split, ordered percentiles, zero-width
// ranges give the deterministic figures exactly, a stopped run leaves nothing.
import { describe, expect, it } from 'vitest';
import { LocalRunner, McCancelled, Projection, runMonteCarlo, type McRunner } from '../../src/engine';
import { drawValues, mulberry32, percentile, triangular } from '../../src/engine/montecarlo';
import { parseWorkbook } from '../../src/model/validate';
import type { Workbook } from '../../src/model/schema';
import { tiny } from './fixtures';

function checked(wb: Workbook): Workbook {
  const r = parseWorkbook(structuredClone(wb));
  if (!r.ok) throw new Error(`fixture invalid: ${r.problems[0].path} ${r.problems[0].message}`);
  return r.workbook;
}

const ranged = (over: Partial<Workbook> = {}) =>
  checked({
    ...tiny({ settings: { ...tiny().settings, horizonYears: 3 }, demand: { ...tiny().demand, rateGrowth: 0.02 } }),
    ranges: [
      { path: 'demand.consultationRate', min: 4.5, mode: null, max: 6 },
      { path: 'roles[gp].contactsPerDay', min: 25, mode: 28, max: 36 },
      { path: 'workforce[practice:A:gp].wte', min: 1, mode: null, max: 12 },
    ],
    ...over,
  });

describe('the generator and the triangular distribution', () => {
  it('mulberry32 gives the same stream for the same seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(xs.slice(0, 5));
  });

  it('triangular draws stay in range, hit the ends and mode as u does, and average (min + mode + max) / 3', () => {
    expect(triangular(0, 2, 5, 11)).toBe(2);
    expect(triangular(1 / 3, 2, 5, 11)).toBeCloseTo(5, 12); // the CDF at the mode is (5 - 2) / 9
    expect(triangular(0.999999999, 2, 5, 11)).toBeCloseTo(11, 3);
    expect(triangular(0.7, 3, 3, 3)).toBe(3);
    const next = mulberry32(7);
    let sum = 0;
    let outside = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = triangular(next(), 2, 5, 11);
      if (x < 2 || x > 11) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(6, 1.5);
  });

  it('percentiles interpolate between order statistics', () => {
    const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([percentile(s, 0.1), percentile(s, 0.5), percentile(s, 0.9)]).toEqual([2, 6, 10]);
    expect(percentile(Float64Array.from([0, 10]), 0.25)).toBe(2.5);
  });
});

describe('Monte Carlo runs', () => {
  const wb = ranged();

  it('are reproducible by seed, whatever the number of workers and the size of their chunks', async () => {
    const one = await runMonteCarlo({ workbook: wb, scenario: 'base' }, [new LocalRunner()], { runs: 120, seed: 11 });
    const three = await runMonteCarlo({ workbook: wb, scenario: 'base' }, [new LocalRunner(), new LocalRunner(), new LocalRunner()], { runs: 120, seed: 11, chunk: 7 });
    expect(three.p10).toEqual(one.p10);
    expect(three.p50).toEqual(one.p50);
    expect(three.p90).toEqual(one.p90);
    expect(three.fan).toEqual(one.fan);
    expect(three.gapClosed).toEqual(one.gapClosed);
    const other = await runMonteCarlo({ workbook: wb, scenario: 'base' }, [new LocalRunner()], { runs: 120, seed: 12 });
    expect(other.p50).not.toEqual(one.p50);
  });

  it('draw i depends on the seed and i only', () => {
    const ranges = [{ path: 'x', cell: ['x'], min: 0, mode: 1, max: 3 }];
    expect(drawValues(ranges, 5, 17)).toEqual(drawValues(ranges, 5, 17));
    expect(drawValues(ranges, 5, 17)).not.toEqual(drawValues(ranges, 5, 18));
  });

  it('give P10 <= P50 <= P90 for every figure of every year and every week, and a spread where ranges are wide', async () => {
    const s = await runMonteCarlo({ workbook: wb, scenario: 'base' }, [new LocalRunner()], { runs: 200, seed: 3 });
    for (let i = 0; i < s.p10.length; i++) {
      expect(s.p10[i]).toBeLessThanOrEqual(s.p50[i]);
      expect(s.p50[i]).toBeLessThanOrEqual(s.p90[i]);
    }
    for (let t = 0; t < s.fan.p10.length; t++) {
      expect(s.fan.p10[t]).toBeLessThanOrEqual(s.fan.p50[t]);
      expect(s.fan.p50[t]).toBeLessThanOrEqual(s.fan.p90[t]);
    }
    const g = s.keys.indexOf('netGapPerWeek');
    expect(s.p90[g] - s.p10[g]).toBeGreaterThan(100);
    // the gap closes in some draws (12 GP WTE at 36 a day is far more than demand) but not in most
    expect(s.gapClosed[0]).toBeGreaterThan(0);
    expect(s.gapClosed[0]).toBeLessThan(0.5);
    // the tornado: GP WTE alone from 1 to 12 moves the gap by (12 - 1) x 28 x 200 / 52 = 1,184.6 a week
    const wte = s.tornado.find((t) => t.path === 'workforce[practice:A:gp].wte')!;
    expect(wte.atMin[0] - wte.atMax[0]).toBeCloseTo((11 * 28 * 200) / 52, 6);
  });

  it('with ranges of zero width give the deterministic figures exactly', async () => {
    const flat = ranged({
      ranges: [
        { path: 'demand.consultationRate', min: 5.2, mode: null, max: 5.2 },
        { path: 'roles[gp].contactsPerDay', min: 30, mode: 30, max: 30 },
        { path: 'workforce[practice:A:gp].wte', min: 2, mode: null, max: 2 },
      ],
    });
    const s = await runMonteCarlo({ workbook: flat, scenario: 'base' }, [new LocalRunner(), new LocalRunner()], { runs: 50, seed: 9 });
    const years = new Projection(flat).yearly('base');
    const K = s.keys.length;
    years.forEach((y, f) => {
      s.keys.forEach((k, j) => {
        expect(s.p10[f * K + j]).toBe(y[k]);
        expect(s.p50[f * K + j]).toBe(y[k]);
        expect(s.p90[f * K + j]).toBe(y[k]);
      });
    });
    expect(s.fan.p50).toEqual(s.fan.deterministic);
  });

  it('a stopped run returns nothing, and the next run is whole', async () => {
    let chunks = 0;
    const counting: McRunner = {
      open: (i) => inner.open(i),
      run: (...a) => {
        chunks++;
        return inner.run(...a);
      },
    };
    const inner = new LocalRunner();
    let progress = 0;
    const stopped = runMonteCarlo({ workbook: wb, scenario: 'base' }, [counting], { runs: 100, seed: 1, chunk: 10, cancelled: () => chunks >= 3, onProgress: (d) => (progress = d) });
    await expect(stopped).rejects.toBeInstanceOf(McCancelled);
    expect(chunks).toBe(3);
    expect(progress).toBe(20); // the third chunk finished after the stop and was not counted
    const whole = await runMonteCarlo({ workbook: wb, scenario: 'base' }, [new LocalRunner()], { runs: 100, seed: 1 });
    expect(whole.runs).toBe(100);
  });

  it('refuses a range on a value that is not a number, or with an end the cell cannot hold', () => {
    const bad = parseWorkbook({ ...ranged(), ranges: [{ path: 'roles[gp].name', min: 0, mode: null, max: 1 }, { path: 'roles[gp].dnaRate', min: 0, mode: null, max: 1.5 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems).toEqual([
        { path: 'ranges[0].path', message: "'roles[gp].name' names no number in this workbook" },
        { path: 'ranges[1].max', message: 'roles[gp].dnaRate cannot be 1.5: did-not-attend rate must be from 0% to 90%' },
      ]);
    }
    const upside = parseWorkbook({ ...ranged(), ranges: [{ path: 'roles[gp].dnaRate', min: 0.5, mode: null, max: 0.1 }] });
    expect(upside.ok || upside.problems[0].message).toBe('the minimum of a range cannot be above its maximum');
  });
});
