// Workshop mode: the levers a facilitator picked, the snapshots the room pinned and the session
// log. All of it lives in the open workbook's optional `workshop` record, so it is saved, reloaded
// and written to files with the workbook; this class only reads that record and replaces it
// through the workspace. Lever moves and bringing a state back are ordinary undoable edits.
import { formatPath, parsePath } from '../model/paths';
import type { Lever, Snapshot, Workshop } from '../model/schema';
import {
  appendLog,
  backToStart,
  emptyWorkshop,
  isPercentPath,
  leverValue,
  logEntry,
  mergeLogEntries,
  pinValues,
  replaceLastLog,
  restoreSnapshot,
  sessionLog,
  snapToLever,
  snapshotScenario,
  timestamp,
  uniqueKey,
  type Restore,
} from '../model/workshop';
import { toReport, type ReportYear } from '../io/report';
import type { Applied, OpenWorkbook } from './open-workbook.svelte';
import type { Results } from './results.svelte';

export type LeverInput = Omit<Lever, 'id'>;

export class WorkshopManager {
  readonly book: OpenWorkbook;
  readonly results: Results;
  /** Snapshots ticked for the side-by-side comparison; until the facilitator ticks any, the last four. */
  #chosen = $state<string[] | null>(null);
  /** The snapshot most recently brought back, for the previous/next shortcuts. */
  current = $state<string | null>(null);
  /** The whole workbook's figures now, for the comparison's first column. */
  now = $state.raw<ReportYear[]>([]);
  message = $state<string | null>(null);

  #lastMerge: string | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #pendingMoves = new Map<string, number>();
  #frame = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #gesture = new Map<string, number>();

  constructor(book: OpenWorkbook, results: Results) {
    this.book = book;
    this.results = results;
    book.onApplied((step) => this.#record(step));
  }

  get record(): Workshop {
    return this.book.workbook?.workshop ?? emptyWorkshop();
  }

  get levers(): Lever[] {
    return this.record.levers;
  }

  get snapshots(): Snapshot[] {
    return this.record.snapshots;
  }

  get compare(): string[] {
    const ids = this.snapshots.map((s) => s.id);
    return this.#chosen ? this.#chosen.filter((id) => ids.includes(id)) : ids.slice(-4);
  }

  get session(): Workshop['session'] {
    return this.record.session;
  }

  get log() {
    return sessionLog(this.record);
  }

  #write(next: Workshop): void {
    this.book.setWorkshop(next);
  }

  /** A session starts when workshop mode is first used on a workbook, or on "New session". */
  ensureSession(): void {
    if (!this.book.workbook || this.record.session) return;
    this.#write({ ...this.record, session: { startedAt: timestamp(), from: this.record.log.length } });
  }

  newSession(): void {
    this.#lastMerge = null;
    this.#write({ ...this.record, session: { startedAt: timestamp(), from: this.record.log.length } });
  }

  // ---- the log ---------------------------------------------------------------------------------

  #record(step: Applied): void {
    if (!this.book.workbook) return;
    const entry = logEntry(step.label, step.changes);
    if (entry.changes.length === 0 && !entry.rows) return;
    const w = this.record;
    const last = w.log[w.log.length - 1];
    if (step.merge && step.merge === this.#lastMerge && last) this.#write(replaceLastLog(w, mergeLogEntries(last, entry)));
    else this.#write(appendLog(w, entry));
    this.#lastMerge = step.merge ?? null;
  }

  // ---- levers ----------------------------------------------------------------------------------

  value(lever: Lever): number | undefined {
    return this.book.workbook ? leverValue(this.book.workbook, lever) : undefined;
  }

