// Everything the app may do with stored workbooks. The state layer talks to this, never to Dexie.
//
// A workbook is stored as a full copy plus the saves made since, each a small batch of edits
// (db.ts). Saving writes one batch, never the whole workbook: on an England-sized workbook a full
// write is a structured clone of several megabytes on the page's thread. Reading a workbook
// applies its batches to the copy; `compact` folds them into a new copy now and then.
//
// Two tabs on one workbook: each save is numbered on from the last one the tab had seen (its
// base). Batches saved by other tabs in between are handed back so the tab can take them in;
// of two edits to one cell, the later (by the time it was made) is kept, in the store and in
// every tab alike, whatever order the saves arrive in.
import Dexie from 'dexie';
import { HeadroomDb, type StoredWorkbook, type TimedEdit } from './db';
import type { Workbook } from '../model/schema';
import { setAt, type Path } from '../model/paths';

export type { StoredWorkbook, TimedEdit } from './db';

export interface WorkbookSummary {
  id: string;
  name: string;
  updatedAt: number;
}

export interface SaveResult {
  /** The revision this save became: the tab is now in step with the store up to here. */
  revision: number;
  /** Edits other tabs saved since the base, in order: this tab has not seen them yet. */
  others: TimedEdit[];
  /** This save's edits that were stored; an edit to a cell that another tab changed later is not. */
  kept: TimedEdit[];
  /** The store folded batches this tab had not seen into its copy: read the whole workbook again. */
  gap: boolean;
}

export type Since =
  | { kind: 'edits'; revision: number; edits: TimedEdit[] }
  | { kind: 'gap' }
  | { kind: 'deleted' };

/** Batches beyond this many since the last full copy make opening slow: fold them in. */
export const COMPACT_AFTER = 200;

function newId(): string {
  return crypto.randomUUID();
}

const cellKey = (path: Path) => JSON.stringify(path);

/** The edits that no edit in `others` to the same cell, made later, overrules. */
export function notOverruled(edits: readonly TimedEdit[], others: readonly TimedEdit[]): TimedEdit[] {
  if (others.length === 0) return [...edits];
  const latest = new Map<string, number>();
  for (const o of others) {
    const k = cellKey(o.path);
    latest.set(k, Math.max(latest.get(k) ?? -Infinity, o.at));
  }
  return edits.filter((e) => !((latest.get(cellKey(e.path)) ?? -Infinity) > e.at));
}

/** Applies edits in order; an edit to a row that no longer exists (deleted elsewhere) is skipped. */
export function applyEdits(wb: Workbook, edits: readonly { path: Path; value: unknown }[]): Workbook {
  let out = wb;
  for (const e of edits) {
    try {
      out = setAt(out, e.path, e.value);
    } catch {
      // the row was deleted in another tab: nothing to put the value in
    }
  }
  return out;
}

export class WorkbookStore {
  readonly db: HeadroomDb;

  constructor(db = new HeadroomDb()) {
    this.db = db;
  }

