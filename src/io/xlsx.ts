// Excel in and out. Export writes one worksheet per input sheet as the grid shows it (headers in
// words, numbers as numbers in the grid's formats, frozen header row) and the results; import reads
// those worksheets back with the grid's codec, so a workbook exported, edited in Excel (values
// changed, rows added or removed) and imported again carries exactly those edits. A hidden
// worksheet keeps the workbook file itself, for the fields no sheet shows (systems, a recruitment
// plan's ramp-up, sources of the seasonal indices); the visible worksheets always win over it.
// ExcelJS is loaded only when asked (about 1 MB), so it is not part of the app's first load.
import type * as ExcelJSTypes from 'exceljs';
import type { Workbook } from '../model/schema';
import { parseWorkbook, type Problem } from '../model/validate';
import { migrate } from '../model/migrate';
import { formatPath, getAt, rowKey, setAt, type KeyedTable } from '../model/paths';
import { decode } from '../ui/sheets/codec';
import { fieldOf, type CellType, type RecordField, type TableSheet } from '../ui/sheets/sheets';
import { RECORD_COLUMNS, SHEETS, sheetTable, tableRowsOf, type SheetTable, type TableCell } from './sheet-table';
import { serializeWorkbook } from './workbook-file';
import { FY_HEADER, YEAR_COLUMNS, YEAR_KEYS } from './report';
import { LEVEL_WORDS, type ResultsData } from './results-export';
import { blankWorkbook } from '../state/blank';
import { EXCEL_FORMATS, titledSheet } from './excel-formats';
import { addWorkshopSheets } from './workshop-sheets';

type ExcelJS = typeof ExcelJSTypes;
type Worksheet = ExcelJSTypes.Worksheet;

/** Name of the hidden worksheet that carries the workbook file. */
export const FILE_SHEET = 'Headroom file';
/** An Excel cell holds at most 32,767 characters. */
const CHUNK = 30_000;
export const XLSX_SUFFIX = '.xlsx';

let excel: Promise<ExcelJS> | null = null;

/** ExcelJS, loaded on first use. */
export function loadExcelJS(): Promise<ExcelJS> {
  excel ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJS }).default ?? m) as ExcelJS);
  return excel;
}

export interface XlsxProblem {
  /** Worksheet name, '' for the file as a whole. */
  sheet: string;
  /** A1-style cell, '' when the problem is not in one cell. */
  cell: string;
  message: string;
}

export type XlsxImport = { ok: true; workbook: Workbook } | { ok: false; problems: XlsxProblem[] };

export function describeXlsxProblems(problems: readonly XlsxProblem[], limit = 3): string {
  const one = (p: XlsxProblem) => `${p.sheet ? `${p.sheet}${p.cell ? ` ${p.cell}` : ''}: ` : ''}${p.message}`;
  const head = problems.slice(0, limit).map(one).join('; ');
  return problems.length > limit ? `${head} (and ${problems.length - limit} more)` : head;
}

// ---- export ----------------------------------------------------------------------------------------

/** The grid's format for an input cell: whole numbers without decimals, the rest as typed. */
function inputFormat(cell: TableCell): string | undefined {
  const v = cell.value;
  if (typeof v !== 'number') return cell.type === 'date' ? 'yyyy-mm-dd' : undefined;
  switch (cell.type) {
    case 'int':
      return '#,##0';
    case 'wte':
      return '#,##0.00';
    case 'gbp':
      return Number.isInteger(v) ? '"£"#,##0' : '"£"#,##0.00';
    case 'percent':
      return Number.isInteger(Math.round(v * 100 * 1e9) / 1e9) ? '0%' : '0.0##%';
    default:
      return 'General';
  }
}

/** A header in words with its unit where the grid's header does not say it. */
export function headerWithUnit(header: string, type: CellType): string {
  if (type === 'percent' && !header.includes('%')) return `${header} (%)`;
  if (type === 'gbp' && !header.includes('£')) return `${header} (£)`;
  return header;
}

