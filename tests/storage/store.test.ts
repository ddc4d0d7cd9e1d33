// The browser store against an in-memory IndexedDB (fake-indexeddb).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookStore } from '../../src/storage/store';
import { HeadroomDb } from '../../src/storage/db';
import { isQuotaError, storageMessage } from '../../src/storage/errors';
import { loadSample } from '../../src/sample';

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

  it('saves edits on top of the revision they were made on', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    const code = row.data.practices[0].code;
    const local = { ...row.data, practices: row.data.practices.map((p, i) => (i === 0 ? { ...p, registered: 1 } : p)) };
    const saved = await store.saveEdits(row.id, row.revision, local, [{ path: ['practices', code, 'registered'], value: 1 }]);
    expect(saved.revision).toBe(row.revision + 1);
    expect(saved.data).toBe(local); // nobody else saved: our copy is stored as it is
    expect((await store.get(row.id))?.data.practices[0].registered).toBe(1);
  });

  it('merges with another tab that saved in between, losing neither tab’s edit', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    const [p1, p2] = row.data.practices;
    // tab A saves first
    await store.saveEdits(row.id, row.revision, { ...row.data }, [{ path: ['practices', p1.code, 'registered'], value: 111 }]).then(async () => {
      const stored = await store.get(row.id);
      await store.db.workbooks.put({ ...stored!, data: { ...stored!.data, practices: stored!.data.practices.map((p) => (p.code === p1.code ? { ...p, registered: 111 } : p)) } });
    });
    // tab B still thinks it is on the first revision
    const merged = await store.saveEdits(row.id, row.revision, row.data, [{ path: ['practices', p2.code, 'registered'], value: 222 }]);
    const byCode = new Map(merged.data.practices.map((p) => [p.code, p.registered]));
    expect(byCode.get(p1.code)).toBe(111);
    expect(byCode.get(p2.code)).toBe(222);
    expect(merged.revision).toBe(row.revision + 2);
  });

  it('refuses to save into a workbook another tab deleted', async () => {
    const store = freshStore();
    const row = await store.create(loadSample());
    await store.remove(row.id);
    await expect(store.saveEdits(row.id, row.revision, row.data, [])).rejects.toThrow('deleted in another tab');
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
