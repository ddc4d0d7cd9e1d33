// A request to show one workbook value in the sheets: the explanation panel's links to the cells a
// figure came from. The sheets panel switches to the sheet, the grid scrolls to the row and
// focuses the cell, then the request is done.
import { isKeyedTable, parsePath } from '../model/paths';

export interface SheetTargetRequest {
  /** Workbook path, e.g. `roles[gp].contactsPerDay`, or a table name. */
  path: string;
  /** Counts requests, so asking twice for the same cell still moves there. */
  n: number;
}

export class SheetTarget {
  #request = $state.raw<SheetTargetRequest | null>(null);
  #n = 0;

  get request(): SheetTargetRequest | null {
    return this.#request;
  }

  go(path: string): void {
    this.#request = { path, n: ++this.#n };
  }

  done(n: number): void {
    if (this.#request?.n === n) this.#request = null;
  }
}

/** Table, row key and field of a path (`roles[gp].contactsPerDay` -> roles, gp, contactsPerDay). */
export function splitPath(path: string): { table: string; key: string | null; field: string | null } | null {
  const p = parsePath(path);
  if (!p) return null;
  const table = String(p[0]);
  if (isKeyedTable(table)) return { table, key: p.length > 1 ? String(p[1]) : null, field: p.length > 2 ? p.slice(2).join('.') : null };
  return { table, key: null, field: p.slice(1).join('.') || null };
}

/** One per page, as the sheets and the results panel are. */
export const sheetTarget = new SheetTarget();
