// The app's state, wired in one place. Each room has one job:
//   library      the workbooks kept in this browser
//   book         the open workbook, its edits with undo/redo, and its checks
//   persistence  autosave, the save state, and other tabs with the same workbook
//   results      the view chosen (scenario, place, year) and the figures the engine computed
//   recovery     a workbook that did not finish opening last time, or failed its checks
// The UI reads these and calls their methods; it never reaches storage or the worker itself.
// What touches more than one room (opening, creating, deleting a workbook; files) lives here.
import { checkStored, describeProblems, readNewer } from '../model/validate';
import { Recovery } from './recovery.svelte';
import type { Workbook } from '../model/schema';
import { EngineClient } from '../engine-client';
import { WorkbookStore } from '../storage/store';
import { likelyFirstVisit } from '../storage/local';
import { loadSample } from '../sample';
import { blankWorkbook } from './blank';
import { fileNameFor, serializeWorkbook, type ReadStage } from '../io/workbook-file';
import { Library, checkName } from './library.svelte';
import { OpenWorkbook, markChecked, type ReadOnly } from './open-workbook.svelte';
import { Persistence } from './persistence.svelte';
import { Results, type Engine } from './results.svelte';
import { Origins, distinctName } from './origins.svelte';
import { Explainer, type ExplainEngine } from './explain.svelte';

export type { EditInput, Refused } from './open-workbook.svelte';
export type { SaveStatus } from './persistence.svelte';

export class AppState {
  readonly library: Library;
  readonly book: OpenWorkbook;
  readonly persistence: Persistence;
  readonly results: Results;
  /** Which file each workbook opened from a file came from, and when. */
  readonly origins: Origins;
  /** How a figure was computed, and what a scenario's changes buy. */
  readonly explain: Explainer;
  readonly recovery: Recovery;
  /** Words for a workbook path on screen (the UI passes the sheets' names; tests keep paths). */
  where: (path: string) => string = (p) => p;
  /** The sample given to the engine at a first visit's start, until it is stored and opened. */
  #sample: Workbook | null = null;

  constructor(store = new WorkbookStore(), engine: Engine = new EngineClient()) {
    this.library = new Library(store);
    this.book = new OpenWorkbook((change) => {
      // edits taken in from another tab are stored already; an aside (the workshop's record) is
      // stored but changes no figure
      if (change.kind === 'edit' || change.kind === 'aside') this.persistence.record(change.edits);
      if (change.kind !== 'aside') this.results.follow(change);
    });
    this.persistence = new Persistence(store, this.book, this.library);
    this.results = new Results(engine, this.book);
    this.origins = new Origins(store);
    this.explain = new Explainer(engine as ExplainEngine);
    this.recovery = new Recovery(store);
  }

  /** Work the first figures do not need, started once they are painted: the engine's helper. */
  afterFirstFigures(): void {
    this.results.engine.startHelper?.();
  }

  /** First run opens the sample; later runs reopen the last workbook. */
  async start(): Promise<void> {
    performance.mark('headroom:start');
    void this.library.requestPersistence();
    // work an earlier page could not store (storage/last-resort.ts); a workbook never stored is
    // checked as a file is before it is taken back
    const kept = this.persistence.keptElsewhere();
    const whole = kept.find((k) => k.id === null && k.workbook !== undefined);
    const wholeChecked = whole ? checkStored(whole.workbook) : null;
    // what looks like a first visit opens the sample: the engine starts on it while the browser
    // creates its store (a few hundred milliseconds on a fresh profile)
    if (!whole && likelyFirstVisit()) {
      this.#sample = loadSample();
      this.results.preload(this.#sample);
    }
    try {
      await this.library.refresh();
      if (whole && wholeChecked?.ok) {
        await this.adopt(wholeChecked.workbook);
        this.persistence.released(whole);
        return;
      }
      performance.mark('headroom:library');
      await this.origins.load();
      // the last workbook froze or crashed the page before its figures showed: do not reopen it
      const unfinished = await this.recovery.unfinished();
      const name = unfinished ? this.library.nameOf(unfinished) : undefined;
      if (unfinished && name !== undefined) {
        this.recovery.report({ kind: 'stuck', id: unfinished, name, reason: '' });
        this.persistence.noWorkbook();
        return;
      }
      // a workbook with edits kept aside opens first, so they are stored at once
      const withEdits = kept.find((k) => k.id !== null && this.library.nameOf(k.id) !== undefined)?.id;
      const target = withEdits ?? (await this.library.startingId());
      performance.mark('headroom:recovery');
      if (target) await this.open(target);
      else await this.createFrom('sample');
    } catch (err) {
      // storage unavailable, full or blocked: work in memory, say so, and store it once writes work
      const sample = this.#sample;
      this.#sample = null;
      await this.#load(null, 0, wholeChecked?.ok ? wholeChecked.workbook : (sample ?? loadSample()));
      const taken = whole !== undefined && wholeChecked?.ok === true;
      // kept by this tab now: the earlier page's entry can go
      this.persistence.unavailable(err, taken);
      if (taken) this.persistence.released(whole);
    }
  }

  /** Opens a stored workbook after checking it as a file is checked; one that fails is reported, not opened. */
  async open(id: string): Promise<boolean> {
    await this.persistence.flush();
    const row = await this.library.get(id);
    if (!row) throw new Error('that workbook no longer exists');
    const checked = checkStored(row.data);
    // made by a newer Headroom: shown read-only when what this version knows of it passes the checks
    const newer = !checked.ok && checked.newer ? readNewer(row.data) : null;
    if (!checked.ok && !newer) {
      const name = typeof row.name === 'string' ? row.name.slice(0, 200) : 'A workbook';
      this.recovery.report({ kind: checked.newer ? 'newer' : 'damaged', id, name, reason: describeProblems(checked.problems, this.where) });
      this.persistence.noWorkbook();
      return false;
    }
    if (this.recovery.trouble?.id === id) this.recovery.report(null);
    if (checked.ok) await this.#load(row.id, row.revision, checked.workbook);
    else if (newer) {
      const readOnly: ReadOnly = { version: (row.data as { version: number }).version, leftOut: newer.leftOut, original: row.data };
      await this.#load(row.id, row.revision, newer.workbook, readOnly);
    }
    await this.library.remember(row.id);
    // edits an earlier page could not store for this workbook are put back and stored
    if (checked.ok) await this.persistence.takeBack(this.persistence.keptElsewhere());
    return true;
  }

  async createFrom(kind: 'sample' | 'blank', name?: string): Promise<void> {
    // the very sample the engine was given at start, if it was (see `start`)
    const early = kind === 'sample' && !name ? this.#sample : null;
    this.#sample = null;
    const data = early ?? (kind === 'sample' ? loadSample() : blankWorkbook());
    performance.mark('headroom:sample');
    await this.#createAndOpen(name ? { ...data, name } : data);
  }

  /** Opens a checked workbook (from a file) as a new stored workbook: never overwrites one. */
  async adopt(data: Workbook): Promise<void> {
    await this.#createAndOpen(data);
  }

  /** Stores several checked workbooks (a backup) as new workbooks and opens the first. */
  async adoptAll(list: readonly Workbook[]): Promise<void> {
    await this.persistence.flush();
    const rows = [];
    for (const data of list) rows.push(await this.library.create(data));
    if (rows[0]) {
      await this.#load(rows[0].id, rows[0].revision, rows[0].data);
      await this.library.remember(rows[0].id);
    }
  }

  async #createAndOpen(data: Workbook): Promise<void> {
    await this.persistence.flush();
    const row = await this.library.create(data);
    performance.mark('headroom:stored');
    await this.#load(row.id, row.revision, row.data);
    await this.library.remember(row.id);
  }

