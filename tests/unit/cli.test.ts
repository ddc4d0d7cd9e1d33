// The command line as a user runs it: a separate process, its output and its exit code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';
import { REPORT_KEYS, YEAR_COLUMNS } from '../../src/io/report';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-'));

function calc(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calc.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// each case starts a process (tsx compiling the CLI): allow for a busy machine
describe('npm run calc', { timeout: 120_000 }, () => {
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

  it('prints CSV with a header row in the words the results table shows', () => {
    const r = calc('sample', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\r\n');
    expect(lines[0]).toBe(['Financial year', ...REPORT_KEYS.map((k) => (YEAR_COLUMNS[k].header.includes(',') ? `"${YEAR_COLUMNS[k].header}"` : YEAR_COLUMNS[k].header))].join(','));
    expect(lines[0]).toContain('Net gap a week');
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

  it('exports to Excel, and the Excel file reads back to the same workbook as --write gives', () => {
    const xlsx = join(dir, 'mse.xlsx');
    const viaExcel = join(dir, 'via-excel.headroom.json');
    const direct = join(dir, 'direct.headroom.json');
    const out = calc('sample', '--export', xlsx);
    expect(out.code).toBe(0);
    expect(out.err).toContain(`wrote ${xlsx}`);
    expect(calc(xlsx, '--write', viaExcel).code).toBe(0);
    expect(calc('sample', '--write', direct).code).toBe(0);
    expect(readFileSync(viaExcel, 'utf8')).toBe(readFileSync(direct, 'utf8'));
  }, 300_000);

  const nhs = [resolve('../shared/data/nhs'), resolve('../../shared/data/nhs')].find((d) => existsSync(d));
  it.skipIf(!nhs)('imports published NHS files, printing the reconciliation summary as text or JSON', () => {
    const out = join(dir, 'imported.headroom.json');
    const text = calc('sample', '--import', `${nhs}/pcn-workforce-individual-2022-09.csv`, '--import', `${nhs}/payments-to-general-practice-2022-23.csv`, '--write', out);
    expect(text.code).toBe(0);
    expect(text.out).toContain('pcn-workforce-individual-2022-09.csv: Primary Care Networks workforce, individual level, September 2022 (windows-1252)');
    expect(text.out).toContain('Pharmacists (63.68 FTE) -> pharmacist');
    const json = JSON.parse(calc('sample', '--import', `${nhs}/pcn-workforce-individual-2022-09.csv`, '--map', 'Managers=arrs-other', '--format', 'json').out);
    expect(json.files[0].kind).toBe('workforce');
    expect(json.roleMapping.find((m: { staffRole: string }) => m.staffRole === 'Managers').role).toBe('arrs-other');
    const wb = JSON.parse(readFileSync(out, 'utf8'));
    expect(wb.workforce.filter((w: { role: string; level: string }) => w.level === 'pcn' && w.role === 'paramedic').length).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    ['a file that is not an NHS file, listing the kinds accepted', ['sample', '--import', 'README.md'], 'README.md is not a kind of file Headroom can import (its columns begin # Headroom). Accepted: Patients registered at a GP practice'],
    ['a role mapping to a role the workbook lacks', ['sample', '--import', 'README.md', '--map', 'Pharmacists=wizard'], "'wizard' is not a staffed role of this workbook"],
    ['an export that is not .xlsx', ['sample', '--export', 'out.csv'], '--export writes an Excel file: name it NAME.xlsx'],
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
