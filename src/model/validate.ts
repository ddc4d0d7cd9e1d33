// Turns untrusted input (an opened file, a pasted block, a stored record) into a Workbook or a list
// of plain-English problems, each tied to the field path where it was found. Nothing here mutates
// its input or merges it into live state: the result is a fresh object built by the schema.
import * as v from 'valibot';
import { countOverrides, FORMAT, FORMAT_VERSION, MAX_OVERRIDES, WorkbookSchema, type Workbook } from './schema';
import { formatPath, getAt, isKeyedTable, KEYED_TABLES, parsePath, PathWriter, rowKey, type Segment } from './paths';
import { PART_SCHEMAS, ROW_SCHEMAS } from './cells';
import { isMonday, parseIsoDate } from './dates';
import { migrate } from './migrate';
import { MAX_DEPTH, MAX_VALUES } from './limits';
import { checkEdit } from './cells';

export interface Problem {
  /** Where, as a workbook path such as `practices[F81001].registered`; '' for the whole file. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; workbook: Workbook; warnings: Problem[] } | { ok: false; problems: Problem[]; newer?: boolean };

/** Where a workbook comes from: a file (or pasted text), or the browser's own store. */
export type Source = 'file' | 'store';

/**
 * The one check for every workbook that comes in, opened from a file or read from the browser's
 * store: both are untrusted (a file from anyone; a store written by a newer Headroom, a damaged
 * disk or a hand edit). Migrated, limited, shape-checked and checked between tables alike. The one
 * difference: a stored workbook may have been saved mid-edit with a rule between tables broken (a
 * need share not yet at 100%), so those problems are flagged on screen when it opens, not refused.
 */
export function readWorkbook(input: unknown, source: Source): ParseResult {
  // a file's text was scanned for depth and size before parsing; a stored record arrives as objects
  const scanned = source === 'store' ? scanValue(input) : null;
  if (scanned) return { ok: false, problems: [{ path: '', message: scanned }] };
  const migrated = migrate(input);
  if (!migrated.ok) {
    const message = source === 'store' ? migrated.message.replace('the file was made', 'it was made') : migrated.message;
    return { ok: false, newer: isNewer(input), problems: [{ path: migrated.path, message }] };
  }
  // refuse an oversized file before the schema and the checks spend seconds on it
  const overrides = countOverrides(migrated.value.scenarios);
  if (overrides > MAX_OVERRIDES) {
    return { ok: false, problems: [{ path: 'scenarios', message: `the scenarios have ${overrides.toLocaleString('en-GB')} overrides in all; a workbook may have at most ${MAX_OVERRIDES.toLocaleString('en-GB')}` }] };
  }
  const shape = v.safeParse(WorkbookSchema, migrated.value, { abortEarly: false });
  if (!shape.success) return { ok: false, problems: shape.issues.slice(0, 50).map(toProblem) };
  if (source === 'file') {
    const problems = checkWorkbook(shape.output);
    if (problems.length) return { ok: false, problems };
  }
  return { ok: true, workbook: shape.output, warnings: workbookWarnings(shape.output) };
}

/** Parses, migrates and checks a workbook of unknown origin (a file, pasted text). */
export function parseWorkbook(input: unknown): ParseResult {
  return readWorkbook(input, 'file');
}

function isNewer(input: unknown): boolean {
  const version = input && typeof input === 'object' ? (input as { version?: unknown }).version : undefined;
  return typeof version === 'number' && version > FORMAT_VERSION;
}

/** The limits a file's text is held to (MAX_DEPTH, MAX_VALUES), on a value already in memory. */
function scanValue(input: unknown): string | null {
  const stack: [unknown, number][] = [[input, 1]];
  let values = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (++values > MAX_VALUES) return `it holds more than ${MAX_VALUES.toLocaleString('en-GB')} values; a Headroom workbook holds at most that many`;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return `it nests lists or objects more than ${MAX_DEPTH} deep; a Headroom workbook nests at most 6`;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}

/** Longest refusal shown or printed: one line, read at a glance. */
export const MAX_MESSAGE_CHARS = 300;

/**
 * One line for a person, at most MAX_MESSAGE_CHARS: the first few problems and how many more there
 * are. `where` turns a path into words (the app names the sheet, row and column; the command line
 * keeps the path).
 */
export function describeProblems(problems: readonly Problem[], where: (path: string) => string = (p) => p): string {
  if (problems.length === 0) return 'no problems';
  const one = (p: Problem) => {
    const place = p.path ? where(p.path) : '';
    // a whole sheet or field not there reads as a sentence: "the Practices sheet is missing"
    const text = !place ? p.message : p.message === 'is missing' ? `${/ sheet$/.test(place) ? 'the ' : ''}${place} is missing` : `${place}: ${p.message}`;
    return clip(text.replace(/\s+/g, ' '), 160);
  };
  const rest = (n: number) => (n > 0 ? ` (and ${n} more problem${n > 1 ? 's' : ''})` : '');
  let out = one(problems[0]);
  let shown = 1;
  while (shown < Math.min(problems.length, 3)) {
    const next = `${out}; ${one(problems[shown])}`;
    if (next.length + rest(problems.length - shown - 1).length > MAX_MESSAGE_CHARS) break;
    out = next;
    shown++;
  }
  return clip(out, MAX_MESSAGE_CHARS - rest(problems.length - shown).length) + rest(problems.length - shown);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

function toProblem(issue: v.BaseIssue<unknown>): Problem {
  const segs: Segment[] = [];
  let parent = '';
  for (const item of issue.path ?? []) {
    const k = item.key as unknown;
    if (item.type === 'array' && typeof k === 'number') {
      // name a table row by its key when it has one: practices[F81001] reads better than practices[17]
      const row = (item.input as unknown[])[k];
      const key = isKeyedTable(parent) && row && typeof row === 'object' ? safeKey(parent, row) : null;
      segs.push(key ?? k);
    } else if (typeof k === 'string') segs.push(k);
    else segs.push(String(k));
    parent = typeof k === 'string' ? k : '';
  }
  let message = issue.message;
  if (issue.kind === 'schema' && issue.expected === 'never' && segs.length) message = `unknown field '${String(segs[segs.length - 1])}'`;
  else if (issue.received === 'undefined') message = 'is missing';
  return { path: formatPath(segs), message };
}

function safeKey(table: string, row: object): string | null {
  if (!isKeyedTable(table)) return null;
  const k = rowKey(table, row);
  return /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(k) && !k.includes('undefined') ? k : null;
}

/**
 * Checks what a schema cannot: unique keys, references between tables, sums, dates. A file's
 * refusal lists the first 50; the workspace asks for all of them, to flag every cell concerned.
 */
export function checkWorkbook(wb: Workbook, withScenarios = true, limit = 50): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, message: string) => {
    if (out.length < limit) out.push({ path, message });
  };

