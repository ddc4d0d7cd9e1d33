import { describe, expect, it } from 'vitest';
import { decode, display } from '../../src/ui/sheets/codec';
import { editedSource } from '../../src/ui/sheets/provenance';
import { checkEdit } from '../../src/model/cells';
import { checkWorkbook } from '../../src/model/validate';
import { loadSample } from '../../src/sample';

describe('cell values typed or pasted', () => {
  it('reads numbers as planners write them', () => {
    expect(decode('int', '12,345')).toEqual({ ok: true, value: 12345 });
    expect(decode('gbp', '£1,200.50')).toEqual({ ok: true, value: 1200.5 });
    expect(decode('percent', '12.5%')).toEqual({ ok: true, value: 0.125 });
    expect(decode('percent', '25')).toEqual({ ok: true, value: 0.25 });
    expect(decode('wte', ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(decode('gbp', '-£2,500')).toEqual({ ok: true, value: -2500 });
    expect(decode('wte', '-0')).toEqual({ ok: true, value: 0 });
    expect(Object.is((decode('wte', '-0') as { value: number }).value, -0)).toBe(false);
  });

  it('refuses what it would have to guess: a misplaced comma, a percent sign outside a percent column', () => {
    expect(decode('wte', '1,5')).toEqual({ ok: false, message: "'1,5': commas only between thousands (12,345.6); decimals take a point" });
    expect(decode('int', '1,2,3')).toEqual({ ok: false, message: "'1,2,3': commas only between thousands (12,345.6); decimals take a point" });
    expect(decode('wte', '50%')).toEqual({ ok: false, message: "'50%': this column is not a percentage; type the number itself" });
    expect(decode('gbp', '10%').ok).toBe(false);
    expect(decode('percent', '50%%').ok).toBe(false);
  });

  it('reads back a choice as the cell shows it, so copy and paste round-trip', () => {
    const labels = { perWeek: 'a week', perWeekPer1000Patients: 'a week per 1,000 patients' };
    const options = Object.keys(labels);
    expect(decode('enum', display('enum', 'a week'), false, options, labels)).toEqual({ ok: true, value: 'perWeek' });
    expect(decode('enum', 'A week per 1,000 patients', false, options, labels)).toEqual({ ok: true, value: 'perWeekPer1000Patients' });
    expect(decode('enum', 'perWeek', false, options, labels)).toEqual({ ok: true, value: 'perWeek' });
    expect(decode('enum', 'a fortnight', false, options, labels).ok).toBe(false);
  });

  it('refuses text in a number column, and blanks where a value is required', () => {
    expect(decode('wte', 'lots')).toEqual({ ok: false, message: "'lots' is not a number" });
    expect(decode('int', '1.5')).toEqual({ ok: false, message: "'1.5' is not a whole number" });
    expect(decode('number', '')).toEqual({ ok: false, message: 'needs a number' });
    expect(decode('number', '', true)).toEqual({ ok: true, value: null });
    expect(decode('enum', 'XYZ', false, ['gp', 'nurse'])).toEqual({ ok: false, message: "'XYZ' is not one of gp, nurse" });
    expect(decode('list', 'gp, robot', false, ['gp', 'nurse'])).toEqual({ ok: false, message: "'robot' is not a known id" });
  });

  it('reads scenario overrides written as path = value', () => {
    expect(decode('overrides', 'roles[gp].leavingRate = 0.27; roles[gp].name = GP')).toEqual({
      ok: true,
      value: [
        { path: 'roles[gp].leavingRate', value: 0.27 },
        { path: 'roles[gp].name', value: 'GP' },
      ],
    });
    expect(decode('overrides', 'no equals sign').ok).toBe(false);
    expect(display('overrides', [{ path: 'a', value: 1 }])).toBe('a = 1');
  });
});

describe('checking one edit against its row', () => {
  it('refuses a negative WTE with the schema’s message and leaves the workbook alone', () => {
    const wb = loadSample();
    const row = wb.workforce[0];
    const key = `${row.level}:${row.code}:${row.role}`;
    expect(checkEdit(wb, ['workforce', key, 'wte'], -1)).toEqual({ ok: false, message: 'WTE must be from 0 to 5,000' });
    const ok = checkEdit(wb, ['workforce', key, 'wte'], 5);
    expect(ok.ok && ok.workbook.workforce[0].wte).toBe(5);
    expect(wb.workforce[0].wte).toBe(row.wte);
  });

  it('accepts a new code for a row, and the references left behind are flagged, not changed', () => {
    const wb = loadSample();
    const code = wb.practices[0].code;
    const edited = checkEdit(wb, ['practices', code, 'code'], 'F99999');
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    expect(edited.workbook.practices[0].code).toBe('F99999');
    const flags = checkWorkbook(edited.workbook).filter((p) => p.path.startsWith(`workforce[practice:${code}:`));
    expect(flags.length).toBeGreaterThan(0);
    expect(flags[0].message).toBe(`no practice has the code '${code}'`);
    expect(checkEdit(wb, ['practices', code, 'code'], 'not a code!')).toEqual({ ok: false, message: expect.stringMatching(/code/) });
  });

  it('refuses a path that does not exist', () => {
    expect(checkEdit(loadSample(), ['practices', 'NOPE', 'registered'], 1).ok).toBe(false);
  });
});

describe('dates as a British planner types them', () => {
  it('reads day-first dates and month names, and refuses dates that do not exist', () => {
    expect(decode('date', '03/04/2023')).toEqual({ ok: true, value: '2023-04-03' });
    expect(decode('date', '3/4/23')).toEqual({ ok: true, value: '2023-04-03' });
    expect(decode('date', '3 Apr 2023')).toEqual({ ok: true, value: '2023-04-03' });
    expect(decode('date', '3 April 2023')).toEqual({ ok: true, value: '2023-04-03' });
    expect(decode('date', '3rd April 2023')).toEqual({ ok: true, value: '2023-04-03' });
    expect(decode('date', '2023-04-03')).toEqual({ ok: true, value: '2023-04-03' });
    expect(decode('date', '31/02/2023').ok).toBe(false);
    expect(decode('date', '3 Aprl 2023').ok).toBe(false);
    expect(decode('date', 'next week')).toEqual({ ok: false, message: "'next week' is not a date: type it as 03/04/2023 or 3 Apr 2023" });
    expect(decode('date', '30/02/2019')).toEqual({ ok: false, message: "'30/02/2019' is not a day of the calendar" });
    expect(decode('date', '31 Apr 2023')).toEqual({ ok: false, message: "'31 Apr 2023' is not a day of the calendar" });
    expect(decode('date', '', true)).toEqual({ ok: true, value: null });
  });

  it('shows a date the way it is typed, and reads back what it shows', () => {
    expect(display('date', '2023-04-03')).toBe('03/04/2023');
    expect(decode('date', display('date', '2019-12-31'))).toEqual({ ok: true, value: '2019-12-31' });
  });
});

describe('choices named beside their codes', () => {
  const labels = { U1: 'Braintree PCN (U1)', U2: 'Colne Valley PCN (U2)' };
  it('reads back "Name (code)", the code, or the name alone', () => {
    expect(decode('enum', 'Braintree PCN (U1)', false, ['U1', 'U2'], labels)).toEqual({ ok: true, value: 'U1' });
    expect(decode('enum', 'U2', false, ['U1', 'U2'], labels)).toEqual({ ok: true, value: 'U2' });
    expect(decode('enum', 'colne valley pcn', false, ['U1', 'U2'], labels)).toEqual({ ok: true, value: 'U2' });
    expect(decode('enum', 'Witham PCN', false, ['U1', 'U2'], labels).ok).toBe(false);
  });
});

describe('the source of an edited value', () => {
  const day = new Date('2026-12-01T10:00:00Z');
  it('says it was edited and when, keeping the original source once however often it is edited', () => {
    const once = editedSource('10 fully qualified GPs (NHS Digital)', day);
    expect(once).toBe('Edited 01/12/2026 (source was: 10 fully qualified GPs (NHS Digital))');
    expect(editedSource(once, new Date('2027-01-05T10:00:00Z'))).toBe('Edited 05/01/2027 (source was: 10 fully qualified GPs (NHS Digital))');
    expect(editedSource('entered by hand', day)).toBe('Edited 01/12/2026');
    expect(editedSource('x'.repeat(2000), day).length).toBeLessThanOrEqual(2000);
  });
});
