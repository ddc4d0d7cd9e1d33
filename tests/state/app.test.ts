// The state managers together, as the UI drives them: library, open workbook, persistence and
// results, on the real engine and an in-memory IndexedDB under happy-dom (runes stay live here).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeApps, freshDbName, InProcessEngine, startApp, until } from './helpers';
import { AppState } from '../../src/state/app.svelte';
import { WorkbookStore } from '../../src/storage/store';
import { HeadroomDb } from '../../src/storage/db';
import { getAt } from '../../src/model/paths';
import { loadSample } from '../../src/sample';
import { EngineService } from '../../src/engine/service';

// the real engine computes in this thread: generous on a busy machine
vi.setConfig({ testTimeout: 30_000 });
afterEach(closeApps);

const sample = loadSample();
const [p1, p2] = sample.practices;
const registered = (code: string) => ['practices', code, 'registered'];

describe('first start', () => {
  it('opens the sample and computes it; the next start reopens the last workbook opened', async () => {
    const db = freshDbName();
    const app = await startApp(db);
    expect(app.library.workbooks).toHaveLength(1);
    expect(app.book.name).toBe(sample.name);
    expect(app.persistence.status).toBe('saved');
    expect(app.results.view?.years.length).toBeGreaterThan(0);
    expect(app.results.scenario).toBe(sample.scenarios[0].id);

    await app.createFrom('blank', 'Second');
    await app.recovery.opened(); // its figures painted (the page does this; see Recovery)
    const again = await startApp(db);
    expect(again.library.workbooks.map((w) => w.name).sort()).toEqual(['Second', sample.name].sort());
    expect(again.book.name).toBe('Second');
  });

  it('on a first visit gives the engine the sample before the store is read, and never sends it twice', async () => {
    localStorage.clear(); // a browser that has stored nothing
    const engine = new InProcessEngine();
    const sent = vi.spyOn(engine, 'open');
    const app = new AppState(new WorkbookStore(new HeadroomDb(freshDbName())), engine);
    try {
      const started = app.start();
      expect(sent).toHaveBeenCalledTimes(1); // before the store has answered
      await started;
      await until(() => !!app.results.view, 'the first figures');
      expect(sent).toHaveBeenCalledTimes(1);
      expect(app.book.name).toBe(sample.name);
      const fresh = new EngineService();
      fresh.open(structuredClone(sample));
      expect(app.results.view!.years).toEqual(fresh.yearly(app.results.scenario, { level: 'total', code: '' }));
    } finally {
      app.dispose();
    }
  });

  it('does not guess a first visit once a workbook is stored: the last one opens, sent once', async () => {
    const db = freshDbName();
    await startApp(db); // stores the sample, and notes that this browser has a workbook
    const engine = new InProcessEngine();
    const sent = vi.spyOn(engine, 'open');
    const app = new AppState(new WorkbookStore(new HeadroomDb(db)), engine);
    try {
      const started = app.start();
      expect(sent).not.toHaveBeenCalled();
      await started;
      await until(() => !!app.results.view, 'the figures');
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      app.dispose();
    }
  });
});

