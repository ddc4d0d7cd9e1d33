// What every figure means, in plain words: one place for the app's headlines, column headings and
// hover text, the explanation panel and the command line. No internal key (such as
// `demandPerWeek`) is ever shown to a user; these names are.
import type { YearRow } from '../engine/results';

export type FigureKey = Exclude<keyof YearRow, 'fy'>;

export interface FigureDefinition {
  /** The figure's name on screen. */
  name: string;
  /** Short column heading. */
  short: string;
  /** The unit, said in words. */
  unit: string;
  /** One or two sentences a planner can read out. */
  definition: string;
}

export const FIGURES: Record<FigureKey, FigureDefinition> = {
  demandPerWeek: {
    name: 'Demand',
    short: 'Demand / wk',
    unit: 'appointments wanted a week, FY mean',
    definition: 'GP practice appointments patients want in a week: registered patients × consultations a patient a year ÷ 52, weighted by need, grown and made seasonal, less what self-care and online triage take away.',
  },
  capacityPerWeek: {
    name: 'Capacity',
    short: 'Capacity / wk',
    unit: 'appointments available a week, FY mean',
    definition: 'Appointments all staff can give in a week at today’s contacts a day: WTE × contacts a clinical day × clinical days ÷ 52, less did-not-attends, plus appointments added by interventions and outside services.',
  },
  netGapPerWeek: {
    name: 'Net gap',
    short: 'Net gap / wk',
    unit: 'appointments a week, FY mean',
    definition: 'Demand less capacity: how many more appointments a week would be needed if every appointment could go to anyone. The figure a planner quotes; below zero is spare capacity.',
  },
  unmetPerWeek: {
    name: 'Unmet demand',
    short: 'Unmet / wk',
    unit: 'appointments a week, FY mean',
    definition: 'Appointments wanted that no one able to see that need had time for, after care navigation. At least the net gap: the difference is capacity in the wrong roles or the wrong PCN.',
  },
  strandedPerWeek: {
    name: 'Stranded capacity',
    short: 'Stranded / wk',
    unit: 'appointments a week, FY mean of weekly figures',
    definition: 'Unmet demand beyond the net gap, worked out week by week: capacity that exists but sits in roles or PCNs that cannot take the demand waiting. Better navigation recovers it.',
  },
  capacityAtSafeWorkloadPerWeek: {
    name: 'Capacity at safe GP workload',
    short: 'Capacity at safe / wk',
    unit: 'appointments a week, FY mean',
    definition: 'Capacity with GPs seeing the safe number of contacts a day (the BMA’s safe working guidance) instead of today’s.',
  },
  netGapAtSafeWorkloadPerWeek: {
    name: 'Gap at safe GP workload',
    short: 'Gap at safe / wk',
    unit: 'appointments a week, FY mean',
    definition: 'Demand less capacity when GPs see the safe number of contacts a day: the gap that remains if GPs stop working beyond safe levels.',
  },
  unmetAtSafeWorkloadPerWeek: {
    name: 'Unmet demand at safe GP workload',
    short: 'Unmet at safe / wk',
    unit: 'appointments a week, FY mean',
    definition: 'Unmet demand when GPs see the safe number of contacts a day.',
  },
  deliveredPerWeek: {
    name: 'Appointments delivered',
    short: 'Delivered / wk',
    unit: 'appointments a week, FY mean',
    definition: 'Appointments actually given: demand less unmet demand, by whichever role care navigation or direct booking placed them with.',
  },
  gpWte: { name: 'GP WTE', short: 'GP WTE', unit: 'whole-time equivalent GPs, FY mean', definition: 'GPs counted as whole-time equivalents (two half-time GPs make one). At a practice, the GPs the practice itself holds.' },
  gpContactsPerGpDay: {
    name: 'GP contacts per GP per day',
    short: 'GP contacts / day',
    unit: 'contacts per GP WTE per clinical day',
    definition: 'GP appointments delivered ÷ (GP WTE × clinical days): how many patients a full-time GP sees in a clinical day. Above the safe level (25 in the BMA guidance) is unsafe. "-" where there are no GPs.',
  },
  gpWteNeededSafe: {
    name: 'GP WTE needed for safe working',
    short: 'GP WTE for safe',
    unit: 'whole-time equivalent GPs',
    definition: 'GPs needed to see everything booked with GPs (what they delivered plus unmet demand that books a GP) at the safe number of contacts a day.',
  },
  gpWteShortOfSafe: {
    name: 'GP WTE short of safe working',
    short: 'GP WTE short',
    unit: 'whole-time equivalent GPs',
    definition: 'GP WTE needed for safe working less GP WTE available: how many more full-time GPs safe working would take.',
  },
  gpHeadcountPer100k: {
    name: 'GPs per 100,000 patients (headcount)',
    short: 'GPs / 100k (heads)',
    unit: 'GPs per 100,000 registered patients',
    definition: 'GP WTE ÷ the workbook’s WTE per GP, per 100,000 registered patients: comparable with published GP headcount figures.',
  },
  gpWtePer100k: { name: 'GP WTE per 100,000 patients', short: 'GP WTE / 100k', unit: 'GP WTE per 100,000 registered patients', definition: 'Whole-time equivalent GPs per 100,000 registered patients.' },
  patientsPerGpWte: { name: 'Patients per GP WTE', short: 'Patients / GP WTE', unit: 'registered patients', definition: 'Registered patients for each whole-time equivalent GP. "-" where there are no GPs.' },
  registeredPatients: { name: 'Registered patients', short: 'Registered', unit: 'patients, FY mean', definition: 'Patients on the practices’ lists, growing with the place’s population.' },
  navigationShare: { name: 'Share care-navigated', short: 'Navigated', unit: 'share of demand', definition: 'The share of demand that care navigators route to the best-placed role; the rest books its usual route (mostly a GP).' },
  arrsNotHiredWte: { name: 'ARRS WTE not hired', short: 'ARRS not hired', unit: 'WTE, to the year’s end', definition: 'Planned ARRS recruits the budget cap did not allow, so far.' },
  workforceCostGBP: { name: 'Workforce cost', short: 'Workforce cost', unit: '£ a year', definition: 'Staff cost: WTE × cost a WTE a year, for every staffed role (weekly mean × 52).' },
  interventionCostGBP: { name: 'Intervention cost', short: 'Intervention cost', unit: '£ a year', definition: 'The running costs of the interventions switched on, from their start (weekly mean × 52).' },
  externalCostGBP: { name: 'External service cost', short: 'External cost', unit: '£ a year', definition: 'Appointments delivered by outside services (community pharmacy, NHS 111) × their cost an appointment.' },
  totalCostGBP: { name: 'Cost', short: 'Total cost', unit: '£ a year: workforce, interventions and external services', definition: 'Workforce, intervention and external service costs together, each on the same basis (weekly mean × 52).' },
  costPerAppointmentGBP: { name: 'Cost per appointment', short: '£ / appointment', unit: '£ per appointment delivered', definition: 'Total cost ÷ appointments delivered in the year.' },
  fundingGBP: { name: 'Funding', short: 'Funding', unit: '£ a year', definition: 'The funding the workbook states for the year (weekly mean × 52; a one-off sum in full in its year), shared by registered patients.' },
};

