// The planning workbook as a runtime schema. Files arrive by email, so everything read from outside
// goes through `WorkbookSchema` (shape, types, ranges) and then `checkWorkbook` in validate.ts
// (references between tables, sums). The TypeScript types are inferred from this one definition.
import * as v from 'valibot';
import { parseIsoDate } from './dates';

export const FORMAT = 'headroom-workbook';
export const FORMAT_VERSION = 2;

// A non-zero number smaller than a billionth means nothing in a plan and, as a divisor (a list of
// 6e-323 patients), overflows figures to Infinity: such values are damage, refused.
const TINY = 1e-9;
const num = (what: string) =>
  v.pipe(
    v.number(`${what} must be a number`),
    v.finite(`${what} must be a finite number`),
    v.check((x) => x === 0 || Math.abs(x) >= TINY, `${what} is too small to mean anything; write 0`),
  );
// Every number has a plausible range, stated in the message and in docs/workbook-format.md: a value
// far outside any real plan (a WTE of 1e308, say) is a damaged or hostile file, and left in it would
// make figures overflow to Infinity. The upper ends are generous (ten times England's largest).
const upTo = (what: string, max: number, unit = '') =>
  v.pipe(num(what), v.minValue(0, `${what} must be from 0 to ${big(max)}${unit}`), v.maxValue(max, `${what} must be from 0 to ${big(max)}${unit}`));
/** 1000000 as "1,000,000": ranges in messages read as the grid shows numbers. */
function big(n: number): string {
  return n.toLocaleString('en-GB');
}
/** Limits shared with the docs and the tests (see docs/workbook-format.md). */
export const LIMITS = {
  consultationRate: 100,
  seasonalIndex: 5,
  arrsCap: 10_000,
  patients: 2_000_000,
  contactsPerDay: 200,
  dnaRate: 0.9,
  costPerWte: 10_000_000,
  costPerAppointment: 100_000,
  wte: 5_000,
  appointmentsPerWeek: 2_000_000,
  recruitsPerYear: 5_000,
  gbp: 10_000_000_000,
} as const;
const fraction = (what: string) =>
  v.pipe(num(what), v.minValue(0, `${what} must be from 0% to 100%`), v.maxValue(1, `${what} must be from 0% to 100%`));
const rate = (what: string) =>
  v.pipe(num(what), v.minValue(-0.5, `${what} must be from -50% to +100% a year`), v.maxValue(1, `${what} must be from -50% to +100% a year`));
const text = (what: string, max: number) => v.pipe(v.string(`${what} must be text`), v.maxLength(max, `${what} is longer than ${max} characters`));
const name = (what: string) => v.pipe(text(what, 200), v.trim(), v.minLength(1, `${what} cannot be empty`));
// Codes and ids are used as keys in paths such as `roles[gp].leavingRate`: keep them to safe characters.
const key = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, `${what} must be 1-64 letters, digits, '-', '_' or '.'`),
  );
const isoDate = (what: string) =>
  v.pipe(
    v.string(`${what} must be a date`),
    v.isoDate(`${what} must be a date written YYYY-MM-DD`),
    // the format alone lets through days that do not exist, such as 2019-02-30
    v.check((s) => Number.isFinite(parseIsoDate(s)), (issue) => `${what} ${String(issue.input)} is not a day of the calendar`),
  );
const source = v.pipe(v.string('source must be text'), v.maxLength(2000, 'source is longer than 2000 characters'));

export const ROLE_GROUPS = ['gp', 'nursing', 'arrs', 'other', 'external'] as const;
export const RoleGroupSchema = v.picklist(ROLE_GROUPS, 'group must be one of gp, nursing, arrs, other, external');