describe('editing', () => {
  it('applies an edit, recomputes the figures, saves it to the store, and undo takes it back', async () => {
    const db = freshDbName();
    const app = await startApp(db);
    const before = app.results.view!;
    const result = app.book.apply([{ path: registered(p1.code), value: p1.registered * 2 }], 'Edit');
    expect(result).toEqual({ applied: 1, refused: [] });
    expect(getAt(app.book.workbook!, registered(p1.code))).toBe(p1.registered * 2);
    expect(app.book.canUndo).toBe(true);
    expect(app.persistence.status).toBe('pending');
    await until(() => app.results.view !== before, 'the recomputed view');
    expect(app.results.view!.years[0].demandPerWeek).toBeGreaterThan(before.years[0].demandPerWeek);
    await until(() => app.persistence.status === 'saved', 'the save');
    const stored = await new WorkbookStore(new HeadroomDb(db)).get(app.book.id!);
    expect(getAt(stored!.data, registered(p1.code))).toBe(p1.registered * 2);

    expect(app.book.undo()).toBe('Edit');
    expect(getAt(app.book.workbook!, registered(p1.code))).toBe(p1.registered);
    expect(app.book.canRedo).toBe(true);
    await until(() => app.results.view!.years[0].demandPerWeek === before.years[0].demandPerWeek, 'the figures as before');
  });

  it('stores a stream of edits that never pauses (a lever dragged) without waiting for it to end', async () => {
    const db = freshDbName();
    const app = await startApp(db);
    // one edit a frame for 480 ms, on a clock moved by hand so that how fast this machine runs
    // the loop does not matter; no edit comes the 80 ms after another that a save waits for
    let now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      for (let i = 1; i <= 30; i++) {
        now += 16;
        app.book.apply([{ path: registered(p1.code), value: 5000 + i }], 'Drag', 'drag');
      }
    } finally {
      clock.mockRestore();
    }
    expect(app.persistence.status).toBe('pending');
    // the stream has gone on longer than a save may wait: it starts now, not 80 ms after the last edit
    await new Promise((r) => setTimeout(r, 40));
    expect(app.persistence.status).not.toBe('pending');
    await until(() => app.persistence.status === 'saved', 'the save');
    const stored = await new WorkbookStore(new HeadroomDb(db)).get(app.book.id!);
    expect(getAt(stored!.data, registered(p1.code))).toBe(5030);
  });

  it('saves a short burst of typing once, after it pauses', async () => {
    const db = freshDbName();
    const app = await startApp(db);
    const saves = vi.spyOn(WorkbookStore.prototype, 'saveEdits');
    try {
      for (let i = 1; i <= 5; i++) app.book.apply([{ path: registered(p1.code), value: 6000 + i }], `Edit ${i}`);
      await until(() => app.persistence.status === 'saved', 'the save');
      expect(saves).toHaveBeenCalledTimes(1);
    } finally {
      saves.mockRestore();
    }
    const stored = await new WorkbookStore(new HeadroomDb(db)).get(app.book.id!);
    expect(getAt(stored!.data, registered(p1.code))).toBe(6005);
  });

  it('refuses a bad value with a message and changes nothing', async () => {
    const app = await startApp(freshDbName());
    const wb = app.book.workbook;
    const result = app.book.apply([{ path: registered(p1.code), value: -5 }], 'Edit');
    expect(result.applied).toBe(0);
    expect(result.refused[0].message).toBeTruthy();
    expect(app.book.refused).toEqual(result.refused);
    expect(app.book.workbook).toBe(wb);
    expect(app.persistence.status).toBe('saved');
  });

  it('pauses the results while needs do not add up, and computes again once fixed', async () => {
    const app = await startApp(freshDbName());
    const need = sample.needs[0];
    app.book.apply([{ path: ['needs', need.id, 'share'], value: need.share + 0.05 }], 'Edit');
    expect(app.book.problems.length).toBeGreaterThan(0);
    const paused = app.results.view;
    app.book.undo();
    expect(app.book.problems).toEqual([]);
    await until(() => app.results.view !== paused, 'results again');
  });

  it('falls back to the first scenario when the one on screen is deleted', async () => {
    const app = await startApp(freshDbName());
    const wb = app.book.workbook!;
    expect(wb.scenarios.length).toBeGreaterThan(1);
    const second = wb.scenarios[1].id;
    app.results.setView({ scenario: second });
    await until(() => app.results.view?.request.scenario === second, 'the second scenario');
    app.book.apply([{ path: ['scenarios'], value: wb.scenarios.filter((s) => s.id !== second) }], 'Delete');
    expect(app.results.scenario).toBe(wb.scenarios[0].id);
    await until(() => app.results.view?.request.scenario === wb.scenarios[0].id, 'the first scenario');
  });
});

describe('saving', () => {
  it('keeps the edits when a save fails, says why, and saves them on the next try', async () => {
    const db = freshDbName();
    const app = await startApp(db);
    // every write fails as a full disk does
    const proto = globalThis.IDBObjectStore.prototype;
    const { put, add } = proto;
    proto.put = proto.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      app.book.apply([{ path: registered(p1.code), value: 4321 }], 'Edit');
      await app.persistence.flush();
      expect(app.persistence.status).toBe('failed');
      expect(app.persistence.storageError).toContain('no room left');
      expect(app.persistence.hasUnsaved).toBe(true);
      expect(getAt(app.book.workbook!, registered(p1.code))).toBe(4321);
    } finally {
      Object.assign(proto, { put, add });
    }
    await app.persistence.flush();
    expect(app.persistence.status).toBe('saved');
    expect(app.persistence.storageError).toBeNull();
    const stored = await new WorkbookStore(new HeadroomDb(db)).get(app.book.id!);
    expect(getAt(stored!.data, registered(p1.code))).toBe(4321);
  });

  it('two tabs on one workbook keep each other’s edits', async () => {
    const db = freshDbName();
    const a = await startApp(db);
    const b = await startApp(db);
    expect(b.book.id).toBe(a.book.id);
    a.book.apply([{ path: registered(p1.code), value: 7777 }], 'Edit');
    b.book.apply([{ path: registered(p2.code), value: 8888 }], 'Edit');
    await a.persistence.flush();
    await b.persistence.flush();
    for (const tab of [a, b]) {
      await until(() => getAt(tab.book.workbook!, registered(p1.code)) === 7777 && getAt(tab.book.workbook!, registered(p2.code)) === 8888, 'both edits in each tab');
    }
    const c = await startApp(db);
    expect(getAt(c.book.workbook!, registered(p1.code))).toBe(7777);
    expect(getAt(c.book.workbook!, registered(p2.code))).toBe(8888);
  });
});

