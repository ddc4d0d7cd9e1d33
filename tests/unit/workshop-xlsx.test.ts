// The workshop's record in the Excel export: a "Snapshots" worksheet whose figures are the pinned
// figures and whose changes are their differences from the first snapshot, a "Session log"
// worksheet, both from the app's export and `npm run calc -- --export`; and the file still opens
// back to exactly the workbook it came from.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';
import type { Path } from '../../src/model/paths';
import type { Snapshot, Workbook } from '../../src/model/schema';
import { applyChanges } from '../../src/state/history';
import { toReport, YEAR_COLUMNS } from '../../src/io/report';
import { serializeWorkbook } from '../../src/io/workbook-file';
import { FILE_SHEET, workbookToXlsx, xlsxToWorkbook } from '../../src/io/xlsx';
import { LOG_SHEET, SNAPSHOT_FIXED_COLUMNS, SNAPSHOT_SHEET_KEYS, SNAPSHOTS_SHEET, ukWallClock } from '../../src/io/workshop-sheets';
import { appendLog, emptyWorkshop, logEntry, pinValues } from '../../src/model/workshop';

const GPS: Path = ['interventions', 'recruit-gps', 'effect', 'wtePerYear'];
const NAV: Path = ['settings', 'navigationShare'];

/** The sample after a short session: two edits, three pins (two scenarios), pinned in summer and winter. */
function roomWorkbook(): Workbook {
  let wb: Workbook = { ...loadSample(), workshop: { ...emptyWorkshop(), session: { startedAt: '2026-07-01T09:00:00.000Z', from: 0 } } };
  const edit = (label: string, edits: { path: Path; value: unknown }[], at: string) => {
    const { workbook, applied } = applyChanges(wb, edits);
    wb = { ...workbook, workshop: appendLog(wb.workshop!, logEntry(label, applied, new Date(at))) };
  };
  const pin = (name: string, scenario: string, at: string) => {
    const figures = toReport(wb.name, scenario, new Projection(wb).yearly(scenario)).years;
    const snap: Snapshot = { id: name.toLowerCase().replace(/\W+/g, '-'), name, pinnedAt: at, scenario, logLength: wb.workshop!.log.length, values: pinValues(wb, wb.workshop!), figures };
    wb = { ...wb, workshop: { ...wb.workshop!, snapshots: [...wb.workshop!.snapshots, snap] } };
  };
  pin("Room's starting point", 'strategy', '2026-07-01T09:05:00.000Z');
  edit('GPs recruited a year: 100', [{ path: GPS, value: 100 }], '2026-07-01T09:10:30.000Z');
  pin("Room's plan A", 'strategy', '2026-07-01T09:11:00.000Z');
  edit('Care navigation 35%', [{ path: NAV, value: 0.35 }], '2026-12-01T14:20:00.000Z');
  pin('Plan A, do nothing else', 'do-nothing', '2026-12-01T14:21:00.000Z');
  return wb;
}

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** Checks the Snapshots worksheet cell by cell against the snapshot record. */
function expectSnapshotSheet(book: ExcelJS.Workbook, wb: Workbook): void {
  const ws = book.getWorksheet(SNAPSHOTS_SHEET)!;
  expect(ws).toBeDefined();
  expect(ws.state).toBe('visible');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 4 });
  const header = (ws.getRow(2).values as unknown[]).slice(1);
  expect(header).toEqual([...SNAPSHOT_FIXED_COLUMNS, ...SNAPSHOT_SHEET_KEYS.flatMap((k) => [YEAR_COLUMNS[k].header, `${YEAR_COLUMNS[k].header}: change from first`])]);
  const snaps = wb.workshop!.snapshots;
  const first = snaps[0];
  let r = 3;
  for (const s of snaps) {
    for (const y of s.figures) {
      const row = ws.getRow(r++);
      expect(row.getCell(1).value).toBe(s.name);
      expect((row.getCell(2).value as Date).toISOString()).toBe(ukWallClock(s.pinnedAt).toISOString());
      expect(row.getCell(3).value).toBe(wb.scenarios.find((x) => x.id === s.scenario)!.name);
      expect(row.getCell(4).value).toBe(y.fy);
      SNAPSHOT_SHEET_KEYS.forEach((k, i) => {
        const value = row.getCell(5 + 2 * i);
        const change = row.getCell(6 + 2 * i);
        const want = y[k] as number | null;
        const base = first.figures.find((f) => f.fy === y.fy)![k] as number | null;
        expect(value.value ?? null).toBe(want);
        expect(change.value ?? null).toBe(s === first || want === null || base === null ? null : want - base);
      });
    }
  }
  expect(ws.rowCount).toBe(r - 1);
  // formatted as the app shows them: whole appointments, pounds, a sign on every change
  const gapCol = 5 + 2 * SNAPSHOT_SHEET_KEYS.indexOf('netGapPerWeek');
  expect(ws.getRow(3).getCell(gapCol).numFmt).toBe('#,##0');
  expect(ws.getRow(3).getCell(gapCol + 1).numFmt).toBe('+#,##0;-#,##0;0');
  expect(ws.getRow(3).getCell(5 + 2 * SNAPSHOT_SHEET_KEYS.indexOf('workforceCostGBP')).numFmt).toBe('"£"#,##0');
  expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(20);
}

