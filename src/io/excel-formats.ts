// Excel number formats for the app's number formats: every worksheet of the export shows a figure
// as the app does.
import type * as ExcelJSTypes from 'exceljs';
import type { NumberFormat } from '../ui/format';

export const EXCEL_FORMATS: Record<NumberFormat, string> = {
  int: '#,##0',
  number: '#,##0.0',
  decimal2: '#,##0.00',
  wte: '#,##0.0',
  percent: '0.0%',
  gbp: '"£"#,##0',
  gbp2: '"£"#,##0.00',
  gbpMillions: '"£"#,##0',
};

/**
 * A worksheet that opens with a title line in bold above a bold, wrapped header row, both frozen
 * (with `xSplit` columns frozen at the left): the layout of every titled sheet of the export.
 */
export function titledSheet(book: ExcelJSTypes.Workbook, name: string, title: string, headers: readonly string[], xSplit = 0): ExcelJSTypes.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2, ...(xSplit ? { xSplit } : {}) }] });
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true };
  const header = ws.getRow(2);
  header.values = [...headers];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  return ws;
}