export const SettingsSchema = v.strictObject({
  startDate: isoDate('start date'),
  horizonYears: v.pipe(num('horizon'), v.integer('horizon must be whole years'), v.minValue(1, 'horizon must be at least 1 year'), v.maxValue(30, 'horizon cannot exceed 30 years')),
  needWeighting: v.boolean('need weighting must be true or false'),
  navigationShare: fraction('navigation share'),
  gpFtePerHeadcount: v.pipe(num('GP FTE per headcount'), v.minValue(0.1, 'GP FTE per headcount must be at least 0.1'), v.maxValue(1.5, 'GP FTE per headcount cannot exceed 1.5')),
  arrsCapPerWeightedPatient: v.nullable(upTo('ARRS budget cap', LIMITS.arrsCap, ' GBP per weighted patient a year')),
  sources: v.record(v.string(), source),
});

export const DemandSchema = v.strictObject({
  consultationRate: upTo('consultation rate', LIMITS.consultationRate, ' appointments per patient a year'),
  rateGrowth: rate('demand growth'),
  seasonality: v.pipe(
    v.array(upTo('seasonal index', LIMITS.seasonalIndex), 'seasonality must be a list of twelve monthly indices'),
    v.length(12, 'seasonality must have exactly twelve monthly indices (January to December)'),
  ),
  sources: v.record(v.string(), source),
});

export const SystemSchema = v.strictObject({ code: key('system code'), name: name('system name') });
export const PlaceSchema = v.strictObject({
  code: key('place code'),
  name: name('place name'),
  system: key('system code'),
  populationGrowth: rate('population growth'),
  source,
});
export const PcnSchema = v.strictObject({ code: key('PCN code'), name: name('PCN name'), place: key('place code') });
export const PracticeSchema = v.strictObject({
  code: key('practice code'),
  name: name('practice name'),
  pcn: key('PCN code'),
  registered: upTo('registered list', LIMITS.patients, ' patients'),
  weighted: v.nullable(upTo('weighted list', LIMITS.patients, ' patients')),
  source,
});

export const RoleSchema = v.strictObject({
  id: key('role id'),
  name: name('role name'),
  group: RoleGroupSchema,
  contactsPerDay: upTo('contacts per day', LIMITS.contactsPerDay),
  safeContactsPerDay: v.nullable(upTo('safe contacts per day', LIMITS.contactsPerDay)),
  clinicalDaysPerYear: upTo('clinical days per WTE', 366),
  dnaRate: v.pipe(num('did-not-attend rate'), v.minValue(0, 'did-not-attend rate must be from 0% to 90%'), v.maxValue(LIMITS.dnaRate, 'did-not-attend rate must be from 0% to 90%')),
  costPerWte: upTo('cost per WTE', LIMITS.costPerWte, ' GBP a year'),
  costPerAppointment: upTo('cost per appointment', LIMITS.costPerAppointment, ' GBP'),
  leavingRate: fraction('leaving rate'),
  replacementRate: v.pipe(num('replacement rate'), v.minValue(0, 'replacement rate must be from 0% to 200%'), v.maxValue(2, 'replacement rate must be from 0% to 200%')),
  replacementLagWeeks: v.pipe(num('replacement lag'), v.integer('replacement lag must be whole weeks'), v.minValue(0, 'replacement lag cannot be negative'), v.maxValue(520, 'replacement lag cannot exceed 520 weeks')),
  source,
});

export const NeedSchema = v.strictObject({
  id: key('need id'),
  name: name('need name'),
  share: fraction('need share'),
  pathway: v.pipe(v.array(key('role id'), 'pathway must be a list of role ids'), v.minLength(1, 'pathway needs at least one role'), v.maxLength(20, 'pathway has more than 20 roles')),
  defaultRoute: key('default route'),
  source,
});

export const WorkforceSchema = v.strictObject({
  level: v.picklist(['practice', 'pcn'], "level must be 'practice' or 'pcn'"),
  code: key('practice or PCN code'),
  role: key('role id'),
  wte: upTo('WTE', LIMITS.wte),
  source,
});

