// Persistence: autosave of the open workbook's edits to the browser's store, the save state shown,
// and keeping in step with other tabs that have the same workbook open (each says so over a
// BroadcastChannel after a save; this tab then reads only the edits it has not seen).
//
// What is shown and what is stored never part: the workbook on screen is always the stored one
// (up to `#revision`) with this tab's unsaved edits on top. Edits made while another tab's save is
// read or while ours is written are replayed on top of what came back, and "Saved" is shown only
// when no accepted edit is waiting or being written.
//
// A save that fails (disk or quota full, writes refused) loses nothing: the edits stay in this tab,
// are kept in localStorage as a last resort (storage/last-resort.ts) so that a reload or a crash
// does not lose them, and the save is tried again (after 1, 2, 4… up to 30 s, on "Try again" and on
// the next edit). A workbook never stored (storage failed from the first visit) is stored whole as
// soon as writes work. Leaving the page while anything is not stored asks first.
import { applyEdits, COMPACT_AFTER, notOverruled, WorkbookStore, type TimedEdit } from '../storage/store';
import { storageMessage } from '../storage/errors';
import { keep, keptElsewhere, keyFor, release, type Kept } from '../storage/last-resort';
import { checkEdit } from '../model/cells';
import type { EditInput, OpenWorkbook } from './open-workbook.svelte';
import type { Library } from './library.svelte';

/** 'none': no workbook is open (the one to reopen failed its checks or did not finish opening). */
export type SaveStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'failed' | 'none';

/**
 * Autosave waits this long after the last edit, so a burst of typing is one save. A save writes
 * only the edits, so it can follow quickly; every edit is stored well inside a second.
 */
export const SAVE_DELAY_MS = 80;
/**
 * A burst that never pauses (a workshop lever dragged, one edit a frame) waits no longer than this
 * from its first edit, or nothing would be stored until the hand stops.
 */
