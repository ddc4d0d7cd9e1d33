// Every input sheet as a plain table of typed cells, as the grid shows it: the same columns, headers
// and coded values. The Excel and CSV writers read these tables, and the Excel reader turns cells
// back into workbook values with the grid's own codec, so a sheet means one thing everywhere.
import { SHEETS, fieldOf, getIn, type CellType, type Column, type RecordField, type Sheet, type TableSheet } from '../ui/sheets/sheets';
import { display, editText } from '../ui/sheets/codec';
import type { Workbook } from '../model/schema';
import { getAt, type Segment } from '../model/paths';

export { SHEETS };
export type { Sheet, TableSheet, Column, RecordField, CellType };

export const NUMERIC_TYPES: ReadonlySet<CellType> = new Set(['int', 'number', 'percent', 'gbp', 'wte']);

export interface TableCell {
  /** Numbers as numbers (a percentage as its fraction), everything else as the grid's text; null when empty. */
  value: string | number | null;
  type: CellType;
}

export interface TableColumn {
  header: string;
  type: CellType;
  width: number;
}

export interface SheetTable {
  id: string;
  title: string;
  columns: TableColumn[];
  rows: TableCell[][];
}

/** The record sheets' four columns (Settings, Demand and seasonality). */
export const RECORD_COLUMNS: TableColumn[] = [
  { header: 'Setting', type: 'text', width: 300 },
  { header: 'Value', type: 'number', width: 170 },
  { header: 'Unit', type: 'text', width: 190 },
  { header: 'Source', type: 'text', width: 320 },
];

export function tableRowsOf(wb: Workbook, sheet: TableSheet): Record<string, unknown>[] {
  const rows = wb[sheet.table] as unknown as Record<string, unknown>[];
  return sheet.filter ? rows.filter(sheet.filter) : rows;
}

export function cellOf(type: CellType, v: unknown, labels?: Record<string, string>): TableCell {
  if (v === null || v === undefined) return { value: null, type };
  if (NUMERIC_TYPES.has(type)) return { value: v as number, type };
  if (type === 'enum' && labels && typeof v === 'string') return { value: labels[v] ?? v, type };
  if (type === 'bool' || type === 'list' || type === 'overrides') return { value: display(type, v), type };
  return { value: String(v), type };
}

function safeGet(wb: Workbook, path: readonly Segment[]): unknown {
  try {
    return getAt(wb, path);
  } catch {
    return undefined;
  }
}

export function sheetTable(wb: Workbook, sheet: Sheet): SheetTable {
  if (sheet.kind === 'record') {
    const rows = sheet.fields(wb).map((f) => [
      { value: f.label, type: 'text' as const },
      cellOf(f.type, safeGet(wb, f.path)),
      { value: f.unit || null, type: 'text' as const },
      { value: f.source ? String(safeGet(wb, f.source) ?? '') : null, type: 'text' as const },
    ]);
    return { id: sheet.id, title: sheet.title, columns: RECORD_COLUMNS, rows };
  }
  const rows = tableRowsOf(wb, sheet).map((row) =>
    sheet.columns.map((col) => {
      if (col.value) return { value: col.value(row, wb), type: 'text' as const };
      const f = fieldOf(col, row);
      const type = col.typeFor?.(row) ?? col.type;
      return f ? cellOf(type, getIn(row, f), col.labels) : { value: null, type };
    }),
  );
  return { id: sheet.id, title: sheet.title, columns: sheet.columns.map((c) => ({ header: c.header, type: c.type, width: c.width ?? 140 })), rows };
}

/** A cell as CSV text: exact numbers without separators, percentages with their sign, dates ISO. */
export function csvText(cell: TableCell): string {
  if (cell.value === null) return '';
  if (typeof cell.value === 'number') return cell.type === 'percent' ? `${editText('percent', cell.value)}%` : String(cell.value);
  return cell.value;
}
