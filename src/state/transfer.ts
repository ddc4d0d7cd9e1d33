// Files in and out of the open workbook, other than the workbook file itself: Excel export and
// import, CSV of any table, and sending a dropped NHS file to Import data. The UI asks this module
// and downloads what it returns; the figures come from the engine worker, never from the page.
import type { AppState } from './app.svelte';
import type { Workbook } from '../model/schema';
import type { View } from '../engine-client';
import type { EngineClient } from '../engine-client';
import { checkFileSize } from '../io/workbook-file';
import { fileStem, toCsv, withBom } from '../io/csv';
import { csvText, sheetTable, type Sheet } from '../io/sheet-table';
import { yearsCsv } from '../io/report';
import { readNhsFile, acceptedKinds } from '../io/nhs';

export interface Download {
  name: string;
  type: string;
  data: Uint8Array | string;
}

export type Opened = { kind: 'opened'; message: string } | { kind: 'refused'; message: string } | { kind: 'nhs'; message: string; file: File };

const OPENS = 'Open file opens Headroom workbooks (.headroom.json), backups (.zip) and Excel files exported from Headroom (.xlsx)';

/** The workbook with every scenario's results, as an .xlsx file. ExcelJS loads on first use. */
export async function exportExcel(app: AppState): Promise<Download> {
  const wb = app.book.workbook;
  if (!wb) throw new Error('no workbook is open');
  const engine = app.results.engine as Partial<Pick<EngineClient, 'exportResults'>>;
  // results only while the workbook computes; the sheets are exported either way
  const results = app.book.problems.length || !engine.exportResults ? Promise.resolve(undefined) : engine.exportResults({ scenario: app.results.scenario, ref: plainCopy(app.results.ref) });
  const [{ workbookToXlsx }, data] = await Promise.all([import('../io/xlsx'), results]);
  const bytes = await workbookToXlsx(wb, data);
  return { name: `${fileStem(wb.name)}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: bytes };
}

// the view request holds rune proxies, which cannot be posted to the worker
function plainCopy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** One sheet as CSV, with the headers the grid shows. */
export function sheetCsv(wb: Workbook, sheet: Sheet): Download {
  const t = sheetTable(wb, sheet);
  const csv = toCsv(
    t.columns.map((c) => c.header),
    t.rows.map((r) => r.map(csvText)),
  );
  return { name: `${fileStem(wb.name)}-${sheet.id}.csv`, type: 'text/csv', data: withBom(csv) };
}

/** The yearly figures on screen (chosen scenario and entity) as CSV, with the table's headers. */
export function yearsTableCsv(name: string, v: View | null, keys?: Parameters<typeof yearsCsv>[1]): Download {
  if (!v) throw new Error('no results yet');
  const stem = `${fileStem(name)}-${v.request.scenario}-${v.request.ref.level === 'total' ? 'all' : v.request.ref.code}`;
  return { name: `${fileStem(stem)}-yearly.csv`, type: 'text/csv', data: withBom(yearsCsv(v.years, keys)) };
}

/** A chart's numbers as CSV: its x labels and one column per series. */
export function chartCsv(title: string, xTitle: string, labels: readonly string[], series: readonly { label: string; data: readonly number[] }[]): Download {
  const rows = labels.map((l, i) => [l, ...series.map((s) => String(s.data[i] ?? ''))]);
  return { name: `${fileStem(title)}.csv`, type: 'text/csv', data: withBom(toCsv([xTitle || 'Period', ...series.map((s) => s.label)], rows)) };
}

/**
 * Opens an Excel file exported from Headroom as a new workbook, or sends a published NHS CSV to
 * Import data; workbook files and backups go through open-file.ts.
 */
export async function openSpreadsheet(app: AppState, file: File): Promise<Opened> {
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { kind: 'refused', message: `${file.name} was not opened: ${tooBig}.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) {
    const { xlsxToWorkbook, describeXlsxProblems } = await import('../io/xlsx');
    const read = await xlsxToWorkbook(bytes);
    if (!read.ok) return { kind: 'refused', message: `${file.name} was not opened: ${describeXlsxProblems(read.problems)}.` };
    await app.adopt(read.workbook);
    return { kind: 'opened', message: `Opened ${file.name} as a new workbook.` };
  }
  const nhs = readNhsFile(file.name, bytes);
  if (nhs.ok) return { kind: 'nhs', message: `${file.name} is published NHS data (${nhs.file.kind === 'workforce' ? 'PCN workforce' : nhs.file.kind === 'payments' ? 'NHS Payments to General Practice' : 'registered patients'}): see what it would change under Import data.`, file };
  return { kind: 'refused', message: `${file.name} was not opened. ${OPENS}; Import data reads published NHS files (${acceptedKinds()}).` };
}
