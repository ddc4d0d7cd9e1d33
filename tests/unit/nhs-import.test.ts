// Importing the NHS files as published: the real files in ../shared/data/nhs, with every total
// checked against figures this test works out on its own from the raw text; awkward but valid
// files (BOM, Windows-1252, quotes, blank lines, extra columns) read; other files refused.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSample } from '../../src/sample';
import { planImport, readNhsFile, type NhsFile } from '../../src/io/nhs';
import { checkWorkbook } from '../../src/model/validate';

// ../shared/data beside the repository (or beside the folder of worktrees), or HEADROOM_DATA_DIR
const candidates = [process.env.HEADROOM_DATA_DIR && resolve(process.env.HEADROOM_DATA_DIR, 'nhs'), resolve('../shared/data/nhs'), resolve('../../shared/data/nhs')].filter((d): d is string => !!d);
const DATA = candidates.find((d) => existsSync(d)) ?? candidates[0];
const present = existsSync(DATA);
if (!present) console.warn(`SKIPPED real-file import tests: ../shared/data/nhs is absent (looked in ${candidates.join(', ')}); it is present in CI`);
const real = present ? describe : describe.skip;
const sample = loadSample();

/** A small CSV reader written for this test alone: quoted fields, doubled quotes, CRLF. */
function rows(text: string): Record<string, string>[] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) out.push([...row, field]);
  const [head, ...body] = out.filter((r) => r.some((c) => c !== ''));
  const names = head.map((h) => h.replace(/^\ufeff/, '').trim());
  return body.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}

/** Windows-1252 to text by its own table: Latin-1, with the dash the names use (0x96) as an en dash. */
function cp1252(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1').replace(/\u0096/g, '\u2013');
}

function read(name: string): NhsFile {
  const r = readNhsFile(name, readFileSync(`${DATA}/${name}`));
  if (!r.ok) throw new Error(r.message);
  return r.file;
}

const places = new Set(sample.places.map((p) => p.code));
const practiceCodes = new Set(sample.practices.map((p) => p.code));
const pcnCodes = new Set(sample.pcns.map((p) => p.code));
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

