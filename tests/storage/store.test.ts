// The browser store against an in-memory IndexedDB (fake-indexeddb).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookStore } from '../../src/storage/store';
import { HeadroomDb } from '../../src/storage/db';
import { isQuotaError, storageMessage } from '../../src/storage/errors';
import { loadSample } from '../../src/sample';
import { getAt } from '../../src/model/paths';

let n = 0;
const freshStore = () => new WorkbookStore(new HeadroomDb(`test-${++n}`));

describe('WorkbookStore', () => {
  it('creates, lists newest first, renames, duplicates and deletes', async () => {
    const store = freshStore();
    const a = await store.create({ ...loadSample(), name: 'A' });
    await new Promise((r) => setTimeout(r, 5));
    const b = await store.create({ ...loadSample(), name: 'B' });
    expect((await store.list()).map((w) => w.name)).toEqual(['B', 'A']);
    await store.rename(a.id, 'A renamed');
    const renamed = await store.get(a.id);
    expect(renamed?.name).toBe('A renamed');
    expect(renamed?.data.name).toBe('A renamed');
    const copy = await store.duplicate(b.id, 'Copy of B');
    expect(copy.id).not.toBe(b.id);
    expect(copy.data.practices).toEqual(b.data.practices);
    await store.remove(b.id);
    expect((await store.list()).map((w) => w.name).sort()).toEqual(['A renamed', 'Copy of B']);
  });

  it('saves edits as a batch on top of the full copy, and reads the workbook with them applied', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    const code = row.data.practices[0].code;
    const saved = await store.saveEdits(row.id, row.revision, [{ path: ['practices', code, 'registered'], value: 1, at: 1 }]);
    expect(saved).toEqual({ revision: row.revision + 1, others: [], kept: [{ path: ['practices', code, 'registered'], value: 1, at: 1 }], gap: false });
    // the full copy is not written again: the save is a batch of its own
    expect((await store.db.workbooks.get(row.id))?.data.practices[0].registered).toBe(row.data.practices[0].registered);
    const read = await store.get(row.id);
    expect(read?.data.practices[0].registered).toBe(1);
    expect(read?.revision).toBe(row.revision + 1);
  });

  it('hands back what another tab saved in between, losing neither tab’s edit', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    const [p1, p2] = row.data.practices;
    const a = await store.saveEdits(row.id, row.revision, [{ path: ['practices', p1.code, 'registered'], value: 111, at: 10 }]);
    // tab B still thinks it is on the first revision
    const b = await store.saveEdits(row.id, row.revision, [{ path: ['practices', p2.code, 'registered'], value: 222, at: 20 }]);
    expect(b.revision).toBe(a.revision + 1);
    expect(b.others).toEqual([{ path: ['practices', p1.code, 'registered'], value: 111, at: 10 }]);
    const byCode = new Map((await store.get(row.id))!.data.practices.map((p) => [p.code, p.registered]));
    expect(byCode.get(p1.code)).toBe(111);
    expect(byCode.get(p2.code)).toBe(222);
    expect(await store.since(row.id, a.revision)).toEqual({ kind: 'edits', revision: b.revision, edits: [{ path: ['practices', p2.code, 'registered'], value: 222, at: 20 }] });
  });

  it('keeps the later of two edits to one cell, whichever tab saves last', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    const cell = ['practices', row.data.practices[0].code, 'registered'];
    // B's edit was made later but reaches the store first; A's older edit must not overwrite it
    await store.saveEdits(row.id, row.revision, [{ path: cell, value: 2, at: 200 }]);
    const a = await store.saveEdits(row.id, row.revision, [{ path: cell, value: 1, at: 100 }]);
    expect(a.kept).toEqual([]);
    expect(getAt((await store.get(row.id))!.data, cell)).toBe(2);
    // and an edit made later still wins over both
    await store.saveEdits(row.id, a.revision, [{ path: cell, value: 3, at: 300 }]);
    expect(getAt((await store.get(row.id))!.data, cell)).toBe(3);
  });

  it('folds the saves into a new full copy, and a tab behind the fold is told to read it all', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    const cell = ['practices', row.data.practices[0].code, 'registered'];
    let revision = row.revision;
    for (let i = 1; i <= 3; i++) revision = (await store.saveEdits(row.id, revision, [{ path: cell, value: i, at: i }])).revision;
    const before = await store.get(row.id);
    expect(await store.compact(row.id, revision - 1, before!.data)).toBe(false); // not the latest: left alone
    expect(await store.compact(row.id, revision, before!.data)).toBe(true);
    expect((await store.db.workbooks.get(row.id))?.data).toEqual(before!.data);
    expect(await store.db.edits.count()).toBe(1); // the latest batch stays, to number the next save
    expect(await store.get(row.id)).toMatchObject({ revision, data: before!.data });
    expect(await store.since(row.id, row.revision)).toEqual({ kind: 'gap' });
    expect(await store.since(row.id, revision)).toEqual({ kind: 'edits', revision, edits: [] });
  });

  it('lists names and last changes without reading a workbook, a rename included', async () => {
    const store = freshStore();
    const row = await store.create({ ...loadSample(), name: 'Old' });
    const revision = await store.rename(row.id, 'New');
    expect(revision).toBe(row.revision + 1);
    expect((await store.list()).map((w) => w.name)).toEqual(['New']);
    expect((await store.get(row.id))?.data.name).toBe('New');
  });

  it('refuses to save into a workbook another tab deleted, and says it is gone', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    await store.saveEdits(row.id, row.revision, [{ path: ['name'], value: 'x', at: 1 }]);
    await store.remove(row.id);
    await expect(store.saveEdits(row.id, row.revision, [])).rejects.toThrow('deleted in another tab');
    expect(await store.since(row.id, row.revision)).toEqual({ kind: 'deleted' });
    expect(await store.db.edits.count()).toBe(0);
  });
});

describe('storage errors', () => {
  it('recognises a full disk as Chromium and Firefox report it', () => {
    const chromium = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('quota', 'QuotaExceededError') });
    const firefox = Object.assign(new Error('x'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' });
    expect(isQuotaError(chromium)).toBe(true);
    expect(isQuotaError(firefox)).toBe(true);
    expect(isQuotaError(new Error('network'))).toBe(false);
    expect(storageMessage(chromium)).toContain('no room left');
    expect(storageMessage(new TypeError('boom'))).toContain('could not store your edits (TypeError)');
  });
});