  for (const table of KEYED_TABLES) {
    const seen = new Set<string>();
    for (const row of wb[table] as object[]) {
      const k = rowKey(table, row);
      if (seen.has(k)) add(`${table}[${k}]`, `appears more than once; each row needs its own ${keyWord(table)}`);
      seen.add(k);
    }
  }

  if (!isMonday(wb.settings.startDate)) add('settings.startDate', `${wb.settings.startDate} is not a Monday; weeks start on Mondays`);

  const systems = new Set(wb.systems.map((s) => s.code));
  const places = new Set(wb.places.map((p) => p.code));
  const pcns = new Set(wb.pcns.map((p) => p.code));
  const practices = new Set(wb.practices.map((p) => p.code));
  const roles = new Map(wb.roles.map((r) => [r.id, r]));
  const interventions = new Set(wb.interventions.map((i) => i.id));

  for (const p of wb.places) if (!systems.has(p.system)) add(`places[${p.code}].system`, `no system has the code '${p.system}'`);
  for (const p of wb.pcns) if (!places.has(p.place)) add(`pcns[${p.code}].place`, `no place has the code '${p.place}'`);
  for (const p of wb.practices) if (!pcns.has(p.pcn)) add(`practices[${p.code}].pcn`, `no PCN has the code '${p.pcn}'`);