real('real NHS files into the sample workbook', { timeout: 120_000 }, () => {
  it('patients registered at a GP practice, December 2025: lists by practice code and new practices', () => {
    const raw = rows(readFileSync(`${DATA}/gp-reg-pat-prac-all-2025-12.csv`, 'utf8'));
    const file = read('gp-reg-pat-prac-all-2025-12.csv');
    expect(file.kind).toBe('registrations');
    expect(file.rowsRead).toBe(raw.length);
    const plan = planImport(sample, [file]);
    const s = plan.files[0];
    const matched = raw.filter((r) => practiceCodes.has(r.CODE));
    const added = raw.filter((r) => !practiceCodes.has(r.CODE) && places.has(r.SUB_ICB_LOCATION_CODE));
    expect(s.matched).toBe(matched.length);
    expect(s.newPractices.map((p) => p.code).sort()).toEqual(added.map((r) => r.CODE).sort());
    expect(s.notFound.length).toBe(sample.practices.length - matched.length);
    for (const r of matched) expect(plan.workbook.practices.find((p) => p.code === r.CODE)!.registered).toBe(Number(r.NUMBER_OF_PATIENTS));
    const kept = sample.practices.filter((p) => !matched.some((r) => r.CODE === p.code));
    const expectedAfter = sumOf(matched.map((r) => Number(r.NUMBER_OF_PATIENTS))) + sumOf(added.map((r) => Number(r.NUMBER_OF_PATIENTS))) + sumOf(kept.map((p) => p.registered));
    const total = s.totals.find((t) => t.label === 'Registered patients')!;
    expect(total.before).toBeCloseTo(sumOf(sample.practices.map((p) => p.registered)), 6);
    expect(total.after).toBeCloseTo(expectedAfter, 6);
    expect(s.changes.length).toBe(matched.filter((r) => Number(r.NUMBER_OF_PATIENTS) !== sample.practices.find((p) => p.code === r.CODE)!.registered).length);
    expect(checkWorkbook(plan.workbook)).toEqual([]);
  });

  it('PCN workforce, individual level, September 2022 (Windows-1252): WTE by role through the mapping', () => {
    const raw = rows(cp1252(readFileSync(`${DATA}/pcn-workforce-individual-2022-09.csv`)));
    const file = read('pcn-workforce-individual-2022-09.csv');
    expect(file.kind).toBe('workforce');
    expect(file.encoding).toBe('windows-1252');
    expect(file.rowsRead).toBe(raw.length);
    // the en dash in names survives the decoding
    if (file.kind === 'workforce') expect(file.rows.some((r) => r.pcnName.includes('\u2013'))).toBe(raw.some((r) => r.PCN_NAME.includes('\u2013')));
    const plan = planImport(sample, [file]);
    const mine = raw.filter((r) => pcnCodes.has(r.PCN_CODE));
    const fte = (roles: string[]) => sumOf(mine.filter((r) => roles.includes(r.STAFF_ROLE)).map((r) => Number(r.FTE)));
    const inFile = new Set(mine.map((r) => r.PCN_CODE));
    const held = (role: string) => sumOf(plan.workbook.workforce.filter((w) => w.level === 'pcn' && w.role === role && inFile.has(w.code)).map((w) => w.wte));
    // PCNs the file does not list keep what they had
    expect(plan.workbook.workforce.filter((w) => !inFile.has(w.code))).toEqual(sample.workforce.filter((w) => !inFile.has(w.code)));
    // the figures the data README quotes for mid and south Essex, and this test's own sums
    expect(fte(['Pharmacists'])).toBeCloseTo(63.7, 1);
    expect(fte(['Social Prescribing Link Workers'])).toBeCloseTo(21.3, 1);
    expect(held('pharmacist')).toBeCloseTo(fte(['Pharmacists', 'Advanced Pharmacist Practitioners']), 4);
    expect(held('paramedic')).toBeCloseTo(fte(['Paramedics', 'Advanced Paramedic Practitioners']), 4);
    expect(held('physio')).toBeCloseTo(fte(['Physiotherapists', 'Advanced Physiotherapist Practitioners']), 4);
    expect(held('social-prescriber')).toBeCloseTo(fte(['Social Prescribing Link Workers']), 4);
    expect(held('care-coordinator')).toBeCloseTo(fte(['Care Coordinators']), 4);
    const mapping = Object.fromEntries(plan.roleMapping.map((m) => [m.staffRole, m.role]));
    expect(mapping['Managers']).toBeNull();
    expect(mapping['Pharmacists']).toBe('pharmacist');
    expect(plan.files[0].matched).toBe(new Set(mine.map((r) => r.PCN_CODE)).size);
    expect(sumOf(plan.roleMapping.map((m) => m.fte))).toBeCloseTo(fte([...new Set(mine.map((r) => r.STAFF_ROLE))]), 4);
    // the practices' own staff are untouched
    expect(plan.workbook.workforce.filter((w) => w.level === 'practice')).toEqual(sample.workforce.filter((w) => w.level === 'practice'));
    expect(checkWorkbook(plan.workbook)).toEqual([]);
  });

  it('a changed role mapping moves the staff: care coordinators not imported, managers as other ARRS', () => {
    const plan = planImport(sample, [read('pcn-workforce-individual-2022-09.csv')], { 'Care Coordinators': null, Managers: 'arrs-other' });
    const raw = rows(cp1252(readFileSync(`${DATA}/pcn-workforce-individual-2022-09.csv`))).filter((r) => pcnCodes.has(r.PCN_CODE));
    const fte = (roles: string[]) => sumOf(raw.filter((r) => roles.includes(r.STAFF_ROLE)).map((r) => Number(r.FTE)));
    const inFile = new Set(raw.map((r) => r.PCN_CODE));
    const held = (role: string) => sumOf(plan.workbook.workforce.filter((w) => w.level === 'pcn' && w.role === role && inFile.has(w.code)).map((w) => w.wte));
    expect(held('care-coordinator')).toBe(0);
    expect(held('arrs-other')).toBeCloseTo(fte(['Managers', 'Pharmacy Technicians', 'Health and Wellbeing Coaches', 'Dieticians', 'Health Support Workers', 'Other Direct Patient Care', 'Therapists', 'Podiatrists', 'Advanced Dietician Practitioners', 'Advanced Occupational Therapist Practitioners', 'Advanced Podiatrist Practitioners']), 4);
  });

  it('NHS Payments to General Practice 2022/23: practice to PCN mapping and weighted lists', () => {
    const raw = rows(readFileSync(`${DATA}/payments-to-general-practice-2022-23.csv`, 'utf8'));
    const file = read('payments-to-general-practice-2022-23.csv');
    expect(file.kind === 'payments' && file.hasPcn).toBe(true);
    const plan = planImport(sample, [file]);
    const mine = raw.filter((r) => practiceCodes.has(r['Practice Code']));
    expect(plan.files[0].matched).toBe(mine.length);
    for (const r of mine) {
      const p = plan.workbook.practices.find((x) => x.code === r['Practice Code'])!;
      expect(p.weighted).toBe(Number(r['Number of Weighted Patients (Last Known Figure)']));
      expect(p.registered).toBe(Number(r['Number of Registered Patients (Last Known Figure)']));
      // "Code" holds the PCN, "CCG NAME" its name (sic); practices with none go to their place's unaligned PCN
      expect(p.pcn).toBe(r.Code.startsWith('U') && r.Code !== 'Unknown or no PCN' ? r.Code : `${r['CCG Code']}-UNALIGNED`);
    }
    const added = raw.filter((r) => !practiceCodes.has(r['Practice Code']) && places.has(r['CCG Code']) && !r['Practice Close Date'].trim());
    expect(plan.files[0].newPractices.map((p) => p.code).sort()).toEqual(added.map((r) => r['Practice Code']).sort());
    const weighted = plan.files[0].totals.find((t) => t.label === 'Weighted patients')!;
    const keptWeighted = sumOf(sample.practices.filter((p) => !mine.some((r) => r['Practice Code'] === p.code)).map((p) => p.weighted ?? 0));
    expect(weighted.after).toBeCloseTo(sumOf([...mine, ...added].map((r) => Number(r['Number of Weighted Patients (Last Known Figure)']))) + keptWeighted, 4);
    expect(checkWorkbook(plan.workbook)).toEqual([]);
  });

  it('NHS Payments to General Practice 2018/19 (no PCN columns): the sample was built from it, so nothing changes', () => {
    const file = read('payments-to-general-practice-2018-19.csv');
    expect(file.kind === 'payments' && !file.hasPcn).toBe(true);
    const plan = planImport(sample, [file]);
    expect(plan.files[0].matched).toBe(172);
    expect(plan.files[0].changes).toEqual([]);
    expect(plan.changed).toBe(false);
    expect(plan.files[0].notes.join(' ')).toMatch(/no PCN columns/);
  });

  it('two files in one import: each summary follows the one before, the edits are whole tables, PCNs first', () => {
    const plan = planImport(sample, [read('payments-to-general-practice-2022-23.csv'), read('gp-reg-pat-prac-all-2025-12.csv')]);
    expect(plan.files.map((f) => f.kind)).toEqual(['payments', 'registrations']);
    expect(plan.files[1].totals[0].before).toBe(plan.files[0].totals[0].after);
    expect(plan.edits.map((e) => e.path[0])).toEqual(['practices']);
  });
});

