// Builds the sample workbook "Mid and south Essex (illustrative)" from the published NHS data in
// ../shared/data and writes src/sample/mse.headroom.json, which is committed so the app and tests
// work without ../shared. Run: npm run build:sample [-- --data DIR] [--out FILE]
// tests/unit/calibration.test.ts imports buildSample to check that the committed file is current.
//
// Real: practice codes, names, PCNs, registered and weighted lists (2018/19), GP headcount
// (2018/19), population growth per place (2018/19 to 2023/24). Everything else is a documented
// default; each carries its source, or the word "illustrative", inside the workbook.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Intervention, Role, Workbook, WorkforceRow } from '../src/model/schema';
import { FORMAT, FORMAT_VERSION } from '../src/model/schema';
import { parseWorkbook, describeProblems } from '../src/model/validate';
import { serializeWorkbook } from '../src/io/workbook-file';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DATA_DIR = resolve(here, '../../shared/data');
export const SAMPLE_FILE = resolve(here, '../src/sample/mse.headroom.json');

function readCsv(dataDir: string, name: string): Record<string, string>[] {
  const text = readFileSync(resolve(dataDir, name), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${name}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data;
}

const round = (x: number, dp = 2) => Math.round(x * 10 ** dp) / 10 ** dp;
const num = (s: string | undefined) => (s === undefined || s.trim() === '' || s === 'NA' ? null : Number(s));

// ---- places, PCNs, practices (NHS Payments to General Practice 2018/19) ----------------------
const PLACE_NAMES: Record<string, string> = {
  '99E': 'Basildon and Brentwood',
  '99F': 'Castle Point and Rochford',
  '99G': 'Southend',
  '06Q': 'Mid Essex',
  '07G': 'Thurrock',
};
const SYSTEM = 'QH8';
const PAYMENTS = 'NHS Payments to General Practice, England, 2018/19 (NHS Digital, OGL v3.0)';

// Reads the published files: places with their population growth, PCNs, practices, GP headcount.
function readPublished(dataDir: string) {
  const practiceRows = readCsv(dataDir, 'mse-practices-2018-19.csv');
  const headcountRows = readCsv(dataDir, 'mse-gp-headcount-by-year.csv');

  // population growth per place: compound annual growth of registered lists 2018/19 to 2023/24
  const listByPlaceYear = new Map<string, number>();
  for (const r of headcountRows) {
    const k = `${r.sub_icb_code}|${r.financial_year}`;
    listByPlaceYear.set(k, (listByPlaceYear.get(k) ?? 0) + (num(r.registered_patients) ?? 0));
  }
  const places = Object.entries(PLACE_NAMES).map(([code, name]) => {
    const a = listByPlaceYear.get(`${code}|2018/19`) ?? 0;
    const b = listByPlaceYear.get(`${code}|2023/24`) ?? 0;
    return {
      code,
      name,
      system: SYSTEM,
      populationGrowth: round(Math.pow(b / a, 1 / 5) - 1, 4),
      source: `Registered list ${Math.round(a).toLocaleString('en-GB')} (2018/19) to ${Math.round(b).toLocaleString('en-GB')} (2023/24), compound growth a year; General Practice Workforce practice-level files, NHS Digital`,
    };
  });

  // PCNs are those of 2022/23 (PCNs began in July 2019); practices that closed before then belong
  // to an "unaligned" PCN of their place.
  const pcnPlaceVotes = new Map<string, { name: string; votes: Map<string, number> }>();
  for (const r of practiceRows) {
    if (!r.pcn_code) continue;
    const e = pcnPlaceVotes.get(r.pcn_code) ?? { name: r.pcn_name, votes: new Map() };
    e.votes.set(r.sub_icb_code, (e.votes.get(r.sub_icb_code) ?? 0) + 1);
    pcnPlaceVotes.set(r.pcn_code, e);
  }
  const pcns = [...pcnPlaceVotes.entries()]
    .map(([code, e]) => ({ code, name: e.name, place: [...e.votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0] }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const unalignedCode = (place: string) => `${place}-UNALIGNED`;
  const needUnaligned = new Set(practiceRows.filter((r) => !r.pcn_code).map((r) => r.sub_icb_code));
  for (const place of [...needUnaligned].sort()) {
    pcns.push({ code: unalignedCode(place), name: `Practices not in a PCN (${PLACE_NAMES[place]})`, place });
  }

  const practices = practiceRows
    .map((r) => ({
      code: r.practice_code,
      name: r.practice_name,
      pcn: r.pcn_code || unalignedCode(r.sub_icb_code),
      registered: round(Number(r.registered_patients)),
      weighted: num(r.weighted_patients) === null ? null : round(Number(r.weighted_patients)),
      source: r.pcn_code ? PAYMENTS : `${PAYMENTS}; not in a PCN in 2022/23`,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));

  const headcount2018 = new Map<string, number | null>();
  for (const r of headcountRows) if (r.financial_year === '2018/19') headcount2018.set(r.practice_code, num(r.gp_headcount_fully_qualified));
  return { places, pcns, practices, headcount2018 };
}

// ---- roles ---------------------------------------------------------------------------------------
const ILL = 'illustrative';
const role = (r: Partial<Role> & Pick<Role, 'id' | 'name' | 'group' | 'contactsPerDay'>): Role => ({
  safeContactsPerDay: null,
  clinicalDaysPerYear: 200,
  dnaRate: 0.05,
  costPerWte: 0,
  costPerAppointment: 0,
  leavingRate: 0.1,
  replacementRate: 0.9,
  replacementLagWeeks: 13,
  source: ILL,
  ...r,
});
const roles: Role[] = [
  role({
    id: 'gp', name: 'GP', group: 'gp', contactsPerDay: 37, safeContactsPerDay: 25, clinicalDaysPerYear: 210, dnaRate: 0.025,
    costPerWte: 140_000, leavingRate: 0.08, replacementRate: 0.9,
    source: "Contacts 37 a day: the strategy's 'well over 30'; national surveys report about 41 patient contacts a day for full-time GPs, including contacts without an appointment (illustrative, set with the nursing defaults to reproduce the measured gap); safe level 25: BMA safe working guidance; 210 clinical days a WTE as the SNEE model; DNA 2.5% (national GP face-to-face 3.4%); leaving 8% and replacement 90% a year: Headroom defaults; cost illustrative",
  }),
  role({
    id: 'nurse', name: 'Practice nurse', group: 'nursing', contactsPerDay: 24, costPerWte: 52_000,
    source: 'Contacts 24 a day: 15 to 20 minute appointments over a clinical day (illustrative); clinical days and cost illustrative; DNA 5% (national other staff 7.3%); leaving 10% and replacement 90% a year: Headroom defaults',
  }),
  role({
    id: 'hca', name: 'Health care assistant', group: 'nursing', contactsPerDay: 28, costPerWte: 30_000,
    source: 'Contacts 28 a day: shorter tasks such as bloods, blood pressure and dressings (illustrative); clinical days and cost illustrative; DNA 5%: Headroom default',
  }),
  role({ id: 'nursing-associate', name: 'Nursing associate', group: 'arrs', contactsPerDay: 20, costPerWte: 38_000 }),
  role({ id: 'pharmacist', name: 'Clinical pharmacist', group: 'arrs', contactsPerDay: 12, costPerWte: 60_000 }),
  role({ id: 'physio', name: 'First contact physiotherapist', group: 'arrs', contactsPerDay: 14, costPerWte: 62_000 }),
  role({ id: 'paramedic', name: 'Paramedic', group: 'arrs', contactsPerDay: 12, costPerWte: 62_000 }),
  role({ id: 'physician-associate', name: 'Physician associate', group: 'arrs', contactsPerDay: 18, costPerWte: 55_000 }),
  role({ id: 'mental-health', name: 'Mental health practitioner', group: 'arrs', contactsPerDay: 8, costPerWte: 55_000 }),
  role({ id: 'social-prescriber', name: 'Social prescribing link worker', group: 'arrs', contactsPerDay: 6, costPerWte: 36_000 }),
  role({ id: 'care-coordinator', name: 'Care coordinator', group: 'arrs', contactsPerDay: 10, costPerWte: 32_000 }),
  role({ id: 'arrs-other', name: 'Other ARRS roles (pharmacy technicians, wellbeing coaches)', group: 'arrs', contactsPerDay: 12, costPerWte: 38_000 }),
  role({
    id: 'community-pharmacy', name: 'Community pharmacy (CPCS)', group: 'external', contactsPerDay: 0, clinicalDaysPerYear: 0, dnaRate: 0,
    costPerAppointment: 14, leavingRate: 0, replacementRate: 0, replacementLagWeeks: 0,
    source: 'External: appointments a week, not WTE. GBP 14 a completed consultation: Community Pharmacist Consultation Service fee',
  }),
];

// ---- need mix and pathways (MODEL.md section 3, illustrative shares) ------------------------------
const needs = [
  { id: 'complex', name: 'Complex care and continuity', share: 0.22, pathway: ['gp'], defaultRoute: 'gp' },
  { id: 'acute', name: 'Acute same-day illness', share: 0.14, pathway: ['paramedic', 'physician-associate', 'gp'], defaultRoute: 'gp' },
  { id: 'minor', name: 'Minor illness', share: 0.08, pathway: ['community-pharmacy', 'pharmacist', 'nurse', 'gp'], defaultRoute: 'gp' },
  { id: 'msk', name: 'Musculoskeletal', share: 0.08, pathway: ['physio', 'gp'], defaultRoute: 'gp' },
  { id: 'medicines', name: 'Medicines and long-term condition review', share: 0.09, pathway: ['pharmacist', 'nurse', 'arrs-other', 'gp'], defaultRoute: 'gp' },
  { id: 'mental-health', name: 'Mental health', share: 0.05, pathway: ['mental-health', 'gp'], defaultRoute: 'gp' },
  { id: 'social', name: 'Social and wellbeing', share: 0.04, pathway: ['social-prescriber', 'care-coordinator', 'arrs-other', 'gp'], defaultRoute: 'gp' },
  // simpler tasks go to the least specialised role first, so navigated nursing work fills HCAs
  // before nurses (MODEL.md lists nurse first; see docs/model.md)
  { id: 'nursing', name: 'Nursing and procedures', share: 0.3, pathway: ['hca', 'nursing-associate', 'nurse'], defaultRoute: 'nurse' },
].map((n) => ({
  ...n,
  source:
    'Share illustrative. Shape: about 27% of GP appointments potentially avoidable and 1 in 6 could be seen by someone else (Making Time in General Practice, 2015); minor illness about 13% of GP appointments (PSNC); first contact physios manage about 76% of MSK patients without a GP (CSP)' +
    (n.id === 'medicines' || n.id === 'social' ? '. Other ARRS roles added to the pathway (illustrative)' : ''),
}));

// ---- workforce at April 2018 ----------------------------------------------------------------------
const GP_FTE_PER_HEADCOUNT = 0.8;
const NURSE_WTE_PER_100K = 27;
const HCA_WTE_PER_100K = 7.5;
const PRE_ARRS_PHARMACISTS = 20;

type Published = ReturnType<typeof readPublished>;

function buildWorkforce({ practices, pcns, headcount2018 }: Published): WorkforceRow[] {
  const workforce: WorkforceRow[] = [];
  for (const p of practices) {
    const hc = headcount2018.get(p.code);
    workforce.push({
      level: 'practice', code: p.code, role: 'gp',
      wte: hc == null ? 0 : round(hc * GP_FTE_PER_HEADCOUNT),
      source: hc == null
        ? 'No published GP headcount for 2018/19: enter the local figure'
        : `${hc} fully qualified GPs (headcount, General Practice Workforce 2018/19, NHS Digital) x ${GP_FTE_PER_HEADCOUNT} FTE per head (illustrative)`,
    });
  }
  for (const p of practices) {
    workforce.push({ level: 'practice', code: p.code, role: 'nurse', wte: round((p.registered * NURSE_WTE_PER_100K) / 100_000), source: `${NURSE_WTE_PER_100K} WTE per 100,000 registered patients (illustrative, near the England average of 2018: about 16,000 FTE practice nurses for about 59 million patients, General Practice Workforce, NHS Digital)` });
    workforce.push({ level: 'practice', code: p.code, role: 'hca', wte: round((p.registered * HCA_WTE_PER_100K) / 100_000), source: `${HCA_WTE_PER_100K} WTE per 100,000 registered patients (illustrative, below the England average of 2018: health care assistants only, not other direct patient care staff)` });
  }
  const pcnLists = new Map<string, number>();
  for (const p of practices) pcnLists.set(p.pcn, (pcnLists.get(p.pcn) ?? 0) + p.registered);
  const totalList = practices.reduce((a, p) => a + p.registered, 0);
  for (const n of pcns) {
    const wte = round((PRE_ARRS_PHARMACISTS * (pcnLists.get(n.code) ?? 0)) / totalList);
    if (wte > 0) workforce.push({ level: 'pcn', code: n.code, role: 'pharmacist', wte, source: `Share by list of ${PRE_ARRS_PHARMACISTS} WTE from the Clinical Pharmacists in General Practice programme (illustrative)` });
  }
  return workforce;
}

// ---- interventions (MODEL.md section 9 seed actions) -------------------------------------------
const SYS = `system:${SYSTEM}`;
const STRATEGY = 'Mid and south Essex primary care strategy (seed action)';
const iv = (x: Omit<Intervention, 'scope' | 'rampWeeks' | 'annualCost' | 'end'> & Partial<Intervention>): Intervention => ({
  scope: SYS, rampWeeks: 0, annualCost: 0, end: null, ...x,
});
// ARRS roll-out from 2019/20 reaching 319 WTE by November 2022 (ICB briefing, November 2022);
// the 83 "others" are split across roles for illustration.
const ARRS_TARGETS: [string, string, number][] = [
  ['pharmacist', 'clinical pharmacists', 93],
  ['social-prescriber', 'social prescribing link workers', 44],
  ['physio', 'first contact physiotherapists', 35],
  ['paramedic', 'paramedics', 30],
  ['care-coordinator', 'care coordinators', 34],
  ['physician-associate', 'physician associates', 12],
  ['mental-health', 'mental health practitioners', 16],
  ['nursing-associate', 'nursing associates', 10],
  ['arrs-other', 'other ARRS roles', 45],
];
const ARRS_START = '2019-07-01';
const ARRS_END = '2022-11-07';
const ARRS_YEARS = (Date.parse(ARRS_END) - Date.parse(ARRS_START)) / (365.25 * 86_400_000);
const arrs = ARRS_TARGETS.map(([roleId, label, wte]) =>
  iv({
    id: `arrs-${roleId}`,
    name: `ARRS roll-out: ${label} (${wte} WTE by Nov 2022)`,
    start: ARRS_START,
    end: ARRS_END,
    effect: { kind: 'recruitment', role: roleId, wtePerYear: round(wte / ARRS_YEARS, 2) },
    source: `Additional Roles Reimbursement Scheme; 319 WTE in post by November 2022 (ICB briefing); ${['pharmacist', 'social-prescriber', 'physio', 'paramedic', 'care-coordinator'].includes(roleId) ? 'count for this role from the briefing' : "split of the 83 'others' illustrative"}; costs come from the roles' cost per WTE`,
  }),
);
const interventions: Intervention[] = [
  iv({
    id: 'recruit-gps', name: 'Recruit 120 GPs (WTE) over three years', start: '2019-04-01', end: '2022-04-04', annualCost: 1_000_000,
    effect: { kind: 'recruitment', role: 'gp', wtePerYear: 40 },
    source: `${STRATEGY}; 40 WTE a year; annual cost of recruitment and retention schemes illustrative`,
  }),
  ...arrs,
  iv({
    id: 'signposting', name: 'Care navigation: signposting to six alternative pathways', start: '2019-04-01', rampWeeks: 208, annualCost: 400_000,
    effect: { kind: 'navigationShare', target: 0.5 },
    source: `${STRATEGY}: in place by March 2023; share of demand navigated rises from 25% to 50% (illustrative); cost illustrative`,
  }),
  iv({
    id: 'winter-access', name: 'Winter access scheme (13,000 extra consultations)', start: '2022-11-07', end: '2023-02-06', annualCost: 2_080_000,
    effect: { kind: 'extraAppointments', role: 'gp', amount: 1000, basis: 'perWeek' },
    source: `${STRATEGY}: 13,000 extra consultations November 2022 to January 2023 (1,000 a week for 13 weeks); cost about GBP 40 a consultation (illustrative)`,
  }),
  iv({
    id: 'cpcs', name: 'Community Pharmacist Consultation Service (+2,000 a month)', start: '2020-11-02', rampWeeks: 125,
    effect: { kind: 'externalCapacity', role: 'community-pharmacy', appointmentsPerWeek: 460 },
    source: `${STRATEGY}: +2,000 consultations by March 2023, read as a month (460 a week, illustrative); GP referral pathway launched November 2020; paid per consultation through the role`,
  }),
  iv({
    id: 'extended-access', name: 'Extended access (30 minutes per 1,000 patients a week)', start: '2018-10-01', annualCost: 7_440_000,
    effect: { kind: 'extraAppointments', role: 'gp', amount: 3, basis: 'perWeekPer1000Patients' },
    source: `${STRATEGY}: 30 minutes per 1,000 patients a week, as 3 ten-minute appointments; GBP 6 a registered patient a year (GP Forward View extended access funding)`,
  }),
  iv({
    id: 'enhanced-access', name: 'Enhanced access (60 minutes per 1,000 patients a week)', start: '2022-10-03', annualCost: 9_300_000,
    effect: { kind: 'extraAppointments', role: 'gp', amount: 6, basis: 'perWeekPer1000Patients' },
    source: 'Network Contract DES enhanced access from October 2022: 60 minutes per 1,000 patients a week, as 6 ten-minute appointments; about GBP 7.50 a weighted patient a year',
  }),
  iv({
    id: 'arrs-expansion', name: 'ARRS expansion to March 2024: GP assistants and advanced practitioners', start: '2022-10-03', end: '2024-04-01', annualCost: 0,
    effect: { kind: 'recruitment', role: 'arrs-other', wtePerYear: 100 },
    source: 'Our plan for patients (September 2022) and the 26,000 ARRS commitment; 150 WTE by March 2024 for mid and south Essex (illustrative)',
  }),
  iv({
    id: 'navigation-plan', name: 'Care navigation and self-referral routes (plan for patients)', start: '2022-10-03', rampWeeks: 78, annualCost: 250_000,
    effect: { kind: 'navigationShare', target: 0.4 },
    source: 'Our plan for patients (September 2022): self-referral and navigation; share 40% by April 2024 (illustrative)',
  }),
];
const strategyIds = ['recruit-gps', ...arrs.map((a) => a.id), 'signposting', 'winter-access', 'cpcs', 'extended-access'];
const planIds = [...arrs.map((a) => a.id), 'arrs-expansion', 'navigation-plan', 'winter-access', 'cpcs', 'enhanced-access'];

/** The sample workbook, checked, from the published files in dataDir. */
export function buildSample(dataDir: string = DEFAULT_DATA_DIR): Workbook {
  const published = readPublished(dataDir);
  const { places, pcns, practices } = published;
  const workforce = buildWorkforce(published);
  const workbook: Workbook = {
    format: FORMAT,
    version: FORMAT_VERSION,
    name: 'Mid and south Essex (illustrative)',
    description:
      'Sample workbook for mid and south Essex: real practices, PCNs, registered and weighted lists and GP headcount for 2018/19 from NHS Digital publications; every other figure is a documented default or illustrative. Calibrated to the local strategy: a gap of about 20,000 appointments a week in 2018/19, about 60,000 in the worst case by 2020/21.',
    settings: {
      startDate: '2018-04-02',
      horizonYears: 10,
      needWeighting: true,
      navigationShare: 0.25,
      gpFtePerHeadcount: GP_FTE_PER_HEADCOUNT,
      arrsCapPerWeightedPatient: null,
      sources: {
        startDate: 'Start of FY2018/19',
        needWeighting: 'Demand follows the Carr-Hill weighted list (NHS Payments to General Practice)',
        navigationShare: 'About a quarter of demand navigated today (illustrative)',
        gpFtePerHeadcount: 'About 0.8 FTE per fully qualified GP (illustrative, near the England ratio of 2018)',
        arrsCapPerWeightedPatient: 'No cap (set one to test the ARRS budget)',
      },
    },
    demand: {
      consultationRate: 5.2,
      rateGrowth: 0.015,
      seasonality: [1.08, 1.06, 1.03, 0.97, 0.98, 0.99, 0.96, 0.92, 1.0, 1.03, 1.05, 0.93],
      sources: {
        consultationRate: 'About 5.2 a patient a year including latent demand: 4.67 (2007/08) rising to 5.16 (2013/14), Hobbs et al., Lancet 2016; about 5.0 in 2019 (NHS appointments data)',
        rateGrowth: 'About 1.5% a year per patient (Hobbs et al. 2016: about 1.7%)',
        seasonality: 'Illustrative: winter about +8%, August -8%, December low for holidays; busiest month about 17% above the quietest (Waller & Hodgkin: about 20%)',
      },
    },
    systems: [{ code: SYSTEM, name: 'Mid and south Essex' }],
    places,
    pcns,
    practices,
    roles,
    needs,
    workforce,
    externalCapacity: [],
    interventions,
    scenarios: [
      { id: 'do-nothing', name: 'Do nothing', description: 'Today’s workforce with its usual turnover and replacement; no new roles or schemes.', overrides: [], interventions: [] },
      {
        id: 'worst-case', name: 'Worst case',
        description: 'The strategy’s worst case: about half of GPs and a quarter of practice nurses lost by 2020/21. GPs leave at 22% a year and practice nurses at 9.5%, and none are replaced, so 48% of GPs and 25% of nurses have gone by the end of March 2021.',
        overrides: [
          { path: 'roles[gp].leavingRate', value: 0.22 },
          { path: 'roles[gp].replacementRate', value: 0 },
          { path: 'roles[nurse].leavingRate', value: 0.095 },
          { path: 'roles[nurse].replacementRate', value: 0 },
        ],
        interventions: [],
      },
      {
        id: 'strategy', name: 'Strategy (GP-led multidisciplinary teams)',
        description: 'Recruit 120 GPs, roll out the additional roles, signpost patients to six alternative pathways, winter access, community pharmacy consultations and extended access.',
        overrides: [], interventions: strategyIds,
      },
      {
        id: 'plan-for-patients', name: 'Plan for patients 2022/23',
        description: 'Our plan for patients (September 2022): more additional roles, enhanced access, community pharmacy, care navigation and self-referral; no extra GP recruitment.',
        overrides: [], interventions: planIds,
      },
    ],
    funding: [
      { id: 'gpfv-extra', name: 'Extra investment by 2020/21', kind: 'recurrent', amountGBP: 29_000_000, from: '2020-04-06', to: '2021-04-05', source: 'Strategy: about GBP 29m extra a year by 2020/21 (timing illustrative)' },
      { id: 'recurrent', name: 'Recurrent primary care investment', kind: 'recurrent', amountGBP: 35_000_000, from: '2021-04-05', to: null, source: 'Strategy: GBP 35m recurrent (timing illustrative)' },
      { id: 'transition', name: 'One-off transition funding', kind: 'oneOff', amountGBP: 30_000_000, from: '2019-04-01', to: null, source: 'Strategy: GBP 30m one-off transition (timing illustrative)' },
    ],
    // Illustrative ranges on the assumptions the literature is least sure of; the most likely value
    // is the one in the cell (mode null), so the ranges follow the cells when a planner edits them.
    ranges: [
      { path: 'demand.consultationRate', min: 4.9, mode: null, max: 5.6 },
      { path: 'demand.rateGrowth', min: 0.01, mode: null, max: 0.02 },
      { path: 'settings.navigationShare', min: 0.2, mode: null, max: 0.3 },
      { path: 'roles[gp].contactsPerDay', min: 33, mode: null, max: 40 },
      { path: 'roles[gp].leavingRate', min: 0.06, mode: null, max: 0.12 },
      { path: 'roles[gp].replacementRate', min: 0.8, mode: null, max: 1 },
      { path: 'roles[nurse].leavingRate', min: 0.08, mode: null, max: 0.14 },
      { path: 'roles[nurse].contactsPerDay', min: 20, mode: null, max: 27 },
    ],
  };

  const check = parseWorkbook(workbook);
  if (!check.ok) throw new Error(`the sample workbook is invalid: ${describeProblems(check.problems)}`);
  return workbook;
}

/** The text of src/sample/mse.headroom.json: the same as a workbook saved from Headroom. */
export function sampleText(workbook: Workbook): string {
  return serializeWorkbook(workbook);
}

function main(argv: string[]): void {
  if (argv.includes('--help')) {
    console.log('usage: npm run build:sample [-- --data DIR] [--out FILE]');
    return;
  }
  const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const dataDir = resolve(opt('--data') ?? DEFAULT_DATA_DIR);
  if (!existsSync(dataDir)) {
    console.error(`no published data at ${dataDir}: pass --data DIR`);
    process.exit(2);
  }
  const outFile = resolve(opt('--out') ?? SAMPLE_FILE);
  const workbook = buildSample(dataDir);
  writeFileSync(outFile, sampleText(workbook));
  console.log(`wrote ${outFile}: ${workbook.practices.length} practices, ${workbook.pcns.length} PCNs, ${workbook.places.length} places, ${workbook.workforce.length} workforce rows`);
}

// run when invoked as a script, not when imported
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
