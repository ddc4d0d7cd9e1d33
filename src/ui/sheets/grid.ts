// The one place that talks to AG Grid: modules, theme, and the translation between sheet
// definitions and column definitions. Edits never change the grid's rows directly: a valueSetter
// hands the new value to the open workbook and returns false; the grid redraws from the workbook.
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type GridApi, type ValueGetterParams } from 'ag-grid-community';
import { fieldOf, getIn, type Column, type RecordField, type TableSheet } from './sheets';
import { display } from './codec';
import type { Workbook } from '../../model/schema';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  accentColor: '#005EB8',
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontSize: 14,
  headerFontWeight: 650,
  rowHeight: 34,
  headerHeight: 40,
  borderColor: '#d5dae1',
  headerBackgroundColor: '#eef1f5',
  oddRowBackgroundColor: '#fafbfc',
  wrapperBorderRadius: 4,
});

export type Row = Record<string, unknown>;
export { fieldOf, getIn };
export type { GridApi, ColDef };

export const NUMERIC = new Set(['int', 'number', 'percent', 'gbp', 'wte']);

/** What the grid holds for sorting and editing: percent in percent units, lists as text. */
export function cellValue(type: Column['type'], v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'percent') return Math.round((v as number) * 100 * 1e9) / 1e9;
  if (type === 'list' || type === 'overrides' || type === 'bool') return display(type, v);
  return v;
}

export function formatCell(type: Column['type'], v: unknown): string {
  if (v === null || v === undefined) return '';
  if (type === 'percent') return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }).format(v as number)}%`;
  if (type === 'list' || type === 'overrides' || type === 'bool') return String(v);
  return display(type, v);
}

export function editorFor(type: Column['type'], options: string[] | null, nullable: boolean): Pick<ColDef, 'cellEditor' | 'cellEditorParams'> {
  if (type === 'enum' && options) return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: nullable ? ['', ...options] : options } };
  if (type === 'bool') return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['yes', 'no'] } };
  if (type === 'text' || type === 'overrides') return { cellEditor: 'agTextCellEditor', cellEditorParams: { maxLength: 2000 } };
  return { cellEditor: 'agTextCellEditor' };
}

export function tableRows(wb: Workbook, sheet: TableSheet): Row[] {
  const rows = wb[sheet.table] as unknown as Row[];
  return sheet.filter ? rows.filter(sheet.filter) : rows;
}

export interface RecordRow {
  id: string;
  label: string;
  field: RecordField;
  value: unknown;
  unit: string;
  source: string;
}

export type ValueGetter = (p: ValueGetterParams) => unknown;
