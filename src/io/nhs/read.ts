// Reading the CSV files NHS England and NHS Digital publish, as published: UTF-8 with or without a
// byte-order mark, or Windows-1252 (the PCN workforce file); quoted fields, blank trailing lines
// and columns Headroom does not use are all fine. The kind of file is told from its header row.
import Papa from 'papaparse';

export type NhsKind = 'registrations' | 'workforce' | 'payments';

export const KIND_NAMES: Record<NhsKind, string> = {
  registrations: 'Patients registered at a GP practice (all practices, all ages)',
  workforce: 'Primary Care Networks workforce, individual level',
  payments: 'NHS Payments to General Practice',
};

/** What each kind brings into a workbook, for the import dialog and the refusal message. */
export const KIND_GIVES: Record<NhsKind, string> = {
  registrations: 'registered lists by practice code, and new practices in the workbook’s places',
  workforce: 'WTE by role for each PCN, through a role mapping you can change',
  payments: 'registered and weighted (Carr-Hill) lists, and each practice’s PCN (2019/20 files onwards)',
};

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface RegistrationRow {
  code: string;
  subIcb: string;
  postcode: string;
  patients: number;
}

export interface WorkforceRecord {
  pcn: string;
  pcnName: string;
  subIcb: string;
  staffRole: string;
  fte: number;
}

export interface PaymentsRow {
  code: string;
  name: string;
  subIcb: string;
  /** PCN code, or null where the file has no PCN columns or says "Unknown or no PCN". */
  pcn: string | null;
  pcnName: string;
  registered: number;
  weighted: number | null;
  closed: boolean;
}

interface Common {
  fileName: string;
  encoding: 'utf-8' | 'windows-1252';
  /** Data rows read (not counting the header or blank lines). */
  rowsRead: number;
  /** When the figures are for, as the file says: "2025-12-01", "September 2022", "2022/23". */
  period: string;
}

export type NhsFile =
  | (Common & { kind: 'registrations'; rows: RegistrationRow[] })
  | (Common & { kind: 'workforce'; rows: WorkforceRecord[] })
  | (Common & { kind: 'payments'; hasPcn: boolean; rows: PaymentsRow[] });

export type ReadResult = { ok: true; file: NhsFile } | { ok: false; message: string };

// Windows-1252 bytes 0x80-0x9F (en dash, curly quotes, euro sign); some TextDecoders (Node's
// without full ICU) read these as Latin-1 control characters, so they are mapped here
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped), else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
    return { text, encoding: 'windows-1252' };
  }
}

