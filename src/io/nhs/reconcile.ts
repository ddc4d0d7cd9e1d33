// What a published NHS file would change in a workbook, worked out before anything changes: rows
// matched, values that change (old and new), new practices or PCNs, codes not found, totals before
// and after. The plan carries the edits (whole tables, so applying them is one undoable step);
// the app's import dialog and the command line both show this same summary.
import type { Pcn, Practice, Workbook, WorkforceRow } from '../../model/schema';
import type { Path } from '../../model/paths';
import { KIND_NAMES, type NhsFile, type WorkforceRecord } from './read';

export interface ValueChange {
  /** Whose value: a practice or PCN code, with its name. */
  who: string;
  what: string;
  old: number | string | null;
  new: number | string | null;
}

export interface Total {
  label: string;
  before: number;
  after: number;
}

export interface FileSummary {
  fileName: string;
  kind: NhsFile['kind'];
  kindName: string;
  encoding: string;
  period: string;
  rowsRead: number;
  /** Rows of the file for the workbook's practices, PCNs or places. */
  rowsUsed: number;
  matched: number;
  changes: ValueChange[];
  newPractices: { code: string; name: string; pcn: string }[];
  newPcns: { code: string; name: string; place: string }[];
  /** Codes in the workbook that the file does not have (closed, merged, or outside it). */
  notFound: string[];
  totals: Total[];
  notes: string[];
}

export interface RoleMapEntry {
  staffRole: string;
  records: number;
  fte: number;
  /** The workbook role it counts as, or null for not imported. */
  role: string | null;
}

export interface ImportPlan {
  files: FileSummary[];
  /** Staff roles found in workforce files (for the workbook's PCNs), and where each goes. */
  roleMapping: RoleMapEntry[];
  /** The edits that apply the whole import: one undoable step. */
  edits: { path: Path; value: unknown }[];
  workbook: Workbook;
  changed: boolean;
}

export type RoleMapping = Record<string, string | null>;

// Published staff roles to the roles a workbook usually has: each rule lists candidate role ids,
// then words looked for in role names; the first role of the workbook that fits is taken.
const ROLE_RULES: [RegExp, string[]][] = [
  [/pharmacy technician/i, ['pharmacy-technician', 'arrs-other', 'pharmacy technician']],
  [/pharmacist/i, ['pharmacist', 'clinical pharmacist']],
  [/physiotherapist/i, ['physio', 'physiotherapist']],
  [/paramedic/i, ['paramedic']],
  [/physician associate/i, ['physician-associate', 'physician associate']],
  [/social prescribing/i, ['social-prescriber', 'social prescrib']],
  [/care co-?ordinator/i, ['care-coordinator', 'care coordinator']],
  [/nursing associate/i, ['nursing-associate', 'nursing associate']],
  [/mental health/i, ['mental-health', 'mental health']],
  [/wellbeing coach|dietician|podiatrist|occupational therapist|therapist|health support worker|other direct patient care/i, ['arrs-other', 'other arrs']],
];

/** The role mapping Headroom proposes for a staff role, given the workbook's roles. */
export function defaultRole(wb: Workbook, staffRole: string): string | null {
  const staffed = wb.roles.filter((r) => r.group !== 'external');
  for (const [re, candidates] of ROLE_RULES) {
    if (!re.test(staffRole)) continue;
    for (const c of candidates) {
      const hit = staffed.find((r) => r.id === c) ?? staffed.find((r) => r.name.toLowerCase().includes(c));
      if (hit) return hit.id;
    }
    return null;
  }
  return null; // directors, managers and admin staff give no appointments
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number, dp = 6) => Math.round(x * 10 ** dp) / 10 ** dp;

function unalignedPcn(wb: Workbook, place: string): Pcn {
  const name = wb.places.find((p) => p.code === place)?.name ?? place;
  return { code: `${place}-UNALIGNED`, name: `Practices not in a PCN (${name})`.slice(0, 200), place };
}

interface Draft {
  practices: Practice[];
  pcns: Pcn[];
  workforce: WorkforceRow[];
}

function listTotals(wb: Draft, before: Draft): Total[] {
  const weighted = (d: Draft) => sum(d.practices.map((p) => p.weighted ?? 0));
  return [
    { label: 'Practices', before: before.practices.length, after: wb.practices.length },
    { label: 'PCNs', before: before.pcns.length, after: wb.pcns.length },
    { label: 'Registered patients', before: round(sum(before.practices.map((p) => p.registered))), after: round(sum(wb.practices.map((p) => p.registered))) },
    { label: 'Weighted patients', before: round(weighted(before)), after: round(weighted(wb)) },
  ];
}

