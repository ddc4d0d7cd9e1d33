// Workshop mode as plain functions of a workbook: which values can be levers, what a pinned
// snapshot keeps, how a snapshot or the start of a session is brought back, and how a snapshot
// becomes a scenario. The app (src/state/workshop.svelte.ts) and the command line
// (`npm run calc -- --snapshot NAME`) both use these, so they never disagree about a snapshot.
import { formatPath, getAt, parsePath, setAt, type Path } from './paths';
import type { Lever, LogEntry, PinnedValue, Scenario, Snapshot, Workbook, Workshop } from './schema';

export type Scalar = number | string | boolean | null;

/** An edit as the workspace applies it. */
export interface PathEdit {
  path: Path;
  value: unknown;
}

export const MAX_LOG = 5000;

/** Now, as the workshop record writes times. */
export function timestamp(): string {
  return new Date().toISOString();
}

export function emptyWorkshop(): Workshop {
  return { levers: [], snapshots: [], log: [], session: null };
}

export function isScalar(x: unknown): x is Scalar {
  return x === null || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
}

// ---- levers ---------------------------------------------------------------------------------

/** Fields held as fractions (0.25 = 25%): their levers show percentages. */
const PERCENT_FIELDS = new Set(['navigationShare', 'rateGrowth', 'populationGrowth', 'dnaRate', 'leavingRate', 'replacementRate', 'fraction', 'target']);

export function isPercentPath(path: string): boolean {
  const p = parsePath(path);
  const last = p?.[p.length - 1];
  return typeof last === 'string' && PERCENT_FIELDS.has(last);
}

export interface LeverCandidate {
  path: string;
  label: string;
  group: string;
  value: number;
  min: number;
  max: number;
  step: number;
}

const EFFECT_FIELDS: Record<string, [string, string]> = {
  extraAppointments: ['amount', 'extra appointments'],
  demandReduction: ['fraction', 'demand reduction'],
  navigationShare: ['target', 'navigation share target'],
  productivity: ['fraction', 'productivity change'],
  recruitment: ['wtePerYear', 'WTE recruited a year'],
  externalCapacity: ['appointmentsPerWeek', 'appointments a week'],
};

const ROLE_FIELDS: [keyof Workbook['roles'][number], string][] = [
  ['contactsPerDay', 'contacts per day'],
  ['safeContactsPerDay', 'safe contacts per day'],
  ['clinicalDaysPerYear', 'clinical days per WTE'],
  ['dnaRate', 'did-not-attend rate'],
  ['leavingRate', 'leaving rate'],
  ['replacementRate', 'replacement rate'],
  ['costPerWte', 'cost per WTE'],
];

