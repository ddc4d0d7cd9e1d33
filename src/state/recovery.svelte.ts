// Recovery: the app must always open, whatever is stored. Before a workbook opens, its id is noted
// in the store ("opening"); the note is cleared once its first figures are on screen. If the page
// froze or crashed in between, the next start finds the note and, instead of reopening that
// workbook (and freezing again), shows the workbook list saying which one failed, with the choice
// to open it anyway, save it to a file or delete it. A stored workbook that fails its checks (made
// by a newer Headroom, or damaged) is shown the same way, never opened unchecked.
import type { WorkbookStore } from '../storage/store';
import { noteLeft, takeLeft } from '../storage/page-exit';

export type TroubleKind = 'stuck' | 'damaged' | 'newer';

export interface Trouble {
  kind: TroubleKind;
  id: string;
  name: string;
  /** What is wrong, in one line (for damaged and newer workbooks). */
  reason: string;
}

const OPENING = 'opening';

export class Recovery {
  readonly #store: WorkbookStore;
  #trouble = $state<Trouble | null>(null);
  /** The workbook whose opening is noted and not yet cleared. */
  #noted: string | null = null;

  constructor(store: WorkbookStore) {
    this.#store = store;
  }

  get trouble(): Trouble | null {
    return this.#trouble;
  }

  report(trouble: Trouble | null): void {
    this.#trouble = trouble;
  }

  /** The workbook that was opening when the page last stopped, if it never finished. */
  async unfinished(): Promise<string | null> {
    const id = (await this.#store.getSetting<string>(OPENING)) ?? null;
    // reloaded or closed before the figures showed: not a freeze, so it opens again
    if (id !== null && takeLeft() === id) {
      await this.#note(null);
      return null;
    }
    return id;
  }

  /** Notes that `id` is opening; cleared by `opened` once its figures are drawn. */
  async opening(id: string): Promise<void> {
    this.#noted = id;
    takeLeft();
    await this.#note(id);
  }

  /** The page is being left (its `pagehide`): a workbook still opening did not freeze it. */
  leaving(): void {
    if (this.#noted !== null) noteLeft(this.#noted);
  }

  /** Figures are on screen: the workbook opened. Writes only when a note is out. */
  async opened(): Promise<void> {
    const id = this.#noted;
    if (id === null) return;
    if (this.#trouble?.kind === 'stuck') this.#trouble = null;
    await this.#note(null);
    // only now is the note gone: a reload while it is being cleared must still count as a reload
    if (this.#noted === id) this.#noted = null;
  }

  /** A note that cannot be written (storage full or blocked) must not stop a workbook opening. */
  async #note(id: string | null): Promise<void> {
    try {
      await this.#store.setSetting(OPENING, id);
    } catch {
      // without the note, a freeze would not be recovered from; the save state reports storage
    }
  }

  /** The stored text of a workbook, whatever state it is in, for saving to a file. */
  async storedText(id: string): Promise<string> {
    const row = await this.#store.get(id);
    if (!row) throw new Error('that workbook no longer exists');
    return JSON.stringify(row.data, null, 1) + '\n';
  }
}
