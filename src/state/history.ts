// Undo and redo over edits. Every change to a workbook, a typed cell, a pasted block or a deleted
// row, is one Batch of path-level changes that knows its old values, so undoing is applying the
// batch backwards. Pure TypeScript: no Svelte, no storage.
import { getAt, isKeyedTable, rowKey, setAt, type KeyedTable, type Path } from '../model/paths';
import type { Workbook } from '../model/schema';

export interface Change {
  path: Path;
  value: unknown;
  old: unknown;
  /** The cell's path after the change: differs from `path` when a row's key (code, id) changed. */
  after: Path;
}

export interface Batch {
  label: string;
  changes: Change[];
}

/** Applies changes in order, recording old values and where each cell lives afterwards. */
export function applyChanges(wb: Workbook, changes: readonly { path: Path; value: unknown }[]): { workbook: Workbook; applied: Change[] } {
  let out = wb;
  const applied: Change[] = [];
  for (const c of changes) {
    const old = getAt(out, c.path);
    const index = rowIndex(out, c.path);
    out = setAt(out, c.path, c.value);
    applied.push({ path: c.path, value: c.value, old, after: index < 0 ? c.path : readdress(out, c.path, index) });
  }
  return { workbook: out, applied };
}

/** The batch that undoes `batch`: old values, in reverse order, at the cells' current paths. */
export function inverse(batch: Batch): Batch {
  const changes: Change[] = [];
  for (let i = batch.changes.length - 1; i >= 0; i--) {
    const c = batch.changes[i];
    changes.push({ path: c.after, value: c.old, old: c.value, after: c.path });
  }
  return { label: batch.label, changes };
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

function rowIndex(wb: Workbook, path: Path): number {
  const [table, key] = path;
  if (path.length < 3 || typeof table !== 'string' || !isKeyedTable(table)) return -1;
  return (wb[table] as object[]).findIndex((r) => rowKey(table, r) === String(key));
}

function readdress(wb: Workbook, path: Path, index: number): Path {
  const table = path[0] as KeyedTable;
  const row = (wb[table] as object[])[index];
  return row ? [table, rowKey(table, row), ...path.slice(2)] : path;
}

export class History {
  #undo: Batch[] = [];
  #redo: Batch[] = [];
  /** The merge key of the last pushed batch, while it is still on top of the undo stack. */
  #lastMerge: string | null = null;
  readonly limit: number;

  constructor(limit = 500) {
    this.limit = limit;
  }

  /**
   * Records a batch. A batch with the same `merge` key as the one just pushed joins it (a slider
   * being dragged is one undo step, however many frames it recomputed in): its changes are
   * applied after the earlier ones, so undoing the joined batch restores the first old values.
   */
  push(batch: Batch, merge?: string): void {
    const top = this.#undo[this.#undo.length - 1];
    if (merge && top && merge === this.#lastMerge && this.#redo.length === 0) {
      const same = top.changes.length === 1 && batch.changes.length === 1 && samePath(top.changes[0].after, batch.changes[0].path);
      const changes = same ? [{ ...top.changes[0], value: batch.changes[0].value, after: batch.changes[0].after }] : [...top.changes, ...batch.changes];
      this.#undo[this.#undo.length - 1] = { label: batch.label, changes };
      return;
    }
    this.#lastMerge = merge ?? null;
    this.#undo.push(batch);
    if (this.#undo.length > this.limit) this.#undo.shift();
    this.#redo = [];
  }

  /** The batch to apply to undo the last change, or null. */
  takeUndo(): Batch | null {
    this.#lastMerge = null;
    const b = this.#undo.pop();
    if (!b) return null;
    this.#redo.push(b);
    return inverse(b);
  }

  takeRedo(): Batch | null {
    this.#lastMerge = null;
    const b = this.#redo.pop();
    if (!b) return null;
    this.#undo.push(b);
    return b;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}