  async duplicate(id: string): Promise<void> {
    await this.persistence.flush();
    const row = await this.library.duplicate(id);
    await this.#load(row.id, row.revision, row.data);
    await this.library.remember(row.id);
  }

  /** Renames a workbook; the open one by an edit, so that it can be undone. Returns why not, or null. */
  async rename(id: string, name: string): Promise<string | null> {
    const checked = checkName(name);
    if (!checked.ok) return checked.message;
    if (id === this.book.id) {
      this.book.apply([{ path: ['name'], value: checked.name }], 'Rename workbook');
      await this.persistence.flush();
    } else {
      const revision = await this.library.rename(id, checked.name);
      // another tab may have it open
      if (revision !== null) this.persistence.announce({ kind: 'saved', id, revision });
    }
    await this.library.refresh();
    return null;
  }

  async remove(id: string): Promise<void> {
    if (this.recovery.trouble?.id === id) {
      this.recovery.report(null);
      await this.recovery.opened();
    }
    const open = id === this.book.id || this.book.workbook === null;
    if (open) this.persistence.discard();
    await this.library.remove(id);
    this.book.forget(id);
    this.persistence.announce({ kind: 'deleted', id });
    await this.library.refresh();
    if (open) {
      const next = this.library.workbooks[0];
      if (next) await this.open(next.id);
      else await this.createFrom('sample');
    }
  }

  async #load(id: string | null, revision: number, data: Workbook, readOnly: ReadOnly | null = null): Promise<void> {
    if (id !== null) await this.recovery.opening(id);
    this.persistence.begin(revision);
    this.book.load(id, data, readOnly);
    performance.mark('headroom:checked');
    await this.results.reset();
    this.persistence.opened();
  }

  // ---- files -----------------------------------------------------------------------------------

  fileName(): string {
    return fileNameFor(this.book.name);
  }

  fileText(): string {
    if (!this.book.workbook) throw new Error('no workbook is open');
    // a newer Headroom's workbook is written as stored, with what this version does not know
    if (this.book.readOnly) return JSON.stringify(this.book.readOnly.original, null, 1) + '\n';
    return serializeWorkbook(this.book.workbook);
  }

  /**
   * Checks an opened file's bytes in the worker, telling each stage as it starts; opens it as a new
   * workbook or says what is wrong in one line, in the words on screen (`where`).
   */
  async openFile(bytes: Uint8Array, fileName: string, where?: (path: string) => string, onStage?: (stage: ReadStage) => void): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
    // the worker keeps the workbook it read, to open it without being sent it back
    const parsed = await this.results.engine.parseFile(bytes, onStage, true);
    if (!parsed.ok) return { ok: false, message: `${clipName(fileName)} was not opened: ${describeProblems(parsed.problems, where)}` };
    // a second copy of the same workbook gets a name of its own, and both say which file they came from
    const name = distinctName(parsed.workbook.name, this.library.workbooks.map((w) => w.name));
    const named = name === parsed.workbook.name ? parsed.workbook : { ...parsed.workbook, name };
    markChecked(named, parsed.warnings);
    this.results.preload(named, parsed.kept);
    await this.adopt(named);
    if (this.book.id) await this.origins.note(this.book.id, fileName);
    return { ok: true, name };
  }

  /** The same for text already read (tests, pasted files). */
  openFileText(text: string, fileName: string, where?: (path: string) => string): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
    return this.openFile(new TextEncoder().encode(text), fileName, where);
  }

  /** Closes the channel to other tabs (tests run several apps in one page). */
  dispose(): void {
    this.persistence.dispose();
  }
}

/** A file name short enough to leave the message its room. */
function clipName(name: string): string {
  return name.length > 60 ? name.slice(0, 59) + '…' : name;
}