/** The three gap figures told apart, one sentence each. */
export const GAPS: { key: FigureKey; sentence: string }[] = [
  { key: 'netGapPerWeek', sentence: 'Net gap: demand less capacity, as if anyone could see anyone: the shortfall in appointments a week.' },
  { key: 'unmetPerWeek', sentence: 'Unmet demand: what was actually left unseen once each need went to the roles able to meet it; more than the net gap when capacity sits in the wrong roles or PCNs.' },
  { key: 'netGapAtSafeWorkloadPerWeek', sentence: 'Gap at safe GP workload: the net gap if GPs saw only the safe number of patients a day.' },
];

export const GLOSSARY: { term: string; meaning: string }[] = [
  { term: 'WTE', meaning: 'Whole-time equivalent: staff counted by hours, so two half-time GPs are 1 WTE.' },
  { term: 'ARRS', meaning: 'Additional Roles Reimbursement Scheme: NHS funding for PCNs to employ pharmacists, physiotherapists, paramedics, social prescribers and other roles beside GPs.' },
  { term: 'PCN', meaning: 'Primary care network: practices working together, usually serving 30,000 to 50,000 patients.' },
  { term: 'DNA', meaning: 'Did not attend: booked appointments the patient missed; they use capacity but meet no demand.' },
  { term: 'Carr-Hill weighting', meaning: 'The formula that adjusts a practice’s list for its patients’ age, sex, deprivation and other needs; demand follows this weighted list when need weighting is on.' },
  { term: 'CPCS', meaning: 'Community Pharmacist Consultation Service: minor illness referred to a community pharmacy instead of a GP appointment.' },
  { term: 'Care navigation', meaning: 'Reception staff asking a few questions and sending the patient to the right person first time (pharmacist, physiotherapist, social prescriber) instead of a GP.' },
  { term: 'Safe caseload', meaning: 'The number of patient contacts a GP can safely have in a day: 25 in the BMA’s safe working guidance, against over 30 in many practices today.' },
];

export function figureName(key: string): string {
  return (FIGURES as Record<string, FigureDefinition>)[key]?.name ?? key;
}
