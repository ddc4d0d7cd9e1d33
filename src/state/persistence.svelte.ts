// Persistence: autosave of the open workbook's edits to the browser's store, what the save state
// is, and keeping in step with other tabs that have the same workbook open (they say so over a
// BroadcastChannel after each save; this tab then takes their copy in).
import type { Workbook } from '../model/schema';
import { WorkbookStore, type PendingEdit } from '../storage/store';
import { storageMessage } from '../storage/errors';
import { applyChanges } from './history';
import type { EditInput, OpenWorkbook } from './open-workbook.svelte';
import type { Library } from './library.svelte';

export type SaveStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'failed';

/** Autosave waits this long after the last edit, well inside the promise of one second. */
export const SAVE_DELAY_MS = 300;
const CHANNEL = 'headroom-workbooks';

type TabMessage = { kind: 'saved'; id: string; revision: number } | { kind: 'deleted'; id: string; revision?: undefined };

export class Persistence {
  readonly #store: WorkbookStore;
  readonly #book: OpenWorkbook;
  readonly #library: Library;
  readonly #tab = crypto.randomUUID();
  readonly #channel: BroadcastChannel | null;

  #status = $state<SaveStatus>('loading');
  #error = $state<string | null>(null);
  #notice = $state<string | null>(null);

  /** The stored revision the open workbook was last in step with. */
  #revision = 0;
  #pending: PendingEdit[] = [];
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;

  constructor(store: WorkbookStore, book: OpenWorkbook, library: Library) {
    this.#store = store;
    this.#book = book;
    this.#library = library;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    this.#channel?.addEventListener('message', (e: MessageEvent) => void this.#onOtherTab(e.data));
  }

  get status(): SaveStatus {
    return this.#status;
  }
  /** Why the last save failed (or storage is unavailable), in plain words. */
  get storageError(): string | null {
    return this.#error;
  }
  /** Something another tab did to this workbook. */
  get notice(): string | null {
    return this.#notice;
  }

  dismissNotice(): void {
    this.#notice = null;
  }

  /** Storage cannot be used at all: the workbook lives in memory only. */
  unavailable(err: unknown): void {
    this.#error = storageMessage(err);
  }

  /** A workbook is being opened at `revision`: nothing of the last one is pending any more. */
  begin(revision: number): void {
    this.#status = 'loading';
    this.#revision = revision;
    this.#pending = [];
  }

  /** The opened workbook is on screen and computed. */
  opened(): void {
    this.#status = 'saved';
  }

  /** Drops what was pending for the open workbook (it is being deleted). */
  discard(): void {
    this.#cancelSave();
    this.#pending = [];
  }

  /** Edits accepted by the open workbook: saved after a short pause. */
  record(edits: readonly EditInput[]): void {
    for (const e of edits) this.#pending.push({ path: e.path, value: e.value });
    if (this.#book.id === null) {
      this.#status = 'failed';
      return;
    }
    this.#status = 'pending';
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  #cancelSave(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
  }

  get hasUnsaved(): boolean {
    return this.#pending.length > 0 || this.#status === 'saving';
  }

  /** Writes pending edits now (also called when the tab is hidden or closed). */
  async flush(): Promise<void> {
    this.#cancelSave();
    while (this.#saving) await this.#saving;
    const id = this.#book.id;
    const local = this.#book.workbook;
    if (this.#pending.length === 0 || id === null || !local) return;
    const edits = this.#pending;
    this.#pending = [];
    this.#status = 'saving';
    this.#saving = (async () => {
      try {
        const row = await this.#store.saveEdits(id, this.#revision, local, edits);
        if (this.#book.id !== id) return;
        this.#revision = row.revision;
        this.#error = null;
        if (row.data !== local) {
          // another tab saved first: take the merged copy plus anything typed meanwhile
          this.#book.replace(applyChanges(row.data, this.#pending).workbook);
        }
        this.#status = this.#pending.length ? 'pending' : 'saved';
        this.#broadcast({ kind: 'saved', id, revision: row.revision });
        if (this.#library.nameOf(id) !== row.name) void this.#library.refresh();
      } catch (err) {
        // keep the edits: they go out with the next save, or the user saves a file
        this.#pending = [...edits, ...this.#pending];
        this.#status = 'failed';
        this.#error = storageMessage(err);
      }
    })();
    try {
      await this.#saving;
    } finally {
      this.#saving = null;
    }
  }

  /** Tells other tabs that a workbook is gone. */
  deleted(id: string): void {
    this.#broadcast({ kind: 'deleted', id });
  }

  #broadcast(msg: TabMessage): void {
    this.#channel?.postMessage({ ...msg, tab: this.#tab });
  }

  async #onOtherTab(msg: TabMessage & { tab: string }): Promise<void> {
    if (msg.tab === this.#tab) return;
    await this.#library.refresh();
    if (msg.id !== this.#book.id) return;
    if (msg.kind === 'deleted') {
      this.#notice = 'This workbook was deleted in another tab. Save it to a file to keep a copy.';
      this.#book.detach();
      return;
    }
    if (msg.revision <= this.#revision) return;
    // our own pending edits go on top of theirs at the next save; with none, take theirs now
    if (this.#pending.length || this.#saving) {
      await this.flush();
      return;
    }
    const row = await this.#store.get(msg.id);
    if (!row || this.#book.id !== row.id) return;
    this.#revision = row.revision;
    this.#adopt(row.data);
    this.#notice = 'Updated with edits made in another tab.';
  }

  #adopt(data: Workbook): void {
    this.#book.replace(data);
  }

  /** Closes the channel to other tabs (tests open several apps on one page). */
  dispose(): void {
    this.#cancelSave();
    this.#channel?.close();
  }
}
