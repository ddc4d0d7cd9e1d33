// Generated extreme workbooks, shared by the unit tests (a CI-sized run) and `npm run fuzz` (a
// large one). Starting from a small valid workbook with some interventions and a scenario, each
// case puts values at and beyond the edges of the schema's ranges into some numeric fields (one
// field, or every field of one kind at once), then the workbook is read the way a file is. Whatever
// is accepted must compute to finite figures; whatever is refused must say so in one short line.
import fc from 'fast-check';
import type { Workbook } from '../../src/model/schema';
import { parseWorkbook } from '../../src/model/validate';
import { role, tiny } from '../unit/fixtures';

/** Values at the edges of every range in the schema, and well past them. */
export const EDGE_VALUES = [
  0, 1e-300, 0.05, 0.5, 0.9, 0.95, 1, 1.5, 2, 5, 6, 30, 100, 101, 200, 366, 367, 520, 1040, 5_000, 5_001, 10_000, 1e6, 2e6, 2e6 + 1, 1e7, 1e10, 1e11,
  1e15, 1e100, 1e300, 1e308, Number.MAX_VALUE, -0.5, -0.9, -1, -1e308,
];

/** A small workbook using every kind of row, so every numeric field is reachable. */
export function richWorkbook(): Workbook {
  return tiny({
    settings: { startDate: '2024-04-01', horizonYears: 10, needWeighting: true, navigationShare: 0.3, gpFtePerHeadcount: 0.8, arrsCapPerWeightedPatient: 20, sources: {} },
    places: [{ code: 'P', name: 'Place', system: 'S', populationGrowth: 0.01, source: 't' }],
    practices: [
      { code: 'A', name: 'Practice A', pcn: 'N', registered: 10_000, weighted: 11_000, source: 't' },
      { code: 'B', name: 'Practice B', pcn: 'N', registered: 6_000, weighted: 5_500, source: 't' },
    ],
    roles: [
      role('gp', { group: 'gp', contactsPerDay: 30, safeContactsPerDay: 25, costPerWte: 104_000, leavingRate: 0.1, replacementRate: 0.9, replacementLagWeeks: 8 }),
      role('nurse', { dnaRate: 0.1, leavingRate: 0.08, replacementRate: 1 }),
      role('pharmacist', { group: 'arrs', dnaRate: 0.05, costPerWte: 60_000 }),
      role('pharmacy', { group: 'external', contactsPerDay: 0, clinicalDaysPerYear: 0, costPerWte: 0, costPerAppointment: 15 }),
    ],
    needs: [
      { id: 'acute', name: 'Acute', share: 0.6, pathway: ['pharmacy', 'nurse', 'gp'], defaultRoute: 'gp', source: 't' },
      { id: 'long', name: 'Long-term', share: 0.4, pathway: ['pharmacist', 'gp'], defaultRoute: 'gp', source: 't' },
    ],
    workforce: [
      { level: 'practice', code: 'A', role: 'gp', wte: 6, source: 't' },
      { level: 'practice', code: 'A', role: 'nurse', wte: 3, source: 't' },
      { level: 'practice', code: 'B', role: 'gp', wte: 4, source: 't' },
      { level: 'pcn', code: 'N', role: 'pharmacist', wte: 2, source: 't' },
    ],
    externalCapacity: [{ scope: 'system:S', role: 'pharmacy', appointmentsPerWeek: 300, source: 't' }],
    interventions: [
      { id: 'extra', name: 'Extra', scope: 'pcn:N', start: '2025-01-06', end: null, rampWeeks: 4, annualCost: 50_000, effect: { kind: 'extraAppointments', role: null, amount: 2, basis: 'perWeekPer1000Patients' }, source: 't' },
      { id: 'cut', name: 'Cut', scope: 'place:P', start: '2025-01-06', end: '2030-01-07', rampWeeks: 0, annualCost: 10_000, effect: { kind: 'demandReduction', fraction: 0.05 }, source: 't' },
      { id: 'nav', name: 'Nav', scope: 'system:S', start: '2024-06-03', end: null, rampWeeks: 10, annualCost: 0, effect: { kind: 'navigationShare', target: 0.6 }, source: 't' },
      { id: 'prod', name: 'Prod', scope: 'system:S', start: '2024-06-03', end: null, rampWeeks: 10, annualCost: 0, effect: { kind: 'productivity', role: 'gp', fraction: 0.1 }, source: 't' },
      { id: 'hire', name: 'Hire', scope: 'pcn:N', start: '2024-06-03', end: null, rampWeeks: 0, annualCost: 0, effect: { kind: 'recruitment', role: 'pharmacist', wtePerYear: 1 }, source: 't' },
      { id: 'ext', name: 'Ext', scope: 'system:S', start: '2024-06-03', end: null, rampWeeks: 0, annualCost: 0, effect: { kind: 'externalCapacity', role: 'pharmacy', appointmentsPerWeek: 50 }, source: 't' },
    ],
    scenarios: [
      { id: 'base', name: 'Base', description: '', overrides: [], interventions: [] },
      { id: 'all', name: 'All', description: '', overrides: [{ path: 'roles[gp].leavingRate', value: 0.2 }], interventions: ['extra', 'cut', 'nav', 'prod', 'hire', 'ext'] },
    ],
    funding: [{ id: 'f', name: 'Fund', kind: 'recurrent', amountGBP: 1e6, from: '2024-04-01', to: null, source: 't' }],
  });
}