function describeSource(file: NhsFile): string {
  return `${KIND_NAMES[file.kind]}${file.period ? `, ${file.period}` : ''} (NHS England, OGL v3.0), imported from ${file.fileName}`.slice(0, 2000);
}

function practicesFile(wb: Workbook, d: Draft, file: Extract<NhsFile, { kind: 'registrations' | 'payments' }>, s: FileSummary): void {
  const places = new Set(wb.places.map((p) => p.code));
  const byCode = new Map(d.practices.map((p, i) => [p.code, i]));
  const pcnCodes = new Set(d.pcns.map((p) => p.code));
  const source = describeSource(file);
  const seen = new Set<string>();
  for (const row of file.rows) {
    const i = byCode.get(row.code);
    if (i === undefined && !places.has(row.subIcb)) continue;
    if (seen.has(row.code)) continue; // a practice listed twice: the first row counts
    seen.add(row.code);
    s.rowsUsed++;
    const registered = 'patients' in row ? row.patients : row.registered;
    const weighted = 'weighted' in row ? row.weighted : undefined;
    // the PCN the file gives (payments files from 2019/20), made where the workbook lacks it
    let pcn: string | undefined;
    if (file.kind === 'payments' && file.hasPcn && 'pcn' in row) {
      const place = i !== undefined ? (d.pcns.find((p) => p.code === d.practices[i].pcn)?.place ?? row.subIcb) : row.subIcb;
      if (row.pcn) {
        pcn = row.pcn;
        if (!pcnCodes.has(pcn) && places.has(row.subIcb)) {
          const made = { code: pcn, name: (row.pcnName || pcn).slice(0, 200), place: row.subIcb };
          d.pcns.push(made);
          pcnCodes.add(pcn);
          s.newPcns.push(made);
        } else if (!pcnCodes.has(pcn)) pcn = undefined;
      } else if (places.has(place)) {
        const u = unalignedPcn(wb, place);
        if (!pcnCodes.has(u.code)) {
          d.pcns.push(u);
          pcnCodes.add(u.code);
          s.newPcns.push(u);
        }
        pcn = u.code;
      }
    }
    if (i !== undefined) {
      s.matched++;
      const p = d.practices[i];
      const next = { ...p };
      const who = `${p.code} ${p.name}`;
      if (p.registered !== registered) {
        s.changes.push({ who, what: 'Registered patients', old: p.registered, new: registered });
        next.registered = registered;
      }
      if (weighted !== undefined && p.weighted !== weighted) {
        s.changes.push({ who, what: 'Weighted list', old: p.weighted, new: weighted });
        next.weighted = weighted;
      }
      if (pcn !== undefined && p.pcn !== pcn) {
        s.changes.push({ who, what: 'PCN', old: p.pcn, new: pcn });
        next.pcn = pcn;
      }
      if (next.registered !== p.registered || next.weighted !== p.weighted || next.pcn !== p.pcn) d.practices[i] = { ...next, source };
      continue;
    }
    if ('closed' in row && row.closed) continue; // a closed practice is not added
    let home = pcn;
    if (home === undefined) {
      const u = unalignedPcn(wb, row.subIcb);
      if (!pcnCodes.has(u.code)) {
        d.pcns.push(u);
        pcnCodes.add(u.code);
        s.newPcns.push(u);
      }
      home = u.code;
    }
    const name = ('name' in row && row.name ? row.name : `Practice ${row.code}${'postcode' in row && row.postcode ? ` (${row.postcode})` : ''}`).slice(0, 200);
    const made: Practice = { code: row.code, name, pcn: home, registered, weighted: weighted ?? null, source };
    d.practices.push(made);
    byCode.set(row.code, d.practices.length - 1);
    s.newPractices.push({ code: made.code, name: made.name, pcn: made.pcn });
  }
  s.notFound = d.practices.filter((p) => !seen.has(p.code) && !s.newPractices.some((n) => n.code === p.code)).map((p) => p.code);
  if (s.notFound.length) s.notes.push(`${s.notFound.length} practice${s.notFound.length === 1 ? '' : 's'} of the workbook not in this file keep${s.notFound.length === 1 ? 's' : ''} their figures (closed, merged or outside the file)`);
  if (!s.rowsUsed) s.notes.push(`no row of this file is for the workbook's practices or places (${[...places].slice(0, 8).join(', ') || 'none yet'})`);
}

