// The open workbook and everything that follows from it: edits with undo/redo, autosave to the
// browser's store, sharing with other tabs, and the results the engine worker computes. The UI
// reads this object and calls its methods; it never reaches storage or the worker itself.
import { describeProblems, checkWorkbook, workbookWarnings, type Problem } from '../model/validate';
import { checkEdit } from '../model/cells';
import { getAt, type Path } from '../model/paths';
import type { Workbook } from '../model/schema';
import { EngineClient, type View, type ViewRequest } from '../engine-client';
import type { EntityRef, Meta } from '../engine';
import { WorkbookStore, type PendingEdit, type WorkbookSummary } from '../storage/store';
import { storageMessage } from '../storage/errors';
import { applyChanges, History, type Batch } from './history';
import { loadSample } from '../sample';
import { blankWorkbook } from './blank';
import { fileNameFor, serializeWorkbook } from '../io/workbook-file';

export type SaveStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'failed';

export interface EditInput {
  path: Path;
  value: unknown;
}

export interface Refused {
  path: Path;
  value: unknown;
  message: string;
}

/** Autosave waits this long after the last edit, well inside the promise of one second. */
const SAVE_DELAY_MS = 300;
const CHANNEL = 'headroom-workbooks';

export class Workspace {
  readonly store: WorkbookStore;
  readonly engine: EngineClient;
  readonly #tab = crypto.randomUUID();
  readonly #channel: BroadcastChannel | null;