// A scope names where something applies: `system:QH8`, `place:99E` or `pcn:U27924`.
export const ScopeSchema = v.pipe(
  v.string('scope must be text'),
  v.regex(/^(system|place|pcn):[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "scope must be written 'system:CODE', 'place:CODE' or 'pcn:CODE'"),
);

export const ExternalCapacitySchema = v.strictObject({
  scope: ScopeSchema,
  role: key('role id'),
  appointmentsPerWeek: upTo('appointments per week', LIMITS.appointmentsPerWeek),
  source,
});

export const EffectSchema = v.variant(
  'kind',
  [
    v.strictObject({
      kind: v.literal('extraAppointments'),
      role: v.nullable(key('role id')),
      amount: upTo('extra appointments', LIMITS.appointmentsPerWeek, ' a week'),
      basis: v.picklist(['perWeek', 'perWeekPer1000Patients'], "basis must be 'perWeek' or 'perWeekPer1000Patients'"),
    }),
    v.strictObject({ kind: v.literal('demandReduction'), fraction: fraction('demand reduction') }),
    v.strictObject({ kind: v.literal('navigationShare'), target: fraction('navigation share target') }),
    v.strictObject({
      kind: v.literal('productivity'),
      role: key('role id'),
      fraction: v.pipe(num('productivity change'), v.minValue(-0.9, 'productivity change cannot be below -90%'), v.maxValue(5, 'productivity change cannot exceed +500%')),
    }),
    v.strictObject({ kind: v.literal('recruitment'), role: key('role id'), wtePerYear: upTo('WTE per year', LIMITS.recruitsPerYear) }),
    v.strictObject({ kind: v.literal('externalCapacity'), role: key('role id'), appointmentsPerWeek: upTo('appointments per week', LIMITS.appointmentsPerWeek) }),
  ],
  'effect kind must be one of extraAppointments, demandReduction, navigationShare, productivity, recruitment, externalCapacity',
);

export const InterventionSchema = v.strictObject({
  id: key('intervention id'),
  name: name('intervention name'),
  scope: ScopeSchema,
  start: isoDate('start date'),
  end: v.nullable(isoDate('end date')),
  rampWeeks: v.pipe(num('ramp-up'), v.integer('ramp-up must be whole weeks'), v.minValue(0, 'ramp-up cannot be negative'), v.maxValue(1040, 'ramp-up cannot exceed 1040 weeks')),
  annualCost: upTo('annual cost', LIMITS.gbp, ' GBP'),
  effect: EffectSchema,
  source,
});

export const OverrideSchema = v.strictObject({
  path: v.pipe(v.string('override path must be text'), v.minLength(1, 'override path cannot be empty'), v.maxLength(300, 'override path is too long')),
  value: v.union([v.number(), v.string(), v.boolean(), v.null()], 'override value must be a number, text, true/false or null'),
});

export const ScenarioSchema = v.strictObject({
  id: key('scenario id'),
  name: name('scenario name'),
  description: text('scenario description', 5000),
  overrides: v.pipe(v.array(OverrideSchema, 'overrides must be a list'), v.maxLength(10000, 'too many overrides')),
  interventions: v.array(key('intervention id'), 'interventions must be a list of intervention ids'),
});

export const FundingSchema = v.strictObject({
  id: key('funding id'),
  name: name('funding name'),
  kind: v.picklist(['recurrent', 'oneOff'], "funding kind must be 'recurrent' or 'oneOff'"),
  amountGBP: upTo('funding amount', LIMITS.gbp, ' GBP'),
  from: isoDate('funding start'),
  to: v.nullable(isoDate('funding end')),
  source,
});

/**
 * Overrides in all scenarios together. Each is checked against the whole workbook, so this bounds
 * the work of opening a file (10 scenarios of 10,000 overrides open in about a second).
 */
export const MAX_OVERRIDES = 100_000;

/** Overrides in a list of scenarios of unknown shape (also used before the schema runs). */
export function countOverrides(scenarios: unknown): number {
  if (!Array.isArray(scenarios)) return 0;
  let n = 0;
  for (const s of scenarios) if (s && typeof s === 'object' && Array.isArray((s as { overrides?: unknown }).overrides)) n += (s as { overrides: unknown[] }).overrides.length;
  return n;
}

// ---- workshop mode: levers, pinned snapshots and the session log (optional, format version 2) ----

const timestamp = (what: string) => v.pipe(v.string(`${what} must be text`), v.isoTimestamp(`${what} must be a date and time such as 2026-03-02T10:15:00.000Z`));
const pathText = (what: string) => v.pipe(v.string(`${what} must be text`), v.minLength(1, `${what} cannot be empty`), v.maxLength(300, `${what} is too long`));
const scalar = v.union([v.number(), v.pipe(v.string(), v.maxLength(20000)), v.boolean(), v.null()], 'a kept value must be a number, text, true/false or null');

export const LeverSchema = v.pipe(
  v.strictObject({
    id: key('lever id'),
    label: name('lever label'),
    path: pathText('lever path'),
    min: num('lever minimum'),
    max: num('lever maximum'),
    step: v.pipe(num('lever step'), v.gtValue(0, 'lever step must be above 0')),
  }),
  v.check((l) => l.min < l.max, 'a lever\'s minimum must be below its maximum'),
);

export const PinnedValueSchema = v.strictObject({ path: pathText('pinned value path'), value: scalar });

export const SnapshotSchema = v.strictObject({
  id: key('snapshot id'),
  name: name('snapshot name'),
  pinnedAt: timestamp('pinned at'),
  scenario: key('scenario id'),
  /** How many log entries there were when it was pinned: later changes tell what to set back. */
  logLength: v.pipe(num('log length'), v.integer('log length must be a whole number'), v.minValue(0, 'log length cannot be negative')),
  values: v.pipe(v.array(PinnedValueSchema, 'pinned values must be a list'), v.maxLength(10000, 'a snapshot keeps at most 10000 values')),
  /** The whole workbook's yearly figures for its scenario when it was pinned (as `npm run calc` prints them). */
  figures: v.pipe(
    v.array(v.record(v.string(), v.union([v.number(), v.null(), v.pipe(v.string(), v.maxLength(20))])), 'figures must be a list of years'),
    v.maxLength(40, 'figures cover at most 40 years'),
  ),
});

export const LogChangeSchema = v.strictObject({ path: pathText('logged path'), old: scalar, value: scalar });

export const LogEntrySchema = v.strictObject({
  at: timestamp('log time'),
  label: text('log label', 300),
  changes: v.pipe(v.array(LogChangeSchema, 'logged changes must be a list'), v.maxLength(20000, 'a log entry keeps at most 20000 changes')),
  /** Rows were added or deleted: logged by name only, so this entry cannot be taken back from the log. */
  rows: v.boolean('rows must be true or false'),
});

export const WorkshopSchema = v.strictObject({
  levers: v.pipe(v.array(LeverSchema, 'levers must be a list'), v.maxLength(40, 'a workbook has at most 40 levers')),
  snapshots: v.pipe(v.array(SnapshotSchema, 'snapshots must be a list'), v.maxLength(100, 'a workbook keeps at most 100 snapshots')),
  log: v.pipe(v.array(LogEntrySchema, 'the session log must be a list'), v.maxLength(5000, 'the session log keeps at most 5000 entries')),
  /** The session under way: when it started and the index of its first log entry; null between sessions. */
  session: v.nullable(
    v.strictObject({
      startedAt: timestamp('session start'),
      from: v.pipe(num('session start entry'), v.integer('session start entry must be a whole number'), v.minValue(0, 'session start entry cannot be negative')),
    }),
  ),
});

// An uncertain assumption: a triangular distribution over the value at `path` (MODEL.md section 11).
// The most likely value is the one in the cell (as the scenario sees it) unless `mode` says otherwise.
export const RangeSchema = v.pipe(
  v.strictObject({
    path: v.pipe(v.string('range path must be text'), v.minLength(1, 'range path cannot be empty'), v.maxLength(300, 'range path is too long')),
    min: num('range minimum'),
    mode: v.nullable(num('most likely value')),
    max: num('range maximum'),
  }),
  v.check((r) => r.min <= r.max, 'the minimum of a range cannot be above its maximum'),
  v.check((r) => r.mode === null || (r.mode >= r.min && r.mode <= r.max), 'the most likely value must lie between the minimum and the maximum'),
);

const table = <T extends v.GenericSchema>(item: T, what: string, max: number) =>
  v.pipe(v.array(item, `${what} must be a list`), v.maxLength(max, `${what} has more than ${max} rows`));

export const WorkbookSchema = v.strictObject({
  format: v.literal(FORMAT, `format must be '${FORMAT}'`),
  version: v.literal(FORMAT_VERSION, `version must be ${FORMAT_VERSION}`),
  name: name('workbook name'),
  description: text('description', 20000),
  settings: SettingsSchema,
  demand: DemandSchema,
  systems: v.pipe(table(SystemSchema, 'systems', 200), v.minLength(1, 'a workbook needs at least one system')),
  places: table(PlaceSchema, 'places', 2000),
  pcns: table(PcnSchema, 'PCNs', 5000),
  practices: table(PracticeSchema, 'practices', 20000),
  roles: v.pipe(table(RoleSchema, 'roles', 60), v.minLength(1, 'a workbook needs at least one role')),
  needs: v.pipe(table(NeedSchema, 'needs', 40), v.minLength(1, 'a workbook needs at least one need type')),
  workforce: table(WorkforceSchema, 'workforce', 200000),
  externalCapacity: table(ExternalCapacitySchema, 'external capacity', 5000),
  interventions: table(InterventionSchema, 'interventions', 2000),
  scenarios: v.pipe(
    table(ScenarioSchema, 'scenarios', 100),
    v.minLength(1, 'a workbook needs at least one scenario'),
    v.check((list) => countOverrides(list) <= MAX_OVERRIDES, `the scenarios have more than ${MAX_OVERRIDES.toLocaleString('en-GB')} overrides in all`),
  ),
  funding: table(FundingSchema, 'funding', 500),
  workshop: v.optional(WorkshopSchema),
  /** Format version 2: ranges on uncertain assumptions, for Monte Carlo runs (optional). */
  ranges: v.optional(table(RangeSchema, 'ranges', 2000), []),
});

export type Workbook = v.InferOutput<typeof WorkbookSchema>;
export type Settings = Workbook['settings'];
export type Demand = Workbook['demand'];
export type System = Workbook['systems'][number];
export type Place = Workbook['places'][number];
export type Pcn = Workbook['pcns'][number];
export type Practice = Workbook['practices'][number];
export type Role = Workbook['roles'][number];
export type RoleGroup = Role['group'];
export type Need = Workbook['needs'][number];
export type WorkforceRow = Workbook['workforce'][number];
export type ExternalCapacityRow = Workbook['externalCapacity'][number];
export type Intervention = Workbook['interventions'][number];
export type Effect = Intervention['effect'];
export type EffectKind = Effect['kind'];
export type Scenario = Workbook['scenarios'][number];
export type Override = Scenario['overrides'][number];
export type Funding = Workbook['funding'][number];
export type Range = v.InferOutput<typeof RangeSchema>;
export type Workshop = v.InferOutput<typeof WorkshopSchema>;
export type Lever = Workshop['levers'][number];
export type Snapshot = Workshop['snapshots'][number];
export type LogEntry = Workshop['log'][number];
export type PinnedValue = Snapshot['values'][number];