function workforceFile(wb: Workbook, d: Draft, file: Extract<NhsFile, { kind: 'workforce' }>, s: FileSummary, mapping: RoleMapping, found: Map<string, RoleMapEntry>): void {
  const places = new Set(wb.places.map((p) => p.code));
  const pcnCodes = new Set(d.pcns.map((p) => p.code));
  const source = describeSource(file);
  const inScope: WorkforceRecord[] = [];
  for (const r of file.rows) {
    if (pcnCodes.has(r.pcn)) inScope.push(r);
    else if (places.has(r.subIcb) && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(r.pcn)) {
      const made = { code: r.pcn, name: (r.pcnName || r.pcn).slice(0, 200), place: r.subIcb };
      d.pcns.push(made);
      pcnCodes.add(r.pcn);
      s.newPcns.push(made);
      inScope.push(r);
    }
  }
  s.rowsUsed = inScope.length;
  const filePcns = new Set(inScope.map((r) => r.pcn));
  s.matched = [...filePcns].filter((c) => !s.newPcns.some((n) => n.code === c)).length;
  s.notFound = wb.pcns.filter((p) => !filePcns.has(p.code) && !p.code.endsWith('-UNALIGNED')).map((p) => p.code);
  // WTE by PCN and workbook role, through the mapping
  const wte = new Map<string, number>();
  const records = new Map<string, number>();
  for (const r of inScope) {
    const entry = found.get(r.staffRole) ?? { staffRole: r.staffRole, records: 0, fte: 0, role: r.staffRole in mapping ? mapping[r.staffRole] : defaultRole(wb, r.staffRole) };
    entry.records++;
    entry.fte += r.fte;
    found.set(r.staffRole, entry);
    if (!entry.role || !wb.roles.some((x) => x.id === entry.role && x.group !== 'external')) continue;
    const key = `pcn:${r.pcn}:${entry.role}`;
    wte.set(key, (wte.get(key) ?? 0) + r.fte);
    records.set(key, (records.get(key) ?? 0) + 1);
  }
  const mappedRoles = new Set([...found.values()].map((e) => e.role).filter((r): r is string => !!r));
  const pcnName = new Map(d.pcns.map((p) => [p.code, p.name]));
  const before = new Map<string, number>();
  for (const w of d.workforce) if (w.level === 'pcn' && mappedRoles.has(w.role)) before.set(w.role, (before.get(w.role) ?? 0) + w.wte);
  const next: WorkforceRow[] = [];
  const done = new Set<string>();
  for (const w of d.workforce) {
    const key = `${w.level}:${w.code}:${w.role}`;
    // the file is a census of its PCNs: a mapped role it does not list there has none
    if (w.level === 'pcn' && filePcns.has(w.code) && mappedRoles.has(w.role)) {
      const value = round(wte.get(key) ?? 0);
      done.add(key);
      if (value !== w.wte) {
        s.changes.push({ who: `${w.code} ${pcnName.get(w.code) ?? ''}`.trim(), what: `${w.role} WTE`, old: w.wte, new: value });
        next.push({ ...w, wte: value, source: `${source}: ${records.get(key) ?? 0} staff records` });
      } else next.push(w);
    } else next.push(w);
  }
  for (const [key, value] of [...wte].sort(([a], [b]) => a.localeCompare(b))) {
    if (done.has(key)) continue;
    const [, code, role] = key.split(':');
    s.changes.push({ who: `${code} ${pcnName.get(code) ?? ''}`.trim(), what: `${role} WTE`, old: null, new: round(value) });
    next.push({ level: 'pcn', code, role, wte: round(value), source: `${source}: ${records.get(key) ?? 0} staff records` });
  }
  d.workforce = next;
  const after = new Map<string, number>();
  for (const w of next) if (w.level === 'pcn' && mappedRoles.has(w.role)) after.set(w.role, (after.get(w.role) ?? 0) + w.wte);
  s.totals.push({ label: 'PCNs', before: wb.pcns.length, after: d.pcns.length });
  for (const role of [...mappedRoles].sort()) s.totals.push({ label: `PCN-held WTE: ${wb.roles.find((r) => r.id === role)?.name ?? role}`, before: round(before.get(role) ?? 0), after: round(after.get(role) ?? 0) });
  s.totals.push({ label: 'PCN-held WTE, roles imported', before: round(sum([...before.values()])), after: round(sum([...after.values()])) });
  const skipped = [...found.values()].filter((e) => !e.role);
  if (skipped.length) s.notes.push(`${round(sum(skipped.map((e) => e.fte)), 1)} FTE in roles not imported (${skipped.map((e) => e.staffRole).join(', ')}); change the role mapping to bring them in`);
  const negative = inScope.filter((r) => r.fte < 0).length;
  if (negative) s.notes.push(`${negative} staff record${negative === 1 ? '' : 's'} with a negative FTE (corrections in the publication) counted as published`);
  if (!s.rowsUsed) s.notes.push(`no row of this file is for the workbook's PCNs or places`);
}