  workbooks = $state<WorkbookSummary[]>([]);
  id = $state<string | null>(null);
  workbook = $state.raw<Workbook | null>(null);
  /** Rules between tables that the workbook breaks right now (shown as flags, results wait). */
  problems = $state.raw<Problem[]>([]);
  /** Things worth a second look that do not stop the workbook from computing. */
  warnings = $state.raw<Problem[]>([]);
  status = $state<SaveStatus>('loading');
  storageError = $state<string | null>(null);
  persisted = $state<boolean | null>(null);
  /** Last refusal, shown to the user until the next edit. */
  refused = $state.raw<Refused[]>([]);
  notice = $state<string | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);

  meta = $state.raw<Meta | null>(null);
  view = $state.raw<View | null>(null);
  computing = $state(false);
  engineError = $state<string | null>(null);
  scenario = $state('');
  ref = $state<EntityRef>({ level: 'total', code: '' });
  fy = $state('');
  /** Bumped after each applied view; the results panel uses it to time edit-to-chart. */
  viewCount = $state(0);

  #history = new History();
  /** One undo history per workbook, kept while the page is open (not shown, so not reactive). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #histories = new Map<string, History>();
  #revision = 0;
  #pending: PendingEdit[] = [];
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;
  /** True when the worker holds the same workbook as the page. */
  #engineInSync = false;

  constructor(store = new WorkbookStore(), engine = new EngineClient()) {
    this.store = store;
    this.engine = engine;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    this.#channel?.addEventListener('message', (e: MessageEvent) => void this.#onOtherTab(e.data));
  }

  /** First run opens the sample; later runs reopen the last workbook. */
  async start(): Promise<void> {
    void this.#requestPersistence();
    try {
      await this.#refreshList();
      const last = await this.store.getSetting<string>('lastOpen');
      const target = this.workbooks.find((w) => w.id === last) ?? this.workbooks[0];
      if (target) await this.open(target.id);
      else await this.createFrom('sample');
    } catch (err) {
      // storage unavailable (private window, blocked): work in memory and say so
      this.storageError = storageMessage(err);
      await this.#load(null, 0, loadSample());
    }
  }

  async #requestPersistence(): Promise<void> {
    try {
      this.persisted = navigator.storage?.persist ? await navigator.storage.persist() : null;
    } catch {
      this.persisted = false;
    }
  }

  async #refreshList(): Promise<void> {
    this.workbooks = await this.store.list();
  }

  get name(): string {
    return this.workbook?.name ?? '';
  }

  // ---- workbook list -------------------------------------------------------------------------

  async open(id: string): Promise<void> {
    await this.flush();
    const row = await this.store.get(id);
    if (!row) throw new Error('that workbook no longer exists');
    await this.#load(row.id, row.revision, row.data);
    await this.store.setSetting('lastOpen', row.id);
  }

  async createFrom(kind: 'sample' | 'blank', name?: string): Promise<void> {
    const data = kind === 'sample' ? loadSample() : blankWorkbook();
    await this.#createAndOpen(name ? { ...data, name } : data);
  }

  /** Opens a checked workbook (from a file) as a new stored workbook: never overwrites one. */
  async adopt(data: Workbook): Promise<void> {
    await this.#createAndOpen(data);
  }

  async #createAndOpen(data: Workbook): Promise<void> {
    await this.flush();
    const row = await this.store.create(data);
    await this.#refreshList();
    await this.#load(row.id, row.revision, row.data);
    await this.store.setSetting('lastOpen', row.id);
  }

  async duplicate(id: string): Promise<void> {
    await this.flush();
    const src = this.workbooks.find((w) => w.id === id);
    const row = await this.store.duplicate(id, `Copy of ${src?.name ?? 'workbook'}`.slice(0, 200));
    await this.#refreshList();
    await this.#load(row.id, row.revision, row.data);
    await this.store.setSetting('lastOpen', row.id);
  }

  async rename(id: string, name: string): Promise<string | null> {
    const clean = name.trim();
    if (!clean) return 'a workbook needs a name';
    if (clean.length > 200) return 'a name can be at most 200 characters';
    if (id === this.id) {
      this.apply([{ path: ['name'], value: clean }], 'Rename workbook');
      await this.flush();
    } else await this.store.rename(id, clean);
    await this.#refreshList();
    return null;
  }

  async remove(id: string): Promise<void> {
    if (id === this.id) {
      this.#cancelSave();
      this.#pending = [];
    }
    await this.store.remove(id);
    this.#histories.delete(id);
    this.#broadcast({ kind: 'deleted', id });
    await this.#refreshList();
    if (id === this.id) {
      if (this.workbooks[0]) await this.open(this.workbooks[0].id);
      else await this.createFrom('sample');
    }
  }

  async #load(id: string | null, revision: number, data: Workbook): Promise<void> {
    this.status = 'loading';
    this.id = id;
    this.#revision = revision;
    this.#pending = [];
    if (id === null) this.#history = new History();
    else {
      this.#history = this.#histories.get(id) ?? new History();
      this.#histories.set(id, this.#history);
    }
    this.#syncHistory();
    this.refused = [];
    // stored before format version 2: the optional list of ranges is simply empty
    if (!data.ranges) data = { ...data, ranges: [] };
    this.workbook = data;
    this.#check(data);
    this.view = null;
    if (!data.scenarios.some((s) => s.id === this.scenario)) this.scenario = data.scenarios[0]?.id ?? '';
    this.ref = { level: 'total', code: '' };
    await this.#openEngine();
    this.status = 'saved';
  }

  async #openEngine(): Promise<void> {
    const wb = this.workbook;
    this.#engineInSync = false;
    if (!wb || this.problems.length) return;
    try {
      this.meta = await this.engine.open(wb);
      this.engineError = null;
      this.#engineInSync = true;
      if (!this.meta.fyLabels.includes(this.fy)) this.fy = this.meta.fyLabels[0];
      await this.refreshView();
    } catch (err) {
      this.engineError = `The engine could not compute this workbook: ${(err as Error).message}`;
    }
  }

  // ---- edits -----------------------------------------------------------------------------------

  /**
   * Applies a batch of edits as one undoable step. Each value is checked against its row's rules
   * first; refused values are reported (never dropped silently) and the rest are applied.
   */
  apply(edits: readonly EditInput[], label: string): { applied: number; refused: Refused[] } {
    // user timing marks let the UI benchmark and the browser's profiler see edit-to-chart time
    performance.mark('headroom:edit');
    const wb = this.workbook;
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
    this.refused = refused;
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
    if (!batch || !this.workbook) return null;
    const { workbook } = applyChanges(this.workbook, batch.changes);
    this.refused = [];
    this.#commit(workbook, batch.changes);
    return batch.label;
  }

  #commit(next: Workbook, edits: readonly EditInput[]): void {
    this.workbook = next;
    this.#syncHistory();
    for (const e of edits) this.#pending.push({ path: e.path, value: e.value });
    this.#scheduleSave();
    this.#keepSelectionValid(next);
    const hadProblems = this.problems.length > 0;
    this.#check(next);
    if (this.problems.length) {
      this.#engineInSync = false;
      return;
    }
    if (hadProblems || !this.#engineInSync) {
      void this.#openEngine();
      return;
    }
    const structural = edits.some((e) => e.path.length < 3 || e.path[0] === 'scenarios' || e.path[0] === 'settings');
    if (structural) {
      void this.#openEngine();
      return;
    }
    // names appear in the results' lists and legends: take them afresh after a rename
    const renamed = edits.some((e) => e.path[e.path.length - 1] === 'name');
    this.engine
      .edit(edits.map((e) => ({ path: e.path, value: e.value })))
      .then(async () => {
        if (renamed) this.meta = await this.engine.meta();
        await this.refreshView();
      })
      .catch((err: unknown) => {
        this.engineError = `The engine could not apply that edit: ${(err as Error).message}`;
        void this.#openEngine();
      });
  }

  #check(wb: Workbook): void {
    this.problems = checkAll(wb);
    this.warnings = workbookWarnings(wb);
  }

  /** A deleted scenario or entity cannot stay chosen: fall back to the first scenario, the whole workbook. */
  #keepSelectionValid(wb: Workbook): void {
    if (!wb.scenarios.some((s) => s.id === this.scenario)) this.scenario = wb.scenarios[0]?.id ?? '';
    const { level, code } = this.ref;
    const tables = { system: wb.systems, place: wb.places, pcn: wb.pcns, practice: wb.practices } as const;
    if (level !== 'total' && !tables[level].some((r) => r.code === code)) this.ref = { level: 'total', code: '' };
  }

  #syncHistory(): void {
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }

  // ---- results ---------------------------------------------------------------------------------

  setView(patch: Partial<Pick<ViewRequest, 'scenario' | 'ref' | 'fy'>>): void {
    if (patch.scenario !== undefined) this.scenario = patch.scenario;
    if (patch.ref !== undefined) this.ref = patch.ref;
    if (patch.fy !== undefined) this.fy = patch.fy;
    void this.refreshView();
  }

  async refreshView(): Promise<void> {
    if (!this.#engineInSync || !this.scenario || !this.fy) return;
    this.computing = true;
    try {
      const v = await this.engine.view({ scenario: this.scenario, ref: $state.snapshot(this.ref), fy: this.fy });
      if (v) {
        this.view = v;
        this.viewCount++;
        this.engineError = null;
      }
    } catch (err) {
      this.engineError = `The engine could not compute the results: ${(err as Error).message}`;
    } finally {
      this.computing = false;
    }
  }

  // ---- saving ----------------------------------------------------------------------------------

  #scheduleSave(): void {
    if (this.id === null) {
      this.status = 'failed';
      return;
    }
    this.status = 'pending';
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  #cancelSave(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
  }

  /** Writes pending edits now (also called when the tab is hidden or closed). */
  async flush(): Promise<void> {
    this.#cancelSave();
    while (this.#saving) await this.#saving;
    if (this.#pending.length === 0 || this.id === null || !this.workbook) return;
    const id = this.id;
    const edits = this.#pending;
    const local = this.workbook;
    this.#pending = [];
    this.status = 'saving';
    this.#saving = (async () => {
      try {
        const row = await this.store.saveEdits(id, this.#revision, local, edits);
        if (this.id !== id) return;
        this.#revision = row.revision;
        this.storageError = null;
        if (row.data !== local) {
          // another tab saved first: take the merged copy plus anything typed meanwhile
          const { workbook } = applyChanges(row.data, this.#pending);
          this.workbook = workbook;
          this.#check(workbook);
          void this.#openEngine();
        }
        this.status = this.#pending.length ? 'pending' : 'saved';
        this.#broadcast({ kind: 'saved', id, revision: row.revision });
        if (this.workbooks.find((w) => w.id === id)?.name !== row.name) void this.#refreshList();
      } catch (err) {
        // keep the edits: they go out with the next save, or the user saves a file
        this.#pending = [...edits, ...this.#pending];
        this.status = 'failed';
        this.storageError = storageMessage(err);
      }
    })();
    try {
      await this.#saving;
    } finally {
      this.#saving = null;
    }
  }

  get hasUnsaved(): boolean {
    return this.#pending.length > 0 || this.status === 'saving';
  }

  #broadcast(msg: TabMessage): void {
    this.#channel?.postMessage({ ...msg, tab: this.#tab });
  }

  async #onOtherTab(msg: TabMessage & { tab: string }): Promise<void> {
    if (msg.tab === this.#tab) return;
    await this.#refreshList();
    if (msg.id !== this.id) return;
    if (msg.kind === 'deleted') {
      this.notice = 'This workbook was deleted in another tab. Save it to a file to keep a copy.';
      this.id = null;
      return;
    }
    if (msg.revision <= this.#revision) return;
    // our own pending edits go on top of theirs at the next save; with none, take theirs now
    if (this.#pending.length || this.#saving) {
      await this.flush();
      return;
    }
    const row = await this.store.get(msg.id);
    if (!row || this.id !== row.id) return;
    this.#revision = row.revision;
    this.workbook = row.data;
    this.#check(row.data);
    this.notice = 'Updated with edits made in another tab.';
    await this.#openEngine();
  }

  // ---- files -----------------------------------------------------------------------------------

  fileName(): string {
    return fileNameFor(this.name);
  }

  fileText(): string {
    if (!this.workbook) throw new Error('no workbook is open');
    return serializeWorkbook(this.workbook);
  }

  /** Checks an opened file in the worker; opens it as a new workbook or says what is wrong. */
  async openFileText(text: string, fileName: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const parsed = await this.engine.parseFile(text);
    if (!parsed.ok) return { ok: false, message: `${fileName} was not opened: ${describeProblems(parsed.problems)}` };
    await this.adopt(parsed.workbook);
    return { ok: true };
  }
}

type TabMessage = { kind: 'saved'; id: string; revision: number } | { kind: 'deleted'; id: string; revision?: undefined };

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
