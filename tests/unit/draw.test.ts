// Monte Carlo draws patch one compiled workbook instead of compiling afresh: a patched draw must give
// exactly the figures of a fresh compile with the same values written in, whatever was drawn before,
// and a seeded run must give the same bits either way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile';
import { patchedDraws } from '../../src/engine/draw';
import { mcBase, runTasks, taskCount } from '../../src/engine/montecarlo';
import { emptyResults, recompute, scratchFor, type Results } from '../../src/engine/project';
import { trialBase, type TrialBase } from '../../src/engine/trial';
import { getAt, rowKey, setAt, type Path } from '../../src/model/paths';
import type { Workbook } from '../../src/model/schema';
import { parseWorkbook } from '../../src/model/validate';
import { loadSample } from '../../src/sample';
import { tiny, workbookArb } from './fixtures';

/** Every value draw.ts can patch in this workbook, as paths. */
function patchableCells(wb: Workbook): Path[] {
  const cells: Path[] = [
    ['settings', 'navigationShare'],
    ['settings', 'gpFtePerHeadcount'],
    ['demand', 'consultationRate'],
    ['demand', 'rateGrowth'],
    ...wb.demand.seasonality.map((_, i): Path => ['demand', 'seasonality', i]),
  ];
  if (wb.settings.arrsCapPerWeightedPatient !== null) cells.push(['settings', 'arrsCapPerWeightedPatient']);
  for (const r of wb.roles) {
    for (const f of ['contactsPerDay', 'clinicalDaysPerYear', 'dnaRate', 'leavingRate', 'replacementRate', 'replacementLagWeeks', 'costPerWte', 'costPerAppointment'] as const) cells.push(['roles', r.id, f]);
    if (r.safeContactsPerDay !== null) cells.push(['roles', r.id, 'safeContactsPerDay']);
  }
  for (const n of wb.needs) cells.push(['needs', n.id, 'share']);
  for (const p of wb.places) cells.push(['places', p.code, 'populationGrowth']);
  for (const p of wb.practices.slice(0, 6)) cells.push(['practices', p.code, 'registered']);
  for (const w of wb.workforce.slice(0, 8)) cells.push(['workforce', rowKey('workforce', w), 'wte']);
  for (const iv of wb.interventions) {
    const field = Object.keys(iv.effect).find((k) => typeof (iv.effect as Record<string, unknown>)[k] === 'number');
    if (field) cells.push(['interventions', iv.id, 'effect', field]);
  }
  for (const x of wb.externalCapacity) cells.push(['externalCapacity', rowKey('externalCapacity', x), 'appointmentsPerWeek']);
  return cells;
}

/** A value near the cell's own, kept where the engine would accept it. */
function nearby(wb: Workbook, cell: Path, u: number): number {
  const v = getAt(wb, cell) as number;
  const field = String(cell[cell.length - 1]);
  if (field === 'replacementLagWeeks') return Math.round(v + (u - 0.5) * 10) >= 0 ? Math.round(v + (u - 0.5) * 10) : 0;
  if (['navigationShare', 'dnaRate', 'leavingRate', 'share', 'fraction', 'target'].includes(field)) return Math.min(1, Math.max(0, v + (u - 0.5) * 0.2));
  if (field === 'rateGrowth' || field === 'populationGrowth') return v + (u - 0.5) * 0.04;
  return Math.max(0, v * (0.6 + 0.8 * u));
}

function freshFigures(base: TrialBase, changes: { cell: Path; value: number }[]): Results {
  let wb = base.workbook;
  for (const c of changes) wb = setAt(wb, c.cell, c.value);
  const c = compile(wb, base.scenario);
  const r = emptyResults(c);
  recompute(c, r, null, scratchFor(c));
  return r;
}

/** Every place's block, one after another (all are projected in a full recompute on one thread). */
function placesOf(r: Results): Float64Array {
  const blocks = Array.from(r.placeReady, (_, p) => r.places.block(p));
  const out = new Float64Array(blocks.reduce((n, b) => n + b.length, 0));
  blocks.forEach((b, i) => out.set(b, i * (blocks[0]?.length ?? 0)));
  return out;
}

/** Number of elements that differ in their bits (NaN equal to NaN, 0 unequal to -0). */
function differences(a: Results, b: Results): number {
  let n = 0;
  for (const key of ['total', 'systems', 'places', 'pcnFy'] as const) {
    const x = key === 'places' ? placesOf(a) : a[key];
    const y = key === 'places' ? placesOf(b) : b[key];
    if (x.length !== y.length) return Infinity;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) n++;
  }
  return n;
}

