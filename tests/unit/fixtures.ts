// Tiny workbooks for hand-computed engine tests: one system, one place, one PCN, one practice,
// GP and nurse, flat seasonality, no growth, no leavers, unless a test says otherwise.
import fc from 'fast-check';
import type { Role, Workbook } from '../../src/model/schema';

export function role(id: string, over: Partial<Role> = {}): Role {
  return {
    id,
    name: id,
    group: id === 'gp' ? 'gp' : 'nursing',
    contactsPerDay: 20,
    safeContactsPerDay: null,
    clinicalDaysPerYear: 200,
    dnaRate: 0,
    costPerWte: 52_000,
    costPerAppointment: 0,
    leavingRate: 0,
    replacementRate: 0,
    replacementLagWeeks: 0,
    source: 'test',
    ...over,
  };
}

export function tiny(over: Partial<Workbook> = {}): Workbook {
  return {
    format: 'headroom-workbook',
    version: 2,
    name: 'Tiny',
    description: '',
    settings: { startDate: '2024-04-01', horizonYears: 1, needWeighting: false, navigationShare: 0, gpFtePerHeadcount: 0.8, arrsCapPerWeightedPatient: null, sources: {} },
    demand: { consultationRate: 5.2, rateGrowth: 0, seasonality: Array(12).fill(1), sources: {} },
    systems: [{ code: 'S', name: 'System' }],
    places: [{ code: 'P', name: 'Place', system: 'S', populationGrowth: 0, source: 'test' }],
    pcns: [{ code: 'N', name: 'PCN', place: 'P' }],
    practices: [{ code: 'A', name: 'Practice A', pcn: 'N', registered: 10_000, weighted: null, source: 'test' }],
    roles: [role('gp', { contactsPerDay: 30, safeContactsPerDay: 25, costPerWte: 104_000 }), role('nurse', { dnaRate: 0.1 })],
    needs: [{ id: 'all', name: 'All', share: 1, pathway: ['gp'], defaultRoute: 'gp', source: 'test' }],
    workforce: [
      { level: 'practice', code: 'A', role: 'gp', wte: 2, source: 'test' },
      { level: 'practice', code: 'A', role: 'nurse', wte: 1, source: 'test' },
    ],
    externalCapacity: [],
    interventions: [],
    scenarios: [{ id: 'base', name: 'Base', description: '', overrides: [], interventions: [] }],
    funding: [],
    ranges: [],
    ...over,
  };
}

export const ROLES = ['gp', 'nurse', 'pharmacist'];

/** Small random workbooks: 1-2 places, 1-3 PCNs, 1-3 practices each, three roles, 1-3 needs. */
export const workbookArb = fc
  .record({
    places: fc.array(fc.double({ min: -0.02, max: 0.05, noNaN: true }), { minLength: 1, maxLength: 2 }),
    pcns: fc.array(fc.array(fc.record({ registered: fc.integer({ min: 0, max: 30_000 }), weightedRatio: fc.double({ min: 0.7, max: 1.3, noNaN: true }) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    wte: fc.array(fc.tuple(fc.double({ min: 0, max: 12, noNaN: true }), fc.double({ min: 0, max: 8, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })), { minLength: 12, maxLength: 12 }),
    roles: fc.array(fc.record({ contacts: fc.integer({ min: 5, max: 40 }), dna: fc.double({ min: 0, max: 0.2, noNaN: true }), leaving: fc.double({ min: 0, max: 0.3, noNaN: true }), rho: fc.double({ min: 0, max: 1.2, noNaN: true }), lag: fc.integer({ min: 0, max: 20 }) }), { minLength: 3, maxLength: 3 }),
    needs: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 10 }), pathway: fc.shuffledSubarray(ROLES, { minLength: 1 }), def: fc.constantFrom(...ROLES) }), { minLength: 1, maxLength: 3 }),
    nav: fc.double({ min: 0, max: 1, noNaN: true }),
    growth: fc.double({ min: -0.02, max: 0.05, noNaN: true }),
    seasonality: fc.array(fc.double({ min: 0.6, max: 1.4, noNaN: true }), { minLength: 12, maxLength: 12 }),
    weighting: fc.boolean(),
  })
  .map((g): Workbook => {
    const base = tiny();
    const places = g.places.map((growth, i) => ({ code: `P${i}`, name: `Place ${i}`, system: 'S', populationGrowth: growth, source: 't' }));
    const pcns = g.pcns.map((_, n) => ({ code: `N${n}`, name: `PCN ${n}`, place: places[n % places.length].code }));
    const practices: Workbook['practices'] = [];
    const workforce: Workbook['workforce'] = [];
    g.pcns.forEach((list, n) =>
      list.forEach((p, i) => {
        const code = `N${n}X${i}`;
        practices.push({ code, name: code, pcn: `N${n}`, registered: p.registered, weighted: Math.round(p.registered * p.weightedRatio), source: 't' });
        const w = g.wte[practices.length - 1];
        ROLES.forEach((r, j) => workforce.push({ level: 'practice', code, role: r, wte: w[j], source: 't' }));
      }),
    );
    const total = g.needs.reduce((a, n) => a + n.weight, 0);
    const shares = g.needs.map((n) => n.weight / total);
    return {
      ...base,
      settings: { ...base.settings, navigationShare: g.nav, needWeighting: g.weighting },
      demand: { ...base.demand, rateGrowth: g.growth, seasonality: g.seasonality },
      places,
      pcns,
      practices,
      workforce,
      roles: ROLES.map((id, j) =>
        role(id, { group: id === 'gp' ? 'gp' : id === 'pharmacist' ? 'arrs' : 'nursing', contactsPerDay: g.roles[j].contacts, safeContactsPerDay: id === 'gp' ? 25 : null, dnaRate: g.roles[j].dna, leavingRate: g.roles[j].leaving, replacementRate: g.roles[j].rho, replacementLagWeeks: g.roles[j].lag }),
      ),
      needs: g.needs.map((n, k) => ({ id: `need${k}`, name: `Need ${k}`, share: shares[k], pathway: n.pathway, defaultRoute: n.def, source: 't' })),
    };
  });