export const SAVE_MAX_WAIT_MS = 400;
const CHANNEL = 'headroom-workbooks';
/** After a failed save, the next try waits this long, doubling up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

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
  /** When the first edit not yet handed to a save was recorded. */
  #burstStart: number | null = null;
  #saving: Promise<void> | null = null;
  /** Saves since this tab last folded them into a full copy. */
  #savesSinceCopy = 0;
  /** One catch-up with other tabs at a time. */
  #catchingUp: Promise<void> | null = null;
  /** The open workbook was never stored (storage failed when it was created): store it whole. */
  #unstored = false;
  /** The unstored workbook is work taken back from the last resort, not a fresh sample. */
  #keptWork = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay = RETRY_FIRST_MS;

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

  /** Storage failed before the workbook could be stored: it lives in memory until writes work. */
  unavailable(err: unknown, keptWork = false): void {
    this.#unstored = true;
    this.#keptWork = keptWork;
    this.#failed(err);
  }

  /** A write failed: what it held stays in this tab and in the last resort, and is tried again. */
  #failed(err: unknown): void {
    this.#status = 'failed';
    this.#error = storageMessage(err);
    this.#keep();
    this.#retryLater();
  }

  /** Runs one write as the save in progress; the state shown follows it, and settles after. */
  async #write(write: () => Promise<void>): Promise<void> {
    this.#status = 'saving';
    this.#saving = write();
    try {
      await this.#saving;
    } finally {
      this.#saving = null;
      this.#settle();
    }
  }

  /** True while leaving the page would lose work: something is not stored and saving has failed. */
  get unsafeToLeave(): boolean {
    return this.#status === 'failed' && this.hasUnsaved;
  }

  /** Work kept in localStorage by earlier pages that the store never took (see `takeBack`). */
  keptElsewhere(): Kept[] {
    return keptElsewhere(this.#key());
  }

  /** Forgets kept work that is now stored (a never-stored workbook adopted at start). */
  released(entry: Kept): void {
    release(entry.key);
  }

  /** Where this tab keeps the open workbook's unsaved work. */
  #key(): string {
    return keyFor(this.#tab, this.#book.id);
  }

  /**
   * Puts back edits an earlier page could not store, for the workbook now open: each is checked as
   * a typed value is, applied, kept by this tab, and saved. Returns how many were put back.
   */
  async takeBack(entries: readonly Kept[]): Promise<number> {
    const id = this.#book.id;
    let wb = this.#book.workbook;
    if (!wb) return 0;
    const mine = entries.filter((k) => k.id === id);
    const back: TimedEdit[] = [];
    for (const edit of mine.flatMap((k) => k.edits)) {
      const check = checkEdit(wb, edit.path, edit.value);
      if (!check.ok) continue;
      wb = check.workbook;
      back.push({ path: edit.path, value: edit.value, at: edit.at });
    }
    if (back.length) {
      this.#book.merge(wb, back);
      this.#pending.push(...back);
      this.#notice = `${back.length} edit${back.length === 1 ? '' : 's'} that the browser could not store last time ${back.length === 1 ? 'was' : 'were'} put back.`;
    }
    // held by this tab now, so the earlier entries can go
    this.#keep();
    for (const k of mine) release(k.key);
    if (back.length) await this.flush();
    return back.length;
  }

  /** Writes this tab's unsaved work to the last resort, or forgets it once everything is stored. */
  #keep(): void {
    const wb = this.#book.workbook;
    if (this.#book.id === null && this.#unstored && wb && (this.hasUnsaved || this.#keptWork)) {
      keep({ tab: this.#tab, id: null, edits: [], workbook: wb, at: Date.now() });
    } else if (this.#book.id !== null && this.hasUnsaved) {
      keep({ tab: this.#tab, id: this.#book.id, edits: [...this.#inFlight, ...this.#pending], at: Date.now() });
    } else release(this.#key());
  }

  #retryLater(): void {
    if (this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.flush();
    }, this.#retryDelay);
    this.#retryDelay = Math.min(this.#retryDelay * 2, RETRY_MAX_MS);
  }

  #stopRetrying(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#retryDelay = RETRY_FIRST_MS;
  }

  /** A workbook is being opened at `revision`: nothing of the last one is pending any more. */
  begin(revision: number): void {
    // what the last workbook could not store stays in the last resort, under its own key
    this.#stopRetrying();
    this.#unstored = false;
    this.#status = 'loading';
    this.#revision = revision;
    this.#pending = [];
    this.#savesSinceCopy = 0;
  }

  /** Start-up ended with no workbook open: the workbook list says why. */
  noWorkbook(): void {
    if (this.#book.workbook === null) this.#status = 'none';
  }

  /** A workbook made or opened in memory only (storage failed): stored whole once writes work. */
  beginUnstored(): void {
    this.begin(0);
    this.#unstored = true;
  }

  /** The opened workbook is on screen and computed (edits made meanwhile are still to be saved). */
  opened(): void {
    this.#settle();
  }

  /** Drops what was pending for the open workbook (it is being deleted). */
  discard(): void {
    this.#cancelSave();
    this.#stopRetrying();
    this.#pending = [];
    release(this.#key());
  }

  /** Edits accepted by the open workbook: saved after a short pause. */
  record(edits: readonly EditInput[]): void {
    // a notice about another tab's edits no longer concerns the workbook once it is edited here
    this.#notice = null;
    const at = Date.now();
    for (const e of edits) this.#pending.push({ path: e.path, value: e.value, at });
    // a save has failed: keep this edit too at once, a reload must not lose it
    if (this.#error !== null) this.#keep();
    if (this.#book.id === null) {
      this.#status = 'failed';
      // deleted in another tab: not stored again unless the planner saves a file
      if (!this.#unstored) return;
    } else this.#status = 'pending';
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#burstStart ??= at;
    const delay = Math.min(SAVE_DELAY_MS, Math.max(0, this.#burstStart + SAVE_MAX_WAIT_MS - at));
    this.#saveTimer = setTimeout(() => void this.flush(), delay);
  }

  #cancelSave(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    this.#burstStart = null;
  }

  get hasUnsaved(): boolean {
    return this.#pending.length > 0 || this.#inFlight.length > 0;
  }

  /** The save state as it truly is: saved only when nothing accepted is waiting or being written. */
  #settle(): void {
    if (this.#saving) this.#status = 'saving';
    else if (this.#book.id === null && this.#unstored) this.#status = 'failed';
    else if (this.#status === 'failed' && this.hasUnsaved) return;
    else this.#status = this.#pending.length ? 'pending' : 'saved';
  }

  /** Writes pending edits now (also called when the tab is hidden or closed). */
  async flush(): Promise<void> {
    this.#cancelSave();
    while (this.#saving) await this.#saving;
    // made by a newer Headroom: writing it here would lose what this version does not know
    if (this.#book.readOnly) return;
    if (this.#book.id === null && this.#unstored) return this.#storeWhole();
    const id = this.#book.id;
    if (this.#pending.length === 0 || id === null || !this.#book.workbook) return;
    const edits = this.#pending;
    this.#pending = [];
    this.#inFlight = edits;
    await this.#write(async () => {
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
        this.#stopRetrying();
        if (!this.hasUnsaved) release(keyFor(this.#tab, id));
        if (++this.#savesSinceCopy >= COMPACT_AFTER) void this.compact();
        if (this.#library.nameOf(id) !== this.#book.name) void this.#library.refresh();
      } catch (err) {
        // keep the edits: they go out with the next save, or the user saves a file
        this.#pending = [...edits, ...this.#pending];
        this.#inFlight = [];
        this.#failed(err);
      }
    });
  }

  /**
   * Stores a workbook that was never stored, whole, as a new workbook (writes failed when it was
   * created). Edits made while it is written stay pending and are saved on top.
   */
  async #storeWhole(): Promise<void> {
    const wb = this.#book.workbook;
    if (!wb) return;
    const taken = this.#pending.length;
    await this.#write(async () => {
      try {
        const row = await this.#library.create(wb);
        if (this.#book.id !== null || this.#book.workbook === null) return;
        release(this.#key());
        this.#book.attach(row.id);
        this.#unstored = false;
        this.#revision = row.revision;
        this.#pending = this.#pending.slice(taken);
        this.#error = null;
        this.#stopRetrying();
        await this.#library.remember(row.id).catch(() => {});
        this.#keep();
      } catch (err) {
        this.#failed(err);
      }
    });
    if (this.#pending.length && this.#book.id !== null) await this.flush();
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
    if (id === null || !wb || this.hasUnsaved || this.#book.readOnly) return;
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
    this.#stopRetrying();
    this.#channel?.close();
  }
}
