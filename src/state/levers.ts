// The levers goal seek offers, named as a planner thinks of them; each is a workbook path (a
// pattern with `*` for a group scaled together). Pure: no Svelte, no storage.
import type { Workbook } from '../model/schema';

export interface LeverChoice {
  path: string;
  label: string;
  /** What the lever's value means: a cell's unit, or a factor for a group. */
  unit: string;
  group: boolean;
}

const SIZE: Record<string, [string, string]> = {
  extraAppointments: ['amount', 'extra appointments a week'],
  demandReduction: ['fraction', 'share of demand avoided'],
  navigationShare: ['target', 'navigation share reached'],
  productivity: ['fraction', 'productivity change'],
  recruitment: ['wtePerYear', 'WTE recruited a year'],
  externalCapacity: ['appointmentsPerWeek', 'appointments a week'],
};

export function leverChoices(wb: Workbook, scenarioId: string): LeverChoice[] {
  const on = new Set(wb.scenarios.find((s) => s.id === scenarioId)?.interventions ?? []);
  const out: LeverChoice[] = [];
  // interventions switched on in the scenario first: only they change its figures
  const ivs = [...wb.interventions].sort((a, b) => Number(on.has(b.id)) - Number(on.has(a.id)));
  for (const iv of ivs) {
    const [field, unit] = SIZE[iv.effect.kind];
    out.push({ path: `interventions[${iv.id}].effect.${field}`, label: `${iv.name}${on.has(iv.id) ? '' : ' (not on in this scenario)'}`, unit, group: false });
  }
  const staffed = new Set(wb.workforce.map((w) => w.role));
  for (const r of wb.roles) {
    if (staffed.has(r.id)) out.push({ path: `workforce[*:*:${r.id}].wte`, label: `${r.name}: WTE in post everywhere, scaled together`, unit: 'times today’s WTE', group: true });
  }
  for (const r of wb.roles) {
    if (r.group !== 'external') out.push({ path: `roles[${r.id}].contactsPerDay`, label: `${r.name}: contacts a day`, unit: 'contacts a day', group: false });
  }
  out.push({ path: 'settings.navigationShare', label: 'Share of demand care-navigated today', unit: 'share', group: false });
  out.push({ path: 'demand.consultationRate', label: 'Consultations a patient a year', unit: 'a year', group: false });
  return out;
}
