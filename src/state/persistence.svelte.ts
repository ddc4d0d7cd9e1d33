// Persistence: autosave of the open workbook's edits to the browser's store, the save state shown,
// and keeping in step with other tabs that have the same workbook open (each says so over a
// BroadcastChannel after a save; this tab then reads only the edits it has not seen).
//
// What is shown and what is stored never part: the workbook on screen is always the stored one
// (up to `#revision`) with this tab's unsaved edits on top. Edits made while another tab's save is
// read or while ours is written are replayed on top of what came back, and "Saved" is shown only
// when no accepted edit is waiting or being written.
import { applyEdits, COMPACT_AFTER, notOverruled, WorkbookStore, type TimedEdit } from '../storage/store';
import { storageMessage } from '../storage/errors';
import type { EditInput, OpenWorkbook } from './open-workbook.svelte';
import type { Library } from './library.svelte';

export type SaveStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'failed';

/**
 * Autosave waits this long after the last edit, so a burst of typing is one save. A save writes
 * only the edits, so it can follow quickly; every edit is stored well inside a second.
 */
export const SAVE_DELAY_MS = 80;
const CHANNEL = 'headroom-workbooks';

export type TabMessage = { kind: 'saved'; id: string; revision: number } | { kind: 'deleted'; id: string; revision?: undefined };

export class Persistence {
  readonly #store: WorkbookStore;
  readonly #book: OpenWorkbook;
  readonly #library: Library;
  readonly #tab = crypto.randomUUID();
  readonly #channel: BroadcastChannel | null;

  #status = $state<SaveStatus>('loading');
  #error = $state<string | null>(null);
  #notice = $state<string | null>(null);

  /** The stored revision the open workbook is in step with (without this tab's pending edits). */
  #revision = 0;
  /** Accepted edits not yet handed to a save. */
  #pending: TimedEdit[] = [];
  /** Edits being written now. */
  #inFlight: TimedEdit[] = [];
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;
  /** Saves since this tab last folded them into a full copy. */
  #savesSinceCopy = 0;
  /** One catch-up with other tabs at a time. */
  #catchingUp: Promise<void> | null = null;

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
  /** The stored revision the workbook on screen is in step with. */
  get revision(): number {
    return this.#revision;
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
    this.#savesSinceCopy = 0;
  }

  /** The opened workbook is on screen and computed (edits made meanwhile are still to be saved). */
  opened(): void {
    this.#settle();
  }

  /** Drops what was pending for the open workbook (it is being deleted). */
  discard(): void {
    this.#cancelSave();
    this.#pending = [];
  }

  /** Edits accepted by the open workbook: saved after a short pause. */
  record(edits: readonly EditInput[]): void {
    // a notice about another tab's edits no longer concerns the workbook once it is edited here
    this.#notice = null;
    const at = Date.now();
    for (const e of edits) this.#pending.push({ path: e.path, value: e.value, at });
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
    return this.#pending.length > 0 || this.#inFlight.length > 0;
  }

