// --explain and --bridge as a user runs them: a separate process, its JSON, its exit code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';

function calc(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calc.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sample = new Projection(loadSample());

// each case starts a process: allow for a loaded machine
describe('npm run calc -- --explain', { timeout: 60_000 }, () => {
  it('prints the net gap of Do nothing in 2018/19 as terms that add up to it', () => {
    const r = calc('sample', '--scenario', 'Do nothing', '--explain', 'netGapPerWeek', '--fy', '2018/19', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as { value: number; terms: { label: string; value: number; inputs: { path: string }[] }[] };
    expect(e.value).toBe(sample.yearly('do-nothing').find((y) => y.fy === '2018/19')!.netGapPerWeek);
    const sum = e.terms.reduce((a, t) => a + t.value, 0);
    expect(Math.abs(sum - e.value) / Math.abs(e.value)).toBeLessThanOrEqual(1e-9);
    expect(e.terms.flatMap((t) => t.inputs.map((i) => i.path))).toContain('roles[gp].contactsPerDay');
  });

  it('explains a PCN', () => {
    const r = calc('sample', '--scenario', 'strategy', '--explain', 'unmetPerWeek', '--fy', '2022/23', '--level', 'pcn:06Q-UNALIGNED');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as { value: number; terms: { value: number }[] };
    expect(e.value).toBe(sample.yearly('strategy', { level: 'pcn', code: '06Q-UNALIGNED' }).find((y) => y.fy === '2022/23')!.unmetPerWeek);
    const sum = e.terms.reduce((a, t) => a + t.value, 0);
    expect(Math.abs(sum - e.value) / Math.max(1, Math.abs(e.value))).toBeLessThanOrEqual(1e-9);
  });

  it('refuses an unknown figure and an unknown level in one line, exit code 2', () => {
    const a = calc('sample', '--explain', 'gap', '--fy', '2018/19');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^calc: no figure called 'gap'; figures are demandPerWeek, /);
    const b = calc('sample', '--explain', 'netGapPerWeek', '--fy', '2018/19', '--level', 'ward:X');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^calc: --level must be/);
    const c = calc('sample', '--explain', 'netGapPerWeek', '--fy', '2018/19', '--level', 'pcn:NOPE');
    expect(c.err).toBe("calc: no PCN has the code 'NOPE'\n");
  });
});

describe('npm run calc -- --bridge', { timeout: 60_000 }, () => {
  it('prints {fy, from, to, steps} for Strategy in 2022/23, with from + sum(steps) = to', () => {
    const r = calc('sample', '--scenario', 'Strategy', '--bridge', '--fy', '2022/23', '--format', 'json');
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out) as { fy: string; from: number; to: number; steps: { label: string; value: number }[] };
    expect(b.fy).toBe('2022/23');
    const rows = (s: string) => sample.yearly(s).find((y) => y.fy === '2022/23')!;
    // from: no interventions (Strategy has no overrides, so Do nothing); to: Strategy
    expect(b.from).toBe(rows('do-nothing').netGapPerWeek);
    expect(b.to).toBe(rows('strategy').netGapPerWeek);
    // one step per intervention, in order of start: extended access (October 2018) first
    expect(b.steps).toHaveLength(14);
    expect(b.steps[0].label).toMatch(/^Extended access/);
    const sum = b.steps.reduce((a, s) => a + s.value, 0);
    expect(Math.abs(b.from + sum - b.to)).toBeLessThanOrEqual(1e-9 * Math.abs(b.from));
  });

  it('has a step for the overrides of a scenario that has them', () => {
    const r = calc('sample', '--scenario', 'worst-case', '--bridge', '--fy', '2020/21');
    const b = JSON.parse(r.out) as { from: number; to: number; steps: { kind: string; value: number }[] };
    expect(b.steps.map((s) => s.kind)).toEqual(['overrides']);
    expect(b.from + b.steps[0].value).toBeCloseTo(b.to, 6);
    expect(b.to).toBe(sample.yearly('worst-case').find((y) => y.fy === '2020/21')!.netGapPerWeek);
  });
});
