// Everything the app may do with stored workbooks. The state layer talks to this, never to Dexie.
import { HeadroomDb, type StoredWorkbook } from './db';
import type { Workbook } from '../model/schema';
import { setAt, type Path } from '../model/paths';

export type { StoredWorkbook } from './db';

export interface WorkbookSummary {
  id: string;
  name: string;
  updatedAt: number;
}

export interface PendingEdit {
  path: Path;
  value: unknown;
}

function newId(): string {
  return crypto.randomUUID();
}

export class WorkbookStore {
  readonly db: HeadroomDb;

  constructor(db = new HeadroomDb()) {
    this.db = db;
  }

  async list(): Promise<WorkbookSummary[]> {
    const rows = await this.db.workbooks.orderBy('updatedAt').reverse().toArray();
    return rows.map((r) => ({ id: r.id, name: r.name, updatedAt: r.updatedAt }));
  }

  get(id: string): Promise<StoredWorkbook | undefined> {
    return this.db.workbooks.get(id);
  }

  /** Stores a new workbook and returns its record. */
  async create(data: Workbook): Promise<StoredWorkbook> {
    const now = Date.now();
    const row: StoredWorkbook = { id: newId(), name: data.name, createdAt: now, updatedAt: now, revision: 1, data };
    await this.db.workbooks.add(row);
    return row;
  }

  /**
   * Saves edits made on top of revision `base`. When another tab saved in between, the edits are
   * applied to that newer copy instead, so neither tab's edits are lost (the same cell edited in
   * both keeps the later one). Returns the stored record.
   */
  async saveEdits(id: string, base: number, local: Workbook, edits: readonly PendingEdit[]): Promise<StoredWorkbook> {
    return this.db.transaction('rw', this.db.workbooks, async () => {
      const current = await this.db.workbooks.get(id);
      if (!current) throw new Error('this workbook was deleted in another tab');
      let data = local;
      if (current.revision !== base) {
        data = current.data;
        for (const e of edits) {
          try {
            // the workshop record is optional: the other copy may not have one yet
            data = e.path.length === 1 && e.path[0] === 'workshop' ? { ...data, workshop: e.value as Workbook['workshop'] } : setAt(data, e.path, e.value);
          } catch {
            // the row was deleted in the other tab: nothing to put the value in
          }
        }
      }
      const row: StoredWorkbook = { ...current, name: data.name, data, revision: current.revision + 1, updatedAt: Date.now() };
      await this.db.workbooks.put(row);
      return row;
    });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.db.transaction('rw', this.db.workbooks, async () => {
      const row = await this.db.workbooks.get(id);
      if (!row) return;
      await this.db.workbooks.put({ ...row, name, data: { ...row.data, name }, revision: row.revision + 1, updatedAt: Date.now() });
    });
  }

  async duplicate(id: string, name: string): Promise<StoredWorkbook> {
    const row = await this.db.workbooks.get(id);
    if (!row) throw new Error('no such workbook');
    return this.create({ ...row.data, name });
  }

  async remove(id: string): Promise<void> {
    await this.db.workbooks.delete(id);
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