function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function addTableSheet(book: ExcelJSTypes.Workbook, t: SheetTable): void {
  const ws = book.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({ header: headerWithUnit(c.header, c.type), width: Math.max(10, Math.round(c.width / 7)) }));
  ws.getRow(1).font = { bold: true };
  for (const row of t.rows) {
    const added = ws.addRow(row.map((c) => (c.type === 'date' && typeof c.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.value) ? isoToDate(c.value) : c.value)));
    row.forEach((c, i) => {
      const fmt = inputFormat(c);
      if (fmt && c.value !== null) added.getCell(i + 1).numFmt = fmt;
    });
  }
}

function addResultsSheets(book: ExcelJSTypes.Workbook, results: ResultsData): void {
  for (const level of ['total', 'system', 'place', 'pcn', 'practice'] as const) {
    const rows = results.entities.filter((e) => e.level === level);
    if (!rows.length) continue;
    const withCode = level !== 'total';
    const ws = book.addWorksheet(`Yearly, ${LEVEL_WORDS[level]}`, { views: [{ state: 'frozen', ySplit: 1, xSplit: withCode ? 4 : 2 }] });
    const fixed = [{ header: 'Scenario', width: 30 }, ...(withCode ? [{ header: 'Code', width: 12 }, { header: 'Name', width: 36 }] : []), { header: FY_HEADER, width: 12 }];
    ws.columns = [...fixed, ...YEAR_KEYS.map((k) => ({ header: YEAR_COLUMNS[k].header, width: Math.max(12, Math.min(24, YEAR_COLUMNS[k].header.length + 2)) }))];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
    YEAR_KEYS.forEach((k, i) => (ws.getColumn(fixed.length + 1 + i).numFmt = EXCEL_FORMATS[YEAR_COLUMNS[k].format]));
    for (const e of rows) for (const y of e.years) ws.addRow([e.scenario, ...(withCode ? [e.code, e.name] : []), y.fy, ...YEAR_KEYS.map((k) => y[k])]);
  }
  const w = results.weekly;
  const ws = titledSheet(book, 'Weekly, chosen view', `Weekly figures · ${w.entityName || 'All systems'} · ${w.scenarioName} (appointments a week unless stated)`, ['Week starting', FY_HEADER, ...w.columns.map((c) => c.header)], 2);
  ws.getColumn(1).width = 13;
  ws.getColumn(1).numFmt = 'yyyy-mm-dd';
  ws.getColumn(2).width = 10;
  w.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 3);
    col.width = 14;
    col.numFmt = EXCEL_FORMATS[c.format];
  });
  w.weeks.forEach((week, t) => ws.addRow([isoToDate(week), w.fy[t], ...w.columns.map((c) => c.values[t])]));
}

/** The workbook (and, when given, its results) as the bytes of an .xlsx file. */
export async function workbookToXlsx(wb: Workbook, results?: ResultsData): Promise<Uint8Array> {
  const Excel = await loadExcelJS();
  const book = new Excel.Workbook();
  book.creator = 'Headroom';
  book.title = wb.name;
  for (const sheet of SHEETS) addTableSheet(book, sheetTable(wb, sheet));
  if (results) addResultsSheets(book, results);
  addWorkshopSheets(book, wb);
  const file = book.addWorksheet(FILE_SHEET, { state: 'hidden' });
  const text = serializeWorkbook(wb);
  file.getCell('A1').value = 'The workbook as a Headroom file, for fields no other worksheet shows. Edit the other worksheets; they win over this one.';
  for (let i = 0, r = 2; i < text.length; i += CHUNK, r++) file.getCell(`A${r}`).value = text.slice(i, i + CHUNK);
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

// ---- import ----------------------------------------------------------------------------------------

/** Plain value of an ExcelJS cell: formulas give their result, rich text its text. */
function plain(v: ExcelJSTypes.CellValue): { value: unknown } | { error: string } {
  if (v === null || v === undefined) return { value: null };
  if (v instanceof Date) return { value: v };
  if (typeof v === 'object') {
    if ('error' in v) return { error: `the cell shows the error ${String(v.error)}` };
    if ('result' in v) return plain((v as { result?: ExcelJSTypes.CellValue }).result ?? null);
    if ('formula' in v || 'sharedFormula' in v) return { error: 'the formula has no saved result (save the file in Excel first)' };
    if ('richText' in v) return { value: v.richText.map((t) => t.text).join('') };
    if ('text' in v) return { value: String((v as { text: unknown }).text) };
    return { error: 'the cell holds something other than a value' };
  }
  return { value: v };
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Excel's day number (1900 system) or a date cell as YYYY-MM-DD. */
function excelDate(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && v > 0 && v < 2_958_466) return new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10);
  return v;
}

