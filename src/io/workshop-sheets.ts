// The workshop's record as worksheets a room can read in the Excel export: every pinned snapshot
// with its headline figures by year beside their differences from the first snapshot, and the
// session log. They are output only: import reads the workbook's own worksheets and the hidden
// file sheet, which keeps the record itself, and never these.
import type * as ExcelJSTypes from 'exceljs';
import type { Snapshot, Workbook } from '../model/schema';
import { FY_HEADER, YEAR_COLUMNS, type ReportKey } from './report';
import { EXCEL_FORMATS, titledSheet } from './excel-formats';

export const SNAPSHOTS_SHEET = 'Snapshots';
export const LOG_SHEET = 'Session log';

/** The headline figures a room compares, in the order the sheet shows them. */
export const SNAPSHOT_SHEET_KEYS = [
  'demandPerWeek',
  'capacityPerWeek',
  'netGapPerWeek',
  'unmetPerWeek',
  'netGapAtSafeWorkloadPerWeek',
  'gpWte',
  'gpContactsPerGpDay',
  'workforceCostGBP',
] as const satisfies readonly ReportKey[];

/** Columns before the figures: who, when, which scenario, which year. */
export const SNAPSHOT_FIXED_COLUMNS = ['Snapshot', 'Pinned at (UK time)', 'Scenario', FY_HEADER] as const;

/** A difference shown with its sign: "+1,234", "−1,234" (Excel shows a hyphen), "0". */
function signed(format: string): string {
  return `+${format};-${format};${format.replace(/#,##/, '')}`;
}

const UK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * An ISO time as the date Excel should show: the wall-clock time in the UK, where the room is,
 * whatever the time zone of the machine that writes the file (Excel dates have no zone).
 */
export function ukWallClock(iso: string): Date {
  const parts = Object.fromEntries(UK.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second));
}

function figure(s: Snapshot, fy: string, key: string): number | null {
  const v = s.figures.find((y) => y.fy === fy)?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function addSnapshotsSheet(book: ExcelJSTypes.Workbook, wb: Workbook, snapshots: readonly Snapshot[]): void {
  const first = snapshots[0];
  const scenarioName = (id: string) => wb.scenarios.find((s) => s.id === id)?.name ?? id;
  const fixed = SNAPSHOT_FIXED_COLUMNS.length;
  const ws = titledSheet(
    book,
    SNAPSHOTS_SHEET,
    `Pinned snapshots of ${wb.name}: whole workbook, each snapshot's scenario, FY means. Each "change" column is the difference from the first snapshot, “${first.name}”, in the same year.`,
    [...SNAPSHOT_FIXED_COLUMNS, ...SNAPSHOT_SHEET_KEYS.flatMap((k) => [YEAR_COLUMNS[k].header, `${YEAR_COLUMNS[k].header}: change from first`])],
    fixed,
  );
  ws.getRow(2).height = 48;
  [28, 18, 30, 11].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
  SNAPSHOT_SHEET_KEYS.forEach((k, i) => {
    const format = EXCEL_FORMATS[YEAR_COLUMNS[k].format];
    const value = ws.getColumn(fixed + 1 + 2 * i);
    const change = ws.getColumn(fixed + 2 + 2 * i);
    value.width = 14;
    value.numFmt = format;
    change.width = 14;
    change.numFmt = signed(format);
    change.font = { color: { argb: 'FF4C6272' } };
  });
  for (const s of snapshots) {
    for (const y of s.figures) {
      const fy = String(y.fy);
      const values = SNAPSHOT_SHEET_KEYS.flatMap((k) => {
        const v = figure(s, fy, k);
        const base = figure(first, fy, k);
        // the first snapshot is what the others are measured against: its change cells stay empty
        return [v, s === first || v === null || base === null ? null : v - base];
      });
      ws.addRow([s.name, ukWallClock(s.pinnedAt), scenarioName(s.scenario), fy, ...values]);
    }
  }
}

function addLogSheet(book: ExcelJSTypes.Workbook, wb: Workbook): void {
  const w = wb.workshop!;
  const from = w.session?.from ?? w.log.length;
  const title = w.session ? `Session log of ${wb.name}: ${w.log.length - from} change${w.log.length - from === 1 ? '' : 's'} in the session started ${UK.format(new Date(w.session.startedAt))} (UK time), and any kept from earlier sessions` : `Session log of ${wb.name}: changes kept from earlier sessions`;
  const ws = titledSheet(book, LOG_SHEET, title, ['Time (UK)', 'Change', 'Values changed', 'Session']);
  [18, 70, 10, 14].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.getColumn(1).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(3).numFmt = '#,##0';
  w.log.forEach((e, i) => ws.addRow([ukWallClock(e.at), e.label, e.changes.length, i >= from ? 'This session' : 'Earlier']));
}

/** Adds the snapshots and session log worksheets, when the workbook has any. */
export function addWorkshopSheets(book: ExcelJSTypes.Workbook, wb: Workbook): void {
  const w = wb.workshop;
  if (!w) return;
  if (w.snapshots.length) addSnapshotsSheet(book, wb, w.snapshots);
  if (w.log.length) addLogSheet(book, wb);
}
