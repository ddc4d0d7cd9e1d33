// A blank workbook: the sample's roles, needs and demand defaults (each with its source), one
// system and nothing else, so a planner starts from sourced defaults rather than zeros.
import type { Workbook } from '../model/schema';
import { loadSample } from '../sample';

export function blankWorkbook(): Workbook {
  const s = loadSample();
  return {
    ...s,
    name: 'New workbook',
    description: '',
    systems: [{ code: 'SYS', name: 'New system' }],
    places: [],
    pcns: [],
    practices: [],
    workforce: [],
    externalCapacity: [],
    interventions: [],
    scenarios: [{ id: 'base', name: 'Base', description: 'The workbook as entered.', overrides: [], interventions: [] }],
    funding: [],
    ranges: [],
  };
}
