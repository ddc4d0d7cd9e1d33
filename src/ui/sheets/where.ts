// Says where a workbook path is in the words on screen: `workforce[practice:F81001:gp].wte` becomes
// "Workforce sheet, row practice · F81001 · gp, column WTE". Refusals of opened and stored files use
// it, so a planner can find the cell without knowing the file's inner names.
import { parsePath, type Segment } from '../../model/paths';
import type { Workbook } from '../../model/schema';
import { SHEETS, type Column } from './sheets';

const TRIM = (s: string) => s.replace(/\s*\(.*\)$/, '');

function columnFor(columns: Column[], rest: Segment[]): Column | undefined {
  const starts = (field: Segment[]) => field.length > 0 && field.every((f, i) => rest[i] === f);
  return columns.find((c) => starts(c.field)) ?? columns.find((c) => c.field.length > 0 && c.field[0] === rest[0]);
}

export function whereOnScreen(text: string): string {
  const path = parsePath(text);
  if (!path) return text;
  const [part, key, ...rest] = path;
  for (const sheet of SHEETS) {
    if (sheet.kind === 'table' && sheet.table === part) {
      if (key === undefined) return `${sheet.title} sheet`;
      const row = String(key).split(':').join(' · ');
      const column = rest.length ? columnFor(sheet.columns, rest) : undefined;
      const tail = column ? `, column ${TRIM(column.header)}` : rest.length ? `, ${rest.filter((s) => typeof s === 'string').join(' ')}` : '';
      return `${sheet.title} sheet, row ${row}${tail}`;
    }
  }
  for (const sheet of SHEETS) {
    if (sheet.kind !== 'record') continue;
    let fields;
    try {
      fields = sheet.fields({ description: '' } as Workbook);
    } catch {
      continue;
    }
    const field = fields.find((f) => f.path.length === path.length && f.path.every((s, i) => s === path[i]));
    if (field) return `${sheet.title} sheet, ${field.label}`;
  }
  const sheetOf = SHEETS.find((s) => s.kind === 'record' && s.fields({ description: '' } as Workbook).some((f) => f.path[0] === part));
  return sheetOf ? `${sheetOf.title} sheet (${text})` : text;
}
