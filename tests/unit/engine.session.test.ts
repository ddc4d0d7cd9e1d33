// An edit recomputes only what it touched (session.ts): the figures must be exactly those of a
// fresh full computation of the edited workbook, at every level, in every scenario.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Projection, type Edit } from '../../src/engine';
import type { Workbook } from '../../src/model/schema';
import { parseWorkbook } from '../../src/model/validate';
import { englandWorkbook } from '../../bench/england';
import { firstDifference, snapshot } from './snapshots';

function small(): Workbook {
  const wb = englandWorkbook({ systems: 3, pcns: 12, practices: 48, seed: 7 });
  // every third practice has no weighted list of its own (it is weighted by its registered list)
  const practices = wb.practices.map((p, i) => (i % 3 === 0 ? { ...p, weighted: null } : p));
  const parsed = parseWorkbook({ ...wb, practices, settings: { ...wb.settings, horizonYears: 3, needWeighting: true } });
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  return parsed.workbook;
}

const base = small();
const SCENARIOS = base.scenarios.map((s) => s.id);

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ i: fc.nat(base.practices.length - 1), field: fc.constantFrom('registered', 'weighted'), v: fc.integer({ min: 0, max: 40_000 }) }).map(({ i, field, v }) => ({ path: ['practices', base.practices[i].code, field], value: v })),
  fc.record({ i: fc.nat(base.workforce.length - 1), v: fc.double({ min: 0, max: 20, noNaN: true }) }).map(({ i, v }) => {
    const row = base.workforce[i];
    return { path: `workforce[${row.level}:${row.code}:${row.role}].wte`, value: v };
  }),
);

describe('incremental recompute', () => {
  it('after any series of list and WTE edits, equals a full recompute of the edited workbook', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(...SCENARIOS), (edits, scenario) => {
        const live = new Projection(base);
        live.refresh(scenario);
        for (const e of edits) {
          live.applyEdits([e]);
          expect(live.refresh(scenario)).toBe('places');
        }
        const fresh = new Projection(live.workbook);
        expect(firstDifference(snapshot(live, scenario), snapshot(fresh, scenario))).toBeNull();
      }),
      { numRuns: 30 },
    );
  });

  it('a scenario whose place blocks were let go gives the same figures after any edits', () => {
    const action = fc.oneof(editArb.map((edit) => ({ edit })), fc.constantFrom(...SCENARIOS).map((keep) => ({ keep })));
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 6 }), fc.constantFrom(...SCENARIOS), (actions, read) => {
        const live = new Projection(base);
        for (const s of SCENARIOS) live.refresh(s);
        for (const a of actions) {
          if ('edit' in a) live.applyEdits([a.edit]);
          else {
            const before = live.held();
            live.trim(a.keep, 0);
            // only the scenario kept holds blocks now; its own are untouched
            for (const s of SCENARIOS) expect(live.held()[s]).toBe(s === a.keep ? before[s] : 0);
          }
          live.refresh(read);
        }
        const fresh = new Projection(live.workbook);
        for (const s of SCENARIOS) expect(firstDifference(snapshot(live, s), snapshot(fresh, s))).toBeNull();
      }),
      { numRuns: 25 },
    );
  });

  it('lets place blocks go only beyond its budget, and never those of the scenario kept', () => {
    const live = new Projection(base);
    for (const s of SCENARIOS) live.refresh(s);
    const places = live.compiled(SCENARIOS[0]).places.codes.length;
    const bytes = places * live.compiled(SCENARIOS[0]).layout.size * 8;
    const others = (SCENARIOS.length - 1) * bytes;
    expect(live.trim(SCENARIOS[1], others)).toBe(0);
    expect(Object.values(live.held())).toEqual(SCENARIOS.map(() => places));
    expect(live.trim(SCENARIOS[1], others - 1)).toBe((SCENARIOS.length - 1) * places);
    expect(live.held()).toEqual(Object.fromEntries(SCENARIOS.map((s) => [s, s === SCENARIOS[1] ? places : 0])));
  });

  it('a list edit recomputes only the places of its own system', () => {
    const live = new Projection(base);
    const before = snapshot(live, 'strategy');
    const practice = base.practices[5];
    live.applyEdits([{ path: ['practices', practice.code, 'registered'], value: practice.registered + 1000 }]);
    const after = snapshot(live, 'strategy');
    const c = live.compiled('strategy');
    const size = c.layout.size;
    const system = c.places.system[c.pcns.place[c.practices.pcn[c.practices.codes.indexOf(practice.code)]]];
    c.places.codes.forEach((_, p) => {
      const block = (r: typeof before) => r.places.slice(p * size, (p + 1) * size);
      if (c.places.system[p] === system) expect(block(after)).not.toEqual(block(before));
      else expect(block(after)).toEqual(block(before));
    });
    expect(after.total).not.toEqual(before.total);
    expect(firstDifference(after, snapshot(new Projection(live.workbook), 'strategy'))).toBeNull();
  });

  it('a note of where a figure came from recomputes nothing, and the value typed with it only its places', () => {
    const live = new Projection(base);
    live.refresh('strategy');
    const row = base.workforce.find((w) => w.level === 'practice')!;
    const key = `workforce[${row.level}:${row.code}:${row.role}]`;
    // the sheets write the Source with the first edit of a value, in the same batch
    live.applyEdits([{ path: `${key}.source`, value: 'Edited in Headroom on 2 December 2026' }]);
    expect(live.refresh('strategy')).toBe('none');
    live.applyEdits([
      { path: `${key}.wte`, value: row.wte + 2 },
      { path: `${key}.source`, value: 'Edited in Headroom on 3 December 2026' },
    ]);
    expect(live.refresh('strategy')).toBe('places');
    expect(live.workbook.workforce.find((w) => w.code === row.code && w.role === row.role)!.source).toBe('Edited in Headroom on 3 December 2026');
    expect(firstDifference(snapshot(live, 'strategy'), snapshot(new Projection(live.workbook), 'strategy'))).toBeNull();
  });

  it('a scenario that overrides the edited value keeps its own', () => {
    const row = base.workforce[0];
    const path = `workforce[${row.level}:${row.code}:${row.role}].wte`;
    const wb: Workbook = { ...base, scenarios: [...base.scenarios, { id: 'fixed', name: 'Fixed', description: '', overrides: [{ path, value: 3 }], interventions: [] }] };
    const live = new Projection(wb);
    const before = snapshot(live, 'fixed');
    live.applyEdits([{ path, value: row.wte + 5 }]);
    expect(live.refresh('fixed')).toBe('none');
    expect(firstDifference(snapshot(live, 'fixed'), before)).toBeNull();
    expect(firstDifference(snapshot(live, 'do-nothing'), snapshot(new Projection(live.workbook), 'do-nothing'))).toBeNull();
  });
});
