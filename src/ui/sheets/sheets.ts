// What each sheet shows and how its cells map to workbook paths. The grid adapter reads these
// definitions; nothing here knows about AG Grid.
import type { KeyedTable, Segment } from '../../model/paths';
import type { Effect, EffectKind, Workbook } from '../../model/schema';

export type CellType = 'text' | 'key' | 'int' | 'number' | 'percent' | 'gbp' | 'wte' | 'date' | 'enum' | 'bool' | 'list' | 'overrides';

export interface Column {
  /** Path inside the row, e.g. ['wte'] or ['effect', 'amount']. */
  field: Segment[];
  header: string;
  type: CellType;
  /** Empty input means null (not refused). */
  nullable?: boolean;
  options?: (wb: Workbook) => string[];
  readOnly?: boolean;
  width?: number;
  /** For columns whose field depends on the row (interventions' effect size). */
  fieldFor?: (row: Record<string, unknown>) => Segment[] | null;
  /** For columns whose unit depends on the row. */
  typeFor?: (row: Record<string, unknown>) => CellType;
  /** Names shown for coded values. */
  labels?: Record<string, string>;
  /** When a new value means rewriting more than the cell (an intervention's kind of effect). */
  setAs?: (value: unknown, row: Record<string, unknown>, wb: Workbook) => { field: Segment[]; value: unknown };
  help?: string;
}

export interface TableSheet {
  kind: 'table';
  id: string;
  title: string;
  intro: string;
  table: KeyedTable;
  filter?: (row: Record<string, unknown>) => boolean;
  columns: Column[];
  /** A fresh row with a unique key; absent when rows cannot be added here. */
  newRow?: (wb: Workbook) => Record<string, unknown>;
  /** Why a row cannot be added yet (what must exist first), or null. */
  addBlocked?: (wb: Workbook) => string | null;
  canDelete?: boolean;
}

export interface RecordField {
  path: Segment[];
  label: string;
  type: CellType;
  unit: string;
  nullable?: boolean;
  source?: Segment[];
}

export interface RecordSheet {
  kind: 'record';
  id: string;
  title: string;
  intro: string;
  fields: (wb: Workbook) => RecordField[];
}

export type Sheet = TableSheet | RecordSheet;

