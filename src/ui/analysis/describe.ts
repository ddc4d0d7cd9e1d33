// Names a workbook cell as the sheets show it ("GP · Contacts a day"), for ranges, overrides and
// the tornado chart, so a planner never has to read a path.
import type { Workbook } from '../../model/schema';
import { getAt, parsePath } from '../../model/paths';
import { SHEETS } from '../sheets/sheets';

export function describeCell(wb: Workbook, pathText: string): string {
  const path = parsePath(pathText);
  if (!path) return pathText;
  for (const sheet of SHEETS) {
    if (sheet.kind === 'record') {
      const f = sheet.fields(wb).find((x) => x.path.join('.') === path.join('.'));
      if (f) return f.label;
      continue;
    }
    if (sheet.table !== path[0] || path.length < 3) continue;
    const row = getAt(wb, path.slice(0, 2)) as Record<string, unknown> | undefined;
    if (!row || (sheet.filter && !sheet.filter(row))) continue;
    const field = path.slice(2).join('.');
    const col = sheet.columns.find((c) => (c.fieldFor ? c.fieldFor(row)?.join('.') : c.field.join('.')) === field);
    if (col) return `${String(row.name ?? path[1])} · ${col.header}`;
  }
  if (path[0] === 'demand' && path[1] === 'seasonality' && typeof path[2] === 'number') return `Seasonal index, month ${path[2] + 1}`;
  return pathText;
}
