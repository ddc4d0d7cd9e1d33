// Tiny workbooks for hand-computed engine tests: one system, one place, one PCN, one practice,
// GP and nurse, flat seasonality, no growth, no leavers, unless a test says otherwise.
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
    version: 1,
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
    ...over,
  };
}