/** Works out what importing `files` (in order) would change; changes nothing. */
export function planImport(wb: Workbook, files: readonly NhsFile[], mapping: RoleMapping = {}): ImportPlan {
  const d: Draft = { practices: wb.practices.slice(), pcns: wb.pcns.slice(), workforce: wb.workforce.slice() };
  const summaries: FileSummary[] = [];
  const found = new Map<string, RoleMapEntry>();
  for (const file of files) {
    const before: Draft = { practices: d.practices.slice(), pcns: d.pcns.slice(), workforce: d.workforce.slice() };
    const current = { ...wb, practices: d.practices, pcns: d.pcns, workforce: d.workforce };
    const s: FileSummary = { fileName: file.fileName, kind: file.kind, kindName: KIND_NAMES[file.kind], encoding: file.encoding, period: file.period, rowsRead: file.rowsRead, rowsUsed: 0, matched: 0, changes: [], newPractices: [], newPcns: [], notFound: [], totals: [], notes: [] };
    if (file.kind === 'workforce') workforceFile(current, d, file, s, mapping, found);
    else {
      practicesFile(current, d, file, s);
      s.totals = listTotals(d, before);
      if (file.kind === 'payments' && !file.hasPcn) s.notes.push('this year’s file has no PCN columns (PCNs began in July 2019): lists only');
    }
    summaries.push(s);
  }
  const edits: ImportPlan['edits'] = [];
  // PCNs first, so that every later edit refers to rows that exist
  if (d.pcns.length !== wb.pcns.length || d.pcns.some((p, i) => p !== wb.pcns[i])) edits.push({ path: ['pcns'], value: d.pcns });
  if (d.practices.length !== wb.practices.length || d.practices.some((p, i) => p !== wb.practices[i])) edits.push({ path: ['practices'], value: d.practices });
  if (d.workforce.length !== wb.workforce.length || d.workforce.some((w, i) => w !== wb.workforce[i])) edits.push({ path: ['workforce'], value: d.workforce });
  const roleMapping = [...found.values()].map((e) => ({ ...e, fte: round(e.fte) })).sort((a, b) => b.fte - a.fte);
  return { files: summaries, roleMapping, edits, workbook: { ...wb, practices: d.practices, pcns: d.pcns, workforce: d.workforce }, changed: edits.length > 0 };
}

const fmtNum = (x: number | string | null) => (x === null ? '–' : typeof x === 'number' ? x.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : x);

/** The summary as lines of text, for the command line. */
export function describePlan(plan: ImportPlan, maxChanges = 10): string {
  const out: string[] = [];
  for (const s of plan.files) {
    out.push(`${s.fileName}: ${s.kindName}${s.period ? `, ${s.period}` : ''} (${s.encoding})`);
    out.push(`  rows read ${s.rowsRead}, for this workbook ${s.rowsUsed}, matched ${s.matched}${s.kind === 'workforce' ? ' PCNs' : ' practices'}`);
    out.push(`  values that change: ${s.changes.length}`);
    for (const c of s.changes.slice(0, maxChanges)) out.push(`    ${c.who}: ${c.what} ${fmtNum(c.old)} -> ${fmtNum(c.new)}`);
    if (s.changes.length > maxChanges) out.push(`    … and ${s.changes.length - maxChanges} more`);
    out.push(`  new practices: ${s.newPractices.length}${s.newPractices.length ? ` (${s.newPractices.slice(0, 8).map((p) => p.code).join(', ')}${s.newPractices.length > 8 ? ', …' : ''})` : ''}`);
    out.push(`  new PCNs: ${s.newPcns.length}${s.newPcns.length ? ` (${s.newPcns.slice(0, 8).map((p) => p.code).join(', ')}${s.newPcns.length > 8 ? ', …' : ''})` : ''}`);
    out.push(`  codes not found in the file: ${s.notFound.length}${s.notFound.length ? ` (${s.notFound.slice(0, 8).join(', ')}${s.notFound.length > 8 ? ', …' : ''})` : ''}`);
    for (const t of s.totals) out.push(`  ${t.label}: ${fmtNum(t.before)} -> ${fmtNum(t.after)}`);
    for (const n of s.notes) out.push(`  note: ${n}`);
  }
  if (plan.roleMapping.length) {
    out.push('role mapping (staff role -> workbook role):');
    for (const m of plan.roleMapping) out.push(`  ${m.staffRole} (${fmtNum(m.fte)} FTE) -> ${m.role ?? 'not imported'}`);
  }
  return out.join('\n') + '\n';
}