/** Draws random subsets of cells with random values, one after another on one patcher. */
function checkDraws(base: TrialBase, cells: Path[], draws: number, seed: number): void {
  fc.assert(
    fc.property(fc.shuffledSubarray(cells, { minLength: 1, maxLength: Math.min(10, cells.length) }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: draws * 10, maxLength: draws * 10 }), (chosen, us) => {
      const patched = patchedDraws(base, chosen);
      expect(patched).not.toBeNull();
      const r = emptyResults(patched!.compiled);
      const s = scratchFor(patched!.compiled);
      for (let d = 0; d < draws; d++) {
        const changes = chosen.map((cell, k) => ({ cell, value: nearby(base.workbook, cell, us[d * 10 + k]) }));
        patched!.set(changes.map((c) => c.value));
        recompute(patched!.compiled, r, null, s);
        expect(differences(r, freshFigures(base, changes))).toBe(0);
      }
    }),
    { numRuns: 12, seed },
  );
}

describe('a patched draw gives the figures of a fresh compile', () => {
  const sample = loadSample();
  for (const scenario of ['do-nothing', 'strategy', 'worst-case']) {
    it(`the sample, ${scenario}: random values in random cells, three draws in a row`, () => {
      const base = trialBase(sample, scenario);
      checkDraws(base, patchableCells(base.workbook), 3, 11);
    });
  }

  it('hand-built workbooks (random shapes), every cell they have', () => {
    fc.assert(
      fc.property(workbookArb, fc.integer({ min: 1, max: 1000 }), (wb, seed) => {
        const base = trialBase(wb, 'base');
        checkDraws(base, patchableCells(base.workbook), 2, seed);
      }),
      { numRuns: 10, seed: 5 },
    );
  });

  it('a recruitment plan and a role it recruits to, both drawn', () => {
    const wb = tiny({
      settings: { ...tiny().settings, horizonYears: 3 },
      roles: [...tiny().roles, { ...tiny().roles[1], id: 'pharmacist', name: 'Pharmacist', group: 'arrs', leavingRate: 0.1, replacementRate: 0.9, replacementLagWeeks: 6 }],
      interventions: [{ id: 'hire', name: 'Hire', scope: 'system:S', start: '2024-06-01', end: null, rampWeeks: 12, annualCost: 0, effect: { kind: 'recruitment', role: 'pharmacist', wtePerYear: 3 }, source: 'test' }],
      scenarios: [{ id: 'base', name: 'Base', description: '', overrides: [], interventions: ['hire'] }],
    } as Partial<Workbook>);
    const parsed = parseWorkbook(wb);
    if (!parsed.ok) throw new Error(`${parsed.problems[0].path} ${parsed.problems[0].message}`);
    const base = trialBase(parsed.workbook, 'base');
    checkDraws(base, [['roles', 'pharmacist', 'leavingRate'], ['roles', 'pharmacist', 'replacementLagWeeks'], ['interventions', 'hire', 'effect', 'wtePerYear']], 4, 3);
  });

  it("a practice's list where it has no weighted list of its own, with need weighting on", () => {
    const wb = tiny({
      settings: { ...tiny().settings, needWeighting: true },
      pcns: [
        { code: 'N', name: 'N', place: 'P' },
        { code: 'M', name: 'M', place: 'P' },
      ],
      practices: [
        { code: 'A', name: 'A', pcn: 'N', registered: 10_000, weighted: null, source: 'test' },
        { code: 'B', name: 'B', pcn: 'M', registered: 6_000, weighted: 9_000, source: 'test' },
      ],
      workforce: [...tiny().workforce, { level: 'practice', code: 'B', role: 'gp', wte: 2, source: 'test' }],
    });
    checkDraws(trialBase(wb, 'base'), [['practices', 'A', 'registered'], ['practices', 'B', 'registered'], ['demand', 'consultationRate']], 3, 8);
  });

  it('a value with no patch (an intervention ramp) is not patched: each draw compiles afresh', () => {
    const base = trialBase(loadSample(), 'strategy');
    const iv = base.workbook.interventions[0].id;
    expect(patchedDraws(base, [['interventions', iv, 'rampWeeks']])).toBeNull();
    expect(patchedDraws(base, [['demand', 'consultationRate']])).not.toBeNull();
  });
});

describe('seeded Monte Carlo results are the same patched or compiled afresh', () => {
  for (const scenario of ['do-nothing', 'strategy']) {
    it(`the sample's ranges, ${scenario}`, () => {
      const patched = mcBase({ workbook: loadSample(), scenario });
      expect(patched.draws).not.toBeNull();
      const fresh = { ...mcBase({ workbook: loadSample(), scenario }), draws: null };
      const runs = 40;
      const total = taskCount(runs, patched.ranges.length);
      const a = runTasks(patched, 9, runs, 0, total);
      const b = runTasks(fresh, 9, runs, 0, total);
      expect(Array.from(a.years)).toEqual(Array.from(b.years));
      expect(Array.from(a.gap)).toEqual(Array.from(b.gap));
    });
  }
});
