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
  /** Names of the codes this column chooses from: shown and offered as "Name (code)", sorted by name. */
  names?: (wb: Workbook) => Record<string, string>;
  /** A column worked out from the row (a name beside a code): read-only, found by the filter. */
  value?: (row: Record<string, unknown>, wb: Workbook) => string;
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
  newRow?: (wb: Workbook, near?: Record<string, unknown>) => Record<string, unknown>;
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
const namesOf = (rows: { code: string; name: string }[]) => Object.fromEntries(rows.map((r) => [r.code, r.name]));
const roleNames = (wb: Workbook) => Object.fromEntries(wb.roles.map((r) => [r.id, r.name]));
const scopeNames = (wb: Workbook) =>
  Object.fromEntries([
    ...wb.systems.map((s) => [`system:${s.code}`, s.name]),
    ...wb.places.map((p) => [`place:${p.code}`, p.name]),
    ...wb.pcns.map((p) => [`pcn:${p.code}`, p.name]),
  ]);

/** "Name (code)" for each code a column chooses from, or its fixed labels. */
export function choiceLabels(col: Column, wb: Workbook): Record<string, string> | undefined {
  if (!col.names) return col.labels;
  const names = col.names(wb);
  return Object.fromEntries(Object.entries(names).map(([code, name]) => [code, name && name !== code ? `${name} (${code})` : code]));
}

/** A column's choices, sorted by what they are called when they have names. */
export function choiceOptions(col: Column, wb: Workbook): string[] {
  const options = col.options ? col.options(wb) : [];
  const labels = col.names ? choiceLabels(col, wb)! : null;
  return labels ? [...options].sort((a, b) => (labels[a] ?? a).localeCompare(labels[b] ?? b, 'en-GB')) : options;
}
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

/** The first role (GPs first) that a practice or PCN has no row for yet. */
function freeRole(wb: Workbook, level: string, code: string, except?: string): string {
  const taken = new Set(wb.workforce.filter((w) => w.level === level && w.code === code && w.role !== except).map((w) => w.role));
  const staffed = wb.roles.filter((r) => r.group !== 'external');
  const order = [...staffed.filter((r) => r.group === 'gp'), ...staffed.filter((r) => r.group !== 'gp')];
  return (order.find((r) => !taken.has(r.id)) ?? order[0] ?? wb.roles[0]).id;
}

/** A workforce row moved to a practice's PCN, or to the first practice of a PCN. */
function moveHolder(row: Record<string, unknown>, level: 'practice' | 'pcn', wb: Workbook): Record<string, unknown> {
  if (row.level === level) return row;
  const code =
    level === 'pcn'
      ? (wb.practices.find((p) => p.code === row.code)?.pcn ?? wb.pcns[0]?.code ?? '')
      : (wb.practices.find((p) => p.pcn === row.code)?.code ?? wb.practices[0]?.code ?? '');
  const taken = wb.workforce.some((w) => w.level === level && w.code === code && w.role === row.role);
  return { ...row, level, code, role: taken ? freeRole(wb, level, code) : row.role };
}

/** The name of the practice or PCN that holds a workforce row. */
function holderName(r: Record<string, unknown>, wb: Workbook): string {
  const table = r.level === 'pcn' ? wb.pcns : wb.practices;
  return table.find((x) => x.code === r.code)?.name ?? '';
}

/** The PCN of a workforce row: the practice's PCN, or the PCN itself. */
function holderPcn(r: Record<string, unknown>, wb: Workbook): string {
  const code = r.level === 'pcn' ? (r.code as string) : wb.practices.find((p) => p.code === r.code)?.pcn;
  const pcn = wb.pcns.find((p) => p.code === code);
  return pcn ? `${pcn.name} (${pcn.code})` : '';
}

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
      // narrow enough that the lists show beside the results at 1280 pixels (long names end in an ellipsis)
      { field: ['code'], header: 'Code', type: 'key', width: 90 },
      { field: ['name'], header: 'Practice', type: 'text', width: 175 },
      { field: ['pcn'], header: 'PCN', type: 'enum', options: (wb) => codes(wb.pcns), names: (wb) => namesOf(wb.pcns), width: 175 },
      { field: ['registered'], header: 'Registered patients', type: 'int', width: 125 },
      { field: ['weighted'], header: 'Weighted list', type: 'int', nullable: true, width: 110 },
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
      { field: ['system'], header: 'System', type: 'enum', options: (wb) => codes(wb.systems), names: (wb) => namesOf(wb.systems), width: 220 },
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
      { field: ['place'], header: 'Place', type: 'enum', options: (wb) => codes(wb.places), names: (wb) => namesOf(wb.places), width: 260 },
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
      { field: ['defaultRoute'], header: 'Books without navigation', type: 'enum', options: roleIds, names: roleNames, width: 220 },
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
      {
        field: ['level'],
        header: 'Held by',
        type: 'enum',
        options: () => ['practice', 'pcn'],
        labels: { practice: 'Practice', pcn: 'PCN' },
        width: 110,
        // moving a row between a practice and its PCN takes the holder along, so the row stays whole
        setAs: (level, row, wb) => ({ field: [], value: moveHolder(row, level as 'practice' | 'pcn', wb) }),
      },
      { field: ['code'], header: 'Practice or PCN code', type: 'key', width: 120 },
      { field: ['heldByName'], header: 'Name', type: 'text', readOnly: true, width: 250, value: (r, wb) => holderName(r, wb) },
      { field: ['pcnName'], header: 'PCN', type: 'text', readOnly: true, width: 250, value: (r, wb) => holderPcn(r, wb) },
      { field: ['role'], header: 'Role', type: 'enum', options: roleIds, names: roleNames, width: 230 },
      { field: ['wte'], header: 'WTE', type: 'wte', width: 100 },
      source,
    ],
    addBlocked: (wb) => (wb.practices.length ? null : 'Add a practice first (Practices and lists sheet): staff are held by a practice or its PCN.'),
    // a new staff row is held by the practice or PCN in view (the filtered or focused row), in the
    // first role it does not have yet, GPs first
    newRow: (wb, near) => {
      const level = near?.level === 'pcn' ? 'pcn' : 'practice';
      const code = typeof near?.code === 'string' ? near.code : (wb.practices[0]?.code ?? '');
      return { level, code, role: freeRole(wb, level, code), wte: 1, source: 'entered by hand' };
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
      { field: ['scope'], header: 'Where', type: 'enum', options: scopes, names: scopeNames, width: 260 },
      { field: ['effect', 'role'], header: 'Role', type: 'enum', options: roleIds, names: roleNames, width: 200 },
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
      { field: ['effect', 'role'], header: 'Role', type: 'enum', nullable: true, options: roleIds, names: roleNames, width: 200 },
      { field: ['scope'], header: 'Where', type: 'enum', options: scopes, names: scopeNames, width: 260 },
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
      { field: ['scope'], header: 'Where', type: 'enum', options: scopes, names: scopeNames, width: 260 },
      { field: ['role'], header: 'Role', type: 'enum', options: roleIds, names: roleNames, width: 220 },
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
