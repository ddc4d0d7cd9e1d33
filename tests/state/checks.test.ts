// The open workbook skips the whole-workbook check when an edit cannot change its outcome. That
// shortcut must never hide a problem: whenever it is taken, the full check says the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { problemsUnchanged } from '../../src/state/open-workbook.svelte';
import { checkEdit } from '../../src/model/cells';
import { checkWorkbook } from '../../src/model/validate';
import { getAt, rowKey, type KeyedTable, type Path } from '../../src/model/paths';
import { loadSample } from '../../src/sample';
import type { Workbook } from '../../src/model/schema';

const sample = loadSample();

/** Every number held directly in a row of a table, as a path. */
function numericCells(wb: Workbook): Path[] {
  const out: Path[] = [];
  for (const table of ['practices', 'pcns', 'places', 'workforce', 'roles', 'needs', 'externalCapacity', 'interventions', 'funding'] as KeyedTable[]) {
    for (const row of wb[table] as unknown as Record<string, unknown>[]) {
      for (const [field, value] of Object.entries(row)) if (typeof value === 'number') out.push([table, rowKey(table, row), field]);
    }
  }
  return out;
}

describe('skipping the whole-workbook check', () => {
  it('is taken for a typed list size, not for a need share, a scenario, or a row an override names', () => {
    const p = sample.practices[0];
    expect(problemsUnchanged(sample, [{ path: ['practices', p.code, 'registered'], value: 1 }])).toBe(true);
    expect(problemsUnchanged(sample, [{ path: ['needs', sample.needs[0].id, 'share'], value: 0.1 }])).toBe(false);
    expect(problemsUnchanged(sample, [{ path: ['practices', p.code, 'source'], value: 'Edited in Headroom' }])).toBe(true);
    expect(problemsUnchanged(sample, [{ path: ['practices', p.code, 'name'], value: 'x' }])).toBe(false);
    expect(problemsUnchanged(sample, [{ path: ['practices'], value: [] }])).toBe(false);
    const withOverride: Workbook = { ...sample, scenarios: sample.scenarios.map((s, i) => (i === 0 ? { ...s, overrides: [...s.overrides, { path: `practices[${p.code}].weighted`, value: 5 }] } : s)) };
    expect(problemsUnchanged(withOverride, [{ path: ['practices', p.code, 'registered'], value: 1 }])).toBe(false);
  });

  it("whenever taken, the full check finds exactly what it found before", { timeout: 120_000 }, () => {
    const cells = numericCells(sample);
    fc.assert(
      fc.property(fc.constantFrom(...cells), fc.double({ min: -10, max: 1e6, noNaN: true }), (path, value) => {
        const edit = checkEdit(sample, path, value);
        if (!edit.ok || !problemsUnchanged(sample, [{ path, value }])) return;
        expect(getAt(edit.workbook, path)).toBe(value);
        expect(checkWorkbook(edit.workbook, true, 100_000)).toEqual(checkWorkbook(sample, true, 100_000));
      }),
      { numRuns: 60 },
    );
  });

  it('whenever taken for a Source note, the full check finds exactly what it found before', { timeout: 120_000 }, () => {
    const notes: Path[] = [];
    for (const table of ['practices', 'pcns', 'places', 'workforce', 'roles', 'needs', 'externalCapacity', 'interventions', 'funding'] as KeyedTable[])
      for (const row of sample[table] as unknown as Record<string, unknown>[]) if (typeof row.source === 'string') notes.push([table, rowKey(table, row), 'source']);
    expect(notes.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...notes), fc.string({ maxLength: 2100 }), (path, value) => {
        const edit = checkEdit(sample, path, value);
        if (!edit.ok || !problemsUnchanged(sample, [{ path, value }])) return;
        expect(getAt(edit.workbook, path)).toBe(value);
        expect(checkWorkbook(edit.workbook, true, 100_000)).toEqual(checkWorkbook(sample, true, 100_000));
      }),
      { numRuns: 40 },
    );
  });
});