  /** The save state as it truly is: saved only when nothing accepted is waiting or being written. */
  #settle(): void {
    if (this.#saving) this.#status = 'saving';
    else if (this.#status === 'failed' && this.hasUnsaved) return;
    else this.#status = this.#pending.length ? 'pending' : 'saved';
  }

  /** Writes pending edits now (also called when the tab is hidden or closed). */
  async flush(): Promise<void> {
    this.#cancelSave();
    while (this.#saving) await this.#saving;
    const id = this.#book.id;
    if (this.#pending.length === 0 || id === null || !this.#book.workbook) return;
    const edits = this.#pending;
    this.#pending = [];
    this.#inFlight = edits;
    this.#status = 'saving';
    this.#saving = (async () => {
      try {
        const result = await this.#store.saveEdits(id, this.#revision, edits);
        this.#inFlight = [];
        if (this.#book.id !== id) return;
        this.#error = null;
        if (result.gap) await this.#reread(id);
        else {
          this.#revision = result.revision;
          // another tab saved first: take its edits in, with ours (kept) and anything typed meanwhile on top
          if (result.others.length) this.#takeIn(result.others, result.kept);
        }
        this.#broadcast({ kind: 'saved', id, revision: this.#revision });
        if (++this.#savesSinceCopy >= COMPACT_AFTER) void this.compact();
        if (this.#library.nameOf(id) !== this.#book.name) void this.#library.refresh();
      } catch (err) {
        // keep the edits: they go out with the next save, or the user saves a file
        this.#pending = [...edits, ...this.#pending];
        this.#inFlight = [];
        this.#status = 'failed';
        this.#error = storageMessage(err);
      }
    })();
    try {
      await this.#saving;
    } finally {
      this.#saving = null;
      this.#settle();
    }
  }

  /**
   * Puts other tabs' edits under ours: applies theirs to the workbook on screen, then this tab's
   * edits again where no later edit of theirs overrules them. An overruled pending edit is
   * dropped, so it is not saved over the later one.
   */
  #takeIn(others: readonly TimedEdit[], ours: readonly TimedEdit[] = []): void {
    const wb = this.#book.workbook;
    if (!wb) return;
    this.#pending = notOverruled(this.#pending, others);
    this.#inFlight = notOverruled(this.#inFlight, others);
    const again = [...ours, ...this.#inFlight, ...this.#pending];
    // as edits, so the engine recomputes only what they touch
    this.#book.merge(applyEdits(applyEdits(wb, others), again), [...others, ...again]);
  }

  /** The store folded saves we had not seen into its copy: take the whole workbook again. */
  async #reread(id: string): Promise<void> {
    const row = await this.#store.get(id);
    if (!row || this.#book.id !== id) return;
    this.#revision = row.revision;
    this.#book.replace(applyEdits(row.data, [...this.#inFlight, ...this.#pending]));
  }

  /**
   * Folds the saves into a new full copy, so that opening does not replay a long list of them.
   * Writing the copy is slow on a large workbook: done when the tab is hidden, or after many saves.
   */
  async compact(): Promise<void> {
    await this.flush();
    const id = this.#book.id;
    const wb = this.#book.workbook;
    if (id === null || !wb || this.hasUnsaved) return;
    try {
      if ((await this.#store.batchesSinceCopy(id)) >= 1) await this.#store.compact(id, this.#revision, wb);
      this.#savesSinceCopy = 0;
    } catch {
      // a later save or the next open tries again; nothing is lost
    }
  }

  /** Tells other tabs that a workbook changed or is gone. */
  announce(msg: TabMessage): void {
    this.#broadcast(msg);
  }

  #broadcast(msg: TabMessage): void {
    this.#channel?.postMessage({ ...msg, tab: this.#tab });
  }

  async #onOtherTab(msg: TabMessage & { tab: string }): Promise<void> {
    if (msg.tab === this.#tab) return;
    void this.#library.refresh();
    if (msg.id !== this.#book.id) return;
    if (msg.kind === 'deleted') {
      this.#notice = 'This workbook was deleted in another tab. Save it to a file to keep a copy.';
      this.#book.detach();
      this.#cancelSave();
      this.#status = 'failed';
      return;
    }
    while (this.#catchingUp) await this.#catchingUp;
    this.#catchingUp = this.#catchUp(msg.id, msg.revision);
    try {
      await this.#catchingUp;
    } finally {
      this.#catchingUp = null;
    }
  }

  async #catchUp(id: string, revision: number): Promise<void> {
    // a save of ours under way comes back with their edits; wait for it, then see what is left
    while (this.#saving) await this.#saving;
    if (revision <= this.#revision || this.#book.id !== id) return;
    const from = this.#revision;
    const since = await this.#store.since(id, from);
    // a save of ours started meanwhile takes their edits in itself; so did one that finished
    if (this.#saving || this.#revision !== from || this.#book.id !== id) return;
    if (since.kind === 'deleted') return;
    if (since.kind === 'gap') await this.#reread(id);
    else if (since.edits.length) {
      this.#revision = since.revision;
      this.#takeIn(since.edits);
    } else return;
    this.#notice = 'Updated with edits made in another tab.';
  }

  /** Closes the channel to other tabs (tests open several apps on one page). */
  dispose(): void {
    this.#cancelSave();
    this.#channel?.close();
  }
}
