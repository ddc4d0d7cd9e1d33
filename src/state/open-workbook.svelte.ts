// The open workbook: its data, the edits made to it with undo and redo, and the checks that say
// what is wrong with it. Every change is reported to one listener (the app wires it to saving and
// to the results); nothing here touches storage or the engine.
import { checkWorkbook, workbookWarnings, type Problem } from '../model/validate';
import { checkEdit } from '../model/cells';
import { getAt, isKeyedTable, parsePath, type Path } from '../model/paths';
import type { Workbook, Workshop } from '../model/schema';
import { applyChanges, History, type Batch, type Change } from './history';

export interface EditInput {
  path: Path;
  value: unknown;
}

export interface Refused {
  path: Path;
  value: unknown;
  message: string;
}

/**
 * What changed: edits made here; edits taken in from elsewhere (another tab's save, with ours
 * again on top); the whole workbook replaced; or `aside`: a record kept with the workbook that
 * changes no figure and is no undo step (workshop).
 */
export type BookChange =
  | { kind: 'edit' | 'merge'; edits: readonly EditInput[]; hadProblems: boolean }
  | { kind: 'replace' }
  | { kind: 'aside'; edits: readonly EditInput[] };

/** One applied step (an edit, an undo or a redo), as the workshop's session log records it. */
export interface Applied {
  label: string;
  changes: readonly Change[];
  /** Set when the step joined the previous one (a lever still moving). */
  merge?: string;
}

/** Why a workbook is open for reading only: it was made by a newer Headroom. */
export interface ReadOnly {
  /** Its format version. */
  version: number;
  /** Its fields this version does not know, left out of what is shown. */
  leftOut: string[];
  /** The record as stored, untouched: what "Save to file" writes, so nothing is lost. */
  original: unknown;
}

export const READ_ONLY_REFUSAL = 'this workbook is open read-only: it was made by a newer version of Headroom';

