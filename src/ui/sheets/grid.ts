// The one place that talks to AG Grid: modules, theme, and the translation between sheet
// definitions and column definitions. Edits never change the grid's rows directly: a valueSetter
// hands the new value to the open workbook and returns false; the grid redraws from the workbook.
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  themeQuartz,
  type ColDef,
  type GridApi,
  type ValueGetterParams,
} from 'ag-grid-community';
import { fieldOf, getIn, type Column, type RecordField } from './sheets';
import { display } from './codec';

// only what the sheets use: all of Community is over half of the app's JavaScript
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  RowApiModule,
  ColumnApiModule,
  CellApiModule,
  ScrollApiModule,
  RenderApiModule,
  TextEditorModule,
  SelectEditorModule,
  TextFilterModule,
  NumberFilterModule,
  QuickFilterModule,
  RowSelectionModule,
  TooltipModule,
  CellStyleModule,
]);

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

export type { Row } from './rows';
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

export function editorFor(type: Column['type'], options: string[] | null, nullable: boolean, label?: (value: string) => string): Pick<ColDef, 'cellEditor' | 'cellEditorParams'> {
  if (type === 'enum' && options) return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: nullable ? ['', ...options] : options, ...(label ? { formatValue: (v: unknown) => (typeof v === 'string' && v ? label(v) : String(v ?? '')) } : {}) } };
  if (type === 'bool') return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['yes', 'no'] } };
  if (type === 'text' || type === 'overrides') return { cellEditor: 'agTextCellEditor', cellEditorParams: { maxLength: 2000 } };
  return { cellEditor: 'agTextCellEditor' };
}

export { tableRows } from './rows';

export interface RecordRow {
  id: string;
  label: string;
  field: RecordField;
  value: unknown;
  unit: string;
  source: string;
}

export type ValueGetter = (p: ValueGetterParams) => unknown;