export function getIn(row: unknown, field: readonly Segment[]): unknown {
  let v: unknown = row;
  for (const s of field) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

/** The field a column edits in this row, or null when the row has none (e.g. no role). */
export function fieldOf(col: Column, row: Record<string, unknown>): Segment[] | null {
  if (col.fieldFor) return col.fieldFor(row);
  if (col.field.length > 1) {
    // nested fields exist only on some effect kinds
    const parent = getIn(row, col.field.slice(0, -1));
    if (!parent || typeof parent !== 'object' || !(String(col.field[col.field.length - 1]) in parent)) return null;
  }
  return col.field;
}


const codes = (rows: { code: string }[]) => rows.map((r) => r.code);
const roleIds = (wb: Workbook) => wb.roles.map((r) => r.id);
const scopes = (wb: Workbook) => [...wb.systems.map((s) => `system:${s.code}`), ...wb.places.map((p) => `place:${p.code}`), ...wb.pcns.map((p) => `pcn:${p.code}`)];

function uniqueKey(prefix: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  for (let i = 1; ; i++) if (!set.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

const source: Column = { field: ['source'], header: 'Source', type: 'text', width: 320 };
const today = () => new Date().toISOString().slice(0, 10);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const EFFECT_NAMES: Record<string, string> = {
  extraAppointments: 'Extra appointments',
  demandReduction: 'Demand reduction',
  navigationShare: 'Navigation share',
  productivity: 'Productivity',
  recruitment: 'Recruitment',
  externalCapacity: 'External capacity',
};

/** Kinds of effect the Interventions sheet offers (recruitment plans have their own sheet). */
const ACTION_KINDS: EffectKind[] = ['extraAppointments', 'demandReduction', 'navigationShare', 'productivity', 'externalCapacity'];

function freshEffect(kind: EffectKind, was: Effect, wb: Workbook): Effect {
  if (kind === was.kind) return was;
  const role = 'role' in was && was.role ? was.role : null;
  const staffed = (id: string | null) => (id && wb.roles.some((r) => r.id === id && r.group !== 'external') ? id : (wb.roles.find((r) => r.group === 'gp') ?? wb.roles[0]).id);
  switch (kind) {
    case 'extraAppointments':
      return { kind, role: null, amount: 0, basis: 'perWeek' };
    case 'demandReduction':
      return { kind, fraction: 0 };
    case 'navigationShare':
      return { kind, target: wb.settings.navigationShare };
    case 'productivity':
      return { kind, role: staffed(role), fraction: 0 };
    case 'externalCapacity':
      return { kind, role: (wb.roles.find((r) => r.group === 'external') ?? wb.roles[0]).id, appointmentsPerWeek: 0 };
    case 'recruitment':
      return { kind, role: staffed(role), wtePerYear: 0 };
  }
}

const EFFECT_SIZE: Record<string, [string, CellType]> = {
  extraAppointments: ['amount', 'number'],
  demandReduction: ['fraction', 'percent'],
  navigationShare: ['target', 'percent'],
  productivity: ['fraction', 'percent'],
  recruitment: ['wtePerYear', 'wte'],
  externalCapacity: ['appointmentsPerWeek', 'number'],
};

export const SHEETS: Sheet[] = [
  {
    kind: 'record',
    id: 'settings',
    title: 'Settings',
    intro: 'The horizon, navigation today and how GP headcount relates to WTE.',
    fields: (wb) => [
      { path: ['name'], label: 'Workbook name', type: 'text', unit: '' },
      { path: ['settings', 'startDate'], label: 'First week (a Monday)', type: 'date', unit: 'date', source: ['settings', 'sources', 'startDate'] },
      { path: ['settings', 'horizonYears'], label: 'Horizon', type: 'int', unit: 'years', source: ['settings', 'sources', 'horizonYears'] },
      { path: ['settings', 'needWeighting'], label: 'Weight demand by need (Carr-Hill list)', type: 'bool', unit: 'yes / no', source: ['settings', 'sources', 'needWeighting'] },
      { path: ['settings', 'navigationShare'], label: 'Share of demand care-navigated today', type: 'percent', unit: '%', source: ['settings', 'sources', 'navigationShare'] },
      { path: ['settings', 'gpFtePerHeadcount'], label: 'GP FTE per GP headcount', type: 'number', unit: 'ratio', source: ['settings', 'sources', 'gpFtePerHeadcount'] },
      { path: ['settings', 'arrsCapPerWeightedPatient'], label: 'ARRS budget cap (blank for none)', type: 'gbp', unit: '£ per weighted patient a year', nullable: true, source: ['settings', 'sources', 'arrsCapPerWeightedPatient'] },
      ...(wb.description !== undefined ? [{ path: ['description'], label: 'Description', type: 'text' as const, unit: '' }] : []),
    ],
  },
  {
    kind: 'table',
    id: 'practices',
    title: 'Practices and lists',
    intro: 'Registered and need-weighted lists per practice, and the PCN each belongs to.',
    table: 'practices',
    columns: [
      { field: ['code'], header: 'Code', type: 'key', width: 100 },
      { field: ['name'], header: 'Practice', type: 'text', width: 240 },
      { field: ['pcn'], header: 'PCN', type: 'enum', options: (wb) => codes(wb.pcns), width: 130 },
      { field: ['registered'], header: 'Registered patients', type: 'int', width: 150 },
      { field: ['weighted'], header: 'Weighted list', type: 'int', nullable: true, width: 140 },
      source,
    ],
    addBlocked: (wb) => (wb.pcns.length ? null : 'Add a PCN first (PCNs sheet): every practice belongs to one.'),
    newRow: (wb) => ({ code: uniqueKey('NEW', codes(wb.practices)), name: 'New practice', pcn: wb.pcns[0]?.code ?? '', registered: 0, weighted: null, source: 'entered by hand' }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'places',
    title: 'Places',
    intro: 'Places (for example the CCG or borough) in each system, with population growth.',
    table: 'places',
    columns: [
      { field: ['code'], header: 'Code', type: 'key', width: 100 },
      { field: ['name'], header: 'Place', type: 'text', width: 260 },
      { field: ['system'], header: 'System', type: 'enum', options: (wb) => codes(wb.systems), width: 110 },
      { field: ['populationGrowth'], header: 'Population growth a year', type: 'percent', width: 190 },
      source,
    ],
    newRow: (wb) => ({ code: uniqueKey('PLACE', codes(wb.places)), name: 'New place', system: wb.systems[0]?.code ?? '', populationGrowth: 0, source: 'entered by hand' }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'pcns',
    title: 'PCNs',
    intro: 'Primary care networks and the place each belongs to.',
    table: 'pcns',
    columns: [
      { field: ['code'], header: 'Code', type: 'key', width: 130 },
      { field: ['name'], header: 'PCN', type: 'text', width: 300 },
      { field: ['place'], header: 'Place', type: 'enum', options: (wb) => codes(wb.places), width: 110 },
    ],
    addBlocked: (wb) => (wb.places.length ? null : 'Add a place first (Places sheet): every PCN belongs to one.'),
    newRow: (wb) => ({ code: uniqueKey('PCN', codes(wb.pcns)), name: 'New PCN', place: wb.places[0]?.code ?? '' }),
    canDelete: true,
  },
  {
    kind: 'record',
    id: 'demand',
    title: 'Demand and seasonality',
    intro: 'Consultations per patient a year, their growth, and the month-by-month pattern (1 = average month).',
    fields: () => [
      { path: ['demand', 'consultationRate'], label: 'Consultations per patient a year', type: 'number', unit: 'per patient a year', source: ['demand', 'sources', 'consultationRate'] },
      { path: ['demand', 'rateGrowth'], label: 'Growth in consultation rate', type: 'percent', unit: '% a year', source: ['demand', 'sources', 'rateGrowth'] },
      ...MONTHS.map((m, i) => ({ path: ['demand', 'seasonality', i], label: `Seasonal index: ${m}`, type: 'number' as const, unit: 'index', source: ['demand', 'sources', 'seasonality'] })),
    ],
  },
  {
    kind: 'table',
    id: 'needs',
    title: 'Need mix and pathways',
    intro: 'Share of demand by need, the roles navigators route it to (in order), and where it books without navigation. Shares must add up to 100%.',
    table: 'needs',
    columns: [
      { field: ['id'], header: 'Id', type: 'key', width: 120 },
      { field: ['name'], header: 'Need', type: 'text', width: 220 },
      { field: ['share'], header: 'Share of demand', type: 'percent', width: 140 },
      { field: ['pathway'], header: 'Pathway (roles in order)', type: 'list', options: roleIds, width: 260 },
      { field: ['defaultRoute'], header: 'Books without navigation', type: 'enum', options: roleIds, width: 190 },
      source,
    ],
    newRow: (wb) => ({ id: uniqueKey('need', wb.needs.map((n) => n.id)), name: 'New need', share: 0, pathway: [wb.roles[0]?.id ?? 'gp'], defaultRoute: wb.roles[0]?.id ?? 'gp', source: 'entered by hand' }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'roles',
    title: 'Roles',
    intro: 'Each professional role: contacts a day, clinical days, did-not-attend rate, costs, and how staff leave and are replaced.',
    table: 'roles',
    columns: [
      { field: ['id'], header: 'Id', type: 'key', width: 150 },
      { field: ['name'], header: 'Role', type: 'text', width: 200 },
      { field: ['group'], header: 'Group', type: 'enum', options: () => ['gp', 'nursing', 'arrs', 'other', 'external'], width: 100 },
      { field: ['contactsPerDay'], header: 'Contacts a day', type: 'number', width: 120 },
      { field: ['safeContactsPerDay'], header: 'Safe contacts a day', type: 'number', nullable: true, width: 140 },
      { field: ['clinicalDaysPerYear'], header: 'Clinical days a year', type: 'number', width: 140 },
      { field: ['dnaRate'], header: 'Did not attend', type: 'percent', width: 120 },
      { field: ['costPerWte'], header: 'Cost per WTE', type: 'gbp', width: 120 },
      { field: ['costPerAppointment'], header: 'Cost per appointment', type: 'gbp', width: 150 },
      { field: ['leavingRate'], header: 'Leaving a year', type: 'percent', width: 120 },
      { field: ['replacementRate'], header: 'Leavers replaced', type: 'percent', width: 130 },
      { field: ['replacementLagWeeks'], header: 'Replacement lag (weeks)', type: 'int', width: 170 },
      source,
    ],
    newRow: (wb) => ({ id: uniqueKey('role', roleIds(wb)), name: 'New role', group: 'other', contactsPerDay: 20, safeContactsPerDay: null, clinicalDaysPerYear: 200, dnaRate: 0.05, costPerWte: 0, costPerAppointment: 0, leavingRate: 0.1, replacementRate: 0.9, replacementLagWeeks: 12, source: 'illustrative' }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'workforce',
    title: 'Workforce',
    intro: 'WTE in post at the start, by practice or PCN and role.',
    table: 'workforce',
    columns: [
      { field: ['level'], header: 'Held by', type: 'enum', options: () => ['practice', 'pcn'], width: 100 },
      { field: ['code'], header: 'Practice or PCN', type: 'key', width: 140 },
      { field: ['role'], header: 'Role', type: 'enum', options: roleIds, width: 170 },
      { field: ['wte'], header: 'WTE', type: 'wte', width: 100 },
      source,
    ],
    addBlocked: (wb) => (wb.practices.length ? null : 'Add a practice first (Practices and lists sheet): staff are held by a practice or its PCN.'),
    newRow: (wb) => {
      const code = wb.practices[0]?.code ?? '';
      const taken = new Set(wb.workforce.filter((w) => w.level === 'practice' && w.code === code).map((w) => w.role));
      const role = wb.roles.find((r) => !taken.has(r.id))?.id ?? wb.roles[0].id;
      return { level: 'practice', code, role, wte: 0, source: 'entered by hand' };
    },
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'recruitment',
    title: 'Recruitment plans',
    intro: 'Planned recruits by role (WTE a year) and where; switch them on in a scenario.',
    table: 'interventions',
    filter: (r) => (r.effect as { kind?: string } | undefined)?.kind === 'recruitment',
    columns: [
      { field: ['id'], header: 'Id', type: 'key', width: 170 },
      { field: ['name'], header: 'Plan', type: 'text', width: 260 },
      { field: ['scope'], header: 'Where', type: 'enum', options: scopes, width: 130 },
      { field: ['effect', 'role'], header: 'Role', type: 'enum', options: roleIds, width: 150 },
      { field: ['effect', 'wtePerYear'], header: 'WTE a year', type: 'wte', width: 110 },
      { field: ['start'], header: 'From', type: 'date', width: 120 },
      { field: ['end'], header: 'Until', type: 'date', nullable: true, width: 120 },
      { field: ['annualCost'], header: 'Cost a year', type: 'gbp', width: 130 },
      source,
    ],
    newRow: (wb) => ({ id: uniqueKey('recruit-', wb.interventions.map((i) => i.id)), name: 'New recruitment plan', scope: `system:${wb.systems[0].code}`, start: wb.settings.startDate, end: null, rampWeeks: 0, annualCost: 0, effect: { kind: 'recruitment', role: wb.roles[0].id, wtePerYear: 0 }, source: 'entered by hand' }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'interventions',
    title: 'Interventions',
    intro: 'Actions that add capacity, reduce demand, improve navigation or productivity. Size is in the unit of the effect.',
    table: 'interventions',
    filter: (r) => (r.effect as { kind?: string } | undefined)?.kind !== 'recruitment',
    columns: [
      { field: ['id'], header: 'Id', type: 'key', width: 170 },
      { field: ['name'], header: 'Intervention', type: 'text', width: 260 },
      {
        field: ['effect', 'kind'],
        header: 'Effect',
        type: 'enum',
        width: 170,
        options: () => ACTION_KINDS,
        labels: EFFECT_NAMES,
        // a new kind of effect starts from its own blank effect: its size is typed next
        setAs: (kind, row, wb) => ({ field: ['effect'], value: freshEffect(kind as EffectKind, row.effect as Effect, wb) }),
        help: 'what the action does; choosing another kind resets its size',
      },
      {
        field: ['size'],
        header: 'Size',
        type: 'number',
        width: 100,
        fieldFor: (r) => {
          const k = (r.effect as { kind: string }).kind;
          return EFFECT_SIZE[k] ? ['effect', EFFECT_SIZE[k][0]] : null;
        },
        typeFor: (r) => EFFECT_SIZE[(r.effect as { kind: string }).kind]?.[1] ?? 'number',
        help: 'appointments a week, a percentage or WTE, by effect',
      },
      { field: ['effect', 'basis'], header: 'Basis', type: 'enum', options: () => ['perWeek', 'perWeekPer1000Patients'], labels: { perWeek: 'a week', perWeekPer1000Patients: 'a week per 1,000 patients' }, width: 190 },
      { field: ['effect', 'role'], header: 'Role', type: 'enum', nullable: true, options: roleIds, width: 140 },
      { field: ['scope'], header: 'Where', type: 'enum', options: scopes, width: 130 },
      { field: ['start'], header: 'From', type: 'date', width: 120 },
      { field: ['end'], header: 'Until', type: 'date', nullable: true, width: 120 },
      { field: ['rampWeeks'], header: 'Ramp-up (weeks)', type: 'int', width: 130 },
      { field: ['annualCost'], header: 'Cost a year', type: 'gbp', width: 130 },
      source,
    ],
    newRow: (wb) => ({ id: uniqueKey('action-', wb.interventions.map((i) => i.id)), name: 'New action', scope: `system:${wb.systems[0].code}`, start: wb.settings.startDate, end: null, rampWeeks: 0, annualCost: 0, effect: { kind: 'extraAppointments', role: null, amount: 0, basis: 'perWeek' }, source: 'entered by hand' }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'scenarios',
    title: 'Scenarios',
    intro: 'Each scenario is the workbook with some values overridden (path = value) and some interventions switched on.',
    table: 'scenarios',
    columns: [
      { field: ['id'], header: 'Id', type: 'key', width: 150 },
      { field: ['name'], header: 'Scenario', type: 'text', width: 240 },
      { field: ['description'], header: 'Description', type: 'text', width: 320 },
      { field: ['interventions'], header: 'Interventions on', type: 'list', options: (wb) => wb.interventions.map((i) => i.id), width: 320 },
      { field: ['overrides'], header: 'Overrides (path = value; …)', type: 'overrides', width: 420 },
    ],
    newRow: (wb) => ({ id: uniqueKey('scenario-', wb.scenarios.map((s) => s.id)), name: 'New scenario', description: '', overrides: [], interventions: [] }),
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'external',
    title: 'External capacity',
    intro: 'Appointments a week provided outside the practices (for example community pharmacy), by place and role.',
    table: 'externalCapacity',
    columns: [
      { field: ['scope'], header: 'Where', type: 'enum', options: scopes, width: 150 },
      { field: ['role'], header: 'Role', type: 'enum', options: roleIds, width: 180 },
      { field: ['appointmentsPerWeek'], header: 'Appointments a week', type: 'number', width: 170 },
      source,
    ],
    newRow: (wb) => {
      const role = wb.roles.find((r) => r.group === 'external')?.id ?? wb.roles[0].id;
      const taken = new Set(wb.externalCapacity.filter((e) => e.role === role).map((e) => e.scope));
      return { scope: scopes(wb).find((s) => !taken.has(s)) ?? `system:${wb.systems[0].code}`, role, appointmentsPerWeek: 0, source: 'entered by hand' };
    },
    canDelete: true,
  },
  {
    kind: 'table',
    id: 'funding',
    title: 'Funding',
    intro: 'The money available: recurrent (a year) or one-off, over its dates.',
    table: 'funding',
    columns: [
      { field: ['id'], header: 'Id', type: 'key', width: 140 },
      { field: ['name'], header: 'Funding', type: 'text', width: 260 },
      { field: ['kind'], header: 'Kind', type: 'enum', options: () => ['recurrent', 'oneOff'], width: 110 },
      { field: ['amountGBP'], header: 'Amount', type: 'gbp', width: 140 },
      { field: ['from'], header: 'From', type: 'date', width: 120 },
      { field: ['to'], header: 'Until', type: 'date', nullable: true, width: 120 },
      source,
    ],
    newRow: (wb) => ({ id: uniqueKey('funding-', wb.funding.map((f) => f.id)), name: 'New funding', kind: 'recurrent', amountGBP: 0, from: today(), to: null, source: 'entered by hand' }),
    canDelete: true,
  },
];