export class OpenWorkbook {
  #id = $state<string | null>(null);
  #workbook = $state.raw<Workbook | null>(null);
  /** Rules between tables that the workbook breaks right now (shown as flags, results wait). */
  #problems = $state.raw<Problem[]>([]);
  /** Things worth a second look that do not stop the workbook from computing. */
  #warnings = $state.raw<Problem[]>([]);
  /** Last refusal, shown to the user until the next edit. */
  #refused = $state.raw<Refused[]>([]);
  #canUndo = $state(false);
  #canRedo = $state(false);
  #editCount = $state(0);
  #readOnly = $state.raw<ReadOnly | null>(null);
  readonly name = $derived(this.#workbook?.name ?? '');

  #history = new History();
  /** One undo history per workbook, kept while the page is open (not shown, so not reactive). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #histories = new Map<string, History>();
  readonly #onChange: (change: BookChange) => void;
  /** Told of every applied step; the workshop's session log listens. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #listeners = new Set<(step: Applied) => void>();

  constructor(onChange: (change: BookChange) => void = () => {}) {
    this.#onChange = onChange;
  }

  /** The stored workbook's id; null when it is not stored (storage unavailable, or deleted elsewhere). */
  get id(): string | null {
    return this.#id;
  }
  get workbook(): Workbook | null {
    return this.#workbook;
  }
  /** Bumped by every edit, undo and redo: messages about an earlier action go when it moves. */
  get editCount(): number {
    return this.#editCount;
  }
  get problems(): Problem[] {
    return this.#problems;
  }
  get warnings(): Problem[] {
    return this.#warnings;
  }
  get refused(): Refused[] {
    return this.#refused;
  }
  /** Set when the workbook may be read but not changed (made by a newer Headroom). */
  get readOnly(): ReadOnly | null {
    return this.#readOnly;
  }
  get canUndo(): boolean {
    return this.#canUndo;
  }
  get canRedo(): boolean {
    return this.#canRedo;
  }

  /** Opens a workbook: its own undo history comes back if it was open before on this page. */
  load(id: string | null, data: Workbook, readOnly: ReadOnly | null = null): void {
    this.#id = id;
    this.#readOnly = readOnly;
    if (id === null) this.#history = new History();
    else {
      this.#history = this.#histories.get(id) ?? new History();
      this.#histories.set(id, this.#history);
    }
    this.#syncHistory();
    this.#refused = [];
    // stored before format version 2: the optional list of ranges is simply empty
    this.#set(data.ranges ? data : { ...data, ranges: [] }, checkedInWorker.get(data));
  }

  /** The workbook is no longer stored under its id (deleted in another tab): keep it on screen only. */
  detach(): void {
    this.#id = null;
  }

  /** The workbook, never stored until now, has just been stored under `id`. History stays. */
  attach(id: string): void {
    this.#id = id;
    this.#histories.set(id, this.#history);
  }

  forget(id: string): void {
    this.#histories.delete(id);
  }

  /** Takes in a workbook saved elsewhere (another tab, merged with ours). History stays. */
  replace(data: Workbook): void {
    this.#set(data);
    this.#onChange({ kind: 'replace' });
  }

  /** Takes in edits made elsewhere (another tab), `data` being the workbook with them applied. */
  merge(data: Workbook, edits: readonly EditInput[]): void {
    const hadProblems = this.#problems.length > 0;
    this.#set(data);
    this.#onChange({ kind: 'merge', edits, hadProblems });
  }

  /**
   * Applies a batch of edits as one undoable step. Each value is checked against its row's rules
   * first; refused values are reported (never dropped silently) and the rest are applied.
   */
  apply(edits: readonly EditInput[], label: string, merge?: string): { applied: number; refused: Refused[] } {
    // user timing marks let the UI benchmark and the browser's profiler see edit-to-chart time
    performance.mark('headroom:edit');
    const wb = this.#workbook;
    if (!wb) return { applied: 0, refused: edits.map((e) => ({ ...e, message: 'no workbook is open' })) };
    if (this.#readOnly) {
      this.#refused = edits.map((e) => ({ ...e, message: READ_ONLY_REFUSAL }));
      return { applied: 0, refused: this.#refused };
    }
    let next = wb;
    const accepted: EditInput[] = [];
    const refused: Refused[] = [];
    for (const e of edits) {
      if (Object.is(getAtSafe(next, e.path), e.value)) continue;
      const check = checkEdit(next, e.path, e.value);
      if (check.ok) {
        next = check.workbook;
        accepted.push(e);
      } else refused.push({ ...e, message: check.message });
    }
    this.#refused = refused;
    if (accepted.length === 0) return { applied: 0, refused };
    const { applied } = applyChanges(wb, accepted);
    this.#history.push({ label, changes: applied }, merge);
    this.#commit(next, accepted, wb);
    this.#emit({ label, changes: applied, merge });
    return { applied: accepted.length, refused };
  }

  /** Calls `fn` after every applied edit, undo and redo; returns the way to stop. */
  onApplied(fn: (step: Applied) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(step: Applied): void {
    for (const fn of this.#listeners) fn(step);
  }

  /**
   * Replaces the workbook's workshop record (levers, snapshots, session log). It is saved with the
   * workbook but is not an undo step and changes no figure, so nothing is checked or recomputed.
   */
  setWorkshop(value: Workshop): void {
    if (!this.#workbook || this.#readOnly) return;
    this.#workbook = { ...this.#workbook, workshop: value };
    this.#onChange({ kind: 'aside', edits: [{ path: ['workshop'], value }] });
  }

  undo(): string | null {
    return this.#replay(this.#history.takeUndo(), 'Undo');
  }

  redo(): string | null {
    return this.#replay(this.#history.takeRedo(), 'Redo');
  }

  #replay(batch: Batch | null, kind: 'Undo' | 'Redo'): string | null {
    if (!batch || !this.#workbook || this.#readOnly) return null;
    const { workbook, applied } = applyChanges(this.#workbook, batch.changes);
    this.#refused = [];
    this.#commit(workbook, batch.changes, this.#workbook);
    this.#emit({ label: `${kind}: ${batch.label}`, changes: applied });
    return batch.label;
  }

  #commit(next: Workbook, edits: readonly EditInput[], before: Workbook): void {
    const hadProblems = this.#problems.length > 0;
    this.#syncHistory();
    if (problemsUnchanged(before, edits)) {
      // typing a number: the whole-workbook check (about 100 ms on England) has nothing new to say
      this.#workbook = next;
      this.#warnings = workbookWarnings(next);
    } else this.#set(next);
    this.#editCount++;
    this.#onChange({ kind: 'edit', edits: edits.map((e) => ({ path: e.path, value: e.value })), hadProblems });
  }

  #set(data: Workbook, checked?: Problem[]): void {
    this.#workbook = data;
    this.#problems = checked ? [] : checkAll(data);
    this.#warnings = checked ?? workbookWarnings(data);
  }

  #syncHistory(): void {
    this.#canUndo = this.#history.canUndo;
    this.#canRedo = this.#history.canRedo;
  }
}

/** Workbooks the engine worker has just read from a file and checked in full, with their warnings. */
const checkedInWorker = new WeakMap<Workbook, Problem[]>();

/**
 * Marks a workbook as checked in the worker (it was accepted there, so it has no problems), so
 * that opening it does not check all of it again on the page's thread (England: a tenth of a
 * second or more). Only this very object is trusted: any edit makes a new one.
 */
export function markChecked(wb: Workbook, warnings: Problem[]): void {
  checkedInWorker.set(wb, warnings);
}

/** Every problem, so that each cell concerned is flagged (a file's refusal shows the first few). */
function checkAll(wb: Workbook): Problem[] {
  return checkWorkbook(wb, true, 100_000);
}

/**
 * True when every edit only changes one number (or the Source note) in a table row that no scenario
 * override or range names. The rules between tables read keys, references, need shares and dates,
 * never such a cell, and the cell's own rules were checked when it was accepted; an override or a range on
 * the row is judged together with the row's other cells, so those rows are checked in full.
 */
export function problemsUnchanged(before: Workbook, edits: readonly EditInput[]): boolean {
  for (const e of edits) {
    const [table, key, field] = e.path;
    if (e.path.length !== 3 || typeof table !== 'string' || !isKeyedTable(table) || table === 'scenarios' || field === 'share') return false;
    // a row's Source is free text, judged by its own cell rules alone (the sheets rewrite it with
    // the first edit of a value, and that must not cost England a whole-workbook check)
    const note = field === 'source' && typeof e.value === 'string' && typeof getAtSafe(before, e.path) === 'string';
    if (!note && (typeof e.value !== 'number' || typeof getAtSafe(before, e.path) !== 'number')) return false;
    const onRow = (text: string) => {
      const p = parsePath(text);
      return !p || (p[0] === table && String(p[1]) === String(key));
    };
    if (before.scenarios.some((s) => s.overrides.some((o) => onRow(o.path)))) return false;
    if ((before.ranges ?? []).some((r) => onRow(r.path))) return false;
  }
  return true;
}

function getAtSafe(wb: Workbook, path: Path): unknown {
  try {
    return getAt(wb, path);
  } catch {
    return undefined;
  }
}