  /** Adds a lever; returns a message when it cannot be one. */
  addLever(input: LeverInput): string | null {
    const wb = this.book.workbook;
    if (!wb) return 'no workbook is open';
    const path = parsePath(input.path);
    if (!path) return `'${input.path}' is not a workbook path`;
    const text = formatPath(path);
    if (this.levers.some((l) => l.path === text)) return 'that value is a lever already';
    const label = input.label.trim();
    if (!label) return 'a lever needs a label';
    if (!(Number.isFinite(input.min) && Number.isFinite(input.max) && input.min < input.max)) return 'the lowest value must be below the highest';
    if (!(input.step > 0 && input.step <= input.max - input.min)) return 'the step must be above 0 and no more than the range';
    const lever: Lever = { id: uniqueKey(label, this.levers.map((l) => l.id), 'lever'), label: label.slice(0, 200), path: text, min: input.min, max: input.max, step: input.step };
    if (leverValue(wb, lever) === undefined) return `${text} is not a number in this workbook`;
    if (this.levers.length >= 40) return 'a workbook has at most 40 levers';
    this.#write({ ...this.record, levers: [...this.levers, lever] });
    return null;
  }

  removeLever(id: string): void {
    this.#write({ ...this.record, levers: this.levers.filter((l) => l.id !== id) });
  }

  moveLeverUp(id: string, by: -1 | 1): void {
    const list = [...this.levers];
    const i = list.findIndex((l) => l.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    this.#write({ ...this.record, levers: list });
  }

  /**
   * A lever is moving: the value is applied at the next animation frame, so however fast the
   * slider fires, the figures recompute at most once a frame. Moves until `settle` are one undo step.
   */
  input(lever: Lever, value: number): void {
    this.#pendingMoves.set(lever.id, snapToLever(lever, value));
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flushMoves());
  }

  /** The move is over (slider released, key pressed, stepper clicked): apply now and close the undo step. */
  settle(lever: Lever, value: number): void {
    this.#pendingMoves.set(lever.id, snapToLever(lever, value));
    this.#flushMoves();
    this.#gesture.set(lever.id, (this.#gesture.get(lever.id) ?? 0) + 1);
  }

  /** Moves a lever by whole steps (the +/- buttons and keyboard shortcuts). */
  step(lever: Lever, steps: number): void {
    const now = this.value(lever);
    if (now === undefined) return;
    this.settle(lever, now + steps * lever.step);
  }

