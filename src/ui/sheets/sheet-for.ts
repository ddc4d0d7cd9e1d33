// Which sheet shows a workbook path, and which row and column hold it: how the explanation
// panel's links open the sheet at the value a figure came from.
import type { Workbook } from '../../model/schema';
import { splitPath } from '../../state/sheet-target.svelte';
import { SHEETS } from './sheets';

export interface SheetSpot {
  sheet: string;
  /** Grid row id: a table row's key, or a settings-like sheet's field path. */
  row: string | null;
  /** Grid column id (field path joined with dots), where the sheet has that column. */
  column: string | null;
}

export function sheetFor(path: string, wb: Workbook | null): SheetSpot | null {
  const p = splitPath(path);
  if (!p) return null;
  if (p.table === 'settings' || p.table === 'demand' || p.table === 'name' || p.table === 'description') {
    const sheet = SHEETS.find((s) => s.kind === 'record' && s.id === (p.table === 'demand' ? 'demand' : 'settings'));
    // a list such as the seasonal indices opens at its first value
    const row = p.field === null ? null : p.table === 'demand' && p.field === 'seasonality' ? 'demand.seasonality[0]' : path;
    return sheet ? { sheet: sheet.id, row, column: null } : null;
  }
  const candidates = SHEETS.filter((s) => s.kind === 'table' && s.table === p.table);
  let sheet = candidates[0];
  if (candidates.length > 1 && p.key !== null && wb) {
    // recruitment plans and other interventions share a table but not a sheet
    const row = (wb[p.table as keyof Workbook] as unknown as Record<string, unknown>[]).find((r) => String(r.id) === p.key);
    sheet = candidates.find((s) => s.kind === 'table' && (!s.filter || (row && s.filter(row as never)))) ?? sheet;
  }
  if (!sheet) return null;
  return { sheet: sheet.id, row: p.key, column: p.field };
}