const enc = (s: string) => new TextEncoder().encode(s);

describe('reading published files', () => {
  it('reads a BOM, CRLF, quoted fields with commas, extra columns and blank trailing lines', () => {
    const text = '\ufeffPUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS,EXTRA\r\n' + 'GP,2025-12-01,GP,99E,F81001,"SS7 4EA, Benfleet",ALL,ALL,"13,611",x\r\n' + 'GP,2025-12-01,GP,99E,F81001,SS7 4EA,MALE,ALL,6000,x\r\n' + 'GP,2025-12-01,GP,99E,Y99999,"SS1 ""1AA""",ALL,ALL,100,x\r\n\r\n\r\n';
    const r = readNhsFile('list.csv', enc(text));
    expect(r.ok).toBe(true);
    if (!r.ok || r.file.kind !== 'registrations') return;
    expect(r.file.rows).toEqual([
      { code: 'F81001', subIcb: '99E', postcode: 'SS7 4EA, Benfleet', patients: 13611 },
      { code: 'Y99999', subIcb: '99E', postcode: 'SS1 "1AA"', patients: 100 },
    ]);
    const plan = planImport(sample, [r.file]);
    expect(plan.files[0].newPractices).toEqual([{ code: 'Y99999', name: 'Practice Y99999 (SS1 "1AA")', pcn: '99E-UNALIGNED' }]);
    expect(plan.workbook.practices.find((p) => p.code === 'F81001')!.registered).toBe(13611);
  });

  it('reads Windows-1252 when the bytes are not UTF-8 (an en dash in a PCN name)', () => {
    const head = 'PCN_CODE,PCN_NAME,SUB_ICB_CODE,STAFF_GROUP,STAFF_ROLE,FTE\n';
    const bytes = new Uint8Array([...enc(head + 'U80679,NORTH '), 0x96, ...enc(' EAST PCN,99E,Other,Paramedics,0.5\n')]);
    const r = readNhsFile('wf.csv', bytes);
    expect(r.ok && r.file.encoding).toBe('windows-1252');
    if (r.ok && r.file.kind === 'workforce') expect(r.file.rows[0].pcnName).toBe('NORTH \u2013 EAST PCN');
  });

  it('refuses a file of another kind with the kinds it accepts, and an Excel file with where it goes', () => {
    const other = readNhsFile('appointments.csv', enc('APPOINTMENT_MONTH,COUNT\n2025-01,5\n'));
    expect(other).toEqual({
      ok: false,
      message:
        'appointments.csv is not a kind of file Headroom can import (its columns begin APPOINTMENT_MONTH, COUNT). Accepted: Patients registered at a GP practice (all practices, all ages); Primary Care Networks workforce, individual level; NHS Payments to General Practice',
    });
    const xlsx = readNhsFile('book.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]));
    expect(!xlsx.ok && xlsx.message).toMatch(/is an Excel or zip file.*Open file/);
    expect(readNhsFile('empty.csv', new Uint8Array())).toEqual({ ok: false, message: 'empty.csv is empty' });
  });

  it('refuses a file whose figures are not numbers, naming the rows', () => {
    const r = readNhsFile('bad.csv', enc('CODE,SUB_ICB_LOCATION_CODE,NUMBER_OF_PATIENTS\nF81001,99E,lots\n'));
    expect(r).toEqual({ ok: false, message: "bad.csv (Patients registered at a GP practice (all practices, all ages)) was not imported: row 2: NUMBER_OF_PATIENTS 'lots' is not a number" });
  });
});