const norm = (h: string) => h.replace(/^\ufeff/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Which kind of file a header row belongs to, or null. */
export function detectKind(header: readonly string[]): NhsKind | null {
  const h = new Set(header.map(norm));
  if ((h.has('code') || h.has('practice_code')) && h.has('number_of_patients')) return 'registrations';
  if (h.has('pcn_code') && h.has('staff_role') && h.has('fte')) return 'workforce';
  if (h.has('practice code') && h.has('number of registered patients (last known figure)')) return 'payments';
  return null;
}

export function acceptedKinds(): string {
  return (Object.keys(KIND_NAMES) as NhsKind[]).map((k) => KIND_NAMES[k]).join('; ');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Reads one published file. Every refusal is one sentence naming the file and what is wrong. */
export function readNhsFile(fileName: string, bytes: Uint8Array): ReadResult {
  if (bytes.length === 0) return { ok: false, message: `${fileName} is empty` };
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, message: `${fileName} is ${(bytes.length / 1048576).toFixed(0)} MB; files up to ${MAX_IMPORT_BYTES / 1048576} MB can be imported` };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return { ok: false, message: `${fileName} is an Excel or zip file. Import data reads the CSV files as published (${acceptedKinds()}); a workbook exported from Headroom opens with Open file` };
  }
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const table = parsed.data.filter((r) => r.some((c) => c.trim() !== ''));
  if (table.length === 0) return { ok: false, message: `${fileName} has no rows` };
  const header = table[0].map((h) => h.replace(/^\ufeff/, '').trim());
  const kind = detectKind(header);
  if (!kind) {
    const shown = header.slice(0, 6).join(', ');
    return { ok: false, message: `${fileName} is not a kind of file Headroom can import (its columns begin ${shown.slice(0, 160)}). Accepted: ${acceptedKinds()}` };
  }
  const index = new Map(header.map((h, i) => [norm(h), i]));
  const col = (...names: string[]) => {
    for (const n of names) {
      const i = index.get(norm(n));
      if (i !== undefined) return i;
    }
    return -1;
  };
  const body = table.slice(1);
  const bad: string[] = [];
  const num = (row: string[], i: number, r: number, what: string, optional = false, negative = false): number | null => {
    const raw = (row[i] ?? '').trim().replace(/,/g, '');
    if (raw === '' && optional) return null;
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n) || (n < 0 && !negative)) {
      bad.push(`row ${r + 2}: ${what} '${(row[i] ?? '').slice(0, 20)}' is not a number`);
      return null;
    }
    return n;
  };
  const common = { fileName, encoding, rowsRead: body.length };
  const done = <T extends NhsFile>(file: T): ReadResult => {
    if (bad.length) return { ok: false, message: `${fileName} (${KIND_NAMES[kind]}) was not imported: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? `; and ${bad.length - 3} more` : ''}` };
    return { ok: true, file };
  };

  if (kind === 'registrations') {
    const c = { code: col('CODE', 'PRACTICE_CODE'), sub: col('SUB_ICB_LOCATION_CODE', 'CCG_CODE'), post: col('POSTCODE'), n: col('NUMBER_OF_PATIENTS'), sex: col('SEX'), age: col('AGE'), date: col('EXTRACT_DATE') };
    const rows: RegistrationRow[] = [];
    body.forEach((row, r) => {
      // the all-ages file has one ALL/ALL row per practice; files split by age or sex are not lists
      if (c.sex >= 0 && (row[c.sex] ?? '').trim().toUpperCase() !== 'ALL') return;
      if (c.age >= 0 && (row[c.age] ?? '').trim().toUpperCase() !== 'ALL') return;
      const n = num(row, c.n, r, 'NUMBER_OF_PATIENTS');
      if (n !== null) rows.push({ code: (row[c.code] ?? '').trim(), subIcb: c.sub >= 0 ? (row[c.sub] ?? '').trim() : '', postcode: c.post >= 0 ? (row[c.post] ?? '').trim() : '', patients: n });
    });
    if (!rows.length && !bad.length) return { ok: false, message: `${fileName} has no rows for all ages and both sexes; use the all-practices, all-ages file (gp-reg-pat-prac-all)` };
    return done({ ...common, kind, period: c.date >= 0 ? (body[0][c.date] ?? '').trim() : '', rows });
  }

  if (kind === 'workforce') {
    const c = { pcn: col('PCN_CODE'), name: col('PCN_NAME'), sub: col('SUB_ICB_CODE', 'CCG_CODE'), role: col('STAFF_ROLE'), fte: col('FTE'), year: col('CENSUS_YEAR'), month: col('CENSUS_MONTH') };
    const rows: WorkforceRecord[] = [];
    body.forEach((row, r) => {
      // the publication carries a few negative FTEs (corrections); they count as published
      const fte = num(row, c.fte, r, 'FTE', false, true);
      if (fte !== null) rows.push({ pcn: (row[c.pcn] ?? '').trim(), pcnName: c.name >= 0 ? (row[c.name] ?? '').trim() : '', subIcb: c.sub >= 0 ? (row[c.sub] ?? '').trim() : '', staffRole: (row[c.role] ?? '').trim(), fte });
    });
    const month = c.month >= 0 ? Number(body[0][c.month]) : NaN;
    const period = c.year >= 0 ? `${Number.isInteger(month) && month >= 1 && month <= 12 ? MONTHS[month - 1] + ' ' : ''}${(body[0][c.year] ?? '').trim()}` : '';
    return done({ ...common, kind, period, rows });
  }

  const c = {
    code: col('Practice Code'),
    name: col('Practice Name'),
    sub: col('CCG Code', 'Sub ICB Code'),
    reg: col('Number of Registered Patients (Last Known Figure)'),
    wt: col('Number of Weighted Patients (Last Known Figure)'),
    closed: col('Practice Close Date'),
    // from 2019/20 the file names each practice's PCN: its code in "Code" and its name in "CCG NAME" (sic)
    pcn: index.has('sub icb name') || index.has('pcn code') ? col('PCN Code', 'Code') : -1,
    pcnName: index.has('sub icb name') ? col('PCN Name', 'CCG NAME') : col('PCN Name'),
  };
  const rows: PaymentsRow[] = [];
  body.forEach((row, r) => {
    const registered = num(row, c.reg, r, 'registered patients');
    const weighted = c.wt >= 0 ? num(row, c.wt, r, 'weighted patients', true) : null;
    if (registered === null) return;
    const pcn = c.pcn >= 0 ? (row[c.pcn] ?? '').trim() : '';
    rows.push({
      code: (row[c.code] ?? '').trim(),
      name: c.name >= 0 ? (row[c.name] ?? '').trim() : '',
      subIcb: c.sub >= 0 ? (row[c.sub] ?? '').trim() : '',
      pcn: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(pcn) ? pcn : null,
      pcnName: c.pcnName >= 0 ? (row[c.pcnName] ?? '').trim() : '',
      registered,
      weighted,
      closed: c.closed >= 0 && (row[c.closed] ?? '').trim() !== '',
    });
  });
  const year = /(20\d\d)[-_ ]?(\d\d)(?!\d)/.exec(fileName);
  return done({ ...common, kind, period: year ? `${year[1]}/${year[2]}` : '', hasPcn: c.pcn >= 0, rows });
}