describe('two tabs', () => {
  /** A store whose reads of other tabs' saves wait until released, to land an edit in between. */
  class HeldStore extends WorkbookStore {
    held: Promise<void> | null = null;
    reading: (() => void) | null = null;
    override async since(id: string, base: number) {
      this.reading?.();
      if (this.held) await this.held;
      return super.since(id, base);
    }
  }

  it('keeps an edit made while another tab’s save is being read, and says Saved only once it is stored', async () => {
    const db = freshDbName();
    const a = await startApp(db);
    const store = new HeldStore(new HeadroomDb(db));
    const b = await startApp(db, store);
    let release!: () => void;
    store.held = new Promise((r) => (release = r));
    const reading = new Promise<void>((r) => (store.reading = r));
    a.book.apply([{ path: registered(p1.code), value: 7777 }], 'Edit');
    await a.persistence.flush();
    await reading; // B is reading A's save now
    b.book.apply([{ path: registered(p2.code), value: 8888 }], 'Edit');
    expect(b.persistence.status).toBe('pending');
    release();
    await until(() => b.persistence.status === 'saved' && getAt(b.book.workbook!, registered(p1.code)) === 7777, 'B saved with A’s edit');
    expect(getAt(b.book.workbook!, registered(p2.code))).toBe(8888);
    const stored = await new WorkbookStore(new HeadroomDb(db)).get(a.book.id!);
    expect(getAt(stored!.data, registered(p1.code))).toBe(7777);
    expect(getAt(stored!.data, registered(p2.code))).toBe(8888);
    await until(() => getAt(a.book.workbook!, registered(p2.code)) === 8888, 'A takes B’s edit in');
  });

  it('keeps the later edit of one cell edited in both, though the earlier one is saved last', async () => {
    const db = freshDbName();
    const a = await startApp(db);
    const b = await startApp(db);
    a.book.apply([{ path: registered(p1.code), value: 1111 }], 'Edit');
    await new Promise((r) => setTimeout(r, 5));
    b.book.apply([{ path: registered(p1.code), value: 2222 }], 'Edit');
    await b.persistence.flush();
    await a.persistence.flush();
    for (const tab of [a, b]) await until(() => getAt(tab.book.workbook!, registered(p1.code)) === 2222 && tab.persistence.status === 'saved', 'the later edit in each tab');
    const stored = await new WorkbookStore(new HeadroomDb(db)).get(a.book.id!);
    expect(getAt(stored!.data, registered(p1.code))).toBe(2222);
  });

  it('a workbook deleted in another tab is no longer said to be saved', async () => {
    const db = freshDbName();
    const a = await startApp(db);
    const b = await startApp(db);
    await a.createFrom('blank');
    await a.remove(b.book.id!);
    await until(() => b.persistence.notice !== null, 'the notice');
    expect(b.persistence.status).toBe('failed');
    expect(b.book.id).toBeNull();
  });
});

describe('library', () => {
  it('renames the open workbook as an undoable edit, duplicates, and deletes the open one for the next', async () => {
    const app = await startApp(freshDbName());
    const first = app.book.id!;
    expect(await app.rename(first, '  ')).toBe('a workbook needs a name');
    expect(await app.rename(first, 'Planning 2026')).toBeNull();
    expect(app.book.name).toBe('Planning 2026');
    expect(app.library.workbooks[0].name).toBe('Planning 2026');
    expect(app.book.canUndo).toBe(true);

    await app.duplicate(first);
    expect(app.book.name).toBe('Copy of Planning 2026');
    expect(app.book.id).not.toBe(first);
    expect(app.library.workbooks).toHaveLength(2);

    await app.remove(app.book.id!);
    expect(app.book.id).toBe(first);
    expect(app.library.workbooks.map((w) => w.name)).toEqual(['Planning 2026']);
  });

  it('computes an opened file from the copy the engine read it into, never sent it back, and follows edits', async () => {
    const app = await startApp(freshDbName());
    const text = app.fileText();
    const sent = vi.spyOn(app.results.engine, 'open');
    const before = app.results.view;
    expect((await app.openFileText(text, 'copy.headroom.json')).ok).toBe(true);
    await until(() => !!app.results.view && app.results.view !== before, 'the opened file’s figures');
    expect(sent).not.toHaveBeenCalled();
    const fresh = new EngineService();
    fresh.open(structuredClone(app.book.workbook!));
    const { scenario, ref } = app.results.view!.request;
    expect(app.results.view!.years).toEqual(fresh.yearly(scenario, ref));
    const opened = app.results.view;
    app.book.apply([{ path: registered(p1.code), value: p1.registered + 700 }], 'Edit');
    await until(() => app.results.view !== opened, 'the edited figures');
    const edited = new EngineService();
    edited.open(structuredClone(app.book.workbook!));
    expect(app.results.view!.years).toEqual(edited.yearly(scenario, ref));
    expect(sent).not.toHaveBeenCalled();
  });

  it('opens a file as a new workbook, and refuses a bad one naming the field', async () => {
    const app = await startApp(freshDbName());
    const text = app.fileText();
    // a second copy of the open workbook is given a name of its own
    const name = app.book.name;
    expect(await app.openFileText(text, 'copy.headroom.json')).toEqual({ ok: true, name: `${name} (2)` });
    expect(app.library.workbooks).toHaveLength(2);
    const bad = JSON.parse(text);
    bad.practices[0].registered = 'many';
    const result = await app.openFileText(JSON.stringify(bad), 'bad.headroom.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('bad.headroom.json was not opened');
    expect(app.library.workbooks).toHaveLength(2);
  });
});
