import { describe, expect, it } from 'vitest';
import { applyChanges, History, inverse } from '../../src/state/history';
import { loadSample } from '../../src/sample';
import { getAt } from '../../src/model/paths';

describe('undo history', () => {
  it('undoes a batch in reverse order back to the original workbook, and redoes it', () => {
    const wb = loadSample();
    const [p1, p2] = wb.practices;
    const { workbook, applied } = applyChanges(wb, [
      { path: ['practices', p1.code, 'registered'], value: 1 },
      { path: ['practices', p1.code, 'registered'], value: 2 },
      { path: ['practices', p2.code, 'name'], value: 'X' },
    ]);
    expect(getAt(workbook, ['practices', p1.code, 'registered'])).toBe(2);
    const history = new History();
    history.push({ label: 'paste', changes: applied });
    const undo = history.takeUndo()!;
    const back = applyChanges(workbook, undo.changes).workbook;
    expect(back).toEqual(wb);
    const redo = history.takeRedo()!;
    expect(applyChanges(back, redo.changes).workbook).toEqual(workbook);
    expect(history.canUndo).toBe(true);
    expect(history.canRedo).toBe(false);
  });

  it('follows a row whose key was edited, so undo finds it again', () => {
    const wb = loadSample();
    const code = wb.practices[0].code;
    const { workbook, applied } = applyChanges(wb, [{ path: ['practices', code, 'code'], value: 'NEWCODE' }]);
    expect(applied[0].after).toEqual(['practices', 'NEWCODE', 'code']);
    const undone = applyChanges(workbook, inverse({ label: 'rename', changes: applied }).changes).workbook;
    expect(undone.practices[0].code).toBe(code);
  });

  it('a new edit clears redo, and the history keeps at most its limit', () => {
    const h = new History(2);
    const step = { label: 's', changes: [] };
    h.push(step);
    h.push(step);
    h.push(step);
    expect([h.takeUndo(), h.takeUndo(), h.takeUndo()].filter(Boolean)).toHaveLength(2);
    h.push(step);
    expect(h.canRedo).toBe(false);
  });
});