  const scopeExists = (scope: string) => {
    const [level, code] = scope.split(':') as [string, string];
    return level === 'system' ? systems.has(code) : level === 'place' ? places.has(code) : pcns.has(code);
  };
  const roleCheck = (path: string, id: string, want: 'staffed' | 'external' | 'any') => {
    const r = roles.get(id);
    if (!r) return add(path, `no role has the id '${id}'`);
    if (want === 'staffed' && r.group === 'external') add(path, `'${r.name}' is an external role, counted in appointments per week, not WTE`);
    if (want === 'external' && r.group !== 'external') add(path, `'${r.name}' is not an external role; only external roles have appointments per week instead of WTE`);
  };

  let shareSum = 0;
  for (const n of wb.needs) {
    shareSum += n.share;
    n.pathway.forEach((id, i) => roleCheck(`needs[${n.id}].pathway[${i}]`, id, 'any'));
    if (new Set(n.pathway).size !== n.pathway.length) add(`needs[${n.id}].pathway`, 'names a role more than once');
    roleCheck(`needs[${n.id}].defaultRoute`, n.defaultRoute, 'any');
  }
  if (Math.abs(shareSum - 1) > 1e-6) {
    add('needs', `need shares add up to ${(shareSum * 100).toFixed(1)}%; they must add up to 100%`);
  }

  for (const w of wb.workforce) {
    const path = `workforce[${rowKey('workforce', w)}]`;
    if (w.level === 'practice' ? !practices.has(w.code) : !pcns.has(w.code)) add(`${path}.code`, `no ${w.level === 'pcn' ? 'PCN' : 'practice'} has the code '${w.code}'`);
    roleCheck(`${path}.role`, w.role, 'staffed');
  }
  for (const e of wb.externalCapacity) {
    const path = `externalCapacity[${rowKey('externalCapacity', e)}]`;
    if (!scopeExists(e.scope)) add(`${path}.scope`, `'${e.scope}' names no system, place or PCN in this workbook`);
    if (e.scope.startsWith('pcn:')) add(`${path}.scope`, 'external capacity is stated for a system or a place, not a PCN');
    roleCheck(`${path}.role`, e.role, 'external');
  }

  for (const i of wb.interventions) {
    const path = `interventions[${i.id}]`;
    if (!scopeExists(i.scope)) add(`${path}.scope`, `'${i.scope}' names no system, place or PCN in this workbook`);
    if (i.end !== null && parseIsoDate(i.end) <= parseIsoDate(i.start)) add(`${path}.end`, `ends (${i.end}) on or before it starts (${i.start})`);
    const e = i.effect;
    if (e.kind === 'extraAppointments' && e.role !== null) roleCheck(`${path}.effect.role`, e.role, 'any');
    if (e.kind === 'productivity' || e.kind === 'recruitment') roleCheck(`${path}.effect.role`, e.role, 'staffed');
    if (e.kind === 'externalCapacity') roleCheck(`${path}.effect.role`, e.role, 'external');
  }

  for (const f of wb.funding) {
    if (f.to !== null && parseIsoDate(f.to) <= parseIsoDate(f.from)) add(`funding[${f.id}].to`, `ends (${f.to}) on or before it starts (${f.from})`);
  }

  out.push(...checkRanges(wb).slice(0, Math.max(0, limit - out.length)));

  // a scenario's overrides are judged against a valid base: otherwise every scenario would repeat
  // the base workbook's own problem
  const baseValid = out.length === 0;
  for (const s of withScenarios ? wb.scenarios : []) {
    s.interventions.forEach((id, i) => {
      if (!interventions.has(id)) add(`scenarios[${s.id}].interventions[${i}]`, `no intervention has the id '${id}'`);
    });
    if (baseValid) for (const p of checkOverrides(wb, s.id)) add(p.path, p.message);
  }
  return out;
}

