// Workbook files arrive by email from anyone: each is size-checked, parsed as JSON, migrated and
// validated, and every refusal names what is wrong and where.
import { describe, expect, it } from 'vitest';
import { checkFileSize, fileNameFor, MAX_FILE_BYTES, parseWorkbookText, serializeWorkbook } from '../../src/io/workbook-file';
import { migrate, type MigrationStep } from '../../src/model/migrate';
import type { Workbook } from '../../src/model/schema';
import { loadSample } from '../../src/sample';

const sample = loadSample();

/** The problems a workbook edited by `change` is refused with (it must be refused). */
function problemsOf(change: (wb: Workbook) => void) {
  const wb = structuredClone(sample);
  change(wb);
  const r = parseWorkbookText(serializeWorkbook(wb));
  if (r.ok) throw new Error('the file should have been refused');
  return r.problems;
}

describe('reading a workbook file', () => {
  it('reads back exactly the workbook it was written from', () => {
    const r = parseWorkbookText(serializeWorkbook(sample));
    expect(r.ok && r.workbook).toEqual(sample);
  });

  it('refuses text that is not JSON, or JSON that is not a workbook', () => {
    const notJson = parseWorkbookText('{"format": "headroom-workbook",');
    expect(!notJson.ok && notJson.problems[0].message).toMatch(/^the file is not valid JSON/);
    const other = parseWorkbookText('{"format": "spreadsheet", "version": 1}');
    expect(!other.ok && other.problems[0]).toEqual({ path: 'format', message: "this is not a Headroom workbook (format is 'spreadsheet', expected 'headroom-workbook')" });
    const list = parseWorkbookText('[1, 2, 3]');
    expect(!list.ok && list.problems[0].message).toBe('this is not a Headroom workbook: expected a JSON object');
  });

  it('names the row and field of a bad value', () => {
    expect(problemsOf((wb) => (wb.practices[0].registered = -5))).toEqual([{ path: `practices[${sample.practices[0].code}].registered`, message: 'registered list must be from 0 to 2,000,000 patients' }]);
    const row = sample.workforce[0];
    expect(problemsOf((wb) => ((wb.workforce[0] as { wte: unknown }).wte = 'lots'))[0]).toEqual({ path: `workforce[${row.level}:${row.code}:${row.role}].wte`, message: 'WTE must be a number' });
    expect(problemsOf((wb) => (wb.practices[1].pcn = 'NOPE'))).toEqual([{ path: `practices[${sample.practices[1].code}].pcn`, message: "no PCN has the code 'NOPE'" }]);
  });

  it('reports a broken base once, not again for every scenario', () => {
    const problems = problemsOf((wb) => (wb.needs[0].share += 0.1));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('needs');
    expect(problems[0].message).toMatch(/add up to 110\.0%/);
  });

  it('refuses a scenario whose overrides would break the workbook, naming the scenario', () => {
    const problems = problemsOf((wb) => wb.scenarios[0].overrides.push({ path: `practices[${sample.practices[0].code}].registered`, value: -1 }));
    expect(problems).toEqual([{ path: `scenarios[${sample.scenarios[0].id}].overrides`, message: `these overrides make practices[${sample.practices[0].code}].registered invalid: registered list must be from 0 to 2,000,000 patients` }]);
  });

  it('refuses a day that does not exist, wherever a date is', () => {
    expect(problemsOf((wb) => (wb.interventions[0].start = '2019-02-30'))).toEqual([{ path: `interventions[${sample.interventions[0].id}].start`, message: 'start date 2019-02-30 is not a day of the calendar' }]);
    expect(problemsOf((wb) => (wb.settings.startDate = '2018-02-30'))[0]).toEqual({ path: 'settings.startDate', message: 'start date 2018-02-30 is not a day of the calendar' });
    expect(problemsOf((wb) => (wb.settings.startDate = '2018-04-03'))[0]).toEqual({ path: 'settings.startDate', message: '2018-04-03 is not a Monday; weeks start on Mondays' });
  });

  it('refuses a scenario that would move the timeline all scenarios share', () => {
    for (const field of ['startDate', 'horizonYears'] as const) {
      const value = field === 'startDate' ? '2020-04-06' : 3;
      const problems = problemsOf((wb) => wb.scenarios[1].overrides.push({ path: `settings.${field}`, value }));
      expect(problems).toEqual([{ path: `scenarios[${sample.scenarios[1].id}].overrides[${sample.scenarios[1].overrides.length}].path`, message: `a scenario cannot change settings.${field}: all scenarios share one timeline` }]);
    }
  });

  it('refuses unknown fields, __proto__ included, and never touches Object.prototype', () => {
    const text = serializeWorkbook(sample).replace('{', '{"__proto__": {"polluted": true}, ');
    const r = parseWorkbookText(text);
    expect(!r.ok && r.problems[0]).toEqual({ path: '__proto__', message: "unknown field '__proto__'" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an empty or oversized file before reading it', () => {
    expect(checkFileSize(0)).toBe('the file is empty');
    expect(checkFileSize(MAX_FILE_BYTES)).toBeNull();
    expect(checkFileSize(MAX_FILE_BYTES + 1)).toMatch(/^the file is 30\.0 MB; a Headroom workbook is at most 30 MB$/);
  });

  it('makes a safe file name from any workbook name', () => {
    expect(fileNameFor('Mid and south Essex (illustrative)')).toBe('mid-and-south-essex-illustrative.headroom.json');
    expect(fileNameFor('<img src=x onerror=alert(1)>')).toBe('img-src-x-onerror-alert-1.headroom.json');
    expect(fileNameFor('../../')).toBe('workbook.headroom.json');
  });
});

describe('format versions', () => {
  const steps: Record<number, MigrationStep> = {
    1: (doc) => ({ ...doc, renamed: doc.old, old: undefined }),
    2: (doc) => ({ ...doc, added: 'yes' }),
  };

  it('upgrades one version at a time, in order', () => {
    const r = migrate({ format: 'headroom-workbook', version: 1, old: 'x' }, steps, 3);
    expect(r).toEqual({ ok: true, from: 1, value: { format: 'headroom-workbook', version: 3, renamed: 'x', old: undefined, added: 'yes' } });
  });

  it('leaves a current file as it is', () => {
    const doc = { format: 'headroom-workbook', version: 3, a: 1 };
    expect(migrate(doc, steps, 3)).toEqual({ ok: true, from: 3, value: doc });
  });

  it('refuses a file from a newer Headroom, and a version it has no upgrade for', () => {
    expect(migrate({ format: 'headroom-workbook', version: 4 }, steps, 3)).toEqual({ ok: false, path: 'version', message: 'the file was made by a newer Headroom (format version 4); this one reads versions up to 3' });
    expect(migrate({ format: 'headroom-workbook', version: 1 }, { 2: steps[2] }, 3)).toEqual({ ok: false, path: 'version', message: 'no upgrade is known from format version 1' });
    expect(migrate({ format: 'headroom-workbook', version: 1.5 }, steps, 3)).toEqual({ ok: false, path: 'version', message: 'version must be a whole number from 1' });
  });
});
