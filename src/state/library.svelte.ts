// The library: the workbooks kept in this browser, newest first, and which one was open last.
// Only the list and the store's whole-workbook operations live here; opening one is the app's job.
import type { Workbook } from '../model/schema';
import { WorkbookStore, type StoredWorkbook, type WorkbookSummary } from '../storage/store';
import { noteWorkbooksStored } from '../storage/local';

export class Library {
  readonly #store: WorkbookStore;
  #workbooks = $state<WorkbookSummary[]>([]);
  /** Whether the browser promised not to evict our storage (null: it cannot say). */
  #persisted = $state<boolean | null>(null);

  constructor(store: WorkbookStore) {
    this.#store = store;
  }

  get workbooks(): WorkbookSummary[] {
    return this.#workbooks;
  }

  get persisted(): boolean | null {
    return this.#persisted;
  }

  async requestPersistence(): Promise<void> {
    try {
      this.#persisted = navigator.storage?.persist ? await navigator.storage.persist() : null;
    } catch {
      this.#persisted = false;
    }
  }

  async refresh(): Promise<void> {
    this.#workbooks = await this.#store.list();
    noteWorkbooksStored(this.#workbooks.length > 0);
  }

  nameOf(id: string): string | undefined {
    return this.#workbooks.find((w) => w.id === id)?.name;
  }

  /** The workbook to open at start: the last one opened, else the newest. */
  async startingId(): Promise<string | undefined> {
    const last = await this.#store.getSetting<string>('lastOpen');
    return (this.#workbooks.find((w) => w.id === last) ?? this.#workbooks[0])?.id;
  }

  /** Notes the workbook to reopen next time; a full disk must not stop it opening now. */
  async remember(id: string): Promise<void> {
    try {
      await this.#store.setSetting('lastOpen', id);
    } catch {
      // the next start opens the newest instead; the save state reports the storage problem
    }
  }

  get(id: string): Promise<StoredWorkbook | undefined> {
    return this.#store.get(id);
  }

  async create(data: Workbook): Promise<StoredWorkbook> {
    const row = await this.#store.create(data);
    await this.refresh();
    return row;
  }

  async duplicate(id: string): Promise<StoredWorkbook> {
    const row = await this.#store.duplicate(id, `Copy of ${this.nameOf(id) ?? 'workbook'}`.slice(0, 200));
    await this.refresh();
    return row;
  }

  /**
   * Renames a workbook that is not open here (the open one is renamed by an edit, so it can be
   * undone). Returns the stored revision it made, or null when the workbook is gone.
   */
  rename(id: string, name: string): Promise<number | null> {
    return this.#store.rename(id, name);
  }

  async remove(id: string): Promise<void> {
    await this.#store.remove(id);
  }
}

/** A workbook name as typed, or why it cannot be one. */
export function checkName(name: string): { ok: true; name: string } | { ok: false; message: string } {
  const clean = name.trim();
  if (!clean) return { ok: false, message: 'a workbook needs a name' };
  if (clean.length > 200) return { ok: false, message: 'a name can be at most 200 characters' };
  return { ok: true, name: clean };
}