/** Each override must name an existing value of the same kind, and the result must still be valid. */
function checkOverrides(wb: Workbook, scenarioId: string): Problem[] {
  const scenario = wb.scenarios.find((s) => s.id === scenarioId);
  if (!scenario || scenario.overrides.length === 0) return [];
  const out: Problem[] = [];
  // one copy-on-write pass, not a copy of the workbook per override: 10,000 overrides stay fast
  const applied = new PathWriter(wb);
  const parts = new Set<string>();
  scenario.overrides.forEach((o, i) => {
    if (out.length >= 50) return;
    const at = `scenarios[${scenarioId}].overrides[${i}]`;
    const path = parsePath(o.path);
    if (!path) return out.push({ path: `${at}.path`, message: `'${o.path.slice(0, 80)}' is not a workbook path` });
    if (path[0] === 'scenarios' || path[0] === 'format' || path[0] === 'version') {
      return out.push({ path: `${at}.path`, message: `a scenario cannot override ${String(path[0])}` });
    }
    // every scenario runs on the same weeks, so their figures can be compared year by year
    if (path[0] === 'settings' && (path[1] === 'startDate' || path[1] === 'horizonYears')) {
      return out.push({ path: `${at}.path`, message: `a scenario cannot change settings.${String(path[1])}: all scenarios share one timeline` });
    }
    const current = applied.get(path);
    if (current === undefined || (current !== null && typeof current === 'object')) {
      return out.push({ path: `${at}.path`, message: `'${o.path.slice(0, 80)}' names no single value in this workbook` });
    }
    if (current !== null && o.value !== null && typeof current !== typeof o.value) {
      return out.push({ path: `${at}.value`, message: `'${o.path.slice(0, 80)}' holds ${typeof current === 'number' ? 'a number' : typeof current === 'boolean' ? 'true or false' : 'text'}` });
    }
    applied.set(path, o.value);
    parts.add(String(path[0]));
  });
  if (out.length) return out;
  // The overridden workbook must satisfy every rule the base one does: the rows and blocks the
  // overrides changed against their schemas (the rest is the base, already checked), then the
  // rules between tables.
  const result = applied.root as unknown as Record<string, unknown>;
  const base = wb as unknown as Record<string, unknown>;
  const invalid = (where: string, issue: v.BaseIssue<unknown>) => {
    const p = toProblem(issue);
    const path = p.path ? (p.path.startsWith('[') ? `${where}${p.path}` : `${where}.${p.path}`) : where;
    return [{ path: `scenarios[${scenarioId}].overrides`, message: `these overrides make ${path} invalid: ${p.message}` }];
  };
  for (const part of parts) {
    if (isKeyedTable(part)) {
      const rows = result[part] as object[];
      const was = base[part] as object[];
      for (let i = 0; i < rows.length; i++) {
        if (rows[i] === was[i]) continue;
        const r = v.safeParse(ROW_SCHEMAS[part], rows[i], { abortEarly: true });
        if (!r.success) return invalid(`${part}[${safeKey(part, rows[i]) ?? i}]`, r.issues[0]);
      }
    } else {
      const schema = PART_SCHEMAS[part];
      const r = schema ? v.safeParse(schema, result[part], { abortEarly: true }) : { success: false as const, issues: [] };
      if (!r.success) return r.issues[0] ? invalid(part, r.issues[0]) : [{ path: `scenarios[${scenarioId}].overrides`, message: `a scenario cannot override ${part}` }];
    }
  }
  const first = checkWorkbook(applied.root, false)[0];
  return first ? [{ path: `scenarios[${scenarioId}].overrides`, message: `these overrides make ${first.path || 'the workbook'} invalid: ${first.message}` }] : [];
}

