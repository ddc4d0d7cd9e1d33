// Excel number formats for the app's number formats: every worksheet of the export shows a figure
// as the app does.
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
