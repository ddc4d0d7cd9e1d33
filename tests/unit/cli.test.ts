// The command line as a user runs it: a separate process, its output and its exit code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';
import { REPORT_KEYS } from '../../src/io/report';

const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-'));

function calc(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calc.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// each case starts a process: allow for a loaded machine
describe('npm run calc', { timeout: 60_000 }, () => {
  it('prints one row per financial year with the documented keys, equal to the engine', () => {
    const r = calc('sample', '--scenario', 'worst-case');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.workbook).toBe('Mid and south Essex (illustrative)');
    expect(json.scenario).toBe('worst-case');
    const expected = new Projection(loadSample()).yearly('worst-case');
    expect(json.years).toHaveLength(expected.length);
    expect(Object.keys(json.years[0])).toEqual(['fy', ...REPORT_KEYS]);
    json.years.forEach((y: Record<string, number>, i: number) => {
      expect(y.fy).toBe(expected[i].fy);
      for (const k of REPORT_KEYS) expect(y[k]).toBe(expected[i][k]);
    });
  });

  it('prints CSV with a header row', () => {
    const r = calc('sample', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(['fy', ...REPORT_KEYS].join(','));
    expect(lines[1].startsWith('2018/19,')).toBe(true);
    expect(lines).toHaveLength(11);
  });

  it('writes the sample as a file that reads back to the same figures', () => {
    const file = join(dir, 'mse.headroom.json');
    const r = calc('sample', '--write', file);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(loadSample());
    expect(calc(file).out).toBe(calc('sample').out);
  });

  it.each([
    ['a missing file', ['nope.headroom.json'], 'calc: nope.headroom.json: no such file'],
    ['a file that is not JSON', ['@bad'], 'the file is not valid JSON'],
    ['an invalid value, naming its path', ['@negative'], 'workforce[practice:F81001:gp].wte: WTE must be from 0 to 5,000'],
    ['a file of another kind', ['@other'], "this is not a Headroom workbook (format is 'something-else'"],
    ['an unknown scenario, listing those that exist', ['sample', '--scenario', 'utopia'], "unknown scenario 'utopia'; this workbook has: do-nothing (\"Do nothing\"), worst-case"],
    ['an unknown format', ['sample', '--format', 'xml'], "--format must be json or csv, not 'xml'"],
    ['no workbook', [], 'no workbook given'],
  ])('refuses %s with one line and exit code 2', (_what, args, message) => {
    const files: Record<string, string> = {
      '@bad': '{"format": "headroom-workbook",',
      '@negative': JSON.stringify({ ...loadSample(), workforce: loadSample().workforce.map((w, i) => (i === 0 ? { ...w, wte: -1 } : w)) }),
      '@other': JSON.stringify({ format: 'something-else', version: 1 }),
    };
    const real = args.map((a) => {
      if (!files[a]) return a;
      const f = join(dir, `${a.slice(1)}.headroom.json`);
      writeFileSync(f, files[a]);
      return f;
    });
    const r = calc(...real);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(message);
  });
});
