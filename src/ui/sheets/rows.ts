// A table sheet's rows, without the grid: the overview counts them and must not load AG Grid.
import type { Workbook } from '../../model/schema';
import type { TableSheet } from './sheets';

export type Row = Record<string, unknown>;

export function tableRows(wb: Workbook, sheet: TableSheet): Row[] {
  const rows = wb[sheet.table] as unknown as Row[];
  return sheet.filter ? rows.filter(sheet.filter) : rows;
}
