// What a scenario assumes differently from the base workbook, in words: its overrides (base value
// and scenario value) and the interventions it switches on. The printed report lists these.
import type { Workbook } from '../model/schema';
import { getAt, parsePath, type Segment } from '../model/paths';
import { SHEETS, type CellType } from '../ui/sheets/sheets';
import { display } from '../ui/sheets/codec';

export interface Difference {
  what: string;
  base: string;
  scenario: string;
}

/** The column a table field is shown in on its sheet: its header and type. */
function columnOf(table: string, field: readonly Segment[]): { header: string; type: CellType } | null {
  for (const sheet of SHEETS) {
    if (sheet.kind !== 'table' || sheet.table !== table) continue;
    const col = sheet.columns.find((c) => c.field.join('.') === field.join('.'));
    if (col) return { header: col.header, type: col.type };
  }
  return null;
}

function show(v: unknown, type?: CellType): string {
  if (v === null || v === undefined) return '–';
  if (type && type !== 'text' && type !== 'key') return display(type, v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-GB') : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** A path in words, as the sheets say it: "GP: Leaving a year" rather than roles[gp].leavingRate. */
function describe(wb: Workbook, path: string): { what: string; type?: CellType } {
  const segs = parsePath(path);
  if (!segs || segs.length < 3) return { what: path };
  const row = getAt(wb, segs.slice(0, 2)) as { name?: unknown } | undefined;
  const col = columnOf(String(segs[0]), segs.slice(2));
  const field = col?.header ?? segs.slice(2).join('.');
  return { what: row && typeof row.name === 'string' ? `${row.name}: ${field}` : `${String(segs[1])}: ${field}`, type: col?.type };
}

export function scenarioDifferences(wb: Workbook, scenarioId: string): { overrides: Difference[]; interventions: { id: string; name: string; scope: string; start: string; end: string | null }[] } {
  const s = wb.scenarios.find((x) => x.id === scenarioId);
  if (!s) return { overrides: [], interventions: [] };
  const overrides = s.overrides.map((o) => {
    const segs = parsePath(o.path);
    const d = describe(wb, o.path);
    return { what: d.what, base: show(segs ? getAt(wb, segs) : undefined, d.type), scenario: show(o.value, d.type) };
  });
  const on = new Set(s.interventions);
  const interventions = wb.interventions.filter((i) => on.has(i.id)).map((i) => ({ id: i.id, name: i.name, scope: i.scope, start: i.start, end: i.end }));
  return { overrides, interventions };
}
