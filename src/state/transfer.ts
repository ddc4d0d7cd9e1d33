// Files in and out of the open workbook, other than the workbook file itself: Excel export and
// import, CSV of any table, and sending a dropped NHS file to Import data. The UI asks this module
// and downloads what it returns; the figures come from the engine worker, never from the page.
import type { Workspace } from './workspace.svelte';
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

const OPENS = 'Open file opens Headroom workbooks (.headroom.json) and Excel files exported from Headroom (.xlsx)';

/** The workbook with every scenario's results, as an .xlsx file. ExcelJS loads on first use. */
export async function exportExcel(ws: Workspace): Promise<Download> {
  const wb = ws.workbook;
  if (!wb) throw new Error('no workbook is open');
  const [{ workbookToXlsx }, results] = await Promise.all([import('../io/xlsx'), ws.problems.length ? Promise.resolve(undefined) : ws.engine.exportResults({ scenario: ws.scenario, ref: plainCopy(ws.ref) })]);
  const bytes = await workbookToXlsx(wb, results);
  return { name: `${fileStem(wb.name)}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: bytes };
}

// the view request holds rune proxies, which cannot be posted to the worker
function plainCopy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** One sheet as CSV, with the headers the grid shows. */
export function sheetCsv(ws: Workspace, sheet: Sheet): Download {
  const wb = ws.workbook;
  if (!wb) throw new Error('no workbook is open');
  const t = sheetTable(wb, sheet);
  const csv = toCsv(
    t.columns.map((c) => c.header),
    t.rows.map((r) => r.map(csvText)),
  );
  return { name: `${fileStem(wb.name)}-${sheet.id}.csv`, type: 'text/csv', data: withBom(csv) };
}

/** The yearly figures on screen (chosen scenario and entity) as CSV, with the table's headers. */
export function yearsTableCsv(ws: Workspace, keys?: Parameters<typeof yearsCsv>[1]): Download {
  const v = ws.view;
  if (!v) throw new Error('no results yet');
  const stem = `${fileStem(ws.name)}-${v.request.scenario}-${v.request.ref.level === 'total' ? 'all' : v.request.ref.code}`;
  return { name: `${fileStem(stem)}-yearly.csv`, type: 'text/csv', data: withBom(yearsCsv(v.years, keys)) };
}

/** A chart's numbers as CSV: its x labels and one column per series. */
export function chartCsv(title: string, xTitle: string, labels: readonly string[], series: readonly { label: string; data: readonly number[] }[]): Download {
  const rows = labels.map((l, i) => [l, ...series.map((s) => String(s.data[i] ?? ''))]);
  return { name: `${fileStem(title)}.csv`, type: 'text/csv', data: withBom(toCsv([xTitle || 'Period', ...series.map((s) => s.label)], rows)) };
}

/**
 * Opens a file chosen or dropped on Open file: a workbook file, an Excel file exported from
 * Headroom (both as a new workbook), or a published NHS CSV (sent to Import data).
 */
export async function openAnyFile(ws: Workspace, file: File): Promise<Opened> {
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { kind: 'refused', message: `${file.name} was not opened: ${tooBig}.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(file.name)) {
    const { xlsxToWorkbook, describeXlsxProblems } = await import('../io/xlsx');
    const read = await xlsxToWorkbook(bytes);
    if (!read.ok) return { kind: 'refused', message: `${file.name} was not opened: ${describeXlsxProblems(read.problems)}.` };
    await ws.adopt(read.workbook);
    return { kind: 'opened', message: `Opened ${file.name} as a new workbook.` };
  }
  const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, '');
  if (/\.(csv|txt)$/i.test(file.name) || !/^\s*[{[]/.test(text)) {
    const nhs = readNhsFile(file.name, bytes);
    if (nhs.ok) return { kind: 'nhs', message: `${file.name} is published NHS data (${nhs.file.kind === 'workforce' ? 'PCN workforce' : nhs.file.kind === 'payments' ? 'NHS Payments to General Practice' : 'registered patients'}): see what it would change under Import data.`, file };
    return { kind: 'refused', message: `${file.name} was not opened. ${OPENS}; Import data reads published NHS files (${acceptedKinds()}).` };
  }
  const result = await ws.openFileText(text, file.name);
  return result.ok ? { kind: 'opened', message: `Opened ${file.name} as a new workbook.` } : { kind: 'refused', message: result.message };
}
