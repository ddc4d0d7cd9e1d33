// Excel out and back in: the sample survives exactly, edits made in Excel arrive exactly, and a bad
// cell is refused with its worksheet, its A1 address and what is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { loadSample } from '../../src/sample';
import { FILE_SHEET, workbookToXlsx, xlsxToWorkbook, type XlsxImport } from '../../src/io/xlsx';
import { collectResults } from '../../src/io/results-export';
import { serializeWorkbook } from '../../src/io/workbook-file';
import { Projection } from '../../src/engine';
import { YEAR_COLUMNS } from '../../src/io/report';
import type { Workbook } from '../../src/model/schema';

const sample = loadSample();
let exported: Uint8Array;
let plainExport: Uint8Array;

beforeAll(async () => {
  const results = await collectResults(new Projection(sample), { scenario: 'strategy', ref: { level: 'pcn', code: sample.pcns[0].code } });
  exported = await workbookToXlsx(sample, results);
  plainExport = await workbookToXlsx(sample);
}, 300_000);

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

async function edited(change: (book: ExcelJS.Workbook) => void): Promise<XlsxImport> {
  const book = await open(plainExport);
  change(book);
  return xlsxToWorkbook(new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
}

function ok(r: XlsxImport): Workbook {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems.slice(0, 3))}`);
  return r.workbook;
}

/** Row number of a key in column A of a worksheet. */
function rowOf(ws: ExcelJS.Worksheet, key: string): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(`A${r}`).value === key) return r;
  throw new Error(`no row ${key} in ${ws.name}`);
}

describe('Excel export and import', () => {
  it('gives back exactly the workbook it was exported from, results worksheets and all', async () => {
    const back = ok(await xlsxToWorkbook(exported));
    expect(serializeWorkbook(back)).toBe(serializeWorkbook(sample));
  }, 120_000);

  it('writes one worksheet per sheet with words for headers, a frozen header row and numbers as numbers', async () => {
    const book = await open(exported);
    const names = book.worksheets.map((w) => w.name);
    expect(names.slice(0, 4)).toEqual(['Settings', 'Practices and lists', 'Places', 'PCNs']);
    expect(names).toContain('Yearly, practices');
    expect(names).toContain('Weekly, chosen view');
    const practices = book.getWorksheet('Practices and lists')!;
    expect(practices.getRow(1).values).toEqual([undefined, 'Code', 'Practice', 'PCN', 'Registered patients', 'Weighted list', 'Source']);
    expect(practices.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const r = rowOf(practices, 'F81001');
    expect(practices.getCell(`D${r}`).value).toBe(12911.25);
    expect(practices.getCell(`D${r}`).numFmt).toBe('#,##0');
    const roles = book.getWorksheet('Roles')!;
    expect(roles.getCell('G1').value).toBe('Did not attend (%)');
    const gp = rowOf(roles, 'gp');
    expect(roles.getCell(`G${gp}`).value).toBe(sample.roles.find((x) => x.id === 'gp')!.dnaRate);
    expect(String(roles.getCell(`G${gp}`).numFmt)).toMatch(/%$/);
    expect(book.getWorksheet(FILE_SHEET)!.state).toBe('hidden');
  }, 120_000);

  it('puts every scenario at every level in the yearly worksheets, equal to the engine', async () => {
    const book = await open(exported);
    const p = new Projection(sample);
    const pcns = book.getWorksheet('Yearly, PCNs')!;
    const header = (pcns.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['Scenario', 'Code', 'Name', 'Financial year']);
    expect(header).toContain(YEAR_COLUMNS.netGapPerWeek.header);
    // one row per scenario, PCN and year
    expect(pcns.rowCount - 1).toBe(sample.scenarios.length * sample.pcns.length * 10);
    const gapCol = header.indexOf(YEAR_COLUMNS.netGapPerWeek.header) + 1;
    const worst = sample.scenarios.find((s) => s.id === 'worst-case')!;
    const code = sample.pcns[3].code;
    const expected = p.yearly('worst-case', { level: 'pcn', code });
    let found = 0;
    pcns.eachRow((row) => {
      if (row.getCell(1).value === worst.name && row.getCell(2).value === code) {
        const y = expected.find((e) => e.fy === row.getCell(4).value)!;
        expect(row.getCell(gapCol).value).toBe(y.netGapPerWeek);
        found++;
      }
    });
    expect(found).toBe(10);
    const practices = book.getWorksheet('Yearly, practices')!;
    expect(practices.rowCount - 1).toBe(sample.scenarios.length * sample.practices.length * 10);
    const weekly = book.getWorksheet('Weekly, chosen view')!;
    expect(weekly.rowCount).toBe(2 + 520);
    expect(String(weekly.getCell('A1').value)).toContain('Strategy');
  }, 120_000);

  it('carries edits made in Excel: a changed value, an added row, a removed row, a percentage', async () => {
    const r = await edited((book) => {
      const practices = book.getWorksheet('Practices and lists')!;
      practices.getCell(`D${rowOf(practices, 'F81001')}`).value = 13000;
      const funding = book.getWorksheet('Funding')!;
      funding.spliceRows(rowOf(funding, sample.funding[0].id), 1);
      practices.addRow(['Z99999', 'New Town Surgery', sample.pcns[0].code, 4321, null, 'typed in Excel']);
      const roles = book.getWorksheet('Roles')!;
      roles.getCell(`G${rowOf(roles, 'gp')}`).value = 0.04;
      const settings = book.getWorksheet('Settings')!;
      settings.getCell('B2').value = 'Edited in Excel';
    });
    const wb = ok(r);
    const expected = structuredClone(sample);
    expected.name = 'Edited in Excel';
    expected.practices.find((p) => p.code === 'F81001')!.registered = 13000;
    expected.funding = expected.funding.slice(1);
    expected.practices.push({ code: 'Z99999', name: 'New Town Surgery', pcn: sample.pcns[0].code, registered: 4321, weighted: null, source: 'typed in Excel' });
    expected.roles.find((x) => x.id === 'gp')!.dnaRate = 0.04;
    expect(serializeWorkbook(wb)).toBe(serializeWorkbook(expected));
  }, 120_000);

  it('refuses text in a number cell, naming the worksheet, the cell and the problem, and opens nothing', async () => {
    const r = await edited((book) => {
      const practices = book.getWorksheet('Practices and lists')!;
      practices.getCell(`D${rowOf(practices, 'F81001')}`).value = 'lots';
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toEqual({ sheet: 'Practices and lists', cell: expect.stringMatching(/^D\d+$/), message: "Registered patients: 'lots' is not a number" });
  }, 120_000);

  it('refuses a reference to a PCN that does not exist, at the cell that names it', async () => {
    let at = '';
    const r = await edited((book) => {
      const practices = book.getWorksheet('Practices and lists')!;
      at = `C${rowOf(practices, 'F81001')}`;
      practices.getCell(at).value = 'NOPE';
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].sheet).toBe('Practices and lists');
    expect(r.problems[0].message).toMatch(/NOPE/);
    expect(r.problems[0].cell).toBe(at);
  }, 120_000);

  it('refuses a file that is not an Excel workbook, and one with a worksheet missing', async () => {
    const junk = await xlsxToWorkbook(new TextEncoder().encode('code,name\nA,B\n'));
    expect(junk).toEqual({ ok: false, problems: [{ sheet: '', cell: '', message: 'this is not an Excel workbook (.xlsx) that can be read' }] });
    const missing = await edited((book) => book.removeWorksheet(book.getWorksheet('Roles')!.id));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]).toMatchObject({ sheet: 'Roles', message: expect.stringContaining("the worksheet 'Roles' is missing") });
  }, 120_000);
});
