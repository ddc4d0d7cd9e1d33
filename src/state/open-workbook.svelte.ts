// The open workbook: its data, the edits made to it with undo and redo, and the checks that say
// what is wrong with it. Every change is reported to one listener (the app wires it to saving and
// to the results); nothing here touches storage or the engine.
import { checkWorkbook, workbookWarnings, type Problem } from '../model/validate';
import { checkEdit } from '../model/cells';
import { getAt, type Path } from '../model/paths';
import type { Workbook } from '../model/schema';
import { applyChanges, History, type Batch } from './history';

export interface EditInput {
  path: Path;
  value: unknown;
}

export interface Refused {
  path: Path;
  value: unknown;
  message: string;
}

/** What changed: edits made here, or the whole workbook replaced from elsewhere (another tab). */
export type BookChange = { kind: 'edit'; edits: readonly EditInput[]; hadProblems: boolean } | { kind: 'replace' };

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
  readonly name = $derived(this.#workbook?.name ?? '');

  #history = new History();
  /** One undo history per workbook, kept while the page is open (not shown, so not reactive). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #histories = new Map<string, History>();
  readonly #onChange: (change: BookChange) => void;

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
  get problems(): Problem[] {
    return this.#problems;
  }
  get warnings(): Problem[] {
    return this.#warnings;
  }
  get refused(): Refused[] {
    return this.#refused;
  }
  get canUndo(): boolean {
    return this.#canUndo;
  }
  get canRedo(): boolean {
    return this.#canRedo;
  }

  /** Opens a workbook: its own undo history comes back if it was open before on this page. */
  load(id: string | null, data: Workbook): void {
    this.#id = id;
    if (id === null) this.#history = new History();
    else {
      this.#history = this.#histories.get(id) ?? new History();
      this.#histories.set(id, this.#history);
    }
    this.#syncHistory();
    this.#refused = [];
    this.#set(data);
  }

  /** The workbook is no longer stored under its id (deleted in another tab): keep it on screen only. */
  detach(): void {
    this.#id = null;
  }

  forget(id: string): void {
    this.#histories.delete(id);
  }

  /** Takes in a workbook saved elsewhere (another tab, merged with ours). History stays. */
  replace(data: Workbook): void {
    this.#set(data);
    this.#onChange({ kind: 'replace' });
  }

  /**
   * Applies a batch of edits as one undoable step. Each value is checked against its row's rules
   * first; refused values are reported (never dropped silently) and the rest are applied.
   */
  apply(edits: readonly EditInput[], label: string): { applied: number; refused: Refused[] } {
    // user timing marks let the UI benchmark and the browser's profiler see edit-to-chart time
    performance.mark('headroom:edit');
    const wb = this.#workbook;
    if (!wb) return { applied: 0, refused: edits.map((e) => ({ ...e, message: 'no workbook is open' })) };
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
    this.#history.push({ label, changes: applied });
    this.#commit(next, accepted);
    return { applied: accepted.length, refused };
  }

  undo(): string | null {
    return this.#replay(this.#history.takeUndo());
  }

  redo(): string | null {
    return this.#replay(this.#history.takeRedo());
  }

  #replay(batch: Batch | null): string | null {
    if (!batch || !this.#workbook) return null;
    const { workbook } = applyChanges(this.#workbook, batch.changes);
    this.#refused = [];
    this.#commit(workbook, batch.changes);
    return batch.label;
  }

  #commit(next: Workbook, edits: readonly EditInput[]): void {
    const hadProblems = this.#problems.length > 0;
    this.#syncHistory();
    this.#set(next);
    this.#onChange({ kind: 'edit', edits: edits.map((e) => ({ path: e.path, value: e.value })), hadProblems });
  }

  #set(data: Workbook): void {
    this.#workbook = data;
    this.#problems = checkAll(data);
    this.#warnings = workbookWarnings(data);
  }

  #syncHistory(): void {
    this.#canUndo = this.#history.canUndo;
    this.#canRedo = this.#history.canRedo;
  }
}

/** Every problem, so that each cell concerned is flagged (a file's refusal shows the first few). */
function checkAll(wb: Workbook): Problem[] {
  return checkWorkbook(wb, true, 100_000);
}

function getAtSafe(wb: Workbook, path: Path): unknown {
  try {
    return getAt(wb, path);
  } catch {
    return undefined;
  }
}