  #flushMoves(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    const moves = [...this.#pendingMoves];
    this.#pendingMoves.clear();
    for (const [id, value] of moves) {
      const lever = this.levers.find((l) => l.id === id);
      const path = lever && parsePath(lever.path);
      if (!lever || !path) continue;
      this.ensureSession();
      const r = this.book.apply([{ path, value }], `${lever.label}: ${formatLeverValue(lever, value)}`, `lever:${id}:${this.#gesture.get(id) ?? 0}`);
      if (r.refused.length) this.message = `${lever.label} cannot be ${formatLeverValue(lever, value)}: ${r.refused[0].message}`;
    }
  }

  // ---- snapshots -------------------------------------------------------------------------------

  /** Keeps the current state under a name, with the whole workbook's figures for the scenario shown. */
  async pin(name: string): Promise<string | null> {
    const wb = this.book.workbook;
    const clean = name.trim();
    if (!wb) return 'no workbook is open';
    if (!clean) return 'a snapshot needs a name';
    if (clean.length > 200) return 'a name can be at most 200 characters';
    if (this.snapshots.length >= 100) return 'a workbook keeps at most 100 snapshots: delete one first';
    if (this.book.problems.length) return 'the workbook has a problem to fix first (see the results)';
    this.ensureSession();
    const scenario = this.results.scenario;
    let figures: ReportYear[];
    try {
      figures = toReport(wb.name, scenario, await this.results.engine.yearly(scenario)).years;
    } catch (err) {
      return `the figures could not be computed: ${(err as Error).message}`;
    }
    // the workbook may have moved on while the figures were computed: take the state they are for
    const w = this.record;
    const snap: Snapshot = {
      id: uniqueKey(clean, w.snapshots.map((s) => s.id), 'snapshot'),
      name: clean,
      pinnedAt: timestamp(),
      scenario,
      logLength: w.log.length,
      values: pinValues(this.book.workbook ?? wb, w),
      figures,
    };
    this.#write({ ...w, snapshots: [...w.snapshots, snap] });
    this.current = snap.id;
    if (this.#chosen) this.#chosen = [...this.#chosen, snap.id];
    return null;
  }

  /** Brings a snapshot back as one undoable edit, and shows its scenario. */
  restore(id: string): void {
    const wb = this.book.workbook;
    const snap = this.snapshots.find((s) => s.id === id);
    if (!wb || !snap) return;
    this.ensureSession();
    this.#applyRestore(restoreSnapshot(wb, this.record, snap), `Bring back "${snap.name}"`);
    this.current = id;
    if (snap.scenario !== this.results.scenario && wb.scenarios.some((s) => s.id === snap.scenario)) this.results.setView({ scenario: snap.scenario });
  }

  /** Brings back the previous or next snapshot in the list (keyboard: [ and ]). */
  cycle(by: -1 | 1): void {
    const list = this.snapshots;
    if (!list.length) return;
    const i = list.findIndex((s) => s.id === this.current);
    const j = i < 0 ? (by > 0 ? 0 : list.length - 1) : (i + by + list.length) % list.length;
    this.restore(list[j].id);
  }

  backToStart(): void {
    const wb = this.book.workbook;
    if (!wb || !this.session) return;
    this.#applyRestore(backToStart(wb, this.record), 'Back to the start of the session');
    this.current = null;
  }

  #applyRestore(r: Restore, label: string): void {
    const result = r.edits.length ? this.book.apply(r.edits, label) : { applied: 0, refused: [] };
    const notes: string[] = [];
    if (result.applied === 0 && r.edits.length === 0) notes.push('Nothing to change: the workbook is already in that state.');
    if (result.refused.length) notes.push(`${result.refused.length} value${result.refused.length > 1 ? 's were' : ' was'} refused: ${result.refused[0].message}.`);
    if (r.skipped) notes.push(`${r.skipped} change${r.skipped > 1 ? 's' : ''} that added or deleted rows could not be taken back this way: use Undo for those.`);
    this.message = notes.length ? notes.join(' ') : null;
  }

  rename(id: string, name: string): string | null {
    const clean = name.trim();
    if (!clean) return 'a snapshot needs a name';
    this.#write({ ...this.record, snapshots: this.snapshots.map((s) => (s.id === id ? { ...s, name: clean.slice(0, 200) } : s)) });
    return null;
  }

  removeSnapshot(id: string): void {
    this.#write({ ...this.record, snapshots: this.snapshots.filter((s) => s.id !== id) });
    if (this.current === id) this.current = null;
  }

  toggleCompare(id: string): void {
    const now = this.compare;
    this.#chosen = now.includes(id) ? now.filter((c) => c !== id) : [...now, id];
  }

  /** Adds a scenario that reproduces the snapshot (one undoable edit), and shows it. */
  toScenario(id: string): void {
    const wb = this.book.workbook;
    const snap = this.snapshots.find((s) => s.id === id);
    if (!wb || !snap) return;
    const { scenario, left } = snapshotScenario(wb, snap);
    const r = this.book.apply([{ path: ['scenarios'], value: [...wb.scenarios, scenario] }], `Make "${snap.name}" a scenario`);
    if (r.refused.length) {
      this.message = `"${snap.name}" could not become a scenario: ${r.refused[0].message}.`;
      return;
    }
    this.message = `Added the scenario "${scenario.name}" (${scenario.overrides.length} override${scenario.overrides.length === 1 ? '' : 's'}).${left ? ` ${left} kept value${left > 1 ? 's' : ''} (names or the timeline) cannot be part of a scenario.` : ''}`;
    this.results.setView({ scenario: scenario.id });
  }

  /** The whole workbook's figures now, for the comparison (asked again after every result). */
  async refreshNow(): Promise<void> {
    const wb = this.book.workbook;
    if (!wb || this.book.problems.length || !this.results.view) return;
    try {
      this.now = toReport(wb.name, this.results.scenario, await this.results.engine.yearly(this.results.scenario)).years;
    } catch {
      this.now = [];
    }
  }
}

/** A lever's value as its label shows it: percentages for fractions, else up to two decimals. */
export function formatLeverValue(lever: Lever, value: number): string {
  if (isPercentPath(lever.path)) return `${(value * 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
  return value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}
