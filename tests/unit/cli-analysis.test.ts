// Goal seek and Monte Carlo from the command line, as a user runs them: a separate process.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Projection } from '../../src/engine';
import { parsePath } from '../../src/model/paths';
import { loadSample } from '../../src/sample';
import { REPORT_KEYS } from '../../src/io/report';

function calc(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calc.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// a separate process on a shared machine: allow time, assert nothing about it
const SLOW = 120_000;

describe('npm run calc -- --seek', () => {
  it(
    'prints {path, value, achieved, reached, iterations}, and with the value written in the target holds',
    () => {
      const r = calc('sample', '--scenario', 'strategy', '--seek', 'interventions[recruit-gps].effect.wtePerYear', '--target', 'netGapPerWeek<=0', '--fy', '2023/24', '--format', 'json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out);
      expect(Object.keys(out).slice(0, 5)).toEqual(['path', 'value', 'achieved', 'reached', 'iterations']);
      expect(out.path).toBe('interventions[recruit-gps].effect.wtePerYear');
      expect(out.reached).toBe(true);
      expect(out.value).toBeGreaterThan(40); // more than the strategy's 40 a year: it leaves a gap in 2023/24
      const p = new Projection(loadSample());
      p.applyEdits([{ path: parsePath(out.path)!, value: out.value }]);
      const year = p.yearly('strategy').find((y) => y.fy === '2023/24')!;
      expect(year.netGapPerWeek).toBeLessThanOrEqual(0);
      expect(year.netGapPerWeek).toBe(out.achieved);
    },
    SLOW,
  );

  it(
    'reads a level and a range, and says when the range cannot reach the target',
    () => {
      const r = calc('sample', '--seek', 'workforce[pcn:*:pharmacist].wte', '--target', 'unmetPerWeek<=0', '--fy', '2020/21', '--level', 'place:99E', '--min', '0', '--max', '3');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out);
      expect(out).toMatchObject({ reached: false, value: 3, min: 0, max: 3 });
      expect(out.message).toMatch(/no value of workforce\[pcn:\*:pharmacist\]\.wte from 0 to 3 gives unmet demand at most 0 in 2020\/21 \(place 99E\)/);
      expect(out.message).toMatch(/demand routed to roles the lever does not touch/);
    },
    SLOW,
  );

  it.each([
    [['--seek', 'roles[gp].contactsPerDay', '--fy', '2023/24'], '--seek needs --target'],
    [['--seek', 'roles[gp].contactsPerDay', '--target', 'netGapPerWeek<=0'], '--seek needs --fy'],
    [['--seek', 'roles[gp].contactsPerDay', '--target', 'netGapPerWeek<=0', '--fy', '2023/24', '--level', 'ward:1'], '--level must be total, or system:CODE'],
    [['--seek', 'roles[gp].contactsPerDay', '--target', 'netGapPerWeek<=0', '--fy', '2023/24', '--max', 'lots'], "--max must be a number, not 'lots'"],
    [['--runs', '0'], '--runs must be a whole number from 1 to 100000'],
    [['--seed', '4'], '--seed goes with --runs N'],
  ])('refuses %j with one line and exit code 2', (args, message) => {
    const r = calc('sample', ...args);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(message);
  }, SLOW);
});

describe('npm run calc -- --runs', () => {
  it(
    'adds p10, p50 and p90 for every key of every year, the same for the same seed',
    () => {
      const a = calc('sample', '--runs', '12', '--seed', '5');
      expect(a.code).toBe(0);
      const out = JSON.parse(a.out);
      expect(out).toMatchObject({ runs: 12, seed: 5 });
      expect(out.years).toHaveLength(10);
      for (const y of out.years) {
        for (const q of ['p10', 'p50', 'p90']) expect(Object.keys(y[q])).toEqual([...REPORT_KEYS]);
        for (const k of REPORT_KEYS) {
          expect(y.p10[k]).toBeLessThanOrEqual(y.p50[k]);
          expect(y.p50[k]).toBeLessThanOrEqual(y.p90[k]);
        }
      }
      // the deterministic figures are still there, unchanged
      expect(out.years[0].netGapPerWeek).toBe(new Projection(loadSample()).yearly('do-nothing')[0].netGapPerWeek);
      expect(calc('sample', '--runs', '12', '--seed', '5').out).toBe(a.out);
    },
    SLOW,
  );
});