/** A cell's value decoded for a column's type, with the grid's rules and messages. */
function decodeCell(type: CellType, raw: unknown, nullable: boolean, options: readonly string[], labels?: Record<string, string>): { ok: true; value: unknown } | { ok: false; message: string } {
  if (type === 'date') {
    const d = excelDate(raw);
    if (isBlank(d)) return nullable ? { ok: true, value: null } : { ok: false, message: 'needs a date' };
    const text = String(d).trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { ok: true, value: text } : { ok: false, message: `'${text.slice(0, 40)}' is not a date written YYYY-MM-DD` };
  }
  // a percentage cell holds its fraction (25% is 0.25); typed text such as "25%" or "25" reads as the grid reads it
  if (type === 'percent' && typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be a finite number' };
  if (typeof raw === 'number' && (type === 'key' || type === 'text' || type === 'enum' || type === 'list')) raw = String(raw);
  if (typeof raw === 'boolean' && type !== 'bool') raw = raw ? 'yes' : 'no';
  if (raw instanceof Date) return { ok: false, message: 'holds a date, not a value of this column' };
  return decode(type, raw, nullable, options, labels);
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function normHeader(h: unknown): string {
  return String(h ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

interface Located {
  sheet: string;
  cell: string;
}

/** Where each workbook path came from, to name the cell when the workbook as a whole is refused. */
type Origins = Map<string, Located>;

function headerMap(ws: Worksheet, headers: string[], types: CellType[], problems: XlsxProblem[]): number[] | null {
  const found = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const p = plain(cell.value);
    if ('value' in p && !isBlank(p.value)) found.set(normHeader(p.value), col);
  });
  const out: number[] = [];
  let ok = true;
  headers.forEach((h, i) => {
    const col = found.get(normHeader(headerWithUnit(h, types[i]))) ?? found.get(normHeader(h));
    if (col === undefined) {
      problems.push({ sheet: ws.name, cell: '', message: `the column '${headerWithUnit(h, types[i])}' is missing from the header row` });
      ok = false;
    } else out.push(col);
  });
  return ok ? out : null;
}

function readTableSheet(ws: Worksheet, sheet: TableSheet, base: Workbook, problems: XlsxProblem[], origins: Origins): Record<string, unknown>[] | null {
  // names shown beside codes (a column with `value`) are worked out from the workbook, never read back
  const columns = sheet.columns.filter((c) => !c.value);
  const cols = headerMap(
    ws,
    columns.map((c) => c.header),
    columns.map((c) => c.type),
    problems,
  );
  if (!cols) return null;
  const baseRows = new Map(tableRowsOf(base, sheet).map((r) => [rowKey(sheet.table, r), r]));
  const out: Record<string, unknown>[] = [];
  const before = problems.length;
  for (let r = 2; r <= ws.rowCount; r++) {
    const xrow = ws.getRow(r);
    const raws = cols.map((c) => plain(xrow.getCell(c).value));
    if (raws.every((p) => 'value' in p && isBlank(p.value))) continue;
    const build = (start: Record<string, unknown>): { row: Record<string, unknown>; bad: XlsxProblem[]; cells: Map<string, string> } => {
      let row = start;
      const bad: XlsxProblem[] = [];
      const cells = new Map<string, string>();
      columns.forEach((col, i) => {
        const at = `${columnLetter(cols[i])}${r}`;
        const p = raws[i];
        if ('error' in p) {
          bad.push({ sheet: ws.name, cell: at, message: `${col.header}: ${p.error}` });
          return;
        }
        const field = fieldOf(col, row);
        if (!field) {
          if (!isBlank(p.value)) bad.push({ sheet: ws.name, cell: at, message: `${col.header} does not apply to this row; leave it empty` });
          return;
        }
        const d = decodeCell(col.typeFor?.(row) ?? col.type, p.value, !!col.nullable, col.options ? col.options(base) : [], col.labels);
        if (!d.ok) {
          bad.push({ sheet: ws.name, cell: at, message: `${col.header}: ${d.message}` });
          return;
        }
        const set = col.setAs ? col.setAs(d.value, row, base) : { field, value: d.value };
        row = setAt(row, set.field, set.value);
        cells.set(set.field.join('.'), at);
      });
      return { row, bad, cells };
    };
    // a row is first read over a fresh row to learn its key, then over the exported row of that key
    const first = build(sheet.newRow ? sheet.newRow(base) : {});
    const key = first.bad.length ? null : rowKey(sheet.table, first.row);
    const existing = key !== null ? baseRows.get(key) : undefined;
    const done = existing ? build(existing) : first;
    if (done.bad.length) {
      problems.push(...done.bad);
      continue;
    }
    const k = rowKey(sheet.table, done.row);
    origins.set(formatPath([sheet.table, k]), { sheet: ws.name, cell: `A${r}` });
    for (const [field, cell] of done.cells) origins.set(formatPath([sheet.table, k, ...field.split('.')]), { sheet: ws.name, cell });
    out.push(done.row);
  }
  return problems.length > before ? null : out;
}

function readRecordSheet(ws: Worksheet, fields: RecordField[], base: Workbook, next: Workbook, problems: XlsxProblem[], origins: Origins): Workbook {
  const cols = headerMap(
    ws,
    RECORD_COLUMNS.map((c) => c.header),
    RECORD_COLUMNS.map((c) => c.type),
    problems,
  );
  if (!cols) return next;
  const [labelCol, valueCol, , sourceCol] = cols;
  const byLabel = new Map(fields.map((f) => [normHeader(f.label), f]));
  const seen = new Set<RecordField>();
  let out = next;
  for (let r = 2; r <= ws.rowCount; r++) {
    const xrow = ws.getRow(r);
    const label = plain(xrow.getCell(labelCol).value);
    if (!('value' in label) || isBlank(label.value)) continue;
    const f = byLabel.get(normHeader(label.value));
    if (!f) {
      problems.push({ sheet: ws.name, cell: `${columnLetter(labelCol)}${r}`, message: `'${String(label.value).slice(0, 60)}' is not a setting of this sheet` });
      continue;
    }
    seen.add(f);
    const at = `${columnLetter(valueCol)}${r}`;
    const p = plain(xrow.getCell(valueCol).value);
    if ('error' in p) {
      problems.push({ sheet: ws.name, cell: at, message: `${f.label}: ${p.error}` });
      continue;
    }
    const d = decodeCell(f.type, p.value, !!f.nullable, []);
    if (!d.ok) {
      problems.push({ sheet: ws.name, cell: at, message: `${f.label}: ${d.message}` });
      continue;
    }
    out = setAt(out, f.path, d.value);
    origins.set(formatPath(f.path), { sheet: ws.name, cell: at });
    if (f.source) {
      const s = plain(xrow.getCell(sourceCol).value);
      const text = 'value' in s && !isBlank(s.value) ? String(s.value) : '';
      // rows that share one source (the twelve seasonal indices) keep it unless one of them changed it
      if (text !== String(getAt(base, f.source) ?? '')) out = setAt(out, f.source.slice(0, -1), { ...(getAt(out, f.source.slice(0, -1)) as object), [String(f.source[f.source.length - 1])]: text });
    }
  }
  for (const f of fields) if (!seen.has(f)) problems.push({ sheet: ws.name, cell: '', message: `the row '${f.label}' is missing` });
  return out;
}

function readFileSheet(ws: Worksheet | undefined): { workbook: Workbook } | { problem: string } | null {
  if (!ws) return null;
  let text = '';
  for (let r = 2; r <= ws.rowCount; r++) {
    const p = plain(ws.getCell(`A${r}`).value);
    if ('value' in p && typeof p.value === 'string') text += p.value;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: `the hidden worksheet '${FILE_SHEET}' was changed and can no longer be read; delete it to read the visible worksheets alone` };
  }
  const m = migrate(json);
  if (!m.ok) return { problem: m.message };
  const parsed = parseWorkbook(m.value);
  if (!parsed.ok) return { problem: `the hidden worksheet '${FILE_SHEET}' holds a workbook with problems: ${parsed.problems[0].path} ${parsed.problems[0].message}` };
  return { workbook: parsed.workbook };
}

/** Reads an .xlsx exported by Headroom (and perhaps edited since) into a checked workbook. */
export async function xlsxToWorkbook(data: ArrayBuffer | Uint8Array): Promise<XlsxImport> {
  const Excel = await loadExcelJS();
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ sheet: '', cell: '', message: 'this is not an Excel workbook (.xlsx) that can be read' }] };
  }
  const problems: XlsxProblem[] = [];
  const file = readFileSheet(book.getWorksheet(FILE_SHEET));
  if (file && 'problem' in file) return { ok: false, problems: [{ sheet: FILE_SHEET, cell: '', message: file.problem }] };
  const base = file ? file.workbook : blankWorkbook();
  const origins: Origins = new Map();
  let next = base;
  const tableRows = new Map<KeyedTable, Record<string, unknown>[][]>();
  for (const sheet of SHEETS) {
    const ws = book.getWorksheet(sheet.title);
    if (!ws) {
      problems.push({ sheet: sheet.title, cell: '', message: `the worksheet '${sheet.title}' is missing (Headroom reads the worksheets it exported, by name)` });
      continue;
    }
    if (sheet.kind === 'record') next = readRecordSheet(ws, sheet.fields(base), base, next, problems, origins);
    else {
      const rows = readTableSheet(ws, sheet, base, problems, origins);
      if (rows) tableRows.set(sheet.table, [...(tableRows.get(sheet.table) ?? []), rows]);
    }
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, 100) };
  for (const [table, parts] of tableRows) {
    let rows = parts.flat();
    if (parts.length > 1) {
      // a table shown on two sheets (interventions and recruitment plans) keeps its order; new rows go last
      const order = new Map((base[table] as object[]).map((r, i) => [rowKey(table, r), i]));
      rows = rows.map((r, i) => ({ r, i })).sort((a, b) => (order.get(rowKey(table, a.r)) ?? 1e9 + a.i) - (order.get(rowKey(table, b.r)) ?? 1e9 + b.i)).map((x) => x.r);
    }
    next = { ...next, [table]: rows };
  }
  const parsed = parseWorkbook(next);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => locate(p, origins)) };
  return { ok: true, workbook: parsed.workbook };
}

function locate(p: Problem, origins: Origins): XlsxProblem {
  // the most precise origin: the cell itself, else its row
  for (let path = p.path; path; path = path.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '')) {
    const hit = origins.get(path);
    if (hit) return { ...hit, message: p.message };
    if (!/(\.[^.[\]]+|\[[^\]]*\])$/.test(path)) break;
  }
  return { sheet: '', cell: '', message: p.path ? `${p.path}: ${p.message}` : p.message };
}

