// Says where a value lives in the words on screen: the sheet, the row as the grid shows it and the
// column, never the internal path (`workforce[pcn:F81001:nursing-associate].code`). Every message
// about a cell (refusals, flags, "results are paused") goes through here.
import { formatPath, isKeyedTable, parsePath, rowKey, type Segment } from '../../model/paths';
import type { Workbook } from '../../model/schema';
import { SHEETS, type Column, type RecordSheet, type TableSheet } from './sheets';

export interface Place {
  sheet: string;
  sheetId: string;
  row?: string;
  column?: string;
}

const same = (a: readonly Segment[], b: readonly Segment[]) => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

/** How the grid names a row: its name and code, and for staff and capacity rows the role too. */
export function rowLabel(table: string, row: Record<string, unknown>, wb: Workbook): string {
  const role = (id: unknown) => wb.roles.find((r) => r.id === id)?.name ?? String(id);
  const named = (name: unknown, code: unknown) => (name && name !== code ? `${String(name)} (${String(code)})` : String(code));
  if (table === 'workforce') {
    const holders = row.level === 'pcn' ? wb.pcns : wb.practices;
    const holder = holders.find((h) => h.code === row.code);
    return `${named(holder?.name, row.code)} · ${role(row.role)}`;
  }
  if (table === 'externalCapacity') {
    const [level, code] = String(row.scope).split(':');
    const tables = { system: wb.systems, place: wb.places, pcn: wb.pcns } as Record<string, { code: string; name: string }[]>;
    return `${named(tables[level]?.find((x) => x.code === code)?.name, code)} · ${role(row.role)}`;
  }
  const key = isKeyedTable(table) ? rowKey(table, row) : '';
  return named(row.name, key);
}

function findRow(wb: Workbook, table: string, key: string): Record<string, unknown> | undefined {
  if (!isKeyedTable(table)) return undefined;
  const rows = wb[table] as unknown as Record<string, unknown>[];
  return rows.find((r) => rowKey(table, r) === key);
}

function columnFor(sheet: TableSheet, row: Record<string, unknown> | undefined, rest: readonly Segment[]): Column | undefined {
  if (!rest.length) return undefined;
  return (
    sheet.columns.find((c) => !c.value && same(c.field, rest)) ??
    sheet.columns.find((c) => row && c.fieldFor && (() => { const f = c.fieldFor!(row); return f && same(f, rest); })()) ??
    // a value inside a cell (one override of a scenario, one role of a pathway)
    sheet.columns.find((c) => !c.value && rest.length > c.field.length && same(c.field, rest.slice(0, c.field.length)))
  );
}

/** The sheet, row and column a workbook path points at, or null when no sheet shows it. */
export function placeOf(path: readonly Segment[] | string, wb: Workbook): Place | null {
  const p = typeof path === 'string' ? parsePath(path) : path;
  if (!p || !p.length) return null;
  const [table, key, ...rest] = p;
  const tableSheets = SHEETS.filter((s): s is TableSheet => s.kind === 'table' && s.table === table);
  if (tableSheets.length) {
    const row = key === undefined ? undefined : findRow(wb, String(table), String(key));
    const sheet = (row && tableSheets.find((s) => !s.filter || s.filter(row))) ?? tableSheets[0];
    const col = columnFor(sheet, row, rest);
    return {
      sheet: sheet.title,
      sheetId: sheet.id,
      row: key === undefined ? undefined : row ? rowLabel(String(table), row, wb) : String(key),
      column: col?.header,
    };
  }
  for (const s of SHEETS.filter((x): x is RecordSheet => x.kind === 'record')) {
    for (const f of s.fields(wb)) {
      if (same(f.path, p)) return { sheet: s.title, sheetId: s.id, row: f.label, column: 'Value' };
      if (f.source && same(f.source, p)) return { sheet: s.title, sheetId: s.id, row: f.label, column: 'Source' };
    }
    // a whole record (the seasonal indices together)
    const inside = s.fields(wb).find((f) => f.path.length > p.length && same(f.path.slice(0, p.length), p));
    if (inside) return { sheet: s.title, sheetId: s.id };
  }
  return null;
}

/** "Workforce sheet, row “…”, column “…”", or the path itself when no sheet shows the value. */
export function describePlace(path: readonly Segment[] | string, wb: Workbook | null): string {
  const place = wb ? placeOf(path, wb) : null;
  if (!place) return typeof path === 'string' ? path : formatPath(path);
  let out = `${place.sheet} sheet`;
  if (place.row) out += `, row “${place.row}”`;
  if (place.column) out += `, column “${place.column}”`;
  return out;
}

/** A problem as one sentence in the words on screen. */
export function describeProblem(problem: { path: string; message: string }, wb: Workbook | null): string {
  return problem.path ? `${describePlace(problem.path, wb)}: ${problem.message}` : problem.message;
}