function expectLogSheet(book: ExcelJS.Workbook, wb: Workbook): void {
  const ws = book.getWorksheet(LOG_SHEET)!;
  expect(ws).toBeDefined();
  expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['Time (UK)', 'Change', 'Values changed', 'Session']);
  const log = wb.workshop!.log;
  expect(ws.rowCount).toBe(2 + log.length);
  log.forEach((e, i) => {
    const row = ws.getRow(3 + i);
    expect((row.getCell(1).value as Date).toISOString()).toBe(ukWallClock(e.at).toISOString());
    expect(row.getCell(2).value).toBe(e.label);
    expect(row.getCell(3).value).toBe(e.changes.length);
    expect(row.getCell(4).value).toBe('This session');
  });
}

describe('the workshop record in the Excel export', { timeout: 120_000 }, () => {
  let wb: Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    wb = roomWorkbook();
    bytes = await workbookToXlsx(wb);
  }, 120_000);

  it('writes UK wall-clock times: BST in summer, GMT in winter', () => {
    expect(ukWallClock('2026-07-01T09:05:00.000Z').toISOString()).toBe('2026-07-01T10:05:00.000Z');
    expect(ukWallClock('2026-12-01T14:21:00.000Z').toISOString()).toBe('2026-12-01T14:21:00.000Z');
  });

  it("has a Snapshots worksheet whose figures are the snapshots' figures, with the differences from the first", async () => {
    const book = await open(bytes);
    expectSnapshotSheet(book, wb);
    // the first snapshot is not the last: plan A's gap really differs from the start
    const a = wb.workshop!.snapshots[1].figures[3];
    const start = wb.workshop!.snapshots[0].figures[3];
    expect(a.netGapPerWeek).not.toBe(start.netGapPerWeek);
  });

  it('has a Session log worksheet with every change and its time', async () => {
    expectLogSheet(await open(bytes), wb);
  });

  it('opens back to exactly the workbook, workshop record and all (the hidden worksheet is still the record)', async () => {
    const back = await xlsxToWorkbook(bytes);
    if (!back.ok) throw new Error(JSON.stringify(back.problems.slice(0, 3)));
    expect(serializeWorkbook(back.workbook)).toBe(serializeWorkbook(wb));
    const book = await open(bytes);
    expect(book.getWorksheet(FILE_SHEET)!.state).toBe('hidden');
  });

  it('opens back the same even when the Snapshots and log worksheets were edited in Excel', async () => {
    const book = await open(bytes);
    book.getWorksheet(SNAPSHOTS_SHEET)!.getCell('E3').value = 'edited';
    book.getWorksheet(LOG_SHEET)!.getCell('B3').value = 'edited';
    const back = await xlsxToWorkbook(new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
    if (!back.ok) throw new Error(JSON.stringify(back.problems.slice(0, 3)));
    expect(serializeWorkbook(back.workbook)).toBe(serializeWorkbook(wb));
  });

  it('adds neither worksheet to a workbook with no snapshots or log', async () => {
    const book = await open(await workbookToXlsx(loadSample()));
    expect(book.getWorksheet(SNAPSHOTS_SHEET)).toBeUndefined();
    expect(book.getWorksheet(LOG_SHEET)).toBeUndefined();
  });

  it('npm run calc -- --export writes the same worksheets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-workshop-xlsx-'));
    const file = join(dir, 'room.headroom.json');
    const out = join(dir, 'room.xlsx');
    writeFileSync(file, serializeWorkbook(wb));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calc.ts', file, '--export', out], { encoding: 'utf8' });
    expect(run.stderr).toBe(`wrote ${out}\n`);
    expect(run.status).toBe(0);
    const written = new Uint8Array(readFileSync(out));
    const book = await open(written);
    expectSnapshotSheet(book, wb);
    expectLogSheet(book, wb);
    const back = await xlsxToWorkbook(written);
    expect(back.ok && serializeWorkbook(back.workbook)).toBe(serializeWorkbook(wb));
  });
});
