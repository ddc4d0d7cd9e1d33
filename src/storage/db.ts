// The browser's store of workbooks (IndexedDB through Dexie). One row per workbook holds a full
// copy (`data` at `revision`); every save after it is a small batch of edits in `edits`, numbered
// on from that revision, so a save writes a few cells instead of the whole workbook and another
// tab reads only what it has not seen. Only the storage layer imports this.
import Dexie, { type Table } from 'dexie';
import type { Workbook } from '../model/schema';
import type { Path } from '../model/paths';

export interface StoredWorkbook {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  data: Workbook;
}

/** One save: the edits one tab stored at once, each with the time it was made. */
export interface StoredEdits {
  workbook: string;
  revision: number;
  at: number;
  edits: TimedEdit[];
}

export interface TimedEdit {
  path: Path;
  value: unknown;
  /** When the edit was accepted (ms since 1970): of two edits to one cell, the later is kept. */
  at: number;
}

export class HeadroomDb extends Dexie {
  workbooks!: Table<StoredWorkbook, string>;
  settings!: Table<{ key: string; value: unknown }, string>;
  edits!: Table<StoredEdits, [string, number]>;

  constructor(name = 'headroom') {
    super(name);
    this.version(1).stores({ workbooks: 'id, name, updatedAt', settings: 'key' });
    this.version(2).stores({ edits: '[workbook+revision]' });
  }
}