/** A step of 1, 2 or 5 times a power of ten, about a hundredth of the range. */
export function niceStep(range: number): number {
  if (!(range > 0)) return 1;
  const raw = range / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** Suggested range and step for a value: fractions 0-100%, rates -5% to +10% a year, else 0 to about three times the value. */
export function suggestRange(path: string, value: number): { min: number; max: number; step: number } {
  const last = parsePath(path)?.at(-1);
  if (last === 'rateGrowth' || last === 'populationGrowth') return { min: -0.05, max: 0.1, step: 0.005 };
  if (last === 'fraction' && value < 0) return { min: -0.9, max: 1, step: 0.01 };
  if (typeof last === 'string' && PERCENT_FIELDS.has(last)) return { min: 0, max: last === 'replacementRate' ? 2 : 1, step: 0.01 };
  const top = value > 0 ? value * 3 : 10;
  const step = niceStep(top);
  return { min: 0, max: Math.ceil(top / step) * step, step };
}

/** Every numeric assumption and intervention size a facilitator may pick as a lever. */
export function leverCandidates(wb: Workbook): LeverCandidate[] {
  const out: LeverCandidate[] = [];
  const add = (path: Path, label: string, group: string) => {
    const value = getAt(wb, path);
    if (typeof value !== 'number') return;
    const text = formatPath(path);
    out.push({ path: text, label, group, value, ...suggestRange(text, value) });
  };
  for (const i of wb.interventions) {
    const [field, what] = EFFECT_FIELDS[i.effect.kind];
    add(['interventions', i.id, 'effect', field], `${i.name}: ${what}`, 'Interventions');
    add(['interventions', i.id, 'annualCost'], `${i.name}: annual cost`, 'Interventions');
  }
  add(['settings', 'navigationShare'], 'Share of demand navigated to other roles', 'Settings and demand');
  add(['settings', 'gpFtePerHeadcount'], 'GP FTE per headcount', 'Settings and demand');
  add(['settings', 'arrsCapPerWeightedPatient'], 'ARRS budget cap per weighted patient', 'Settings and demand');
  add(['demand', 'consultationRate'], 'Consultations per patient a year', 'Settings and demand');
  add(['demand', 'rateGrowth'], 'Growth in consultations a year', 'Settings and demand');
  for (const r of wb.roles) for (const [f, what] of ROLE_FIELDS) add(['roles', r.id, f], `${r.name}: ${what}`, 'Roles');
  for (const p of wb.places) add(['places', p.code, 'populationGrowth'], `${p.name}: population growth`, 'Places');
  for (const e of wb.externalCapacity) add(['externalCapacity', `${e.scope}:${e.role}`, 'appointmentsPerWeek'], `External ${e.role} (${e.scope}): appointments a week`, 'External capacity');
  return out;
}

/** The lever's value in the workbook, or undefined when its path no longer names a number. */
export function leverValue(wb: Workbook, lever: Lever): number | undefined {
  const path = parsePath(lever.path);
  const v = path ? getAt(wb, path) : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** A value moved to the lever's grid and range (a slider cannot stop between steps). */
export function snapToLever(lever: Lever, value: number): number {
  const clamped = Math.min(lever.max, Math.max(lever.min, value));
  const steps = Math.round((clamped - lever.min) / lever.step);
  // round away binary noise such as 0.30000000000000004
  return Math.min(lever.max, Number((lever.min + steps * lever.step).toPrecision(12)));
}

// ---- the session log --------------------------------------------------------------------------

/** One log entry for a change; values that are whole rows or tables are not kept (see `rows`). */
export function logEntry(label: string, changes: readonly { path: Path; old: unknown; value: unknown }[], at = new Date()): LogEntry {
  const kept: LogEntry['changes'] = [];
  let rows = false;
  for (const c of changes) {
    if (c.path[0] === 'workshop') continue;
    if (isScalar(c.old) && isScalar(c.value)) kept.push({ path: formatPath(c.path), old: c.old, value: c.value });
    else rows = true;
  }
  return { at: at.toISOString(), label: label.slice(0, 300), changes: kept, rows };
}

/** Adds an entry, dropping the oldest ones past the limit (snapshots and the session keep their place). */
export function appendLog(w: Workshop, entry: LogEntry): Workshop {
  let log = [...w.log, entry];
  let { snapshots, session } = w;
  const drop = log.length - MAX_LOG;
  if (drop > 0) {
    log = log.slice(drop);
    snapshots = snapshots.map((s) => ({ ...s, logLength: Math.max(0, s.logLength - drop) }));
    session = session && { ...session, from: Math.max(0, session.from - drop) };
  }
  return { ...w, log, snapshots, session };
}

/** Replaces the last entry (a lever still being moved is one line in the log). */
export function replaceLastLog(w: Workshop, entry: LogEntry): Workshop {
  return { ...w, log: [...w.log.slice(0, -1), entry] };
}

/** Merges a further move of the same lever into its log entry: first old value, latest value. */
export function mergeLogEntries(first: LogEntry, next: LogEntry): LogEntry {
  const changes = first.changes.map((c) => ({ ...c }));
  for (const n of next.changes) {
    const hit = changes.find((c) => c.path === n.path);
    if (hit) hit.value = n.value;
    else changes.push({ ...n });
  }
  return { at: next.at, label: next.label, changes, rows: first.rows || next.rows };
}

export function sessionLog(w: Workshop): LogEntry[] {
  return w.session ? w.log.slice(w.session.from) : [];
}

export interface Restore {
  edits: PathEdit[];
  /** Values that could not be set back: rows added or deleted, or a value whose row is gone. */
  skipped: number;
}

function toEdits(wb: Workbook, wanted: Map<string, Scalar>, skipped: number): Restore {
  const edits: PathEdit[] = [];
  for (const [text, value] of wanted) {
    const path = parsePath(text);
    const now = path ? getAt(wb, path) : undefined;
    if (!path || now === undefined || (now !== null && typeof now === 'object')) {
      skipped++;
      continue;
    }
    if (!Object.is(now, value)) edits.push({ path, value });
  }
  return { edits, skipped };
}

/** Everything to set back to undo the changes logged from entry `from` on (first old value of each path). */
function undoFrom(w: Workshop, from: number, into: Map<string, Scalar>): number {
  let rows = 0;
  for (const e of w.log.slice(from)) {
    if (e.rows) rows++;
    for (const c of e.changes) if (!into.has(c.path)) into.set(c.path, c.old);
  }
  return rows;
}

/** The edits that take the workbook back to how it was when the session started. */
export function backToStart(wb: Workbook, w: Workshop): Restore {
  if (!w.session) return { edits: [], skipped: 0 };
  const wanted = new Map<string, Scalar>();
  const rows = undoFrom(w, w.session.from, wanted);
  return toEdits(wb, wanted, rows);
}

// ---- snapshots --------------------------------------------------------------------------------

/** What a snapshot keeps: the value at every lever and at every path the log has seen changed. */
export function pinValues(wb: Workbook, w: Workshop): PinnedValue[] {
  const paths = new Set<string>();
  for (const l of w.levers) paths.add(l.path);
  for (const e of w.log) for (const c of e.changes) paths.add(c.path);
  const out: PinnedValue[] = [];
  for (const text of paths) {
    const path = parsePath(text);
    const value = path ? getAt(wb, path) : undefined;
    if (value !== undefined && isScalar(value)) out.push({ path: formatPath(path!), value });
  }
  return out;
}

/**
 * The edits that bring a snapshot back: its kept values, and for any value changed only after it
 * was pinned, the value from before that change.
 */
export function restoreSnapshot(wb: Workbook, w: Workshop, snap: Snapshot): Restore {
  const wanted = new Map<string, Scalar>(snap.values.map((v) => [v.path, v.value]));
  undoFrom(w, Math.min(snap.logLength, w.log.length), wanted);
  return toEdits(wb, wanted, 0);
}

/** A snapshot by id or name (ignoring case), for the command line. */
export function findSnapshot(wb: Workbook, wanted: string): Snapshot | undefined {
  const w = wanted.trim().toLowerCase();
  return wb.workshop?.snapshots.find((s) => s.id.toLowerCase() === w || s.name.trim().toLowerCase() === w);
}

/** The workbook as it was when the snapshot was pinned (as far as the log and levers tell). */
export function workbookAtSnapshot(wb: Workbook, snap: Snapshot): Workbook {
  const { edits } = restoreSnapshot(wb, wb.workshop ?? emptyWorkshop(), snap);
  let out = wb;
  for (const e of edits) out = setAt(out, e.path, e.value);
  return out;
}

/** A key for a new row from a name: letters, digits and dashes, unique among `taken`. */
export function uniqueKey(name: string, keys: Iterable<string>, fallback = 'item'): string {
  const taken = new Set(keys);
  const stem =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || fallback;
  let key = stem;
  for (let n = 2; taken.has(key); n++) key = `${stem}-${n}`;
  return key;
}

/** Paths a scenario may not override (see checkOverrides in validate.ts). */
function overridable(path: Path): boolean {
  const root = path[0];
  if (root === 'scenarios' || root === 'format' || root === 'version' || root === 'workshop' || root === 'name' || root === 'description') return false;
  return !(root === 'settings' && (path[1] === 'startDate' || path[1] === 'horizonYears'));
}

/**
 * A scenario that reproduces a snapshot: the pinned scenario's interventions and overrides, plus an
 * override for each kept value that differs from the base workbook now. `left` counts kept values
 * a scenario cannot hold (names, the timeline).
 */
export function snapshotScenario(wb: Workbook, snap: Snapshot): { scenario: Scenario; left: number } {
  const from = wb.scenarios.find((s) => s.id === snap.scenario);
  const overrides = [...(from?.overrides ?? [])];
  const taken = new Set(overrides.map((o) => formatPath(parsePath(o.path) ?? [o.path])));
  const restore = restoreSnapshot(wb, wb.workshop ?? emptyWorkshop(), snap);
  const pinned = new Map<string, Scalar>(snap.values.map((v) => [v.path, v.value]));
  for (const e of restore.edits) pinned.set(formatPath(e.path), e.value as Scalar);
  let left = 0;
  for (const [text, value] of pinned) {
    const path = parsePath(text);
    if (!path || taken.has(text)) continue;
    if (!overridable(path)) {
      left++;
      continue;
    }
    if (!Object.is(getAt(wb, path), value)) overrides.push({ path: text, value });
  }
  const id = uniqueKey(snap.name, wb.scenarios.map((s) => s.id), 'snapshot');
  const names = new Set(wb.scenarios.map((s) => s.name));
  let name = snap.name;
  for (let n = 2; names.has(name); n++) name = `${snap.name} (${n})`;
  const scenario: Scenario = {
    id,
    name: name.slice(0, 200),
    description: `From the snapshot "${snap.name}" pinned ${snap.pinnedAt.slice(0, 16).replace('T', ' ')} UTC${from ? `, on ${from.name}` : ''}.`,
    overrides,
    interventions: [...(from?.interventions ?? [])],
  };
  return { scenario, left };
}