type Leaf = { path: (string | number)[]; kind: string };

/** Every numeric field of a workbook, with a kind that groups the same field across rows. */
export function numericLeaves(wb: unknown): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: unknown, path: (string | number)[], kind: string) => {
    if (typeof node === 'number') {
      if (path[0] !== 'version') out.push({ path, kind });
    } else if (Array.isArray(node)) node.forEach((x, i) => walk(x, [...path, i], kind));
    else if (node && typeof node === 'object') for (const [k, x] of Object.entries(node)) walk(x, [...path, k], `${kind}.${k}`);
  };
  walk(wb, [], '');
  return out;
}

/** Sets a value and returns the one it replaced. */
function put(root: unknown, path: (string | number)[], value: unknown): unknown {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const old = node[path[path.length - 1]];
  node[path[path.length - 1]] = value;
  return old;
}

const valueArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) }, { weight: 1, arbitrary: fc.double({ noNaN: false }) });

/** A rich workbook with extreme values: a few single fields, and sometimes every field of one kind. */
export const extremeWorkbookArb: fc.Arbitrary<Workbook> = fc
  .record({
    singles: fc.array(fc.tuple(fc.nat(), valueArb), { minLength: 1, maxLength: 6 }),
    everyOfKind: fc.option(fc.tuple(fc.nat(), valueArb), { nil: null }),
    horizon: fc.constantFrom(1, 10, 30),
    // half the cases keep only the changes the schema accepts, so the engine meets the extremes
    fit: fc.boolean(),
    growth: fc.constantFrom(0, 1),
  })
  .map((g) => {
    const wb = richWorkbook() as Workbook & Record<string, unknown>;
    wb.settings.horizonYears = g.horizon;
    // the steepest growth the ranges allow, compounding over the longest horizon
    wb.demand.rateGrowth = g.growth;
    wb.places[0].populationGrowth = g.growth;
    const leaves = numericLeaves(wb);
    const change = (targets: Leaf[], value: number) => {
      const old = targets.map((l) => put(wb, l.path, value));
      if (g.fit && !parseWorkbook(wb).ok) targets.forEach((l, i) => put(wb, l.path, old[i]));
    };
    if (g.everyOfKind) {
      const kinds = [...new Set(leaves.map((l) => l.kind))];
      const kind = kinds[g.everyOfKind[0] % kinds.length];
      change(leaves.filter((l) => l.kind === kind), g.everyOfKind[1]);
    }
    for (const [i, value] of g.singles) change([leaves[i % leaves.length]], value);
    return wb;
  });
