// The browser's store of workbooks (IndexedDB through Dexie). One row per workbook; `revision`
// rises with every save so tabs can tell whose copy is newer. Only the storage layer imports this.
import Dexie, { type Table } from 'dexie';
import type { Workbook } from '../model/schema';

export interface StoredWorkbook {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  data: Workbook;
}

export class HeadroomDb extends Dexie {
  workbooks!: Table<StoredWorkbook, string>;
  settings!: Table<{ key: string; value: unknown }, string>;

  constructor(name = 'headroom') {
    super(name);
    this.version(1).stores({ workbooks: 'id, name, updatedAt', settings: 'key' });
  }
}