/** Each range must name a numeric value of the workbook, and both its ends must be values the cell may hold. */
function checkRanges(wb: Workbook): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  (wb.ranges ?? []).forEach((r, i) => {
    const at = `ranges[${i}]`;
    const path = parsePath(r.path);
    if (!path) return out.push({ path: `${at}.path`, message: `'${r.path}' is not a workbook path` });
    const canonical = formatPath(path);
    if (seen.has(canonical)) return out.push({ path: `${at}.path`, message: `${canonical} has more than one range` });
    seen.add(canonical);
    if (path[0] === 'scenarios' || path[0] === 'ranges' || path[0] === 'version' || (path[0] === 'settings' && (path[1] === 'startDate' || path[1] === 'horizonYears'))) {
      return out.push({ path: `${at}.path`, message: `${canonical} cannot carry a range` });
    }
    if (typeof getAt(wb, path) !== 'number') return out.push({ path: `${at}.path`, message: `'${r.path}' names no number in this workbook` });
    for (const [end, value] of [['min', r.min], ['max', r.max]] as const) {
      const check = checkEdit(wb, path, value);
      if (!check.ok) out.push({ path: `${at}.${end}`, message: `${canonical} cannot be ${value}: ${check.message}` });
    }
  });
  return out;
}

function keyWord(table: string): string {
  if (table === 'workforce') return 'combination of level, code and role';
  if (table === 'externalCapacity') return 'combination of scope and role';
  return ['systems', 'places', 'pcns', 'practices'].includes(table) ? 'code' : 'id';
}

/** Things worth telling the planner that do not stop the workbook from computing. */
export function workbookWarnings(wb: Workbook): Problem[] {
  const out: Problem[] = [];
  const mean = wb.demand.seasonality.reduce((a, b) => a + b, 0) / 12;
  if (Math.abs(mean - 1) > 0.005) {
    out.push({ path: 'demand.seasonality', message: `the monthly indices average ${mean.toFixed(3)}, not 1: yearly demand is scaled by that much` });
  }
  (wb.ranges ?? []).forEach((r, i) => {
    const path = parsePath(r.path);
    const value = path ? getAt(wb, path) : undefined;
    if (r.mode === null && typeof value === 'number' && (value < r.min || value > r.max)) {
      out.push({ path: `ranges[${i}]`, message: `${r.path} is ${value}, outside its range ${r.min} to ${r.max}; draws take the nearer end as most likely` });
    }
  });
  if (wb.settings.needWeighting) {
    const missing = wb.practices.filter((p) => p.weighted === null).length;
    if (missing) out.push({ path: 'practices', message: `${missing} practice${missing > 1 ? 's have' : ' has'} no weighted list; need weighting uses the registered list for ${missing > 1 ? 'them' : 'it'}` });
  }
  return out;
}

export type StoredCheck = { ok: true; workbook: Workbook } | { ok: false; newer: boolean; problems: Problem[] };

/** A workbook from the browser's store: checked by `readWorkbook` exactly as a file is. */
export function checkStored(input: unknown): StoredCheck {
  const read = readWorkbook(input, 'store');
  return read.ok ? { ok: true, workbook: read.workbook } : { ok: false, newer: read.newer === true, problems: read.problems };
}

/**
 * A workbook made by a newer Headroom, as far as this version can show it: the fields this version
 * knows, checked as any stored workbook is, and the names of those it left out. Null when what it
 * knows does not pass the checks (the newer format changed them): then it is only listed.
 * It is for reading only: saving it here would lose what this version does not know.
 */
export function readNewer(input: unknown): { workbook: Workbook; leftOut: string[] } | null {
  if (!isNewer(input) || (input as { format?: unknown }).format !== FORMAT) return null;
  const known = new Set(Object.keys(WorkbookSchema.entries));
  const doc: Record<string, unknown> = {};
  const leftOut: string[] = [];
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (known.has(key)) doc[key] = value;
    else leftOut.push(key);
  }
  const read = readWorkbook({ ...doc, version: FORMAT_VERSION }, 'store');
  return read.ok ? { workbook: read.workbook, leftOut } : null;
}