  #batches(id: string, after: number) {
    return this.db.edits.where('[workbook+revision]').between([id, after + 1], [id, Dexie.maxKey]);
  }

  async #exists(id: string): Promise<boolean> {
    // counting by key reads no workbook
    return (await this.db.workbooks.where(':id').equals(id).count()) > 0;
  }

  /** Names and last changes, newest first, without reading any workbook's data. */
  async list(): Promise<WorkbookSummary[]> {
    return this.db.transaction('r', this.db.workbooks, this.db.edits, async () => {
      const names = new Map<string, string>();
      const updated = new Map<string, number>();
      await this.db.workbooks.orderBy('name').eachKey((name, c) => void names.set(String(c.primaryKey), String(name)));
      await this.db.workbooks.orderBy('updatedAt').eachKey((at, c) => void updated.set(String(c.primaryKey), Number(at)));
      for (const id of names.keys()) {
        const last = await this.#batches(id, -Infinity).last();
        if (last) updated.set(id, Math.max(updated.get(id) ?? 0, last.at));
      }
      return [...names].map(([id, name]) => ({ id, name, updatedAt: updated.get(id) ?? 0 })).sort((a, b) => b.updatedAt - a.updatedAt);
    });
  }

  /** The workbook as stored now: its full copy with every later save applied. */
  get(id: string): Promise<StoredWorkbook | undefined> {
    return this.db.transaction('r', this.db.workbooks, this.db.edits, async () => {
      const row = await this.db.workbooks.get(id);
      if (!row) return undefined;
      const batches = await this.#batches(id, row.revision).toArray();
      if (batches.length === 0) return row;
      const data = applyEdits(
        row.data,
        batches.flatMap((b) => b.edits),
      );
      const last = batches[batches.length - 1];
      return { ...row, name: data.name, data, revision: last.revision, updatedAt: last.at };
    });
  }

  /** Stores a new workbook and returns its record. */
  async create(data: Workbook): Promise<StoredWorkbook> {
    const now = Date.now();
    const row: StoredWorkbook = { id: newId(), name: data.name, createdAt: now, updatedAt: now, revision: 1, data };
    await this.db.workbooks.add(row);
    return row;
  }

  /**
   * Saves edits made on top of revision `base` as one batch. Returns the new revision, the edits
   * other tabs saved since `base` (to be taken in), and which of these edits were kept.
   */
  async saveEdits(id: string, base: number, edits: readonly TimedEdit[]): Promise<SaveResult> {
    return this.db.transaction('rw', this.db.workbooks, this.db.edits, async () => {
      if (!(await this.#exists(id))) throw new Error('this workbook was deleted in another tab');
      const newer = await this.#batches(id, base).toArray();
      const others = newer.flatMap((b) => b.edits);
      const kept = notOverruled(edits, others);
      const revision = (newer.length ? newer[newer.length - 1].revision : base) + 1;
      await this.db.edits.add({ workbook: id, revision, at: Date.now(), edits: kept });
      // the list reads names from the row: keep it in step when the name changed (rarely)
      const named = kept.filter((e) => e.path.length === 1 && e.path[0] === 'name').pop();
      if (named && typeof named.value === 'string') await this.db.workbooks.update(id, { name: named.value });
      return { revision, others, kept, gap: newer.length > 0 && newer[0].revision !== base + 1 };
    });
  }

  /** What other tabs saved after revision `base`. */
  async since(id: string, base: number): Promise<Since> {
    return this.db.transaction('r', this.db.workbooks, this.db.edits, async () => {
      if (!(await this.#exists(id))) return { kind: 'deleted' } as const;
      const newer = await this.#batches(id, base).toArray();
      if (newer.length === 0) return { kind: 'edits', revision: base, edits: [] } as const;
      if (newer[0].revision !== base + 1) return { kind: 'gap' } as const;
      return { kind: 'edits', revision: newer[newer.length - 1].revision, edits: newer.flatMap((b) => b.edits) } as const;
    });
  }

  /** Batches saved since the last full copy (opening applies each). */
  async batchesSinceCopy(id: string): Promise<number> {
    return this.db.transaction('r', this.db.workbooks, this.db.edits, async () => {
      const last = await this.#batches(id, -Infinity).last();
      const first = await this.#batches(id, -Infinity).first();
      return last && first ? last.revision - first.revision : 0;
    });
  }

  /**
   * Folds the saves into a new full copy: `data` must be the workbook at `revision`, the latest
   * save. Does nothing (returns false) when another save came in meanwhile. The latest batch is
   * kept, so that every tab can still tell which revision is the newest.
   */
  async compact(id: string, revision: number, data: Workbook): Promise<boolean> {
    return this.db.transaction('rw', this.db.workbooks, this.db.edits, async () => {
      const last = await this.#batches(id, -Infinity).last();
      if (!last || last.revision !== revision || !(await this.#exists(id))) return false;
      await this.db.workbooks.update(id, { name: data.name, data, revision, updatedAt: last.at });
      await this.db.edits.where('[workbook+revision]').between([id, Dexie.minKey], [id, revision]).delete();
      return true;
    });
  }

  /** Renames a workbook as a save of its own (a tab that has it open takes the name in). */
  async rename(id: string, name: string): Promise<number | null> {
    return this.db.transaction('rw', this.db.workbooks, this.db.edits, async () => {
      const row = await this.db.workbooks.get(id);
      if (!row) return null;
      const last = await this.#batches(id, row.revision).last();
      const revision = (last?.revision ?? row.revision) + 1;
      const now = Date.now();
      await this.db.edits.add({ workbook: id, revision, at: now, edits: [{ path: ['name'], value: name, at: now }] });
      await this.db.workbooks.update(id, { name });
      return revision;
    });
  }

  async duplicate(id: string, name: string): Promise<StoredWorkbook> {
    const row = await this.get(id);
    if (!row) throw new Error('no such workbook');
    return this.create({ ...row.data, name });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.workbooks, this.db.edits, async () => {
      await this.db.workbooks.delete(id);
      await this.db.edits.where('[workbook+revision]').between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
    });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
